//! Solving the server's optional proof-of-work challenge (ALTCHA v2, `docs/protocol.md`): find
//! the counter whose SHA-256 of `salt ‖ nonce ‖ counter` (4 bytes, big-endian) starts with the
//! challenge's `keyPrefix`. Hashing uses the browser's WebCrypto, so no hash crate is shipped.
//! A server with the challenge off never asks, and this code never runs.

use super::{fetch, get, RawResponse};
use crate::error::{ClientError, Refusal};
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The most counters tried before giving up, whatever the challenge asks.
const MAX_COUNTER: u32 = 5_000_000;

/// The parts of a challenge the solver reads; the whole challenge goes back verbatim.
#[derive(Deserialize)]
struct Challenge {
    parameters: Parameters,
}

#[derive(Deserialize)]
struct Parameters {
    #[serde(default)]
    salt: String,
    #[serde(default)]
    nonce: String,
    #[serde(default, rename = "keyPrefix")]
    key_prefix: String,
}

/// True when an answer says the post needs a solved challenge.
pub fn is_challenge_required(response: &RawResponse) -> bool {
    response.status == 403 && response.body.contains("\"challenge_required\"")
}

/// Fetches a challenge from `{base}/challenge`, solves it, and returns the `Altcha` header value.
pub async fn solve(base: &str) -> Result<String, ClientError> {
    let response = fetch(get(&format!("{base}/challenge"))?).await?;
    let Challenge { parameters } =
        super::from_json(&response.body).map_err(|e| ClientError::Decode(format!("challenge: {e}")))?;
    let (salt, nonce, prefix) =
        (hex_bytes(&parameters.salt), hex_bytes(&parameters.nonce), parameters.key_prefix);
    let subtle = web_sys::window()
        .ok_or_else(|| ClientError::Config("no window".into()))?
        .crypto()
        .map_err(js)?
        .subtle();
    let mut buf = [salt, nonce, vec![0; 4]].concat();
    let at = buf.len() - 4;
    for counter in 0..MAX_COUNTER {
        buf[at..].copy_from_slice(&counter.to_be_bytes());
        let promise = subtle.digest_with_str_and_u8_array("SHA-256", &buf).map_err(js)?;
        let digest = js_sys::Uint8Array::new(&JsFuture::from(promise).await.map_err(js)?).to_vec();
        let key = hex(&digest);
        if key.starts_with(&prefix) {
            // The challenge as the server wrote it (it parsed as JSON above, and its signature
            // covers it), so nothing is lost or reordered on the way back.
            let payload = format!(
                r#"{{"challenge":{},"solution":{{"counter":{counter},"derivedKey":"{key}"}}}}"#,
                response.body.trim()
            );
            let window = web_sys::window().ok_or_else(|| ClientError::Config("no window".into()))?;
            return window.btoa(&payload).map_err(js);
        }
    }
    Err(Refusal::ChallengeUnsolved.into())
}

fn js(e: wasm_bindgen::JsValue) -> ClientError {
    ClientError::Network(e.dyn_ref::<js_sys::Error>().map_or_else(
        || e.as_string().unwrap_or_else(|| "the browser refused".into()),
        |e| String::from(e.message()),
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| s.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}
