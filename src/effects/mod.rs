//! The widget's network work, in one place between `components/` and `api/`.
//!
//! Components are views: they render state and dispatch what the reader asked for. Everything
//! that leaves the page (listing, the next page, retrying, posting, reporting, and the coming
//! edit, vote and live events) starts here, stamps its request with a [`crate::state::Ticket`], and
//! feeds the answer back to the reducers in [`crate::state`], which drop answers that come too
//! late. This is also the only layer that reads or writes `localStorage`.

pub mod author;
pub mod context;
#[cfg(feature = "moderator")]
pub mod desk;
#[cfg(feature = "native")]
pub mod live;
#[cfg(not(feature = "foreign"))]
pub mod mine;
#[cfg(feature = "moderator")]
pub mod moderation;
#[cfg(feature = "native")]
pub mod outbox;
pub mod post;
#[cfg(any(feature = "native", feature = "custom"))]
pub mod replies;
pub mod report;
pub mod thread;

pub use context::ThreadCtx;
pub use post::{post, restore_form, PostRequest};
pub use thread::{use_thread, ThreadSource, UseThread};
