//! Safe defaults behind a reverse proxy: loopback clients are limited like any other unless
//! `--exempt-loopback`, and forwarding headers that the server was not told to trust are
//! reported loudly in its log.

use reqwest::StatusCode;
use threadline_protocol::{ErrorCode, NewComment};

use crate::support::{assert_error, comment, ip_hashes, TestDb, TestServer};

/// Words of the warning about an untrusted forwarding header.
const FORWARDING_WARNING: &str = "but --trust-forwarded-for is not set";

#[tokio::test]
async fn loopback_clients_are_rate_limited_by_default() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--post-rate", "2", "--post-window", "3600"]).await;
    for i in 0..2 {
        s.post_ok(&comment("/local", &format!("post {i}"))).await;
    }
    let resp = s.post(&comment("/local", "one too many")).await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited, None).await;
    let hashes = ip_hashes(&db.path).await;
    assert_eq!(hashes.len(), 2);
    assert!(hashes.iter().all(Option::is_some), "127.0.0.1 gets an address hash like anyone: {hashes:?}");
    assert_eq!(hashes[0], hashes[1]);
}

#[tokio::test]
async fn exempt_loopback_skips_the_per_address_limits() {
    let db = TestDb::new();
    let args =
        ["--exempt-loopback", "--post-rate", "1", "--post-window", "3600", "--new-threads-per-hour", "1"];
    let s = TestServer::start_limited(&db.path, &args).await;
    for i in 0..5 {
        // Five posts over a rate of one, each opening a thread over a bound of one.
        let thread = format!("/local/{i}");
        s.post_ok(&NewComment { author: format!("Local {i}"), ..comment(&thread, "Same words") }).await;
    }
    // Duplicates by name are still refused: only the address half is skipped.
    let resp = s.post(&NewComment { author: "Local 0".into(), ..comment("/local/0", "Same words") }).await;
    assert_error(resp, StatusCode::CONFLICT, ErrorCode::Duplicate, Some("text")).await;
    assert_eq!(ip_hashes(&db.path).await, [None, None, None, None, None], "no address hash for loopback");
}

#[tokio::test]
async fn untrusted_forwarding_headers_are_reported_at_start_and_at_the_first_request() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &[]).await;
    let start = s.wait_for_log(&["WARN", "loopback", "without --trust-forwarded-for"]).await;
    assert!(start.contains("pass --trust-forwarded-for"), "says what to do: {start}");

    let resp =
        s.http.get(s.url("/api/health")).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "the request itself is served as usual");
    let warning = s.wait_for_log(&["WARN", FORWARDING_WARNING]).await;
    assert!(warning.contains("X-Forwarded-For header"), "names the header: {warning}");
    assert!(warning.contains("pass --trust-forwarded-for"), "says what to do: {warning}");

    // More such requests within the period are counted for the next warning, not logged.
    for _ in 0..3 {
        let resp =
            s.http.get(s.url("/api/health")).header("forwarded", "for=203.0.113.9").send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
    }
    let resp = s
        .http
        .post(s.url("/api/comments"))
        .header("x-forwarded-for", "203.0.113.9")
        .json(&comment("/proxied", "Through the proxy"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    let (status, log) = s.stop_with_log().await;
    assert!(status.success());
    let warnings = log.iter().filter(|line| line.contains(FORWARDING_WARNING)).count();
    assert_eq!(warnings, 1, "one warning per ten minutes: {log:#?}");
}

#[tokio::test]
async fn trusted_forwarding_headers_are_not_reported() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--trust-forwarded-for"]).await;
    for header in ["x-forwarded-for", "forwarded"] {
        let resp = s.http.get(s.url("/api/health")).header(header, "203.0.113.9").send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
    }
    let (status, log) = s.stop_with_log().await;
    assert!(status.success());
    let noted = log.iter().filter(|l| l.contains(FORWARDING_WARNING) || l.contains("loopback")).count();
    assert_eq!(noted, 0, "{log:#?}");
}
