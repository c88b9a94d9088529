//! Settings of the site whose comments this server keeps.
//!
//! Today a server serves one site, set up on the command line ([`SiteArgs`]). The moderation
//! issue adds sites: each gets its own [`SiteSettings`] (from the database), found from the
//! request, and the handlers keep asking the same questions of it.

use regex::Regex;

use crate::error::ApiError;

/// Command-line options of the site (each also read from the environment).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SiteArgs {
    /// Accept comments only under thread keys that match this regular expression as a whole
    /// (e.g. `/20[0-9]{2}/[0-9]{2}/[a-z0-9-]+`); posts under other keys get 400. By default
    /// every key is accepted, so anyone can open a thread under any key.
    #[arg(long, env = "THREADLINE_THREAD_KEY_PATTERN", value_name = "REGEX", value_parser = ThreadKeyPattern::parse)]
    pub thread_key_pattern: Option<ThreadKeyPattern>,
}

/// A pattern that every thread key must match as a whole.
#[derive(Debug, Clone)]
pub struct ThreadKeyPattern {
    /// The pattern as given, for messages and logs.
    source: String,
    /// The pattern anchored at both ends.
    anchored: Regex,
}

impl ThreadKeyPattern {
    /// Compiles `pattern`, anchored at both ends: `/a/[0-9]+` accepts `/a/12` but neither
    /// `/a/12/b` nor `x/a/12`.
    pub fn parse(pattern: &str) -> Result<Self, String> {
        // Parsed alone first: errors then point into what the operator wrote, and a pattern
        // such as `a)|(b` cannot close the anchoring group and escape it.
        Regex::new(pattern).map_err(|e| format!("`{pattern}` is not a regular expression: {e}"))?;
        let anchored = Regex::new(&format!(r"\A(?:{pattern})\z"))
            .map_err(|e| format!("`{pattern}` cannot be anchored: {e}"))?;
        Ok(Self { source: pattern.to_owned(), anchored })
    }

    /// Whether `key` matches as a whole.
    pub fn matches(&self, key: &str) -> bool {
        self.anchored.is_match(key)
    }

    /// The pattern as given.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

/// What the server enforces for one site.
#[derive(Debug, Clone, Default)]
pub struct SiteSettings {
    /// Thread keys that may get comments; `None` accepts every key.
    pub thread_keys: Option<ThreadKeyPattern>,
}

impl SiteSettings {
    /// The settings given on the command line.
    pub fn from_args(args: &SiteArgs) -> Self {
        Self { thread_keys: args.thread_key_pattern.clone() }
    }

    /// Refuses a post under `thread` (trimmed, as stored) that the site does not accept:
    /// 400 `invalid_field` naming `thread`.
    pub fn check_thread_key(&self, thread: &str) -> Result<(), ApiError> {
        match &self.thread_keys {
            Some(pattern) if !pattern.matches(thread) => Err(ApiError::invalid(
                "thread",
                "This page does not take comments: its thread key is not one this site accepts.",
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_keys_only() {
        let pattern = ThreadKeyPattern::parse("/news/[0-9]+|/blog/[a-z-]+").unwrap();
        for yes in ["/news/1", "/news/2026", "/blog/a-b"] {
            assert!(pattern.matches(yes), "{yes}");
        }
        for no in ["", "/news/", "/news/1/", "x/news/1", "/news/1\n", "/blog/a-b/../x", "/blog/Ab"] {
            assert!(!pattern.matches(no), "{no:?}");
        }
        assert_eq!(pattern.as_str(), "/news/[0-9]+|/blog/[a-z-]+");
        assert!(ThreadKeyPattern::parse("(unclosed").is_err());
        assert!(ThreadKeyPattern::parse("/a)|(.*").is_err(), "cannot break out of the anchors");
    }

    #[test]
    fn the_check_names_the_thread_field() {
        let open = SiteSettings::default();
        assert!(open.check_thread_key("anything at all").is_ok());
        let strict = SiteSettings { thread_keys: Some(ThreadKeyPattern::parse("/a/[0-9]+").unwrap()) };
        assert!(strict.check_thread_key("/a/1").is_ok());
        let refused = strict.check_thread_key("/a/x").unwrap_err();
        assert!(
            matches!(refused, ApiError::InvalidParam { ref field, .. } if field == "thread"),
            "{refused:?}"
        );
    }
}
