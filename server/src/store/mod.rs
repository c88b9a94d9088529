//! The comment store: a SQLite database behind a [`SqlitePool`], its migrations, and the
//! queries that turn rows into protocol types.
//!
//! Every query is a runtime-checked `sqlx::query*` call, so building the server needs no
//! database. Errors are [`StoreError`]; the HTTP layer decides what a reader sees.

mod comments;
mod page;
mod posting;
mod settings;

use std::path::Path;
use std::str::FromStr as _;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use page::{Cursor, CursorError};
pub use posting::{text_hash, IdempotencyClaim, PostMeta, Posted, SpentChallenge};

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
}

/// Handle to the comment database; clones share its connection pools.
///
/// Reads use a pool of several connections; every write goes through a pool of exactly one
/// connection, so that writers queue in the server instead of contending for SQLite's lock
/// (which can fail a deferred transaction with `SQLITE_BUSY` whatever the busy timeout).
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    writer: SqlitePool,
}

impl Store {
    /// Opens (creating it if missing) the SQLite file at `path` in WAL mode with foreign keys
    /// on and a busy timeout, then applies any pending migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let writer = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
        sqlx::migrate!().run(&writer).await?;
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Self { pool, writer })
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
        Ok(Self { writer: pool.clone(), pool })
    }

    /// Waits for open connections to finish and closes them (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}
