//! Screening of new comments: text, author name and website, with no external service.
//!
//! [`Screen::new`] compiles everything once (word lists of seven languages into one
//! Aho-Corasick automaton, construction patterns into one `RegexSet`); [`Screen::check`] is
//! then a pure function of a [`Submission`], cheap enough to run on every post. Signals:
//!
//! - **word lists** per language (`lang/`), on whole words of the normalised text
//!   (`normalize`): slurs, profanity, sexual terms, insults;
//! - **construction patterns** (`lang/`, `rules`): dehumanising comparisons, calls to expel,
//!   silence or hurt, threats, hate against a group — abuse with no swear word in it;
//! - **context** (`context`): an insult counts when aimed at someone (`you …`, `…, idiot.`);
//!   a match quoted in order to condemn it, or a threat only reported (`vowed to`), counts as
//!   mild; names, medicine and identity words are never matches;
//! - **rustrict** (`rustrict_signal`), for English evasion, restricted to whole words;
//! - **links** (`links`): more than `max_links` holds as spam.
//!
//! Every [`Reason`] names its rule and what it matched, so a moderator can see why.

pub mod config;
mod context;
mod lang;
mod lexicon;
mod links;
pub mod measure;
mod normalize;
mod rules;
mod rustrict_signal;
pub mod verdict;

use std::ops::Range;

pub use config::{CategoryRule, ScreenConfig};
pub use verdict::{Action, Category, Field, Reason, Severity, Verdict};

use context::Context;
use lang::Kind;
use lexicon::{Hit, Lexicon, Source};
use links::LinkCounter;
use normalize::{normalize, Normalized};
use rules::Rules;
use rustrict::Type;

/// What is screened: the fields of a new comment that readers will see.
#[derive(Debug, Clone, Copy, Default)]
pub struct Submission<'a> {
    /// The comment text.
    pub text: &'a str,
    /// The author's display name.
    pub author: &'a str,
    /// The author's website, if given.
    pub website: Option<&'a str>,
}

/// A compiled screen for one site's configuration; share it behind an `Arc`.
#[derive(Debug)]
pub struct Screen {
    config: ScreenConfig,
    lexicon: Lexicon,
    rules: Rules,
    links: LinkCounter,
    gate: rustrict_signal::Gate,
}

/// Longest matched text kept in a reason.
const MATCHED_MAX_CHARS: usize = 80;

impl Screen {
    /// Compiles the built-in lists and patterns with the site's settings.
    pub fn new(config: &ScreenConfig) -> Self {
        // rustrict builds its tables on first use (about 20 ms): pay that here, not on a post.
        rustrict_signal::alone("warm up");
        Screen {
            config: config.clone(),
            lexicon: Lexicon::new(&lang::ALL, &config.allow, &config.deny),
            rules: Rules::new(&lang::ALL),
            links: LinkCounter::new(),
            gate: rustrict_signal::Gate::new(),
        }
    }

    /// Screens one submission.
    pub fn check(&self, s: &Submission<'_>) -> Verdict {
        // One text, one pass: fields are separated by blank lines, which end sentences and
        // quotations, and reasons find their field again from the byte offset.
        let website = s.website.unwrap_or("");
        let text = format!("{}\n\n{}\n\n{}", s.text, s.author, website);
        let fields = [s.text.len(), s.text.len() + 2 + s.author.len()];
        let mut out = Collector { config: &self.config, text: &text, fields, reasons: Vec::new() };

        let n = normalize(&text);
        let hits = self.lexicon.scan(&n);
        let cx = Context::new(&n, &hits, &self.lexicon);
        self.word_reasons(&n, &hits, &cx, &mut out);
        self.rule_reasons(&n, &cx, &mut out);
        self.rustrict_reasons(&text, &n, &cx, &mut out);
        let links =
            self.links.count(s.text) + self.links.count(s.author) + usize::from(!website.trim().is_empty());
        if links > self.config.max_links {
            let rule = format!("links:{links}>{}", self.config.max_links);
            out.push(Category::Spam, Severity::Moderate, rule, String::new(), 0);
        }
        Verdict::from_reasons(out.reasons)
    }

    /// Word-list matches, with their context: safe words, condemned quotes, addressees.
    fn word_reasons(&self, n: &Normalized, hits: &[Hit], cx: &Context<'_>, out: &mut Collector<'_>) {
        for hit in hits {
            let entry = self.lexicon.entry(hit.entry);
            let span = n.span_of(hit.tokens.clone());
            match entry.source {
                Source::Deny => out.add(Category::DenyList, Severity::Severe, "deny-list".into(), span),
                Source::Builtin(Kind::Abuse(category, severity)) => {
                    if cx.all_safe(hit.tokens.clone()) {
                        continue;
                    }
                    let (severity, rule) = if cx.is_condemned_mention(hit.tokens.clone()) {
                        (
                            Severity::Mild,
                            format!("wordlist:{}:{}+condemned-quote", entry.lang, category.as_str()),
                        )
                    } else if category == Category::Insult && cx.is_addressed(hit.tokens.clone(), entry.lang)
                    {
                        (severity.max(Severity::Moderate), format!("pattern:{}:insult-at-person", entry.lang))
                    } else {
                        (severity, format!("wordlist:{}:{}", entry.lang, category.as_str()))
                    };
                    out.add(category, severity, rule, span);
                }
                _ => {}
            }
        }
    }

    /// Construction patterns, mild when quoted to condemn them or only reported.
    fn rule_reasons(&self, n: &Normalized, cx: &Context<'_>, out: &mut Collector<'_>) {
        for (i, range) in self.rules.find(&n.joined) {
            let (lang, def) = self.rules.def(i);
            let tokens = n.tokens_in(range);
            let (severity, note) = if cx.is_condemned_quote_in(tokens.clone()) {
                (Severity::Mild, "+condemned-quote")
            } else if cx.is_reported(tokens.clone()) {
                (Severity::Mild, "+reported")
            } else {
                (def.severity, "")
            };
            out.add(def.category, severity, format!("pattern:{lang}:{}{note}", def.name), n.span_of(tokens));
        }
    }

    /// rustrict's verdict on the whole words it finds, when the gate says it must look.
    fn rustrict_reasons(&self, text: &str, n: &Normalized, cx: &Context<'_>, out: &mut Collector<'_>) {
        let masked = |i| cx.masked(i);
        if !self.gate.needs_rustrict(n, &masked) {
            return;
        }
        if let Some(found) = rustrict_signal::find(text, n, &masked) {
            let span = found.words.first().cloned().unwrap_or(0..0);
            for (typ, category, name) in [
                (Type::PROFANE, Category::Profanity, "profane"),
                (Type::OFFENSIVE, Category::Slur, "offensive"),
                (Type::SEXUAL, Category::Sexual, "sexual"),
                (Type::MEAN, Category::Insult, "mean"),
            ] {
                let Some(level) = rustrict_level(found.typ, typ) else { continue };
                // rustrict's "mean" is about tone (`shut up`, `I hate you`), not an insult
                // aimed at someone, and its lists are English: each counts one level lower.
                let mut severity = Some(level);
                if typ == Type::MEAN {
                    severity = severity.and_then(lower);
                }
                if cx.is_foreign() {
                    severity = severity.and_then(lower);
                }
                let Some(severity) = severity else { continue };
                let rule = format!("rustrict:{name}={}", severity_name(level));
                let mut matched = found.words.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join(", ");
                truncate(&mut matched);
                out.push(category, severity, rule, matched, span.start);
            }
        }
    }
}

fn rustrict_level(found: Type, typ: Type) -> Option<Severity> {
    if found.is(typ & Type::SEVERE) {
        Some(Severity::Severe)
    } else if found.is(typ & Type::MODERATE) {
        Some(Severity::Moderate)
    } else if found.is(typ & Type::MILD) {
        Some(Severity::Mild)
    } else {
        None
    }
}

fn lower(s: Severity) -> Option<Severity> {
    match s {
        Severity::Severe => Some(Severity::Moderate),
        Severity::Moderate => Some(Severity::Mild),
        Severity::Mild => None,
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Mild => "mild",
        Severity::Moderate => "moderate",
        Severity::Severe => "severe",
    }
}

fn truncate(s: &mut String) {
    if let Some((cut, _)) = s.char_indices().nth(MATCHED_MAX_CHARS) {
        s.truncate(cut);
        s.push('…');
    }
}

/// Applies thresholds and actions, and keeps the strongest reason per rule.
struct Collector<'a> {
    config: &'a ScreenConfig,
    text: &'a str,
    fields: [usize; 2],
    reasons: Vec<Reason>,
}

impl Collector<'_> {
    fn add(&mut self, category: Category, severity: Severity, rule: String, span: Range<usize>) {
        let mut matched = self.text[span.clone()].to_owned();
        truncate(&mut matched);
        self.push(category, severity, rule, matched, span.start);
    }

    fn push(&mut self, category: Category, severity: Severity, rule: String, matched: String, at: usize) {
        let setting = self.config.rule(category);
        if severity < setting.min_severity {
            return;
        }
        let field = if at <= self.fields[0] {
            Field::Text
        } else if at <= self.fields[1] {
            Field::Author
        } else {
            Field::Website
        };
        // One reason per rule, and per category and words (`idiot` is in three languages' lists).
        let same = |r: &&mut Reason| r.rule == rule || r.category == category && r.matched == matched;
        if let Some(same) = self.reasons.iter_mut().find(same) {
            if severity > same.severity {
                same.severity = severity;
                same.matched = matched;
                same.field = field;
            }
            return;
        }
        self.reasons.push(Reason { category, severity, action: setting.action, rule, matched, field });
    }
}

#[cfg(test)]
mod family_tests;
#[cfg(test)]
mod family_tests6;
#[cfg(test)]
mod tests;
