//! Construction patterns of every language, compiled into one `RegexSet` (which rules
//! match, in one pass) plus one `Regex` per rule (where, only for the rules that matched).

use std::ops::Range;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::lang::{Lang, RuleDef};
use super::normalize::{fold, squeeze, strip_arabic_article};

/// Sets every language may use.
const COMMON_SETS: &[(&str, &str)] = &[("w", "[^ ,.]+")];

/// Compiled construction patterns.
#[derive(Debug)]
pub(crate) struct Rules {
    set: RegexSet,
    regexes: Vec<Regex>,
    defs: Vec<(&'static str, RuleDef)>,
}

/// Expands `{name}` references (sets may refer to other sets), then folds and squeezes the
/// result like normalised text.
fn expand(pattern: &str, lang: &Lang) -> Result<String, String> {
    let mut out = pattern.to_owned();
    for _ in 0..4 {
        if !out.contains('{') {
            break;
        }
        let mut next = String::with_capacity(out.len() * 2);
        let mut rest = out.as_str();
        while let Some(open) = rest.find('{') {
            next.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or_else(|| format!("unclosed {{ in {pattern}"))?;
            let name = &after[..close];
            if name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                let value = lang
                    .sets
                    .iter()
                    .chain(COMMON_SETS)
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| *v)
                    .ok_or_else(|| format!("unknown set {{{name}}} in {}: {pattern}", lang.code))?;
                next.push_str("(?:");
                next.push_str(value);
                next.push(')');
            } else {
                // A repetition such as `{0,3}`.
                next.push('{');
                next.push_str(name);
                next.push('}');
            }
            rest = &after[close + 1..];
        }
        next.push_str(rest);
        out = next;
    }
    // Fold like the text (accents, case, Arabic letter variants) so that patterns can be
    // written in ordinary spelling; regex syntax is ASCII and folds to itself.
    let mut folded = String::with_capacity(out.len());
    for c in out.chars() {
        fold(c, &mut folded);
    }
    Ok(format!(" (?:{}) ", comma_tolerant(&squeeze(&strip_arabic_articles(&folded)))))
}

/// Lets a comma stand between any two words of a pattern: German, Russian and Spanish set
/// one before every subordinate clause (`ich weiß, wo du wohnst`).
fn comma_tolerant(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut in_class = false;
    let mut escaped = false;
    for c in pattern.chars() {
        match c {
            ' ' if !in_class => out.push_str(" (?:, )?"),
            '[' if !escaped => {
                in_class = true;
                out.push(c);
            }
            ']' if !escaped => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

/// Applies the text's Arabic article stripping to every Arabic word of a pattern, so that
/// patterns may be written with the article (`الله`, `اللاجئين`).
fn strip_arabic_articles(pattern: &str) -> String {
    let is_arabic = |c: char| ('\u{0620}'..='\u{064A}').contains(&c);
    let mut out = String::with_capacity(pattern.len());
    let mut word = String::new();
    for c in pattern.chars().chain(std::iter::once(' ')) {
        if is_arabic(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push_str(&strip_arabic_article(std::mem::take(&mut word)));
        }
        out.push(c);
    }
    out.pop();
    out
}

impl Rules {
    /// Compiles the rules of `langs`.
    ///
    /// # Panics
    /// If a built-in pattern is invalid; a unit test compiles them all.
    pub fn new(langs: &[&Lang]) -> Self {
        Self::try_new(langs).unwrap_or_else(|e| panic!("built-in screening rules: {e}"))
    }

    fn try_new(langs: &[&Lang]) -> Result<Self, String> {
        let mut sources = Vec::new();
        let mut defs = Vec::new();
        for lang in langs {
            for def in lang.rules {
                sources.push(expand(def.pattern, lang)?);
                defs.push((lang.code, *def));
            }
        }
        let set = RegexSetBuilder::new(&sources)
            .size_limit(64 << 20)
            .dfa_size_limit(16 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        let regexes = sources
            .iter()
            .map(|s| RegexBuilder::new(s).size_limit(16 << 20).build())
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Rules { set, regexes, defs })
    }

    /// The language and definition of rule `i`.
    pub fn def(&self, i: usize) -> (&'static str, &RuleDef) {
        (self.defs[i].0, &self.defs[i].1)
    }

    /// Every match of every rule in `joined`, as (rule, byte range).
    pub fn find(&self, joined: &str) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        for i in self.set.matches(joined).iter() {
            for m in self.regexes[i].find_iter(joined) {
                out.push((i, m.range()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::lang::{rule, ALL};
    use crate::screen::verdict::{Category, Severity};

    #[test]
    fn all_built_in_rules_compile() {
        let rules = Rules::try_new(&ALL).unwrap();
        assert!(rules.defs.len() > 50, "{} rules", rules.defs.len());
    }

    static TEST: Lang = Lang {
        code: "xx",
        words: &[],
        sets: &[("ref", "they|these {w}"), ("bad", "rats|vermin")],
        rules: &[rule(Category::Dehumanising, Severity::Moderate, "cmp", "{ref} are {bad}")],
    };

    #[test]
    fn sets_expand_recursively_and_words_are_whole() {
        let s = expand(TEST.rules[0].pattern, &TEST).unwrap();
        assert_eq!(s, " (?:(?:they|these (?:, )?(?:[^ ,.]+)) (?:, )?are (?:, )?(?:rats|vermin)) ");
        let rules = Rules::try_new(&[&TEST]).unwrap();
        assert_eq!(rules.find(" these people are vermin . ").len(), 1);
        assert_eq!(rules.find(" they , are rats . ").len(), 1);
        assert!(rules.find(" they are ratsy ").is_empty());
    }

    #[test]
    fn arabic_pattern_words_lose_their_article_like_the_text() {
        assert_eq!(strip_arabic_articles("ان شاء الله (?:اللاجئين|الى)"), "ان شاء له (?:لاجئين|الى)");
    }

    #[test]
    fn patterns_are_squeezed_like_the_text() {
        let s = expand("kiiill Ä {w}", &TEST).unwrap();
        assert!(s.starts_with(" (?:kill (?:, )?a "), "{s}");
    }
}
