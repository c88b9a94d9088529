//! The report against the committed `docs/bench/results.json`: `BENCHMARKS.md` must be what it
//! renders, and every figure the JSON holds must show in its table cell, never as [`MISSING`].
//!
//! The checks name the keys the measuring code writes (`bench/sizes/measure.mjs`,
//! `bench/render/run.mjs`, `load/report.rs`, `bench/screening.rs` and the server's
//! `screen_report.rs`) independently of the report code, so a report that
//! reads a key the JSON does not have fails here instead of printing "–".

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::*;

/// The committed results. They are part of the repository, so a checkout without them is a
/// failure here, not a reason to check nothing.
pub(super) fn committed() -> Value {
    let path = docs_dir().join("results.json");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): it is committed; `git checkout -- docs/bench` restores it",
            path.display()
        )
    });
    serde_json::from_str(&raw).expect("results.json is JSON")
}

/// The elements of the array `v`, which must have some: a loop over none would check nothing.
pub(super) fn some<'a>(v: &'a Value, what: &str) -> &'a [Value] {
    let items = arr(v);
    assert!(!items.is_empty(), "results.json has no {what}");
    items
}

/// A Markdown table: its header cells and the cells of each row.
pub(super) struct Table {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// How many JSON figures [`Table::shows`] compared, per column: a column whose every figure
    /// was [`MISSING`] in the JSON was never checked, which [`Table::every_column_compared`] catches.
    compared: RefCell<BTreeMap<String, usize>>,
}

/// The cells of one table line (`\|` inside a cell is not a separator).
fn cells(line: &str) -> Vec<String> {
    let line = line.trim().trim_start_matches('|').trim_end_matches('|').replace("\\|", "\u{1}");
    line.split('|').map(|c| c.trim().replace('\u{1}', "|")).collect()
}

impl Table {
    /// The first table after the first line of `md` that contains `marker`.
    pub(super) fn after(md: &str, marker: &str) -> Table {
        let lines: Vec<&str> = md.lines().skip_while(|l| !l.contains(marker)).skip(1).collect();
        assert!(!lines.is_empty(), "the report has no {marker:?}");
        let mut table = lines.iter().skip_while(|l| !l.starts_with('|')).take_while(|l| l.starts_with('|'));
        let headers = cells(table.next().unwrap_or_else(|| panic!("no table after {marker:?}")));
        let rows = table.skip(1).map(|l| cells(l)).collect();
        Table { name: marker.to_string(), headers, rows, compared: RefCell::default() }
    }

    fn column(&self, header: &str) -> usize {
        let found = self.headers.iter().position(|h| h == header);
        found.unwrap_or_else(|| panic!("{}: no column {header:?} in {:?}", self.name, self.headers))
    }

    /// The row whose cells under the headers of `labels` are the labels.
    fn row(&self, labels: &[(&str, String)]) -> &[String] {
        let wanted: Vec<(usize, &String)> = labels.iter().map(|(h, v)| (self.column(h), v)).collect();
        let found = self.rows.iter().find(|row| wanted.iter().all(|(i, v)| row.get(*i) == Some(*v)));
        found.unwrap_or_else(|| panic!("{}: no row {labels:?}", self.name))
    }

    /// Asserts that the cell under `header` in the row of `labels` shows each figure of `values`
    /// the JSON holds (numbers, and strings for the targets).
    pub(super) fn shows(&self, labels: &[(&str, String)], header: &str, values: &[String]) {
        let text = &self.row(labels)[self.column(header)];
        let mut compared = self.compared.borrow_mut();
        let count = compared.entry(header.to_string()).or_default();
        for value in values.iter().filter(|v| v.as_str() != MISSING) {
            assert!(
                text != MISSING && text.contains(value.as_str()),
                "{}: row {labels:?}, column {header:?} shows {text:?}, but the JSON holds {value}",
                self.name
            );
            *count += 1;
        }
    }

    /// Asserts that every column [`Table::shows`] was asked about compared at least one figure:
    /// a key the JSON never has (a typo here, or a rename there) reads as [`MISSING`] everywhere
    /// and would otherwise check nothing.
    pub(super) fn every_column_compared(&self) {
        let compared = self.compared.borrow();
        assert!(!compared.is_empty(), "{}: nothing was compared", self.name);
        for (header, count) in compared.iter() {
            assert!(
                *count > 0,
                "{}: column {header:?} compared no figure: the JSON never holds it",
                self.name
            );
        }
    }
}

/// Labels from pairs of header and JSON value (strings as they are, numbers as printed).
fn labels<'a>(pairs: &[(&'a str, &Value)]) -> Vec<(&'a str, String)> {
    pairs.iter().map(|(h, v)| (*h, v.as_str().map_or_else(|| num(v), str::to_string))).collect()
}

/// `num` of each field of `v`.
fn nums(v: &Value, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| num(&v[*k])).collect()
}

/// BENCHMARKS.md must be what the committed raw results produce.
#[test]
fn benchmarks_md_is_generated_from_the_committed_results() {
    let results = committed();
    let committed =
        std::fs::read_to_string(crate::root().join("BENCHMARKS.md")).expect("BENCHMARKS.md exists");
    assert!(committed == markdown(&results), "BENCHMARKS.md is stale: run `cargo xtask bench report`");
}

#[test]
fn goals_show_their_values_and_targets() {
    let r = committed();
    let t = Table::after(&markdown(&r), "## Goals");
    for g in crate::bench::PARTS.iter().flat_map(|part| some(&r[*part]["goals"], &format!("{part} goals"))) {
        let row = [("goal", cell(text(&g["name"])))];
        t.shows(&row, "value", &[num(&g["value"])]);
        t.shows(&row, "target", &[num(&g["target"])]);
        if g["met"] == false && g["value"].is_number() {
            t.shows(&row, "by how much", &["**".into()]);
        }
    }
    t.every_column_compared();
}

#[test]
fn sizes_show_every_file_total_byte_before_the_thread_and_twiggy_item() {
    let r = committed();
    let (md, s) = (markdown(&r), &r["sizes"]);
    let files = Table::after(&md, "## Transfer size");
    for sys in some(&s["systems"], "size systems") {
        let rows =
            some(&sys["files"], "files of a size system").iter().map(|f| (text(&f["part"]).to_string(), f));
        for (part, f) in rows.chain(std::iter::once(("total".to_string(), &sys["total"]))) {
            let row = [("system", text(&sys["system"]).to_string()), ("file", part)];
            for (key, header) in [("raw", "raw"), ("gzip", "gzip -9"), ("brotli", "brotli")] {
                t_shows(&files, &row, header, &f[key]);
            }
        }
    }
    let widget = &s["threadline_widget"];
    let row = [("system", "threadline".into()), ("file", format!("widget ({})", text(&widget["parts"])))];
    t_shows(&files, &row, "brotli", &widget["brotli"]);

    let before = Table::after(&md, "**Bytes before the reader reaches the thread**");
    for res in some(&s["bytes_before_thread"]["results"], "bytes before the thread") {
        for (key, when) in [("before_scroll", "before scroll"), ("after_scroll", "after scroll")] {
            let row = [("system", text(&res["system"]).to_string()), ("when", when.to_string())];
            for (field, header) in
                [("requests", "requests"), ("raw", "raw"), ("gzip", "gzip -9"), ("brotli", "brotli")]
            {
                t_shows(&before, &row, header, &res[key][field]);
            }
            assert!(!before.row(&row)[before.column("what is counted")].is_empty());
        }
    }

    let twiggy = Table::after(&md, "**Largest items in the wasm**");
    for (i, item) in some(&s["twiggy"]["top"], "twiggy top").iter().take(15).enumerate() {
        let row = [("#", (i + 1).to_string())];
        t_shows(&twiggy, &row, "bytes", &item["bytes"]);
        t_shows(&twiggy, &row, "% of shipped wasm", &item["percent_of_shipped_wasm"]);
    }
    for table in [files, before, twiggy] {
        table.every_column_compared();
    }

    let owners = &s["twiggy_owners"];
    assert!(owners.is_object(), "results.json has no owner table");
    let table = Table::after(&md, "**Where each bundle's wasm goes, by owner**");
    for row in some(&owners["rows"], "owner rows") {
        for bundle in some(&owners["bundles"], "owner bundles") {
            let row_key = [("owner", cell(text(&row["owner"])))];
            t_shows(&table, &row_key, &format!("{} bytes", text(bundle)), &row["bytes"][text(bundle)]);
            table.shows(
                &row_key,
                &format!("{} %", text(bundle)),
                &[format!("{} %", num(&row["percent"][text(bundle)]))],
            );
        }
    }
    for bundle in some(&owners["bundles"], "owner bundles") {
        t_shows(
            &table,
            &[("owner", "all of it".into())],
            &format!("{} bytes", text(bundle)),
            &owners["totals"][text(bundle)],
        );
    }
    table.every_column_compared();
}

/// [`Table::shows`] of one JSON value.
pub(super) fn t_shows(t: &Table, row: &[(&str, String)], header: &str, value: &Value) {
    t.shows(row, header, &[num(value)]);
}

#[test]
fn render_shows_every_cell_with_min_max_and_memory() {
    let r = committed();
    let md = markdown(&r);
    let (matrix, details) =
        (Table::after(&md, "## Render time"), Table::after(&md, "**Every cell in detail"));
    for c in some(&r["render"]["cells"], "render cells") {
        let key = [("system", &c["system"]), ("backend", &c["backend"]), ("shown", &c["mode"])];
        let column = format!("{} comments", num(&c["size"]));
        let times = nums(c, &["median_ms", "min_ms", "max_ms"]);
        matrix.shows(&labels(&key), &column, &times);
        if !c["median_ms"].is_number() {
            matrix.shows(&labels(&key), &column, &["failed".into()]);
        }
        let row = labels(&[key[0], key[1], key[2], ("thread", &c["size"])]);
        details.shows(&row, "rendered ms", &times);
        details.shows(&row, "comments in DOM", &[num(&c["expected"])]);
        details.shows(&row, "API answered ms", &[num(&c["api_end_median_ms"])]);
        details.shows(&row, "JS heap MB", &[mb(&c["js_heap_used_median_bytes"])]);
        details.shows(&row, "wasm memory MB", &[mb(&c["wasm_memory_median_bytes"])]);
        if arr(&c["runs"]).iter().any(|run| run["ok"] == true && run["first_ms"].is_number()) {
            details.shows(&row, "first comments visible ms", &["(".into()]);
        }
    }
    let threads = Table::after(&md, "**The generated threads");
    let generated = r["render"]["threads"].as_object().expect("results.json has render threads");
    assert!(!generated.is_empty(), "results.json has no render threads");
    for t in generated.values() {
        let row = labels(&[("comments", &t["comments"])]);
        threads.shows(&row, "top-level", &[num(&t["top_level"])]);
        threads.shows(&row, "mean text chars", &[num(&t["mean_text_chars"])]);
    }
    for table in [matrix, details, threads] {
        table.every_column_compared();
    }
}

#[test]
fn load_shows_every_cell_with_min_max() {
    let r = committed();
    let md = markdown(&r);
    let table = Table::after(&md, "## Servers under load");
    for c in some(&r["load"]["load"], "load cells") {
        let row = labels(&[
            ("server", &c["server"]),
            ("scenario", &c["scenario"]),
            ("connections", &c["connections"]),
        ]);
        table.shows(&row, "req/s", &nums(c, &["req_s", "req_s_min", "req_s_max"]));
        table.shows(&row, "p50 ms", &nums(c, &["p50_ms", "p50_ms_min", "p50_ms_max"]));
        table.shows(&row, "p99 ms", &nums(c, &["p99_ms", "p99_ms_min", "p99_ms_max"]));
        table.shows(&row, "runs", &[num(&c["runs"])]);
        table.shows(&row, "5xx", &[num(&c["errors_5xx"])]);
        table.shows(&row, "RSS MB", &[num(&c["rss_mb"])]);
        table.shows(&row, "CPU µs per answer", &[num(&c["cpu_us_per_req"])]);
    }
    let race = Table::after(&md, "**Concurrent first comments");
    for c in some(&r["load"]["first_comment_race"], "first-comment race") {
        let row = labels(&[("server", &c["server"])]);
        race.shows(&row, "requests", &[num(&c["requests"])]);
        race.shows(&row, "5xx", &[num(&c["status_5xx"])]);
    }
    table.every_column_compared();
    race.every_column_compared();
}

#[test]
fn screening_shows_every_rate_and_both_post_rates() {
    let r = committed();
    let (md, s) = (markdown(&r), &r["screening"]);
    let (classes, langs) =
        (Table::after(&md, "**Hold rates by class"), Table::after(&md, "**Hold rates by language"));
    let groups = some(&s["rates"]["sets"], "screening sets").iter().map(|g| (&classes, g, "all".to_string()));
    let groups = groups
        .chain(
            some(&s["rates"]["classes"], "screening classes")
                .iter()
                .map(|g| (&classes, g, text(&g["class"]).into())),
        )
        .chain(
            some(&s["rates"]["langs"], "screening languages")
                .iter()
                .map(|g| (&langs, g, text(&g["lang"]).into())),
        );
    for (table, g, group) in groups {
        let header = if std::ptr::eq(table, &langs) { "language" } else { "class" };
        let row = [("set", text(&g["set"]).to_string()), (header, group)];
        table.shows(&row, "comments", &[num(&g["total"])]);
        for (pct, count, column) in [
            ("held_pct", "held", "held by the screen"),
            ("rustrict_held_pct", "rustrict_held", "held by rustrict alone"),
        ] {
            // Percent with one decimal, then the count in parentheses.
            let figures = g[pct].as_f64().map(|p| vec![format!("{p:.1} %"), format!("({})", num(&g[count]))]);
            table.shows(&row, column, &figures.unwrap_or_else(|| vec![MISSING.into()]));
        }
    }
    let posts = Table::after(&md, "**Posting with screening on and off");
    for p in some(&s["posts"], "screening posts") {
        let row = labels(&[("connections", &p["connections"])]);
        for (side, on) in [("on", &p["on"]), ("off", &p["off"])] {
            posts.shows(&row, &format!("req/s, {side}"), &nums(on, &["req_s", "req_s_min", "req_s_max"]));
            posts.shows(&row, &format!("p99 ms, {side}"), &nums(on, &["p99_ms", "p99_ms_min", "p99_ms_max"]));
            posts.shows(&row, &format!("CPU µs per post, {side}"), &[num(&on["cpu_us_per_req"])]);
            if let (Some(requests), Some(non2xx)) = (on["requests"].as_u64(), on["non2xx"].as_u64()) {
                let answered = (requests - non2xx).to_string();
                posts.shows(&row, &format!("published, {side}"), &[num(&on["published"]), answered]);
            }
        }
        posts.shows(&row, "on ÷ off", &[num(&p["ratio"])]);
        let verdict = if p["met"] == true { "met" } else { "**missed**" };
        let target = p["target"].as_str().expect("a posts row names its target");
        posts.shows(&row, "goal", &[verdict.to_string(), target.to_string()]);
    }
    for table in [classes, langs, posts] {
        table.every_column_compared();
    }
}

/// The checks above catch a report that reads keys the JSON does not have, as the first one did.
#[test]
fn a_cell_reading_the_wrong_key_fails_the_check() {
    let md = "**Bytes**\n\n| system | bytes |\n| --- | ---: |\n| isso | – |\n";
    let t = Table::after(md, "**Bytes**");
    let row = [("system", "isso".to_string())];
    t.shows(&row, "bytes", &[MISSING.into()]);
    let caught = catch_unwind(AssertUnwindSafe(|| t.shows(&row, "bytes", &["27713".into()])));
    assert!(caught.is_err(), "a \"–\" where the JSON holds 27713 must fail");
}

/// A key the JSON never holds (the test's typo, or a rename in the measuring code) reads as
/// [`MISSING`] in every row; the column check turns that from "nothing compared" into a failure.
#[test]
fn a_column_the_json_never_holds_fails_the_check() {
    let md = "**Bytes**\n\n| system | bytes | gzip |\n| --- | ---: | ---: |\n| isso | 27713 | – |\n";
    let t = Table::after(md, "**Bytes**");
    let row = [("system", "isso".to_string())];
    let json = serde_json::json!({ "bytes": 27713 });
    t_shows(&t, &row, "bytes", &json["bytes"]);
    t.every_column_compared();
    t_shows(&t, &row, "gzip", &json["gzip_typo"]);
    let caught = catch_unwind(AssertUnwindSafe(|| t.every_column_compared()));
    assert!(caught.is_err(), "a column that compared nothing must fail");
}
