//! The store's side of votes.

use threadline_protocol::VoteCount;

use super::read::page_key;
use super::{sqlite, Store, StoreError};

impl Store {
    /// Sets `voter`'s vote on an approved comment of `site` (`1`, `-1`, `0` to take it back)
    /// and returns the counts; the thread's cached pages are dropped, since they show them.
    pub async fn vote(
        &self,
        site: &str,
        id: i64,
        voter: &str,
        value: i8,
        now_ms: i64,
    ) -> Result<VoteCount, StoreError> {
        let (up, down, thread) =
            sqlite::votes::vote(self.db.writes(), site, id, voter, value, now_ms).await?;
        self.cache.invalidate(&page_key(site, &thread));
        Ok(VoteCount {
            upvotes: u32::try_from(up).unwrap_or(0),
            downvotes: u32::try_from(down).unwrap_or(0),
            mine: value,
        })
    }
}
