//! The screening section: hold rates on the labelled corpus per class and per language, for
//! the screen and rustrict alone, and posting with screening on and off (all from
//! `screening.json`).

use super::{arr, num, spread, text, MISSING};
use serde_json::Value;
use std::fmt::Write as _;

/// Appends the section for `s`, the `screening` part of the results (nothing before it ran).
pub(super) fn section(md: &mut String, s: &Value) {
    if !s.is_object() {
        return;
    }
    let rates = &s["rates"];
    let _ = writeln!(
        md,
        "\n## Screening of new comments\n\nEvery new comment is screened on the server, with no external service \
         (issue 11). The hold rates are the release server's (`threadline-server screen-report`) on the labelled \
         corpus `{}` ({} comments in seven languages), with the built-in settings, beside rustrict alone on the \
         same text. A cell is the share of the group held, with the count. On the abusive set higher is better; on \
         the acceptable set lower is better.\n",
        text(&rates["corpus"]),
        num(&rates["samples"])
    );
    let _ = writeln!(
        md,
        "**Hold rates by class:**\n\n| set | class | comments | held by the screen | held by rustrict alone |\n\
         | --- | --- | ---: | ---: | ---: |"
    );
    for row in arr(&rates["sets"]) {
        rate_row(md, row, "all");
    }
    for row in arr(&rates["classes"]) {
        rate_row(md, row, text(&row["class"]));
    }
    let _ = writeln!(
        md,
        "\n**Hold rates by language:**\n\n| set | language | comments | held by the screen | held by rustrict alone |\n\
         | --- | --- | ---: | ---: | ---: |"
    );
    for row in arr(&rates["langs"]) {
        rate_row(md, row, text(&row["lang"]));
    }
    posts(md, s);
    let notes = arr(&s["notes"]);
    if !notes.is_empty() {
        let _ = writeln!(md, "\nNotes:\n");
        for n in notes {
            let _ = writeln!(md, "- {}", n.as_str().unwrap_or(""));
        }
    }
}

/// One line of a rates table.
fn rate_row(md: &mut String, row: &Value, group: &str) {
    let _ = writeln!(
        md,
        "| {} | {group} | {} | {} | {} |",
        text(&row["set"]),
        num(&row["total"]),
        held(&row["held_pct"], &row["held"]),
        held(&row["rustrict_held_pct"], &row["rustrict_held"])
    );
}

/// `95.5 % (191)`, or [`MISSING`] without a rate.
fn held(pct: &Value, count: &Value) -> String {
    match pct.as_f64() {
        Some(p) => format!("{p:.1} % ({})", num(count)),
        None => MISSING.into(),
    }
}

/// The table of posts with screening on and off, one line per connection count.
fn posts(md: &mut String, s: &Value) {
    let rows = arr(&s["posts"]);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "\n**Posting with screening on and off:** threadline-server with its built-in screening (on) and the same \
         server with its site's screening off (off), measured side by side. req/s and p99: median (min–max) over the \
         runs; CPU: the server's per post; published: the posts readers can see afterwards, of the 2xx answers.\n\n\
         | connections | req/s, on | req/s, off | on ÷ off | goal | p99 ms, on | p99 ms, off | CPU µs per post, on \
         | CPU µs per post, off | published, on | published, off |\n\
         | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for p in rows {
        let (on, off) = (&p["on"], &p["off"]);
        let goal = match p["met"].as_bool() {
            Some(true) => format!("met ({})", text(&p["target"])),
            Some(false) => format!("**missed** ({})", text(&p["target"])),
            None => MISSING.into(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {goal} | {} | {} | {} | {} | {} | {} |",
            num(&p["connections"]),
            spread(&on["req_s"], &on["req_s_min"], &on["req_s_max"]),
            spread(&off["req_s"], &off["req_s_min"], &off["req_s_max"]),
            num(&p["ratio"]),
            spread(&on["p99_ms"], &on["p99_ms_min"], &on["p99_ms_max"]),
            spread(&off["p99_ms"], &off["p99_ms_min"], &off["p99_ms_max"]),
            num(&on["cpu_us_per_req"]),
            num(&off["cpu_us_per_req"]),
            published(on),
            published(off)
        );
    }
}

/// `published of answered` (2xx answers), or [`MISSING`].
fn published(row: &Value) -> String {
    match (row["published"].as_u64(), row["requests"].as_u64(), row["non2xx"].as_u64()) {
        (Some(published), Some(requests), Some(non2xx)) => {
            format!("{published} of {}", requests.saturating_sub(non2xx))
        }
        _ => MISSING.into(),
    }
}
