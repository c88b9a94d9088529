//! SQL of permalinks (where the page that holds a comment starts) and of one subtree's
//! replies ("N more replies").

use sqlx::SqlitePool;

use crate::store::model::StoredComment;
use crate::store::StoreError;

/// The top-level comment above comment `id` (itself, at the top level), if `id` is a
/// comment of `thread` of `site`.
pub(in crate::store) async fn root_of(
    pool: &SqlitePool,
    site: &str,
    thread: &str,
    id: i64,
) -> Result<Option<StoredComment>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        crate::comment_columns!(),
        " FROM comments WHERE id = (SELECT COALESCE(root_id, id) FROM comments
                                   WHERE id = ?1 AND site = ?2 AND thread = ?3)"
    ))
    .bind(id)
    .bind(site)
    .bind(thread)
    .fetch_optional(pool)
    .await?)
}

/// The top-level comment `root` of `thread` of `site` (none if it is a reply, or elsewhere)
/// and every reply below it, whatever their status.
pub(in crate::store) async fn subtree(
    pool: &SqlitePool,
    site: &str,
    thread: &str,
    root: i64,
) -> Result<Option<(StoredComment, Vec<StoredComment>)>, StoreError> {
    let top: Option<StoredComment> = sqlx::query_as(concat!(
        "SELECT ",
        crate::comment_columns!(),
        " FROM comments WHERE id = ?1 AND site = ?2 AND thread = ?3 AND parent_id IS NULL"
    ))
    .bind(root)
    .bind(site)
    .bind(thread)
    .fetch_optional(pool)
    .await?;
    let Some(top) = top else { return Ok(None) };
    let replies = sqlx::query_as(concat!(
        "SELECT ",
        crate::comment_columns!(),
        " FROM comments WHERE root_id = ?1 AND parent_id IS NOT NULL"
    ))
    .bind(root)
    .fetch_all(pool)
    .await?;
    Ok(Some((top, replies)))
}
