//! SQL of site administration: sites, author tokens, moderators, sign-in and sessions.
//! These writes are rare, so they take the write connection directly instead of queueing
//! behind the post writer's group commits.

use sqlx::{Connection as _, SqlitePool};

use crate::store::records::{Moderator, ModeratorEntry, SiteRow, DEFAULT_HOOK_TIMEOUT_MS};
use crate::store::StoreError;

pub(in crate::store) async fn put_site(
    pool: &SqlitePool,
    site: &SiteRow,
    now_ms: i64,
) -> Result<(), StoreError> {
    let origins = serde_json::to_string(&site.origins).expect("strings always serialize");
    sqlx::query(
        "INSERT INTO sites (id, origins, premoderation, approve_known, report_threshold, screening, created_ms,
             hook_url, hook_timeout_ms, hook_fail, downvotes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET origins = excluded.origins, premoderation = excluded.premoderation,
             approve_known = excluded.approve_known, report_threshold = excluded.report_threshold,
             screening = excluded.screening, hook_url = excluded.hook_url,
             hook_timeout_ms = excluded.hook_timeout_ms, hook_fail = excluded.hook_fail,
             downvotes = excluded.downvotes",
    )
    .bind(&site.id)
    .bind(origins)
    .bind(site.premoderation)
    .bind(site.approve_known)
    .bind(i64::from(site.report_threshold))
    .bind(&site.screening)
    .bind(now_ms)
    .bind(&site.hook_url)
    .bind(i64::from(site.hook_timeout_ms))
    .bind(&site.hook_fail)
    .bind(site.downvotes)
    .execute(pool)
    .await?;
    Ok(())
}

/// A row of `sites` as read.
type SiteColumns = (String, String, bool, bool, i64, Option<String>, Option<String>, i64, String, bool);

pub(in crate::store) async fn sites(pool: &SqlitePool) -> Result<Vec<SiteRow>, StoreError> {
    let rows: Vec<SiteColumns> = sqlx::query_as(
        "SELECT id, origins, premoderation, approve_known, report_threshold, screening,
                hook_url, hook_timeout_ms, hook_fail, downvotes
         FROM sites ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                origins,
                premoderation,
                approve_known,
                threshold,
                screening,
                hook_url,
                timeout,
                hook_fail,
                downvotes,
            )| {
                SiteRow {
                    id,
                    origins: serde_json::from_str(&origins).unwrap_or_default(),
                    premoderation,
                    approve_known,
                    report_threshold: u32::try_from(threshold).unwrap_or(1).max(1),
                    screening,
                    hook_url,
                    hook_timeout_ms: u32::try_from(timeout).unwrap_or(DEFAULT_HOOK_TIMEOUT_MS).max(1),
                    hook_fail,
                    downvotes,
                }
            },
        )
        .collect())
}

pub(in crate::store) async fn author_token_site(
    pool: &SqlitePool,
    token_hash: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT site FROM author_tokens WHERE hash = ?1")
        .bind(token_hash)
        .fetch_optional(pool)
        .await?)
}

pub(in crate::store) async fn add_moderator(
    pool: &SqlitePool,
    site: &str,
    name: &str,
    token_hash: &str,
    now_ms: i64,
    expires_ms: i64,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO moderators (site, name, created_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (site, name) DO UPDATE SET revoked_ms = NULL RETURNING id",
    )
    .bind(site)
    .bind(name)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO sign_in_tokens (hash, moderator_id, expires_ms) VALUES (?1, ?2, ?3)")
        .bind(token_hash)
        .bind(id)
        .bind(expires_ms)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub(in crate::store) async fn moderators(pool: &SqlitePool) -> Result<Vec<ModeratorEntry>, StoreError> {
    Ok(sqlx::query_as("SELECT site, name, created_ms, revoked_ms FROM moderators ORDER BY site, name")
        .fetch_all(pool)
        .await?)
}

pub(in crate::store) async fn revoke_moderator(
    pool: &SqlitePool,
    site: &str,
    name: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE moderators SET revoked_ms = ?3 WHERE site = ?1 AND name = ?2 AND revoked_ms IS NULL RETURNING id",
    )
    .bind(site)
    .bind(name)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(StoreError::NotFound)?;
    sqlx::query("UPDATE sessions SET revoked_ms = ?2 WHERE moderator_id = ?1 AND revoked_ms IS NULL")
        .bind(id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub(in crate::store) async fn sign_in(
    pool: &SqlitePool,
    token_hash: &str,
    session_hash: &str,
    now_ms: i64,
    expires_ms: i64,
) -> Result<Option<Moderator>, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    // Spending the token and reading its moderator in one statement: a token works once,
    // even when two sign-ins race.
    let found: Option<(i64, String, String)> = sqlx::query_as(
        "UPDATE sign_in_tokens SET used_ms = ?2
         WHERE hash = ?1 AND used_ms IS NULL AND expires_ms > ?2
           AND moderator_id IN (SELECT id FROM moderators WHERE revoked_ms IS NULL)
         RETURNING moderator_id,
             (SELECT name FROM moderators WHERE id = moderator_id),
             (SELECT site FROM moderators WHERE id = moderator_id)",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, name, site)) = found else {
        return Ok(None);
    };
    sqlx::query("INSERT INTO sessions (hash, moderator_id, created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4)")
        .bind(session_hash)
        .bind(id)
        .bind(now_ms)
        .bind(expires_ms)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(Moderator { id, name, site, expires_ms }))
}

pub(in crate::store) async fn session(
    pool: &SqlitePool,
    session_hash: &str,
    now_ms: i64,
) -> Result<Option<Moderator>, StoreError> {
    let found: Option<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT m.id, m.name, m.site, s.expires_ms FROM sessions s JOIN moderators m ON m.id = s.moderator_id
         WHERE s.hash = ?1 AND s.revoked_ms IS NULL AND s.expires_ms > ?2 AND m.revoked_ms IS NULL",
    )
    .bind(session_hash)
    .bind(now_ms)
    .fetch_optional(pool)
    .await?;
    Ok(found.map(|(id, name, site, expires_ms)| Moderator { id, name, site, expires_ms }))
}

pub(in crate::store) async fn end_session(
    pool: &SqlitePool,
    session_hash: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET revoked_ms = ?2 WHERE hash = ?1 AND revoked_ms IS NULL")
        .bind(session_hash)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}
