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
    /// Creation time, RFC 3339 in UTC, e.g. `2026-11-25T15:20:00Z`.
    pub created_at: String,
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
}

/// The body of `POST /api/counts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsRequest {
    /// Thread keys to count.
    pub threads: Vec<String>,
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
    fn new_comment_accepts_missing_optional_fields() {
        let c: NewComment = serde_json::from_str(r#"{"thread":"/a","author":"Ann","text":"Hi"}"#).unwrap();
        assert_eq!(c.parent, None);
        assert_eq!(c.email, None);
    }
}
