//! The records of site administration and moderation, whatever the database: a site's
//! settings, a moderator and their session, what a moderator does to a comment, and what a
//! report did. The SQL that reads and writes them lives under `sqlite/`; the `Store` methods
//! that use them are in `admin.rs` and `moderation.rs`.

/// Reports that hide a comment pending review, unless a site sets its own threshold.
pub const DEFAULT_REPORT_THRESHOLD: u32 = 3;

/// A site as stored by `threadline-server site set`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRow {
    /// The site's id, as the widget's `data-site` names it.
    pub id: String,
    /// Browser origins allowed to call the API for this site.
    pub origins: Vec<String>,
    /// Hold every new comment for review.
    pub premoderation: bool,
    /// Under pre-moderation, approve authors with an approved comment before.
    pub approve_known: bool,
    /// Reports that hide a comment.
    pub report_threshold: u32,
    /// Readers may downvote as well as upvote.
    pub downvotes: bool,
    /// The screening settings as JSON; `None` for the defaults, `Some("off")` for none.
    pub screening: Option<String>,
    /// The screening hook's URL; `None` for no hook.
    pub hook_url: Option<String>,
    /// How long the hook may take to answer, in milliseconds.
    pub hook_timeout_ms: u32,
    /// What a failed hook does to the comment: `hold`, `allow` or `reject`.
    pub hook_fail: String,
}

/// How long a screening hook may take unless a site sets its own timeout, in milliseconds.
pub const DEFAULT_HOOK_TIMEOUT_MS: u32 = 800;

impl SiteRow {
    /// A site with the default settings.
    pub fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            origins: Vec::new(),
            premoderation: false,
            approve_known: false,
            report_threshold: DEFAULT_REPORT_THRESHOLD,
            downvotes: false,
            screening: None,
            hook_url: None,
            hook_timeout_ms: DEFAULT_HOOK_TIMEOUT_MS,
            hook_fail: "hold".into(),
        }
    }
}

/// A signed-in moderator, as a session token resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moderator {
    /// The moderator's id.
    pub id: i64,
    /// The moderator's name.
    pub name: String,
    /// The site the moderator moderates.
    pub site: String,
    /// When the session ends, epoch milliseconds.
    pub expires_ms: i64,
}

/// A moderator as `threadline-server moderator list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ModeratorEntry {
    /// The site.
    pub site: String,
    /// The name.
    pub name: String,
    /// When added, epoch milliseconds.
    pub created_ms: i64,
    /// When revoked, if revoked.
    pub revoked_ms: Option<i64>,
}

/// What an author does to their own comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorChange {
    /// Replace the text; `hold` is screening's reason when the new text is held.
    Edit {
        /// The new text, trimmed at the end.
        text: String,
        /// The warning it now carries, trimmed; `None` takes it away.
        warning: Option<String>,
        /// Why screening held the new text, if it did.
        hold: Option<String>,
    },
    /// Delete it: a placeholder stays while it has visible replies.
    Delete,
}

/// What a moderator does to one comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentAction {
    /// Publish it (held, hidden or rejected before); its reports count as reviewed.
    Approve,
    /// Refuse it, with a reason.
    Reject(Option<String>),
    /// Remove it (a placeholder stays while it has visible replies).
    Delete(Option<String>),
    /// Replace its text; the text before goes to the audit log with the note.
    Edit {
        /// The new text (already validated).
        text: String,
        /// Why.
        note: Option<String>,
    },
    /// Pin or unpin it.
    Pin(bool),
}

impl CommentAction {
    /// The audit log's word for it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject(_) => "reject",
            Self::Delete(_) => "delete",
            Self::Edit { .. } => "edit",
            Self::Pin(true) => "pin",
            Self::Pin(false) => "unpin",
        }
    }
}

/// What a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    /// Open reports of the comment now.
    pub reports: u32,
    /// Whether this report hid it.
    pub hidden: bool,
}
