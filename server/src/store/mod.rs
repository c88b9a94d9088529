//! The comment store: everything the server keeps in its database, behind one handle,
//! [`Store`], whose typed methods are all that the routes, the seed and the abuse limits
//! use, and one error type, [`StoreError`]; the HTTP layer decides what a reader sees.
//!
//! Modules, each using only those listed before it (and this one):
//!
//! - [`model`]: the store's own types, whatever the database: a stored comment, what a post
//!   asks of the store ([`PostMeta`]) and what it got ([`Posted`]);
//! - [`read`]: the backend-neutral half of reading: the page [`Cursor`], the thread order of
//!   a page and the [`PageCache`];
//! - `sqlite`: the SQLite backend, holding every SQL statement: opening and migrating the
//!   file, the read queries (pages, counts, replay look-ups) and the writes (the single
//!   writer task and its group commits), WAL checkpoints and settings.
//!
//! ## A second database
//!
//! PostgreSQL goes beside `sqlite/`, as `postgres/` with a `Db` of its own that offers the
//! same methods as `sqlite::Db` (the list in `impl Store` below: a page, counts, a replay
//! look-up, the last id, a post, a batch, settings, close), taking and returning only the
//! types of [`model`] and [`read`]. `Store` then holds an enum of the two and dispatches;
//! the cache, the cursor, the thread order and the routes stay as they are. The rules a post
//! meets are documented on [`Store::post_comment`] and tested through `Store` (the unit
//! tests under `sqlite/` and `server/tests/`), so they can run against both. Its migrations
//! go in a folder of their own.

pub mod admin;
pub mod author;
pub mod changes;
pub mod feeds;
pub mod mail;
pub mod mail_records;
pub mod model;
pub mod moderation;
pub mod permalink;
pub mod read;
pub mod records;
mod sqlite;
pub mod votes;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use threadline_protocol::{Comment, NewComment, SiteFeatures, ThreadPage};

pub use model::{text_hash, IdempotencyClaim, PostJob, PostMeta, PostResult, Posted, SpentChallenge};
pub use read::{page_key, CachedPage, Cursor, CursorError, PageCache, PageShape, Sort};
pub use records::{
    CommentAction, Moderator, ModeratorEntry, Reported, SiteRow, DEFAULT_HOOK_TIMEOUT_MS,
    DEFAULT_REPORT_THRESHOLD,
};
use sqlite::read::Audience;

pub use sqlite::write::MAX_BATCH;
use threadline_protocol::DEFAULT_SITE;

/// Bytes of serialized pages the page cache keeps by default, at most.
pub const PAGE_CACHE_BYTES: u64 = 32 << 20;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The parent comment does not exist, or belongs to another thread.
    #[error("the parent comment does not exist in this thread")]
    UnknownParent,
    /// The same text was posted in the same thread by the same author (name or IP hash)
    /// within the duplicate window.
    #[error("duplicate comment")]
    Duplicate,
    /// The idempotency key is stored with a different request body.
    #[error("idempotency key reused with another body")]
    IdempotencyKeyReused,
    /// The proof-of-work challenge was already spent on another comment.
    #[error("proof-of-work challenge already spent")]
    ChallengeSpent,
    /// The post would start a new thread, and its IP hash started as many as
    /// [`PostMeta::new_threads_per_window`] allows within [`model::NEW_THREAD_WINDOW_MS`].
    #[error("too many new threads from this address; retry in {retry_after_ms} ms")]
    TooManyNewThreads {
        /// Milliseconds until the oldest of those threads no longer counts.
        retry_after_ms: i64,
    },
    /// The thread is locked by a moderator: no new comments.
    #[error("the thread is locked")]
    ThreadLocked,
    /// The author is banned, until `until_ms` (`None`: for ever).
    #[error("the author is banned")]
    Banned {
        /// When the ban ends, epoch milliseconds.
        until_ms: Option<i64>,
    },
    /// This reader already reported this comment.
    #[error("already reported")]
    AlreadyReported,
    /// No such comment (or moderator, ban, token) on this site.
    #[error("not found")]
    NotFound,
    /// The author token presented is not the comment's.
    #[error("not the comment's author")]
    NotAuthor,
    /// The comment is older than the edit window.
    #[error("the edit window of {window_ms} ms has closed")]
    EditWindowClosed {
        /// The window, in milliseconds.
        window_ms: i64,
    },
    /// The comment, ban or thread belongs to another site than the moderator's.
    #[error("belongs to another site")]
    WrongSite,
    /// The comment has no email, address or author token to ban by.
    #[error("nothing to ban by")]
    NothingToBan,
    /// The database refused or failed a query.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The writer task is gone or has no connection (the store is closing).
    #[error("the database writer has stopped")]
    WriterStopped,
}

/// What `GET /metrics` reports of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gauges {
    /// Comments held for a moderator, on every site.
    pub held: i64,
    /// Emails waiting to be sent (or retried).
    pub mail_waiting: i64,
    /// Emails sent.
    pub mail_sent: i64,
    /// Emails given up on.
    pub mail_failed: i64,
    /// The reader pool's connections: open, and idle among them.
    pub reads: (u64, u64),
    /// The writer's pool: open, and idle among them.
    pub writes: (u64, u64),
}

/// What `GET /readyz` reports of the database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Readiness {
    /// Migrations applied to the database.
    pub applied: usize,
    /// Migrations compiled into this binary.
    pub known: usize,
    /// This binary's migrations the database lacks (their versions).
    pub missing: Vec<i64>,
}

/// Handle to the comment database; clones share its connections, its writer task and its
/// page cache.
///
/// Pages are served from a cache that every committed post invalidates ([`read::cache`]);
/// posts are stored by one writer task in group commits.
#[derive(Clone, Debug)]
pub struct Store {
    db: sqlite::Db,
    cache: Arc<PageCache>,
    shared_reads: Arc<changes::SharedReads>,
}

impl Store {
    /// Opens (creating it if missing) the SQLite file at `path` in WAL mode with foreign keys
    /// on and a busy timeout, then applies any pending migrations. The page cache holds up
    /// to [`PAGE_CACHE_BYTES`].
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with_cache(path, PAGE_CACHE_BYTES).await
    }

    /// [`Store::open`] with a page cache of at most `page_cache_bytes`; 0 turns it off.
    ///
    /// The cache learns of writes made through this process only: a database file that other
    /// processes write to as well needs the cache off.
    pub async fn open_with_cache(path: &Path, page_cache_bytes: u64) -> Result<Self, StoreError> {
        let cache = Arc::new(PageCache::new(page_cache_bytes));
        let db = sqlite::Db::open(path, Arc::clone(&cache)).await?;
        Ok(Self { db, cache, shared_reads: Arc::default() })
    }

    /// Opens a private in-memory database (for unit tests), migrated.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        let cache = Arc::new(PageCache::new(PAGE_CACHE_BYTES));
        let db = sqlite::Db::open_in_memory(Arc::clone(&cache)).await?;
        Ok(Self { db, cache, shared_reads: Arc::default() })
    }

    /// Waits for open connections to finish and closes them (checkpointing the WAL).
    pub async fn close(&self) {
        self.db.close().await;
    }

    /// Whether the database answers and every migration this binary knows is applied
    /// (`GET /readyz`).
    pub async fn readiness(&self) -> Result<Readiness, StoreError> {
        self.db.readiness().await
    }

    /// Held comments, the mail queue and the connection pools (`GET /metrics`).
    pub async fn gauges(&self) -> Result<Gauges, StoreError> {
        self.db.gauges().await
    }

    /// The page cache (for tests and diagnostics).
    pub fn page_cache(&self) -> &PageCache {
        &self.cache
    }

    /// One page of `thread` of the `default` site; see [`Store::thread_page_in`].
    pub async fn thread_page(
        &self,
        thread: &str,
        after: Option<Cursor>,
        shape: impl Into<PageShape>,
    ) -> Result<ThreadPage, StoreError> {
        self.thread_page_in(DEFAULT_SITE, thread, after, shape).await
    }

    /// One page of `thread` of `site` as readers see it: up to `limit` top-level comments
    /// after `after` (oldest first by creation time, then id), each with all of its visible
    /// replies, in thread order, and the thread's visible total. Held and report-hidden
    /// comments are left out with their replies; removed ones with visible replies are
    /// placeholders ([`read::visibility`]). Always from the database; see
    /// [`Store::thread_page_json`].
    pub async fn thread_page_in(
        &self,
        site: &str,
        thread: &str,
        after: Option<Cursor>,
        shape: impl Into<PageShape>,
    ) -> Result<ThreadPage, StoreError> {
        self.db.thread_page(site, thread, after, shape.into(), Audience::Readers).await
    }

    /// One page of `thread` of `site` with every comment whatever its status, as moderators
    /// see it. Never cached.
    pub async fn moderator_page(
        &self,
        site: &str,
        thread: &str,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<ThreadPage, StoreError> {
        self.db.thread_page(site, thread, after, limit.into(), Audience::Moderators).await
    }

    /// The held comments of `thread` of `site` posted with the author token whose SHA-256
    /// is `token_hash`, oldest first (shown to their author only).
    pub async fn own_pending(
        &self,
        site: &str,
        thread: &str,
        token_hash: &str,
    ) -> Result<Vec<Comment>, StoreError> {
        self.db.own_pending(site, thread, token_hash).await
    }

    /// One page of `thread` of the `default` site as JSON, with the default features; see
    /// [`Store::thread_page_json_in`].
    pub async fn thread_page_json(
        &self,
        thread: &str,
        after: Option<Cursor>,
        shape: impl Into<PageShape>,
    ) -> Result<Arc<CachedPage>, StoreError> {
        self.thread_page_json_in(DEFAULT_SITE, thread, after, shape, SiteFeatures::default()).await
    }

    /// [`Store::thread_page_in`] serialized as JSON, from the page cache when the thread has
    /// not changed since the page was built (see [`read::cache`] for why this is never
    /// stale). Only readers' pages are cached. The page carries `features`, what the site
    /// lets readers do.
    pub async fn thread_page_json_in(
        &self,
        site: &str,
        thread: &str,
        after: Option<Cursor>,
        shape: impl Into<PageShape>,
        features: SiteFeatures,
    ) -> Result<Arc<CachedPage>, StoreError> {
        let shape = shape.into();
        let key = page_key(site, thread);
        // Read the version first: a write that commits after this point bumps it, so a page
        // built from an older snapshot is tagged with a version that is already stale.
        let version = self.cache.version(&key);
        if let Some(page) = self.cache.get(&key, after, shape, features, version) {
            return Ok(page);
        }
        let mut page = self.thread_page_in(site, thread, after, shape).await?;
        page.features = Some(features);
        let body = serde_json::to_vec(&page).expect("a thread page always serializes");
        let page = Arc::new(CachedPage::new(body, version));
        self.cache.insert(&key, after, shape, features, Arc::clone(&page));
        Ok(page)
    }

    /// Number of comments in `thread` of the `default` site that readers see.
    pub async fn count(&self, thread: &str) -> Result<u64, StoreError> {
        self.db.count(DEFAULT_SITE, thread).await
    }

    /// Comment counts of several threads of the `default` site; see [`Store::counts_in`].
    pub async fn counts(&self, threads: &[String]) -> Result<BTreeMap<String, u64>, StoreError> {
        self.counts_in(DEFAULT_SITE, threads).await
    }

    /// Comment counts (what readers see, replies included) of several threads of `site` in
    /// one query; every requested key is in the answer (0 for unknown threads). Keys are
    /// looked up trimmed, as they are stored.
    pub async fn counts_in(
        &self,
        site: &str,
        threads: &[String],
    ) -> Result<BTreeMap<String, u64>, StoreError> {
        self.db.counts(site, threads).await
    }

    /// The comment stored under `claim`'s key, if the key is known and not expired at
    /// `now_ms`; [`StoreError::IdempotencyKeyReused`] if it was stored with another body.
    /// Read-only: a fast path before the rate limit, so that retries cost no quota.
    pub async fn idempotent_replay(
        &self,
        claim: &IdempotencyClaim,
        now_ms: i64,
    ) -> Result<Option<Comment>, StoreError> {
        self.db.idempotent_replay(claim, now_ms).await
    }

    /// The id the next stored comment will probably get, for the honeypot's make-believe
    /// answer. Costs no query: the highest id is read at open and kept up by the writer.
    /// Nothing relies on it being exact.
    pub fn likely_next_id(&self) -> i64 {
        self.db.last_id().saturating_add(1)
    }

    /// Stores an already validated comment created at `created_ms` and returns it as the API
    /// shows it, after the checks in `meta`, in one transaction:
    ///
    /// 1. a known idempotency key with the same request hash replays its comment
    ///    ([`Posted::Replayed`]); with another hash it fails with
    ///    [`StoreError::IdempotencyKeyReused`];
    /// 2. a spent challenge fails with [`StoreError::ChallengeSpent`];
    /// 3. a duplicate within the window fails with [`StoreError::Duplicate`];
    /// 4. the first comment of a thread, from an IP hash that started
    ///    [`PostMeta::new_threads_per_window`] threads within the window already, fails with
    ///    [`StoreError::TooManyNewThreads`];
    /// 5. a parent that is not a comment of the same thread fails with
    ///    [`StoreError::UnknownParent`] (the check is part of the insert statement).
    ///
    /// The thread key and author are stored trimmed, the text loses trailing whitespace
    /// only, and a blank email or website is stored as NULL.
    ///
    /// The post waits in the writer's queue and is stored in a group commit with whatever
    /// other posts are waiting; the answer comes after the commit.
    pub async fn post_comment(
        &self,
        new: &NewComment,
        created_ms: i64,
        meta: &PostMeta,
    ) -> Result<Posted, StoreError> {
        self.db.post(PostJob { new: new.clone(), created_ms, meta: meta.clone() }).await
    }

    /// Stores an already validated comment created at `created_ms`, with no abuse checks
    /// (the demo seed, unit tests); see [`Store::post_comment`] for the rules.
    pub async fn insert_comment(&self, new: &NewComment, created_ms: i64) -> Result<Comment, StoreError> {
        match self.post_comment(new, created_ms, &PostMeta::default()).await? {
            Posted::Created(comment) | Posted::Replayed(comment) => Ok(comment),
        }
    }

    /// Stores `jobs` as one group commit, as the writer task does with the posts it finds
    /// queued, and returns one answer per job, in order. Posts normally arrive one at a time
    /// through [`Store::post_comment`]; this entry point lets tests choose a batch.
    pub async fn post_batch(&self, jobs: &[PostJob]) -> Vec<PostResult> {
        self.db.post_batch(jobs).await
    }

    /// Runs a passive WAL checkpoint now, as the background task does every second while
    /// posts arrive; returns the frames in the WAL and how many of them are now in the
    /// database file.
    pub async fn checkpoint(&self) -> Result<(i64, i64), StoreError> {
        self.db.checkpoint().await
    }

    /// The setting `name`; when it does not exist yet, `make()` is stored and returned. Two
    /// servers starting at once on a new database agree on one value.
    pub async fn setting_or_insert(
        &self,
        name: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, StoreError> {
        self.db.setting_or_insert(name, make).await
    }
}
