//! The store's side of the Atom feeds.

use threadline_protocol::Comment;

use super::{sqlite, Store, StoreError};

impl Store {
    /// The newest comments readers can see, newest first: of `thread` when given, else of
    /// the whole `site`; at most `limit`.
    pub async fn newest_comments(
        &self,
        site: &str,
        thread: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlite::feeds::newest(self.db.reads(), site, thread, limit).await?;
        Ok(rows.into_iter().map(|row| row.into_public()).collect())
    }
}
