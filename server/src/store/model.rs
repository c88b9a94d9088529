//! The store's own data types, the same whatever database holds them: a comment as stored,
//! what a post asks of the store besides its fields ([`PostMeta`]), and what it got
//! ([`Posted`]). No SQL here.

use sha2::{Digest, Sha256};
use threadline_protocol::{Comment, CommentStatus, NewComment};

use super::StoreError;
use crate::clock;

/// How long a new thread counts against its starter's `--new-threads-per-hour`.
pub const NEW_THREAD_WINDOW_MS: i64 = 60 * 60 * 1000;

/// One stored comment, minus the email, which never leaves the database. The column names
/// are those of the `comments` table in every backend.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredComment {
    /// The comment's id.
    pub id: i64,
    /// The thread key, trimmed.
    pub thread: String,
    /// The parent comment, `None` for a top-level comment.
    pub parent_id: Option<i64>,
    /// The author's name, trimmed.
    pub author: String,
    /// The author's website, when given.
    pub website: Option<String>,
    /// The text, without trailing whitespace.
    pub text: String,
    /// The author's content warning, trimmed; `None` for none.
    #[sqlx(default)]
    pub warning: Option<String>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The site (`default` for rows of queries that do not select it).
    #[sqlx(default)]
    pub site: String,
    /// The stored status (`approved`, `pending`, `hidden`, `rejected`, `deleted`); empty
    /// for rows of queries that do not select it, which only select approved comments.
    #[sqlx(default)]
    pub status: String,
    /// Pinned by a moderator.
    #[sqlx(default)]
    pub pinned: bool,
    /// When the text was last edited, by its author or a moderator.
    #[sqlx(default)]
    pub edited_ms: Option<i64>,
    /// When its author deleted it (its status is then `deleted`).
    #[sqlx(default)]
    pub withdrawn_ms: Option<i64>,
    /// Readers' upvotes.
    #[sqlx(default)]
    pub upvotes: i64,
    /// Readers' downvotes.
    #[sqlx(default)]
    pub downvotes: i64,
}

/// The columns of [`StoredComment`], for `SELECT`s (a macro so that `concat!` can use it).
#[macro_export]
#[doc(hidden)]
macro_rules! comment_columns {
    () => {
        "id, thread, parent_id, author, website, text, warning, created_ms, site, status, pinned, edited_ms, withdrawn_ms, upvotes, downvotes"
    };
}

/// The stored status words.
pub mod status {
    /// Public.
    pub const APPROVED: &str = "approved";
    /// Held for review.
    pub const PENDING: &str = "pending";
    /// Hidden by reports, pending review.
    pub const HIDDEN: &str = "hidden";
    /// Rejected by a moderator.
    pub const REJECTED: &str = "rejected";
    /// Deleted by a moderator.
    pub const DELETED: &str = "deleted";
}

impl StoredComment {
    /// Whether readers may see it.
    pub fn is_approved(&self) -> bool {
        self.status.is_empty() || self.status == status::APPROVED
    }

    /// Whether it hides its replies with it (held or hidden by reports).
    pub fn blocks_replies(&self) -> bool {
        self.status == status::PENDING || self.status == status::HIDDEN
    }

    /// Whether a moderator removed it (rejected or deleted).
    pub fn is_removed(&self) -> bool {
        self.status == status::REJECTED || self.status == status::DELETED
    }

    /// The comment as readers see it: a removed (or author-deleted) one becomes a
    /// placeholder with no author, text or website.
    pub fn into_public(self) -> Comment {
        let removed = self.is_removed();
        let mut comment = Comment::from(self);
        if removed {
            // `From` made an author's deletion `deleted`; a moderator's decision reads `removed`.
            if comment.status != CommentStatus::Deleted {
                comment.status = CommentStatus::Removed;
            }
            comment.author.clear();
            comment.text.clear();
            comment.website = None;
            comment.warning = None;
            comment.edited = false;
            comment.upvotes = 0;
            comment.downvotes = 0;
        }
        comment
    }
}

impl From<StoredComment> for Comment {
    /// The comment as stored, every status shown (a deleted one as `removed`): what the
    /// author of a new comment and moderators see.
    fn from(row: StoredComment) -> Self {
        let status = match row.status.as_str() {
            status::PENDING => CommentStatus::Pending,
            status::HIDDEN => CommentStatus::Hidden,
            status::REJECTED => CommentStatus::Rejected,
            status::DELETED if row.withdrawn_ms.is_some() => CommentStatus::Deleted,
            status::DELETED => CommentStatus::Removed,
            _ => CommentStatus::Approved,
        };
        Comment {
            id: row.id,
            thread: row.thread,
            parent: row.parent_id,
            author: row.author,
            website: row.website,
            text: row.text,
            warning: row.warning,
            created_at: clock::rfc3339(row.created_ms),
            status,
            pinned: row.pinned,
            edited: row.edited_ms.is_some(),
            upvotes: u32::try_from(row.upvotes).unwrap_or(0),
            downvotes: u32::try_from(row.downvotes).unwrap_or(0),
            more_replies: None,
        }
    }
}

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

/// Everything besides the comment's own fields that [`super::Store::post_comment`] checks or
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
    /// Refuse the first comment of a thread when the same IP hash already started this many
    /// threads in the last [`NEW_THREAD_WINDOW_MS`]; `None` (or no `ip_hash`) turns it off.
    pub new_threads_per_window: Option<u32>,
    /// The site; empty means `default`.
    pub site: String,
    /// Hold the comment for review, with this reason (screening or pre-moderation).
    pub hold: Option<String>,
    /// With `hold`: approve it all the same when its author (email hash or author token)
    /// had a comment approved on this site before.
    pub approve_known: bool,
    /// SHA-256 of the author token the comment is posted with.
    pub author_token_hash: Option<String>,
    /// Whether that token is new, to be recorded with the comment.
    pub new_author_token: bool,
    /// The keyed hash of the author's email.
    pub email_hash: Option<String>,
}

impl PostMeta {
    /// The site, `default` when none was set.
    pub fn site(&self) -> &str {
        if self.site.is_empty() {
            threadline_protocol::DEFAULT_SITE
        } else {
            &self.site
        }
    }
}

/// What [`super::Store::post_comment`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// A new comment was stored.
    Created(Comment),
    /// The idempotency key was known with the same body: this is the comment stored then.
    Replayed(Comment),
}

/// A post waiting for the writer.
#[derive(Debug, Clone)]
pub struct PostJob {
    /// The validated comment.
    pub new: NewComment,
    /// Its creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The checks and records that come with it.
    pub meta: PostMeta,
}

/// The answer to one post of a batch.
pub type PostResult = Result<Posted, StoreError>;

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

#[cfg(test)]
mod tests {
    use super::text_hash;

    #[test]
    fn text_hash_ignores_whitespace_layout_only() {
        assert_eq!(text_hash("a  b\n\nc "), text_hash(" a b c"));
        assert_ne!(text_hash("a b c"), text_hash("a b C"));
        assert_ne!(text_hash("ab c"), text_hash("a bc"));
    }
}
