//! Part 4 of `cargo xtask bench`: the screening of new comments (issue 11).
//!
//! Two things, neither of which the other parts measure:
//!
//! - **Hold rates** on the labelled corpus (`server/tests/corpus/screening.jsonl`), per set,
//!   class and language, for the built-in screen and for rustrict alone. They come from the
//!   release server binary itself (`threadline-server screen-report`, JSON on stdout), so they
//!   are the shipped screen's, computed by the same function whose floors `cargo xtask test`
//!   asserts.
//! - **Posting with screening on and off** (`load::screening_posts`): the rate of posts with
//!   the built-in screen ÷ the rate with the site's screening off, at every connection count.
//!
//! Writes `screening.json`: `rates` (the server's report as it printed it), `posts`, `goals`
//! and `notes`. `cargo xtask bench screening` runs this part alone (about two minutes).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{json, Value};

use super::load;
use crate::Result;

/// The corpus, relative to the workspace root (the server is run from there, so the report
/// names it the same way on every machine).
const CORPUS: &str = "server/tests/corpus/screening.jsonl";

/// The floors of issue 11, which `cargo xtask test` asserts too (percent of the set held).
const ABUSIVE_MIN_PCT: f64 = 90.0;
const ACCEPTABLE_MAX_PCT: f64 = 5.0;

/// Measures the part and writes `out/screening.json`.
pub fn run(out: &Path) -> Result {
    let started = Instant::now();
    let threadline = load::build_threadline()?;
    let rates = screen_report(&threadline)?;
    print_rates(&rates);
    let posts = load::screening_posts()?;

    let mut goals = rate_goals(&rates)?;
    goals.extend(posts["goals"].as_array().cloned().unwrap_or_default());
    for g in &goals {
        let met = if g["met"] == true { "met " } else { "MISS" };
        println!(
            "  [{met}] {:<58} {:>8}  (target {})",
            g["name"].as_str().unwrap_or(""),
            g["value"],
            g["target"]
        );
    }
    let mut notes = vec![format!(
        "Hold rates: `threadline-server screen-report --corpus {CORPUS}` (the release build), which screens every \
         comment of the corpus with the built-in settings a site gets when it has none, and checks the same text \
         (comment, author and website together) with rustrict alone (`is_inappropriate`). A comment counts as held \
         when the screen's verdict is hold or reject. One pass of the screen over the corpus took {} µs per comment \
         on average (wall time, one thread).",
        rates["check_us_mean"].as_f64().map_or_else(|| "?".to_owned(), |us| format!("{us:.1}"))
    )];
    notes.push(
        "The corpus is the one the screen was written against, so its rates show that every case it covers is \
         handled, not how the screen does on comments it has never seen (issue 11 measures that separately)."
            .to_owned(),
    );
    notes.extend(
        posts["notes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned)),
    );
    let json = json!({
        "rates": rates,
        "posts": posts["posts"],
        "goals": goals,
        "notes": notes,
        "seconds": started.elapsed().as_secs(),
    });
    let path = out.join("screening.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json)? + "\n")?;
    println!("\nwrote {} in {:.0} s", path.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Runs `threadline-server screen-report` on [`CORPUS`] and parses its JSON.
fn screen_report(threadline: &Path) -> Result<Value> {
    let output = Command::new(threadline)
        .args(["screen-report", "--corpus", CORPUS])
        .current_dir(crate::root())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", threadline.display()))?;
    if !output.status.success() {
        return Err(format!(
            "screen-report failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    let rates: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("screen-report's JSON: {e}"))?;
    if rates["sets"].as_array().is_none_or(Vec::is_empty) {
        return Err("screen-report printed no sets".into());
    }
    Ok(rates)
}

/// The share of `set` held by the screen, in percent.
fn held_pct(rates: &Value, set: &str) -> Result<f64> {
    let row = rates["sets"].as_array().into_iter().flatten().find(|r| r["set"] == set);
    row.and_then(|r| r["held_pct"].as_f64()).ok_or_else(|| format!("screen-report has no {set} set").into())
}

/// The floors of issue 11 as goals, with rustrict's rate beside each.
fn rate_goals(rates: &Value) -> Result<Vec<Value>> {
    let rustrict = |set: &str| {
        let row = rates["sets"].as_array().into_iter().flatten().find(|r| r["set"] == set);
        row.map_or(Value::Null, |r| r["rustrict_held_pct"].clone())
    };
    let abusive = held_pct(rates, "abusive")?;
    let acceptable = held_pct(rates, "acceptable")?;
    Ok(vec![
        json!({
            "name": "abusive corpus comments held by the screen (%)",
            "value": abusive,
            "target": format!(">= {ABUSIVE_MIN_PCT}"),
            "met": abusive >= ABUSIVE_MIN_PCT,
            "rustrict_alone_pct": rustrict("abusive"),
        }),
        json!({
            "name": "acceptable corpus comments held by the screen (%)",
            "value": acceptable,
            "target": format!("<= {ACCEPTABLE_MAX_PCT}"),
            "met": acceptable <= ACCEPTABLE_MAX_PCT,
            "rustrict_alone_pct": rustrict("acceptable"),
        }),
    ])
}

/// The rates on the terminal, one line per set, class and language.
fn print_rates(rates: &Value) {
    crate::header("bench: screening hold rates");
    println!("{:<11} {:<28} {:>4} {:>8} {:>9}", "set", "group", "n", "screen", "rustrict");
    for (key, label) in [("sets", ""), ("classes", "class"), ("langs", "lang")] {
        for row in rates[key].as_array().into_iter().flatten() {
            let group = if label.is_empty() {
                "all".to_owned()
            } else {
                format!("{label}:{}", row[label].as_str().unwrap_or("?"))
            };
            println!(
                "{:<11} {:<28} {:>4} {:>7}% {:>8}%",
                row["set"].as_str().unwrap_or("?"),
                group,
                row["total"],
                row["held_pct"],
                row["rustrict_held_pct"]
            );
        }
    }
}
