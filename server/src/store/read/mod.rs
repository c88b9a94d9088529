//! The backend-neutral half of reading a thread: the page [`Cursor`], the thread order of a
//! page ([`order::thread_order`]) and the [`PageCache`] of serialized pages. The queries
//! themselves are in the SQLite backend (`store/sqlite/read.rs`).

pub mod cache;
pub mod cursor;
pub mod order;

pub use cache::{CachedPage, PageCache};
pub use cursor::{Cursor, CursorError};
