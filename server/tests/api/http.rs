//! Everything around the comment calls: health, CORS, static files, the demo seed.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use threadline_server::DEMO_THREAD;

use crate::support::{json, TestDb, TestServer};

#[tokio::test]
async fn health_answers_ok() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let resp = s.http.get(s.url("/api/health")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert_eq!(json(resp).await, serde_json::json!({"status": "ok"}));
}

/// `/healthz` answers while the process is up; `/readyz` only while the database answers and
/// carries every migration of this binary, and says which one is missing.
#[tokio::test]
async fn probes_say_alive_and_ready_and_what_is_missing() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let alive = s.http.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(alive.status(), StatusCode::OK);
    assert_eq!(json(alive).await, serde_json::json!({"status": "ok"}));
    let ready = s.http.get(s.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    let body = json(ready).await;
    assert_eq!(body["status"], "ready");
    let known = body["migrations"]["known"].as_u64().unwrap();
    assert!(known > 0 && body["migrations"]["applied"] == known, "{body}");

    // An older database: its newest migration is not applied.
    let pool = sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(&db.path))
        .await
        .unwrap();
    let newest: i64 =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations").fetch_one(&pool).await.unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = ?").bind(newest).execute(&pool).await.unwrap();
    pool.close().await;
    let unready = s.http.get(s.url("/readyz")).send().await.unwrap();
    assert_eq!(unready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = json(unready).await;
    assert_eq!(
        (body["status"].as_str(), body["migrations"]["missing"].clone()),
        (Some("not ready"), serde_json::json!([newest]))
    );
    assert!(body["reason"].as_str().unwrap().contains(&newest.to_string()), "{body}");
    // Alive all the same.
    assert_eq!(s.http.get(s.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
}

/// Answers are compressed as the client asks (gzip or brotli); the live stream never is.
#[tokio::test]
async fn answers_are_compressed_when_asked_and_the_stream_is_not() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--seed-demo"]).await;
    let page = |encoding: &'static str| {
        s.http
            .get(s.url(&format!("/api/comments?thread={DEMO_THREAD}")))
            .header("accept-encoding", encoding)
            .send()
    };
    let plain = page("identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_len = plain.bytes().await.unwrap().len();
    for encoding in ["gzip", "br"] {
        let packed = page(encoding).await.unwrap();
        assert_eq!(packed.headers()["content-encoding"], encoding);
        let len = packed.bytes().await.unwrap().len();
        assert!(len * 2 < plain_len, "{encoding}: {len} bytes against {plain_len}");
    }
    let stream = s
        .http
        .get(s.url(&format!("/api/comments/stream?thread={DEMO_THREAD}")))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert!(stream.headers().get("content-encoding").is_none(), "events go out as they happen");
}

/// `--log-format json`: every line on stderr is one JSON object with its level and message.
#[tokio::test]
async fn json_logs_are_one_object_per_line() {
    let db = TestDb::new();
    let s = TestServer::start_limited(&db.path, &["--log-format", "json"]).await;
    // A forwarding header the server was not told to trust is logged as a warning.
    let resp =
        s.http.get(s.url("/api/health")).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    s.wait_for_log(&["X-Forwarded-For"]).await;
    let (status, log) = s.stop_with_log().await;
    assert!(status.success());
    assert!(!log.is_empty());
    for line in &log {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(entry["level"].is_string() && entry["fields"]["message"].is_string(), "{line}");
    }
}

/// `GET /metrics`: requests and their latency per route pattern, open streams, held comments,
/// the mail queue and the database pools, in Prometheus's text format.
#[tokio::test]
async fn metrics_count_requests_per_route_and_report_the_gauges() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &["--seed-demo"]).await;
    for _ in 0..3 {
        let page = s.http.get(s.url(&format!("/api/comments?thread={DEMO_THREAD}"))).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
    }
    let missing = s
        .http
        .post(s.url("/api/comments/999999/vote"))
        .json(&serde_json::json!({"value": 1}))
        .send()
        .await
        .unwrap();
    assert!(missing.status().is_client_error());
    let stream =
        s.http.get(s.url(&format!("/api/comments/stream?thread={DEMO_THREAD}"))).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let resp = s.http.get(s.url("/metrics")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = resp.text().await.unwrap();
    let value = |prefix: &str| -> f64 {
        let line =
            text.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix} in:\n{text}"));
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    assert_eq!(value(r#"http_requests_total{route="/api/comments",method="GET",status="200"}"#), 3.0);
    assert!(text.contains(r#"route="/api/comments/{id}/vote""#), "the pattern, never the raw path");
    assert!(!text.contains("/api/comments/999999"), "no raw path among the labels");
    assert_eq!(value(r#"http_request_duration_seconds_count{route="/api/comments"}"#), 3.0);
    assert!(text.contains(r#"http_request_duration_seconds_bucket{route="/api/comments",le="0.001"}"#));
    assert_eq!(value("threadline_sse_streams_open"), 1.0);
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(&db.path).read_only(true),
    )
    .await
    .unwrap();
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE status = 'pending'")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    assert!(held > 0, "the demo holds a comment");
    assert_eq!(value("threadline_comments_held"), held as f64);
    assert_eq!(value(r#"threadline_mail_queue{state="waiting"}"#), 0.0);
    assert!(value(r#"threadline_db_connections{pool="reads",state="open"}"#) >= 1.0);
    drop(stream);
}

/// SQLite stays single-instance while the page cache is on: a second server on the same file
/// is refused with a message that says what to do; cache-less instances may share one.
#[tokio::test]
async fn a_second_instance_on_a_cached_sqlite_file_is_refused() {
    let db = TestDb::new();
    let first = TestServer::start(&db.path, &[]).await;
    let second = tokio::process::Command::new(env!("CARGO_BIN_EXE_threadline-server"))
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(&db.path)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(std::time::Duration::from_secs(20), second).await.unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && !String::from_utf8_lossy(&out.stdout).contains("listening"));
    assert!(
        stderr.contains("another threadline-server is serving") && stderr.contains("--page-cache-mb 0"),
        "{stderr}"
    );
    assert!(first.stop().await.success());

    let a = TestServer::start(&db.path, &["--page-cache-mb", "0"]).await;
    let b = TestServer::start(&db.path, &["--page-cache-mb", "0"]).await;
    let posted = b.post_ok(&crate::support::comment("/shared", "Written through the second.")).await;
    let page = a.list("/shared", None, None).await;
    assert_eq!(
        page.comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        [posted.id],
        "cache-less instances share the file"
    );
    assert!(a.stop().await.success() && b.stop().await.success());
}

async fn preflight(s: &TestServer, origin: &str) -> reqwest::Response {
    s.http
        .request(Method::OPTIONS, s.url("/api/comments"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap()
}

async fn simple_get(s: &TestServer, origin: &str) -> reqwest::Response {
    s.http.get(s.url("/api/comments?thread=/cors")).header("origin", origin).send().await.unwrap()
}

#[tokio::test]
async fn cors_allows_configured_origins_only() {
    let db = TestDb::new();
    let s = TestServer::start(
        &db.path,
        &["--allowed-origin", "https://news.example", "--allowed-origin", "http://localhost:3000/"],
    )
    .await;
    for origin in ["https://news.example", "http://localhost:3000", s.base.as_str()] {
        let resp = preflight(&s, origin).await;
        assert!(resp.status().is_success(), "{origin}");
        let h = resp.headers();
        assert_eq!(h["access-control-allow-origin"], origin);
        let methods = h["access-control-allow-methods"].to_str().unwrap().to_owned();
        assert!(methods.contains("GET") && methods.contains("POST"), "{methods}");
        assert!(h["access-control-allow-headers"].to_str().unwrap().contains("content-type"));
        assert!(h.contains_key("access-control-max-age"));
        let resp = simple_get(&s, origin).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["access-control-allow-origin"], origin);
    }
    for origin in ["https://evil.example", "https://news.example.evil.example", "http://news.example"] {
        let resp = preflight(&s, origin).await;
        assert!(!resp.headers().contains_key("access-control-allow-origin"), "preflight from {origin}");
        let resp = simple_get(&s, origin).await;
        assert!(!resp.headers().contains_key("access-control-allow-origin"), "GET from {origin}");
    }
}

#[tokio::test]
async fn serves_the_dist_directory() {
    let db = TestDb::new();
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>Alder Falls</title>").unwrap();
    std::fs::write(dist.path().join("threadline_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let s = TestServer::start(&db.path, &["--dist", dist.path().to_str().unwrap()]).await;

    let resp = s.http.get(s.url("/")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert!(resp.text().await.unwrap().contains("Alder Falls"));

    let resp = s.http.get(s.url("/threadline_bg.wasm")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/wasm");
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");

    // The API still answers JSON, also for unknown API routes.
    assert_eq!(s.http.get(s.url("/api/health")).send().await.unwrap().status(), StatusCode::OK);
    let resp = s.http.get(s.url("/api/missing")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(json(resp).await["error"]["code"], "not_found");
}

#[tokio::test]
async fn demo_seed_is_deep_and_idempotent() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    assert_eq!(s.list(DEMO_THREAD, None, None).await.total, 0, "no seed without --seed-demo");
    assert!(s.stop().await.success());

    let s = TestServer::start(&db.path, &["--seed-demo"]).await;
    let page = s.list(DEMO_THREAD, Some(200), None).await;
    let total = page.total;
    assert!(total >= 10, "{total}");
    assert_eq!(page.comments.len() as u64, total);
    let mut depth: HashMap<i64, usize> = HashMap::new();
    for c in &page.comments {
        let d = c.parent.map_or(0, |p| depth[&p] + 1);
        depth.insert(c.id, d);
    }
    assert!(depth.values().copied().max().unwrap() >= 4, "a branch reaches depth 4");
    assert!(page.comments.iter().filter(|c| c.parent.is_none()).count() >= 3);
    assert!(page.comments.iter().any(|c| c.text.contains("\n\n")), "some multi-paragraph comments");
    assert!(page.comments.iter().any(|c| c.website.as_deref().is_some_and(|w| w.starts_with("https://"))));
    assert!(s.stop().await.success());

    let s = TestServer::start(&db.path, &["--seed-demo"]).await;
    assert_eq!(s.list(DEMO_THREAD, None, None).await.total, total, "seeding twice adds nothing");
}

/// Logging goes through a writer thread: with the default level every request and every
/// stored comment is still logged to stderr, and nothing is lost at a clean stop.
#[tokio::test]
async fn requests_are_logged_to_stderr_and_flushed_at_exit() {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
    let db = TestDb::new();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_threadline-server"))
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(&db.path)
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = stdout.next_line().await.unwrap().expect("the listening line");
    let base = line.strip_prefix("threadline-server listening on ").unwrap().to_owned();
    let http = reqwest::Client::new();
    let posted = http
        .post(format!("{base}/api/comments"))
        .json(&crate::support::comment("/logged", "hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), reqwest::StatusCode::CREATED);
    let pid = child.id().unwrap().to_string();
    assert!(tokio::process::Command::new("kill").args(["-TERM", &pid]).status().await.unwrap().success());
    assert!(child.wait().await.unwrap().success());
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).await.unwrap();
    assert!(log.contains("comment stored"), "{log}");
    assert!(log.contains("finished processing request"), "{log}");
    assert!(log.contains("stopped"), "the last line too: {log}");
}
