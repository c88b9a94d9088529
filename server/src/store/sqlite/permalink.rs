//! SQL of permalinks: where the page that holds a comment starts.

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
