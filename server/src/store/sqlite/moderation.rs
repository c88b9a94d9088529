//! SQL of moderation: reports, actions on comments, locks, bans, the queue and the audit
//! log. Each write is one transaction on the write connection, with its audit row.

use sqlx::{Connection as _, SqliteConnection, SqlitePool};
use threadline_protocol::moderation::{Ban, BanBy, NewReport, ReportReason};
use threadline_protocol::Comment;

use crate::clock;
use crate::store::model::{status, StoredComment};
use crate::store::records::{CommentAction, Moderator, Reported};
use crate::store::StoreError;

pub(in crate::store) async fn comment_place(
    pool: &SqlitePool,
    id: i64,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(sqlx::query_as("SELECT site, thread FROM comments WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await?)
}

/// One row of the audit log, before it is written.
pub(super) struct Audit<'a> {
    pub(super) site: &'a str,
    /// `None` for what readers' reports or authors did.
    pub(super) moderator: Option<i64>,
    pub(super) action: &'a str,
    pub(super) comment_id: Option<i64>,
    pub(super) thread: Option<&'a str>,
    pub(super) reason: Option<&'a str>,
    pub(super) before: Option<&'a str>,
}

impl Audit<'_> {
    pub(super) async fn write(&self, conn: &mut SqliteConnection, now_ms: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (site, moderator_id, action, comment_id, thread, reason, before, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(self.site)
        .bind(self.moderator)
        .bind(self.action)
        .bind(self.comment_id)
        .bind(self.thread)
        .bind(self.reason)
        .bind(self.before)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

fn reason_word(reason: ReportReason) -> &'static str {
    match reason {
        ReportReason::Spam => "spam",
        ReportReason::Abuse => "abuse",
        ReportReason::OffTopic => "off_topic",
        ReportReason::Other => "other",
    }
}

pub(in crate::store) async fn report(
    pool: &SqlitePool,
    comment_id: i64,
    reporter: &str,
    report: &NewReport,
    threshold: u32,
    now_ms: i64,
) -> Result<(Reported, (String, String)), StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let found: Option<(String, String, String)> =
        sqlx::query_as("SELECT site, thread, status FROM comments WHERE id = ?1")
            .bind(comment_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((site, thread, current)) = found.filter(|(_, _, s)| s == status::APPROVED) else {
        return Err(StoreError::NotFound);
    };
    let inserted = sqlx::query(
        "INSERT INTO reports (comment_id, reporter, reason, note, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (comment_id, reporter) DO NOTHING",
    )
    .bind(comment_id)
    .bind(reporter)
    .bind(reason_word(report.reason))
    .bind(&report.note)
    .bind(now_ms)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(StoreError::AlreadyReported);
    }
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE comment_id = ?1 AND reviewed_ms IS NULL")
            .bind(comment_id)
            .fetch_one(&mut *tx)
            .await?;
    let hidden = current == status::APPROVED && open >= i64::from(threshold);
    if hidden {
        let why = format!("hidden after {open} reports");
        sqlx::query("UPDATE comments SET status = 'hidden', moderation_reason = ?2 WHERE id = ?1")
            .bind(comment_id)
            .bind(&why)
            .execute(&mut *tx)
            .await?;
        Audit {
            site: &site,
            moderator: None,
            action: "hide",
            comment_id: Some(comment_id),
            thread: Some(&thread),
            reason: Some(&why),
            before: None,
        }
        .write(&mut tx, now_ms)
        .await?;
    }
    tx.commit().await?;
    let reports = u32::try_from(open).unwrap_or(u32::MAX);
    Ok((Reported { reports, hidden }, (site, thread)))
}

/// The comment `id` with its moderation reason; [`StoreError::NotFound`] or
/// [`StoreError::WrongSite`] unless it is a comment of `site`.
async fn comment_of_site(
    conn: &mut SqliteConnection,
    id: i64,
    site: &str,
) -> Result<StoredComment, StoreError> {
    let row: Option<StoredComment> =
        sqlx::query_as(concat!("SELECT ", crate::comment_columns!(), " FROM comments WHERE id = ?1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        None => Err(StoreError::NotFound),
        Some(row) if row.site != site => Err(StoreError::WrongSite),
        Some(row) => Ok(row),
    }
}

pub(in crate::store) async fn moderate(
    pool: &SqlitePool,
    moderator: &Moderator,
    id: i64,
    action: &CommentAction,
    now_ms: i64,
) -> Result<Comment, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let before = comment_of_site(&mut tx, id, &moderator.site).await?;
    let (reason, old_text) = match action {
        CommentAction::Approve => {
            sqlx::query("UPDATE comments SET status = 'approved', moderation_reason = NULL WHERE id = ?1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            (None, None)
        }
        CommentAction::Reject(reason) | CommentAction::Delete(reason) => {
            let word =
                if matches!(action, CommentAction::Reject(_)) { status::REJECTED } else { status::DELETED };
            sqlx::query("UPDATE comments SET status = ?2, moderation_reason = ?3 WHERE id = ?1")
                .bind(id)
                .bind(word)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
            (reason.as_deref(), None)
        }
        CommentAction::Edit { text, note } => {
            sqlx::query("UPDATE comments SET text = ?2, edited_ms = ?3 WHERE id = ?1")
                .bind(id)
                .bind(text)
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
            (note.as_deref(), Some(before.text.as_str()))
        }
        CommentAction::Pin(on) => {
            sqlx::query("UPDATE comments SET pinned = ?2 WHERE id = ?1")
                .bind(id)
                .bind(on)
                .execute(&mut *tx)
                .await?;
            (None, None)
        }
    };
    if matches!(action, CommentAction::Approve | CommentAction::Reject(_) | CommentAction::Delete(_)) {
        // A decision reviews the reports made so far; later ones count afresh.
        sqlx::query("UPDATE reports SET reviewed_ms = ?2 WHERE comment_id = ?1 AND reviewed_ms IS NULL")
            .bind(id)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
    }
    let site = &moderator.site;
    Audit {
        site,
        moderator: Some(moderator.id),
        action: action.name(),
        comment_id: Some(id),
        thread: Some(&before.thread),
        reason,
        before: old_text,
    }
    .write(&mut tx, now_ms)
    .await?;
    let after = comment_of_site(&mut tx, id, site).await?;
    tx.commit().await?;
    Ok(after.into())
}

pub(in crate::store) async fn lock_thread(
    pool: &SqlitePool,
    moderator: &Moderator,
    thread: &str,
    locked: bool,
    now_ms: i64,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let sql = if locked {
        "INSERT INTO locked_threads (site, thread, locked_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM locked_threads WHERE site = ?1 AND thread = ?2 AND ?3 IS NOT NULL"
    };
    sqlx::query(sql).bind(&moderator.site).bind(thread).bind(now_ms).execute(&mut *tx).await?;
    let action = if locked { "lock" } else { "unlock" };
    Audit {
        site: &moderator.site,
        moderator: Some(moderator.id),
        action,
        comment_id: None,
        thread: Some(thread),
        reason: None,
        before: None,
    }
    .write(&mut tx, now_ms)
    .await?;
    tx.commit().await?;
    Ok(())
}

fn by_word(by: BanBy) -> &'static str {
    match by {
        BanBy::Email => "email",
        BanBy::Address => "address",
        BanBy::Author => "author",
    }
}

pub(in crate::store) async fn ban(
    pool: &SqlitePool,
    moderator: &Moderator,
    comment_id: i64,
    by: BanBy,
    expires_ms: Option<i64>,
    reason: Option<&str>,
    now_ms: i64,
) -> Result<Ban, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let target = comment_of_site(&mut tx, comment_id, &moderator.site).await?;
    let sql = match by {
        BanBy::Email => "SELECT email_hash FROM comments WHERE id = ?1",
        BanBy::Address => "SELECT ip_hash FROM comments WHERE id = ?1",
        BanBy::Author => "SELECT author_token_hash FROM comments WHERE id = ?1",
    };
    let hash: Option<String> = sqlx::query_scalar(sql).bind(comment_id).fetch_one(&mut *tx).await?;
    let hash = hash.ok_or(StoreError::NothingToBan)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO bans (site, kind, hash, comment_id, reason, created_ms, expires_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(&moderator.site)
    .bind(by_word(by))
    .bind(&hash)
    .bind(comment_id)
    .bind(reason)
    .bind(now_ms)
    .bind(expires_ms)
    .fetch_one(&mut *tx)
    .await?;
    let site = &moderator.site;
    Audit {
        site,
        moderator: Some(moderator.id),
        action: "ban",
        comment_id: Some(comment_id),
        thread: Some(&target.thread),
        reason,
        before: None,
    }
    .write(&mut tx, now_ms)
    .await?;
    tx.commit().await?;
    Ok(Ban {
        id,
        by,
        expires_at: expires_ms.map(clock::rfc3339),
        reason: reason.map(Into::into),
        comment_id: Some(comment_id),
        created_at: clock::rfc3339(now_ms),
    })
}

pub(in crate::store) async fn unban(
    pool: &SqlitePool,
    moderator: &Moderator,
    ban_id: i64,
    now_ms: i64,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let site: Option<String> =
        sqlx::query_scalar("SELECT site FROM bans WHERE id = ?1 AND lifted_ms IS NULL")
            .bind(ban_id)
            .fetch_optional(&mut *tx)
            .await?;
    match site {
        None => return Err(StoreError::NotFound),
        Some(s) if s != moderator.site => return Err(StoreError::WrongSite),
        Some(_) => {}
    }
    sqlx::query("UPDATE bans SET lifted_ms = ?2 WHERE id = ?1")
        .bind(ban_id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    let reason = format!("ban {ban_id}");
    Audit {
        site: &moderator.site,
        moderator: Some(moderator.id),
        action: "unban",
        comment_id: None,
        thread: None,
        reason: Some(&reason),
        before: None,
    }
    .write(&mut tx, now_ms)
    .await?;
    tx.commit().await?;
    Ok(())
}
