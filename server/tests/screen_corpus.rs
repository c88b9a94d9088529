//! The screen on its labelled corpus (`tests/corpus/screening.jsonl`): hold rates overall,
//! per class and per language, beside rustrict alone, with floors from issue 11: at least
//! 90% of the abusive set held, at most 5% of the acceptable set.
//!
//! The corpus is what the rules were tuned on (the original 400 comments and six probe sets
//! written for the generalisation work, 2128 in all). `tests/corpus/screening-unseen.jsonl` is
//! a seventh set of 287 comments written after the last tuning round and never tuned on: its
//! rates are the honest estimate for new text, and its floors are set just below what it
//! measured.

use threadline_server::screen::measure::{self, Set};
use threadline_server::screen::{Screen, ScreenConfig};

const CORPUS: &str = include_str!("corpus/screening.jsonl");
const UNSEEN: &str = include_str!("corpus/screening-unseen.jsonl");

#[test]
fn corpus_has_both_sets_in_all_seven_languages() {
    let samples = measure::parse(CORPUS).expect("corpus parses");
    for set in [Set::Abusive, Set::Acceptable] {
        let n = samples.iter().filter(|s| s.set == set).count();
        assert!(n >= 150, "{set:?}: {n} samples, want at least 150");
        for lang in ["en", "ar", "fr", "de", "es", "tr", "ru"] {
            assert!(samples.iter().any(|s| s.set == set && s.lang == lang), "{set:?} has no {lang} sample");
        }
    }
}

#[test]
fn hold_rates_meet_the_floors() {
    let samples = measure::parse(CORPUS).expect("corpus parses");
    let screen = Screen::new(&ScreenConfig::default());
    let rates = measure::rates(&screen, &samples);
    println!("{}", rates.table());
    for miss in &rates.misses {
        println!(
            "MISS {:?} {} [{}] {:?} -> {}",
            miss.sample.set, miss.sample.class, miss.sample.lang, miss.sample.text, miss.reasons
        );
    }
    let abusive = rates.set(Set::Abusive);
    let acceptable = rates.set(Set::Acceptable);
    assert!(abusive.rate() >= 0.90, "abusive held {:.1}%, want >= 90%", 100.0 * abusive.rate());
    assert!(acceptable.rate() <= 0.05, "acceptable held {:.1}%, want <= 5%", 100.0 * acceptable.rate());
}

/// Probe 7, measured once after the sixth round and before any rule saw it: 57.8% of the
/// abusive set held (85 of 147), 7.1% of the acceptable set (10 of 140). Most false holds are
/// threat phrases in harmless use that the set was written to test ("Wir kommen am Wochenende
/// vorbei", "Sabemos donde vives gracias al formulario", "رح نوصلك للمطار"), a surname
/// (Connard), and a rustrict hit on Turkish `kilit`. Nothing was tuned on it since. Floors
/// leave a little room, not more.
#[test]
fn unseen_set_rates_meet_their_floors() {
    let samples = measure::parse(UNSEEN).expect("unseen set parses");
    let screen = Screen::new(&ScreenConfig::default());
    let rates = measure::rates(&screen, &samples);
    println!("{}", rates.table());
    for miss in &rates.misses {
        println!(
            "UNSEEN MISS {:?} {} [{}] {:?} -> {}",
            miss.sample.set, miss.sample.class, miss.sample.lang, miss.sample.text, miss.reasons
        );
    }
    let abusive = rates.set(Set::Abusive);
    let acceptable = rates.set(Set::Acceptable);
    assert!(abusive.rate() >= 0.55, "unseen abusive held {:.1}%, want >= 55%", 100.0 * abusive.rate());
    assert!(
        acceptable.rate() <= 0.08,
        "unseen acceptable held {:.1}%, want <= 8%",
        100.0 * acceptable.rate()
    );
}

/// Measures any JSON-lines file named by `SCREEN_PROBE` (a fresh probe set, say) with the same
/// table and miss list; does nothing when the variable is unset.
#[test]
fn probe_file_from_env() {
    let Ok(path) = std::env::var("SCREEN_PROBE") else { return };
    let text = std::fs::read_to_string(&path).expect("probe file reads");
    let samples = measure::parse(&text).expect("probe file parses");
    let screen = Screen::new(&ScreenConfig::default());
    let rates = measure::rates(&screen, &samples);
    println!("{}", rates.table());
    for miss in &rates.misses {
        println!(
            "PROBE MISS {:?} {} [{}] {:?} -> {}",
            miss.sample.set, miss.sample.class, miss.sample.lang, miss.sample.text, miss.reasons
        );
    }
}
