//! The store's side of an author's own changes: edit and delete within the edit window.

use threadline_protocol::Comment;

use super::read::page_key;
use super::records::AuthorChange;
use super::{sqlite, Store, StoreError};

impl Store {
    /// Applies an author's `change` to comment `id` of `site`, authorised by the hash of the
    /// comment's author token and allowed within `window_ms` of its creation; returns the
    /// comment as its author sees it, and invalidates the thread's cached pages. An edit is
    /// refused, like a post, in a locked thread and to a banned author (by token, email or
    /// `ip_hash`, the address of this request).
    #[allow(clippy::too_many_arguments)]
    pub async fn author_change(
        &self,
        site: &str,
        id: i64,
        token_hash: &str,
        ip_hash: Option<&str>,
        change: &AuthorChange,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<Comment, StoreError> {
        let row = sqlite::author::change(
            self.db.writes(),
            site,
            id,
            token_hash,
            ip_hash,
            change,
            window_ms,
            now_ms,
        )
        .await?;
        self.cache.invalidate(&page_key(site, &row.thread));
        Ok(row.into())
    }
}
