//! WAL checkpoints off the write path.
//!
//! SQLite's automatic checkpoint runs inside the `COMMIT` that pushes the WAL past 1,000
//! pages: that commit copies the WAL into the database file and syncs both, and every post
//! queued behind it waits (the slowest answers under load were those). Here the writer
//! connection has the automatic checkpoint off, and a background task runs a `PASSIVE`
//! checkpoint on a reader connection once a second when something was written. A passive
//! checkpoint waits for no reader or writer, so posts go on while it syncs. Durability does
//! not change: a commit is in the WAL file before it is acknowledged either way.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::SqlitePool;

use crate::store::StoreError;

/// How often the WAL is checkpointed while posts arrive.
const EVERY: Duration = Duration::from_secs(1);

/// Starts the checkpoint task on `pool`; it checkpoints after each period in which
/// `commits` moved, and ends when the pool is closed.
pub(super) fn spawn(pool: SqlitePool, commits: Arc<AtomicU64>) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut seen = commits.load(Ordering::Relaxed);
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            let now = commits.load(Ordering::Relaxed);
            if now == seen {
                continue;
            }
            seen = now;
            if let Err(err) = checkpoint(&pool).await {
                tracing::warn!(%err, "WAL checkpoint failed");
            }
        }
    });
}

/// One passive checkpoint: `(log frames, frames checkpointed)` as SQLite reports them.
pub(super) async fn checkpoint(pool: &SqlitePool) -> Result<(i64, i64), StoreError> {
    let (_busy, log, done): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(pool).await?;
    Ok((log, done))
}
