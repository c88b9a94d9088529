//! Support for the moderation tests: sites and moderators set up through the real CLI on
//! the test's database, a signed-in moderator client, and direct edits of the SQLite file
//! that stand in for the passing of time (expiries).

use std::path::Path;
use std::process::Stdio;

use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use threadline_protocol::{NewComment, PostedComment, ThreadPage};
use tokio::process::Command;

use crate::support::TestServer;

/// Runs `threadline-server --db DB args…` (an administration subcommand) and returns its
/// stdout; the command must succeed.
pub async fn admin(db: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_threadline-server"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .expect("run threadline-server");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?} failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// Writes a screening file holding (or rejecting) comments that contain `word`.
pub fn screening_file(dir: &Path, word: &str, action: &str) -> String {
    let path = dir.join(format!("screen-{word}.json"));
    let config = json!({ "deny": [word], "deny_list": { "action": action, "min_severity": "mild" } });
    std::fs::write(&path, config.to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Adds moderator `name` of `site` through the CLI and signs in; returns the session token.
pub async fn moderator(server: &TestServer, db: &Path, site: &str, name: &str) -> String {
    let out = admin(db, &["moderator", "add", "--site", site, "--name", name]).await;
    let token = out.trim().split("#threadline-signin=").nth(1).expect("a sign-in link").to_owned();
    let resp =
        server.http.post(server.url("/api/moderation/sign-in")).json(&json!({ "token": token })).send().await;
    let resp = resp.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.unwrap();
    assert_eq!((body["name"].as_str(), body["site"].as_str()), (Some(name), Some(site)));
    body["session"].as_str().unwrap().to_owned()
}

/// A request with the moderator's session.
pub fn as_moderator(
    server: &TestServer,
    session: &str,
    method: reqwest::Method,
    path: &str,
) -> RequestBuilder {
    server.http.request(method, server.url(path)).bearer_auth(session)
}

/// `POST /api/moderation/comments/{id}/{action}` with `body`.
pub async fn act(server: &TestServer, session: &str, id: i64, action: &str, body: Value) -> Response {
    let path = format!("/api/moderation/comments/{id}/{action}");
    as_moderator(server, session, reqwest::Method::POST, &path).json(&body).send().await.unwrap()
}

/// Posts `new` (to `site` when given) with an optional author token; 201 expected.
pub async fn post_as(
    server: &TestServer,
    new: &NewComment,
    site: Option<&str>,
    token: Option<&str>,
) -> PostedComment {
    let resp = post_raw(server, new, site, token).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    resp.json().await.unwrap()
}

/// Posts `new` (to `site` when given) with an optional author token.
pub async fn post_raw(
    server: &TestServer,
    new: &NewComment,
    site: Option<&str>,
    token: Option<&str>,
) -> Response {
    let mut body = serde_json::to_value(new).unwrap();
    if let Some(site) = site {
        body["site"] = site.into();
    }
    let mut request = server.http.post(server.url("/api/comments")).json(&body);
    if let Some(token) = token {
        request = request.header("x-threadline-author", token);
    }
    request.send().await.unwrap()
}

/// The first page of `thread` of `site`, as a reader with an optional author token sees it.
pub async fn page(server: &TestServer, site: &str, thread: &str, token: Option<&str>) -> ThreadPage {
    let mut request =
        server.http.get(server.url("/api/comments")).query(&[("site", site), ("thread", thread)]);
    if let Some(token) = token {
        request = request.header("x-threadline-author", token);
    }
    let resp = request.send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

/// Runs `sql` on the server's database file from outside, as time passing would change
/// what it holds (expiries).
pub async fn edit_db(db: &Path, sql: &'static str) {
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(db)).await.unwrap();
    sqlx::query(sql).execute(&pool).await.unwrap();
    pool.close().await;
}
