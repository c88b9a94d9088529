//! The first page the loader asked for while the wasm was still on its way: on Threadline's
//! own server, `threadline.js` starts `GET /comments` for the widget's first page in parallel
//! with the wasm and hands the pending answer to [`crate::mount`]. The widget takes it over
//! when its own first request would be the same one (the same URL, with the same author
//! token), and asks again otherwise: a different order, page size or reader only costs the
//! early request.

use super::RawResponse;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// What the loader started: the request's URL (as the browser's `Request` spells it), the
/// author token it sent (empty for none), and the answer to come (`[status, body]`, or `null`
/// when the request failed).
struct Started {
    url: String,
    author: String,
    answer: js_sys::Promise,
}

thread_local! {
    static STARTED: RefCell<Option<Started>> = const { RefCell::new(None) };
}

/// Keeps the loader's `options.firstPage`, if it started one.
pub fn keep(options: &js_sys::Object) {
    let get = |from: &JsValue, name: &str| js_sys::Reflect::get(from, &name.into()).unwrap_or_default();
    let first = get(options, "firstPage");
    let (Some(url), Ok(answer)) = (get(&first, "url").as_string(), get(&first, "answer").dyn_into()) else {
        return;
    };
    let author = get(&first, "author").as_string().unwrap_or_default();
    STARTED.with(|s| *s.borrow_mut() = Some(Started { url, author, answer }));
}

/// The loader's answer to `url` asked with `author`'s token, once: `None` when it asked for
/// something else, asked nothing, or got no answer (the caller then asks itself).
pub async fn take(url: &str, author: Option<&str>) -> Option<RawResponse> {
    let started = STARTED.with(|s| s.borrow_mut().take())?;
    if started.url != url || started.author != author.unwrap_or_default() {
        return None;
    }
    let answer = wasm_bindgen_futures::JsFuture::from(started.answer).await.ok()?;
    let answer: js_sys::Array = answer.dyn_into().ok()?;
    Some(RawResponse {
        status: answer.get(0).as_f64()? as u16,
        body: answer.get(1).as_string()?,
        ..Default::default()
    })
}
