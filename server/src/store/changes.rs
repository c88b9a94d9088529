//! The store's side of live updates: what changed in a thread since a stamp, as readers may
//! see it, and the wake-ups that say a thread changed.

use std::sync::Arc;

use threadline_protocol::Comment;

use super::model::status;
use super::{sqlite, Store, StoreError};

/// One change a live stream sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A comment readers see, new or changed (a removed one as its placeholder). Boxed: a
    /// batch holds many `Gone`s beside the comments.
    Comment(Box<Comment>),
    /// A comment readers saw is no more to be shown (hidden by reports, or held again after
    /// an edit, or under such a comment).
    Gone(i64),
}

impl Store {
    /// The newest stamp of the change feed: a new stream sends what changes after it.
    pub async fn latest_change(&self) -> Result<i64, StoreError> {
        sqlite::changes::latest(self.db.reads()).await
    }

    /// Up to `limit` changes of `thread` of `site` after stamp `after`, oldest first, each
    /// with its stamp. Comments held since they were posted are never in it: readers never
    /// saw them.
    pub async fn changes_since(
        &self,
        site: &str,
        thread: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, Change)>, StoreError> {
        let rows = sqlite::changes::since(self.db.reads(), site, thread, after, limit).await?;
        Ok(rows
            .into_iter()
            .filter_map(|changed| {
                let row = changed.row;
                let change = match row.status.as_str() {
                    _ if changed.blocked => Change::Gone(row.id),
                    status::HIDDEN => Change::Gone(row.id),
                    // Held: a comment edited since it was public leaves; a new one was never seen.
                    status::PENDING if row.edited_ms.is_some() => Change::Gone(row.id),
                    status::PENDING => return None,
                    _ => Change::Comment(Box::new(row.into_public())),
                };
                Some((changed.change_seq, change))
            })
            .collect())
    }

    /// Wake-ups by page key ([`super::page_key`]) whenever a thread changes.
    pub fn subscribe_changes(&self) -> tokio::sync::broadcast::Receiver<Arc<str>> {
        self.cache.subscribe()
    }
}
