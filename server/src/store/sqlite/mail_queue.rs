//! SQL of the outgoing mail queue: enqueue, claim, and the three outcomes of a send.
//!
//! A claim is one `UPDATE … WHERE id = (SELECT …) AND claimed_ms IS NULL RETURNING …`: on
//! SQLite the statement runs under the database's write lock, and on PostgreSQL the repeated
//! `claimed_ms IS NULL` is re-checked on the locked row, so two workers (even in two
//! processes) never take the same row.

use sqlx::{Connection as _, SqlitePool};

use super::mail::store_unsubscribe_token;
use crate::store::mail_records::{ClaimedMail, NewMail};
use crate::store::StoreError;

pub(in crate::store) async fn enqueue(
    pool: &SqlitePool,
    mail: &NewMail,
    unsubscribe_hash: &str,
    now_ms: i64,
) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let queued = sqlx::query(
        "INSERT INTO mail_queue (dedupe_key, kind, address_id, recipient, subject, body, unsubscribe_url,
             created_ms, next_attempt_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(&mail.dedupe_key)
    .bind(mail.kind.as_str())
    .bind(mail.address_id)
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(&mail.unsubscribe_url)
    .bind(now_ms)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if queued {
        store_unsubscribe_token(&mut tx, unsubscribe_hash, mail.address_id, now_ms).await?;
    }
    tx.commit().await?;
    Ok(queued)
}

pub(in crate::store) async fn claim(
    pool: &SqlitePool,
    now_ms: i64,
) -> Result<Option<ClaimedMail>, StoreError> {
    Ok(sqlx::query_as(
        "UPDATE mail_queue SET claimed_ms = ?1, attempts = attempts + 1
         WHERE id = (SELECT id FROM mail_queue
                     WHERE sent_ms IS NULL AND failed_ms IS NULL AND claimed_ms IS NULL
                       AND next_attempt_ms <= ?1
                     ORDER BY next_attempt_ms, id LIMIT 1)
           AND claimed_ms IS NULL
         RETURNING id, recipient, subject, body, unsubscribe_url, attempts",
    )
    .bind(now_ms)
    .fetch_optional(pool)
    .await?)
}

pub(in crate::store) async fn sent(pool: &SqlitePool, id: i64, now_ms: i64) -> Result<(), StoreError> {
    // The body held live links (unsubscribe, confirmation): it is not kept once delivered.
    sqlx::query("UPDATE mail_queue SET sent_ms = ?2, body = '', last_error = NULL WHERE id = ?1")
        .bind(id)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

pub(in crate::store) async fn retry(
    pool: &SqlitePool,
    id: i64,
    next_attempt_ms: i64,
    error: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE mail_queue SET claimed_ms = NULL, next_attempt_ms = ?2, last_error = ?3 WHERE id = ?1",
    )
    .bind(id)
    .bind(next_attempt_ms)
    .bind(error)
    .execute(pool)
    .await?;
    Ok(())
}

pub(in crate::store) async fn give_up(
    pool: &SqlitePool,
    id: i64,
    now_ms: i64,
    error: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE mail_queue SET failed_ms = ?2, last_error = ?3 WHERE id = ?1")
        .bind(id)
        .bind(now_ms)
        .bind(error)
        .execute(pool)
        .await?;
    Ok(())
}

pub(in crate::store) async fn abandon_claims(
    pool: &SqlitePool,
    claimed_before_ms: i64,
    now_ms: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE mail_queue SET failed_ms = ?2,
             last_error = 'outcome unknown: the sender stopped while sending; not retried, so never sent twice'
         WHERE claimed_ms IS NOT NULL AND claimed_ms < ?1 AND sent_ms IS NULL AND failed_ms IS NULL
         RETURNING id",
    )
    .bind(claimed_before_ms)
    .bind(now_ms)
    .fetch_all(pool)
    .await?)
}

pub(in crate::store) async fn next_due(pool: &SqlitePool) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT MIN(next_attempt_ms) FROM mail_queue
         WHERE sent_ms IS NULL AND failed_ms IS NULL AND claimed_ms IS NULL",
    )
    .fetch_one(pool)
    .await?)
}
