//! Permalinks (`#comment-<id>`): the page that holds a comment, in any order.

use super::read::{Cursor, Sort};
use super::{sqlite, Store, StoreError};

impl Store {
    /// Where the page holding comment `id` starts in `sort`'s order: just before its
    /// top-level comment, so that the page opens with that comment's whole subtree. `None`
    /// when `id` is not a comment of `thread` of `site` (the caller serves the first page).
    pub async fn page_around(
        &self,
        site: &str,
        thread: &str,
        id: i64,
        sort: Sort,
    ) -> Result<Option<Cursor>, StoreError> {
        let Some(root) = sqlite::permalink::root_of(self.db.reads(), site, thread, id).await? else {
            return Ok(None);
        };
        // A cursor is exclusive: step one id back (forward, newest first) so the root is in.
        Ok(Some(match sort {
            Sort::Oldest => Cursor::oldest(root.created_ms, root.id - 1),
            Sort::Newest => Cursor { sort, neg_score: 0, created_ms: root.created_ms, id: root.id + 1 },
            Sort::Top => Cursor {
                sort,
                neg_score: root.downvotes - root.upvotes,
                created_ms: root.created_ms,
                id: root.id - 1,
            },
        }))
    }
}
