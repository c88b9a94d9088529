//! SQL of reply notifications: addresses and their double opt-in, unsubscribe tokens, the
//! moderators' mail settings, and who is to hear of a comment. The queue itself is in
//! `mail_queue.rs`. Writes take the write connection directly: they are rare and
//! small, and never part of a post's answer.

use sqlx::{Connection as _, SqlitePool};

use crate::store::mail_records::{
    HeldNotice, ModeratorMail, OptIn, ReplyNotice, CONFIRM_RESEND_MS, CONFIRM_TTL_MS,
};
use crate::store::StoreError;

pub(in crate::store) async fn opt_in(
    pool: &SqlitePool,
    site: &str,
    email: &str,
    confirm_hash: &str,
    now_ms: i64,
) -> Result<OptIn, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    sqlx::query(
        "INSERT INTO mail_addresses (site, email, created_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (site, email) DO NOTHING",
    )
    .bind(site)
    .bind(email)
    .bind(now_ms)
    .execute(&mut *tx)
    .await?;
    let (id, confirmed): (i64, bool) = sqlx::query_as(
        "SELECT id, confirmed_ms IS NOT NULL AND unsubscribed_ms IS NULL
         FROM mail_addresses WHERE site = ?1 AND email = ?2",
    )
    .bind(site)
    .bind(email)
    .fetch_one(&mut *tx)
    .await?;
    let answer = if confirmed {
        OptIn::Confirmed
    } else {
        // At most one confirmation a day per address: a stranger cannot use the form to
        // flood someone's inbox, and a lost email can still be asked for again.
        let sent = sqlx::query(
            "UPDATE mail_addresses SET confirm_hash = ?2, confirm_sent_ms = ?3
             WHERE id = ?1 AND (confirm_sent_ms IS NULL OR confirm_sent_ms <= ?4)",
        )
        .bind(id)
        .bind(confirm_hash)
        .bind(now_ms)
        .bind(now_ms.saturating_sub(CONFIRM_RESEND_MS))
        .execute(&mut *tx)
        .await?;
        if sent.rows_affected() == 1 {
            OptIn::SendConfirmation { address_id: id }
        } else {
            OptIn::Pending
        }
    };
    tx.commit().await?;
    Ok(answer)
}

pub(in crate::store) async fn confirm_pending(
    pool: &SqlitePool,
    confirm_hash: &str,
    now_ms: i64,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT email FROM mail_addresses WHERE confirm_hash = ?1 AND confirm_sent_ms > ?2",
    )
    .bind(confirm_hash)
    .bind(now_ms.saturating_sub(CONFIRM_TTL_MS))
    .fetch_optional(pool)
    .await?)
}

pub(in crate::store) async fn confirm(
    pool: &SqlitePool,
    confirm_hash: &str,
    now_ms: i64,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE mail_addresses SET confirmed_ms = ?2, unsubscribed_ms = NULL, confirm_hash = NULL
         WHERE confirm_hash = ?1 AND confirm_sent_ms > ?3
         RETURNING email",
    )
    .bind(confirm_hash)
    .bind(now_ms)
    .bind(now_ms.saturating_sub(CONFIRM_TTL_MS))
    .fetch_optional(pool)
    .await?)
}

pub(in crate::store) async fn store_unsubscribe_token(
    conn: &mut sqlx::SqliteConnection,
    token_hash: &str,
    address_id: i64,
    now_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO mail_unsubscribe_tokens (hash, address_id, created_ms) VALUES (?1, ?2, ?3)")
        .bind(token_hash)
        .bind(address_id)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(in crate::store) async fn unsubscribe_target(
    pool: &SqlitePool,
    token_hash: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT a.email FROM mail_unsubscribe_tokens t JOIN mail_addresses a ON a.id = t.address_id
         WHERE t.hash = ?1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?)
}

pub(in crate::store) async fn unsubscribe(
    pool: &SqlitePool,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<String>, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let row: Option<(i64, String)> = sqlx::query_as(
        "UPDATE mail_addresses SET unsubscribed_ms = COALESCE(unsubscribed_ms, ?2), confirmed_ms = NULL,
             confirm_hash = NULL
         WHERE id = (SELECT address_id FROM mail_unsubscribe_tokens WHERE hash = ?1)
         RETURNING id, email",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id, _)) = &row {
        // Mail queued but not yet taken by a worker is not sent after all.
        sqlx::query(
            "UPDATE mail_queue SET failed_ms = ?2, last_error = 'unsubscribed'
             WHERE address_id = ?1 AND sent_ms IS NULL AND failed_ms IS NULL AND claimed_ms IS NULL",
        )
        .bind(id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(row.map(|(_, email)| email))
}

pub(in crate::store) async fn reply_notice(
    pool: &SqlitePool,
    reply_id: i64,
) -> Result<Option<ReplyNotice>, StoreError> {
    // Only a visible reply to a comment whose author asked for notifications from an address
    // that is confirmed, and never to the replier themselves (same address or author token).
    Ok(sqlx::query_as(
        "SELECT a.id AS address_id, a.email, r.site, r.thread, r.id AS reply_id, r.author AS reply_author,
                r.text AS reply_text, p.text AS parent_text
         FROM comments r
         JOIN comments p ON p.id = r.parent_id
         JOIN mail_addresses a ON a.site = p.site AND a.email = lower(trim(p.email))
         WHERE r.id = ?1 AND r.status = 'approved' AND p.notify = 1
           AND a.confirmed_ms IS NOT NULL AND a.unsubscribed_ms IS NULL
           AND (r.email IS NULL OR lower(trim(r.email)) <> a.email)
           AND (r.author_token_hash IS NULL OR p.author_token_hash IS NULL
                OR r.author_token_hash <> p.author_token_hash)",
    )
    .bind(reply_id)
    .fetch_optional(pool)
    .await?)
}

pub(in crate::store) async fn held_notices(
    pool: &SqlitePool,
    comment_id: i64,
) -> Result<Vec<HeldNotice>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT m.id AS moderator_id, a.id AS address_id, a.email, c.site, c.thread, c.id AS comment_id,
                c.author, c.text, c.moderation_reason
         FROM comments c
         JOIN moderators m ON m.site = c.site
         JOIN mail_addresses a ON a.site = m.site AND a.email = m.email
         WHERE c.id = ?1 AND c.status = 'pending' AND m.revoked_ms IS NULL AND m.notify_held = 1
           AND a.confirmed_ms IS NOT NULL AND a.unsubscribed_ms IS NULL
         ORDER BY m.id",
    )
    .bind(comment_id)
    .fetch_all(pool)
    .await?)
}

pub(in crate::store) async fn set_moderator_mail(
    pool: &SqlitePool,
    moderator_id: i64,
    email: Option<&str>,
    held: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE moderators SET email = ?2, notify_held = ?3 WHERE id = ?1")
        .bind(moderator_id)
        .bind(email)
        .bind(held)
        .execute(pool)
        .await?;
    Ok(())
}

pub(in crate::store) async fn moderator_mail(
    pool: &SqlitePool,
    moderator_id: i64,
) -> Result<ModeratorMail, StoreError> {
    let row: Option<ModeratorMail> = sqlx::query_as(
        "SELECT m.email, m.notify_held AS held,
                COALESCE(a.confirmed_ms IS NOT NULL AND a.unsubscribed_ms IS NULL, 0) AS confirmed
         FROM moderators m LEFT JOIN mail_addresses a ON a.site = m.site AND a.email = m.email
         WHERE m.id = ?1",
    )
    .bind(moderator_id)
    .fetch_optional(pool)
    .await?;
    row.ok_or(StoreError::NotFound)
}
