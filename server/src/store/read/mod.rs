//! The backend-neutral half of reading a thread: the page [`Cursor`], the thread order of a
//! page ([`order::thread_order`]) and the [`PageCache`] of serialized pages. The queries
//! themselves are in the SQLite backend (`store/sqlite/read.rs`).

pub mod cache;
pub mod cap;
pub mod cursor;
pub mod order;
pub mod visibility;

pub use cache::{CachedPage, PageCache};
pub use cursor::{Cursor, CursorError, PageShape, Sort};

/// The page cache's key of a thread of a site. The site's length comes first, so that no
/// site and thread pair can spell another's key.
pub fn page_key(site: &str, thread: &str) -> String {
    format!("{}:{site}{thread}", site.len())
}
