//! [`use_live`]: the thread's live updates from Threadline's own server, an `EventSource` on
//! `GET /api/comments/stream` while the thread is shown.
//!
//! The browser reconnects a dropped stream by itself (after the server's `retry`, sending
//! `Last-Event-ID`, so nothing is missed, even across a restart of the server). It gives up
//! only on an answer that is not a stream (a 429 for too many streams, a 5xx from a proxy):
//! then a new stream is opened after a growing pause (1 s, 2 s, 4 s… up to a minute), resuming
//! from the last event's id with `after=`, since a new `EventSource` cannot send the header.

use super::ThreadCtx;
use crate::api::native::NativeApi;
use crate::api::Backend;
use crate::model::Comment;
use crate::state::live::LiveEvent;
use crate::state::Action;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};
use yew::prelude::*;

/// The longest pause before a new stream, in milliseconds.
const MAX_PAUSE_MS: i32 = 60_000;

/// Keeps the thread's stream open while `shown` (the first page is on screen) and the backend
/// is Threadline's own server; its events go to the thread's reducer.
#[hook]
pub fn use_live(ctx: &Rc<ThreadCtx>, shown: bool) {
    let ctx = ctx.clone();
    use_effect_with((ctx.load, shown), move |(_, shown)| {
        let live = shown.then(|| Live::start(ctx)).flatten();
        move || drop(live)
    });
}

/// One thread's stream and what it needs to reopen itself.
struct Live(Rc<RefCell<Inner>>);

struct Inner {
    ctx: Rc<ThreadCtx>,
    api: NativeApi,
    source: Option<EventSource>,
    /// The stream's listeners, alive as long as it is open.
    listeners: Vec<Closure<dyn FnMut(MessageEvent)>>,
    /// The id of the last event received: where a new stream resumes.
    last_id: Option<String>,
    /// Streams the browser gave up on since the last one that opened.
    failures: u32,
    /// A pending reopening: the timer's id.
    timer: Option<i32>,
}

impl Live {
    // In the moderator's bundle Threadline's server is the only backend.
    #[allow(irrefutable_let_patterns)]
    fn start(ctx: Rc<ThreadCtx>) -> Option<Live> {
        let Backend::Native(api) = &*ctx.backend else { return None };
        let api = api.clone();
        let inner =
            Inner { ctx, api, source: None, listeners: Vec::new(), last_id: None, failures: 0, timer: None };
        let inner = Rc::new(RefCell::new(inner));
        open(&inner);
        Some(Live(inner))
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let mut inner = self.0.borrow_mut();
        close(&mut inner);
        if let (Some(id), Some(w)) = (inner.timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// Opens a stream, from the last event seen if there was one.
fn open(cell: &Rc<RefCell<Inner>>) {
    let mut inner = cell.borrow_mut();
    close(&mut inner);
    let url = inner.api.stream_url(&inner.ctx.thread, inner.last_id.as_deref());
    let Ok(source) = EventSource::new(&url) else { return };
    let weak = Rc::downgrade(cell);
    // `error` is a plain Event, not a MessageEvent: its handler reads nothing from it.
    for name in ["ready", "comment", "gone", "error"] {
        let weak = weak.clone();
        let listener =
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_event(&weak, name, e));
        let _ = source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        inner.listeners.push(listener);
    }
    inner.source = Some(source);
}

/// Closes the stream; a closed `EventSource` fires no more events, so its listeners can go.
fn close(inner: &mut Inner) {
    if let Some(source) = inner.source.take() {
        source.close();
    }
    inner.listeners.clear();
}

fn on_event(weak: &Weak<RefCell<Inner>>, name: &str, e: MessageEvent) {
    let Some(cell) = weak.upgrade() else { return };
    if name == "error" {
        // CONNECTING: the browser retries by itself. CLOSED: it gave up; we try again later.
        let closed = cell.borrow().source.as_ref().is_some_and(|s| s.ready_state() == EventSource::CLOSED);
        if closed {
            reopen_later(&cell);
        }
        return;
    }
    let mut inner = cell.borrow_mut();
    let id = e.last_event_id();
    if !id.is_empty() {
        inner.last_id = Some(id);
    }
    let data = e.data().as_string().unwrap_or_default();
    let event = match name {
        "comment" => crate::api::from_json::<threadline_protocol::Comment>(&data)
            .ok()
            .map(|c| LiveEvent::Comment(Comment::from_native(c))),
        // `{"id": 7}` (threadline_protocol::Gone): read with the browser's JSON, which costs the
        // bundle less than a decoder of its own.
        "gone" => js_sys::JSON::parse(&data)
            .and_then(|v| js_sys::Reflect::get(&v, &"id".into()))
            .ok()
            .and_then(|id| id.as_f64())
            .map(|id| LiveEvent::Gone((id as i64).to_string().into())),
        // "ready": connected.
        _ => {
            inner.failures = 0;
            None
        }
    };
    if let Some(event) = event {
        let ctx = inner.ctx.clone();
        drop(inner);
        ctx.dispatch.emit(Action::Live(ctx.load, event));
    }
}

fn reopen_later(cell: &Rc<RefCell<Inner>>) {
    let mut inner = cell.borrow_mut();
    close(&mut inner);
    let pause = 1000i32.saturating_mul(1 << inner.failures.min(6)).min(MAX_PAUSE_MS);
    inner.failures += 1;
    let weak = Rc::downgrade(cell);
    // Owned by the browser and freed once called: a callback may not drop itself.
    let callback = Closure::once_into_js(move || {
        if let Some(cell) = weak.upgrade() {
            cell.borrow_mut().timer = None;
            open(&cell);
        }
    });
    let Some(window) = web_sys::window() else { return };
    inner.timer =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), pause).ok();
}
