//! Threadline: a comment section for article pages, as a Yew component compiled to WebAssembly.
//!
//! Sites embed it with the `threadline.js` loader, which calls [`mount`]; Yew apps can render
//! [`Thread`] directly. Pure logic lives in [`model`], [`i18n`], [`config`] and [`state`], and is
//! tested natively; only `components` and the browser glue touch the DOM.

// A bundle with no backend at all could show nothing: say so at build time.
#[cfg(not(any(feature = "native", feature = "foreign")))]
compile_error!("build the widget with `native` (Threadline's own server) or a backend's feature");

pub mod api;
pub mod config;
pub mod effects;
mod embed_dom;
pub mod error;
pub mod i18n;
#[cfg(feature = "custom")]
pub mod mapping;
pub mod model;
pub mod rich;
pub mod state;
mod storage;

pub mod components;
#[cfg(target_arch = "wasm32")]
mod embed;

pub use components::thread::{Thread, ThreadProps};
#[cfg(target_arch = "wasm32")]
pub use embed::mount;

/// The widget's allocator in the browser: Talc instead of Rust's default (dlmalloc), about
/// 2 KB brotli less in every bundle (docs/size.md). The widget is single-threaded wasm
/// (no `atomics`), which is what Talc's wasm allocator is for.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
