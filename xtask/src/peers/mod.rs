//! The real peer comment servers the adapter tests run on loopback, installed under
//! `target/peers/` (WordPress, MariaDB and PHP with apt-get), each only when missing or the
//! wrong version (see `shared/PEERS.md`).

mod isso;
mod waline;
mod wordpress;

pub use isso::{ensure_isso, isso_bin};
pub use waline::{ensure_waline, waline_dir};
pub use wordpress::ensure_wordpress;

use std::path::PathBuf;

/// `target/peers/`: one folder per peer server, and `tmp/` for their installers.
fn peers_dir() -> PathBuf {
    crate::target_dir().join("peers")
}
