//! [`ApiError`]: every way a request can fail, and the only place a failure becomes an HTTP
//! response. Each variant documents its status; the body is always the protocol's
//! [`ErrorBody`]. Internal details are logged here and never sent.

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use threadline_protocol::{ErrorBody, ErrorCode, ErrorDetail, ValidationError};

use crate::abuse::pow::PowError;
use crate::store::StoreError;

/// A failed request, as the client will see it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 `invalid_field`: a field of a new comment failed the shared validation.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// 400 `invalid_field`: a query-string or body parameter is missing or out of range.
    #[error("{message}")]
    InvalidParam {
        /// The parameter at fault, as named on the wire.
        field: String,
        /// A sentence for the reader.
        message: String,
    },
    /// 400 `malformed_json`: the body is not JSON, or not of the expected shape.
    #[error("malformed JSON body")]
    MalformedJson {
        /// The top-level field serde complained about, when it named one.
        field: Option<String>,
    },
    /// 415 `malformed_json`: the body was not sent as `application/json`.
    #[error("the body is not application/json")]
    NotJson,
    /// 413 `payload_too_large`: the body exceeds `limits::BODY_MAX_BYTES`.
    #[error("request body too large")]
    PayloadTooLarge,
    /// 422 `unknown_parent`: the parent comment is not in this thread.
    #[error("unknown parent comment")]
    UnknownParent,
    /// 429 `rate_limited`, with `Retry-After`: this client posted too often.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited {
        /// Seconds until the client may post again.
        retry_after_secs: u64,
    },
    /// 429 `too_many_new_threads` naming `thread`, with `Retry-After`: this client started
    /// too many new threads within the hour.
    #[error("too many new threads; retry in {retry_after_secs} s")]
    TooManyNewThreads {
        /// Seconds until the client may start another thread.
        retry_after_secs: u64,
    },
    /// 409 `duplicate`: the same text was just posted in this thread by the same author.
    #[error("duplicate comment")]
    Duplicate,
    /// 422 `idempotency_key_reused`: the `Idempotency-Key` came with another body before.
    #[error("idempotency key reused with another body")]
    IdempotencyKeyReused,
    /// 403 `challenge_required`: the server wants a proof-of-work solution and got none.
    #[error("proof-of-work solution missing")]
    ChallengeRequired,
    /// 403 `challenge_failed`: the solution is invalid, expired or already used.
    #[error("proof-of-work solution refused: {0}")]
    ChallengeFailed(ChallengeFailure),
    /// 404 `not_found`: `GET /api/challenge` on a server without proof-of-work.
    #[error("proof of work is off")]
    ChallengeOff,
    /// 404 `not_found`: no such route.
    #[error("not found")]
    NotFound,
    /// 405 `not_found`: the route exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 422 `comment_rejected`: screening refused the comment; names the field that matched.
    #[error("comment rejected: {message}")]
    CommentRejected {
        /// `text`, `author` or `website`.
        field: &'static str,
        /// Why, for the reader.
        message: String,
    },
    /// 403 `banned`: the author is banned until `until_ms` (`None`: for ever).
    #[error("banned")]
    Banned {
        /// When the ban ends, epoch milliseconds.
        until_ms: Option<i64>,
    },
    /// 403 `thread_locked`: the thread takes no new comments.
    #[error("thread locked")]
    ThreadLocked,
    /// 409 `already_reported`: this reader reported this comment already.
    #[error("already reported")]
    AlreadyReported,
    /// 401 `unauthorized`: no, or an invalid or expired, moderator session (or sign-in token).
    #[error("unauthorized")]
    Unauthorized,
    /// 403 `forbidden`: the moderator's session is for another site.
    #[error("forbidden")]
    Forbidden,
    /// 403 `forbidden`: the request's `Origin` is not one of the site it names.
    #[error("origin {origin} not allowed for site {site}")]
    OriginForbidden {
        /// The site the request names.
        site: String,
        /// The `Origin` header.
        origin: String,
    },
    /// 404 `not_found`: no such comment or ban.
    #[error("no such item")]
    NoSuchItem,
    /// 403 `not_your_comment`: the author token is missing or not the comment's.
    #[error("not the comment's author")]
    NotYourComment,
    /// 403 `edit_window_closed`: the comment is older than the edit window.
    #[error("edit window closed")]
    EditWindowClosed {
        /// The window, in milliseconds.
        window_ms: i64,
    },
    /// 500 `internal`: the database failed; the cause is logged, not sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Why a proof-of-work solution was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeFailure {
    /// Malformed, not issued by this server, or not solved.
    #[error("invalid")]
    Invalid,
    /// Solved too late.
    #[error("expired")]
    Expired,
    /// Already used for another comment.
    #[error("already used")]
    Spent,
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::UnknownParent => Self::UnknownParent,
            StoreError::Duplicate => Self::Duplicate,
            StoreError::IdempotencyKeyReused => Self::IdempotencyKeyReused,
            StoreError::ChallengeSpent => Self::ChallengeFailed(ChallengeFailure::Spent),
            StoreError::TooManyNewThreads { retry_after_ms } => {
                // Rounded up, so that a client that waits exactly this long is accepted.
                let secs = u64::try_from(retry_after_ms).unwrap_or(0).div_ceil(1000).max(1);
                Self::TooManyNewThreads { retry_after_secs: secs }
            }
            StoreError::ThreadLocked => Self::ThreadLocked,
            StoreError::Banned { until_ms } => Self::Banned { until_ms },
            StoreError::AlreadyReported => Self::AlreadyReported,
            StoreError::NotFound => Self::NoSuchItem,
            StoreError::NotAuthor => Self::NotYourComment,
            StoreError::EditWindowClosed { window_ms } => Self::EditWindowClosed { window_ms },
            StoreError::WrongSite => Self::Forbidden,
            StoreError::NothingToBan => {
                Self::invalid("by", "This comment has nothing of that kind to ban by.")
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<PowError> for ApiError {
    fn from(err: PowError) -> Self {
        match err {
            PowError::Missing => Self::ChallengeRequired,
            PowError::Expired => Self::ChallengeFailed(ChallengeFailure::Expired),
            PowError::Invalid => Self::ChallengeFailed(ChallengeFailure::Invalid),
        }
    }
}

impl ApiError {
    /// An [`ApiError::InvalidParam`] for `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidParam { field: field.into(), message: message.into() }
    }

    fn parts(&self) -> (StatusCode, ErrorCode, String, Option<String>) {
        use ErrorCode as C;
        use StatusCode as S;
        match self {
            Self::Validation(e) => (S::BAD_REQUEST, C::InvalidField, e.to_string(), Some(e.field().into())),
            Self::InvalidParam { field, message } => {
                (S::BAD_REQUEST, C::InvalidField, message.clone(), Some(field.clone()))
            }
            Self::MalformedJson { field: Some(f) } => (
                S::BAD_REQUEST,
                C::MalformedJson,
                format!("The field \"{f}\" is missing or has the wrong type."),
                Some(f.clone()),
            ),
            Self::MalformedJson { field: None } => {
                (S::BAD_REQUEST, C::MalformedJson, "The request body is not valid JSON.".into(), None)
            }
            Self::NotJson => (
                S::UNSUPPORTED_MEDIA_TYPE,
                C::MalformedJson,
                "Send the request body as JSON with Content-Type: application/json.".into(),
                None,
            ),
            Self::PayloadTooLarge => (
                S::PAYLOAD_TOO_LARGE,
                C::PayloadTooLarge,
                "The request is too large. Please shorten your comment.".into(),
                None,
            ),
            Self::UnknownParent => (
                S::UNPROCESSABLE_ENTITY,
                C::UnknownParent,
                "The comment you are replying to no longer exists.".into(),
                Some("parent".into()),
            ),
            Self::RateLimited { retry_after_secs } => (
                S::TOO_MANY_REQUESTS,
                C::RateLimited,
                format!(
                    "You are posting too quickly. Please wait {} before posting again.",
                    wait_words(*retry_after_secs)
                ),
                None,
            ),
            Self::TooManyNewThreads { retry_after_secs } => (
                S::TOO_MANY_REQUESTS,
                C::TooManyNewThreads,
                format!(
                    "You have started many new discussions recently. Please wait {} before starting \
                     another, or reply in an existing one.",
                    wait_words(*retry_after_secs)
                ),
                Some("thread".into()),
            ),
            Self::Duplicate => (
                S::CONFLICT,
                C::Duplicate,
                "You have already posted this comment here.".into(),
                Some("text".into()),
            ),
            Self::IdempotencyKeyReused => (
                S::UNPROCESSABLE_ENTITY,
                C::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different comment.".into(),
                None,
            ),
            Self::ChallengeRequired => (
                S::FORBIDDEN,
                C::ChallengeRequired,
                "This server asks for an anti-spam check before posting. Please try again.".into(),
                None,
            ),
            Self::ChallengeFailed(why) => (
                S::FORBIDDEN,
                C::ChallengeFailed,
                match why {
                    ChallengeFailure::Expired => "The anti-spam check expired. Please post again.",
                    ChallengeFailure::Spent => "This anti-spam check was already used. Please post again.",
                    ChallengeFailure::Invalid => "The anti-spam check failed. Please post again.",
                }
                .into(),
                None,
            ),
            Self::ChallengeOff => {
                (S::NOT_FOUND, C::NotFound, "This server does not ask for proof of work.".into(), None)
            }
            Self::NotFound => (S::NOT_FOUND, C::NotFound, "There is nothing at this address.".into(), None),
            Self::MethodNotAllowed => {
                (S::METHOD_NOT_ALLOWED, C::NotFound, "This address does not accept that method.".into(), None)
            }
            Self::CommentRejected { field, message } => {
                (S::UNPROCESSABLE_ENTITY, C::CommentRejected, message.clone(), Some((*field).into()))
            }
            Self::Banned { until_ms } => (
                S::FORBIDDEN,
                C::Banned,
                match until_ms {
                    Some(ms) => format!(
                        "You cannot post on this site until {} (UTC).",
                        crate::clock::rfc3339(*ms).replace('T', " ").trim_end_matches('Z')
                    ),
                    None => "You cannot post on this site.".into(),
                },
                None,
            ),
            Self::ThreadLocked => (
                S::FORBIDDEN,
                C::ThreadLocked,
                "This discussion is closed to new comments.".into(),
                Some("thread".into()),
            ),
            Self::AlreadyReported => {
                (S::CONFLICT, C::AlreadyReported, "You have already reported this comment.".into(), None)
            }
            Self::Unauthorized => (
                S::UNAUTHORIZED,
                C::Unauthorized,
                "Please sign in as a moderator again: the session is missing, expired or revoked.".into(),
                None,
            ),
            Self::Forbidden => {
                (S::FORBIDDEN, C::Forbidden, "You are not a moderator of this site.".into(), None)
            }
            Self::OriginForbidden { site, .. } => (
                S::FORBIDDEN,
                C::Forbidden,
                format!(
                    "This page's address is not allowed to use the comment server for the site \"{site}\"."
                ),
                None,
            ),
            Self::NoSuchItem => {
                (S::NOT_FOUND, C::NotFound, "There is no such comment or ban here.".into(), None)
            }
            Self::NotYourComment => (
                S::FORBIDDEN,
                C::NotYourComment,
                "Only the author of this comment can change it, from the browser they wrote it in.".into(),
                None,
            ),
            Self::EditWindowClosed { window_ms } => (
                S::FORBIDDEN,
                C::EditWindowClosed,
                format!(
                    "A comment can be edited or deleted for {} minutes after it is posted; this one is older.",
                    window_ms / 60_000
                ),
                None,
            ),
            Self::Internal(_) => (
                S::INTERNAL_SERVER_ERROR,
                C::Internal,
                "Something went wrong on the server. Please try again later.".into(),
                None,
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let (status, code, message, field) = self.parts();
        let until = match &self {
            Self::Banned { until_ms: Some(ms) } => Some(crate::clock::rfc3339(*ms)),
            _ => None,
        };
        let mut response =
            (status, Json(ErrorBody { error: ErrorDetail { code, message, field, until } })).into_response();
        if let Self::RateLimited { retry_after_secs } | Self::TooManyNewThreads { retry_after_secs } = self {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// "42 seconds", "1 minute", "3 minutes" (rounded up), "2 hours" (rounded up).
fn wait_words(secs: u64) -> String {
    let (n, unit) = match secs {
        0..=90 => (secs.max(1), "second"),
        91..=5400 => (secs.div_ceil(60), "minute"),
        _ => (secs.div_ceil(3600), "hour"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// Handler for unknown routes: 404 with the JSON error body.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// Handler for a known route called with the wrong method: 405 with the JSON error body.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::wait_words;

    #[test]
    fn waits_in_words() {
        assert_eq!(wait_words(0), "1 second");
        assert_eq!(wait_words(42), "42 seconds");
        assert_eq!(wait_words(91), "2 minutes");
        assert_eq!(wait_words(1200), "20 minutes");
        assert_eq!(wait_words(3600), "60 minutes");
        assert_eq!(wait_words(7200), "2 hours");
    }
}
