//! A store on a fresh SQLite file, and comment builders.

use tempfile::TempDir;
use threadline_protocol::NewComment;
use threadline_server::store::{IdempotencyClaim, PostJob, PostMeta};
use threadline_server::Store;

/// A store on a new file in its own temporary directory (kept alive with it).
pub async fn file_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("threadline.db")).await.expect("open store");
    (dir, store)
}

/// A new top-level comment in `thread`.
pub fn top(thread: &str, text: &str) -> NewComment {
    NewComment { thread: thread.into(), author: "Ann".into(), text: text.into(), ..Default::default() }
}

/// A reply to `parent` in `thread`.
pub fn reply(thread: &str, parent: i64, text: &str) -> NewComment {
    NewComment { parent: Some(parent), author: "Ben".into(), ..top(thread, text) }
}

/// A job for [`Store::post_batch`] with no abuse checks.
pub fn job(new: NewComment) -> PostJob {
    PostJob { new, created_ms: 1_000, meta: PostMeta::default() }
}

/// A job carrying `Idempotency-Key` `key` with request hash `hash`.
pub fn keyed(new: NewComment, key: &str, hash: &str) -> PostJob {
    let claim = IdempotencyClaim { key: key.into(), request_hash: hash.into(), expires_ms: 1_000_000 };
    PostJob { meta: PostMeta { idempotency: Some(claim), ..PostMeta::default() }, ..job(new) }
}
