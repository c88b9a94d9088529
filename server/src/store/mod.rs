//! The comment store: a SQLite database behind a [`SqlitePool`], its migrations, and the
//! queries that turn rows into protocol types.
//!
//! Every query is a runtime-checked `sqlx::query*` call, so building the server needs no
//! database. Errors are [`StoreError`]; the HTTP layer decides what a reader sees.

mod batch;
pub mod cache;
mod checkpoint;
mod comments;
mod page;
mod posting;
mod settings;
mod writer;

use std::path::Path;
use std::str::FromStr as _;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use batch::{PostJob, PostResult};
pub use cache::{CachedPage, PageCache};
pub use page::{Cursor, CursorError};
pub use posting::{text_hash, IdempotencyClaim, PostMeta, Posted, SpentChallenge};
pub use writer::MAX_BATCH;

/// Bytes of serialized pages the page cache keeps by default, at most.
pub const PAGE_CACHE_BYTES: u64 = 32 << 20;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The parent comment does not exist, or belongs to another thread.
    #[error("the parent comment does not exist in this thread")]
    UnknownParent,
    /// The same text was posted in the same thread by the same author (name or IP hash)
    /// within the duplicate window.
    #[error("duplicate comment")]
    Duplicate,
    /// The idempotency key is stored with a different request body.
    #[error("idempotency key reused with another body")]
    IdempotencyKeyReused,
    /// The proof-of-work challenge was already spent on another comment.
    #[error("proof-of-work challenge already spent")]
    ChallengeSpent,
    /// The database refused or failed a query.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The writer task is gone or has no connection (the store is closing).
    #[error("the database writer has stopped")]
    WriterStopped,
}

/// Handle to the comment database; clones share its connection pools, its writer task and
/// its page cache.
///
/// Reads use a pool of several connections; every write goes through a pool of exactly one
/// connection, so that writers queue in the server instead of contending for SQLite's lock
/// (which can fail a deferred transaction with `SQLITE_BUSY` whatever the busy timeout).
/// Posts reach that connection through one task that stores them in group commits
/// ([`writer`]); pages are served from a cache that every committed post invalidates
/// ([`cache`]).
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    writer: SqlitePool,
    posts: writer::Writer,
    cache: Arc<PageCache>,
    /// Group commits so far, so that the checkpoint task knows when there is work.
    commits: Arc<AtomicU64>,
}

impl Store {
    /// Opens (creating it if missing) the SQLite file at `path` in WAL mode with foreign keys
    /// on and a busy timeout, then applies any pending migrations. The page cache holds up
    /// to [`PAGE_CACHE_BYTES`].
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with_cache(path, PAGE_CACHE_BYTES).await
    }

    /// [`Store::open`] with a page cache of at most `page_cache_bytes`; 0 turns it off.
    ///
    /// The cache learns of writes made through this process only: a database file that other
    /// processes write to as well needs the cache off.
    pub async fn open_with_cache(path: &Path, page_cache_bytes: u64) -> Result<Self, StoreError> {
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
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await?;
        sqlx::migrate!().run(&writer).await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        let store = Self::with_pools(pool, writer, page_cache_bytes);
        checkpoint::spawn(store.pool.clone(), Arc::clone(&store.commits));
        Ok(store)
    }

    fn with_pools(pool: SqlitePool, writer: SqlitePool, page_cache_bytes: u64) -> Self {
        let cache = Arc::new(PageCache::new(page_cache_bytes));
        let commits = Arc::new(AtomicU64::new(0));
        let posts = writer::Writer::spawn(writer.clone(), Arc::clone(&cache), Arc::clone(&commits));
        Self { pool, writer, posts, cache, commits }
    }

    /// The page cache (for tests and diagnostics).
    pub fn page_cache(&self) -> &PageCache {
        &self.cache
    }

    /// Stores `jobs` as one group commit, as the writer task does with the posts it finds
    /// queued, and returns one answer per job, in order. Posts normally arrive one at a time
    /// through [`Store::post_comment`]; this entry point lets tests choose a batch.
    pub async fn post_batch(&self, jobs: &[PostJob]) -> Vec<PostResult> {
        writer::group_commit(&self.writer, &self.cache, &self.commits, jobs, None).await
    }

    /// Opens a private in-memory database (for unit tests), migrated.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // Each in-memory connection would be a database of its own: keep exactly one, forever.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Self::with_pools(pool.clone(), pool, PAGE_CACHE_BYTES))
    }

    /// Waits for open connections to finish and closes them (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}
