//! The widget's internal comment model: one shape every backend is turned into, plus the
//! pure functions over it (tree building, text layout, identicons). No web-sys here, so
//! native `cargo test` covers all of it.

#[cfg(feature = "custom")]
pub mod extra;
#[cfg(feature = "foreign")]
pub mod html_text;
pub mod identicon;
pub mod text;
pub mod time;
pub mod tree;

use std::rc::Rc;

/// Whether a comment is public, waiting for a moderator, or gone (kept for its replies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// Visible to everyone.
    #[default]
    Published,
    /// Held for moderation; backends show it only to its author.
    Pending,
    /// Deleted, but kept in place because it has replies.
    Deleted,
    /// Removed by a moderator, but kept in place because it has replies; it has no author
    /// or text any more.
    Removed,
}

impl Status {
    /// What the native protocol's status means to a reader. Readers are only sent approved,
    /// their own pending, and removed comments; a moderator's `rejected` is gone from the
    /// thread like a removed one, and `hidden` (by reports) waits for review like a held one.
    /// A status newer than this widget was sent to be shown, so it is.
    pub fn from_native(status: threadline_protocol::CommentStatus) -> Self {
        use threadline_protocol::CommentStatus as Wire;
        match status {
            Wire::Pending | Wire::Hidden => Status::Pending,
            Wire::Removed | Wire::Rejected => Status::Removed,
            Wire::Deleted => Status::Deleted,
            _ => Status::Published,
        }
    }
}

/// One comment as the widget renders it, whatever backend it came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comment {
    /// Backend id, as a string so that integer and string ids look alike.
    pub id: Rc<str>,
    /// The id of the comment this one answers; `None` for top-level comments.
    pub parent: Option<Rc<str>>,
    /// Display name of the author.
    pub author: String,
    /// The author's website, already checked to be `http(s)`.
    pub website: Option<String>,
    /// Plain text of the comment (for HTML bodies, their text); the source of markdown.
    pub text: String,
    /// The body as the backend's HTML, untrusted: rendered only through the sanitizer.
    pub html: Option<String>,
    /// `text` is markdown (Threadline's own comments), rendered by our parser.
    pub markdown: bool,
    /// Creation time in milliseconds since the Unix epoch, when the backend gave one we could read.
    pub created_ms: Option<i64>,
    /// True for a comment this reader just posted: it takes focus once rendered.
    pub fresh: bool,
    /// Published, pending, deleted or removed.
    pub status: Status,
    /// Pinned by a moderator: listed first and marked.
    pub pinned: bool,
    /// Whom this reply answered, when the backend filed it elsewhere (Isso keeps two levels).
    pub in_reply_to: Option<String>,
    /// A content warning: the body stays hidden until the reader asks.
    pub warning: Option<String>,
    /// The comment was edited after it was posted.
    pub edited: bool,
    /// What only the custom mapping reads so far: links, continuations, the server's order.
    #[cfg(feature = "custom")]
    pub extra: extra::Extra,
    /// The author's avatar URL as the backend sent it (unchecked); shown only with
    /// `data-avatars="remote"`, and only if [`remote_avatar`] accepts it. Threadline's own
    /// protocol has none, so the reader bundle carries neither field nor code.
    #[cfg(feature = "foreign")]
    pub avatar: Option<String>,
}

/// The avatar URL to load, if `url` may be loaded at all: through the same check as every
/// link ([`crate::rich::url::safe_href`]), and then `http(s)` only (no `mailto:`).
#[cfg(feature = "foreign")]
pub fn remote_avatar(url: Option<&str>) -> Option<String> {
    crate::rich::url::safe_href(url?).filter(|u| u.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("http")))
}

impl Comment {
    /// Converts the native protocol's comment, checking the website scheme again: a link is
    /// rendered only if it is `http(s)`, whatever the backend claims.
    pub fn from_native(c: threadline_protocol::Comment) -> Self {
        let website = c.website.filter(|w| threadline_protocol::validate::is_http_url(w));
        Comment {
            id: c.id.to_string().into(),
            parent: c.parent.map(|p| p.to_string().into()),
            author: c.author,
            website,
            text: c.text,
            created_ms: time::parse_rfc3339_ms(&c.created_at),
            fresh: false,
            status: Status::from_native(c.status),
            pinned: c.pinned,
            in_reply_to: None,
            warning: c.warning.filter(|w| !w.trim().is_empty()),
            edited: c.edited,
            html: None,
            markdown: true,
            #[cfg(feature = "custom")]
            extra: Default::default(),
            #[cfg(feature = "foreign")]
            avatar: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use threadline_protocol::CommentStatus as Wire;

    #[test]
    fn native_statuses_read_as_a_reader_sees_them() {
        let wire: Vec<Wire> =
            serde_json::from_str(r#"["approved","pending","removed","rejected","hidden","later"]"#).unwrap();
        let statuses: Vec<Status> = wire.into_iter().map(Status::from_native).collect();
        use Status::*;
        assert_eq!(statuses, [Published, Pending, Removed, Removed, Pending, Published]);
    }

    #[cfg(feature = "foreign")]
    #[test]
    fn remote_avatars_are_http_only() {
        assert_eq!(
            remote_avatar(Some(" https://a.example/x.png ")).as_deref(),
            Some("https://a.example/x.png")
        );
        assert_eq!(remote_avatar(Some("HTTP://a.example/x")).as_deref(), Some("HTTP://a.example/x"));
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "//evil/x",
            "",
            "/x.png",
            "mailto:a@b.example",
            "java\tscript:alert(1)",
            "https:///x",
        ] {
            assert_eq!(remote_avatar(Some(bad)), None, "{bad}");
        }
        assert_eq!(remote_avatar(None), None);
    }
}
