//! SQL of the change feed: the comments of a thread stamped after a sequence number (see
//! the `change_feed` migration), with whether readers may see each.

use sqlx::SqlitePool;

use crate::store::model::StoredComment;
use crate::store::StoreError;

/// A changed comment: its row, its stamp, and whether a held or report-hidden comment
/// above it keeps it from readers.
#[derive(Debug, sqlx::FromRow)]
pub(in crate::store) struct ChangedRow {
    #[sqlx(flatten)]
    pub row: StoredComment,
    pub change_seq: i64,
    pub blocked: bool,
}

/// The highest stamp so far: where a new stream starts.
pub(in crate::store) async fn latest(pool: &SqlitePool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT n FROM change_seq WHERE id = 1").fetch_one(pool).await?)
}

/// Up to `limit` comments of `thread` of `site` stamped after `after`, in stamp order.
pub(in crate::store) async fn since(
    pool: &SqlitePool,
    site: &str,
    thread: &str,
    after: i64,
    limit: u32,
) -> Result<Vec<ChangedRow>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "WITH RECURSIVE changed AS (
             SELECT ",
        crate::comment_columns!(),
        ", change_seq FROM comments
             WHERE site = ?1 AND thread = ?2 AND change_seq > ?3 ORDER BY change_seq LIMIT ?4
         ),
         up (id, ancestor) AS (
             SELECT id, parent_id FROM changed WHERE parent_id IS NOT NULL
             UNION ALL
             SELECT up.id, c.parent_id FROM up JOIN comments c ON c.id = up.ancestor
             WHERE c.parent_id IS NOT NULL
         )
         SELECT changed.*, EXISTS (
             SELECT 1 FROM up JOIN comments a ON a.id = up.ancestor
             WHERE up.id = changed.id AND a.status IN ('pending', 'hidden')
         ) AS blocked
         FROM changed ORDER BY change_seq"
    ))
    .bind(site)
    .bind(thread)
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?)
}
