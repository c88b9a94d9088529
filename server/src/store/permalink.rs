//! Permalinks (`#comment-<id>`): the page that holds a comment, in any order; and the
//! replies of one subtree that a page left out ("N more replies").

use threadline_protocol::limits::REPLY_BATCH;
use threadline_protocol::{MoreReplies, RepliesPage};

use super::model::StoredComment;
use super::read::cap::take_batch;
use super::read::visibility::public_only;
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

    /// The next [`REPLY_BATCH`] replies readers can see below the top-level comment `root`
    /// of `thread` of `site`, after `after` (from the first when `None`), oldest first, and
    /// what is left. `None` when `root` is not a top-level comment readers can see there.
    pub async fn replies_page(
        &self,
        site: &str,
        thread: &str,
        root: i64,
        after: Option<Cursor>,
    ) -> Result<Option<RepliesPage>, StoreError> {
        let Some((top, replies)) = sqlite::permalink::subtree(self.db.reads(), site, thread, root).await?
        else {
            return Ok(None);
        };
        let (tops, mut replies) = public_only(vec![top], replies);
        if tops.is_empty() {
            return Ok(None);
        }
        let (batch, cut) = take_batch(&mut replies, after, REPLY_BATCH);
        Ok(Some(RepliesPage {
            comments: batch.into_iter().map(StoredComment::into_public).collect(),
            more: cut.map(|cut| MoreReplies { count: cut.count, cursor: cut.after.to_string() }),
        }))
    }
}
