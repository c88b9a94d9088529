//! Request extractors whose rejections are [`ApiError`]s, so that a malformed body or query
//! string gets the same JSON error body as every other failure.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body of type `T`. Requires `Content-Type: application/json` (415 otherwise), at
/// most the router's body limit (413), and valid JSON of the right shape (400, naming the
/// top-level field at fault when serde names one).
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::NotJson);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::MalformedJson { field: None }
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Deserializes `bytes` as a whole JSON document of type `T`.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| ApiError::MalformedJson {
        field: if e.inner().is_data() { top_level_field(&e) } else { None },
    })?;
    de.end().map_err(|_| ApiError::MalformedJson { field: None })?;
    Ok(value)
}

/// The first map key on the error's path, or the field named by a "missing field `x`" /
/// "duplicate field `x`" message at the top level.
fn top_level_field(err: &serde_path_to_error::Error<serde_json::Error>) -> Option<String> {
    match err.path().iter().next() {
        Some(serde_path_to_error::Segment::Map { key }) => Some(key.clone()),
        Some(_) => None,
        None => backticked_field(&err.inner().to_string()),
    }
}

/// `author` from messages like "missing field `author` at line 1 column 9".
fn backticked_field(message: &str) -> Option<String> {
    if !(message.starts_with("missing field") || message.starts_with("duplicate field")) {
        return None;
    }
    let (_, rest) = message.split_once('`')?;
    let (name, _) = rest.split_once('`')?;
    Some(name.to_owned())
}

/// `application/json`, or any `application/*+json`, with optional parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A query string deserialized into `T`; failures are 400 `invalid_field`, naming the
/// parameter when serde does.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).map(ApiQuery).map_err(|e| {
            let message = e.to_string();
            let field = backticked_field(&message).unwrap_or_else(|| "query".into());
            ApiError::invalid(field, "The query string is not valid.")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use threadline_protocol::NewComment;

    fn field_of(body: &str) -> Option<String> {
        match parse_json::<NewComment>(body.as_bytes()) {
            Err(ApiError::MalformedJson { field }) => field,
            other => panic!("{body}: expected malformed JSON, got {other:?}"),
        }
    }

    #[test]
    fn names_the_field_serde_complains_about() {
        assert_eq!(field_of(r#"{"thread":"/a","text":"x"}"#).as_deref(), Some("author"));
        assert_eq!(field_of(r#"{"thread":"/a","author":5,"text":"x"}"#).as_deref(), Some("author"));
        assert_eq!(
            field_of(r#"{"thread":"/a","parent":"x","author":"A","text":"x"}"#).as_deref(),
            Some("parent")
        );
        assert_eq!(field_of(r#"{"thread":"/a","#), None);
        assert_eq!(field_of("[1]"), None);
        assert_eq!(field_of(r#"{"thread":"/a","author":"A","text":"x"} trailing"#), None);
    }

    #[test]
    fn json_content_types() {
        let mut h = HeaderMap::new();
        assert!(!is_json(&h));
        for (value, ok) in [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            ("application/merge-patch+json", true),
            ("text/plain", false),
            ("application/x-www-form-urlencoded", false),
        ] {
            h.insert(CONTENT_TYPE, value.parse().unwrap());
            assert_eq!(is_json(&h), ok, "{value}");
        }
    }
}
