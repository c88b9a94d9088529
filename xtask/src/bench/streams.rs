//! The live-updates part of `cargo xtask bench` (issue 13): 1,000 open Server-Sent Event
//! streams of one thread on one threadline-server (the release build, a fresh SQLite file),
//! the server's memory with them open, and the delay from a post to its event on every stream.
//! The measuring is `bench/streams/measure.mjs`; this builds the server, runs it, and checks
//! that it wrote `streams.json`.

use std::path::Path;
use std::time::SystemTime;

use super::render;
use crate::{cmd, Result};

/// Runs the part and writes `<out>/streams.json`.
pub fn run(out: &Path) -> Result {
    let server = render::server_bin()?;
    let json = out.join("streams.json");
    let started = SystemTime::now();
    let mut node = cmd::program("node", ["bench/streams/measure.mjs", "--out"]);
    node.arg(&json).env("THREADLINE_SERVER_BIN", &server).current_dir(crate::root());
    cmd::run(&mut node)?;
    render::check_json(&json, started, &["\"delay_ms\"", "\"goals\"", "\"rss_streams_bytes\""])
}
