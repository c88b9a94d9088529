//! `cargo xtask`: Threadline's developer commands.
//!
//! - `cargo xtask dist`: build the widget for release into `dist/` and report its sizes.
//! - `cargo xtask demo [--listen ADDR]`: build everything and serve the demo article.
//! - `cargo xtask test`: every check CI runs, installs included; `--quick` or `--only STAGE...`
//!   for some of them (`cargo xtask test --help`).
//!
//! Each command installs what it needs first (see [`tools`]), so a fresh clone needs nothing else.

mod bench;
mod bundles;
mod cmd;
mod css;
mod demo;
mod dist;
mod hashed_names;
mod js;
#[cfg(test)]
mod layout;
mod messages;
mod peers;
mod sizes;
mod test;
#[cfg(test)]
mod theming;
mod tools;
mod wasm_names;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The error type of every task: a message for the developer.
pub type Error = Box<dyn std::error::Error>;

/// The result type of every task.
pub type Result<T = ()> = std::result::Result<T, Error>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  bench [PART...]       measure Threadline against its peers (parts: sizes render load
                        screening; all by default) and regenerate BENCHMARKS.md and docs/bench/
  bench report          redraw BENCHMARKS.md and the plots from docs/bench/results.json
  dist                  build the widget for release into dist/ and print its sizes
  demo [--listen ADDR]  build and serve the demo article (default 127.0.0.1:8080)
  test                  run every check, as CI does: fmt, clippy, unit, server, wasm, dist
                        and end-to-end tests
  test --quick          fmt, clippy, unit and server tests only: no installs, no browser
  test --only STAGE...  only these stages (and what they need); `test --help` lists them
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("bench") => bench::run(&args[1..]),
        Some("dist") if args.len() == 1 => dist::run(),
        Some("demo") => demo::run(&args[1..]),
        Some("test") => match test::run(&args[1..]) {
            // The summary ends with `N passed, N failed`; nothing may follow it.
            Ok(all_passed) => return if all_passed { ExitCode::SUCCESS } else { ExitCode::FAILURE },
            Err(error) => Err(error),
        },
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown arguments: {args:?}\n\n{USAGE}").into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace")
}

/// `target/` of the workspace (honouring `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// Prints a stage header that stands out in long logs.
pub fn header(title: &str) {
    let line = "=".repeat(78);
    println!("\n{line}\n== {title}\n{line}");
}
