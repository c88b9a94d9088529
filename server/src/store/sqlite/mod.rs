//! The SQLite backend of the store: every SQL statement of the server is in this module and
//! below it, and nothing here is seen by the routes (they use [`crate::store::Store`]).
//!
//! - this file: [`Db`], opening the file (WAL, pools, migrations) and what the facade calls;
//! - [`read`]: the read queries (pages, counts, replay look-ups) on the reader pool;
//! - [`write`]: the single writer task, its group commits ([`write::batch`]) and the checks
//!   and inserts of one post ([`write::post`]);
//! - [`checkpoint`]: WAL checkpoints off the write path; [`settings`]: server secrets.
//!
//! Every query is a runtime-checked `sqlx::query*` call, so building the server needs no
//! database.

pub(super) mod admin;
pub(super) mod author;
pub(super) mod changes;
mod checkpoint;
pub(super) mod feeds;
mod health;
pub(super) mod mail;
pub(super) mod mail_queue;
pub(super) mod moderation;
pub(super) mod moderation_read;
pub(super) mod permalink;
pub(super) mod read;
mod settings;
pub(super) mod votes;
pub(super) mod write;

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use threadline_protocol::{Comment, ThreadPage};

use super::model::{IdempotencyClaim, PostJob, PostResult};
use super::read::{Cursor, PageCache, PageShape};
use super::StoreError;

/// A SQLite database: a pool of reader connections, one writer connection behind the writer
/// task, and the counters that the background tasks share.
///
/// Every write goes through a pool of exactly one connection, so that writers queue in the
/// server instead of contending for SQLite's lock (which can fail a deferred transaction
/// with `SQLITE_BUSY` whatever the busy timeout). Posts reach that connection through one
/// task that stores them in group commits ([`write`]).
#[derive(Clone, Debug)]
pub(super) struct Db {
    reads: SqlitePool,
    writes: SqlitePool,
    writer: write::Writer,
    /// Group commits so far, so that the checkpoint task knows when there is work.
    commits: Arc<AtomicU64>,
    /// The highest comment id this process has seen stored.
    last_id: Arc<AtomicI64>,
}

impl Db {
    /// Opens (creating it if missing) the SQLite file at `path` in WAL mode with foreign keys
    /// on and a busy timeout, applies any pending migrations, and starts the writer and
    /// checkpoint tasks. Every committed post invalidates its thread in `cache`.
    pub(super) async fn open(path: &Path, cache: Arc<PageCache>) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        // No ping before handing out a connection: it would be one more round trip to the
        // connection's worker thread per request, for a local file that does not drop.
        // The writer does not checkpoint in its commits: see `checkpoint`.
        let writes = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await?;
        sqlx::migrate!().run(&writes).await?;
        let reads = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        let db = Self::with_pools(reads, writes, cache).await?;
        checkpoint::spawn(db.reads.clone(), Arc::clone(&db.commits));
        Ok(db)
    }

    /// A private in-memory database (for unit tests), migrated.
    pub(super) async fn open_in_memory(cache: Arc<PageCache>) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // Each in-memory connection would be a database of its own: keep exactly one, forever.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        sqlx::migrate!().run(&pool).await?;
        Self::with_pools(pool.clone(), pool, cache).await
    }

    async fn with_pools(
        reads: SqlitePool,
        writes: SqlitePool,
        cache: Arc<PageCache>,
    ) -> Result<Self, StoreError> {
        let commits = Arc::new(AtomicU64::new(0));
        let last_id = Arc::new(AtomicI64::new(read::max_id(&reads).await?));
        let writer = write::Writer::spawn(writes.clone(), cache, Arc::clone(&commits), Arc::clone(&last_id));
        Ok(Self { reads, writes, writer, commits, last_id })
    }

    /// Whether the database answers and carries every migration of this binary.
    pub(super) async fn readiness(&self) -> Result<super::Readiness, StoreError> {
        health::readiness(&self.reads).await
    }

    /// Held comments, the mail queue and the pools, for `GET /metrics`.
    pub(super) async fn gauges(&self) -> Result<super::Gauges, StoreError> {
        health::gauges(&self.reads, &self.writes).await
    }

    pub(super) async fn thread_page(
        &self,
        site: &str,
        thread: &str,
        after: Option<Cursor>,
        shape: PageShape,
        audience: read::Audience,
    ) -> Result<ThreadPage, StoreError> {
        read::thread_page(&self.reads, site, thread, after, shape, audience).await
    }

    pub(super) async fn own_pending(
        &self,
        site: &str,
        thread: &str,
        token_hash: &str,
    ) -> Result<Vec<Comment>, StoreError> {
        read::own_pending(&self.reads, site, thread, token_hash).await
    }

    pub(super) async fn count(&self, site: &str, thread: &str) -> Result<u64, StoreError> {
        read::count(&self.reads, site, thread).await
    }

    pub(super) async fn counts(
        &self,
        site: &str,
        threads: &[String],
    ) -> Result<BTreeMap<String, u64>, StoreError> {
        read::counts(&self.reads, site, threads).await
    }

    pub(super) async fn idempotent_replay(
        &self,
        claim: &IdempotencyClaim,
        now_ms: i64,
    ) -> Result<Option<Comment>, StoreError> {
        let mut conn = self.reads.acquire().await?;
        read::find_replay(&mut conn, claim, now_ms).await
    }

    /// The pool of reader connections.
    pub(super) fn reads(&self) -> &SqlitePool {
        &self.reads
    }

    /// The pool of the one write connection, for writes outside the post writer.
    pub(super) fn writes(&self) -> &SqlitePool {
        &self.writes
    }

    /// The highest comment id stored so far, as far as this process knows: read once at
    /// open, then kept up by the writer (no query).
    pub(super) fn last_id(&self) -> i64 {
        self.last_id.load(Ordering::Relaxed)
    }

    pub(super) async fn post(&self, job: PostJob) -> PostResult {
        self.writer.post(job).await
    }

    pub(super) async fn post_batch(&self, jobs: &[PostJob]) -> Vec<PostResult> {
        self.writer.group_commit_now(&self.writes, jobs).await
    }

    pub(super) async fn checkpoint(&self) -> Result<(i64, i64), StoreError> {
        checkpoint::checkpoint(&self.reads).await
    }

    pub(super) async fn setting_or_insert(
        &self,
        name: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, StoreError> {
        settings::setting_or_insert(&self.writes, name, make).await
    }

    /// Waits for open connections to finish and closes them (checkpointing the WAL).
    pub(super) async fn close(&self) {
        self.reads.close().await;
        self.writes.close().await;
    }
}
