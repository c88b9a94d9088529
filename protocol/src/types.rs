//! The JSON shapes exchanged between the widget and the server.

use serde::{Deserialize, Serialize};

/// A comment id as assigned by the server.
pub type CommentId = i64;

/// A stored comment, as the API returns it. The author's email is never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Server-assigned id, unique across all threads.
    pub id: CommentId,
    /// The thread key this comment belongs to (usually the article's path).
    pub thread: String,
    /// The comment this one answers, or `None` for a top-level comment.
    pub parent: Option<CommentId>,
    /// Display name of the author.
    pub author: String,
    /// The author's website, always an `http(s)` URL when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The comment text as the author wrote it (plain text; paragraphs separated by blank lines).
    pub text: String,
    /// The author's content warning (a spoiler, a distressing subject): readers see it and
    /// open the text themselves. Omitted when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// Creation time, RFC 3339 in UTC, e.g. `2026-11-25T15:20:00Z`.
    pub created_at: String,
    /// Where the comment stands in moderation; omitted on the wire when approved.
    #[serde(default, skip_serializing_if = "CommentStatus::is_approved")]
    pub status: CommentStatus,
    /// Pinned by a moderator; omitted when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
    /// Edited after posting, by its author or a moderator; omitted when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub edited: bool,
    /// Readers' upvotes; omitted when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub upvotes: u32,
    /// Readers' downvotes (only on sites that take them); omitted when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub downvotes: u32,
    /// On a top-level comment whose subtree the page cut short: how many more replies there
    /// are, and where they start (`GET /api/comments/{id}/replies`). Omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_replies: Option<MoreReplies>,
}

/// Replies of a subtree that a page left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoreReplies {
    /// How many readers can see.
    pub count: u64,
    /// Pass back as `cursor` to `GET /api/comments/{id}/replies`.
    pub cursor: String,
}

/// The answer to `GET /api/comments/{id}/replies`: the next replies of a subtree, oldest
/// first (each after its parent), and what is still left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepliesPage {
    /// Up to [`crate::limits::REPLY_BATCH`] replies, each naming its parent.
    pub comments: Vec<Comment>,
    /// The replies after these, if any.
    pub more: Option<MoreReplies>,
}

/// Serde helper: skip zero counts.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The body of `POST /api/comments/{id}/vote`: `1` up, `-1` down (where the site takes
/// downvotes), `0` to take the reader's vote back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// `1`, `-1` or `0`.
    pub value: i8,
}

/// The data of a live stream's `gone` event (`GET /api/comments/stream`): the comment readers
/// may no longer see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gone {
    /// The comment's id.
    pub id: CommentId,
}

/// The answer to a vote: the comment's counts now, and the reader's own vote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteCount {
    /// Upvotes.
    pub upvotes: u32,
    /// Downvotes.
    pub downvotes: u32,
    /// This reader's vote: `1`, `-1` or `0`.
    pub mine: i8,
}

/// Serde helper: skip `false` flags.
fn is_false(b: &bool) -> bool {
    !*b
}

/// A comment's moderation status as the wire shows it. Readers only ever see `approved`,
/// their own `pending` comments, and `removed` placeholders; moderators see every status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CommentStatus {
    /// Published (the default, omitted on the wire).
    #[default]
    Approved,
    /// Held for review: shown only to its author (as "awaiting moderation") and moderators.
    Pending,
    /// A removed comment kept as a placeholder because it has visible replies; its author and
    /// text are empty.
    Removed,
    /// Rejected by a moderator (moderators only).
    Rejected,
    /// Hidden by readers' reports, pending review (moderators only).
    Hidden,
    /// Deleted by its author, kept as a placeholder because it has visible replies; its
    /// author and text are empty.
    Deleted,
    /// A status this build does not know (a newer server). Never sent by a server.
    #[serde(other)]
    Unknown,
}

impl CommentStatus {
    /// Whether this is [`CommentStatus::Approved`].
    pub fn is_approved(&self) -> bool {
        *self == Self::Approved
    }
}

/// The 201 answer to `POST /api/comments`: the stored comment, plus the secret author token
/// (only ever sent here) and, when the comment is held, a short English reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostedComment {
    /// The comment as stored (its `status` says whether it is held).
    #[serde(flatten)]
    pub comment: Comment,
    /// The reader's author token: send it back as `X-Threadline-Author`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_token: Option<String>,
    /// Why the comment is held, e.g. "held for review".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation_reason: Option<String>,
}

/// The body of `POST /api/comments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    /// The thread key to post into.
    pub thread: String,
    /// The comment being answered, or `None` for a top-level comment.
    #[serde(default)]
    pub parent: Option<CommentId>,
    /// Display name, required.
    pub author: String,
    /// Optional email; stored, never published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Optional website; `http` or `https` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The comment text.
    pub text: String,
    /// An optional content warning, shown in place of the text until a reader opens it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// "Email me when someone replies": needs `email`. The first request for an address
    /// sends a confirmation email (double opt-in); once confirmed, each visible reply to this
    /// comment sends a notification. Ignored by a server without mail
    /// ([`SiteFeatures::mail`]). Left out of the JSON when false, so older servers and
    /// clients see the body they know.
    #[serde(default, skip_serializing_if = "is_false")]
    pub notify: bool,
}

/// The body of `PATCH /api/comments/{id}?site=…`: the author's new text, sent with the
/// comment's author token (`X-Threadline-Author`) within the server's edit window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorEdit {
    /// The new text; validated as a new comment's.
    pub text: String,
    /// The content warning the comment now carries: an edit replaces the text and its
    /// warning together, so leaving it out (or blank) takes the warning away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// One page of a thread: whole top-level comments with all their replies, flat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPage {
    /// The comments of this page, each carrying its parent id; parents come before children.
    pub comments: Vec<Comment>,
    /// Opaque cursor for the next page, `None` on the last page.
    pub next_cursor: Option<String>,
    /// Number of comments in the whole thread, replies included.
    pub total: u64,
    /// What the site lets readers do, so that the widget offers only what works. Absent from
    /// servers older than it, which offered none of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<SiteFeatures>,
}

/// What a site lets its readers do beyond reading and posting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SiteFeatures {
    /// How long after posting an author may edit or delete a comment, in seconds (the
    /// server's `--edit-window-mins`); 0 when never.
    pub edit_window_secs: u32,
    /// Readers may vote comments down as well as up (`site set --downvotes`).
    #[serde(default)]
    pub downvotes: bool,
    /// The server sends email (`--smtp-url`): the form may offer reply notifications
    /// ([`NewComment::notify`]).
    #[serde(default)]
    pub mail: bool,
}

/// The body of `POST /api/counts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsRequest {
    /// Thread keys to count.
    pub threads: Vec<String>,
    /// The site the threads belong to; `default` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// The answer to `POST /api/counts`: one count per requested thread key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsResponse {
    /// Thread key → number of comments; unknown threads count 0.
    pub counts: std::collections::BTreeMap<String, u64>,
}

/// Stable, machine-readable error codes of the native protocol. Servers add codes over time,
/// so clients must expect codes they do not know: those read as [`ErrorCode::Unknown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A field failed validation; `field` names it.
    InvalidField,
    /// The body was not valid JSON, or not the expected shape.
    MalformedJson,
    /// The body exceeded [`crate::limits::BODY_MAX_BYTES`].
    PayloadTooLarge,
    /// The parent comment does not exist in this thread.
    UnknownParent,
    /// The route or resource does not exist.
    NotFound,
    /// Too many requests; retry later (the `Retry-After` header says when).
    RateLimited,
    /// The same text was just posted in this thread by the same author; `field` is `text`.
    Duplicate,
    /// An `Idempotency-Key` was reused with a different request body.
    IdempotencyKeyReused,
    /// The server requires a solved proof-of-work challenge (`GET /api/challenge`).
    ChallengeRequired,
    /// The proof-of-work solution is invalid, expired or already used; solve a new challenge.
    ChallengeFailed,
    /// This client started too many new threads (first comments under a thread key) within
    /// the hour; `field` is `thread`, and the `Retry-After` header says when it may start
    /// another. Comments in existing threads are still accepted.
    TooManyNewThreads,
    /// Screening refused the comment (422); the message says why, `field` names the field
    /// that matched (`text`, `author` or `website`).
    CommentRejected,
    /// The author (email, address or author token) is banned (403); the message says until
    /// when.
    Banned,
    /// The thread takes no new comments (403).
    ThreadLocked,
    /// This reader already reported this comment (409).
    AlreadyReported,
    /// No, or an invalid or expired, moderator session (401).
    Unauthorized,
    /// The author token does not match the comment's: only its author may edit or delete it
    /// (403).
    NotYourComment,
    /// The comment is older than the server's edit window, so its author can no longer edit
    /// or delete it (403); the message says how long the window is.
    EditWindowClosed,
    /// The moderator session belongs to another site (403).
    Forbidden,
    /// Something failed on the server; details are only logged.
    Internal,
    /// A code this build does not know (a newer server): a client shows the message. Never
    /// sent by a server.
    #[serde(other)]
    Unknown,
}

/// The detail inside every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Machine-readable code.
    pub code: ErrorCode,
    /// A sentence a reader can understand.
    pub message: String,
    /// The request field at fault, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `banned`: when the ban ends (RFC 3339), so a widget can say it in the reader's
    /// language; absent for a ban without end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// Every error response: `{"error":{"code":…,"message":…,"field":…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error itself.
    pub error: ErrorDetail,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody {
            error: ErrorDetail {
                code: ErrorCode::InvalidField,
                message: "Please enter your name.".into(),
                field: Some("author".into()),
                until: None,
            },
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["error"]["code"], "invalid_field");
        assert_eq!(json["error"]["field"], "author");
    }

    #[test]
    fn abuse_limit_codes_are_snake_case() {
        for (code, wire) in [
            (ErrorCode::RateLimited, "rate_limited"),
            (ErrorCode::Duplicate, "duplicate"),
            (ErrorCode::IdempotencyKeyReused, "idempotency_key_reused"),
            (ErrorCode::ChallengeRequired, "challenge_required"),
            (ErrorCode::ChallengeFailed, "challenge_failed"),
            (ErrorCode::TooManyNewThreads, "too_many_new_threads"),
            (ErrorCode::CommentRejected, "comment_rejected"),
            (ErrorCode::Banned, "banned"),
            (ErrorCode::ThreadLocked, "thread_locked"),
            (ErrorCode::AlreadyReported, "already_reported"),
            (ErrorCode::Unauthorized, "unauthorized"),
            (ErrorCode::Forbidden, "forbidden"),
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), wire);
            assert_eq!(serde_json::from_value::<ErrorCode>(wire.into()).unwrap(), code);
        }
    }

    #[test]
    fn codes_from_a_newer_server_read_as_unknown() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"not_invented_yet","message":"Hm.","field":"x"}}"#)
                .unwrap();
        assert_eq!((body.error.code, body.error.message.as_str()), (ErrorCode::Unknown, "Hm."));
    }

    #[test]
    fn statuses_and_flags_are_omitted_when_ordinary() {
        let c: Comment = serde_json::from_str(
            r#"{"id":1,"thread":"/a","parent":null,"author":"A","text":"t","created_at":"x"}"#,
        )
        .unwrap();
        assert_eq!((c.status, c.pinned, c.edited), (CommentStatus::Approved, false, false));
        let json = serde_json::to_value(&c).unwrap();
        assert!(json.get("status").is_none() && json.get("pinned").is_none() && json.get("edited").is_none());
        let held = Comment { status: CommentStatus::Pending, pinned: true, ..c };
        let json = serde_json::to_value(&held).unwrap();
        assert_eq!((json["status"].as_str(), json["pinned"].as_bool()), (Some("pending"), Some(true)));
        let newer: CommentStatus = serde_json::from_value("escalated".into()).unwrap();
        assert_eq!(newer, CommentStatus::Unknown);
    }

    #[test]
    fn new_comment_accepts_missing_optional_fields() {
        let c: NewComment = serde_json::from_str(r#"{"thread":"/a","author":"Ann","text":"Hi"}"#).unwrap();
        assert_eq!(c.parent, None);
        assert_eq!(c.email, None);
    }
}
