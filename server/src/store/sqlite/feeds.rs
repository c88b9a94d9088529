//! SQL of the Atom feeds: the newest comments readers can see, of one thread or of a site.

use sqlx::SqlitePool;

use crate::store::model::StoredComment;
use crate::store::StoreError;

/// The newest approved comments of `site` (of `thread` only, when given), newest first, at
/// most `limit`, leaving out replies below a held or report-hidden comment: those wait
/// with it, in feeds as on pages.
///
/// Candidates are the newest `2 × limit` approved comments; a recursive walk up their
/// ancestors drops the blocked ones. A feed thus shows fewer entries, never a hidden one,
/// when many of the newest comments wait below held ones.
pub(in crate::store) async fn newest(
    pool: &SqlitePool,
    site: &str,
    thread: Option<&str>,
    limit: u32,
) -> Result<Vec<StoredComment>, StoreError> {
    let rows = sqlx::query_as(concat!(
        "WITH RECURSIVE recent AS (
             SELECT id, parent_id FROM comments
             WHERE site = ?1 AND (?2 IS NULL OR thread = ?2) AND status = 'approved'
             ORDER BY created_ms DESC, id DESC LIMIT ?3 * 2
         ),
         up (id, ancestor) AS (
             SELECT id, parent_id FROM recent WHERE parent_id IS NOT NULL
             UNION ALL
             SELECT up.id, c.parent_id FROM up JOIN comments c ON c.id = up.ancestor
             WHERE c.parent_id IS NOT NULL
         ),
         blocked AS (
             SELECT up.id FROM up JOIN comments a ON a.id = up.ancestor
             WHERE a.status IN ('pending', 'hidden')
         )
         SELECT ",
        crate::comment_columns!(),
        " FROM comments WHERE id IN (SELECT id FROM recent) AND id NOT IN (SELECT id FROM blocked)
         ORDER BY created_ms DESC, id DESC LIMIT ?3"
    ))
    .bind(site)
    .bind(thread)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    Ok(rows)
}
