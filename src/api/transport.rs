//! The transport every adapter sends through: build a request, get the whole answer, read
//! JSON. Only a failure to get an answer at all is an error here; what a status means is for
//! the adapter to judge, except for the native protocol, whose error body [`decode`] reads.

use crate::error::ClientError;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use threadline_protocol::ErrorBody;

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

/// A request that could not be built or sent, or whose answer could not be read: a network
/// failure. The browser's own words are dropped: the reader is told only that the server could
/// not be reached, the browser's console already shows why, and formatting them would ship
/// gloo's and the JS error's `Display` in the wasm.
impl From<gloo_net::Error> for ClientError {
    fn from(_: gloo_net::Error) -> Self {
        ClientError::Network("no answer".into())
    }
}

/// Finishes a request with a JSON body. Serialising here rather than through gloo-net's `json`
/// feature keeps serde_json's `std` (I/O errors and their messages) out of the wasm.
pub fn with_json<T: serde::Serialize + ?Sized>(
    builder: RequestBuilder,
    body: &T,
) -> Result<Request, ClientError> {
    // serde_json's message is left out, as in `json::parse_body`.
    let text = serde_json::to_string(body)
        .map_err(|_| ClientError::Decode("the request could not be written as JSON".into()))?;
    Ok(builder.header("Content-Type", "application/json").body(text)?)
}

/// Sends a request and reads the whole answer.
pub async fn fetch(request: Request) -> Result<RawResponse, ClientError> {
    let response = request.send().await?;
    let status = response.status();
    let headers = response.headers().entries().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
    let body = response.text().await?;
    Ok(RawResponse { status, headers, body })
}

/// A `GET url` request, for [`fetch`]. Building stays apart from sending so that each
/// adapter's future awaits `fetch` directly: a wrapping `async fn` would be one more state
/// machine in the wasm.
#[inline]
pub fn get(url: &str) -> Result<Request, ClientError> {
    Ok(Request::get(url).build()?)
}

/// A `POST url` request with a JSON body, for [`fetch`].
#[inline]
pub fn post_json<T: serde::Serialize + ?Sized>(url: &str, body: &T) -> Result<Request, ClientError> {
    with_json(Request::post(url), body)
}

/// Sends a request and decodes a native-protocol answer.
pub async fn send_json<T: DeserializeOwned>(request: Request) -> Result<T, ClientError> {
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

/// Turns a native-protocol status and body into a value or a [`ClientError`] whose reason the
/// error body's code chose; pure, so natively tested.
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ClientError> {
    if (200..300).contains(&status) {
        from_json(body).map_err(ClientError::Decode)
    } else {
        Err(refused(status, body))
    }
}

/// Like [`decode`], for answers whose body is not read when they succeed: `Ok` for a 2xx
/// status, whatever its body, without a JSON reader for it in the wasm.
pub fn check(status: u16, body: &str) -> Result<(), ClientError> {
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(refused(status, body))
    }
}

/// The [`ClientError`] of a native-protocol answer that is not a 2xx.
fn refused(status: u16, body: &str) -> ClientError {
    let detail = from_json::<ErrorBody>(body).ok().map(|b| b.error);
    ClientError::from_native(status, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Refusal;
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
        assert_eq!(
            decode::<ThreadPage>(409, r#"{"error":{"code":"duplicate","message":"Again?","field":"text"}}"#),
            Err(Refusal::Duplicate.into())
        );
        let newer = r#"{"error":{"code":"too_many_threads","message":"Too many new threads."}}"#;
        assert_eq!(decode::<ThreadPage>(429, newer).unwrap_err().english(), "Too many new threads.");
        assert_eq!(decode::<ThreadPage>(502, "<html>Bad gateway</html>"), Err(ClientError::Status(502)));
        assert!(matches!(decode::<ThreadPage>(200, "{\"comments\":7}"), Err(ClientError::Decode(_))));
        assert_eq!(check(201, r#"{"reports":1}"#), Ok(()));
        let reported = r#"{"error":{"code":"already_reported","message":"Already."}}"#;
        assert_eq!(check(409, reported), Err(Refusal::AlreadyReported.into()));
    }
}
