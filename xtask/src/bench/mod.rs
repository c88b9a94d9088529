//! `cargo xtask bench`: Threadline measured against its peers (issue 6). Results go to
//! `target/bench/`.

pub mod load;

use crate::Result;

/// Runs every part of the benchmark.
pub fn run() -> Result {
    load::run(&crate::target_dir().join("bench"))
}
