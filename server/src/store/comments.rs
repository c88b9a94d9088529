//! Queries on the `comments` table, and the mapping of its rows to protocol types.

use std::collections::BTreeMap;
use std::sync::Arc;

use threadline_protocol::{Comment, NewComment, ThreadPage};

use super::cache::CachedPage;
use super::page::{thread_order, Cursor};
use super::{PostMeta, Posted, Store, StoreError};
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

/// A row of [`Store::thread_page`]'s statement: `kind` says which part of the page it is.
#[derive(Debug, sqlx::FromRow)]
struct PageRow {
    kind: i64,
    #[sqlx(flatten)]
    row: CommentRow,
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
    /// Stores an already validated comment created at `created_ms`, with no abuse checks
    /// (the demo seed, unit tests); see [`Store::post_comment`] for the rules.
    pub async fn insert_comment(&self, new: &NewComment, created_ms: i64) -> Result<Comment, StoreError> {
        match self.post_comment(new, created_ms, &PostMeta::default()).await? {
            Posted::Created(comment) | Posted::Replayed(comment) => Ok(comment),
        }
    }

    /// The id the next stored comment will probably get (for the honeypot's make-believe
    /// answer; nothing relies on it being exact).
    pub async fn likely_next_id(&self) -> Result<i64, StoreError> {
        let max: Option<i64> =
            sqlx::query_scalar("SELECT MAX(id) FROM comments").fetch_one(&self.pool).await?;
        Ok(max.unwrap_or(0).saturating_add(1))
    }

    /// One page of `thread`: up to `limit` top-level comments after `after` (oldest first by
    /// creation time, then id), each with all of its replies, in thread order.
    ///
    /// One statement, so one snapshot and one round trip to the connection's worker thread:
    /// the thread's total (kind 0), the top-level comments plus one to tell whether a next
    /// page exists (kind 1) and the replies below the page's roots (kind 2).
    pub async fn thread_page(
        &self,
        thread: &str,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<ThreadPage, StoreError> {
        let after = after.unwrap_or(Cursor { created_ms: i64::MIN, id: i64::MIN });
        let rows: Vec<PageRow> = sqlx::query_as(
            "WITH tops AS (
                 SELECT id, thread, parent_id, author, website, text, created_ms FROM comments
                 WHERE thread = ?1 AND parent_id IS NULL AND (created_ms, id) > (?2, ?3)
                 ORDER BY created_ms, id LIMIT ?4 + 1
             )
             SELECT 0 AS kind, (SELECT COUNT(*) FROM comments WHERE thread = ?1) AS id, ?1 AS thread,
                    NULL AS parent_id, '' AS author, NULL AS website, '' AS text, 0 AS created_ms
             UNION ALL
             SELECT 1, id, thread, parent_id, author, website, text, created_ms FROM tops
             UNION ALL
             SELECT 2, id, thread, parent_id, author, website, text, created_ms FROM comments
             WHERE root_id IN (SELECT id FROM tops ORDER BY created_ms, id LIMIT ?4)
               AND parent_id IS NOT NULL",
        )
        .bind(thread)
        .bind(after.created_ms)
        .bind(after.id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut total = 0;
        let (mut tops, mut replies) = (Vec::new(), Vec::new());
        for PageRow { kind, row } in rows {
            match kind {
                0 => total = row.id,
                1 => tops.push(row),
                _ => replies.push(row),
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

    /// One page of `thread` serialized as JSON, from the page cache when the thread has not
    /// changed since the page was built (see [`super::cache`] for why this is never stale).
    pub async fn thread_page_json(
        &self,
        thread: &str,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Arc<CachedPage>, StoreError> {
        // Read the version first: a write that commits after this point bumps it, so a page
        // built from an older snapshot is tagged with a version that is already stale.
        let version = self.cache.version(thread);
        if let Some(page) = self.cache.get(thread, after, limit, version) {
            return Ok(page);
        }
        let page = self.thread_page(thread, after, limit).await?;
        let body = serde_json::to_vec(&page).expect("a thread page always serializes");
        let page = Arc::new(CachedPage::new(body, version));
        self.cache.insert(thread, after, limit, Arc::clone(&page));
        Ok(page)
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
