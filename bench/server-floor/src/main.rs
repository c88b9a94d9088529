//! `threadline-bench-floor`: the floor that `cargo xtask bench` measures Threadline's server
//! against. It answers the same two calls with the same JSON shapes and nothing else: no
//! validation beyond what serde does, no paging cursor or total, no CORS, no abuse limits,
//! no idempotency keys, no logging, one connection pool for reads and writes.
//!
//! - `GET /api/comments?thread=T&limit=N`: `{"comments":[Comment…]}`, the first N (default
//!   50) comments of thread T, oldest first, in one query.
//! - `POST /api/comments` with `{"thread","parent","author","email","website","text"}`:
//!   201 and the stored Comment (`{"id","thread","parent","author","website","text",
//!   "created_at"}`).
//!
//! Usage: `threadline-bench-floor --listen 127.0.0.1:0 --db FILE`. The database uses the same
//! SQLite settings as threadline-server (WAL, `synchronous=NORMAL`, 5 s busy timeout). The
//! first line on stdout is `threadline-bench-floor listening on http://ADDR`.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// The schema: Threadline's comment columns, minus everything its features add.
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread TEXT NOT NULL,
    parent_id INTEGER,
    author TEXT NOT NULL,
    email TEXT,
    website TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_by_thread ON comments (thread, id);";

/// A comment as Threadline's API returns it.
#[derive(Debug, Serialize)]
struct Comment {
    id: i64,
    thread: String,
    parent: Option<i64>,
    author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    text: String,
    created_at: String,
}

/// The body of a post, as Threadline's API takes it.
#[derive(Debug, Deserialize)]
struct NewComment {
    thread: String,
    #[serde(default)]
    parent: Option<i64>,
    author: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    website: Option<String>,
    text: String,
}

#[derive(Debug, Serialize)]
struct Page {
    comments: Vec<Comment>,
}

#[derive(Debug, Deserialize)]
struct ListParams {
    thread: String,
    limit: Option<u32>,
}

type Row = (i64, String, Option<i64>, String, Option<String>, String, String);

fn comment((id, thread, parent, author, website, text, created_at): Row) -> Comment {
    Comment { id, thread, parent, author, website, text, created_at }
}

async fn list(
    State(pool): State<SqlitePool>,
    Query(params): Query<ListParams>,
) -> Result<Json<Page>, StatusCode> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, thread, parent_id, author, website, text, created_at FROM comments
         WHERE thread = ?1 ORDER BY id LIMIT ?2",
    )
    .bind(params.thread)
    .bind(params.limit.unwrap_or(50).min(200))
    .fetch_all(&pool)
    .await
    .map_err(internal)?;
    Ok(Json(Page { comments: rows.into_iter().map(comment).collect() }))
}

async fn create(
    State(pool): State<SqlitePool>,
    Json(new): Json<NewComment>,
) -> Result<(StatusCode, Json<Comment>), StatusCode> {
    let created_at = rfc3339(SystemTime::now());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (thread, parent_id, author, email, website, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(&new.thread)
    .bind(new.parent)
    .bind(&new.author)
    .bind(&new.email)
    .bind(&new.website)
    .bind(&new.text)
    .bind(&created_at)
    .fetch_one(&pool)
    .await
    .map_err(internal)?;
    let NewComment { thread, parent, author, website, text, .. } = new;
    Ok((StatusCode::CREATED, Json(Comment { id, thread, parent, author, website, text, created_at })))
}

fn internal(error: sqlx::Error) -> StatusCode {
    eprintln!("threadline-bench-floor: {error}");
    StatusCode::INTERNAL_SERVER_ERROR
}

/// `2026-11-25T15:20:00Z` (UTC, whole seconds), with the protocol crate's own formatter.
fn rfc3339(time: SystemTime) -> String {
    let ms = time.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis();
    threadline_protocol::time::format_rfc3339(i64::try_from(ms).unwrap_or(i64::MAX))
}

fn args() -> Result<(SocketAddr, PathBuf), String> {
    let mut listen: SocketAddr = "127.0.0.1:8090".parse().expect("a valid address");
    let mut db = PathBuf::from("floor.db");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--listen" => listen = value.parse().map_err(|e| format!("--listen {value}: {e}"))?,
            "--db" => db = PathBuf::from(value),
            _ => return Err(format!("unknown argument {arg}; usage: --listen ADDR --db FILE")),
        }
    }
    Ok((listen, db))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (listen, db) = args()?;
    let options = SqliteConnectOptions::new()
        .filename(&db)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    sqlx::raw_sql(SCHEMA).execute(&pool).await?;
    let router = Router::new().route("/api/comments", get(list).post(create)).with_state(pool);
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "threadline-bench-floor listening on http://{}", listener.local_addr()?)?;
    stdout.flush()?;
    drop(stdout);
    axum::serve(listener, router).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(1_795_623_658)), "2026-11-25T16:20:58Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00Z");
    }
}
