//! Wire types of reports and of the moderation API (`/api/moderation/…`); see the
//! "Moderation" part of `docs/protocol.md`.

use serde::{Deserialize, Serialize};

use crate::{Comment, CommentId};

/// Most characters in a report's note.
pub const REPORT_NOTE_MAX: usize = 500;

/// Why a reader reports a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Advertising, link farms, bots.
    Spam,
    /// Insults, hate, threats.
    Abuse,
    /// Not about the article.
    OffTopic,
    /// Anything else; the note says what.
    Other,
}

/// The body of `POST /api/comments/{id}/reports`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReport {
    /// The reason.
    pub reason: ReportReason,
    /// An optional note, at most [`REPORT_NOTE_MAX`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The answer to a report: how many reports the comment has now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCount {
    /// Reports of this comment, this one included.
    pub reports: u32,
}

/// The body of `POST /api/moderation/sign-in`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    /// The one-time token from the sign-in link.
    pub token: String,
}

/// A moderator session, as `POST /api/moderation/sign-in` and `GET /api/moderation/session`
/// answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratorSession {
    /// The session token: send it as `Authorization: Bearer …`. Only in the sign-in answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// The moderator's name.
    pub name: String,
    /// The site this moderator moderates.
    pub site: String,
    /// When the session ends, RFC 3339.
    pub expires_at: String,
}

/// One report as moderators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    /// The reason.
    pub reason: ReportReason,
    /// The note, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When, RFC 3339.
    pub created_at: String,
}

/// One entry of the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The comment, with its status.
    pub comment: Comment,
    /// Its thread key.
    pub thread: String,
    /// Why it is in the queue (screening's reason, "pre-moderation", or "reported").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Its reports, newest first.
    pub reports: Vec<ReportView>,
}

/// `GET /api/moderation/queue`: held and reported comments of a site, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// The entries.
    pub items: Vec<QueueItem>,
    /// Cursor of the next page, if any.
    pub next_cursor: Option<String>,
}

/// The body of `/reject` (and optionally `/delete`): why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationNote {
    /// Why the moderator did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The body of `/edit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratorEdit {
    /// The new text.
    pub text: String,
    /// Why it was edited (kept in the audit log with the text before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The body of `POST /api/moderation/threads/lock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadLock {
    /// The site; `default` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The thread key.
    pub thread: String,
    /// Lock (true) or unlock (false).
    pub locked: bool,
}

/// The body of `PUT /api/moderation/mail`: the moderator's address, and whether they want
/// an email when a comment is held on their site. A new address is confirmed by email
/// first (double opt-in); until then no held-comment email goes to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratorMailUpdate {
    /// The address; absent or blank removes it (and so all held-comment email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Email me when a comment is held for review.
    #[serde(default)]
    pub held: bool,
}

/// The answer to `GET` and `PUT /api/moderation/mail`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratorMail {
    /// The address, normalised (trimmed, lower-cased), if one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether held-comment email is wanted.
    pub held: bool,
    /// Whether the address is confirmed (and not unsubscribed): mail goes out only then.
    pub confirmed: bool,
}

/// What a ban matches, taken from a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BanBy {
    /// The comment's email address (as a hash).
    Email,
    /// The comment's client address (as a hash).
    Address,
    /// The comment's author token (as a hash).
    Author,
}

/// The body of `POST /api/moderation/bans`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBan {
    /// The site; `default` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The comment whose author is banned.
    pub comment_id: CommentId,
    /// What to match.
    pub by: BanBy,
    /// How long, in hours; `None` for ever.
    #[serde(default)]
    pub hours: Option<u32>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A ban as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ban {
    /// The ban's id (for `DELETE /api/moderation/bans/{id}`).
    pub id: i64,
    /// What it matches.
    pub by: BanBy,
    /// When it ends, RFC 3339; `None` for ever.
    pub expires_at: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The comment it was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_id: Option<CommentId>,
    /// When it was made, RFC 3339.
    pub created_at: String,
}

/// `GET /api/moderation/bans`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BanList {
    /// Active bans, newest first.
    pub items: Vec<Ban>,
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Who (the moderator's name).
    pub moderator: String,
    /// What: `approve`, `reject`, `delete`, `edit`, `pin`, `unpin`, `lock`, `unlock`, `ban`,
    /// `unban`, `hide` (by reports).
    pub action: String,
    /// The comment acted on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_id: Option<CommentId>,
    /// The thread, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The text before an edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// When, RFC 3339.
    pub created_at: String,
}

/// `GET /api/moderation/audit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    /// Newest first.
    pub items: Vec<AuditEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_and_bans_are_snake_case() {
        let r: NewReport = serde_json::from_str(r#"{"reason":"off_topic"}"#).unwrap();
        assert_eq!((r.reason, r.note), (ReportReason::OffTopic, None));
        let b: NewBan = serde_json::from_str(r#"{"comment_id":3,"by":"address","hours":null}"#).unwrap();
        assert_eq!((b.by, b.hours, b.site), (BanBy::Address, None, None));
    }
}
