//! Queries on the `comments` table, and the mapping of its rows to protocol types.

use std::collections::BTreeMap;

use threadline_protocol::validate::non_blank;
use threadline_protocol::{Comment, NewComment, ThreadPage};

use super::page::{thread_order, Cursor};
use super::{Store, StoreError};
use crate::clock;

/// One row of `comments`, minus the email, which never leaves the database.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct CommentRow {
    pub id: i64,
    pub thread: String,
    pub parent_id: Option<i64>,
    pub author: String,
    pub website: Option<String>,
    pub text: String,
    pub created_ms: i64,
}

impl From<CommentRow> for Comment {
    fn from(row: CommentRow) -> Self {
        Comment {
            id: row.id,
            thread: row.thread,
            parent: row.parent_id,
            author: row.author,
            website: row.website,
            text: row.text,
            created_at: clock::rfc3339(row.created_ms),
        }
    }
}

impl Store {
    /// Stores an already validated comment created at `created_ms` and returns it as the API
    /// shows it. The thread key and author are trimmed, the text loses trailing whitespace
    /// only, and a blank email or website is stored as NULL.
    ///
    /// Fails with [`StoreError::UnknownParent`] when `parent` is not a comment of the same
    /// thread; the check and the insert are one statement, so they cannot race.
    pub async fn insert_comment(&self, new: &NewComment, created_ms: i64) -> Result<Comment, StoreError> {
        let row = CommentRow {
            id: 0,
            thread: new.thread.trim().to_owned(),
            parent_id: new.parent,
            author: new.author.trim().to_owned(),
            website: non_blank(&new.website).map(str::to_owned),
            text: new.text.trim_end().to_owned(),
            created_ms,
        };
        let email = non_blank(&new.email);
        let id: Option<i64> = match row.parent_id {
            None => Some(
                sqlx::query_scalar(
                    "INSERT INTO comments (thread, parent_id, root_id, author, email, website, text, created_ms)
                     VALUES (?1, NULL, NULL, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                )
                .bind(&row.thread)
                .bind(&row.author)
                .bind(email)
                .bind(&row.website)
                .bind(&row.text)
                .bind(created_ms)
                .fetch_one(&self.pool)
                .await?,
            ),
            Some(parent) => {
                sqlx::query_scalar(
                    "INSERT INTO comments (thread, parent_id, root_id, author, email, website, text, created_ms)
                     SELECT ?1, p.id, COALESCE(p.root_id, p.id), ?2, ?3, ?4, ?5, ?6
                     FROM comments p WHERE p.id = ?7 AND p.thread = ?1
                     RETURNING id",
                )
                .bind(&row.thread)
                .bind(&row.author)
                .bind(email)
                .bind(&row.website)
                .bind(&row.text)
                .bind(created_ms)
                .bind(parent)
                .fetch_optional(&self.pool)
                .await?
            }
        };
        let id = id.ok_or(StoreError::UnknownParent)?;
        Ok(CommentRow { id, ..row }.into())
    }

    /// One page of `thread`: up to `limit` top-level comments after `after` (oldest first by
    /// creation time, then id), each with all of its replies, in thread order.
    pub async fn thread_page(
        &self,
        thread: &str,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<ThreadPage, StoreError> {
        let after = after.unwrap_or(Cursor { created_ms: i64::MIN, id: i64::MIN });
        // One read transaction, so that the page and the total come from the same snapshot.
        let mut tx = self.pool.begin().await?;
        let mut tops: Vec<CommentRow> = sqlx::query_as(
            "SELECT id, thread, parent_id, author, website, text, created_ms FROM comments
             WHERE thread = ?1 AND parent_id IS NULL AND (created_ms, id) > (?2, ?3)
             ORDER BY created_ms, id LIMIT ?4",
        )
        .bind(thread)
        .bind(after.created_ms)
        .bind(after.id)
        .bind(i64::from(limit) + 1)
        .fetch_all(&mut *tx)
        .await?;
        let next_cursor = if tops.len() > limit as usize {
            tops.truncate(limit as usize);
            tops.last().map(|t| Cursor { created_ms: t.created_ms, id: t.id }.to_string())
        } else {
            None
        };
        let replies: Vec<CommentRow> = if tops.is_empty() {
            Vec::new()
        } else {
            let roots = serde_json::to_string(&tops.iter().map(|t| t.id).collect::<Vec<_>>())
                .expect("a list of integers always serializes");
            sqlx::query_as(
                "SELECT id, thread, parent_id, author, website, text, created_ms FROM comments
                 WHERE root_id IN (SELECT value FROM json_each(?1)) AND parent_id IS NOT NULL",
            )
            .bind(roots)
            .fetch_all(&mut *tx)
            .await?
        };
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE thread = ?1")
            .bind(thread)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(ThreadPage {
            comments: thread_order(tops, replies).into_iter().map(Comment::from).collect(),
            next_cursor,
            total: total.max(0) as u64,
        })
    }

    /// Number of comments in `thread`, replies included.
    pub async fn count(&self, thread: &str) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE thread = ?1")
            .bind(thread)
            .fetch_one(&self.pool)
            .await?;
        Ok(n.max(0) as u64)
    }

    /// Comment counts of several threads in one query; every requested key is in the answer
    /// (0 for unknown threads). Keys are looked up trimmed, as they are stored.
    pub async fn counts(&self, threads: &[String]) -> Result<BTreeMap<String, u64>, StoreError> {
        let keys: Vec<&str> = threads.iter().map(|t| t.trim()).collect();
        let json = serde_json::to_string(&keys).expect("a list of strings always serializes");
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT thread, COUNT(*) FROM comments
             WHERE thread IN (SELECT value FROM json_each(?1)) GROUP BY thread",
        )
        .bind(json)
        .fetch_all(&self.pool)
        .await?;
        let found: BTreeMap<String, u64> = rows.into_iter().map(|(t, n)| (t, n.max(0) as u64)).collect();
        Ok(threads.iter().map(|t| (t.clone(), found.get(t.trim()).copied().unwrap_or(0))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(thread: &str, parent: Option<i64>, text: &str) -> NewComment {
        NewComment {
            thread: thread.into(),
            parent,
            author: " Ann ".into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn replies_share_their_root_and_stay_in_thread() {
        let store = Store::open_in_memory().await.unwrap();
        let top = store.insert_comment(&new("/a", None, "top  \n"), 1).await.unwrap();
        assert_eq!((top.author.as_str(), top.text.as_str()), ("Ann", "top"));
        let reply = store.insert_comment(&new("/a", Some(top.id), "re"), 2).await.unwrap();
        let deeper = store.insert_comment(&new("/a", Some(reply.id), "re re"), 3).await.unwrap();
        assert!(matches!(
            store.insert_comment(&new("/b", Some(top.id), "x"), 4).await,
            Err(StoreError::UnknownParent)
        ));
        assert!(matches!(
            store.insert_comment(&new("/a", Some(999), "x"), 4).await,
            Err(StoreError::UnknownParent)
        ));
        let roots: Vec<(i64, i64)> = sqlx::query_as("SELECT id, root_id FROM comments ORDER BY id")
            .fetch_all(&store.pool)
            .await
            .unwrap();
        assert_eq!(roots, [(top.id, top.id), (reply.id, top.id), (deeper.id, top.id)]);
        let page = store.thread_page("/a", None, 10).await.unwrap();
        assert_eq!(page.total, 3);
        assert_eq!(page.comments.iter().map(|c| c.id).collect::<Vec<_>>(), [top.id, reply.id, deeper.id]);
        let counts = store.counts(&["/a".into(), "/zzz".into()]).await.unwrap();
        assert_eq!((counts["/a"], counts["/zzz"]), (3, 0));
    }
}
