//! Storing a new comment together with the abuse checks that need the database:
//! `Idempotency-Key` replays, spent proof-of-work challenges and duplicate detection. The
//! types and the read-only replay look-up are here; the write transaction is in
//! [`super::batch`], run by the single writer task ([`super::writer`]).
//!
//! The transaction starts with `BEGIN IMMEDIATE` on the single writer connection, so checks
//! and inserts cannot interleave with another post, even from another process. Idempotency
//! keys and spent challenges are primary keys all the same.

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use threadline_protocol::{Comment, NewComment};

use super::batch::PostJob;
use super::comments::CommentRow;
use super::{Store, StoreError};

/// An `Idempotency-Key` to honour: replay the comment stored under it, or record it with
/// the new comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyClaim {
    /// The key as the client sent it.
    pub key: String,
    /// Hash of the request's comment fields; the same key with another hash is refused.
    pub request_hash: String,
    /// When the key may be forgotten, in epoch milliseconds.
    pub expires_ms: i64,
}

/// A verified proof-of-work challenge, to be marked as spent with the new comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpentChallenge {
    /// The challenge's signature, unique per challenge.
    pub signature: String,
    /// When the challenge expires anyway, in epoch milliseconds.
    pub expires_ms: i64,
}

/// Everything besides the comment's own fields that [`Store::post_comment`] checks or
/// records. The default checks nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostMeta {
    /// The poster's salted IP hash, stored with the comment.
    pub ip_hash: Option<String>,
    /// The request's idempotency key, if it sent one.
    pub idempotency: Option<IdempotencyClaim>,
    /// The proof-of-work challenge this post spends, when the server asks for one.
    pub challenge: Option<SpentChallenge>,
    /// Refuse the same text in the same thread by the same author (name or IP hash) posted
    /// less than this many milliseconds ago; `None` turns duplicate detection off.
    pub duplicate_window_ms: Option<i64>,
}

/// What [`Store::post_comment`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// A new comment was stored.
    Created(Comment),
    /// The idempotency key was known with the same body: this is the comment stored then.
    Replayed(Comment),
}

/// SHA-256 (hex) of `text` with every run of whitespace collapsed to one space and the ends
/// trimmed, so that re-wrapped or re-indented copies of a text count as the same text.
pub fn text_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hex::encode(hasher.finalize())
}

impl Store {
    /// Stores an already validated comment created at `created_ms` and returns it as the API
    /// shows it, after the checks in `meta`, in one transaction:
    ///
    /// 1. a known idempotency key with the same request hash replays its comment
    ///    ([`Posted::Replayed`]); with another hash it fails with
    ///    [`StoreError::IdempotencyKeyReused`];
    /// 2. a spent challenge fails with [`StoreError::ChallengeSpent`];
    /// 3. a duplicate within the window fails with [`StoreError::Duplicate`];
    /// 4. a parent that is not a comment of the same thread fails with
    ///    [`StoreError::UnknownParent`] (the check is part of the insert statement).
    ///
    /// The thread key and author are stored trimmed, the text loses trailing whitespace
    /// only, and a blank email or website is stored as NULL.
    ///
    /// The post waits in the writer's queue and is stored in a group commit with whatever
    /// other posts are waiting ([`super::writer`]); the answer comes after the commit.
    pub async fn post_comment(
        &self,
        new: &NewComment,
        created_ms: i64,
        meta: &PostMeta,
    ) -> Result<Posted, StoreError> {
        self.posts.post(PostJob { new: new.clone(), created_ms, meta: meta.clone() }).await
    }

    /// The comment stored under `claim`'s key, if the key is known and not expired at
    /// `now_ms`; [`StoreError::IdempotencyKeyReused`] if it was stored with another body.
    /// Read-only: a fast path before the rate limit, so that retries cost no quota.
    pub async fn idempotent_replay(
        &self,
        claim: &IdempotencyClaim,
        now_ms: i64,
    ) -> Result<Option<Comment>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        find_replay(&mut conn, claim, now_ms).await
    }
}

async fn find_replay(
    conn: &mut SqliteConnection,
    claim: &IdempotencyClaim,
    now_ms: i64,
) -> Result<Option<Comment>, StoreError> {
    let found: Option<(String, i64)> = sqlx::query_as(
        "SELECT request_hash, comment_id FROM idempotency_keys WHERE key = ?1 AND expires_ms > ?2",
    )
    .bind(&claim.key)
    .bind(now_ms)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((request_hash, comment_id)) = found else {
        return Ok(None);
    };
    if request_hash != claim.request_hash {
        return Err(StoreError::IdempotencyKeyReused);
    }
    let row: Option<CommentRow> = sqlx::query_as(
        "SELECT id, thread, parent_id, author, website, text, created_ms FROM comments WHERE id = ?1",
    )
    .bind(comment_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Comment::from))
}

/// Inserts `row` and returns its id; [`StoreError::UnknownParent`] when the parent is not a
/// comment of the same thread (checked by the statement itself, so it cannot race).
pub(super) async fn insert_row(
    conn: &mut SqliteConnection,
    row: &CommentRow,
    email: Option<&str>,
    text_hash: &str,
    ip_hash: Option<&str>,
) -> Result<i64, StoreError> {
    let id: Option<i64> = match row.parent_id {
        None => Some(
            sqlx::query_scalar(
                "INSERT INTO comments
                 (thread, parent_id, root_id, author, email, website, text, created_ms, text_hash, ip_hash)
                 VALUES (?1, NULL, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            )
            .bind(&row.thread)
            .bind(&row.author)
            .bind(email)
            .bind(&row.website)
            .bind(&row.text)
            .bind(row.created_ms)
            .bind(text_hash)
            .bind(ip_hash)
            .fetch_one(&mut *conn)
            .await?,
        ),
        Some(parent) => {
            sqlx::query_scalar(
                "INSERT INTO comments
                 (thread, parent_id, root_id, author, email, website, text, created_ms, text_hash, ip_hash)
                 SELECT ?1, p.id, COALESCE(p.root_id, p.id), ?2, ?3, ?4, ?5, ?6, ?7, ?8
                 FROM comments p WHERE p.id = ?9 AND p.thread = ?1
                 RETURNING id",
            )
            .bind(&row.thread)
            .bind(&row.author)
            .bind(email)
            .bind(&row.website)
            .bind(&row.text)
            .bind(row.created_ms)
            .bind(text_hash)
            .bind(ip_hash)
            .bind(parent)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    id.ok_or(StoreError::UnknownParent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(author: &str, text: &str) -> NewComment {
        NewComment { thread: "/t".into(), author: author.into(), text: text.into(), ..Default::default() }
    }

    fn meta(ip: &str) -> PostMeta {
        PostMeta { ip_hash: Some(ip.into()), duplicate_window_ms: Some(60_000), ..Default::default() }
    }

    #[test]
    fn text_hash_ignores_whitespace_layout_only() {
        assert_eq!(text_hash("a  b\n\nc "), text_hash(" a b c"));
        assert_ne!(text_hash("a b c"), text_hash("a b C"));
        assert_ne!(text_hash("ab c"), text_hash("a bc"));
    }

    #[tokio::test]
    async fn duplicates_by_name_or_ip_within_the_window() {
        let store = Store::open_in_memory().await.unwrap();
        let first = store.post_comment(&new("Ann", "Hello  there"), 1_000, &meta("ip1")).await.unwrap();
        assert!(matches!(first, Posted::Created(_)));
        for (author, ip) in [("ann", "ip2"), ("Bob", "ip1")] {
            let again = store.post_comment(&new(author, "Hello\nthere"), 2_000, &meta(ip)).await;
            assert!(matches!(again, Err(StoreError::Duplicate)), "{author} {ip}: {again:?}");
        }
        let other = store.post_comment(&new("Bob", "Hello there"), 2_000, &meta("ip2")).await;
        assert!(matches!(other, Ok(Posted::Created(_))), "another author on another IP");
        let later = store.post_comment(&new("Ann", "Hello there"), 61_001, &meta("ip1")).await;
        assert!(matches!(later, Ok(Posted::Created(_))), "after the window");
    }

    #[tokio::test]
    async fn idempotency_keys_replay_and_expire() {
        let store = Store::open_in_memory().await.unwrap();
        let claim = IdempotencyClaim { key: "k1".into(), request_hash: "h1".into(), expires_ms: 10_000 };
        let with =
            |claim: &IdempotencyClaim| PostMeta { idempotency: Some(claim.clone()), ..PostMeta::default() };
        let Posted::Created(first) = store.post_comment(&new("Ann", "one"), 1, &with(&claim)).await.unwrap()
        else {
            panic!("first post must create");
        };
        let again = store.post_comment(&new("Ann", "one"), 2, &with(&claim)).await.unwrap();
        assert_eq!(again, Posted::Replayed(first.clone()));
        assert_eq!(store.idempotent_replay(&claim, 3).await.unwrap(), Some(first));
        let other = IdempotencyClaim { request_hash: "h2".into(), ..claim.clone() };
        assert!(matches!(store.idempotent_replay(&other, 3).await, Err(StoreError::IdempotencyKeyReused)));
        let expired = store.post_comment(&new("Ann", "two"), 10_000, &with(&other)).await.unwrap();
        assert!(matches!(expired, Posted::Created(c) if c.text == "two"), "an expired key is free again");
    }
}
