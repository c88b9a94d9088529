//! The servers-under-load section: every cell's medians with their min and max, the
//! first-comment race and the notes on the run (all from `load.json`).

use super::{arr, cell, num, spread, text};
use serde_json::Value;
use std::fmt::Write as _;

/// Appends the section for `l`, the `load` part of the results.
pub(super) fn section(md: &mut String, l: &Value) {
    let _ = writeln!(md, "\n## Servers under load\n\n![Requests per second](docs/bench/load.svg)\n");
    let _ = writeln!(
        md,
        "req/s, p50 and p99: median (min–max) over the runs of each cell. RSS: the server's peak resident set in \
         the cell. CPU time and context switches: the server's, per answer, over all runs of the cell.\n\n\
         | server | scenario | connections | runs | req/s | p50 ms | p99 ms | non-2xx | 5xx | socket errors | RSS MB \
         | CPU µs per answer | context switches per answer |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for row in arr(&l["load"]) {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            text(&row["server"]),
            text(&row["scenario"]),
            num(&row["connections"]),
            num(&row["runs"]),
            spread(&row["req_s"], &row["req_s_min"], &row["req_s_max"]),
            spread(&row["p50_ms"], &row["p50_ms_min"], &row["p50_ms_max"]),
            spread(&row["p99_ms"], &row["p99_ms_min"], &row["p99_ms_max"]),
            non2xx(row),
            num(&row["errors_5xx"]),
            num(&row["socket_errors"]),
            num(&row["rss_mb"]),
            num(&row["cpu_us_per_req"]),
            num(&row["context_switches_per_req"])
        );
    }
    let _ = writeln!(
        md,
        "\n**Concurrent first comments on a new thread:**\n\n| server | requests | 5xx | statuses (status:count) |\n\
         | --- | ---: | ---: | --- |"
    );
    for row in arr(&l["first_comment_race"]) {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            text(&row["server"]),
            num(&row["requests"]),
            num(&row["status_5xx"]),
            cell(row["statuses"].as_str().unwrap_or(""))
        );
    }
    let notes = arr(&l["notes"]);
    if !notes.is_empty() {
        let _ = writeln!(md, "\nNotes:\n");
        for n in notes {
            let _ = writeln!(md, "- {}", n.as_str().unwrap_or(""));
        }
    }
}

/// The count of answers other than 2xx, with their statuses when there are any.
fn non2xx(row: &Value) -> String {
    match row["non2xx_statuses"].as_str() {
        Some(statuses) if !statuses.is_empty() => format!("{} ({})", num(&row["non2xx"]), cell(statuses)),
        _ => num(&row["non2xx"]),
    }
}
