//! The render section: the matrix of median render times, every cell in detail (runs, first
//! comments visible, API timing, memory) and the generated threads (all from `render.json`).

use super::{arr, cell, mb, num, spread, text, MISSING};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Appends the section for `r`, the `render` part of the results.
pub(super) fn section(md: &mut String, r: &Value) {
    let _ = writeln!(
        md,
        "\n## Render time in headless Chromium\n\n![Median render time](docs/bench/render.svg)\n"
    );
    if let Some(what) = r["what"].as_str() {
        let _ = writeln!(md, "{what}\n");
    }
    let m = &r["machine"];
    if m.is_object() {
        let _ = writeln!(
            md,
            "Chromium {}, Node {}, {} × {}. Runs per cell: {} of each \"first\" cell, {} of each \"all\" cell; {}.\n",
            num(&m["chromium"]),
            num(&m["node"]),
            num(&m["cpus"]),
            num(&m["cpu_model"]),
            num(&r["runs_per_cell"]["first"]),
            num(&r["runs_per_cell"]["all"]),
            r["order"].as_str().unwrap_or("")
        );
    }
    matrix(md, r);
    let _ = writeln!(md, "\nMedian ms (min–max) over the runs of each cell; \"first\" is the system's first page with its own defaults, \"all\" is every comment; – = not measured.");
    for note in arr(&r["defaults"]["notes"]) {
        let _ = writeln!(md, "- {}", note.as_str().unwrap_or(""));
    }
    for skipped in arr(&r["skipped"]) {
        let _ = writeln!(md, "- Skipped (time budget): {}", num(skipped));
    }
    let ratios = arr(&r["ratios"]);
    if !ratios.is_empty() {
        let _ = writeln!(md, "\n**Other ratios of the same run** (median ÷ median):\n");
        for ratio in ratios {
            let _ = writeln!(md, "- {}: {}", text(&ratio["name"]), num(&ratio["value"]));
        }
    }
    details(md, r);
    threads(md, &r["threads"]);
}

/// The cells' sizes, ascending.
fn sizes(r: &Value) -> Vec<u64> {
    let mut sizes: Vec<u64> = arr(&r["cells"]).iter().filter_map(|c| c["size"].as_u64()).collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// One row per system, backend and mode (in the order of `table`), one column per thread size.
fn matrix(md: &mut String, r: &Value) {
    let sizes = sizes(r);
    let _ = write!(md, "| system | backend | shown |");
    for s in &sizes {
        let _ = write!(md, " {s} comments |");
    }
    let _ = writeln!(md, "\n| --- | --- | --- |{}", " ---: |".repeat(sizes.len()));
    for row in arr(&r["table"]) {
        let (system, backend, mode) = (text(&row["system"]), text(&row["backend"]), text(&row["mode"]));
        let _ = write!(md, "| {system} | {backend} | {mode} |");
        for &s in &sizes {
            let found = arr(&r["cells"]).iter().find(|c| {
                c["system"] == system && c["backend"] == backend && c["mode"] == mode && c["size"] == s
            });
            let text = match found {
                Some(c) if c["median_ms"].is_number() => {
                    spread(&c["median_ms"], &c["min_ms"], &c["max_ms"]) + &failed_runs(c)
                }
                Some(c) => format!("failed ({} of {} runs)", num(&c["failures"]), arr(&c["runs"]).len()),
                None => MISSING.into(),
            };
            let _ = write!(md, " {text} |");
        }
        md.push('\n');
    }
}

/// `, N of M runs failed` when some runs of cell `c` failed.
fn failed_runs(c: &Value) -> String {
    match c["failures"].as_u64() {
        Some(n) if n > 0 => format!(", {n} of {} runs failed", arr(&c["runs"]).len()),
        _ => String::new(),
    }
}

/// Median, min and max of the field `pick` over the successful runs of `cell`.
fn run_stats(cell: &Value, pick: impl Fn(&Value) -> Option<f64>) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> =
        arr(&cell["runs"]).iter().filter(|run| run["ok"] == true).filter_map(&pick).collect();
    v.sort_by(f64::total_cmp);
    let (first, last) = (*v.first()?, *v.last()?);
    let mid = v.len() / 2;
    let median = if v.len() % 2 == 1 { v[mid] } else { (v[mid - 1] + v[mid]) / 2.0 };
    Some(((median * 10.0).round() / 10.0, first, last))
}

/// Every cell: comments in the DOM, runs, first comments visible beside all wanted ones
/// rendered, when the comments' API answered, and the memory after render.
fn details(md: &mut String, r: &Value) {
    let cells = arr(&r["cells"]);
    if cells.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "\n**Every cell in detail.** \"first comments visible\" is when the first comment entered the DOM, \
         \"rendered\" when all wanted ones had (they differ where the system pages or renders in steps); the API \
         column is when the comments' JSON had arrived (median); memory is after a forced GC, median (min–max) in \
         MB, measured in the \"first\" cells (0: no wasm).\n\n| system | backend | shown | thread | comments in DOM | runs ok | rendered ms | first comments \
         visible ms | API answered ms | JS heap MB | wasm memory MB |\n\
         | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for c in cells {
        let runs = arr(&c["runs"]).len();
        let ok = runs as u64 - c["failures"].as_u64().unwrap_or(0);
        let first = run_stats(c, |run| run["first_ms"].as_f64())
            .map_or_else(|| MISSING.into(), |(m, lo, hi)| spread(&json!(m), &json!(lo), &json!(hi)));
        let memory = |median: &Value, key: &str| match run_stats(c, |run| run["heap"][key].as_f64()) {
            Some((_, _, 0.0)) => "0".into(),
            Some((_, lo, hi)) if median.is_number() => {
                format!("{} ({}–{})", mb(median), mb(&json!(lo)), mb(&json!(hi)))
            }
            _ => mb(median),
        };
        let rendered = match c["failures"].as_u64() {
            Some(n) if n > 0 && !c["median_ms"].is_number() => "failed".into(),
            _ => spread(&c["median_ms"], &c["min_ms"], &c["max_ms"]),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {ok} of {runs} | {} | {first} | {} | {} | {} |",
            text(&c["system"]),
            text(&c["backend"]),
            text(&c["mode"]),
            num(&c["size"]),
            num(&c["expected"]),
            rendered,
            num(&c["api_end_median_ms"]),
            memory(&c["js_heap_used_median_bytes"], "js_used_bytes"),
            memory(&c["wasm_memory_median_bytes"], "wasm_memory_bytes"),
        );
    }
    for c in cells {
        for error in arr(&c["errors"]) {
            let _ = writeln!(
                md,
                "\nFailed runs of {} on {}, {}, {} comments: {}.",
                text(&c["system"]),
                text(&c["backend"]),
                text(&c["mode"]),
                num(&c["size"]),
                cell(text(error))
            );
        }
    }
}

/// The generated threads (fixed seed): their size, shape and text lengths.
fn threads(md: &mut String, threads: &Value) {
    let Some(threads) = threads.as_object() else { return };
    let _ = writeln!(
        md,
        "\n**The generated threads:**\n\n| comments | top-level | comments by depth (1–6) | mean text chars | max text chars |\n\
         | ---: | ---: | --- | ---: | ---: |"
    );
    let mut rows: Vec<&Value> = threads.values().collect();
    rows.sort_by_key(|t| t["comments"].as_u64().unwrap_or(0));
    for t in rows {
        let depths: Vec<String> = arr(&t["by_depth"]).iter().map(num).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            num(&t["comments"]),
            num(&t["top_level"]),
            depths.join(" / "),
            num(&t["mean_text_chars"]),
            num(&t["max_text_chars"])
        );
    }
}
