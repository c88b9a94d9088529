//! The store's side of site administration: sites, author tokens, moderators, sign-in
//! tokens and sessions. Secrets arrive here already hashed (see [`crate::tokens`]).

use super::records::{Moderator, ModeratorEntry, SiteRow};
use super::{sqlite, Store, StoreError};

impl Store {
    /// Stores `site`, replacing every setting of an existing site of that id.
    pub async fn put_site(&self, site: &SiteRow, now_ms: i64) -> Result<(), StoreError> {
        sqlite::admin::put_site(self.db.writes(), site, now_ms).await
    }

    /// Every stored site, by id.
    pub async fn sites(&self) -> Result<Vec<SiteRow>, StoreError> {
        sqlite::admin::sites(self.db.reads()).await
    }

    /// The site an author token (by its hash) was issued for, if it was.
    pub async fn author_token_site(&self, token_hash: &str) -> Result<Option<String>, StoreError> {
        sqlite::admin::author_token_site(self.db.reads(), token_hash).await
    }

    /// Adds the moderator `name` of `site` (or re-enables a revoked one) and stores a
    /// one-time sign-in token (its hash) valid until `expires_ms`.
    pub async fn add_moderator(
        &self,
        site: &str,
        name: &str,
        token_hash: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        sqlite::admin::add_moderator(self.db.writes(), site, name, token_hash, now_ms, expires_ms).await
    }

    /// Every moderator of every site.
    pub async fn moderators(&self) -> Result<Vec<ModeratorEntry>, StoreError> {
        sqlite::admin::moderators(self.db.reads()).await
    }

    /// Revokes the moderator and every session of theirs; [`StoreError::NotFound`] when
    /// there is no such active moderator.
    pub async fn revoke_moderator(&self, site: &str, name: &str, now_ms: i64) -> Result<(), StoreError> {
        sqlite::admin::revoke_moderator(self.db.writes(), site, name, now_ms).await
    }

    /// Spends a one-time sign-in token (by hash) and opens a session (by hash) until
    /// `expires_ms`; `None` when the token is unknown, spent, expired or its moderator
    /// revoked.
    pub async fn sign_in(
        &self,
        token_hash: &str,
        session_hash: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<Option<Moderator>, StoreError> {
        sqlite::admin::sign_in(self.db.writes(), token_hash, session_hash, now_ms, expires_ms).await
    }

    /// The moderator of a live session (by hash), if it is live at `now_ms`.
    pub async fn session(&self, session_hash: &str, now_ms: i64) -> Result<Option<Moderator>, StoreError> {
        sqlite::admin::session(self.db.reads(), session_hash, now_ms).await
    }

    /// Ends a session (sign out).
    pub async fn end_session(&self, session_hash: &str, now_ms: i64) -> Result<(), StoreError> {
        sqlite::admin::end_session(self.db.writes(), session_hash, now_ms).await
    }
}
