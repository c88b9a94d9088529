//! SQL of an author's own changes: editing and deleting their comment within the edit
//! window, authorised by the author token the post answered with (its hash is stored).

use sqlx::{Connection, SqlitePool};

use super::moderation::Audit;
use crate::store::model::{status, StoredComment};
use crate::store::records::AuthorChange;
use crate::store::StoreError;

/// What the checks need besides the comment: its author's token and email hashes.
#[derive(sqlx::FromRow)]
struct Owner {
    author_token_hash: Option<String>,
    email_hash: Option<String>,
}

/// Applies `change` to comment `id` of `site` for the holder of `token_hash`, within
/// `window_ms` of its creation, and returns the comment as its author now sees it.
///
/// Refusals, checked before any write: [`StoreError::NotFound`] (no such comment on the
/// site, or already removed), [`StoreError::NotAuthor`], [`StoreError::EditWindowClosed`],
/// and for an edit [`StoreError::ThreadLocked`] and [`StoreError::Banned`].
#[allow(clippy::too_many_arguments)]
pub(in crate::store) async fn change(
    pool: &SqlitePool,
    site: &str,
    id: i64,
    token_hash: &str,
    ip_hash: Option<&str>,
    change: &AuthorChange,
    window_ms: i64,
    now_ms: i64,
) -> Result<StoredComment, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let select = concat!("SELECT ", crate::comment_columns!(), " FROM comments WHERE id = ?1 AND site = ?2");
    let before: StoredComment = sqlx::query_as(select)
        .bind(id)
        .bind(site)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    if before.is_removed() {
        return Err(StoreError::NotFound);
    }
    let owner: Owner = sqlx::query_as("SELECT author_token_hash, email_hash FROM comments WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    // Compared as hashes of random tokens: equal-time comparison buys nothing here.
    if owner.author_token_hash.as_deref() != Some(token_hash) {
        return Err(StoreError::NotAuthor);
    }
    if now_ms.saturating_sub(before.created_ms) > window_ms {
        return Err(StoreError::EditWindowClosed { window_ms });
    }
    let (action, before_text) = match change {
        AuthorChange::Edit { text, warning, hold } => {
            let (locked, ban_until): (bool, Option<i64>) = sqlx::query_as(
                "SELECT
                   EXISTS (SELECT 1 FROM locked_threads WHERE site = ?1 AND thread = ?2),
                   (SELECT MAX(COALESCE(b.expires_ms, 9223372036854775807)) FROM bans b
                     WHERE b.site = ?1 AND b.lifted_ms IS NULL AND (b.expires_ms IS NULL OR b.expires_ms > ?3)
                       AND b.hash IN (?4, ?5, ?6))",
            )
            .bind(site)
            .bind(&before.thread)
            .bind(now_ms)
            .bind(token_hash)
            .bind(&owner.email_hash)
            .bind(ip_hash)
            .fetch_one(&mut *tx)
            .await?;
            if locked {
                return Err(StoreError::ThreadLocked);
            }
            if let Some(until) = ban_until {
                return Err(StoreError::Banned { until_ms: (until != i64::MAX).then_some(until) });
            }
            // A held edit waits for review like a held post; an edit that passes screening
            // leaves a comment already held (by screening or reports) held.
            let held = if hold.is_some() { Some(status::PENDING) } else { None };
            sqlx::query(
                "UPDATE comments SET text = ?2, edited_ms = ?3, status = COALESCE(?4, status),
                        moderation_reason = COALESCE(?5, moderation_reason), warning = ?6
                 WHERE id = ?1",
            )
            .bind(id)
            .bind(text)
            .bind(now_ms)
            .bind(held)
            .bind(hold)
            .bind(warning)
            .execute(&mut *tx)
            .await?;
            ("author_edit", Some(before.text.as_str()))
        }
        AuthorChange::Delete => {
            sqlx::query(
                "UPDATE comments SET status = 'deleted', withdrawn_ms = ?2,
                        moderation_reason = 'deleted by its author'
                 WHERE id = ?1",
            )
            .bind(id)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
            ("author_delete", Some(before.text.as_str()))
        }
    };
    Audit {
        site,
        moderator: None,
        action,
        comment_id: Some(id),
        thread: Some(&before.thread),
        reason: None,
        before: before_text,
    }
    .write(&mut tx, now_ms)
    .await?;
    let after: StoredComment = sqlx::query_as(select).bind(id).bind(site).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(after)
}
