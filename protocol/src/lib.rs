//! Wire types of the Threadline native protocol, shared by the widget and the server.
//!
//! Everything here is plain data plus pure validation: no I/O, so it compiles for
//! `wasm32-unknown-unknown` and for the server alike. `docs/protocol.md` documents the
//! HTTP calls that carry these types.

pub mod moderation;
mod sort;
pub mod time;
mod types;
pub mod validate;

pub use sort::Sort;
pub use types::*;

/// The site of requests that name none (a widget without `data-site`), so that a server with
/// one site needs no site settings at all.
pub const DEFAULT_SITE: &str = "default";
pub use validate::{validate_new_comment, ValidationError};

/// Limits that both the widget (client-side validation) and the server enforce.
pub mod limits {
    /// Fewest characters in an author name (after trimming).
    pub const AUTHOR_MIN: usize = 1;
    /// Most characters in an author name.
    pub const AUTHOR_MAX: usize = 64;
    /// Fewest characters in a comment text (after trimming).
    pub const TEXT_MIN: usize = 1;
    /// Most characters in a comment text.
    pub const TEXT_MAX: usize = 10_000;
    /// Most characters in an email address (RFC 5321 path limit).
    pub const EMAIL_MAX: usize = 254;
    /// Most characters in a website URL.
    pub const WEBSITE_MAX: usize = 2_048;
    /// Most characters in a content warning.
    pub const WARNING_MAX: usize = 100;
    /// Most characters in a thread key.
    pub const THREAD_MAX: usize = 512;
    /// Largest request body the server reads, in bytes; larger bodies get 413.
    pub const BODY_MAX_BYTES: usize = 64 * 1024;
    /// Default number of top-level comments in one page.
    pub const PAGE_DEFAULT: u32 = 50;
    /// Most top-level comments in one page.
    pub const PAGE_MAX: u32 = 200;
    /// Most thread keys in one counts request.
    pub const COUNTS_MAX: usize = 100;
    /// Most replies of one top-level comment's subtree that a page (or one "more replies"
    /// request) carries; the rest load on demand.
    pub const REPLY_BATCH: usize = 20;
}
