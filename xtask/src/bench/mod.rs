//! `cargo xtask bench [sizes] [render] [load] [screening] [streams] | report`: Threadline
//! measured against its peers, its screening of new comments, and its live updates.
//!
//! Each part writes `target/bench/<part>.json`; the report merges them into the committed
//! `docs/bench/results.json` and regenerates `BENCHMARKS.md` and the plots from it. With no
//! argument every part runs; with some, only those, and the committed figures of the others
//! stay as they are. `report` only redraws, from the committed results plus any part files
//! left in `target/bench/`.

pub mod load;
pub mod render;
pub mod report;
pub mod screening;
pub mod sizes;
pub mod streams;

use crate::Result;

/// The parts, in the order they run.
pub const PARTS: [&str; 5] = ["sizes", "render", "load", "screening", "streams"];

/// Runs the parts named in `args` (all when empty), then writes the report.
pub fn run(args: &[String]) -> Result {
    let out = crate::target_dir().join("bench");
    std::fs::create_dir_all(&out)?;
    if args == ["report"] {
        return report::write(&report::collect(&out, &PARTS)?);
    }
    let all = args.is_empty();
    let wants = |part: &str| all || args.iter().any(|a| a == part);
    if let Some(unknown) = args.iter().find(|a| !PARTS.contains(&a.as_str())) {
        return Err(
            format!("unknown bench part {unknown:?}: use {}, or report alone", PARTS.join(", ")).into()
        );
    }
    let started = std::time::Instant::now();
    if wants("sizes") {
        crate::header("bench: transfer sizes");
        // Measure the widget as it ships: build dist/ first.
        crate::dist::run()?;
        sizes::run(&out)?;
    }
    if wants("render") {
        crate::header("bench: render time in Chromium");
        render::run(&out)?;
    }
    if wants("load") {
        crate::header("bench: servers under load");
        load::run(&out)?;
    }
    if wants("screening") {
        crate::header("bench: screening of new comments");
        screening::run(&out)?;
    }
    if wants("streams") {
        crate::header("bench: live updates, 1,000 open streams");
        streams::run(&out)?;
    }
    let ran: Vec<&str> = PARTS.into_iter().filter(|part| wants(part)).collect();
    report::write(&report::collect(&out, &ran)?)?;
    println!("bench finished in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
