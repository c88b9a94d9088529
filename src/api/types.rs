//! The shapes every backend shares: a [`Page`] of comments, the reader's [`Draft`], what a
//! post gives back ([`Posted`]), and the [`Capabilities`] that tell the UI what to offer.

use crate::model::Comment;

/// One page of comments in the internal model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Comments, flat, each naming its parent.
    pub comments: Vec<Comment>,
    /// Cursor for the next page, if there is one.
    pub next_cursor: Option<String>,
    /// Total comments in the thread, when the backend reports it.
    pub total: Option<u64>,
    /// What the site lets readers do (Threadline's own server says so with every page).
    pub features: Option<threadline_protocol::SiteFeatures>,
    /// The order the backend sorted the top-level comments in, when it did (Threadline's own
    /// server, in the reader's choice): the widget keeps it. `None`: the widget sorts by time.
    pub order: Option<threadline_protocol::Sort>,
}

/// What the reader typed, ready to post.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    /// The comment answered, or `None` for a top-level comment.
    pub parent: Option<std::rc::Rc<str>>,
    /// The top-level comment above `parent` (Waline wants it; Isso files replies under it).
    pub root: Option<std::rc::Rc<str>>,
    /// The author of the comment answered, for backends that cannot nest deeper.
    pub parent_author: Option<String>,
    /// Author name.
    pub author: String,
    /// Email, may be empty.
    pub email: String,
    /// Website, may be empty.
    pub website: String,
    /// Comment text.
    pub text: String,
    /// A content warning, may be empty (only backends with [`Capabilities::warnings`] take one).
    pub warning: String,
    /// "Email me when someone replies" (only backends with [`Capabilities::mail`] take it).
    pub notify: bool,
    /// The honeypot field: hidden from people, so only bots fill it.
    pub homepage: String,
    /// One key per comment the reader means to post, so that a retried request stores it once.
    pub idempotency_key: Option<String>,
}

/// A comment the backend stored, with what the reader must keep to be recognised later.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Posted {
    /// The comment as stored; its status says whether it waits for a moderator.
    pub comment: Comment,
    /// The secret author token a Threadline server gives back, to send with later requests
    /// (`X-Threadline-Author`), so the reader sees their own held comments; `None` elsewhere.
    pub author_token: Option<String>,
}

impl From<Comment> for Posted {
    fn from(comment: Comment) -> Self {
        Posted { comment, author_token: None }
    }
}

/// What a backend can do; the UI hides what it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Name shown in error messages, e.g. "Isso".
    pub name: &'static str,
    /// The thread comes in pages, so "Show more comments" can appear.
    pub paging: bool,
    /// Levels of nesting the backend stores; `None` for any depth. Isso stores two.
    pub nesting: Option<usize>,
    /// Readers can post (a custom mapping may describe a read-only API).
    pub posting: bool,
    /// The backend requires an email address from anonymous authors.
    pub email_required: bool,
    /// The backend stores an author website.
    pub website: bool,
    /// The backend stores an author email (a custom mapping whose post body uses `{email}`).
    pub email: bool,
    /// Fewest characters the backend accepts in a comment.
    pub min_text: usize,
    /// The backend can count comments per thread.
    pub counts: bool,
    /// Comment text is read as markdown by the backend.
    pub markdown_input: bool,
    /// Authors can edit and delete their own comments, for `edit_window_secs` after posting.
    pub editing: bool,
    /// How long after posting an author may edit or delete, in seconds.
    pub edit_window_secs: u32,
    /// Readers can vote comments up.
    pub votes: bool,
    /// Readers can vote comments down too.
    pub downvotes: bool,
    /// Readers can report a comment to the site's moderators (Threadline's own server).
    pub reports: bool,
    /// Authors can put a content warning on their comment (Threadline's own server).
    pub warnings: bool,
    /// Readers can choose the order of top-level comments: oldest, newest or top.
    pub sorting: bool,
    /// The server emails readers about replies to their comments, when they ask.
    pub mail: bool,
}

impl Capabilities {
    /// These capabilities as a page's site features refine them: a page that says what its
    /// site takes turns on votes, and editing within the site's window.
    pub fn with_features(self, features: Option<threadline_protocol::SiteFeatures>) -> Self {
        match features {
            Some(f) => Capabilities {
                editing: f.edit_window_secs > 0,
                edit_window_secs: f.edit_window_secs,
                votes: true,
                downvotes: f.downvotes,
                mail: f.mail,
                ..self
            },
            None => self,
        }
    }

    /// Defaults shared by the presets; each overrides what differs.
    pub const BASE: Capabilities = Capabilities {
        name: "",
        paging: true,
        nesting: None,
        posting: true,
        email_required: false,
        website: true,
        email: true,
        min_text: 1,
        counts: true,
        markdown_input: false,
        editing: false,
        edit_window_secs: 0,
        votes: false,
        downvotes: false,
        reports: false,
        warnings: false,
        sorting: false,
        mail: false,
    };
}
