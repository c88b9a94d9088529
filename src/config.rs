//! The widget's configuration, parsed in one place from the embed's `data-` attributes.
//!
//! The loader passes the script tag's and the container's `dataset` entries (container wins),
//! so keys arrive in the DOM's camelCase: `data-max-depth` becomes `maxDepth`.

use crate::error::ClientError;

/// Default number of indentation levels before replies are shown flat.
pub const DEFAULT_MAX_DEPTH: usize = 5;

/// Which kind of backend `data-backend` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BackendKind {
    /// Threadline's own protocol (the default).
    #[default]
    Threadline,
    /// The WordPress REST API.
    WordPress,
    /// An Isso server.
    Isso,
    /// A Waline server.
    Waline,
    /// Any JSON API, described by `data-mapping`.
    Custom,
}

impl BackendKind {
    /// Parses the `data-backend` value.
    pub fn parse(value: &str) -> Option<Self> {
        Some(match value.trim().to_ascii_lowercase().as_str() {
            "threadline" | "native" => BackendKind::Threadline,
            "wordpress" | "wp" => BackendKind::WordPress,
            "isso" => BackendKind::Isso,
            "waline" => BackendKind::Waline,
            "custom" => BackendKind::Custom,
            _ => return None,
        })
    }

    /// The canonical name, as the loader names the bundles.
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Threadline => "threadline",
            BackendKind::WordPress => "wordpress",
            BackendKind::Isso => "isso",
            BackendKind::Waline => "waline",
            BackendKind::Custom => "custom",
        }
    }
}

/// Everything the widget needs to know about its embedding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the native API, e.g. `https://example.org/api`, without a trailing slash.
    pub api: String,
    /// Thread key: which discussion this page shows.
    pub thread: String,
    /// Indentation levels (1–10) before deeper replies are listed flat.
    pub max_depth: usize,
    /// Top-level comments per page (1–200).
    pub page_size: u32,
    /// URL of the widget stylesheet to link inside the shadow root, if any.
    pub css: Option<String>,
    /// Which backend the API is.
    pub backend: BackendKind,
    /// The declarative mapping (inline JSON or a URL), for `data-backend="custom"`.
    pub mapping: Option<String>,
    /// WordPress post id, when the page knows it (`data-post-id`).
    pub post_id: Option<u64>,
    /// The page's title; Isso needs it for a thread's first comment.
    pub title: Option<String>,
    /// The page's URL; WordPress resolves it to a post when no post id is given.
    pub page_url: Option<String>,
    /// The site on a Threadline server that hosts several (`data-site`); thread keys are per
    /// site. [`DEFAULT_SITE`] when not given, so a single-site setup needs no attribute.
    pub site: String,
    /// `data-avatars="remote"`: show the avatar URLs a backend sends (lazily, without a
    /// referrer, falling back to the identicon); by default (`local`) only local identicons.
    /// Threadline's own protocol sends none, so only the other backends' bundles read it.
    #[cfg(feature = "foreign")]
    pub remote_avatars: bool,
}

/// The site a Threadline server assumes when a page names none.
pub const DEFAULT_SITE: &str = "default";

impl Config {
    /// Parses the attributes (name, value), the last of a name winning; every problem names the
    /// attribute at fault. A slice, not a map: a map type would cost the wasm its own code for
    /// a dozen entries read once.
    pub fn from_attrs(attrs: &[(String, String)]) -> Result<Self, ClientError> {
        let get = |k: &str| {
            attrs.iter().rev().find(|(name, _)| name == k).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
        };
        let api = get("api").ok_or_else(|| ClientError::Config("data-api is missing".into()))?;
        if !api.starts_with("http://") && !api.starts_with("https://") {
            return Err(ClientError::Config("data-api must be an http(s) URL".into()));
        }
        let thread = get("thread").ok_or_else(|| ClientError::Config("data-thread is missing".into()))?;
        let max_depth =
            match get("maxDepth") {
                None => DEFAULT_MAX_DEPTH,
                Some(v) => v.parse().ok().filter(|d| (1..=10).contains(d)).ok_or_else(|| {
                    ClientError::Config("data-max-depth must be a number from 1 to 10".into())
                })?,
            };
        let page_size = match get("pageSize") {
            None => threadline_protocol::limits::PAGE_DEFAULT,
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| (1..=threadline_protocol::limits::PAGE_MAX).contains(n))
                .ok_or_else(|| ClientError::Config("data-page-size must be a number from 1 to 200".into()))?,
        };
        let backend = match get("backend") {
            None => BackendKind::default(),
            Some(v) => BackendKind::parse(v).ok_or_else(|| {
                ClientError::Config(
                    "data-backend must be threadline, wordpress, isso, waline or custom".into(),
                )
            })?,
        };
        let mapping = get("mapping").map(str::to_string);
        if backend == BackendKind::Custom && mapping.is_none() {
            return Err(ClientError::Config("data-backend=\"custom\" needs data-mapping".into()));
        }
        let post_id =
            match get("postId") {
                None => None,
                Some(v) => Some(v.parse().map_err(|_| {
                    ClientError::Config("data-post-id must be a WordPress post number".into())
                })?),
            };
        #[cfg(feature = "foreign")]
        let remote_avatars = match get("avatars") {
            None | Some("local") => false,
            Some("remote") => true,
            Some(_) => return Err(ClientError::Config("data-avatars must be local or remote".into())),
        };
        Ok(Config {
            api: api.trim_end_matches('/').to_string(),
            thread: thread.to_string(),
            max_depth,
            page_size,
            css: get("css").map(str::to_string),
            backend,
            mapping,
            post_id,
            title: get("title").map(str::to_string),
            page_url: get("url").map(str::to_string),
            site: get("site").unwrap_or(DEFAULT_SITE).to_string(),
            #[cfg(feature = "foreign")]
            remote_avatars,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_and_overrides() {
        let c = Config::from_attrs(&attrs(&[("api", "http://h/api/"), ("thread", "/a")])).unwrap();
        assert_eq!((c.api.as_str(), c.max_depth, c.page_size), ("http://h/api", 5, 50));
        let c = Config::from_attrs(&attrs(&[
            ("api", "https://h"),
            ("thread", "/a"),
            ("maxDepth", "3"),
            ("pageSize", "10"),
        ]))
        .unwrap();
        assert_eq!((c.max_depth, c.page_size), (3, 10));
    }

    #[test]
    fn the_site_defaults_to_the_servers_default_site() {
        let c = Config::from_attrs(&attrs(&[("api", "http://h"), ("thread", "/a"), ("site", " ")])).unwrap();
        assert_eq!(c.site, "default");
        let c =
            Config::from_attrs(&attrs(&[("api", "http://h"), ("thread", "/a"), ("site", " news ")])).unwrap();
        assert_eq!(c.site, "news");
    }

    #[test]
    fn errors_name_the_attribute() {
        let err = |p: &[(&str, &str)]| Config::from_attrs(&attrs(p)).unwrap_err().english();
        assert!(err(&[("thread", "/a")]).contains("data-api"));
        assert!(err(&[("api", "javascript:alert(1)"), ("thread", "/a")]).contains("data-api"));
        assert!(err(&[("api", "http://h"), ("thread", " ")]).contains("data-thread"));
        assert!(err(&[("api", "http://h"), ("thread", "/a"), ("maxDepth", "99")]).contains("data-max-depth"));
        assert!(err(&[("api", "http://h"), ("thread", "/a"), ("pageSize", "x")]).contains("data-page-size"));
        assert!(err(&[("api", "http://h"), ("thread", "/a"), ("backend", "disqus")]).contains("data-backend"));
        assert!(err(&[("api", "http://h"), ("thread", "/a"), ("backend", "custom")]).contains("data-mapping"));
        assert!(err(&[("api", "http://h"), ("thread", "/a"), ("postId", "x")]).contains("data-post-id"));
    }

    #[test]
    fn backends_by_name() {
        let c = Config::from_attrs(&attrs(&[
            ("api", "http://h"),
            ("thread", "/a"),
            ("backend", "WordPress"),
            ("postId", "12"),
        ]))
        .unwrap();
        assert_eq!((c.backend, c.post_id), (BackendKind::WordPress, Some(12)));
        assert_eq!(BackendKind::parse("isso"), Some(BackendKind::Isso));
        assert_eq!(BackendKind::parse("waline"), Some(BackendKind::Waline));
    }

    #[cfg(feature = "foreign")]
    #[test]
    fn avatars_are_local_unless_the_page_asks_for_remote_ones() {
        let avatars =
            |v: &str| Config::from_attrs(&attrs(&[("api", "http://h"), ("thread", "/a"), ("avatars", v)]));
        assert!(!avatars("").unwrap().remote_avatars);
        assert!(!avatars("local").unwrap().remote_avatars);
        assert!(avatars(" remote ").unwrap().remote_avatars);
        assert!(avatars("gravatar").unwrap_err().english().contains("data-avatars"));
    }
}
