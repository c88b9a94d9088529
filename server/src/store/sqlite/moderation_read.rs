//! The read side of moderation in SQL: live bans, the queue and the audit log, on the
//! reader pool.

use std::collections::HashMap;

use sqlx::SqlitePool;
use threadline_protocol::moderation::{AuditEntry, Ban, BanBy, Queue, QueueItem, ReportReason, ReportView};

use crate::clock;
use crate::store::model::StoredComment;
use crate::store::read::Cursor;
use crate::store::StoreError;

/// A row of `bans`: id, kind, expiry, reason, comment, creation.
type BanRow = (i64, String, Option<i64>, Option<String>, Option<i64>, i64);

/// A row of the audit log with its moderator's name.
type AuditRow = (Option<String>, String, Option<i64>, Option<String>, Option<String>, Option<String>, i64);

fn by_from_word(word: &str) -> BanBy {
    match word {
        "email" => BanBy::Email,
        "address" => BanBy::Address,
        _ => BanBy::Author,
    }
}

pub(in crate::store) async fn bans(
    pool: &SqlitePool,
    site: &str,
    now_ms: i64,
) -> Result<Vec<Ban>, StoreError> {
    let rows: Vec<BanRow> = sqlx::query_as(
        "SELECT id, kind, expires_ms, reason, comment_id, created_ms FROM bans
         WHERE site = ?1 AND lifted_ms IS NULL AND (expires_ms IS NULL OR expires_ms > ?2) ORDER BY id DESC",
    )
    .bind(site)
    .bind(now_ms)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, expires, reason, comment_id, created)| Ban {
            id,
            by: by_from_word(&kind),
            expires_at: expires.map(clock::rfc3339),
            reason,
            comment_id,
            created_at: clock::rfc3339(created),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    #[sqlx(flatten)]
    row: StoredComment,
    moderation_reason: Option<String>,
}

pub(in crate::store) async fn queue(
    pool: &SqlitePool,
    site: &str,
    before: Option<Cursor>,
    limit: u32,
) -> Result<Queue, StoreError> {
    let before = before.unwrap_or(Cursor::oldest(i64::MAX, i64::MAX));
    let mut rows: Vec<QueueRow> = sqlx::query_as(concat!(
        "SELECT ",
        crate::comment_columns!(),
        ", moderation_reason FROM comments
         WHERE site = ?1 AND (created_ms, id) < (?2, ?3)
           AND (status IN ('pending', 'hidden')
                OR (status = 'approved' AND id IN (SELECT comment_id FROM reports WHERE reviewed_ms IS NULL)))
         ORDER BY created_ms DESC, id DESC LIMIT ?4 + 1"
    ))
    .bind(site)
    .bind(before.created_ms)
    .bind(before.id)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|r| Cursor::oldest(r.row.created_ms, r.row.id).to_string())
    } else {
        None
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.row.id).collect();
    let json = serde_json::to_string(&ids).expect("ids always serialize");
    let reports: Vec<(i64, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT comment_id, reason, note, created_ms FROM reports
         WHERE comment_id IN (SELECT value FROM json_each(?1)) AND reviewed_ms IS NULL ORDER BY created_ms DESC",
    )
    .bind(json)
    .fetch_all(pool)
    .await?;
    let mut by_comment: HashMap<i64, Vec<ReportView>> = HashMap::new();
    for (id, reason, note, created) in reports {
        let reason = serde_json::from_value(reason.into()).unwrap_or(ReportReason::Other);
        by_comment.entry(id).or_default().push(ReportView {
            reason,
            note,
            created_at: clock::rfc3339(created),
        });
    }
    let items = rows
        .into_iter()
        .map(|r| {
            let reports = by_comment.remove(&r.row.id).unwrap_or_default();
            let reason = r.moderation_reason.or_else(|| (!reports.is_empty()).then(|| "reported".into()));
            QueueItem { thread: r.row.thread.clone(), comment: r.row.into(), reason, reports }
        })
        .collect();
    Ok(Queue { items, next_cursor })
}

pub(in crate::store) async fn audit_log(
    pool: &SqlitePool,
    site: &str,
    limit: u32,
) -> Result<Vec<AuditEntry>, StoreError> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT m.name, a.action, a.comment_id, a.thread, a.reason, a.before, a.created_ms
             FROM audit_log a LEFT JOIN moderators m ON m.id = a.moderator_id
             WHERE a.site = ?1 ORDER BY a.id DESC LIMIT ?2",
    )
    .bind(site)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, action, comment_id, thread, reason, before, created)| AuditEntry {
            // Hides by reports have no moderator.
            moderator: name.unwrap_or_else(|| {
                if action.starts_with("author_") { "its author" } else { "readers' reports" }.into()
            }),
            action,
            comment_id,
            thread,
            reason,
            before,
            created_at: clock::rfc3339(created),
        })
        .collect())
}
