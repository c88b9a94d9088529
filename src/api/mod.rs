//! Talking to backends. [`Backend`] dispatches the widget's calls to one adapter per backend
//! ([`native`], and behind cargo features `wordpress`, `isso`, `waline`, `custom`), each
//! turning its backend's shapes into the internal model. They share the [`Page`], [`Draft`]
//! and [`Capabilities`] types, one transport ([`fetch`] and friends), the draft check
//! ([`validate_draft`]), and, for the foreign backends, [`foreign`] and [`json`]. Failures are
//! typed reasons ([`crate::error`]); none is worded here.

mod backend;
#[cfg(feature = "custom")]
pub mod custom;
#[cfg(feature = "foreign")]
pub mod foreign;
#[cfg(feature = "isso")]
pub mod isso;
#[cfg(feature = "foreign")]
pub mod json;
#[cfg(feature = "moderator")]
pub mod moderation;
#[cfg(feature = "native")]
pub mod native;
#[cfg(all(feature = "native", target_arch = "wasm32"))]
pub mod pow;
#[cfg(all(feature = "native", target_arch = "wasm32"))]
pub mod prefetch;
mod transport;
mod types;
mod validate;
#[cfg(feature = "waline")]
pub mod waline;
#[cfg(feature = "wordpress")]
pub mod wordpress;

pub use backend::Backend;
pub use transport::{check, decode, fetch, from_json, get, post_json, send_json, with_json, RawResponse};
pub use types::{Capabilities, Draft, Page, Posted};
pub use validate::validate_draft;

#[cfg(test)]
pub mod recorded;

// Every foreign adapter against hostile JSON; property tests need OS randomness, so natively.
#[cfg(all(test, not(target_arch = "wasm32"), feature = "wordpress", feature = "isso", feature = "waline"))]
mod tests;
