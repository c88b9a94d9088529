//! The post and count sections of a mapping.

use super::schema::{get, BodyFormat, Method, Source};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

fn post_method() -> Method {
    Method::Post
}

/// The post request.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    /// URL template.
    pub url: String,
    /// HTTP method; `POST` by default.
    #[serde(default = "post_method")]
    pub method: Method,
    /// Extra headers for this request.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Body template.
    pub body: Value,
    /// How the body is encoded.
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Pointer to the created comment in the answer (`""`, the default, is the whole answer);
    /// `null` when the answer carries no comment.
    #[serde(default = "whole", deserialize_with = "nullable")]
    pub created: Option<String>,
    /// The API rejects comments without an email address.
    #[serde(default)]
    pub email_required: bool,
    /// The API renders comment text as markdown.
    #[serde(default)]
    pub markdown: bool,
    /// Fewest characters the API accepts.
    #[serde(default)]
    pub min_text: Option<usize>,
}

fn whole() -> Option<String> {
    Some(String::new())
}

fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

/// The count request.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// URL template.
    pub url: String,
    /// HTTP method; `GET` by default.
    #[serde(default = "get")]
    pub method: Method,
    /// Extra headers for this request.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Body template.
    #[serde(default)]
    pub body: Option<Value>,
    /// How the body is encoded.
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Where the number is.
    pub total: Source,
}
