//! `GET /api/comments/stream?site=…&thread=…`: live updates of one thread as Server-Sent
//! Events.
//!
//! Each event's `id` is the change feed's stamp of what it carries (see the `change_feed`
//! migration), so a reconnecting client that sends `Last-Event-ID` (browsers' `EventSource`
//! does) gets everything that changed since, even across a restart of the server. Events:
//!
//! - `comment`: a comment readers see, new or changed (edit, votes, pin, a removed one's
//!   placeholder), as `GET /api/comments` shows it;
//! - `gone`: `{"id": 7}`, a comment readers saw that is no more to be shown.
//!
//! Held comments never go out. Idle streams get a comment line every
//! [`HEARTBEAT`] (proxies close silent connections), the first event says how long to wait
//! before reconnecting, and each client address keeps at most `--streams-per-client`
//! streams open (429 beyond).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use super::comments::parse_thread;
use crate::abuse::client_ip::ClientIp;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::store::changes::Change;
use crate::store::{page_key, Store};
use crate::streams::StreamSlot;
use crate::AppState;
use threadline_protocol::Gone;

/// How often an idle stream gets a heartbeat.
pub const HEARTBEAT: Duration = Duration::from_secs(15);
/// How long a browser waits before reconnecting a dropped stream (the SSE `retry` field).
pub const RETRY: Duration = Duration::from_secs(3);
/// Changes read from the database at a time.
const BATCH: u32 = 200;

/// The query string.
#[derive(Debug, Default, Deserialize)]
pub struct StreamParams {
    /// The site; `default` when absent.
    pub site: Option<String>,
    /// The thread key.
    pub thread: Option<String>,
    /// Where to resume, as `Last-Event-ID` says it: for a client that opens a new stream after
    /// the browser gave up on the old one (a new `EventSource` sends no `Last-Event-ID`). The
    /// header wins when both are sent.
    pub after: Option<String>,
}

/// Opens the stream; 429 when this client address has too many open already.
pub async fn stream(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<StreamParams>,
) -> Result<Response, ApiError> {
    let site = state.sites.get(params.site.as_deref())?;
    let thread = parse_thread(params.thread.as_deref())?.to_owned();
    let header = headers.get("last-event-id").and_then(|v| v.to_str().ok());
    let resume = header.or(params.after.as_deref()).and_then(|v| v.trim().parse::<i64>().ok());
    let slot = state.streams.open(state.guards.ip_hasher.hash(ip).to_string())?;
    // Subscribe before reading where to start, so that no change falls between the two.
    let wake = state.store.subscribe_changes();
    let after = match resume {
        Some(after) => after,
        None => state.store.latest_change().await?,
    };
    let feed = Feed {
        closed: Box::pin(state.streams.closed()),
        store: state.store.clone(),
        key: page_key(&site.id, &thread).into(),
        site: site.id.clone(),
        thread,
        after,
        queue: VecDeque::new(),
        wake,
        first: true,
        _slot: slot,
    };
    Ok(Sse::new(events(feed))
        .keep_alive(KeepAlive::new().interval(HEARTBEAT).text("heartbeat"))
        .into_response())
}

/// One open stream's state.
struct Feed {
    /// Resolves when the server shuts down.
    closed: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
    store: Store,
    key: Arc<str>,
    site: String,
    thread: String,
    /// The stamp of the last change sent.
    after: i64,
    queue: VecDeque<Event>,
    wake: tokio::sync::broadcast::Receiver<Arc<str>>,
    first: bool,
    /// Counts against the client's open streams until the stream is dropped.
    _slot: StreamSlot,
}

fn events(feed: Feed) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(feed, |mut feed| async move {
        loop {
            if let Some(event) = feed.queue.pop_front() {
                return Some((Ok(event), feed));
            }
            if feed.first {
                feed.first = false;
                // Sent at once, so that the client knows it is connected, and when to retry.
                let hello =
                    Event::default().event("ready").retry(RETRY).id(feed.after.to_string()).data("{}");
                feed.queue.push_back(hello);
                // A resuming client may have missed changes: read them before waiting.
                feed.read().await;
                continue;
            }
            let woken = tokio::select! {
                woken = feed.wake.recv() => woken,
                // The server is shutting down: end the stream; the client comes back.
                () = &mut feed.closed => return None,
            };
            match woken {
                Ok(key) if key == feed.key => feed.read().await,
                Ok(_) => {}
                // Fell behind the wake-ups: read anyway, the database has everything.
                Err(RecvError::Lagged(_)) => feed.read().await,
                Err(RecvError::Closed) => return None,
            }
        }
    })
}

impl Feed {
    /// Queues every change after `after`, a batch at a time.
    async fn read(&mut self) {
        loop {
            let changes = match self.store.changes_since(&self.site, &self.thread, self.after, BATCH).await {
                Ok(changes) => changes,
                Err(error) => {
                    // The client reconnects with its Last-Event-ID; nothing is lost.
                    tracing::warn!(%error, "live update stream could not read changes");
                    return;
                }
            };
            let full = changes.len() as u32 == BATCH;
            for &(seq, ref change) in changes.iter() {
                self.after = self.after.max(seq);
                let event = match change {
                    Change::Comment(comment) => Event::default().event("comment").json_data(comment),
                    Change::Gone(id) => Event::default().event("gone").json_data(Gone { id: *id }),
                };
                if let Ok(event) = event {
                    self.queue.push_back(event.id(seq.to_string()));
                }
            }
            if !full {
                return;
            }
        }
    }
}
