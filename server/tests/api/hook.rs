//! The optional screening hook: a tiny axum server inside the test stands in for a site's
//! own model on 127.0.0.1; the real server POSTs each new comment to it and applies its
//! answer, or the site's failure action when it hangs, fails or answers nonsense.

use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode as AxumStatus;
use axum::routing::post;
use axum::{Json, Router};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use threadline_protocol::{CommentStatus, ErrorBody, ErrorCode, NewComment, PostedComment};
use tokio::process::Command;

use crate::modsupport::{admin, page, post_as, post_raw, screening_file};
use crate::support::{comment, comment_json, TestDb, TestServer};

/// Every body the hook received.
type Seen = Arc<Mutex<Vec<Value>>>;

/// A hook server on 127.0.0.1:0: `/screen` answers by the text (`HOLDME` holds, `REJECTME`
/// rejects, anything else is allowed), `/hang` never answers, `/broken` answers 500 and
/// `/garbage` 200 with a body that is not the answer.
struct HookServer {
    base: String,
    seen: Seen,
    task: tokio::task::JoinHandle<()>,
}

impl HookServer {
    async fn start() -> Self {
        let seen: Seen = Arc::default();
        let app = Router::new()
            .route("/screen", post(screen))
            .route("/hang", post(hang))
            .route("/broken", post(broken))
            .route("/garbage", post(garbage))
            .route("/once", post(once))
            .with_state(seen.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { base, seen, task }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn seen(&self) -> Vec<Value> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for HookServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn screen(State(seen): State<Seen>, Json(body): Json<Value>) -> Json<Value> {
    let text = body["text"].as_str().unwrap_or_default().to_owned();
    seen.lock().unwrap().push(body);
    Json(if text.contains("HOLDME") {
        json!({ "action": "hold", "reason": "looks like spam\nto the model" })
    } else if text.contains("REJECTME") {
        json!({ "action": "reject", "reason": "toxic (0.97)" })
    } else {
        json!({ "action": "allow" })
    })
}

/// Holds the first comment it is asked about and rejects every later one.
async fn once(State(seen): State<Seen>, Json(body): Json<Value>) -> Json<Value> {
    let mut seen = seen.lock().unwrap();
    seen.push(body);
    Json(if seen.len() == 1 { json!({ "action": "hold" }) } else { json!({ "action": "reject" }) })
}

/// Never answers: a future that never completes, not a sleep that some day ends.
async fn hang(State(seen): State<Seen>, Json(body): Json<Value>) -> Json<Value> {
    seen.lock().unwrap().push(body);
    std::future::pending::<Json<Value>>().await
}

async fn broken(State(seen): State<Seen>, Json(body): Json<Value>) -> (AxumStatus, &'static str) {
    seen.lock().unwrap().push(body);
    (AxumStatus::INTERNAL_SERVER_ERROR, "model crashed")
}

async fn garbage(State(seen): State<Seen>, Json(body): Json<Value>) -> &'static str {
    seen.lock().unwrap().push(body);
    "I am not JSON"
}

/// Each comment of the database, oldest first: (text, status, moderation reason).
async fn stored(db: &Path) -> Vec<(String, String, Option<String>)> {
    let pool =
        SqlitePool::connect_with(SqliteConnectOptions::new().filename(db).read_only(true)).await.unwrap();
    let rows = sqlx::query_as("SELECT text, status, moderation_reason FROM comments ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    rows
}

/// The stored status and reason of the comment with `text`.
async fn verdict_of(db: &Path, text: &str) -> (String, Option<String>) {
    let rows = stored(db).await;
    let (_, status, reason) = rows.into_iter().find(|(t, _, _)| t == text).expect("stored");
    (status, reason)
}

#[tokio::test]
async fn the_hook_holds_rejects_and_allows_what_the_screen_let_through() {
    let hook = HookServer::start().await;
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    let screening = screening_file(dir, "zorglub", "hold");
    let url = hook.url("/screen");
    admin(&db.path, &["site", "set", "hooked", "--hook-url", &url, "--screening", &screening]).await;
    admin(&db.path, &["site", "set", "premod", "--premoderation", "--hook-url", &url]).await;
    let listed = admin(&db.path, &["site", "list"]).await;
    assert!(listed.contains(&format!("hook={url}\thook_timeout_ms=800\thook_fail=hold")), "{listed}");
    let s = TestServer::start(&db.path, &[]).await;

    let new = NewComment { website: Some("https://ann.example".into()), ..comment("/h", "Nice article ") };
    let ok = post_as(&s, &new, Some("hooked"), None).await;
    assert_eq!(ok.comment.status, CommentStatus::Approved);
    assert_eq!(
        hook.seen(),
        [json!({
            "site": "hooked", "thread": "/h", "author": "Ann", "website": "https://ann.example",
            "text": "Nice article"
        })]
    );

    let held = post_as(&s, &comment("/h", "Buy now HOLDME"), Some("hooked"), None).await;
    assert_eq!(held.comment.status, CommentStatus::Pending);
    assert_eq!(held.moderation_reason.as_deref(), Some("held for review"));
    let (status, reason) = verdict_of(&db.path, "Buy now HOLDME").await;
    assert_eq!((status.as_str(), reason.as_deref()), ("pending", Some("hook: looks like spam to the model")));

    let refused = post_raw(&s, &comment("/h", "You REJECTME"), Some("hooked"), None).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ErrorBody = refused.json().await.unwrap();
    assert_eq!((body.error.code, body.error.field.as_deref()), (ErrorCode::CommentRejected, Some("text")));
    assert!(body.error.message.contains("toxic (0.97)"), "{}", body.error.message);
    assert!(!stored(&db.path).await.iter().any(|(t, ..)| t.contains("REJECTME")), "a reject is not stored");

    // What the built-in screen holds never reaches the hook, and keeps the screen's reason.
    let before = hook.seen().len();
    let screened = post_as(&s, &comment("/h", "zorglub HOLDME"), Some("hooked"), None).await;
    assert_eq!(screened.comment.status, CommentStatus::Pending);
    assert_eq!(hook.seen().len(), before, "the hook was not asked");
    let (_, reason) = verdict_of(&db.path, "zorglub HOLDME").await;
    assert!(!reason.unwrap().starts_with("hook"));

    let public = page(&s, "hooked", "/h", None).await;
    assert_eq!(public.comments.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Nice article"]);

    // Under pre-moderation the hook still speaks first; its allow leaves the comment held
    // for pre-moderation, its hold names the hook.
    let waiting = post_as(&s, &comment("/p", "Fine words"), Some("premod"), None).await;
    assert_eq!(waiting.comment.status, CommentStatus::Pending);
    assert_eq!(verdict_of(&db.path, "Fine words").await.1.as_deref(), Some("pre-moderation"));
    post_as(&s, &comment("/p", "Spam HOLDME"), Some("premod"), None).await;
    assert_eq!(
        verdict_of(&db.path, "Spam HOLDME").await.1.as_deref(),
        Some("hook: looks like spam to the model")
    );

    // A site without a hook never calls one.
    let before = hook.seen().len();
    post_as(&s, &comment("/d", "HOLDME on default"), None, None).await;
    assert_eq!(hook.seen().len(), before);
    s.stop().await;
}

#[tokio::test]
async fn a_failing_hook_applies_the_sites_failure_action_with_a_reason() {
    let hook = HookServer::start().await;
    // A port with nothing listening on it.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/screen", listener.local_addr().unwrap())
    };
    let db = TestDb::new();
    let sites: [(&str, String, &[&str]); 5] = [
        ("hang", hook.url("/hang"), &["--hook-timeout-ms", "200"]),
        ("hang-allow", hook.url("/hang"), &["--hook-timeout-ms", "100", "--hook-fail", "allow"]),
        ("broken", hook.url("/broken"), &["--hook-fail", "reject"]),
        ("garbage", hook.url("/garbage"), &[]),
        ("closed", closed, &[]),
    ];
    for (id, url, extra) in &sites {
        admin(&db.path, &[&["site", "set", id, "--hook-url", url.as_str()], *extra].concat()).await;
    }
    let s = TestServer::start(&db.path, &[]).await;

    let started = Instant::now();
    let held = post_as(&s, &comment("/f", "Waiting for the model"), Some("hang"), None).await;
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(held.comment.status, CommentStatus::Pending);
    let (_, reason) = verdict_of(&db.path, "Waiting for the model").await;
    assert_eq!(reason.as_deref(), Some("hook timed out after 200 ms"));

    let allowed = post_as(&s, &comment("/f", "Published anyway"), Some("hang-allow"), None).await;
    assert_eq!(allowed.comment.status, CommentStatus::Approved);
    s.wait_for_log(&["screening hook failed", "hang-allow", "hook timed out after 100 ms", "allow"]).await;

    let refused = post_raw(&s, &comment("/f", "Refused for now"), Some("broken"), None).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ErrorBody = refused.json().await.unwrap();
    assert_eq!((body.error.code, body.error.field.as_deref()), (ErrorCode::CommentRejected, Some("text")));
    assert!(body.error.message.contains("could not check"), "{}", body.error.message);
    s.wait_for_log(&["screening hook failed", "broken", "hook answered HTTP 500"]).await;

    post_as(&s, &comment("/f", "Odd answer"), Some("garbage"), None).await;
    let (status, reason) = verdict_of(&db.path, "Odd answer").await;
    assert_eq!(status, "pending");
    assert!(reason.as_deref().unwrap().starts_with("hook answer unreadable: "), "{reason:?}");

    post_as(&s, &comment("/f", "Nobody home"), Some("closed"), None).await;
    let (status, reason) = verdict_of(&db.path, "Nobody home").await;
    assert_eq!(status, "pending");
    let reason = reason.unwrap();
    assert!(reason.starts_with("hook unreachable: ") && !reason.contains("127.0.0.1"), "{reason}");
    assert_eq!(hook.seen().len(), 4, "the hanging, broken and garbage hooks were each asked once");
    s.stop().await;
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_does_not_ask_the_hook_again() {
    let hook = HookServer::start().await;
    let db = TestDb::new();
    admin(&db.path, &["site", "set", "once", "--hook-url", &hook.url("/once")]).await;
    let s = TestServer::start(&db.path, &[]).await;
    let mut body = comment_json("/r", "Sent twice");
    body["site"] = "once".into();
    let key = [("idempotency-key", "retry-1")];
    let first = s.post_json(&body, &key).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: PostedComment = first.json().await.unwrap();
    assert_eq!(first.comment.status, CommentStatus::Pending);
    let again = s.post_json(&body, &key).await;
    assert_eq!(again.status(), StatusCode::CREATED, "the stored comment, not the hook's second answer");
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: PostedComment = again.json().await.unwrap();
    assert_eq!(again.comment.id, first.comment.id);
    assert_eq!(hook.seen().len(), 1);
    // Another comment gets the hook's later answer.
    let other = post_raw(&s, &comment("/r", "Sent once"), Some("once"), None).await;
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    s.stop().await;
}

#[tokio::test]
async fn site_set_refuses_bad_hook_settings() {
    for args in [
        &["--hook-url", "https://model.example/screen"][..],
        &["--hook-url", "not a url"],
        &["--hook-fail", "reject"],
        &["--hook-timeout-ms", "500"],
        &["--hook-url", "http://127.0.0.1:9/x", "--hook-fail", "maybe"],
        &["--hook-url", "http://127.0.0.1:9/x", "--hook-timeout-ms", "0"],
    ] {
        let db = TestDb::new();
        let output = Command::new(env!("CARGO_BIN_EXE_threadline-server"))
            .arg("--db")
            .arg(&db.path)
            .args([&["site", "set", "blog"][..], args].concat())
            .stdin(Stdio::null())
            .output()
            .await
            .unwrap();
        assert!(!output.status.success(), "{args:?} was accepted");
    }
}
