//! The read queries on SQLite: a page of a thread, comment counts, the replay look-up of an
//! `Idempotency-Key`, and the highest comment id. They run on the pool of reader
//! connections and never write.

use std::collections::BTreeMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row as _, SqliteConnection, SqlitePool};
use threadline_protocol::{Comment, ThreadPage};

use crate::store::model::{IdempotencyClaim, StoredComment};
use crate::store::read::order::thread_order;
use crate::store::read::Cursor;
use crate::store::StoreError;

/// A row of [`thread_page`]'s statement, by the `kind` column: the thread's total, a
/// top-level comment of the page (or the one after it), or a reply below one.
#[derive(Debug)]
enum PageRow {
    Total(i64),
    Top(StoredComment),
    Reply(StoredComment),
}

impl FromRow<'_, SqliteRow> for PageRow {
    fn from_row(row: &SqliteRow) -> Result<Self, sqlx::Error> {
        Ok(match row.try_get::<i64, _>("kind")? {
            0 => Self::Total(row.try_get("total")?),
            1 => Self::Top(StoredComment::from_row(row)?),
            _ => Self::Reply(StoredComment::from_row(row)?),
        })
    }
}

/// One page of `thread`: up to `limit` top-level comments after `after` (oldest first by
/// creation time, then id), each with all of its replies, in thread order.
///
/// One statement, so one snapshot and one round trip to the connection's worker thread:
/// the top-level comments plus one to tell whether a next page exists (kind 1), the replies
/// below the page's roots (kind 2) and the thread's total in a column of its own (kind 0).
pub(in crate::store) async fn thread_page(
    pool: &SqlitePool,
    thread: &str,
    after: Option<Cursor>,
    limit: u32,
) -> Result<ThreadPage, StoreError> {
    let after = after.unwrap_or(Cursor { created_ms: i64::MIN, id: i64::MIN });
    // The comment rows come first, so that the compound statement's columns take their
    // types from real comments; the total row fills them with NULLs, which are never read.
    let rows: Vec<PageRow> = sqlx::query_as(
        "WITH tops AS (
             SELECT id, thread, parent_id, author, website, text, created_ms FROM comments
             WHERE thread = ?1 AND parent_id IS NULL AND (created_ms, id) > (?2, ?3)
             ORDER BY created_ms, id LIMIT ?4 + 1
         )
         SELECT 1 AS kind, NULL AS total, id, thread, parent_id, author, website, text, created_ms
         FROM tops
         UNION ALL
         SELECT 2, NULL, id, thread, parent_id, author, website, text, created_ms FROM comments
         WHERE root_id IN (SELECT id FROM tops ORDER BY created_ms, id LIMIT ?4)
           AND parent_id IS NOT NULL
         UNION ALL
         SELECT 0, (SELECT COUNT(*) FROM comments WHERE thread = ?1),
                NULL, NULL, NULL, NULL, NULL, NULL, NULL",
    )
    .bind(thread)
    .bind(after.created_ms)
    .bind(after.id)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    let mut total = 0;
    let (mut tops, mut replies) = (Vec::new(), Vec::new());
    for row in rows {
        match row {
            PageRow::Total(n) => total = n,
            PageRow::Top(top) => tops.push(top),
            PageRow::Reply(reply) => replies.push(reply),
        }
    }
    // A compound SELECT promises no order: sort the tops here (replies are ordered by
    // `thread_order`).
    tops.sort_by_key(|t| (t.created_ms, t.id));
    let next_cursor = if tops.len() > limit as usize {
        tops.truncate(limit as usize);
        tops.last().map(|t| Cursor { created_ms: t.created_ms, id: t.id }.to_string())
    } else {
        None
    };
    Ok(ThreadPage {
        comments: thread_order(tops, replies).into_iter().map(Comment::from).collect(),
        next_cursor,
        total: total.max(0) as u64,
    })
}

/// Number of comments in `thread`, replies included.
pub(in crate::store) async fn count(pool: &SqlitePool, thread: &str) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE thread = ?1")
        .bind(thread)
        .fetch_one(pool)
        .await?;
    Ok(n.max(0) as u64)
}

/// Comment counts of several threads in one query; every requested key is in the answer
/// (0 for unknown threads). Keys are looked up trimmed, as they are stored.
pub(in crate::store) async fn counts(
    pool: &SqlitePool,
    threads: &[String],
) -> Result<BTreeMap<String, u64>, StoreError> {
    let keys: Vec<&str> = threads.iter().map(|t| t.trim()).collect();
    let json = serde_json::to_string(&keys).expect("a list of strings always serializes");
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT thread, COUNT(*) FROM comments
         WHERE thread IN (SELECT value FROM json_each(?1)) GROUP BY thread",
    )
    .bind(json)
    .fetch_all(pool)
    .await?;
    let found: BTreeMap<String, u64> = rows.into_iter().map(|(t, n)| (t, n.max(0) as u64)).collect();
    Ok(threads.iter().map(|t| (t.clone(), found.get(t.trim()).copied().unwrap_or(0))).collect())
}

/// The comment stored under `claim`'s key, if the key is known and not expired at
/// `now_ms`; [`StoreError::IdempotencyKeyReused`] if it was stored with another body.
pub(in crate::store) async fn find_replay(
    conn: &mut SqliteConnection,
    claim: &IdempotencyClaim,
    now_ms: i64,
) -> Result<Option<Comment>, StoreError> {
    let found: Option<(String, i64)> = sqlx::query_as(
        "SELECT request_hash, comment_id FROM idempotency_keys WHERE key = ?1 AND expires_ms > ?2",
    )
    .bind(&claim.key)
    .bind(now_ms)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((request_hash, comment_id)) = found else {
        return Ok(None);
    };
    if request_hash != claim.request_hash {
        return Err(StoreError::IdempotencyKeyReused);
    }
    let row: Option<StoredComment> = sqlx::query_as(
        "SELECT id, thread, parent_id, author, website, text, created_ms FROM comments WHERE id = ?1",
    )
    .bind(comment_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Comment::from))
}

/// The highest comment id so far (0 for an empty database).
pub(in crate::store) async fn max_id(pool: &SqlitePool) -> Result<i64, StoreError> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM comments").fetch_one(pool).await?;
    Ok(max.unwrap_or(0))
}
