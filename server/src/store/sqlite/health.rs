//! Readiness (the database answers, and every migration this binary knows is applied) and the
//! database's gauges for `GET /metrics`.

use sqlx::SqlitePool;

use crate::store::{Gauges, Readiness, StoreError};

/// Reads `_sqlx_migrations` through a reader connection (which also proves the database
/// answers) and compares it with the migrations compiled into this binary.
pub(in crate::store) async fn readiness(reads: &SqlitePool) -> Result<Readiness, StoreError> {
    let applied: Vec<(i64,)> =
        sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success = 1 ORDER BY version")
            .fetch_all(reads)
            .await?;
    let applied: Vec<i64> = applied.into_iter().map(|(v,)| v).collect();
    let known: Vec<i64> = sqlx::migrate!().iter().map(|m| m.version).collect();
    let missing = known.iter().copied().filter(|v| !applied.contains(v)).collect();
    Ok(Readiness { applied: applied.len(), known: known.len(), missing })
}

/// What `GET /metrics` reports of the database: held comments, the mail queue by state, and
/// the connection pools.
pub(in crate::store) async fn gauges(reads: &SqlitePool, writes: &SqlitePool) -> Result<Gauges, StoreError> {
    let held: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE status = 'pending'").fetch_one(reads).await?;
    let (waiting, sent, failed): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE sent_ms IS NULL AND failed_ms IS NULL), \
                COUNT(*) FILTER (WHERE sent_ms IS NOT NULL), \
                COUNT(*) FILTER (WHERE failed_ms IS NOT NULL) FROM mail_queue",
    )
    .fetch_one(reads)
    .await?;
    let pool = |p: &SqlitePool| (u64::from(p.size()), p.num_idle() as u64);
    Ok(Gauges {
        held,
        mail_waiting: waiting,
        mail_sent: sent,
        mail_failed: failed,
        reads: pool(reads),
        writes: pool(writes),
    })
}
