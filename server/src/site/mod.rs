//! The sites whose comments this server keeps, and what each accepts.
//!
//! `default` always exists and takes the server's flags ([`SiteArgs`]); other sites are rows
//! of the `sites` table, written by `threadline-server site set` ([`SiteRow`]). At start the
//! server turns each into [`SiteSettings`] (compiling its screen once) and keeps them in
//! [`Sites`], which the handlers ask by the site id the request names. A running server
//! picks up `site set` within seconds ([`registry`]).

mod registry;

pub use registry::SiteRegistry;

use axum::http::HeaderValue;
use std::collections::BTreeMap;
use std::sync::Arc;

use regex::Regex;

use crate::error::ApiError;
use crate::hook::{self, Hook};
use crate::screen::{Screen, ScreenConfig};
use crate::store::{SiteRow, Store};

pub use crate::store::DEFAULT_REPORT_THRESHOLD;
pub use threadline_protocol::DEFAULT_SITE;

/// Command-line options of the site (each also read from the environment).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SiteArgs {
    /// Accept comments only under thread keys that match this regular expression as a whole
    /// (e.g. `/20[0-9]{2}/[0-9]{2}/[a-z0-9-]+`); posts under other keys get 400. By default
    /// every key is accepted, so anyone can open a thread under any key.
    #[arg(long, env = "THREADLINE_THREAD_KEY_PATTERN", value_name = "REGEX", value_parser = ThreadKeyPattern::parse)]
    pub thread_key_pattern: Option<ThreadKeyPattern>,
    /// A browser origin allowed to call the API cross-origin for the `default` site
    /// (repeatable); the server's own origin is always allowed. Other sites have their own
    /// (`site set ID --origin …`).
    #[arg(long = "allowed-origin", value_name = "ORIGIN", value_parser = parse_origin)]
    pub allowed_origins: Vec<String>,
    /// How often a running server looks for sites changed by `site set`, in seconds
    /// (0: never; restart the server after a change).
    #[arg(long, env = "THREADLINE_SITES_RELOAD_SECS", value_name = "SECS", default_value_t = 2)]
    pub sites_reload_secs: u64,
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
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// The site's id.
    pub id: String,
    /// Thread keys that may get comments; `None` accepts every key.
    pub thread_keys: Option<ThreadKeyPattern>,
    /// Hold every new comment for review.
    pub premoderation: bool,
    /// Under pre-moderation, approve authors with an approved comment before.
    pub approve_known: bool,
    /// Reports that hide a comment pending review.
    pub report_threshold: u32,
    /// Readers may downvote as well as upvote.
    pub downvotes: bool,
    /// The compiled screen; `None` when screening is off for this site.
    pub screen: Option<Arc<Screen>>,
    /// The screening hook; `None` when the site has none.
    pub hook: Option<Hook>,
    /// Browser origins allowed to call the API for this site (besides the server's own).
    pub origins: Vec<String>,
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            id: DEFAULT_SITE.into(),
            thread_keys: None,
            premoderation: false,
            approve_known: false,
            report_threshold: DEFAULT_REPORT_THRESHOLD,
            downvotes: false,
            screen: None,
            hook: None,
            origins: Vec::new(),
        }
    }
}

impl SiteSettings {
    /// The settings given on the command line (for `default`), with no screening.
    pub fn from_args(args: &SiteArgs) -> Self {
        Self {
            thread_keys: args.thread_key_pattern.clone(),
            origins: args.allowed_origins.clone(),
            ..Self::default()
        }
    }

    /// The settings of a stored site, compiling its screen and setting up its hook;
    /// `thread_keys` and `allowed_origins` from `args` apply to `default` only.
    pub fn from_row(row: &SiteRow, args: &SiteArgs) -> Result<Self, String> {
        let screen = match row.screening.as_deref() {
            Some("off") => None,
            None => Some(Arc::new(Screen::new(&ScreenConfig::default()))),
            Some(json) => {
                let config: ScreenConfig = serde_json::from_str(json)
                    .map_err(|e| format!("site {}: the screening settings are not valid: {e}", row.id))?;
                Some(Arc::new(Screen::new(&config)))
            }
        };
        let hook = match &row.hook_url {
            Some(url) => {
                let on_failure = hook::parse_action(&row.hook_fail)
                    .map_err(|e| format!("site {}: the hook's failure action {e}", row.id))?;
                Some(
                    Hook::new(url, row.hook_timeout_ms, on_failure)
                        .map_err(|e| format!("site {}: the hook URL {e}", row.id))?,
                )
            }
            None => None,
        };
        let default = row.id == DEFAULT_SITE;
        let mut origins = row.origins.clone();
        if default {
            origins.extend(args.allowed_origins.iter().cloned());
        }
        Ok(Self {
            id: row.id.clone(),
            thread_keys: if default { args.thread_key_pattern.clone() } else { None },
            premoderation: row.premoderation,
            approve_known: row.approve_known,
            report_threshold: row.report_threshold.max(1),
            downvotes: row.downvotes,
            screen,
            hook,
            origins,
        })
    }

    /// Whether a browser origin (the `Origin` header) is one of this site's.
    pub fn allows_origin(&self, origin: &[u8]) -> bool {
        self.origins.iter().any(|o| o.as_bytes() == origin)
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

/// Every site of this server, by id; `default` is always there.
#[derive(Debug, Clone)]
pub struct Sites {
    by_id: BTreeMap<String, Arc<SiteSettings>>,
    /// The stored rows these settings were built from, to tell when `site set` changed one.
    rows: Vec<SiteRow>,
    /// Whether every site allows the same origins, so that for CORS the site a request names
    /// does not matter.
    uniform_origins: bool,
}

impl Sites {
    /// The sites stored in `store`, plus `default` (with the built-in screening) when it has
    /// no row; `args` are the server's flags for `default`.
    pub async fn load(store: &Store, args: &SiteArgs) -> Result<Self, Box<dyn std::error::Error>> {
        Ok(Self::build(Self::rows(store).await?, args, None)?)
    }

    /// The stored rows, plus `default`'s defaults when it has none.
    async fn rows(store: &Store) -> Result<Vec<SiteRow>, crate::store::StoreError> {
        let mut rows = store.sites().await?;
        if !rows.iter().any(|r| r.id == DEFAULT_SITE) {
            rows.push(SiteRow::new(DEFAULT_SITE));
        }
        Ok(rows)
    }

    /// The sites of `rows`; a site whose row is unchanged from `before` keeps its compiled
    /// settings (its screen takes milliseconds to compile).
    fn build(rows: Vec<SiteRow>, args: &SiteArgs, before: Option<&Sites>) -> Result<Self, String> {
        let mut by_id = BTreeMap::new();
        for row in &rows {
            let kept = before.filter(|b| b.rows.contains(row)).and_then(|b| b.by_id.get(&row.id)).cloned();
            let settings = match kept {
                Some(settings) => settings,
                None => Arc::new(SiteSettings::from_row(row, args)?),
            };
            by_id.insert(row.id.clone(), settings);
        }
        let mut origins = by_id.values().map(|s| sorted(&s.origins));
        let first = origins.next();
        let uniform_origins = origins.all(|o| Some(o) == first);
        Ok(Self { by_id, rows, uniform_origins })
    }

    /// Only `default`, with these settings (for tests).
    pub fn single(settings: SiteSettings) -> Self {
        Self {
            by_id: BTreeMap::from([(settings.id.clone(), Arc::new(settings))]),
            rows: Vec::new(),
            uniform_origins: true,
        }
    }

    /// Whether every site allows the same origins.
    pub fn uniform_origins(&self) -> bool {
        self.uniform_origins
    }

    /// The site a request names (`default` when it names none); 400 `invalid_field` naming
    /// `site` for a site this server does not keep.
    pub fn get(&self, id: Option<&str>) -> Result<&Arc<SiteSettings>, ApiError> {
        self.find(id).ok_or_else(|| {
            ApiError::invalid("site", "This site is not known to the comment server. Check data-site.")
        })
    }

    /// The site a request names (`default` when it names none), if this server keeps it.
    pub fn find(&self, id: Option<&str>) -> Option<&Arc<SiteSettings>> {
        let id = id.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(DEFAULT_SITE);
        self.by_id.get(id)
    }

    /// Every site.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<SiteSettings>> {
        self.by_id.values()
    }
}

fn sorted(origins: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = origins.iter().map(String::as_str).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Checks and normalises a browser origin for `--allowed-origin`: `http(s)://host[:port]`
/// with no path (a trailing `/` is dropped), compared exactly against the `Origin` header.
pub fn parse_origin(raw: &str) -> Result<String, String> {
    let origin = raw.trim().trim_end_matches('/');
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty()
                && !host.contains(['/', '?', '#', ' '])
                && HeaderValue::from_str(origin).is_ok() =>
        {
            Ok(origin.to_owned())
        }
        _ => Err(format!("`{raw}` is not an origin like https://news.example or http://localhost:8080")),
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
        let strict = SiteSettings {
            thread_keys: Some(ThreadKeyPattern::parse("/a/[0-9]+").unwrap()),
            ..SiteSettings::default()
        };
        assert!(strict.check_thread_key("/a/1").is_ok());
        let refused = strict.check_thread_key("/a/x").unwrap_err();
        assert!(
            matches!(refused, ApiError::InvalidParam { ref field, .. } if field == "thread"),
            "{refused:?}"
        );
    }

    #[test]
    fn origins() {
        assert_eq!(parse_origin("https://news.example/").unwrap(), "https://news.example");
        assert_eq!(parse_origin("http://localhost:8080").unwrap(), "http://localhost:8080");
        for bad in ["news.example", "https://", "https://a.example/path", "ftp://a.example", "*"] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }
}
