//! `threadline-server`: the reference backend of the Threadline comment widget.
//!
//! An axum application over a SQLite database (sqlx). [`app::app`] builds the whole HTTP
//! surface from an [`AppState`]; `main.rs` only parses the command line, binds and serves.
//! The wire types come from [`threadline_protocol`]; `docs/protocol.md` documents the calls.

pub mod abuse;
pub mod admin;
pub mod app;
pub mod clock;
pub mod cors;
pub mod error;
pub mod extract;
pub mod hook;
pub mod instance;
pub mod mail;
pub mod metrics;
pub mod routes;
pub mod screen;
pub mod screen_report;
pub mod screening;
pub mod seed;
pub mod site;
pub mod store;
pub mod streams;
pub mod tokens;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::app;
pub use store::Store;

/// The thread key of the demo article, filled by `--seed-demo`.
pub const DEMO_THREAD: &str = "/2026/11/alder-falls-riverfront";

/// Everything the handlers and the router need; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The comment database.
    pub store: Store,
    /// The server's own origins (`http://HOST:PORT` it listens on), allowed for every site;
    /// each site's other origins are in its [`site::SiteSettings`] (see [`cors`]).
    pub own_origins: Vec<String>,
    /// Directory of the built widget and demo page, served at `/` when set.
    pub dist: Option<PathBuf>,
    /// The abuse limits on posting.
    pub guards: Arc<abuse::Guards>,
    /// Every site this server keeps, with what each accepts.
    pub sites: site::SiteRegistry,
    /// How long after posting an author may edit or delete their comment, in milliseconds.
    pub edit_window_ms: i64,
    /// The open live-update streams, bounded per client address.
    pub streams: streams::Streams,
    /// Notification email: off without `--smtp-url`.
    pub mail: mail::Mail,
}

impl AppState {
    /// Where a comment of `site` is, for the emails it may queue.
    pub fn mail_place(&self, site: &str) -> mail::events::Place {
        mail::events::Place { store: self.store.clone(), sites: self.sites.clone(), site: site.to_owned() }
    }
}
