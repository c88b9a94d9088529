//! The report against the committed `docs/bench/results.json`: `BENCHMARKS.md` must be what it
//! renders.

use super::*;

/// The committed results, or `None` on a checkout without them.
fn committed() -> Option<Value> {
    let raw = std::fs::read_to_string(docs_dir().join("results.json")).ok()?;
    Some(serde_json::from_str(&raw).expect("results.json is JSON"))
}

/// BENCHMARKS.md must be what the committed raw results produce.
#[test]
fn benchmarks_md_is_generated_from_the_committed_results() {
    let Some(results) = committed() else { return };
    let committed =
        std::fs::read_to_string(crate::root().join("BENCHMARKS.md")).expect("BENCHMARKS.md exists");
    assert!(committed == markdown(&results), "BENCHMARKS.md is stale: run `cargo xtask bench report`");
}
