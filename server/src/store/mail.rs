//! The store's side of reply notifications: addresses and their double opt-in, one-click
//! unsubscribe tokens (kept hashed, see [`crate::tokens`]), the moderators' mail settings,
//! who is to hear of a comment, and the outgoing mail queue that [`crate::mail`]'s worker
//! drains. Email addresses arrive here normalised ([`normalize_email`]).

pub use super::mail_records::*;
use super::{sqlite, Store, StoreError};

impl Store {
    /// Registers an opt-in of `email` (normalised) on `site`; see [`OptIn`]. When a
    /// confirmation is due, `confirm_hash` is stored as the one pending link.
    pub async fn mail_opt_in(
        &self,
        site: &str,
        email: &str,
        confirm_hash: &str,
        now_ms: i64,
    ) -> Result<OptIn, StoreError> {
        sqlite::mail::opt_in(self.db.writes(), site, email, confirm_hash, now_ms).await
    }

    /// The address a live confirmation link (by hash) is for, without confirming it.
    pub async fn mail_confirm_pending(
        &self,
        confirm_hash: &str,
        now_ms: i64,
    ) -> Result<Option<String>, StoreError> {
        sqlite::mail::confirm_pending(self.db.reads(), confirm_hash, now_ms).await
    }

    /// Confirms the address of a live confirmation link (by hash), which is then spent;
    /// `None` for an unknown, spent or expired link.
    pub async fn mail_confirm(&self, confirm_hash: &str, now_ms: i64) -> Result<Option<String>, StoreError> {
        sqlite::mail::confirm(self.db.writes(), confirm_hash, now_ms).await
    }

    /// The address an unsubscribe token (by hash) is for.
    pub async fn mail_unsubscribe_target(&self, token_hash: &str) -> Result<Option<String>, StoreError> {
        sqlite::mail::unsubscribe_target(self.db.reads(), token_hash).await
    }

    /// Unsubscribes the address of a token (by hash): no more mail to it from its site, and
    /// its queued mail is dropped. Idempotent; `None` for an unknown token.
    pub async fn mail_unsubscribe(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<String>, StoreError> {
        sqlite::mail::unsubscribe(self.db.writes(), token_hash, now_ms).await
    }

    /// Whom a comment's reply notification goes to, if anyone (see [`ReplyNotice`]).
    pub async fn reply_notice(&self, reply_id: i64) -> Result<Option<ReplyNotice>, StoreError> {
        sqlite::mail::reply_notice(self.db.reads(), reply_id).await
    }

    /// The moderators to tell that a comment is held, if it is.
    pub async fn held_notices(&self, comment_id: i64) -> Result<Vec<HeldNotice>, StoreError> {
        sqlite::mail::held_notices(self.db.reads(), comment_id).await
    }

    /// Sets a moderator's address (normalised) and whether they want held-comment mail.
    pub async fn set_moderator_mail(
        &self,
        moderator_id: i64,
        email: Option<&str>,
        held: bool,
    ) -> Result<(), StoreError> {
        sqlite::mail::set_moderator_mail(self.db.writes(), moderator_id, email, held).await
    }

    /// A moderator's mail settings.
    pub async fn moderator_mail(&self, moderator_id: i64) -> Result<ModeratorMail, StoreError> {
        sqlite::mail::moderator_mail(self.db.reads(), moderator_id).await
    }

    /// Queues `mail` with the unsubscribe token whose hash is `unsubscribe_hash`; `false`
    /// (and nothing stored) when its event queued a mail before.
    pub async fn enqueue_mail(
        &self,
        mail: &NewMail,
        unsubscribe_hash: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        sqlite::mail_queue::enqueue(self.db.writes(), mail, unsubscribe_hash, now_ms).await
    }

    /// Claims the queue's next due row for this worker, if any.
    pub async fn claim_mail(&self, now_ms: i64) -> Result<Option<ClaimedMail>, StoreError> {
        sqlite::mail_queue::claim(self.db.writes(), now_ms).await
    }

    /// Marks a claimed row sent (its body is dropped).
    pub async fn mail_sent(&self, id: i64, now_ms: i64) -> Result<(), StoreError> {
        sqlite::mail_queue::sent(self.db.writes(), id, now_ms).await
    }

    /// Releases a claimed row to be tried again at `next_attempt_ms`.
    pub async fn mail_retry(&self, id: i64, next_attempt_ms: i64, error: &str) -> Result<(), StoreError> {
        sqlite::mail_queue::retry(self.db.writes(), id, next_attempt_ms, error).await
    }

    /// Gives a claimed row up for good.
    pub async fn mail_give_up(&self, id: i64, now_ms: i64, error: &str) -> Result<(), StoreError> {
        sqlite::mail_queue::give_up(self.db.writes(), id, now_ms, error).await
    }

    /// Gives up rows claimed before `claimed_before_ms` that never got an outcome (their
    /// sender died mid-send); returns their ids. See [`crate::mail::worker`] for why they
    /// are not retried.
    pub async fn abandon_mail_claims(
        &self,
        claimed_before_ms: i64,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError> {
        sqlite::mail_queue::abandon_claims(self.db.writes(), claimed_before_ms, now_ms).await
    }

    /// When the earliest waiting row is due, if any waits.
    pub async fn next_mail_due(&self) -> Result<Option<i64>, StoreError> {
        sqlite::mail_queue::next_due(self.db.reads()).await
    }
}
