//! SQL of votes: one row per reader and comment, and the counts kept on the comment.

use sqlx::{Connection, SqlitePool};

use crate::store::StoreError;

/// Sets `voter`'s vote on comment `id` of `site` to `value` (`1`, `-1`, or `0` to take it
/// back) and returns the comment's counts `(upvotes, downvotes)` with the thread key. Only
/// approved comments take votes ([`StoreError::NotFound`] otherwise).
pub(in crate::store) async fn vote(
    pool: &SqlitePool,
    site: &str,
    id: i64,
    voter: &str,
    value: i8,
    now_ms: i64,
) -> Result<(i64, i64, String), StoreError> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let thread: Option<String> =
        sqlx::query_scalar("SELECT thread FROM comments WHERE id = ?1 AND site = ?2 AND status = 'approved'")
            .bind(id)
            .bind(site)
            .fetch_optional(&mut *tx)
            .await?;
    let thread = thread.ok_or(StoreError::NotFound)?;
    if value == 0 {
        sqlx::query("DELETE FROM votes WHERE comment_id = ?1 AND voter = ?2")
            .bind(id)
            .bind(voter)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO votes (comment_id, voter, value, created_ms) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (comment_id, voter) DO UPDATE SET value = excluded.value",
        )
        .bind(id)
        .bind(voter)
        .bind(value)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    }
    // Counted again from the rows rather than incremented: a retried or repeated vote can
    // never count twice.
    let (up, down): (i64, i64) = sqlx::query_as(
        "UPDATE comments SET
             upvotes = (SELECT COUNT(*) FROM votes WHERE comment_id = ?1 AND value = 1),
             downvotes = (SELECT COUNT(*) FROM votes WHERE comment_id = ?1 AND value = -1)
         WHERE id = ?1 RETURNING upvotes, downvotes",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((up, down, thread))
}
