//! Live updates over Server-Sent Events: new comments, edits and votes of the thread arrive
//! as they happen; held comments never do; a client that reconnects with `Last-Event-ID`
//! gets what it missed, even across a restart of the server; each address keeps a bounded
//! number of streams open.

use std::time::Duration;

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{json, Value};
use threadline_protocol::ErrorCode;

use crate::modsupport::{admin, post_as, screening_file};
use crate::support::{assert_error, comment, TestDb, TestServer};

/// One Server-Sent Event.
#[derive(Debug, Clone, PartialEq)]
struct Sse {
    event: String,
    id: Option<String>,
    data: String,
}

/// An open stream, read event by event.
struct Stream {
    body: std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buffer: String,
}

impl Stream {
    async fn open(s: &TestServer, thread: &str, last_event_id: Option<&str>) -> reqwest::Response {
        let mut request = s.http.get(s.url("/api/comments/stream")).query(&[("thread", thread)]);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        request.send().await.unwrap()
    }

    async fn connect(s: &TestServer, thread: &str, last_event_id: Option<&str>) -> Self {
        let resp = Self::open(s, thread, last_event_id).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["content-type"], "text/event-stream");
        Self { body: Box::pin(resp.bytes_stream()), buffer: String::new() }
    }

    /// The next event (heartbeats skipped), or `None` if none comes within `wait`.
    async fn next_within(&mut self, wait: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = Sse { event: "message".into(), id: None, data: String::new() };
                let mut any = false;
                for line in block.lines() {
                    if let Some((field, value)) = line.split_once(':') {
                        let value = value.strip_prefix(' ').unwrap_or(value);
                        match field {
                            "event" => (event.event, any) = (value.into(), true),
                            "id" => (event.id, any) = (Some(value.into()), true),
                            "data" => (event.data, any) = (value.into(), true),
                            _ => {}
                        }
                    }
                }
                if any {
                    return Some(event);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.body.next()).await.ok()??.unwrap();
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    async fn next(&mut self) -> Sse {
        self.next_within(Duration::from_secs(10)).await.expect("an event in time")
    }
}

fn data(event: &Sse) -> Value {
    serde_json::from_str(&event.data).unwrap()
}

#[tokio::test]
async fn changes_of_the_thread_arrive_as_they_happen_and_held_comments_never() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "default", "--screening", &screening_file(dir, "bananarama", "hold")])
        .await;
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/live";
    let mut live = Stream::connect(&s, t, None).await;
    let ready = live.next().await;
    assert_eq!(ready.event, "ready");

    let posted = post_as(&s, &comment(t, "Hello, live readers."), None, None).await;
    let token = posted.author_token.clone().unwrap();
    let event = live.next().await;
    assert_eq!(
        (event.event.as_str(), data(&event)["text"].as_str()),
        ("comment", Some("Hello, live readers."))
    );

    // A held comment, and a comment in another thread, send nothing; the next public one does.
    post_as(&s, &comment(t, "Bananarama is held."), None, None).await;
    s.post_ok(&comment("/elsewhere", "Another thread.")).await;
    s.post_ok(&comment(t, "Second public comment.")).await;
    let event = live.next().await;
    assert_eq!(data(&event)["text"], "Second public comment.");

    // An edit and a vote update the comment in place.
    let id = posted.comment.id;
    let edit = s.http.patch(s.url(&format!("/api/comments/{id}"))).header("x-threadline-author", &token);
    assert_eq!(
        edit.json(&json!({"text": "Hello again, edited."})).send().await.unwrap().status(),
        StatusCode::OK
    );
    let event = live.next().await;
    assert_eq!((data(&event)["id"].as_i64(), data(&event)["edited"].as_bool()), (Some(id), Some(true)));
    let vote = s.http.post(s.url(&format!("/api/comments/{id}/vote"))).json(&json!({"value": 1}));
    assert_eq!(vote.send().await.unwrap().status(), StatusCode::OK);
    let event = live.next().await;
    assert_eq!(data(&event)["upvotes"], 1);
    // An edit that screening holds takes the comment away from readers.
    let edit = s.http.patch(s.url(&format!("/api/comments/{id}"))).header("x-threadline-author", &token);
    assert_eq!(edit.json(&json!({"text": "Now bananarama."})).send().await.unwrap().status(), StatusCode::OK);
    let event = live.next().await;
    assert_eq!((event.event.as_str(), data(&event)["id"].as_i64()), ("gone", Some(id)));
    assert!(live.next_within(Duration::from_millis(500)).await.is_none(), "nothing else happened");
}

#[tokio::test]
async fn a_reconnect_with_last_event_id_misses_nothing_even_across_a_restart() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/resume";
    let mut live = Stream::connect(&s, t, None).await;
    live.next().await;
    s.post_ok(&comment(t, "Seen live.")).await;
    let seen = live.next().await;
    let last = seen.id.clone().expect("events carry ids");
    drop(live);

    s.post_ok(&comment(t, "Missed one.")).await;
    s.post_ok(&comment(t, "Missed two.")).await;
    s.stop().await;
    let s = TestServer::start(&db.path, &[]).await;
    let mut again = Stream::connect(&s, t, Some(&last)).await;
    assert_eq!(again.next().await.event, "ready");
    let texts =
        [again.next().await, again.next().await].map(|e| data(&e)["text"].as_str().unwrap().to_owned());
    assert_eq!(texts, ["Missed one.", "Missed two."]);
    // And it stays live after catching up.
    s.post_ok(&comment(t, "Live again.")).await;
    assert_eq!(data(&again.next().await)["text"], "Live again.");
}

#[tokio::test]
async fn a_new_stream_resumes_from_the_after_parameter_as_from_last_event_id() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/after";
    let mut live = Stream::connect(&s, t, None).await;
    let ready = live.next().await;
    let start = ready.id.clone().expect("the ready event carries the stamp to resume from");
    drop(live);
    s.post_ok(&comment(t, "Posted while the browser had given up.")).await;
    // A widget that opens a new EventSource cannot send Last-Event-ID; it names the stamp.
    let resp = s.http.get(s.url("/api/comments/stream")).query(&[("thread", t), ("after", &start)]);
    let resp = resp.send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let mut again = Stream { body: Box::pin(resp.bytes_stream()), buffer: String::new() };
    assert_eq!(again.next().await.event, "ready");
    assert_eq!(data(&again.next().await)["text"], "Posted while the browser had given up.");
}

#[tokio::test]
async fn each_address_keeps_a_bounded_number_of_streams() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--streams-per-client", "2"]).await;
    let mut first = Stream::connect(&s, "/a", None).await;
    let _second = Stream::connect(&s, "/b", None).await;
    first.next().await;
    let third = Stream::open(&s, "/c", None).await;
    assert_error(third, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
    drop(first);
    // The server notices the closed connection at its next write; heartbeats or the next
    // change make that prompt, so poll for the freed place.
    let mut reopened = false;
    for _ in 0..40 {
        s.post_ok(&comment("/a", "A change that writes to the closed stream.")).await;
        if Stream::open(&s, "/c", None).await.status() == StatusCode::OK {
            reopened = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(reopened, "closing a stream frees its place");
}

#[tokio::test]
async fn a_shutdown_ends_open_streams_instead_of_waiting_for_them() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let mut live = Stream::connect(&s, "/closing", None).await;
    assert_eq!(live.next().await.event, "ready");
    // SIGTERM: the graceful shutdown would wait for ever on an open stream; it ends it.
    let status = tokio::time::timeout(Duration::from_secs(10), s.stop()).await.expect("stopped in time");
    assert!(status.success(), "{status:?}");
    assert!(live.next_within(Duration::from_secs(2)).await.is_none(), "the stream ended");
}
