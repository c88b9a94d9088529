//! A bounded in-memory cache of serialized thread pages, so that reading a popular thread
//! costs no database round trip and no JSON serialization.
//!
//! Correctness rests on per-thread *versions*, not on deleting entries:
//!
//! - a reader loads the thread's version **before** it queries the database, and tags the
//!   page it builds with that version;
//! - a writer bumps the version **after** its transaction committed and **before** it
//!   answers the poster;
//! - a cached page is served only while its tag equals the thread's current version.
//!
//! So once a poster has been answered, every later reader sees a newer version than any page
//! built from a snapshot without that comment, and misses. A page built from a fresh
//! snapshot but tagged with an old version is merely a wasted entry. Versions live in a fixed
//! array of striped counters (threads hash onto stripes), so their memory is bounded however
//! many threads exist; two threads sharing a stripe only invalidate each other a little
//! more often than needed.

use std::hash::{BuildHasher, Hash};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::http::HeaderValue;
use bytes::Bytes;
use quick_cache::sync::Cache;
use quick_cache::{Equivalent, Weighter};
use sha2::{Digest, Sha256};

use threadline_protocol::SiteFeatures;

use super::cursor::{Cursor, PageShape};

/// Number of version stripes (a power of two).
const STRIPES: usize = 4096;

/// Wake-ups kept for a slow live-update stream before it lags (and reads again).
const CHANGES_BUFFER: usize = 1024;

/// Bytes charged per entry on top of its body and key: the entry's own bookkeeping.
const ENTRY_OVERHEAD: u64 = 128;

/// One serialized page, ready to send.
#[derive(Debug)]
pub struct CachedPage {
    /// The page as `application/json`.
    pub body: Bytes,
    /// A strong entity tag for the body, quoted, for `ETag` / `If-None-Match` (kept as a
    /// header value so that answering costs no allocation).
    pub etag: HeaderValue,
    /// The thread version the page was built under.
    version: u64,
}

impl CachedPage {
    /// A page built under `version` of its thread.
    pub(in crate::store) fn new(body: Vec<u8>, version: u64) -> Self {
        // A content hash, so that the tag stays valid across restarts and cache evictions.
        let digest = Sha256::digest(&body);
        let etag = HeaderValue::try_from(format!("\"{}\"", hex::encode(&digest[..16])))
            .expect("a quoted hex string is a valid header value");
        Self { body: Bytes::from(body), etag, version }
    }
}

/// A page is cached per thread, cursor and shape, and per the site's features it carries: a
/// settings change (`site set`) makes new keys, and the old pages age out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PageKey {
    thread: String,
    after: Option<Cursor>,
    shape: PageShape,
    features: SiteFeatures,
}

/// The borrowed form of [`PageKey`], for look-ups without allocating. Field order and types
/// hash exactly like `PageKey` (a `String` hashes as its `str`).
#[derive(Hash)]
struct PageKeyRef<'a> {
    thread: &'a str,
    after: Option<Cursor>,
    shape: PageShape,
    features: SiteFeatures,
}

impl Equivalent<PageKey> for PageKeyRef<'_> {
    fn equivalent(&self, key: &PageKey) -> bool {
        self.thread == key.thread
            && self.after == key.after
            && self.shape == key.shape
            && self.features == key.features
    }
}

#[derive(Debug, Clone, Copy)]
struct ByBytes;

impl Weighter<PageKey, Arc<CachedPage>> for ByBytes {
    fn weight(&self, key: &PageKey, page: &Arc<CachedPage>) -> u64 {
        (key.thread.len() + page.body.len() + page.etag.len()) as u64 + ENTRY_OVERHEAD
    }
}

/// The page cache: at most `capacity_bytes` of pages (keys and bodies), evicting the least
/// useful first (quick_cache's CLOCK-Pro), plus the version stripes.
pub struct PageCache {
    pages: Option<Cache<PageKey, Arc<CachedPage>, ByBytes>>,
    versions: Box<[AtomicU64]>,
    stripe_hasher: std::hash::RandomState,
    /// Every invalidation, by page key, for the live-update streams: a wake-up only (the
    /// database holds what changed), so a stream that lags behind just reads again.
    changes: tokio::sync::broadcast::Sender<Arc<str>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (len, weight) = self.pages.as_ref().map_or((0, 0), |p| (p.len(), p.weight()));
        f.debug_struct("PageCache").field("pages", &len).field("bytes", &weight).finish()
    }
}

impl PageCache {
    /// A cache holding up to `capacity_bytes`; 0 caches nothing (versions are still kept).
    pub fn new(capacity_bytes: u64) -> Self {
        // quick_cache sizes its tables from an item estimate: assume ~16 KB pages.
        let pages = (capacity_bytes > 0).then(|| {
            Cache::with_weighter((capacity_bytes / 16_384).max(16) as usize, capacity_bytes, ByBytes)
        });
        Self {
            pages,
            versions: (0..STRIPES).map(|_| AtomicU64::new(0)).collect(),
            stripe_hasher: std::hash::RandomState::new(),
            changes: tokio::sync::broadcast::channel(CHANGES_BUFFER).0,
        }
    }

    /// The page keys of threads as they change (see [`PageCache::invalidate`]).
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Arc<str>> {
        self.changes.subscribe()
    }

    fn stripe(&self, thread: &str) -> &AtomicU64 {
        let hash = self.stripe_hasher.hash_one(thread) as usize;
        &self.versions[hash & (STRIPES - 1)]
    }

    /// The current version of `thread`: read it before querying the database, and build the
    /// page under it.
    pub fn version(&self, thread: &str) -> u64 {
        self.stripe(thread).load(Ordering::SeqCst)
    }

    /// Marks every cached page of `thread` as stale. Call after the write committed and
    /// before anyone is told about it.
    pub fn invalidate(&self, thread: &str) {
        self.stripe(thread).fetch_add(1, Ordering::SeqCst);
        // No subscriber is not an error: nobody is watching.
        let _ = self.changes.send(Arc::from(thread));
    }

    /// The cached page, if it was built under `version` (the thread's current one).
    pub fn get(
        &self,
        thread: &str,
        after: Option<Cursor>,
        shape: impl Into<PageShape>,
        features: SiteFeatures,
        version: u64,
    ) -> Option<Arc<CachedPage>> {
        let key = PageKeyRef { thread, after, shape: shape.into(), features };
        let page = self.pages.as_ref()?.get(&key)?;
        (page.version == version).then_some(page)
    }

    /// Remembers `page`, unless the thread changed since the page's version was read (then it
    /// could never be served, and would only take room).
    pub fn insert(
        &self,
        thread: &str,
        after: Option<Cursor>,
        shape: impl Into<PageShape>,
        features: SiteFeatures,
        page: Arc<CachedPage>,
    ) {
        let Some(pages) = &self.pages else { return };
        if page.version == self.version(thread) {
            let key = PageKey { thread: thread.to_owned(), after, shape: shape.into(), features };
            pages.insert(key, page);
        }
    }

    /// Number of pages held (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.pages.as_ref().map_or(0, Cache::len)
    }

    /// Whether no page is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: SiteFeatures = SiteFeatures { edit_window_secs: 900, downvotes: false, mail: false };

    fn page(body: &str, version: u64) -> Arc<CachedPage> {
        Arc::new(CachedPage::new(body.as_bytes().to_vec(), version))
    }

    #[test]
    fn a_page_is_served_until_its_thread_changes() {
        let cache = PageCache::new(1 << 20);
        let v = cache.version("/a");
        cache.insert("/a", None, 50, F, page("one", v));
        assert_eq!(cache.get("/a", None, 50, F, v).unwrap().body, "one");
        assert!(cache.get("/a", None, 10, F, v).is_none(), "another limit is another page");
        let other = SiteFeatures { downvotes: true, ..F };
        assert!(cache.get("/a", None, 50, other, v).is_none(), "a settings change is another page");
        cache.invalidate("/a");
        assert!(cache.get("/a", None, 50, F, cache.version("/a")).is_none());
    }

    #[test]
    fn a_page_built_before_a_write_is_never_served_after_it() {
        let cache = PageCache::new(1 << 20);
        let before = cache.version("/a");
        // A write commits and bumps while the reader is still building its page.
        cache.invalidate("/a");
        cache.insert("/a", None, 50, F, page("stale", before));
        assert!(cache.is_empty(), "not even stored");
        assert!(cache.get("/a", None, 50, F, cache.version("/a")).is_none());
    }

    #[test]
    fn bounded_by_bytes_and_zero_disables() {
        let cache = PageCache::new(64 * 1024);
        let big = "x".repeat(10_000);
        for i in 0..100 {
            let thread = format!("/t{i}");
            cache.insert(&thread, None, 50, F, page(&big, cache.version(&thread)));
        }
        assert!(cache.len() <= 7, "{} pages of 10 KB in 64 KB", cache.len());
        let off = PageCache::new(0);
        off.insert("/a", None, 50, F, page("x", 0));
        assert!(off.is_empty());
    }

    #[test]
    fn etag_follows_content() {
        assert_eq!(page("a", 1).etag, page("a", 2).etag);
        assert_ne!(page("a", 1).etag, page("b", 1).etag);
    }
}
