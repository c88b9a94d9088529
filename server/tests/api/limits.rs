//! The abuse limits on posting, one test per limit: the rate limit, salted IP hashes, the
//! honeypot (and its throttling), duplicates, idempotency keys and concurrent posting.

use reqwest::StatusCode;
use serde_json::json;
use threadline_protocol::{Comment, ErrorCode, NewComment};
use tokio::task::JoinSet;

use crate::support::{assert_error, comment, comment_json, ip_hashes, json, retry_after, TestDb, TestServer};

const KEY: &str = "idempotency-key";
const XFF: &str = "x-forwarded-for";

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--post-rate", "3", "--post-window", "3600"]).await;
    for i in 0..3 {
        s.post_ok(&comment("/rate", &format!("post {i}"))).await;
    }
    let resp = s.post(&comment("/rate", "one too many")).await;
    let wait = retry_after(&resp);
    assert!((1..=1200).contains(&wait), "one post refills every 20 minutes, not {wait} s");
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
    assert_eq!(s.list("/rate", None, None).await.total, 3, "reading is never limited");
    assert_eq!(s.counts(&["/rate"]).await.counts["/rate"], 3);
}

#[tokio::test]
async fn clients_are_limited_apart_and_stored_only_as_salted_hashes() {
    let db = TestDb::new();
    let args = ["--trust-forwarded-for", "--post-rate", "2", "--post-window", "3600"];
    let s = TestServer::start(&db.path, &args).await;
    let from = |ip: &'static str| [(XFF, ip)];
    for i in 0..2 {
        let resp =
            s.post_json(&comment_json("/ips", &format!("first client {i}")), &from("203.0.113.77")).await;
        assert_eq!(resp.status(), StatusCode::CREATED);
    }
    let resp = s.post_json(&comment_json("/ips", "first client again"), &from("203.0.113.77")).await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
    // Only the last entry counts: it is the one the trusted proxy appended.
    let spoofed = [(XFF, "198.51.100.200, 203.0.113.77")];
    let resp = s.post_json(&comment_json("/ips", "spoofed first entry"), &spoofed).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let resp = s.post_json(&comment_json("/ips", "second client"), &from("198.51.100.200")).await;
    assert_eq!(resp.status(), StatusCode::CREATED, "another address has its own limit");

    let hashes = ip_hashes(&db.path).await;
    assert_eq!(hashes.len(), 3);
    assert_eq!(hashes[0], hashes[1]);
    assert_ne!(hashes[0], hashes[2]);
    for hash in hashes.iter().map(|h| h.as_deref().expect("every post has an IP hash")) {
        assert!(hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{hash}");
    }
    assert!(s.stop().await.success());
    for file in std::fs::read_dir(db.path.parent().unwrap()).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        for ip in ["203.0.113.77", "198.51.100.200"] {
            let found = bytes.windows(ip.len()).any(|w| w == ip.as_bytes());
            assert!(!found, "{ip} is stored in clear");
        }
    }
}

#[tokio::test]
async fn forwarded_for_is_ignored_unless_trusted() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--post-rate", "1", "--post-window", "3600"]).await;
    let resp = s.post_json(&comment_json("/xff", "one"), &[(XFF, "203.0.113.1")]).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let resp = s.post_json(&comment_json("/xff", "two"), &[(XFF, "203.0.113.2")]).await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
}

#[tokio::test]
async fn a_filled_honeypot_looks_accepted_but_is_not_stored() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let mut bot = comment_json("/honeypot", "Cheap pills at spam.example");
    bot["homepage"] = json!("https://spam.example");
    let resp = s.post_json(&bot, &[]).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let fake: Comment = resp.json().await.unwrap();
    assert_eq!((fake.thread.as_str(), fake.text.as_str()), ("/honeypot", "Cheap pills at spam.example"));
    assert_eq!(s.list("/honeypot", None, None).await.total, 0, "nothing was stored");

    for empty in [json!(""), json!(null)] {
        let mut person = comment_json("/honeypot", &format!("A person left it empty: {empty}"));
        person["homepage"] = empty;
        assert_eq!(s.post_json(&person, &[]).await.status(), StatusCode::CREATED);
    }
    assert_eq!(s.list("/honeypot", None, None).await.total, 2);
}

#[tokio::test]
async fn a_client_that_keeps_filling_the_honeypot_is_rate_limited_after_the_burst() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--post-rate", "3", "--post-window", "3600"]).await;
    let real = s.post_ok(&comment("/trap", "A real comment first")).await;
    let mut bot = comment_json("/trap", "Cheap pills at spam.example");
    bot["homepage"] = json!("https://spam.example");
    for _ in 0..2 {
        let resp = s.post_json(&bot, &[]).await;
        assert_eq!(resp.status(), StatusCode::CREATED, "looks accepted while the burst lasts");
        let fake: Comment = resp.json().await.unwrap();
        assert_eq!(fake.id, real.id + 1, "a plausible id, the one the next comment gets");
    }
    let resp = s.post_json(&bot, &[]).await;
    let wait = retry_after(&resp);
    assert!((1..=1200).contains(&wait), "{wait}");
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
    // The bot spent this address's tokens: a real post from it waits too.
    let resp = s.post(&comment("/trap", "Another real one")).await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
    assert_eq!(s.list("/trap", None, None).await.total, 1, "no honeypot post was stored");
}

#[tokio::test]
async fn the_same_text_by_the_same_author_is_a_409_duplicate() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--trust-forwarded-for"]).await;
    let from = |ip: &'static str| [(XFF, ip)];
    let first = json!({"thread": "/dup", "author": "Ann", "text": "Great  article!\n\nThanks."});
    assert_eq!(s.post_json(&first, &from("203.0.113.1")).await.status(), StatusCode::CREATED);
    // Same author from another address, whitespace laid out differently.
    let again = json!({"thread": "/dup", "author": "Ann", "text": "Great article! Thanks.  "});
    let resp = s.post_json(&again, &from("203.0.113.2")).await;
    assert_error(resp, StatusCode::CONFLICT, ErrorCode::Duplicate, Some("text")).await;
    // Another name from the same address.
    let renamed = json!({"thread": "/dup", "author": "Not Ann", "text": "Great article! Thanks."});
    let resp = s.post_json(&renamed, &from("203.0.113.1")).await;
    assert_error(resp, StatusCode::CONFLICT, ErrorCode::Duplicate, Some("text")).await;

    let someone_else = json!({"thread": "/dup", "author": "Ben", "text": "Great article! Thanks."});
    assert_eq!(s.post_json(&someone_else, &from("203.0.113.3")).await.status(), StatusCode::CREATED);
    let elsewhere = json!({"thread": "/dup/2", "author": "Ann", "text": "Great article! Thanks."});
    assert_eq!(s.post_json(&elsewhere, &from("203.0.113.1")).await.status(), StatusCode::CREATED);
    assert_eq!(s.list("/dup", None, None).await.total, 2);

    let db = TestDb::new();
    let off = TestServer::start(&db.path, &["--duplicate-window-mins", "0"]).await;
    off.post_ok(&comment("/dup", "Same again")).await;
    off.post_ok(&comment("/dup", "Same again")).await;
}

#[tokio::test]
async fn an_idempotent_retry_returns_the_same_comment_without_quota() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--post-rate", "1", "--post-window", "3600"]).await;
    let body = comment_json("/retry", "Posted once, sent twice");
    let key = [(KEY, "5f0c6a52-7f3e-4b9e-a7d4-0b8f0e6b2c11")];
    let first = s.post_json(&body, &key).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(!first.headers().contains_key("idempotent-replayed"));
    let first = json(first).await;
    let retry = s.post_json(&body, &key).await;
    assert_eq!(retry.status(), StatusCode::CREATED, "a retry is not rate-limited");
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(json(retry).await, first, "the same stored comment");
    // Whitespace and key order in the JSON do not matter; the fields do.
    let reordered = r#"{ "text": "Posted once, sent twice", "author": "Ann", "thread": "/retry" }"#;
    let resp = s.http.post(s.url("/api/comments")).header("content-type", "application/json");
    let resp = resp.header(KEY, key[0].1).body(reordered).send().await.unwrap();
    assert_eq!(json(resp).await, first);
    assert_eq!(s.list("/retry", None, None).await.total, 1);
}

#[tokio::test]
async fn an_idempotency_key_with_another_body_is_refused() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let key = [(KEY, "key-1")];
    assert_eq!(s.post_json(&comment_json("/k", "the original"), &key).await.status(), StatusCode::CREATED);
    let resp = s.post_json(&comment_json("/k", "something else"), &key).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::IdempotencyKeyReused, None).await;
    assert_eq!(s.list("/k", None, None).await.total, 1);
    for bad in ["", "has space", &"x".repeat(256)] {
        let resp = s.post_json(&comment_json("/k", "bad key"), &[(KEY, bad)]).await;
        assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("Idempotency-Key")).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_with_one_key_make_one_comment() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let mut requests = JoinSet::new();
    for _ in 0..12 {
        let request = s.http.post(s.url("/api/comments")).header(KEY, "same-key-at-once");
        let request = request.json(&comment("/race", "Sent twelve times at once"));
        requests.spawn(async move {
            let resp = request.send().await.unwrap();
            (resp.status(), resp.text().await.unwrap())
        });
    }
    let answers = requests.join_all().await;
    let ids: Vec<i64> = answers
        .iter()
        .map(|(status, text)| {
            assert_eq!(*status, StatusCode::CREATED, "{text}");
            serde_json::from_str::<Comment>(text).unwrap().id
        })
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(s.list("/race", None, None).await.total, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_first_comments_on_a_new_thread_all_succeed() {
    let db = TestDb::new();
    // Every limit on, at its default: twenty readers behind one address may post at once.
    let s = TestServer::start_limited(&db.path, &[]).await;
    let mut requests = JoinSet::new();
    for i in 0..20 {
        let body =
            NewComment { author: format!("Reader {i}"), ..comment("/brand-new", &format!("First! ({i})")) };
        let request = s.http.post(s.url("/api/comments")).json(&body);
        requests.spawn(async move {
            let resp = request.send().await.unwrap();
            (resp.status(), resp.text().await.unwrap())
        });
    }
    for (status, text) in requests.join_all().await {
        assert_eq!(status, StatusCode::CREATED, "{text}");
    }
    let page = s.list("/brand-new", None, None).await;
    assert_eq!((page.total, page.comments.len()), (20, 20));
}

#[tokio::test]
async fn cors_allows_the_limit_headers() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--allowed-origin", "https://news.example"]).await;
    let resp = s
        .http
        .request(reqwest::Method::OPTIONS, s.url("/api/comments"))
        .header("origin", "https://news.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,idempotency-key,altcha")
        .send()
        .await
        .unwrap();
    let allowed = resp.headers()["access-control-allow-headers"].to_str().unwrap().to_owned();
    for header in ["content-type", "idempotency-key", "altcha"] {
        assert!(allowed.contains(header), "{header} not in {allowed}");
    }
    let resp =
        s.http.get(s.url("/api/health")).header("origin", "https://news.example").send().await.unwrap();
    let exposed = resp.headers()["access-control-expose-headers"].to_str().unwrap().to_owned();
    assert!(exposed.contains("retry-after") && exposed.contains("idempotent-replayed"), "{exposed}");
}
