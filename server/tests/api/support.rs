//! Test support: the real `threadline-server` binary on `127.0.0.1:0` with a fresh SQLite
//! file, its log lines, and a small typed client for it.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use tempfile::TempDir;
use threadline_protocol::{Comment, CountsResponse, ErrorBody, ErrorCode, NewComment, ThreadPage};
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How long a server may take to start or stop before a test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// A temporary directory holding the database file for one test.
pub struct TestDb {
    _dir: TempDir,
    /// The SQLite file (created by the server).
    pub path: PathBuf,
}

impl TestDb {
    /// A new directory with no database in it yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("threadline.db");
        Self { _dir: dir, path }
    }
}

/// A running server process; killed when dropped, stopped cleanly by [`TestServer::stop`].
/// Its log (stderr, warnings and errors) is kept, and printed if the test fails.
pub struct TestServer {
    child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
    log: watch::Receiver<Vec<String>>,
    log_reader: Option<JoinHandle<()>>,
    /// `http://127.0.0.1:PORT`, as the server announced it.
    pub base: String,
    /// Client for this server.
    pub http: Client,
}

impl TestServer {
    /// Starts the binary on port 0 with `db` and `extra` arguments, with `--exempt-loopback`
    /// as the demo and the end-to-end tests run it: this test, on 127.0.0.1, is not held to
    /// the per-address limits. See [`TestServer::start_limited`] for those.
    pub async fn start(db: &Path, extra: &[&str]) -> Self {
        Self::start_limited(db, &[&["--exempt-loopback"], extra].concat()).await
    }

    /// Starts the binary on port 0 with `db` and exactly the `extra` arguments (every
    /// per-address limit applies to this test's loopback address, as by default) and waits
    /// for the "listening" line on stdout.
    pub async fn start_limited(db: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_threadline-server"))
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .args(extra)
            .env("RUST_LOG", "warn")
            .env_remove("THREADLINE_LISTEN")
            .env_remove("THREADLINE_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn threadline-server");
        // Read stderr all along: a full pipe would block the server's logging.
        let (log_tx, log) = watch::channel(Vec::new());
        let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr")).lines();
        let log_reader = tokio::spawn(async move {
            while let Ok(Some(line)) = stderr.next_line().await {
                log_tx.send_modify(|lines| lines.push(line));
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
        let line = tokio::time::timeout(DEADLINE, stdout.next_line())
            .await
            .expect("server did not announce itself in time")
            .expect("read server stdout")
            .expect("server exited before listening");
        let base = line
            .strip_prefix("threadline-server listening on ")
            .unwrap_or_else(|| panic!("unexpected first stdout line: {line:?}"))
            .to_owned();
        assert!(base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"), "{base}");
        Self { child, stdout, log, log_reader: Some(log_reader), base, http: Client::new() }
    }

    /// Sends SIGTERM, waits for the process to exit, and checks that it printed nothing
    /// to stdout after the "listening" line.
    pub async fn stop(self) -> ExitStatus {
        self.stop_with_log().await.0
    }

    /// [`TestServer::stop`], plus every line the server logged, up to its exit.
    pub async fn stop_with_log(mut self) -> (ExitStatus, Vec<String>) {
        let pid = self.child.id().expect("server still running").to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().await.expect("run kill");
        assert!(killed.success());
        let status = tokio::time::timeout(DEADLINE, self.child.wait())
            .await
            .expect("server did not stop in time")
            .unwrap();
        let rest = self.stdout.next_line().await.expect("read server stdout");
        assert_eq!(rest, None, "stdout carries only the listening line");
        let reader = self.log_reader.take().expect("stopped once");
        tokio::time::timeout(DEADLINE, reader).await.expect("stderr ends at exit").unwrap();
        let log = self.log.borrow().clone();
        (status, log)
    }

    /// Waits until the server has logged a line that contains every one of `parts`, and
    /// returns it; fails the test after a deadline.
    pub async fn wait_for_log(&self, parts: &[&str]) -> String {
        let matches = |line: &String| parts.iter().all(|part| line.contains(part));
        let mut log = self.log.clone();
        let found = tokio::time::timeout(DEADLINE, log.wait_for(|lines| lines.iter().any(matches))).await;
        let lines = found.unwrap_or_else(|_| panic!("no log line with {parts:?} in time")).expect("log open");
        lines.iter().find(|line| matches(line)).cloned().expect("just found")
    }

    /// Kills the process with SIGKILL, as a crash would, and waits for it to be gone.
    pub async fn crash(mut self) {
        self.child.kill().await.expect("SIGKILL the server");
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST /api/comments` with a typed body.
    pub async fn post(&self, new: &NewComment) -> Response {
        self.http.post(self.url("/api/comments")).json(new).send().await.unwrap()
    }

    /// `POST /api/comments` that must succeed with 201; the raw JSON must not mention email.
    pub async fn post_ok(&self, new: &NewComment) -> Comment {
        let resp = self.post(new).await;
        assert_eq!(resp.status(), StatusCode::CREATED);
        let text = resp.text().await.unwrap();
        assert!(!text.contains("email"), "a response mentions email: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// `POST /api/comments` with any JSON body and extra request headers.
    pub async fn post_json(&self, body: &Value, headers: &[(&str, &str)]) -> Response {
        let mut request = self.http.post(self.url("/api/comments")).json(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    /// `POST path` with a raw body and content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: impl Into<reqwest::Body>) -> Response {
        self.http.post(self.url(path)).header("content-type", content_type).body(body).send().await.unwrap()
    }

    /// `GET /api/comments` as a raw response.
    pub async fn list_raw(&self, query: &[(&str, &str)]) -> Response {
        self.http.get(self.url("/api/comments")).query(query).send().await.unwrap()
    }

    /// One page of `thread`, which must succeed; the raw JSON must not mention email.
    pub async fn list(&self, thread: &str, limit: Option<u32>, cursor: Option<&str>) -> ThreadPage {
        let limit = limit.map(|l| l.to_string());
        let mut query = vec![("thread", thread)];
        query.extend(limit.as_deref().map(|l| ("limit", l)));
        query.extend(cursor.map(|c| ("cursor", c)));
        let resp = self.list_raw(&query).await;
        assert_eq!(resp.status(), StatusCode::OK);
        let text = resp.text().await.unwrap();
        assert!(!text.contains("email") && !text.contains("@example"), "a page mentions email: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// Every comment of `thread`, following cursors with pages of `limit`.
    pub async fn list_all(&self, thread: &str, limit: u32) -> Vec<ThreadPage> {
        let mut pages = vec![self.list(thread, Some(limit), None).await];
        while let Some(cursor) = pages.last().unwrap().next_cursor.clone() {
            pages.push(self.list(thread, Some(limit), Some(&cursor)).await);
            assert!(pages.len() < 1000, "paging does not end");
        }
        pages
    }

    /// `POST /api/counts`, which must succeed.
    pub async fn counts(&self, threads: &[&str]) -> CountsResponse {
        let resp = self
            .http
            .post(self.url("/api/counts"))
            .json(&serde_json::json!({ "threads": threads }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        resp.json().await.unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for line in self.log.borrow().iter() {
                eprintln!("server: {line}");
            }
        }
    }
}

/// Runs the binary with `args` (and a fresh database), expecting it to refuse them: returns
/// its exit status and what it wrote to stderr.
pub async fn start_refused(args: &[&str]) -> (ExitStatus, String) {
    let db = TestDb::new();
    let output = Command::new(env!("CARGO_BIN_EXE_threadline-server"))
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(&db.path)
        .args(args)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(DEADLINE, output).await.expect("refused in time").expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("listening"), "it started: {stdout}");
    (output.status, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A new top-level comment in `thread` by "Ann".
pub fn comment(thread: &str, text: &str) -> NewComment {
    NewComment { thread: thread.into(), author: "Ann".into(), text: text.into(), ..Default::default() }
}

/// A reply to `parent` in `thread` by "Ben".
pub fn reply(thread: &str, parent: i64, text: &str) -> NewComment {
    NewComment { parent: Some(parent), author: "Ben".into(), ..comment(thread, text) }
}

/// Asserts that `resp` is the JSON error `code` with `status` and `field`.
pub async fn assert_error(resp: Response, status: StatusCode, code: ErrorCode, field: Option<&str>) {
    assert_eq!(resp.status(), status);
    let content_type = resp.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(content_type.as_deref(), Some("application/json"));
    let text = resp.text().await.unwrap();
    let body: ErrorBody =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not an error body ({e}): {text}"));
    assert_eq!(body.error.code, code, "{text}");
    assert_eq!(body.error.field.as_deref(), field, "{text}");
    assert!(!body.error.message.is_empty());
}

/// A new comment as a JSON value, to which tests add fields outside `NewComment`.
pub fn comment_json(thread: &str, text: &str) -> Value {
    serde_json::to_value(comment(thread, text)).unwrap()
}

/// The JSON value of a response, whatever its status.
pub async fn json(resp: Response) -> Value {
    resp.json().await.unwrap()
}

/// The `Retry-After` of a response, in seconds.
pub fn retry_after(resp: &reqwest::Response) -> u64 {
    let value = resp.headers().get("retry-after").expect("a Retry-After header");
    value.to_str().unwrap().parse().expect("Retry-After in whole seconds")
}

/// The `ip_hash` column of every comment, oldest first, read from the server's database.
pub async fn ip_hashes(db: &Path) -> Vec<Option<String>> {
    let pool =
        SqlitePool::connect_with(SqliteConnectOptions::new().filename(db).read_only(true)).await.unwrap();
    let hashes =
        sqlx::query_scalar("SELECT ip_hash FROM comments ORDER BY id").fetch_all(&pool).await.unwrap();
    pool.close().await;
    hashes
}
