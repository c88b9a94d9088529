//! Test support: the real `threadline-server` binary on `127.0.0.1:0` with a fresh SQLite
//! file, and a small typed client for it.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use tempfile::TempDir;
use threadline_protocol::{Comment, CountsResponse, ErrorBody, ErrorCode, NewComment, ThreadPage};
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

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
pub struct TestServer {
    child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
    /// `http://127.0.0.1:PORT`, as the server announced it.
    pub base: String,
    /// Client for this server.
    pub http: Client,
}

impl TestServer {
    /// Starts the binary on port 0 with `db` and `extra` arguments and waits for the
    /// "listening" line on stdout.
    pub async fn start(db: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_threadline-server"))
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .args(extra)
            .env("RUST_LOG", "warn")
            .env_remove("THREADLINE_LISTEN")
            .env_remove("THREADLINE_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn threadline-server");
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
        Self { child, stdout, base, http: Client::new() }
    }

    /// Sends SIGTERM, waits for the process to exit, and checks that it printed nothing
    /// to stdout after the "listening" line.
    pub async fn stop(mut self) -> ExitStatus {
        let pid = self.child.id().expect("server still running").to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().await.expect("run kill");
        assert!(killed.success());
        let status = tokio::time::timeout(DEADLINE, self.child.wait())
            .await
            .expect("server did not stop in time")
            .unwrap();
        let rest = self.stdout.next_line().await.expect("read server stdout");
        assert_eq!(rest, None, "stdout carries only the listening line");
        status
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
