//! The mapping's JSON schema as Rust types. Deserialisation rejects unknown keys and wrong
//! types; `validate` then checks what serde cannot.

use crate::model::time::TimeFormat;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A whole mapping: how to list, nest, read, post and count comments of one JSON API.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Name of the backend, for error messages ("the Acme comments server").
    #[serde(default)]
    pub name: Option<String>,
    /// Headers sent with every request (list, post, count); values may hold placeholders.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Whether the browser sends cookies: `omit`, `same-origin` (the default) or `include`.
    #[serde(default)]
    pub credentials: Credentials,
    /// How to fetch one page of a thread and find the comments in the answer.
    pub list: List,
    /// How comments are threaded: flat with a parent reference, or nested.
    #[serde(default)]
    pub tree: Tree,
    /// Where each field of a comment sits, relative to one comment.
    pub comment: CommentFields,
    /// A lookup table of authors elsewhere in the list answer.
    #[serde(default)]
    pub authors: Option<Authors>,
    /// How an answer with HTTP 200 says that it failed.
    #[serde(default)]
    pub error: Option<ErrorCheck>,
    /// How to post a new comment; without it the widget shows no form.
    #[serde(default)]
    pub post: Option<Post>,
    /// How to ask for the number of comments in a thread.
    #[serde(default)]
    pub count: Option<Count>,
}

/// The fetch `credentials` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Credentials {
    /// Never send cookies.
    Omit,
    /// Send cookies to the page's own origin only (the browser's default).
    #[default]
    SameOrigin,
    /// Send cookies to the API's origin too (it must allow credentials in CORS).
    Include,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    #[serde(alias = "get")]
    Get,
    /// `POST`
    #[serde(alias = "post")]
    Post,
    /// `PUT`
    #[serde(alias = "put")]
    Put,
    /// `PATCH`
    #[serde(alias = "patch")]
    Patch,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
        }
    }
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, from the top-level keys of the body template.
    Form,
}

/// Where a value is read from: a JSON pointer into the answer, or `header:Name`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "String")]
pub enum Source {
    /// A JSON pointer (`""` or starting with `/`).
    Pointer(String),
    /// A response header, by lower-cased name.
    Header(String),
}

impl From<String> for Source {
    fn from(s: String) -> Self {
        match s.strip_prefix("header:") {
            Some(name) => Source::Header(name.trim().to_ascii_lowercase()),
            None => Source::Pointer(s),
        }
    }
}

/// The list request and where the comments are in its answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// URL template, e.g. `{api}/comments?thread={thread}&page={page}`.
    pub url: String,
    /// HTTP method; `GET` by default.
    #[serde(default = "get")]
    pub method: Method,
    /// Extra headers for this request.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Body template, for APIs that list with a `POST`.
    #[serde(default)]
    pub body: Option<Value>,
    /// How the body is encoded.
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Pointer to the array of comments in the answer; `""` (the default) is the whole answer.
    #[serde(default)]
    pub items: String,
    /// Where the thread's total number of comments is, if the API says.
    #[serde(default)]
    pub total: Option<Source>,
    /// How the thread is paged.
    #[serde(default)]
    pub paging: Paging,
}

fn get() -> Method {
    Method::Get
}

fn post_method() -> Method {
    Method::Post
}

/// Paging kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PagingKind {
    /// The whole thread comes in one answer (the default).
    #[default]
    None,
    /// `{page}` counts pages from `first`.
    Page,
    /// `{offset}` counts items from `first`.
    Offset,
    /// `{cursor}` is an opaque value the previous answer gave.
    Cursor,
    /// The previous answer gave the next page's whole URL (a `next` field, or a `Link` header).
    Url,
}

/// How to ask for the next page, and how to tell that there is one.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// `none`, `page`, `offset` or `cursor`.
    #[serde(default)]
    pub kind: PagingKind,
    /// Number of the first page (default 1) or first offset (default 0).
    #[serde(default)]
    pub first: Option<u64>,
    /// A page size the API imposes; `{limit}` then takes this value.
    #[serde(default)]
    pub size: Option<u32>,
    /// Cursor and URL paging: where the next cursor, or the next page's URL, is.
    #[serde(default)]
    pub next: Option<Source>,
    /// Page paging: where the number of pages is.
    #[serde(default)]
    pub pages: Option<Source>,
    /// Page or offset paging: where the number of items being paged is (default: `list.total`).
    #[serde(default)]
    pub count: Option<Source>,
    /// Any paging: where a true/false "there is more" flag is.
    #[serde(default)]
    pub more: Option<Source>,
}

/// Flat or nested threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeKind {
    /// Each comment names its parent (the default).
    #[default]
    Flat,
    /// Replies sit inside their parent.
    Nested,
}

/// How comments are threaded.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    /// `flat` or `nested`.
    #[serde(default)]
    pub kind: TreeKind,
    /// Pointer (relative to a comment) to its parent reference; nested trees read it on
    /// top-level items only.
    #[serde(default)]
    pub parent: Option<String>,
    /// Pointer (relative to a comment) to the field that parent references point at; the id
    /// by default.
    #[serde(default)]
    pub parent_key: Option<String>,
    /// Values of the parent reference that mean "no parent", besides null and a missing key.
    /// A JSON value or an array of them; the string `{thread}` stands for the thread key.
    #[serde(default)]
    pub root: Option<Value>,
    /// Nested trees: pointer (relative to a list item) to its array of replies.
    #[serde(default)]
    pub children: Option<String>,
}

/// Pointers to a comment's fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentFields {
    /// Pointer from a list item to the comment object, when items wrap it; `""` by default.
    #[serde(default)]
    pub object: String,
    /// Pointer to the id (string or number).
    pub id: String,
    /// Pointer to the author's display name.
    #[serde(default)]
    pub author: Option<String>,
    /// Pointer to the author's website.
    #[serde(default)]
    pub author_url: Option<String>,
    /// Pointer to the author's avatar URL (read and checked, not shown yet).
    #[serde(default)]
    pub avatar: Option<String>,
    /// Pointer to the author's id, looked up in `authors`.
    #[serde(default)]
    pub author_id: Option<String>,
    /// Pointer to the body.
    pub body: String,
    /// `html`, `markdown`, `text` (the default), or a pointer to a field holding one of them.
    #[serde(default)]
    pub body_kind: Option<String>,
    /// Pointer to the creation time.
    #[serde(default)]
    pub created: Option<String>,
    /// How the time is written.
    #[serde(default)]
    pub time_format: TimeFormat,
    /// When a comment is waiting for moderation.
    #[serde(default)]
    pub pending: Option<Match>,
    /// When a comment is deleted but kept for its replies.
    #[serde(default)]
    pub deleted: Option<Match>,
}

/// A condition on one value: true when the value at `at` equals one of `is`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Match {
    /// Pointer to the value.
    pub at: String,
    /// A value or an array of values.
    pub is: Value,
}

/// Authors kept apart from the comments, in a map or an array.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authors {
    /// Pointer in the list answer to an object keyed by author id, or an array of authors.
    pub from: String,
    /// For an array: pointer (relative to one author) to its id.
    #[serde(default)]
    pub key: Option<String>,
    /// Pointer (relative to one author) to the display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Pointer (relative to one author) to the website.
    #[serde(default)]
    pub url: Option<String>,
    /// Pointer (relative to one author) to the avatar URL.
    #[serde(default)]
    pub avatar: Option<String>,
}

/// An error wrapper inside successful HTTP answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCheck {
    /// Pointer to the success flag or error number; an answer without it counts as success.
    #[serde(default)]
    pub at: Option<String>,
    /// The value, or array of values, that mean success.
    #[serde(default)]
    pub ok: Option<Value>,
    /// Pointer, or array of pointers tried in order, to the error message. Also read from
    /// answers with an HTTP error status.
    #[serde(default)]
    pub message: Option<Value>,
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

/// The message pointers of an `error.message` value, in the order they are tried.
pub fn message_pointers(v: &Option<Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}
