//! Talking to backends: one transport function that owns status handling and decoding, and
//! one module per backend that turns the backend's shapes into the internal model.

pub mod json;
pub mod native;

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
    /// Author name.
    pub author: String,
    /// Email, may be empty.
    pub email: String,
    /// Website, may be empty.
    pub website: String,
    /// Comment text.
    pub text: String,
}

/// A configured backend. An enum rather than a trait object: the set is closed and known at
/// build time, and static dispatch keeps the wasm small.
#[derive(Debug, Clone, PartialEq)]
pub enum Backend {
    /// Threadline's own protocol (`docs/protocol.md`).
    Native(native::NativeApi),
}

impl Backend {
    /// Loads one page of a thread; `cursor` is `None` for the first page.
    pub async fn list(&self, thread: &str, cursor: Option<&str>, limit: u32) -> Result<Page, ClientError> {
        match self {
            Backend::Native(api) => api.list(thread, cursor, limit).await,
        }
    }

    /// Posts a new comment and returns it as stored.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        match self {
            Backend::Native(api) => api.post(thread, draft).await,
        }
    }
}

/// Checks a draft against the shared limits before anything is sent, so the reader sees the
/// same message the server would give, without a round trip.
pub fn validate_draft(thread: &str, draft: &Draft) -> Result<(), ClientError> {
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

/// Turns a status and a body into a value or a [`ClientError`]; pure, so natively tested.
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ClientError> {
    if (200..300).contains(&status) {
        serde_json::from_str(body).map_err(|e| ClientError::Decode(e.to_string()))
    } else {
        let detail = serde_json::from_str::<ErrorBody>(body).ok().map(|b| b.error);
        Err(ClientError::Status { status, detail })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
