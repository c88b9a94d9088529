//! The word lists of every language and of the site, compiled into one Aho-Corasick automaton
//! that runs once over the normalised text.
//!
//! An entry becomes a pattern with a space on each side that must be a word boundary
//! (` con ` never matches inside ` second `); `*` at either end drops that space. The same
//! pattern may stand for several entries (`idiot` is English, French and German), so a
//! match yields one [`Hit`] per entry.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::lang::{Kind, Lang};
use super::normalize::{normalize, Mark, Normalized, MASK};
use super::verdict::Severity;

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A built-in list.
    Builtin(Kind),
    /// The site's allow list.
    Allow,
    /// The site's deny list.
    Deny,
}

/// One word-list entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// What it means.
    pub source: Source,
    /// Language code of a built-in entry, `site` for the site's lists.
    pub lang: &'static str,
    /// Whether the entry is a suffix (`*sin`): it describes the word it ends, nothing else.
    pub suffix: bool,
}

/// One entry found in a text.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// Index into [`Lexicon::entry`].
    pub entry: usize,
    /// The tokens it covers.
    pub tokens: Range<usize>,
}

/// All word lists, compiled.
#[derive(Debug)]
pub(crate) struct Lexicon {
    automaton: AhoCorasick,
    by_pattern: Vec<Vec<usize>>,
    entries: Vec<Entry>,
}

/// The pattern for one list item, or `None` when it has no letters.
fn pattern_for(item: &str) -> Option<(String, bool)> {
    let item = item.trim();
    let stem = item.ends_with('*');
    let suffix = item.starts_with('*');
    let body = item.trim_matches('*').replace('_', " ");
    let n = normalize(&body);
    let words: Vec<&str> =
        n.tokens.iter().filter(|t| t.mark == Mark::Word).map(|t| t.norm.as_str()).collect();
    if words.is_empty() {
        return None;
    }
    let lead = if suffix { "" } else { " " };
    let trail = if stem { "" } else { " " };
    Some((format!("{lead}{}{trail}", words.join(" ")), suffix))
}

impl Lexicon {
    /// Compiles the built-in lists of `langs` and the site's lists.
    pub fn new(langs: &[&Lang], allow: &[String], deny: &[String]) -> Self {
        let mut b = LexiconBuilder::default();
        for lang in langs {
            for &(kind, list) in lang.words {
                for item in list.split_whitespace() {
                    b.add(item, Source::Builtin(kind), lang.code);
                    // `و` (and) is written fused to the next word; the article is stripped
                    // from the text, the conjunction is added to the list instead.
                    // So is the vocative `يا` (`ياحمار`), which aims the word at someone.
                    if lang.code == "ar" && matches!(kind, Kind::Abuse(..)) && !item.starts_with('*') {
                        b.add(&format!("و{item}"), Source::Builtin(kind), lang.code);
                        if let Kind::Abuse(category, severity) = kind {
                            let called = Kind::Abuse(category, severity.max(Severity::Moderate));
                            b.add(&format!("يا{item}"), Source::Builtin(called), lang.code);
                        }
                    }
                }
            }
        }
        for item in allow {
            b.add(item, Source::Allow, "site");
        }
        for item in deny {
            b.add(item, Source::Deny, "site");
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&b.patterns)
            .expect("word lists compile into an automaton");
        Lexicon { automaton, by_pattern: b.by_pattern, entries: b.entries }
    }

    /// The entry of a hit.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// Every entry occurring in the text, overlaps included.
    pub fn scan(&self, n: &Normalized) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(&n.joined) {
            let tokens = n.tokens_in(m.range());
            if tokens.is_empty() {
                continue;
            }
            for &entry in &self.by_pattern[m.pattern().as_usize()] {
                hits.push(Hit { entry, tokens: tokens.clone() });
            }
        }
        hits
    }
}

#[derive(Default)]
struct LexiconBuilder {
    patterns: Vec<String>,
    index: HashMap<String, usize>,
    by_pattern: Vec<Vec<usize>>,
    entries: Vec<Entry>,
}

/// Vowels a writer may mask with `*` (`f*ck`, `p*ta`, `нах*й`), and `l`, which a `1` stands for
/// (`Arsch1och`); consonants carry the word.
fn is_maskable(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'l' | 'o' | 'u' | 'y' | 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я'
    )
}

/// The spellings of a pattern with one inner vowel of a word masked (`f*ck` for `fuck`), and
/// with two inner letters of a longer word masked by one run of stars (`fi**t` for `fickt`,
/// `h**ensohn`), which the text squeezes to one `*`.
fn masked_variants(pattern: &str) -> Vec<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let letter = |i: usize| chars.get(i).is_some_and(|c| c.is_alphabetic());
    let one =
        (1..chars.len()).filter(|&i| is_maskable(chars[i]) && letter(i - 1) && letter(i + 1)).map(|i| {
            let mut v = chars.clone();
            v[i] = MASK;
            v.into_iter().collect()
        });
    // Two masked letters need a word of four letters or more around them: `c**t` still
    // keeps two letters of `cunt`, but `a**` keeps too little to tell words apart.
    let word_len = |i: usize| {
        let start = (0..=i).rev().take_while(|&j| letter(j)).last().unwrap_or(i);
        (start..chars.len()).take_while(|&j| letter(j)).count()
    };
    let two = (1..chars.len().saturating_sub(1))
        .filter(|&i| letter(i - 1) && letter(i) && letter(i + 1) && letter(i + 2) && word_len(i) >= 4)
        .map(|i| {
            let mut v = chars.clone();
            v.splice(i..i + 2, [MASK]);
            v.into_iter().collect::<String>()
        });
    one.chain(two).collect()
}

impl LexiconBuilder {
    fn add(&mut self, item: &str, source: Source, lang: &'static str) {
        let Some((pattern, suffix)) = pattern_for(item) else { return };
        if matches!(source, Source::Builtin(Kind::Abuse(..)) | Source::Deny) {
            for masked in masked_variants(&pattern) {
                self.add_pattern(masked, suffix, source, lang);
            }
        }
        self.add_pattern(pattern, suffix, source, lang);
    }

    fn add_pattern(&mut self, pattern: String, suffix: bool, source: Source, lang: &'static str) {
        let id = *self.index.entry(pattern.clone()).or_insert_with(|| {
            self.patterns.push(pattern);
            self.by_pattern.push(Vec::new());
            self.by_pattern.len() - 1
        });
        // The same item twice in one language (e.g. a site list repeating a word) is one entry.
        let known = self.by_pattern[id]
            .iter()
            .any(|&e| self.entries[e].source == source && self.entries[e].lang == lang);
        if !known {
            self.entries.push(Entry { source, lang, suffix });
            self.by_pattern[id].push(self.entries.len() - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::lang::RuleDef;
    use crate::screen::verdict::{Category, Severity};

    const INSULT: Kind = Kind::Abuse(Category::Insult, Severity::Mild);

    static TEST: Lang = Lang {
        code: "xx",
        words: &[(INSULT, "con idiot* *arschloch fils_de_pute"), (Kind::Addressee, "*sin")],
        sets: &[],
        rules: &[] as &[RuleDef],
    };

    fn found(text: &str) -> Vec<String> {
        let lex = Lexicon::new(&[&TEST], &["cockburn".into()], &["buy now".into()]);
        let n = normalize(text);
        lex.scan(&n)
            .into_iter()
            .map(|h| n.tokens[h.tokens].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(found("quel con"), ["con"]);
        assert!(found("second contact bacon").is_empty());
    }

    #[test]
    fn stems_suffixes_and_phrases() {
        assert_eq!(found("IDIOTS"), ["idiots"]);
        assert_eq!(found("so ein Vollarschloch"), ["vollarschloch"]);
        assert_eq!(found("Fils de p.u.t.e"), ["fils de pute"]);
        assert_eq!(found("aptalsın"), ["aptalsin"]);
        assert!(found("fils de putain").is_empty());
    }

    #[test]
    fn one_masked_vowel_still_matches() {
        assert_eq!(found("quel c*n"), ["c*n"]);
        assert_eq!(found("fils de p*te"), ["fils de p*te"]);
        assert!(found("c*nnerie").is_empty());
    }

    #[test]
    fn site_lists_are_entries_too() {
        let lex = Lexicon::new(&[&TEST], &["Cockburn".into()], &["buy now".into()]);
        let n = normalize("Cockburn says BUY NOW");
        let sources: Vec<Source> = lex.scan(&n).iter().map(|h| lex.entry(h.entry).source).collect();
        assert_eq!(sources, [Source::Allow, Source::Deny]);
    }
}
