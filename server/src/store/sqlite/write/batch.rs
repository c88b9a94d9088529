//! One group commit: several posts stored in one write transaction, each with its own
//! checks and its own answer.
//!
//! Per batch the database sees `BEGIN IMMEDIATE`, one look-up of every idempotency key of
//! the batch, one `INSERT … RETURNING` per post (plus a challenge insert, a duplicate look-up
//! and the new-thread look-ups when those limits are on: see [`super::post`]), one insert of
//! every new key, and `COMMIT`. A post that fails a rule (unknown parent, duplicate, spent
//! challenge, too many new threads, key reused) gets its error and changes nothing; the
//! others go on. Only a database failure fails the whole transaction,
//! and the writer then retries each post alone (see [`super`]).

use std::collections::HashMap;

use sqlx::{Connection as _, SqliteConnection};
use threadline_protocol::Comment;

use super::post::post_one;
use crate::store::model::{PostJob, PostResult, Posted, StoredComment};
use crate::store::StoreError;

/// An idempotency key already in the database: its request hash, expiry and comment.
struct StoredKey {
    request_hash: String,
    expires_ms: i64,
    comment: Comment,
}

#[derive(sqlx::FromRow)]
struct StoredKeyRow {
    key: String,
    request_hash: String,
    expires_ms: i64,
    #[sqlx(flatten)]
    row: StoredComment,
}

/// Stores `jobs` in one transaction and returns one answer per job, in order. `purge_before`
/// also deletes idempotency keys, spent challenges and thread starts that expired before
/// that time.
///
/// `Err` means the transaction failed and was rolled back: nothing of the batch is stored.
pub(super) async fn run_batch(
    conn: &mut SqliteConnection,
    jobs: &[PostJob],
    purge_before: Option<i64>,
) -> Result<Vec<PostResult>, StoreError> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(now) = purge_before {
        sqlx::query("DELETE FROM idempotency_keys WHERE expires_ms <= ?1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM spent_challenges WHERE expires_ms <= ?1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM thread_starts WHERE expires_ms <= ?1").bind(now).execute(&mut *tx).await?;
    }
    let mut stored = stored_keys(&mut tx, jobs).await?;
    let mut new_keys: Vec<(&str, &str, i64, i64)> = Vec::new();
    let mut answers = Vec::with_capacity(jobs.len());
    for job in jobs {
        let answer = match &job.meta.idempotency {
            // The key is known (from the database or from an earlier post of this batch),
            // live at this post's time: replay it or refuse the other body.
            Some(claim) => match stored.get(&claim.key).filter(|k| k.expires_ms > job.created_ms) {
                Some(known) if known.request_hash == claim.request_hash => {
                    Ok(Posted::Replayed(known.comment.clone()))
                }
                Some(_) => Err(StoreError::IdempotencyKeyReused),
                None => post_one(&mut tx, job).await,
            },
            None => post_one(&mut tx, job).await,
        };
        // A database error aborts the batch (the caller retries posts alone); a broken rule
        // is this post's answer only.
        if let Err(StoreError::Database(e)) = answer {
            return Err(StoreError::Database(e));
        }
        if let (Ok(Posted::Created(comment)), Some(claim)) = (&answer, &job.meta.idempotency) {
            new_keys.push((&claim.key, &claim.request_hash, comment.id, claim.expires_ms));
            let known = StoredKey {
                request_hash: claim.request_hash.clone(),
                expires_ms: claim.expires_ms,
                comment: comment.clone(),
            };
            stored.insert(claim.key.clone(), known);
        }
        answers.push(answer);
    }
    if !new_keys.is_empty() {
        record_keys(&mut tx, &new_keys, jobs.iter().map(|j| j.created_ms).max().unwrap_or(0)).await?;
    }
    tx.commit().await?;
    Ok(answers)
}

/// The stored (not necessarily live) idempotency keys among the batch's, with their comments,
/// in one statement.
async fn stored_keys(
    conn: &mut SqliteConnection,
    jobs: &[PostJob],
) -> Result<HashMap<String, StoredKey>, StoreError> {
    let keys: Vec<&str> =
        jobs.iter().filter_map(|j| j.meta.idempotency.as_ref()).map(|c| c.key.as_str()).collect();
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let json = serde_json::to_string(&keys).expect("a list of strings always serializes");
    let rows: Vec<StoredKeyRow> = sqlx::query_as(
        "SELECT k.key, k.request_hash, k.expires_ms,
                c.id, c.thread, c.parent_id, c.author, c.website, c.text, c.created_ms,
                c.site, c.status, c.pinned, c.edited_ms
         FROM idempotency_keys k JOIN comments c ON c.id = k.comment_id
         WHERE k.key IN (SELECT value FROM json_each(?1))",
    )
    .bind(json)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let known =
                StoredKey { request_hash: r.request_hash, expires_ms: r.expires_ms, comment: r.row.into() };
            (r.key, known)
        })
        .collect())
}

/// Records the batch's new keys in one statement. A row left over under the same key has
/// expired (live ones were replayed above), so it is overwritten.
async fn record_keys(
    conn: &mut SqliteConnection,
    keys: &[(&str, &str, i64, i64)],
    now_ms: i64,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(keys).expect("keys always serialize");
    sqlx::query(
        "INSERT INTO idempotency_keys (key, request_hash, comment_id, expires_ms)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?1) WHERE true
         ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash,
             comment_id = excluded.comment_id, expires_ms = excluded.expires_ms
         WHERE idempotency_keys.expires_ms <= ?2",
    )
    .bind(json)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
