//! Request extractors whose rejections are [`ApiError`]s, so that a malformed body or query
//! string gets the same JSON error body as every other failure.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use threadline_protocol::NewComment;

use crate::abuse::HONEYPOT_FIELD;
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
        parse_json(&json_bytes(req, state).await?).map(ApiJson)
    }
}

/// The body of a request that must be JSON: 415 without a JSON content type, 413 over the
/// router's body limit.
async fn json_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    if !is_json(req.headers()) {
        return Err(ApiError::NotJson);
    }
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::MalformedJson { field: None }
        }
    })
}

/// The body of `POST /api/comments`: the [`NewComment`] (read and reported exactly as
/// [`ApiJson`] does), plus the two fields that are not part of the comment: the honeypot and
/// the proof-of-work solution.
#[derive(Debug, Clone)]
pub struct CommentBody {
    /// The comment itself.
    pub comment: NewComment,
    /// The honeypot field ([`crate::abuse::HONEYPOT_FIELD`]), of whatever JSON type.
    pub honeypot: Option<serde_json::Value>,
    /// The `altcha` field: a proof-of-work solution, when sent in the body. A value that is
    /// not a string is kept as an empty string, so it fails verification.
    pub altcha: Option<String>,
    /// The `site` field: the site the comment is for; `None` means `default`.
    pub site: Option<String>,
}

impl<S: Send + Sync> FromRequest<S> for CommentBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = json_bytes(req, state).await?;
        let comment = parse_json(&bytes)?;
        // Read apart from the comment, so that a bad value here never becomes an error that
        // names the field (a bot must not learn about the honeypot).
        let whole: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let honeypot = whole.get(HONEYPOT_FIELD).cloned();
        let altcha =
            whole.get("altcha").filter(|v| !v.is_null()).map(|v| v.as_str().unwrap_or("").to_owned());
        let site = match whole.get("site") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(ApiError::MalformedJson { field: Some("site".into()) }),
        };
        Ok(Self { comment, honeypot, altcha, site })
    }
}

impl CommentBody {
    /// SHA-256 (hex) of the comment's fields as parsed, so that an idempotent retry matches
    /// whatever its JSON layout, and any change to a field does not.
    pub fn request_hash(&self) -> String {
        let json = serde_json::to_vec(&self.comment).expect("a NewComment always serializes");
        let mut hasher = Sha256::new();
        hasher.update(json);
        // The site is outside `NewComment`; a comment for another site is another request.
        if let Some(site) = self.site.as_deref().filter(|s| *s != crate::site::DEFAULT_SITE) {
            hasher.update(b"\0site:");
            hasher.update(site.as_bytes());
        }
        hex::encode(hasher.finalize())
    }
}

/// The `Idempotency-Key` request header.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The optional `Idempotency-Key` header: 1 to 255 visible ASCII characters (a UUID is
/// typical); anything else is 400 `invalid_field` naming the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all(IDEMPOTENCY_KEY).iter();
        let Some(value) = values.next() else {
            return Ok(Self(None));
        };
        let bytes = value.as_bytes();
        if values.next().is_some()
            || bytes.is_empty()
            || bytes.len() > 255
            || !bytes.iter().all(u8::is_ascii_graphic)
        {
            return Err(ApiError::invalid(
                "Idempotency-Key",
                "The Idempotency-Key header must be 1 to 255 visible ASCII characters, such as a UUID.",
            ));
        }
        Ok(Self(Some(String::from_utf8_lossy(bytes).into_owned())))
    }
}

/// The `X-Threadline-Author` request header: a reader's author token.
pub const AUTHOR_HEADER: &str = "x-threadline-author";

/// The reader's author token from [`AUTHOR_HEADER`], when it is well formed; anything else
/// is ignored (as an unknown token is), never an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorToken(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for AuthorToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token = parts.headers.get(AUTHOR_HEADER).and_then(|v| v.to_str().ok()).map(str::trim);
        Ok(Self(token.filter(|t| crate::tokens::well_formed(t)).map(str::to_owned)))
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
