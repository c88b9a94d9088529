//! The post and count sections of a mapping.

use super::schema::{BodyFormat, Method, Source};
use serde_json::Value;
use std::collections::BTreeMap;

/// The post request.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// URL template.
    pub url: String,
    /// HTTP method; `POST` by default.
    pub method: Method,
    /// Extra headers for this request.
    pub headers: BTreeMap<String, String>,
    /// Body template.
    pub body: Value,
    /// How the body is encoded.
    pub body_format: BodyFormat,
    /// Pointer to the created comment in the answer (`""`, the default, is the whole answer);
    /// `null` when the answer carries no comment.
    pub created: Option<String>,
    /// The API rejects comments without an email address.
    pub email_required: bool,
    /// The API renders comment text as markdown.
    pub markdown: bool,
    /// Fewest characters the API accepts.
    pub min_text: Option<usize>,
}

/// The count request.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// URL template.
    pub url: String,
    /// HTTP method; `GET` by default.
    pub method: Method,
    /// Extra headers for this request.
    pub headers: BTreeMap<String, String>,
    /// Body template.
    pub body: Option<Value>,
    /// How the body is encoded.
    pub body_format: BodyFormat,
    /// Where the number is.
    pub total: Source,
}
