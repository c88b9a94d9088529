//! The offline outbox in the browser: whether the browser is offline, waiting until it is back,
//! and the waiting comment's idempotency key in `localStorage` ([`crate::state::outbox`]).

use crate::state::outbox::outbox_key;
use crate::storage;

/// True when the browser says it has no connection (`navigator.onLine`).
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Resolves once the browser is online: at once if it is, else at its next `online` event.
pub async fn back_online() {
    let Some(window) = web_sys::window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window
            .add_event_listener_with_callback_and_add_event_listener_options("online", &resolve, &options);
        // The event may have come between the caller's check and the listener.
        if window.navigator().on_line() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Marks the comment of the form whose draft is kept at `text_key` as waiting, with its key.
pub fn keep(text_key: &str, idempotency_key: &str) {
    storage::set(&outbox_key(text_key), idempotency_key);
}

/// The comment of that form is sent (stored, or refused with its text kept in the form).
pub fn done(text_key: &str) {
    storage::set(&outbox_key(text_key), "");
}

/// The idempotency key of the comment that form had waiting when the page was left.
pub fn waiting(text_key: &str) -> Option<String> {
    storage::get(&outbox_key(text_key)).filter(|k| !k.is_empty())
}
