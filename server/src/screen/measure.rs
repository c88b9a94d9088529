//! Hold rates on a labelled corpus, for the screen and for rustrict alone.
//!
//! The corpus is JSON Lines, one comment per line:
//! `{"set":"abusive","class":"dehumanising","lang":"fr","text":"…"}` with optional `author`
//! and `website`. The integration test asserts floors on these rates; `cargo xtask bench`
//! prints the same table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{rustrict_signal, Screen, Submission};

/// Which side of the corpus a sample is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Set {
    /// Should be held.
    Abusive,
    /// Should be published.
    Acceptable,
}

/// One labelled comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// Abusive or acceptable.
    pub set: Set,
    /// The kind of comment, e.g. `dehumanising` or `scunthorpe-names`.
    pub class: String,
    /// Language code.
    pub lang: String,
    /// The comment text.
    pub text: String,
    /// The author's name (empty when the sample is about the text).
    #[serde(default)]
    pub author: String,
    /// The author's website.
    #[serde(default)]
    pub website: Option<String>,
}

/// A corpus line that is not a valid sample.
#[derive(Debug, thiserror::Error)]
#[error("corpus line {line}: {source}")]
pub struct CorpusError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    #[source]
    pub source: serde_json::Error,
}

/// Reads a JSON Lines corpus; blank lines are skipped.
pub fn parse(jsonl: &str) -> Result<Vec<Sample>, CorpusError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|source| CorpusError { line: i + 1, source }))
        .collect()
}

/// Held counts of one group of samples.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Samples in the group.
    pub total: usize,
    /// Held by the screen.
    pub held: usize,
    /// Held by rustrict alone (`is_inappropriate`).
    pub rustrict_held: usize,
}

impl Tally {
    /// Share held by the screen, 0 to 1.
    pub fn rate(&self) -> f64 {
        ratio(self.held, self.total)
    }

    /// Share held by rustrict alone, 0 to 1.
    pub fn rustrict_rate(&self) -> f64 {
        ratio(self.rustrict_held, self.total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A sample the screen got wrong.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The sample.
    pub sample: Sample,
    /// The verdict's reasons (empty for an abusive sample let through).
    pub reasons: String,
}

/// Hold rates overall, per class and per language, for both sets.
#[derive(Debug, Clone, Default)]
pub struct Rates {
    /// Per set.
    pub sets: BTreeMap<Set, Tally>,
    /// Per (set, class).
    pub classes: BTreeMap<(Set, String), Tally>,
    /// Per (set, language).
    pub langs: BTreeMap<(Set, String), Tally>,
    /// Abusive samples let through and acceptable samples held.
    pub misses: Vec<Miss>,
}

impl Rates {
    /// The tally of one set.
    pub fn set(&self, set: Set) -> Tally {
        self.sets.get(&set).copied().unwrap_or_default()
    }

    /// A plain-text table: one row per set, class and language.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{:<11} {:<28} {:>4} {:>7} {:>9}", "set", "group", "n", "screen", "rustrict");
        let mut row = |set: Set, group: &str, t: &Tally| {
            let _ = writeln!(
                out,
                "{:<11} {:<28} {:>4} {:>6.1}% {:>8.1}%",
                format!("{set:?}").to_lowercase(),
                group,
                t.total,
                100.0 * t.rate(),
                100.0 * t.rustrict_rate()
            );
        };
        for (set, t) in &self.sets {
            row(*set, "ALL", t);
        }
        for ((set, class), t) in &self.classes {
            row(*set, &format!("class:{class}"), t);
        }
        for ((set, lang), t) in &self.langs {
            row(*set, &format!("lang:{lang}"), t);
        }
        out
    }
}

/// Screens every sample and counts what is held, by the screen and by rustrict alone.
pub fn rates(screen: &Screen, samples: &[Sample]) -> Rates {
    let mut rates = Rates::default();
    for s in samples {
        let verdict =
            screen.check(&Submission { text: &s.text, author: &s.author, website: s.website.as_deref() });
        let held = verdict.is_held();
        let alone = rustrict_signal::alone(&format!(
            "{} {} {}",
            s.text,
            s.author,
            s.website.as_deref().unwrap_or("")
        ));
        for t in [
            rates.sets.entry(s.set).or_default(),
            rates.classes.entry((s.set, s.class.clone())).or_default(),
            rates.langs.entry((s.set, s.lang.clone())).or_default(),
        ] {
            t.total += 1;
            t.held += usize::from(held);
            t.rustrict_held += usize::from(alone);
        }
        if held != (s.set == Set::Abusive) {
            rates.misses.push(Miss { sample: s.clone(), reasons: verdict.reason_text() });
        }
    }
    rates
}
