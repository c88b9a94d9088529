//! The widget's internal comment model: one shape every backend is turned into, plus the
//! pure functions over it (tree building, text layout, identicons). No web-sys here, so
//! native `cargo test` covers all of it.

#[cfg(feature = "custom")]
pub mod extra;
#[cfg(feature = "foreign")]
pub mod html_text;
pub mod identicon;
#[cfg(any(feature = "native", feature = "custom"))]
pub mod more;
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
    /// Readers' upvotes.
    pub upvotes: u32,
    /// Readers' downvotes (sites that take them).
    pub downvotes: u32,
    /// This reader's vote: 1 up, -1 down, 0 none (as this browser remembers it).
    pub my_vote: i8,
    /// This reader posted it from this browser (and may edit or delete it within the window).
    pub own: bool,
    /// What only the custom mapping reads so far: links, the server's order.
    #[cfg(feature = "custom")]
    pub extra: extra::Extra,
    /// More replies below this comment than the answer carried ("N more replies").
    #[cfg(any(feature = "native", feature = "custom"))]
    pub more: Option<more::Continuation>,
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
    /// Whether its author may still edit or delete it at `now_ms`, in a window of
    /// `window_secs` after it was posted: their own, not gone, and not too late.
    pub fn editable(&self, now_ms: i64, window_secs: u32) -> bool {
        let gone = matches!(self.status, Status::Deleted | Status::Removed);
        let until = self.created_ms.map(|t| t + i64::from(window_secs) * 1000);
        self.own && !gone && window_secs > 0 && until.is_some_and(|u| now_ms < u)
    }

    /// The same comment with the reader's vote moved to `value`, its counts adjusted: what
    /// the page shows at once, before the server has answered.
    pub fn with_vote(&self, value: i8) -> Comment {
        let mut c = self.clone();
        let (up, down) = (u32::from(c.my_vote == 1), u32::from(c.my_vote == -1));
        c.upvotes = c.upvotes.saturating_sub(up) + u32::from(value == 1);
        c.downvotes = c.downvotes.saturating_sub(down) + u32::from(value == -1);
        c.my_vote = value;
        c
    }

    /// Converts the native protocol's comment, checking the website scheme again: a link is
    /// rendered only if it is `http(s)`, whatever the backend claims.
    pub fn from_native(c: threadline_protocol::Comment) -> Self {
        let website = c.website.filter(|w| threadline_protocol::validate::is_http_url(w));
        let id: Rc<str> = c.id.to_string().into();
        Comment {
            id: id.clone(),
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
            upvotes: c.upvotes,
            downvotes: c.downvotes,
            my_vote: 0,
            own: false,
            html: None,
            markdown: true,
            #[cfg(feature = "custom")]
            extra: Default::default(),
            #[cfg(any(feature = "native", feature = "custom"))]
            more: c.more_replies.map(|m| more::Continuation {
                parent: id.clone(),
                count: m.count,
                cursor: Some(m.cursor),
                ..Default::default()
            }),
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
    fn own_comments_are_editable_within_the_window_only() {
        let c = Comment { own: true, created_ms: Some(1_000_000), ..Comment::default() };
        assert!(c.editable(1_000_000 + 899_999, 900));
        assert!(!c.editable(1_000_000 + 900_000, 900), "the window is closed");
        assert!(!Comment { own: false, ..c.clone() }.editable(1_000_001, 900), "someone else's");
        assert!(!c.editable(1_000_001, 0), "a site without editing");
        assert!(!Comment { status: Status::Deleted, ..c.clone() }.editable(1_000_001, 900));
        assert!(!Comment { created_ms: None, ..c }.editable(1_000_001, 900), "no time, no window");
    }

    #[test]
    fn a_vote_moves_the_counts_at_once() {
        let c = Comment { upvotes: 3, downvotes: 1, ..Comment::default() };
        let up = c.with_vote(1);
        assert_eq!((up.upvotes, up.downvotes, up.my_vote), (4, 1, 1));
        let down = up.with_vote(-1);
        assert_eq!((down.upvotes, down.downvotes, down.my_vote), (3, 2, -1), "changing one's mind moves it");
        let none = down.with_vote(0);
        assert_eq!((none.upvotes, none.downvotes, none.my_vote), (3, 1, 0));
        let odd = Comment { my_vote: 1, ..Comment::default() }.with_vote(0);
        assert_eq!(odd.upvotes, 0, "never below zero, whatever was remembered");
    }

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
