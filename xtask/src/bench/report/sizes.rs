//! The transfer-size section: published files, the bytes a page view costs before and after the
//! reader scrolls to the thread, and `twiggy top` of the wasm (all from `sizes.json`).

use super::{arr, cell, num, text, MISSING};
use serde_json::Value;
use std::fmt::Write as _;

/// Appends the section for `s`, the `sizes` part of the results.
pub(super) fn section(md: &mut String, s: &Value) {
    let _ = writeln!(md, "\n## Transfer size\n\n![Brotli bytes per system](docs/bench/sizes.svg)\n");
    if let Some(what) = s["what"].as_str() {
        let _ = writeln!(md, "{what}, in bytes. Sizes are the same from run to run, so each is measured once (no median or spread).\n");
    }
    files(md, s);
    languages(md, &s["languages"]);
    before_thread(md, &s["bytes_before_thread"]);
    twiggy(md, &s["twiggy"]);
    owners(md, &s["twiggy_owners"]);
}

/// One row per published file, a total per system, and Threadline's widget (the budgeted part).
fn files(md: &mut String, s: &Value) {
    let _ = writeln!(
        md,
        "| system | version | file | raw | gzip -9 | brotli |\n| --- | --- | --- | ---: | ---: | ---: |"
    );
    let row = |md: &mut String, system: &Value, version: &Value, part: &str, f: &Value| {
        let _ = writeln!(
            md,
            "| {} | {} | {part} | {} | {} | {} |",
            text(system),
            cell(version.as_str().unwrap_or("")),
            num(&f["raw"]),
            num(&f["gzip"]),
            num(&f["brotli"])
        );
    };
    for sys in arr(&s["systems"]) {
        for f in arr(&sys["files"]) {
            row(md, &sys["system"], &sys["version"], text(&f["part"]), f);
        }
        if sys["system"] == "threadline" && s["threadline_widget"].is_object() {
            let widget = &s["threadline_widget"];
            let part = format!("widget ({})", widget["parts"].as_str().unwrap_or("wasm + js + css"));
            row(md, &sys["system"], &sys["version"], &part, widget);
        }
        if sys["total"].is_object() {
            row(md, &sys["system"], &sys["version"], "total", &sys["total"]);
        }
    }
}

/// What each language's messages cost (issue 14): a page fetches its own language's only.
fn languages(md: &mut String, langs: &Value) {
    if arr(langs).is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "\n**Messages per language**: a page fetches its own language's file beside the bundle (the widget's \
         total above counts English); the moderator bundle fetches the moderator's words too.\n\n\
         | language | reader: raw | gzip -9 | brotli | moderator: brotli |\n| --- | ---: | ---: | ---: | ---: |"
    );
    for l in arr(langs) {
        let _ = writeln!(
            md,
            "| `{}` | {} | {} | {} | {} |",
            text(&l["lang"]),
            num(&l["reader"]["raw"]),
            num(&l["reader"]["gzip"]),
            num(&l["reader"]["brotli"]),
            num(&l["moderator"]["brotli"])
        );
    }
}

/// Per system, what the demo article fetches before the reader scrolls and once the reader has
/// scrolled to the thread.
fn before_thread(md: &mut String, before: &Value) {
    if !before.is_object() {
        return;
    }
    let _ = writeln!(
        md,
        "\n**Bytes before the reader reaches the thread** ({}): what a page view costs when the reader never \
         scrolls to the comments (\"before scroll\"), and once the reader has scrolled to them (\"after scroll\"). \
         Counted: {}.\n",
        before["page"].as_str().unwrap_or(""),
        before["counted"].as_str().unwrap_or("every request of the comment system")
    );
    let _ = writeln!(
        md,
        "| system | when | requests | raw | gzip -9 | brotli | what is counted |\n\
         | --- | --- | ---: | ---: | ---: | ---: | --- |"
    );
    for row in arr(&before["results"]) {
        let mut seen: Vec<String> = Vec::new();
        for (key, when) in [("before_scroll", "before scroll"), ("after_scroll", "after scroll")] {
            let m = &row[key];
            let names: Vec<String> = arr(&m["files"]).iter().map(|f| file_name(text(&f["url"]))).collect();
            let added: Vec<String> = names.iter().filter(|n| !seen.contains(n)).cloned().collect();
            let mut counted = match (seen.is_empty(), added.is_empty()) {
                (true, true) => "nothing".to_string(),
                (true, false) => added.join(", "),
                (false, true) => "the same: nothing more".to_string(),
                (false, false) => format!("the above + {}", added.join(", ")),
            };
            let unreachable = &row["unreachable_requests_not_counted"][key];
            if unreachable.as_u64().is_some_and(|n| n > 0) {
                let _ = write!(counted, "; {} requests to other hosts not counted", num(unreachable));
            }
            seen = names;
            let _ = writeln!(
                md,
                "| {} | {when} | {} | {} | {} | {} | {} |",
                text(&row["system"]),
                num(&m["requests"]),
                num(&m["raw"]),
                num(&m["gzip"]),
                num(&m["brotli"]),
                cell(&counted)
            );
        }
    }
    if let Some(note) = before["note"].as_str() {
        let _ = writeln!(md, "\n{note}");
    }
}

/// The last path segment of a request, in backticks (the whole path and query when it has none).
fn file_name(url: &str) -> String {
    let path = url.split('?').next().unwrap_or(url);
    let name = match path.rsplit('/').next() {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => url.chars().take(28).collect::<String>() + "…",
    };
    format!("`{name}`")
}

/// The largest items of the wasm, with their share of the shipped file.
fn twiggy(t: &mut String, twiggy: &Value) {
    let top = arr(&twiggy["top"]);
    if top.is_empty() {
        return;
    }
    let _ = writeln!(
        t,
        "\n**Largest items in the wasm** (`{}`):\n\n| # | bytes | % of shipped wasm | item |\n| ---: | ---: | ---: | --- |",
        twiggy["command"].as_str().unwrap_or("twiggy top")
    );
    for (i, item) in top.iter().take(15).enumerate() {
        let percent = &item["percent_of_shipped_wasm"];
        let _ = writeln!(
            t,
            "| {} | {} | {} | `{}` |",
            i + 1,
            num(&item["bytes"]),
            if percent.is_number() { format!("{} %", num(percent)) } else { MISSING.into() },
            cell(&text(&item["name"]).chars().take(110).collect::<String>())
        );
    }
    let _ = writeln!(
        t,
        "\nThese {} items hold {} bytes of the {} shipped wasm bytes. The names section ({} bytes) is left out.",
        top.len().min(15),
        num(&twiggy["top15_bytes"]),
        num(&twiggy["shipped_wasm_bytes"]),
        num(&twiggy["names_section_bytes"])
    );
    if let Some(note) = twiggy["note"].as_str() {
        let _ = writeln!(t, "{note}");
    }
}

/// Each bundle's wasm summed by owner (crate, Threadline module, data, structure): where the
/// bytes go, one column pair per bundle.
fn owners(t: &mut String, o: &Value) {
    let bundles: Vec<&str> = arr(&o["bundles"]).iter().filter_map(Value::as_str).collect();
    if bundles.is_empty() {
        return;
    }
    let _ = write!(
        t,
        "\n**Where each bundle's wasm goes, by owner** (`{}`):\n\n| owner |",
        o["command"].as_str().unwrap_or("twiggy top")
    );
    for b in &bundles {
        let _ = write!(t, " {b} bytes | {b} % |");
    }
    let _ = write!(t, "\n| --- |");
    for _ in &bundles {
        let _ = write!(t, " ---: | ---: |");
    }
    t.push('\n');
    for row in arr(&o["rows"]) {
        let _ = write!(t, "| {} |", cell(text(&row["owner"])));
        for b in &bundles {
            let _ = write!(t, " {} | {} % |", num(&row["bytes"][b]), num(&row["percent"][b]));
        }
        t.push('\n');
    }
    let _ = write!(t, "| all of it |");
    for b in &bundles {
        let _ = write!(t, " {} | 100 % |", num(&o["totals"][b]));
    }
    t.push('\n');
    if let Some(note) = o["note"].as_str() {
        let _ = writeln!(t, "\n{note}");
    }
}
