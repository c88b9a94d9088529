//! [`ApiError`]: every way a request can fail, and the only place a failure becomes an HTTP
//! response. Each variant documents its status; the body is always the protocol's
//! [`ErrorBody`]. Internal details are logged here and never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use threadline_protocol::{ErrorBody, ErrorCode, ErrorDetail, ValidationError};

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
    /// 404 `not_found`: no such route.
    #[error("not found")]
    NotFound,
    /// 405 `not_found`: the route exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 500 `internal`: the database failed; the cause is logged, not sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::UnknownParent => Self::UnknownParent,
            other => Self::Internal(other.to_string()),
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
            Self::NotFound => (S::NOT_FOUND, C::NotFound, "There is nothing at this address.".into(), None),
            Self::MethodNotAllowed => {
                (S::METHOD_NOT_ALLOWED, C::NotFound, "This address does not accept that method.".into(), None)
            }
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
        (status, Json(ErrorBody { error: ErrorDetail { code, message, field } })).into_response()
    }
}

/// Handler for unknown routes: 404 with the JSON error body.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// Handler for a known route called with the wrong method: 405 with the JSON error body.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
