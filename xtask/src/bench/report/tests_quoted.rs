//! Tests that the report's live-updates table shows every figure of the streams part, and that
//! the README quotes the committed screening rates (the helpers are `tests`' own).

use super::tests::{committed, some, t_shows, Table};
use super::*;

#[test]
fn live_updates_show_every_figure_of_the_streams_part() {
    let r = committed();
    let s = &r["streams"];
    assert!(s.is_object(), "results.json has no streams part");
    let md = markdown(&r);
    let table = Table::after(&md, "## Live updates");
    let row = [("streams", num(&s["streams"]))];
    for (header, value) in [
        ("posts", &s["posts"]),
        ("deliveries", &s["deliveries"]),
        ("missed", &s["missed"]),
        ("bytes per stream", &s["bytes_per_stream"]),
        ("post answered, median (ms)", &s["post_answer_ms"]["p50"]),
        ("post → event p50 (ms)", &s["delay_ms"]["p50"]),
        ("p90 (ms)", &s["delay_ms"]["p90"]),
        ("p99 (ms)", &s["delay_ms"]["p99"]),
        ("max (ms)", &s["delay_ms"]["max"]),
    ] {
        t_shows(&table, &row, header, value);
    }
    for (header, value) in
        [("server RSS idle (MB)", &s["rss_idle_bytes"]), ("with the streams (MB)", &s["rss_streams_bytes"])]
    {
        table.shows(&row, header, &[super::mb(value)]);
    }
    table.every_column_compared();
}

/// The README's Moderation section quotes the corpus hold rates; they must be the committed
/// bench's, so a new screening run that moves them fails here until the README says so too.
#[test]
fn the_readme_quotes_the_committed_hold_rates() {
    let r = committed();
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    for set in some(&r["screening"]["rates"]["sets"], "screening sets") {
        let total = set["total"].as_u64().expect("a count");
        let grouped =
            if total >= 1000 { format!("{},{:03}", total / 1000, total % 1000) } else { total.to_string() };
        let pct = |key: &str| format!("{:.1} %", set[key].as_f64().expect("a share"));
        let row = format!(
            "| {}, 7 languages | {grouped} | {} | {} |",
            text(&set["set"]),
            pct("held_pct"),
            pct("rustrict_held_pct")
        );
        assert!(readme.contains(&row), "README.md lacks {row:?}");
    }
}
