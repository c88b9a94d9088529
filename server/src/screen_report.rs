//! `threadline-server screen-report --corpus FILE`: the built-in screen's hold rates on a
//! labelled corpus, as JSON on stdout, for `cargo xtask bench`.
//!
//! The bench runs the release binary rather than a test so that it measures the screen as
//! shipped (same build, same default settings a site gets) and needs no test harness. The
//! rates come from [`measure::rates`], the same function whose floors `cargo test` asserts.
//! It touches no database: `main.rs` runs it before opening `--db`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::screen::measure::{self, Set, Tally};
use crate::screen::{Screen, ScreenConfig, Submission};

/// The arguments of `screen-report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ScreenReportArgs {
    /// The corpus: JSON Lines of `{"set","class","lang","text"}` (see `screen::measure`).
    #[arg(long, value_name = "FILE")]
    pub corpus: PathBuf,
}

/// At least this long is spent timing the screen, so that the mean is not one cold pass.
const TIMING_AT_LEAST: Duration = Duration::from_millis(500);

/// Screens every sample of the corpus with the built-in settings (what a site without
/// screening settings gets) and returns the report as pretty JSON, one line at the end.
pub fn run(args: &ScreenReportArgs) -> Result<String, Box<dyn std::error::Error>> {
    let raw = std::fs::read_to_string(&args.corpus)
        .map_err(|e| format!("cannot read {}: {e}", args.corpus.display()))?;
    let samples = measure::parse(&raw)?;
    if samples.is_empty() {
        return Err(format!("{}: no samples", args.corpus.display()).into());
    }
    let screen = Screen::new(&ScreenConfig::default());
    let rates = measure::rates(&screen, &samples);
    let report = json!({
        "corpus": args.corpus.display().to_string(),
        "samples": samples.len(),
        "settings": "built-in (a site with no screening settings)",
        "sets": rates.sets.iter().map(|(set, t)| tally(*set, None, t)).collect::<Vec<_>>(),
        "classes": rates.classes.iter().map(|((set, c), t)| tally(*set, Some(("class", c)), t)).collect::<Vec<_>>(),
        "langs": rates.langs.iter().map(|((set, l), t)| tally(*set, Some(("lang", l)), t)).collect::<Vec<_>>(),
        "check_us_mean": check_us_mean(&screen, &samples),
    });
    Ok(serde_json::to_string_pretty(&report)? + "\n")
}

/// One group's counts and rates (percent, one decimal) for the screen and rustrict alone.
fn tally(set: Set, group: Option<(&str, &String)>, t: &Tally) -> Value {
    let pct = |rate: f64| (rate * 1000.0).round() / 10.0;
    let mut row = json!({
        "set": match set { Set::Abusive => "abusive", Set::Acceptable => "acceptable" },
        "total": t.total,
        "held": t.held,
        "held_pct": pct(t.rate()),
        "rustrict_held": t.rustrict_held,
        "rustrict_held_pct": pct(t.rustrict_rate()),
    });
    if let Some((key, name)) = group {
        row[key] = json!(name);
    }
    row
}

/// Mean wall time of one [`Screen::check`] over the corpus, in µs (one decimal): what the
/// screen adds to a post, beside the post rates the bench measures with screening on and off.
/// The corpus is mostly short and half abusive, so this is an indication, not a post's cost.
fn check_us_mean(screen: &Screen, samples: &[measure::Sample]) -> f64 {
    let started = Instant::now();
    let mut checks = 0u64;
    while checks == 0 || started.elapsed() < TIMING_AT_LEAST {
        for s in samples {
            let verdict =
                screen.check(&Submission { text: &s.text, author: &s.author, website: s.website.as_deref() });
            // Keeps the optimiser from dropping a check whose verdict nobody reads.
            std::hint::black_box(verdict);
            checks += 1;
        }
    }
    let us = started.elapsed().as_secs_f64() * 1e6 / checks as f64;
    (us * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two samples: one of each set, in two classes and languages.
    const CORPUS: &str = "{\"set\":\"abusive\",\"class\":\"insult\",\"lang\":\"en\",\
        \"text\":\"You are an idiot and everyone here can see it.\"}\n\n\
        {\"set\":\"acceptable\",\"class\":\"opinion\",\"lang\":\"fr\",\"text\":\"Merci pour cet article très clair.\"}\n";

    /// The report holds what `measure::rates` counts, per set, class and language.
    #[test]
    fn report_counts_what_measure_counts() {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), CORPUS).expect("corpus written");
        let out = run(&ScreenReportArgs { corpus: file.path().into() }).expect("report");
        let report: Value = serde_json::from_str(&out).expect("JSON");
        let samples = measure::parse(CORPUS).expect("corpus parses");
        let rates = measure::rates(&Screen::new(&ScreenConfig::default()), &samples);
        assert_eq!(report["samples"], 2);
        for (set, name) in [(Set::Abusive, "abusive"), (Set::Acceptable, "acceptable")] {
            let t = rates.set(set);
            let sets = report["sets"].as_array().expect("sets");
            let row = sets.iter().find(|r| r["set"] == name).expect("a row per set");
            assert_eq!((row["total"].clone(), row["held"].clone()), (t.total.into(), t.held.into()));
            assert_eq!(row["rustrict_held"], t.rustrict_held);
            assert_eq!(row["held_pct"], (t.rate() * 1000.0).round() / 10.0);
        }
        assert_eq!(
            (&report["classes"][0]["class"], &report["classes"][0]["set"]),
            (&"insult".into(), &"abusive".into())
        );
        assert_eq!(
            (&report["langs"][1]["lang"], &report["langs"][1]["set"]),
            (&"fr".into(), &"acceptable".into())
        );
        assert!(report["check_us_mean"].as_f64().is_some_and(|us| us > 0.0));
    }

    #[test]
    fn a_missing_or_empty_corpus_is_an_error() {
        let missing = ScreenReportArgs { corpus: "/nonexistent/corpus.jsonl".into() };
        assert!(run(&missing).is_err());
        let empty = tempfile::NamedTempFile::new().expect("temp file");
        assert!(run(&ScreenReportArgs { corpus: empty.path().into() }).is_err());
    }
}
