//! Talking to backends: one transport function that owns status handling and decoding, and
//! one module per backend that turns the backend's shapes into the internal model.

#[cfg(feature = "custom")]
pub mod custom;
#[cfg(feature = "isso")]
pub mod isso;
#[cfg(feature = "foreign")]
pub mod json;
pub mod native;
#[cfg(target_arch = "wasm32")]
pub mod pow;
#[cfg(feature = "waline")]
pub mod waline;
#[cfg(feature = "wordpress")]
pub mod wordpress;

use crate::error::ClientError;
use crate::model::Comment;
use serde::de::DeserializeOwned;
use threadline_protocol::ErrorBody;

/// One page of comments in the internal model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Comments, flat, each naming its parent.
    pub comments: Vec<Comment>,
    /// Cursor for the next page, if there is one.
    pub next_cursor: Option<String>,
    /// Total comments in the thread, when the backend reports it.
    pub total: Option<u64>,
}

/// What the reader typed, ready to post.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    /// The comment answered, or `None` for a top-level comment.
    pub parent: Option<std::rc::Rc<str>>,
    /// The top-level comment above `parent` (Waline wants it; Isso files replies under it).
    pub root: Option<std::rc::Rc<str>>,
    /// The author of the comment answered, for backends that cannot nest deeper.
    pub parent_author: Option<String>,
    /// Author name.
    pub author: String,
    /// Email, may be empty.
    pub email: String,
    /// Website, may be empty.
    pub website: String,
    /// Comment text.
    pub text: String,
    /// The honeypot field: hidden from people, so only bots fill it.
    pub homepage: String,
    /// One key per comment the reader means to post, so that a retried request stores it once.
    pub idempotency_key: Option<String>,
}

/// What a backend can do; the UI hides what it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Name shown in error messages, e.g. "Isso".
    pub name: &'static str,
    /// The thread comes in pages, so "Show more comments" can appear.
    pub paging: bool,
    /// Levels of nesting the backend stores; `None` for any depth. Isso stores two.
    pub nesting: Option<usize>,
    /// Readers can post (a custom mapping may describe a read-only API).
    pub posting: bool,
    /// The backend requires an email address from anonymous authors.
    pub email_required: bool,
    /// The backend stores an author website.
    pub website: bool,
    /// Fewest characters the backend accepts in a comment.
    pub min_text: usize,
    /// The backend can count comments per thread.
    pub counts: bool,
    /// Comment text is read as markdown by the backend.
    pub markdown_input: bool,
    /// Authors can edit their comments (not offered by the widget yet).
    pub editing: bool,
    /// Readers can vote on comments (not offered by the widget yet).
    pub votes: bool,
}

impl Capabilities {
    /// Defaults shared by the presets; each overrides what differs.
    pub const BASE: Capabilities = Capabilities {
        name: "",
        paging: true,
        nesting: None,
        posting: true,
        email_required: false,
        website: true,
        min_text: 1,
        counts: true,
        markdown_input: false,
        editing: false,
        votes: false,
    };
}

/// A configured backend. An enum rather than a trait object: the set is closed and known at
/// build time, and static dispatch keeps the wasm small.
#[derive(Debug, Clone, PartialEq)]
pub enum Backend {
    /// Threadline's own protocol (`docs/protocol.md`).
    Native(native::NativeApi),
    /// The WordPress REST API.
    #[cfg(feature = "wordpress")]
    WordPress(wordpress::WordPressApi),
    /// An Isso server.
    #[cfg(feature = "isso")]
    Isso(isso::IssoApi),
    /// A Waline server.
    #[cfg(feature = "waline")]
    Waline(waline::WalineApi),
    /// Any JSON API described by a declarative mapping (`docs/backends.md`).
    #[cfg(feature = "custom")]
    Custom(custom::CustomApi),
}

impl Backend {
    /// The backend a configuration asks for.
    pub fn from_config(c: &crate::config::Config) -> Result<Backend, ClientError> {
        use crate::config::BackendKind;
        Ok(match c.backend {
            BackendKind::Threadline => Backend::Native(native::NativeApi::new(&c.api)),
            #[cfg(feature = "wordpress")]
            BackendKind::WordPress => {
                Backend::WordPress(wordpress::WordPressApi::new(&c.api, c.post_id, c.page_url.clone()))
            }
            #[cfg(feature = "isso")]
            BackendKind::Isso => Backend::Isso(isso::IssoApi::new(&c.api, c.title.clone())),
            #[cfg(feature = "waline")]
            BackendKind::Waline => Backend::Waline(waline::WalineApi::new(&c.api)),
            #[cfg(feature = "custom")]
            BackendKind::Custom => {
                let mapping = c.mapping.as_deref().unwrap_or_default();
                let api = custom::CustomApi::new(&c.api, mapping)?;
                Backend::Custom(api.with_page(c.page_url.clone(), c.title.clone()))
            }
            // The loader fetches the bundle that `data-backend` names, so this is reached only
            // when a page loads a bundle by hand.
            #[allow(unreachable_patterns)]
            other => return Err(missing_backend(other)),
        })
    }

    /// What this backend can do.
    pub fn capabilities(&self) -> Capabilities {
        match self {
            Backend::Native(_) => {
                Capabilities { name: "Threadline", markdown_input: true, ..Capabilities::BASE }
            }
            #[cfg(feature = "wordpress")]
            Backend::WordPress(_) => wordpress::CAPABILITIES,
            #[cfg(feature = "isso")]
            Backend::Isso(_) => isso::CAPABILITIES,
            #[cfg(feature = "waline")]
            Backend::Waline(_) => waline::CAPABILITIES,
            #[cfg(feature = "custom")]
            Backend::Custom(api) => Capabilities { name: "custom", ..api.capabilities() },
        }
    }

    /// Loads one page of a thread; `cursor` is `None` for the first page.
    pub async fn list(&self, thread: &str, cursor: Option<&str>, limit: u32) -> Result<Page, ClientError> {
        match self {
            Backend::Native(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "wordpress")]
            Backend::WordPress(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "isso")]
            Backend::Isso(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "waline")]
            Backend::Waline(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "custom")]
            Backend::Custom(api) => api.list(thread, cursor, limit).await,
        }
    }

    /// Posts a new comment and returns it as stored.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        match self {
            Backend::Native(api) => api.post(thread, draft).await,
            #[cfg(feature = "wordpress")]
            Backend::WordPress(api) => api.post(thread, draft).await,
            #[cfg(feature = "isso")]
            Backend::Isso(api) => api.post(thread, draft).await,
            #[cfg(feature = "waline")]
            Backend::Waline(api) => api.post(thread, draft).await,
            #[cfg(feature = "custom")]
            Backend::Custom(api) => api.post(thread, draft).await,
        }
    }
}

/// The error of a bundle built without the backend a page asks for.
fn missing_backend(kind: crate::config::BackendKind) -> ClientError {
    ClientError::Config(format!(
        "this bundle of the widget has no {} backend: embed threadline.js, which loads the right one",
        kind.name()
    ))
}

/// Checks a draft against the shared limits and the backend's own demands before anything is
/// sent, so the reader sees the message at once, without a round trip.
pub fn validate_draft(thread: &str, draft: &Draft, caps: &Capabilities) -> Result<(), ClientError> {
    check_shared_limits(thread, draft)?;
    if caps.email_required && draft.email.trim().is_empty() {
        return Err(ClientError::Refused {
            message: "This site asks for an email address. It is never published.".into(),
            field: Some("email".into()),
        });
    }
    if draft.text.trim().chars().count() < caps.min_text {
        return Err(ClientError::Refused {
            message: format!("Please write at least {} characters.", caps.min_text),
            field: Some("text".into()),
        });
    }
    Ok(())
}

fn check_shared_limits(thread: &str, draft: &Draft) -> Result<(), ClientError> {
    let probe = threadline_protocol::NewComment {
        thread: thread.to_string(),
        parent: None,
        author: draft.author.clone(),
        email: Some(draft.email.clone()),
        website: Some(draft.website.clone()),
        text: draft.text.clone(),
    };
    threadline_protocol::validate_new_comment(&probe).map_err(ClientError::from)
}

/// Percent-encodes a query value.
#[cfg(feature = "foreign")]
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A backend's answer, read whole: status, headers (names lower-cased) and body text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// Response headers that CORS lets the page see, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl RawResponse {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// True for a 2xx status.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Finishes a request with a JSON body. Serialising here rather than through gloo-net's `json`
/// feature keeps serde_json's `std` (I/O errors and their messages) out of the wasm.
pub fn with_json<T: serde::Serialize + ?Sized>(
    builder: gloo_net::http::RequestBuilder,
    body: &T,
) -> Result<gloo_net::http::Request, ClientError> {
    let text = serde_json::to_string(body).map_err(|e| ClientError::Decode(e.to_string()))?;
    builder
        .header("Content-Type", "application/json")
        .body(text)
        .map_err(|e| ClientError::Network(e.to_string()))
}

/// Sends a request and reads the whole answer. Only failures to get an answer at all are
/// errors here; statuses are for the adapter to judge.
pub async fn fetch(request: gloo_net::http::Request) -> Result<RawResponse, ClientError> {
    let response = request.send().await.map_err(|e| ClientError::Network(e.to_string()))?;
    let status = response.status();
    let headers = response.headers().entries().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
    let body = response.text().await.map_err(|e| ClientError::Network(e.to_string()))?;
    Ok(RawResponse { status, headers, body })
}

/// Sends a request and decodes a native-protocol answer.
pub async fn send_json<T: DeserializeOwned>(request: gloo_net::http::Request) -> Result<T, ClientError> {
    let response = fetch(request).await?;
    decode(response.status, &response.body)
}

/// Parses JSON text: in the browser with its own `JSON.parse`, so no JSON parser ships in the wasm.
#[cfg(target_arch = "wasm32")]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// Parses JSON text (natively, for tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Turns a status and a body into a value or a [`ClientError`]; pure, so natively tested.
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ClientError> {
    if (200..300).contains(&status) {
        from_json(body).map_err(ClientError::Decode)
    } else {
        let detail = from_json::<ErrorBody>(body).ok().map(|b| b.error);
        Err(ClientError::Status { status, detail })
    }
}

/// Recorded answers of the real servers, for the adapters' native tests.
#[cfg(test)]
pub mod recorded {
    use super::RawResponse;

    /// `tests/fixtures/<backend>/<name>` with the status and headers of its `.meta.json`.
    pub fn response(backend: &str, name: &str) -> RawResponse {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(backend);
        let body = std::fs::read_to_string(dir.join(name)).expect("fixture exists");
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{stem}.meta.json"))).expect("meta exists"),
        )
        .expect("meta is JSON");
        let headers = meta["headers"]
            .as_object()
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default();
        RawResponse { status: meta["status"].as_u64().unwrap_or(0) as u16, headers, body }
    }

    /// The same answer with another body, for adversarial variants.
    pub fn with_body(mut r: RawResponse, body: impl Into<String>) -> RawResponse {
        r.body = body.into();
        r
    }

    /// `(id, parent)` pairs, for comparing nesting.
    pub fn shape(comments: &[crate::model::Comment]) -> Vec<(String, Option<String>)> {
        comments.iter().map(|c| (c.id.to_string(), c.parent.as_deref().map(str::to_string))).collect()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backend_kind_builds_from_its_attributes() {
        let attrs = |extra: &[(&str, &str)]| {
            let mut m: Vec<(String, String)> = [("api", "https://h.example"), ("thread", "/t")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            m.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            crate::config::Config::from_attrs(&m).unwrap()
        };
        let name =
            |extra: &[(&str, &str)]| Backend::from_config(&attrs(extra)).map(|b| b.capabilities().name);
        assert_eq!(name(&[]), Ok("Threadline"));
        assert_eq!(name(&[("backend", "wordpress")]), Ok("WordPress"));
        assert_eq!(name(&[("backend", "isso")]), Ok("Isso"));
        assert_eq!(name(&[("backend", "waline")]), Ok("Waline"));
        let mapping = r#"{"list": {"url": "{api}/c?t={thread}", "items": "/"}, "comment": {"id": "/id", "body": "/text"}}"#;
        assert_eq!(name(&[("backend", "custom"), ("mapping", mapping)]), Ok("custom"));
        assert!(name(&[("backend", "custom"), ("mapping", "{not json")]).is_err());
    }
    use threadline_protocol::ThreadPage;

    #[test]
    fn decodes_success_and_errors() {
        let page: ThreadPage = decode(200, r#"{"comments":[],"next_cursor":null,"total":0}"#).unwrap();
        assert_eq!(page.total, 0);
        let err = decode::<ThreadPage>(
            400,
            r#"{"error":{"code":"invalid_field","message":"Please enter your name.","field":"author"}}"#,
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("author"));
        assert!(matches!(
            decode::<ThreadPage>(502, "<html>Bad gateway</html>"),
            Err(ClientError::Status { status: 502, detail: None })
        ));
        assert!(matches!(decode::<ThreadPage>(200, "{\"comments\":7}"), Err(ClientError::Decode(_))));
    }
}
