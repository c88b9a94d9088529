//! What the reader typed, kept across failed posts and reloads. The keys and the (de)serialised
//! shape are pure; the component stores them in `localStorage`.

use serde::{Deserialize, Serialize};

/// The reader's identity, remembered for every thread on the site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Name.
    #[serde(default)]
    pub author: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// Website.
    #[serde(default)]
    pub website: String,
    /// "Email me when someone replies", as the reader last chose it.
    #[serde(default)]
    pub notify: bool,
}

impl Identity {
    /// The identity in a form's draft, as typed (posting trims it).
    pub fn of(draft: &crate::api::Draft) -> Identity {
        Identity {
            author: draft.author.clone(),
            email: draft.email.clone(),
            website: draft.website.clone(),
            notify: draft.notify,
        }
    }
}

/// Storage key of the reader's identity.
pub const IDENTITY_KEY: &str = "threadline:identity";

/// Where the reader's choice of order is kept: one for every thread and site, like a setting.
pub const SORT_KEY: &str = "threadline:sort";

/// Storage key of the unsent text of one form: one per thread and parent.
pub fn text_key(thread: &str, parent: Option<&str>) -> String {
    format!("threadline:draft:{}:{thread}", parent.unwrap_or("top"))
}

/// Storage key of the unsaved text of an edit of comment `id`: its own prefix, so that it is
/// never a new comment's draft.
pub fn edit_key(thread: &str, id: &str) -> String {
    format!("threadline:draft:edit:{id}:{thread}")
}

/// Storage key of the unsent content warning of the form whose text is kept at `text_key`:
/// the same key under its own prefix, so that it can never be another form's text key.
pub fn warning_key(text_key: &str) -> String {
    text_key.replacen("threadline:draft:", "threadline:draft-warning:", 1)
}

/// Storage key of the reader's author token for the API at `api` (its base URL): one token
/// per API, as the server issues them, so two sites' tokens never mix.
pub fn author_key(api: &str) -> String {
    format!("threadline:author:{api}")
}

/// Reads a stored identity; anything unreadable counts as none.
pub fn parse_identity(stored: Option<&str>) -> Identity {
    stored.and_then(|s| crate::api::from_json(s).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_tokens_are_kept_per_api() {
        assert_ne!(author_key("https://a.example/api"), author_key("https://b.example/api"));
        assert_ne!(author_key("https://a.example/api"), IDENTITY_KEY);
    }

    #[test]
    fn keys_separate_threads_and_parents() {
        assert_ne!(text_key("/a", None), text_key("/b", None));
        assert_ne!(text_key("/a", None), text_key("/a", Some("1")));
        assert_ne!(edit_key("/a", "1"), text_key("/a", Some("1")), "an edit is not a reply");
        // A warning's key is never a text key, whatever the thread is called.
        let warning = warning_key(&text_key("/a", None));
        assert_ne!(warning, warning_key(&text_key("/a", Some("1"))));
        for thread in ["/a", "/a:warning", "-warning:top:/a", ""] {
            assert_ne!(warning, text_key(thread, None));
            assert_ne!(warning, text_key(thread, Some("top")));
        }
    }

    #[test]
    fn identity_round_trips_and_tolerates_junk() {
        let id = Identity { author: "Ann".into(), ..Default::default() };
        let s = serde_json::to_string(&id).unwrap();
        assert_eq!(parse_identity(Some(&s)), id);
        assert_eq!(parse_identity(Some("{not json")), Identity::default());
        assert_eq!(parse_identity(Some(r#"{"author":5}"#)), Identity::default());
        assert_eq!(parse_identity(None), Identity::default());
    }
}
