//! The mapping's JSON schema as Rust types. Deserialisation rejects unknown keys and wrong
//! types; `validate` then checks what serde cannot.

pub use super::condition::Condition;
pub use super::sections::{Count, Post};
pub use super::value::Spec;
use crate::model::time::TimeFormat;
use serde_json::Value;
use std::collections::BTreeMap;

/// A whole mapping: how to list, nest, read, post and count comments of one JSON API.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Name of the backend, for error messages ("the Acme comments server").
    pub name: Option<String>,
    /// Headers sent with every request (list, post, count); values may hold placeholders.
    pub headers: BTreeMap<String, String>,
    /// Whether the browser sends cookies: `omit`, `same-origin` (the default) or `include`.
    pub credentials: Credentials,
    /// How to fetch one page of a thread and find the comments in the answer.
    pub list: List,
    /// How comments are threaded: flat with a parent reference, or nested.
    pub tree: Tree,
    /// Where each field of a comment sits, relative to one comment.
    pub comment: CommentFields,
    /// A lookup table of authors elsewhere in the list answer.
    pub authors: Option<Authors>,
    /// How an answer with HTTP 200 says that it failed.
    pub error: Option<ErrorCheck>,
    /// How to post a new comment; without it the widget shows no form.
    pub post: Option<Post>,
    /// How to ask for the number of comments in a thread.
    pub count: Option<Count>,
}

/// The fetch `credentials` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyFormat {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, from the top-level keys of the body template.
    Form,
}

/// Where a value is read from: a JSON pointer into the answer, or `header:Name`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// URL template, e.g. `{api}/comments?thread={thread}&page={page}`.
    pub url: String,
    /// HTTP method; `GET` by default.
    pub method: Method,
    /// Extra headers for this request.
    pub headers: BTreeMap<String, String>,
    /// Body template, for APIs that list with a `POST`.
    pub body: Option<Value>,
    /// How the body is encoded.
    pub body_format: BodyFormat,
    /// Pointer to the array of comments in the answer; `""` (the default) is the whole answer.
    pub items: String,
    /// Where the thread's total number of comments is, if the API says.
    pub total: Option<Source>,
    /// How the thread is paged.
    pub paging: Paging,
    /// Items to drop (relative to a list item): stubs, the article itself. Not counted.
    pub skip: Option<Condition>,
    /// Pointer in the answer to the thread's root object (`{root./p}`, and `{parent./p}` of
    /// top-level comments, in post templates).
    pub root: Option<String>,
    /// `time` (the default: oldest first) or `server` (the answer's order).
    pub order: Order,
    /// Stubs saying that more replies exist.
    pub continuation: Option<super::more::ContinuationSpec>,
}

/// How siblings are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Oldest first (pinned comments first).
    #[default]
    Time,
    /// As the answer lists them.
    Server,
}

/// Paging kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paging {
    /// `none`, `page`, `offset` or `cursor`.
    pub kind: PagingKind,
    /// Number of the first page (default 1) or first offset (default 0).
    pub first: Option<u64>,
    /// A page size the API imposes; `{limit}` then takes this value.
    pub size: Option<u32>,
    /// Cursor and URL paging: where the next cursor, or the next page's URL, is.
    pub next: Option<Source>,
    /// Page paging: where the number of pages is.
    pub pages: Option<Source>,
    /// Page or offset paging: where the number of items being paged is (default: `list.total`).
    pub count: Option<Source>,
    /// Any paging: where a true/false "there is more" flag is.
    pub more: Option<Source>,
}

/// Flat or nested threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TreeKind {
    /// Each comment names its parent (the default).
    #[default]
    Flat,
    /// Replies sit inside their parent.
    Nested,
    /// The API has no threading: every comment is top-level, and readers cannot reply.
    None,
}

/// How comments are threaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    /// `flat` or `nested`.
    pub kind: TreeKind,
    /// Pointer (relative to a comment) to its parent reference; nested trees read it on
    /// top-level items only.
    pub parent: Option<Spec>,
    /// Pointer (relative to a comment) to the field that parent references point at; the id
    /// by default.
    pub parent_key: Option<Spec>,
    /// The field a reply sends as `{parent}` when posting: `parent_key` (else the id) by
    /// default.
    pub reply_key: Option<Spec>,
    /// Values of the parent reference that mean "no parent", besides null and a missing key.
    /// A JSON value or an array of them; the string `{thread}` stands for the thread key.
    pub root: Option<Value>,
    /// Nested trees: pointer (relative to a list item) to its array of replies.
    pub children: Option<String>,
    /// Flat APIs (`kind: none`): how a post quotes the comment answered, as a template of
    /// the text (`> {parent_author}: …{text}`); without it readers cannot reply.
    pub quote: Option<String>,
}

/// Pointers to a comment's fields. Each leaf is a value spec ([`Spec`]), each flag a
/// [`Condition`].
#[derive(Debug, Clone, PartialEq)]
pub struct CommentFields {
    /// Pointer from a list item to the comment object, when items wrap it; `""` by default.
    pub object: String,
    /// The id (string or number).
    pub id: Spec,
    /// The author's display name.
    pub author: Option<Spec>,
    /// The author's website.
    pub author_url: Option<Spec>,
    /// The author's avatar URL, shown with `data-avatars="remote"` if it is `http(s)`.
    pub avatar: Option<Spec>,
    /// The author's id, looked up in `authors`.
    pub author_id: Option<Spec>,
    /// The body.
    pub body: Spec,
    /// `html`, `markdown`, `text` (the default), or a pointer to a field holding one of them.
    pub body_kind: Option<String>,
    /// The creation time.
    pub created: Option<Spec>,
    /// How the time is written.
    pub time_format: TimeFormat,
    /// When a comment is waiting for moderation.
    pub pending: Option<Condition>,
    /// When a comment is deleted but kept for its replies.
    pub deleted: Option<Condition>,
    /// When an item stands for a removed, blocked or missing comment: kept as a placeholder
    /// with no author and no text.
    pub placeholder: Option<Condition>,
    /// A content warning shown before the body.
    pub warning: Option<Spec>,
    /// When a comment is pinned.
    pub pinned: Option<Condition>,
    /// When a comment was edited.
    pub edited: Option<Condition>,
    /// Links and mentions given as ranges of the plain text.
    pub ranges: Option<super::ranges::RangesSpec>,
}

/// Authors kept apart from the comments, in a map or an array.
#[derive(Debug, Clone, PartialEq)]
pub struct Authors {
    /// Pointer in the list answer to an object keyed by author id, or an array of authors.
    pub from: String,
    /// For an array: pointer (relative to one author) to its id.
    pub key: Option<String>,
    /// The display name (relative to one author).
    pub name: Option<Spec>,
    /// The website (relative to one author).
    pub url: Option<Spec>,
    /// The avatar URL (relative to one author).
    pub avatar: Option<Spec>,
}

/// An error wrapper inside successful HTTP answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCheck {
    /// Pointer to the success flag or error number; an answer without it counts as success.
    pub at: Option<String>,
    /// The value, or array of values, that mean success.
    pub ok: Option<Value>,
    /// Pointer, or array of pointers tried in order, to the error message. Also read from
    /// answers with an HTTP error status.
    pub message: Option<Value>,
}

/// The message pointers of an `error.message` value, in the order they are tried.
pub fn message_pointers(v: &Option<Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}
