//! Readiness: the database answers, and every migration this binary knows is applied.

use sqlx::SqlitePool;

use crate::store::{Readiness, StoreError};

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
