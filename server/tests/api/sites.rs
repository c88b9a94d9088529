//! A running server takes up `threadline-server site set` without a restart: a new site is
//! known, its origin is allowed, and a changed setting (pre-moderation) applies, within
//! `--sites-reload-secs`.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use threadline_protocol::{CommentStatus, PostedComment};

use crate::modsupport::{admin, post_raw};
use crate::support::{comment, TestDb, TestServer};

/// Posts to `site` until `done` holds for the answer, for at most ten seconds.
async fn post_until(
    s: &TestServer,
    site: &str,
    what: &str,
    done: impl Fn(StatusCode, &serde_json::Value) -> bool,
) -> serde_json::Value {
    let started = Instant::now();
    for n in 0.. {
        let resp =
            post_raw(s, &comment("/live", &format!("Comment {n} on the live site.")), Some(site), None).await;
        let status = resp.status();
        let body: serde_json::Value = resp.json().await.unwrap();
        if done(status, &body) {
            return body;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{what}: still {status} {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    unreachable!()
}

#[tokio::test]
async fn site_set_applies_to_a_running_server() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--sites-reload-secs", "1"]).await;
    let unknown = post_raw(&s, &comment("/live", "Before the site exists."), Some("live"), None).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST, "no site `live` yet");

    admin(&db.path, &["site", "set", "live", "--origin", "https://live.example", "--screening", "off"]).await;
    let posted = post_until(&s, "live", "the new site", |status, _| status == StatusCode::CREATED).await;
    let posted: PostedComment = serde_json::from_value(posted).unwrap();
    assert_eq!(posted.comment.status, CommentStatus::Approved);
    let preflight = s
        .http
        .request(reqwest::Method::OPTIONS, s.url("/api/comments?site=live"))
        .header("origin", "https://live.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-origin"], "https://live.example");

    admin(&db.path, &["site", "set", "live", "--origin", "https://live.example", "--premoderation"]).await;
    let held = post_until(&s, "live", "pre-moderation", |status, body| {
        status == StatusCode::CREATED && body["status"] == "pending"
    })
    .await;
    let held: PostedComment = serde_json::from_value(held).unwrap();
    assert_eq!(held.comment.status, CommentStatus::Pending);
}

#[tokio::test]
async fn reloading_can_be_turned_off() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--sites-reload-secs", "0"]).await;
    admin(&db.path, &["site", "set", "later", "--screening", "off"]).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let still = post_raw(&s, &comment("/later", "Needs a restart."), Some("later"), None).await;
    assert_eq!(still.status(), StatusCode::BAD_REQUEST, "reloading is off: the site waits for a restart");
}
