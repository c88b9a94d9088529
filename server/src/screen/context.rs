//! Context around a match, from the cue words the lexicon found: is an insult aimed at
//! someone, is a word only quoted in order to condemn it, is a threat only reported, is a
//! rude-looking word a name or a medical term.
//!
//! These are the judgements a word list alone gets wrong, in both directions: `you are an
//! idiot` and `the idiot mayor` share a word; `calling someone "X" is unacceptable` and
//! `X!` share a slur; `the militants vowed to kill all…` and `kill all…` share a threat.

use std::ops::Range;

use super::lang::Kind;
use super::lexicon::{Hit, Lexicon, Source};
use super::normalize::{Mark, Normalized};

/// Words between a second-person word and the insult it aims (`you are such a complete X`).
const ADDRESS_BEFORE: usize = 4;
/// Words after an insult that may still name its target (`идиот ты`, `aptal mısın sen`).
const ADDRESS_AFTER: usize = 2;
/// Words after a reporting or negating cue that it still governs (`vowed on Monday to kill`).
const REPORT_REACH: usize = 6;
/// Words after `called` that are the name someone was called.
const NAMING_REACH: usize = 3;

/// Cue positions and per-token flags for one text.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    n: &'a Normalized,
    safe: Vec<bool>,
    addressees: Vec<(usize, &'static str, bool)>,
    vocatives: Vec<(usize, &'static str)>,
    exclamatives: Vec<(usize, &'static str)>,
    reports: Vec<usize>,
    qualifiers: Vec<usize>,
    named: Vec<bool>,
    condemned: Vec<u32>,
    listed: Vec<bool>,
    votes: Vec<(&'static str, usize)>,
}

impl<'a> Context<'a> {
    /// Collects the cues among `hits`.
    pub fn new(n: &'a Normalized, hits: &[Hit], lexicon: &Lexicon) -> Self {
        let len = n.tokens.len();
        let mut cx = Context {
            n,
            safe: vec![false; len],
            addressees: Vec::new(),
            vocatives: Vec::new(),
            exclamatives: Vec::new(),
            reports: Vec::new(),
            qualifiers: Vec::new(),
            named: vec![false; len],
            condemned: Vec::new(),
            listed: vec![false; len],
            votes: Vec::new(),
        };
        for hit in hits {
            let entry = lexicon.entry(hit.entry);
            let t = hit.tokens.clone();
            match entry.source {
                Source::Allow | Source::Builtin(Kind::Safe) => cx.safe[t].fill(true),
                Source::Builtin(Kind::NameWord) if cx.is_name(t.start) => cx.safe[t].fill(true),
                Source::Builtin(Kind::Addressee) => {
                    // A phrase (`whoever wrote this`) aims at what follows its last word too.
                    cx.addressees.push((t.start, entry.lang, entry.suffix));
                    if t.len() > 1 {
                        cx.addressees.push((t.end - 1, entry.lang, entry.suffix));
                    }
                }
                Source::Builtin(Kind::Vocative) => cx.vocatives.push((t.end - 1, entry.lang)),
                Source::Builtin(Kind::Exclamative) => cx.exclamatives.push((t.end - 1, entry.lang)),
                Source::Builtin(Kind::Report) => cx.reports.push(t.end - 1),
                Source::Builtin(Kind::Qualifier) => cx.qualifiers.push(t.start),
                Source::Builtin(Kind::Naming) => {
                    let end = (t.end + NAMING_REACH).min(len);
                    cx.named[t.end..end].fill(true);
                }
                Source::Builtin(Kind::Condemn) => cx.condemned.push(n.tokens[t.start].sentence),
                Source::Builtin(Kind::Abuse(..)) => cx.listed[t].fill(true),
                Source::Builtin(Kind::Common) => match cx.votes.iter_mut().find(|v| v.0 == entry.lang) {
                    Some(v) => v.1 += 1,
                    None => cx.votes.push((entry.lang, 1)),
                },
                _ => {}
            }
        }
        cx
    }

    /// A first name that is also a rude word, written as part of a full name (`Dick Smith`).
    fn is_name(&self, i: usize) -> bool {
        let t = &self.n.tokens;
        let capital_word = |j: usize| t.get(j).is_some_and(|w| w.mark == Mark::Word && w.capital);
        t[i].capital && (capital_word(i + 1) || i > 0 && capital_word(i - 1) && !self.is_addressee_at(i - 1))
    }

    fn is_addressee_at(&self, i: usize) -> bool {
        self.addressees.iter().any(|&(a, _, suffix)| a == i && !suffix)
    }

    /// Every word of the range is a name, a medical or news word, or on the allow list.
    pub fn all_safe(&self, r: Range<usize>) -> bool {
        self.words(r.clone()).all(|i| self.safe[i]) && !r.is_empty()
    }

    /// Whether a token must be hidden from rustrict: safe, a condemned mention, or in our
    /// own lists, which know its language and severity better (`joder` is mild in Spanish).
    pub fn masked(&self, i: usize) -> bool {
        self.safe[i] || self.listed[i] || self.is_condemned_mention(i..i + 1)
    }

    /// The text is mostly in another language than English (by its frequent words), where
    /// rustrict's English lists misfire (Turkish `çok`).
    pub fn is_foreign(&self) -> bool {
        let english = self.votes.iter().find(|v| v.0 == "en").map_or(0, |v| v.1);
        self.votes.iter().any(|&(lang, n)| lang != "en" && n > english && (n >= 2 || english == 0))
    }

    fn words(&self, r: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        r.filter(|&i| self.n.tokens[i].mark == Mark::Word)
    }

    /// The range is quoted (or follows `called`) in a sentence that condemns it, or next to
    /// one. For a pattern (`refugees were "rats"`) one quoted word is enough: the quote is
    /// what it reports.
    pub fn is_condemned_mention(&self, r: Range<usize>) -> bool {
        self.condemned_mention(r, false)
    }

    /// [`Self::is_condemned_mention`] for a pattern match.
    pub fn is_condemned_quote_in(&self, r: Range<usize>) -> bool {
        self.condemned_mention(r, true)
    }

    fn condemned_mention(&self, r: Range<usize>, any: bool) -> bool {
        let t = &self.n.tokens;
        let quoted = |i: usize| t[i].quoted || self.named[i];
        let mentioned =
            if any { self.words(r.clone()).any(quoted) } else { self.words(r.clone()).all(quoted) };
        let Some(first) = t.get(r.start) else { return false };
        let s = first.sentence;
        mentioned && !r.is_empty() && self.condemned.iter().any(|&c| c == s || c + 1 == s || c == s + 1)
    }

    /// A reporting verb or a negation governs the range (`vowed to`, `accused of`, `nobody`):
    /// it stands shortly before it, in the same clause; or a qualifying cue follows the range
    /// at once (`expulser les étrangers condamnés`: those convicted, not a whole group).
    pub fn is_reported(&self, r: Range<usize>) -> bool {
        let t = &self.n.tokens;
        self.reports.iter().any(|&c| {
            c < r.start
                && t[c + 1..r.start].iter().all(|x| x.mark == Mark::Word)
                && r.start - c - 1 <= REPORT_REACH
        }) || self.qualifiers.contains(&r.end)
    }

    /// An insult in the range is aimed at someone: a second-person word of the same
    /// language close by, a vocative cue just before it, a second-person suffix on it, or
    /// the vocative position itself (`…, idiot.`).
    pub fn is_addressed(&self, r: Range<usize>, lang: &str) -> bool {
        let t = &self.n.tokens;
        let same_clause_words = |a: usize, b: usize| -> Option<usize> {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            let crosses = t[lo + 1..hi].iter().any(|x| x.mark == Mark::Stop);
            // Elided and short function words (`n'`, `qu'`, `a`, `es`) do not count.
            (!crosses).then(|| self.words(lo + 1..hi).filter(|&i| t[i].norm.len() > 2).count())
        };
        let by_word = self.addressees.iter().any(|&(a, l, suffix)| {
            if l != lang {
                return false;
            }
            // A second-person suffix on the insult, or on the noun it qualifies (`cahil bir adamsın`).
            if suffix {
                return r.contains(&a)
                    || a >= r.end && same_clause_words(r.end - 1, a).is_some_and(|k| k < ADDRESS_AFTER);
            }
            if a < r.start {
                same_clause_words(a, r.start).is_some_and(|k| k <= ADDRESS_BEFORE)
            } else if a >= r.end {
                same_clause_words(r.end - 1, a).is_some_and(|k| k < ADDRESS_AFTER)
            } else {
                false
            }
        });
        // `hey idiot`, and `idiot, shut up`: a call or an order next to the insult.
        // Of the same language: French `hé` is English `he`.
        let by_vocative = self.vocatives.iter().any(|&(v, l)| {
            if l != lang {
                return false;
            }
            if v < r.start {
                same_clause_words(v, r.start).is_some_and(|k| k == 0)
            } else {
                v >= r.end && same_clause_words(r.end - 1, v).is_some_and(|k| k < ADDRESS_AFTER + 2)
            }
        });
        // `what a stupid little man you are.`
        let exclamative = lang == "en"
            && self.addressees.iter().any(|&(a, l, _)| {
                l == "en"
                    && a >= r.end
                    && same_clause_words(r.end - 1, a).is_some_and(|k| k <= 3)
                    && t.get(a + 1).is_some_and(|x| matches!(x.norm.as_str(), "are" | "re" | "r"))
                    && t.get(a + 2).is_some_and(|x| x.mark != Mark::Word)
            });
        // `What an idiot.`, `Was für ein Hohlkopf,`, `Какой же ты дебил`: the exclamation right
        // before the insult, which ends its clause (not `what a stupid idea`).
        let judged = self.exclamatives.iter().any(|&(e, l)| {
            l == lang
                && e < r.start
                && same_clause_words(e, r.start) == Some(0)
                && t.get(r.end).is_none_or(|x| x.mark != Mark::Word)
        });
        by_word || by_vocative || exclamative || judged || self.in_vocative_position(r)
    }

    /// `…, idiot.` or `Idiot, …`: the word stands alone as a form of address; or it is the
    /// whole comment (`Moron.`), a reply aimed at the comment it answers.
    fn in_vocative_position(&self, r: Range<usize>) -> bool {
        let t = &self.n.tokens;
        let before = r.start.checked_sub(1).map(|i| t[i].mark);
        let after = t.get(r.end).map(|x| x.mark);
        let whole_comment = r.start == 0
            && after == Some(Mark::Stop)
            && t.get(r.end + 1).is_none_or(|x| x.mark != Mark::Word);
        // A short clause cut off by a comma is a form of address (`…, pauvre crétin.`,
        // `…, salak herif.`, `Pauvre con, …`): the insult and at most one other word, so that
        // a noun with its adjective (`Una idea tonta, …`) is not one.
        let words_to = |from: usize, step_back: bool| {
            let mut k = 0;
            let mut i = from;
            loop {
                let Some(x) = t.get(i) else { return (k, None) };
                if x.mark != Mark::Word {
                    return (k, Some(x.mark));
                }
                k += 1;
                if step_back {
                    let Some(j) = i.checked_sub(1) else { return (k, None) };
                    i = j;
                } else {
                    i += 1;
                }
            }
        };
        let (k_before, start) = r.start.checked_sub(1).map_or((0, None), |i| words_to(i, true));
        let (k_after, end) = words_to(r.end, false);
        let short = k_before + k_after <= 1;
        let short_clause = short
            && matches!(
                (start, end),
                (Some(Mark::Comma), None | Some(Mark::Stop)) | (None | Some(Mark::Stop), Some(Mark::Comma))
            );
        whole_comment
            || matches!((before, after), (Some(Mark::Comma), None | Some(Mark::Stop)))
            || short_clause
            || matches!((before, after), (None | Some(Mark::Stop), Some(Mark::Comma)))
    }
}
