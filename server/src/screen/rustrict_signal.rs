//! The `rustrict` crate as one signal, with its false positives taken out.
//!
//! rustrict matches substrings and knows no names, medicine or identity words: it flags
//! `Shitterton`, `Middlesex`, `penile`, `Jews` and `gay marriage`. So (1) the tokens that the
//! context calls safe (and condemned quotations) are blanked before rustrict sees the text,
//! and (2) a detection only counts when it starts at the start of a word and ends at its end
//! or before an inflection (`cocks`, `fucking`): a rude piece inside a longer word is the
//! Scunthorpe problem, not abuse. When some detections are dropped, rustrict runs again on
//! the text with them blanked, so its verdict covers only what counts.
//!
//! rustrict reads about 10 MB/s, which would be most of the cost of a post. The [`Gate`]
//! remembers which words rustrict flags on their own; a comment goes through rustrict only
//! when one of its words is such a word or when it shows signs of evasion (which rustrict
//! is good at), so ordinary comments skip it.

use std::ops::Range;

use quick_cache::sync::Cache;
use rustrict::{Censor, Type};
use unicode_normalization::char::{is_combining_mark, is_public_assigned};

use super::normalize::{is_ignorable, Mark, Normalized};

/// Endings a detection may leave uncovered and still be the same word.
const INFLECTIONS: &[&str] =
    &["s", "es", "ed", "er", "ers", "ing", "in", "y", "ies", "a", "o", "as", "os", "e", "en"];

/// Second halves of insulting compounds (`cumstain`, `jizzbag`): a detection at the start
/// of a word followed by one of these is the insult, unlike the `-terton` of `Shitterton`.
const COMPOUND_TAILS: &[&str] = &[
    "bag", "stain", "face", "head", "wad", "wit", "hole", "bucket", "sack", "stick", "muncher", "licker",
    "sucker", "lord", "nugget", "brain", "breath", "waffle", "bird", "tard", "goblin", "monkey", "weasel",
    "knob", "rag", "pants", "gobbler", "dumpster", "lover", "boy", "girl",
];

/// What rustrict found, restricted to whole words.
#[derive(Debug)]
pub(crate) struct Finding {
    /// rustrict's analysis of the text without the dropped detections.
    pub typ: Type,
    /// Byte ranges (in the original text) of the words it censored.
    pub words: Vec<Range<usize>>,
}

/// The categories rustrict reports that count here: profanity, slurs, sexual, meanness.
/// Its `SPAM` (shouting, repetition) fires on ordinary Russian and Arabic text, and
/// `EVASIVE` only qualifies the others.
pub(crate) fn counted() -> Type {
    (Type::PROFANE | Type::OFFENSIVE | Type::SEXUAL | Type::MEAN) & Type::MILD_OR_HIGHER
}

/// Distinct words remembered by the [`Gate`] (a few megabytes at most).
const WORDS_REMEMBERED: usize = 100_000;

/// Decides whether a text needs rustrict, from a cache of its verdicts on single words.
pub(crate) struct Gate {
    words: Cache<String, bool>,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate").field("words", &self.words.len()).finish()
    }
}

impl Gate {
    /// An empty cache.
    pub fn new() -> Self {
        Gate { words: Cache::new(WORDS_REMEMBERED) }
    }

    /// Whether rustrict must read the whole text: it hides words, or one of its Latin words
    /// (not masked) is one rustrict flags on its own.
    pub fn needs_rustrict(&self, n: &Normalized, masked: &dyn Fn(usize) -> bool) -> bool {
        n.evasive
            || n.tokens.iter().enumerate().any(|(i, t)| {
                t.mark == Mark::Word
                    && t.norm.bytes().any(|b| b.is_ascii_alphabetic())
                    && !masked(i)
                    && self.flags(&t.norm)
            })
    }

    fn flags(&self, word: &str) -> bool {
        if let Some(flagged) = self.words.get(word) {
            return flagged;
        }
        let flagged = Censor::from_str(word).analyze().is(counted());
        self.words.insert(word.to_owned(), flagged);
        flagged
    }
}

/// Runs rustrict over `text` with `masked` tokens blanked.
pub(crate) fn find(text: &str, n: &Normalized, masked: &dyn Fn(usize) -> bool) -> Option<Finding> {
    let mut blank: Vec<Range<usize>> =
        (0..n.tokens.len()).filter(|&i| masked(i)).map(|i| n.tokens[i].span.clone()).collect();
    let first = censor(text, &blank)?;
    let (good, bad) = classify_runs(text, n, &first.runs);
    if bad.is_empty() {
        return Some(Finding { typ: first.typ, words: good });
    }
    if good.is_empty() {
        return None;
    }
    blank.extend(bad);
    blank.sort_by_key(|r| r.start);
    let second = censor(text, &blank)?;
    let (good, _) = classify_runs(text, n, &second.runs);
    (!good.is_empty()).then_some(Finding { typ: second.typ, words: good })
}

struct Censored {
    typ: Type,
    /// Censored stretches as byte ranges of the original text, or nothing when the
    /// censored output could not be aligned with the input.
    runs: Vec<Range<usize>>,
}

/// Feeds rustrict the text minus what it would strip anyway (accent marks, zero-width and
/// bidi characters), with blanked ranges as spaces, so that output characters line up with
/// input characters.
fn censor(text: &str, blank: &[Range<usize>]) -> Option<Censored> {
    let digits = long_digit_runs(text);
    let merged;
    let blank = if digits.is_empty() {
        blank
    } else {
        let mut all = blank.to_vec();
        all.extend(digits);
        all.sort_by_key(|r| r.start);
        merged = all;
        &merged[..]
    };
    let mut clean = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut b = 0;
    for (i, c) in text.char_indices() {
        if is_ignorable(c) || is_combining_mark(c) || !is_public_assigned(c) {
            continue;
        }
        while blank.get(b).is_some_and(|r| r.end <= i) {
            b += 1;
        }
        let blanked = blank.get(b).is_some_and(|r| r.contains(&i));
        clean.push(if blanked { ' ' } else { c });
        origin.push((i, c.len_utf8()));
    }
    let mut censor = Censor::from_str(&clean);
    censor.with_censor_threshold(counted()).with_censor_first_character_threshold(counted());
    let (out, typ) = censor.censor_and_analyze();
    if !typ.is(counted()) {
        return None;
    }
    let mut runs: Vec<Range<usize>> = Vec::new();
    if out.chars().count() == origin.len() {
        let mut last_star = None;
        for (k, (o, c)) in out.chars().zip(clean.chars()).enumerate() {
            if o == '*' && c != '*' && !c.is_whitespace() {
                let (at, len) = origin[k];
                match runs.last_mut() {
                    Some(r) if last_star == k.checked_sub(1) || is_gap(&out, &clean, last_star, k) => {
                        r.end = at + len
                    }
                    _ => runs.push(at..at + len),
                }
                last_star = Some(k);
            }
        }
    }
    Some(Censored { typ, runs })
}

/// Digits in a row from which on a run is a number (an order, a reference, an id) rather than
/// letters in disguise: leetspeak swaps single letters.
const LONG_DIGITS: usize = 5;

/// Byte ranges of runs of at least [`LONG_DIGITS`] ASCII digits. rustrict's search for
/// disguised words slows down steeply on long numbers (about 270 µs for a comment with a
/// 16-digit id, against 10 µs without), and a number cannot hide a word, so they reach
/// rustrict as spaces.
fn long_digit_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate().chain(std::iter::once((text.len(), b' '))) {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= LONG_DIGITS {
                    runs.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// Spaces censored between two censored letters belong to the same run (`f u c k`).
fn is_gap(out: &str, clean: &str, last: Option<usize>, k: usize) -> bool {
    let Some(last) = last else { return false };
    let between = out.chars().zip(clean.chars()).skip(last + 1).take(k - last - 1);
    between.clone().count() > 0 && between.clone().all(|(o, c)| o == '*' && c.is_whitespace())
}

/// Splits censored runs into whole-word detections and pieces of longer words.
fn classify_runs(
    text: &str,
    n: &Normalized,
    runs: &[Range<usize>],
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for run in runs {
        let words: Vec<&Range<usize>> = n
            .tokens
            .iter()
            .filter(|t| t.mark == Mark::Word && t.span.start < run.end && run.start < t.span.end)
            .map(|t| &t.span)
            .collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
        // A spelled-out word (`f u c k`) was joined by us; rustrict sees its own boundaries.
        if n.tokens.iter().any(|t| t.spelled && t.span.start < run.end && run.start < t.span.end) {
            good.push(first.start..last.end);
            continue;
        }
        // The run's offsets come from rustrict's output, not from our tokens: a run can start
        // before its first word or fall inside a character, so slice only where `get` allows
        // (a run we cannot place counts as a piece of a longer word, which holds nothing).
        let Some(before) = text.get(first.start..run.start.max(first.start)) else {
            bad.push(first.start..last.end);
            continue;
        };
        let Some(rest) = text.get(run.end.clamp(first.start, last.end)..last.end) else {
            bad.push(first.start..last.end);
            continue;
        };
        let starts_word = before.chars().all(|c| !c.is_alphanumeric());
        let rest = rest.to_lowercase();
        let compound = |tail: &&str| rest.strip_prefix(*tail).is_some_and(|r| r.is_empty() || r == "s");
        let ends_word =
            rest.is_empty() || INFLECTIONS.contains(&rest.as_str()) || COMPOUND_TAILS.iter().any(compound);
        if starts_word && ends_word {
            good.push(first.start..last.end);
        } else {
            bad.push(first.start..last.end);
        }
    }
    (good, bad)
}

/// rustrict alone, as its documentation recommends using it (`is_inappropriate`): the
/// baseline the corpus measurement compares against.
pub(crate) fn alone(text: &str) -> bool {
    Censor::from_str(text).analyze().is(Type::INAPPROPRIATE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_numbers_are_found_and_short_ones_left() {
        let text = "order 55512345678901, flight MH17, sh1t, c16-1764084000123123";
        let runs: Vec<&str> = long_digit_runs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(runs, ["55512345678901", "1764084000123123"]);
        assert!(long_digit_runs("12345").len() == 1 && long_digit_runs("1234 a1b2").is_empty());
    }
}
