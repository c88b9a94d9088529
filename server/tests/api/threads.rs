//! Thread keys: `--thread-key-pattern` restricts the keys that may get comments, and
//! `--new-threads-per-hour` bounds how many threads one address may open.

use reqwest::StatusCode;
use threadline_protocol::ErrorCode;

use crate::support::{
    assert_error, comment, comment_json, reply, retry_after, start_refused, TestDb, TestServer,
};

const XFF: &str = "x-forwarded-for";

#[tokio::test]
async fn posts_under_a_key_outside_the_pattern_are_refused_naming_the_thread() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--thread-key-pattern", "/news/[0-9]+"]).await;
    let top = s.post_ok(&comment("/news/12", "Accepted")).await;
    s.post_ok(&reply("/news/12", top.id, "Replies too")).await;
    s.post_ok(&comment("  /news/13 ", "Compared trimmed, as stored")).await;
    for outside in ["/news/12/x", "x/news/12", "/news/", "/other", "/news/12\n/evil"] {
        let resp = s.post(&comment(outside, "Refused")).await;
        assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("thread")).await;
    }
    // Even with the honeypot filled: the key is checked with the rest of the input.
    let mut bot = comment_json("/spam", "Cheap pills");
    bot["homepage"] = "https://spam.example".into();
    assert_error(
        s.post_json(&bot, &[]).await,
        StatusCode::BAD_REQUEST,
        ErrorCode::InvalidField,
        Some("thread"),
    )
    .await;
    // Reading is never refused: an unknown key is an empty thread.
    assert_eq!(s.list("/other", None, None).await.total, 0);
    assert_eq!(s.counts(&["/news/12", "/news/13", "/other"]).await.counts.values().sum::<u64>(), 3);
}

#[tokio::test]
async fn a_pattern_that_is_not_a_regular_expression_is_refused_at_start() {
    let (status, stderr) = start_refused(&["--thread-key-pattern", "/news/(unclosed"]).await;
    assert!(!status.success());
    assert!(
        stderr.contains("--thread-key-pattern") && stderr.contains("not a regular expression"),
        "{stderr}"
    );
}

#[tokio::test]
async fn new_threads_per_address_are_bounded_per_hour() {
    let db = TestDb::new();
    let args = ["--trust-forwarded-for", "--new-threads-per-hour", "2"];
    let s = TestServer::start_limited(&db.path, &args).await;
    let from = |ip: &'static str| [(XFF, ip)];
    for thread in ["/t/1", "/t/2"] {
        let resp = s.post_json(&comment_json(thread, "First!"), &from("203.0.113.1")).await;
        assert_eq!(resp.status(), StatusCode::CREATED, "{thread}");
    }
    let resp = s.post_json(&comment_json("/t/3", "First!"), &from("203.0.113.1")).await;
    let wait = retry_after(&resp);
    assert!((3590..=3600).contains(&wait), "until the first thread is an hour old: {wait} s");
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyNewThreads, Some("thread")).await;

    // Comments in existing threads are not new threads, whoever started them.
    let resp = s.post_json(&comment_json("/t/1", "Second comment"), &from("203.0.113.1")).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let resp = s.post_json(&comment_json("/t/2", "Joining in"), &from("198.51.100.2")).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    // Another address has a bound of its own.
    let resp = s.post_json(&comment_json("/t/3", "First!"), &from("198.51.100.2")).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_eq!(s.list("/t/3", None, None).await.total, 1, "the refused post was not stored");
    assert!(s.stop().await.success());

    // The bound is kept in the database: a restart does not reset it.
    let s = TestServer::start_limited(&db.path, &args).await;
    let resp = s.post_json(&comment_json("/t/4", "First!"), &from("203.0.113.1")).await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyNewThreads, Some("thread")).await;
}

#[tokio::test]
async fn twenty_new_threads_per_hour_by_default_and_zero_turns_the_bound_off() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &[]).await;
    for i in 0..20 {
        s.post_ok(&comment(&format!("/default/{i}"), "First!")).await;
    }
    let resp = s.post(&comment("/default/20", "First!")).await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyNewThreads, Some("thread")).await;

    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--new-threads-per-hour", "0"]).await;
    for i in 0..25 {
        s.post_ok(&comment(&format!("/unbounded/{i}"), "First!")).await;
    }
}
