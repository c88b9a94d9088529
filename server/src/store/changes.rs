//! The store's side of live updates: what changed in a thread since a stamp, as readers may
//! see it, and the wake-ups that say a thread changed.
//!
//! A post wakes every open stream of its thread at once, and each asks for the changes after
//! the stamp it last sent: usually the same stamp. [`SharedReads`] lets them share one read of
//! the database while the thread is unchanged (the page cache's versions say so), so a
//! thousand streams cost one query per change, not a thousand.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use threadline_protocol::Comment;
use tokio::sync::OnceCell;

use super::model::status;
use super::read::page_key;
use super::{sqlite, Store, StoreError};

/// Most reads remembered at once; past it they are all forgotten (they are cheap to redo).
const SHARED_READS_MAX: usize = 4096;

/// The changes one read found, shared by every stream that asked the same question.
pub type Changes = Arc<Vec<(i64, Change)>>;

/// What streams ask: the thread's page key, the stamp after which, and the batch size.
type Question = (String, i64, u32);

/// One shared read: the thread's version it is valid for, and its answer once read.
type Read = (u64, Arc<OnceCell<Changes>>);

/// Reads of the change feed that streams share: by thread, stamp and batch size, each valid
/// while its thread's version (the page cache's) is the one it was read under.
#[derive(Debug, Default)]
pub struct SharedReads {
    reads: Mutex<HashMap<Question, Read>>,
    /// Reads that went to the database (for tests and diagnostics).
    database_reads: AtomicU64,
}

impl SharedReads {
    /// How many reads went to the database so far.
    pub fn database_reads(&self) -> u64 {
        self.database_reads.load(Ordering::Relaxed)
    }
}

/// One change a live stream sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A comment readers see, new or changed (a removed one as its placeholder). Boxed: a
    /// batch holds many `Gone`s beside the comments.
    Comment(Box<Comment>),
    /// A comment readers saw is no more to be shown (hidden by reports, or held again after
    /// an edit, or under such a comment).
    Gone(i64),
}

impl Store {
    /// The newest stamp of the change feed: a new stream sends what changes after it.
    pub async fn latest_change(&self) -> Result<i64, StoreError> {
        sqlite::changes::latest(self.db.reads()).await
    }

    /// Up to `limit` changes of `thread` of `site` after stamp `after`, oldest first, each
    /// with its stamp. Comments held since they were posted are never in it: readers never
    /// saw them.
    ///
    /// Streams that ask the same while the thread is unchanged share one read, and the same
    /// answer ([`SharedReads`]): a post is read once and never copied per stream.
    pub async fn changes_since(
        &self,
        site: &str,
        thread: &str,
        after: i64,
        limit: u32,
    ) -> Result<Changes, StoreError> {
        let key = page_key(site, thread);
        // Read the version first, as the page cache does: a write that commits after this
        // point bumps it, so a read that may have missed the write is never shared after it.
        let version = self.cache.version(&key);
        let cell = {
            let mut reads = self.shared_reads.reads.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if reads.len() >= SHARED_READS_MAX {
                reads.clear();
            }
            let slot = reads.entry((key, after, limit)).or_insert_with(|| (version, Arc::default()));
            if slot.0 != version {
                *slot = (version, Arc::default());
            }
            Arc::clone(&slot.1)
        };
        let changes = cell
            .get_or_try_init(|| async {
                self.shared_reads.database_reads.fetch_add(1, Ordering::Relaxed);
                self.read_changes(site, thread, after, limit).await.map(Arc::new)
            })
            .await?;
        Ok(Arc::clone(changes))
    }

    /// [`Store::changes_since`] from the database.
    async fn read_changes(
        &self,
        site: &str,
        thread: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, Change)>, StoreError> {
        let rows = sqlite::changes::since(self.db.reads(), site, thread, after, limit).await?;
        Ok(rows
            .into_iter()
            .filter_map(|changed| {
                let row = changed.row;
                let change = match row.status.as_str() {
                    _ if changed.blocked => Change::Gone(row.id),
                    status::HIDDEN => Change::Gone(row.id),
                    // Held: a comment edited since it was public leaves; a new one was never seen.
                    status::PENDING if row.edited_ms.is_some() => Change::Gone(row.id),
                    status::PENDING => return None,
                    _ => Change::Comment(Box::new(row.into_public())),
                };
                Some((changed.change_seq, change))
            })
            .collect())
    }

    /// The change-feed reads streams share, with their count.
    pub fn shared_reads(&self) -> &SharedReads {
        &self.shared_reads
    }

    /// Wake-ups by page key ([`super::page_key`]) whenever a thread changes.
    pub fn subscribe_changes(&self) -> tokio::sync::broadcast::Receiver<Arc<str>> {
        self.cache.subscribe()
    }
}
