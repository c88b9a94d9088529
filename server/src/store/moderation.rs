//! The store's side of moderation: reports, moderator actions on comments, thread locks,
//! bans, the queue and the audit log. Every action writes its audit row in the same
//! transaction, and every change a reader could see invalidates the thread's cached pages.

use threadline_protocol::moderation::{AuditEntry, Ban, BanBy, NewReport, Queue};
use threadline_protocol::Comment;

use super::read::{page_key, Cursor};
use super::records::{CommentAction, Moderator, Reported};
use super::{sqlite, Store, StoreError};

impl Store {
    /// The site and thread of a comment, if it exists.
    pub async fn comment_place(&self, id: i64) -> Result<Option<(String, String)>, StoreError> {
        sqlite::moderation::comment_place(self.db.reads(), id).await
    }

    /// Records a report of an approved comment by `reporter` (an author token hash or an
    /// address hash); at `threshold` open reports the comment is hidden pending review.
    /// [`StoreError::AlreadyReported`] for a second report by the same reader,
    /// [`StoreError::NotFound`] for a comment readers cannot see.
    pub async fn report(
        &self,
        comment_id: i64,
        reporter: &str,
        report: &NewReport,
        threshold: u32,
        now_ms: i64,
    ) -> Result<Reported, StoreError> {
        let (reported, place) =
            sqlite::moderation::report(self.db.writes(), comment_id, reporter, report, threshold, now_ms)
                .await?;
        if reported.hidden {
            self.cache.invalidate(&page_key(&place.0, &place.1));
        }
        Ok(reported)
    }

    /// Applies `action` to a comment of the moderator's site and returns it as moderators
    /// see it; [`StoreError::WrongSite`] when it belongs to another site (nothing changes).
    pub async fn moderate(
        &self,
        moderator: &Moderator,
        comment_id: i64,
        action: &CommentAction,
        now_ms: i64,
    ) -> Result<Comment, StoreError> {
        let comment =
            sqlite::moderation::moderate(self.db.writes(), moderator, comment_id, action, now_ms).await?;
        self.cache.invalidate(&page_key(&moderator.site, &comment.thread));
        Ok(comment)
    }

    /// Locks (or unlocks) a thread of the moderator's site: no new comments.
    pub async fn lock_thread(
        &self,
        moderator: &Moderator,
        thread: &str,
        locked: bool,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        sqlite::moderation::lock_thread(self.db.writes(), moderator, thread, locked, now_ms).await
    }

    /// Bans the author of a comment of the moderator's site by `by`, until `expires_ms`
    /// (`None`: for ever). [`StoreError::NothingToBan`] when the comment has no such hash.
    pub async fn ban(
        &self,
        moderator: &Moderator,
        comment_id: i64,
        by: BanBy,
        expires_ms: Option<i64>,
        reason: Option<&str>,
        now_ms: i64,
    ) -> Result<Ban, StoreError> {
        sqlite::moderation::ban(self.db.writes(), moderator, comment_id, by, expires_ms, reason, now_ms).await
    }

    /// Lifts a ban of the moderator's site.
    pub async fn unban(&self, moderator: &Moderator, ban_id: i64, now_ms: i64) -> Result<(), StoreError> {
        sqlite::moderation::unban(self.db.writes(), moderator, ban_id, now_ms).await
    }

    /// The live bans of `site`, newest first.
    pub async fn bans(&self, site: &str, now_ms: i64) -> Result<Vec<Ban>, StoreError> {
        sqlite::moderation_read::bans(self.db.reads(), site, now_ms).await
    }

    /// Held, hidden and reported comments of `site`, newest first, `limit` at a time.
    pub async fn queue(&self, site: &str, before: Option<Cursor>, limit: u32) -> Result<Queue, StoreError> {
        sqlite::moderation_read::queue(self.db.reads(), site, before, limit).await
    }

    /// The newest `limit` rows of `site`'s audit log.
    pub async fn audit_log(&self, site: &str, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        sqlite::moderation_read::audit_log(self.db.reads(), site, limit).await
    }
}
