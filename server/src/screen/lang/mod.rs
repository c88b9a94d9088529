//! The built-in knowledge, one module per language: word lists, cue words that give context,
//! and construction patterns.
//!
//! # Word lists
//! `words` pairs a [`Kind`] with a space-separated list. `_` stands for a space inside a
//! phrase (`fils_de_pute`); a trailing `*` matches any ending (`idiot*` → `idiots`,
//! `idiotic`), a leading `*` any beginning (German compounds: `*arschloch`). Everything is
//! folded like the text (see `normalize`), so lists are written in ordinary spelling.
//! Entries match whole words only: `con` never matches inside `second`.
//!
//! # Patterns
//! `rules` are regular expressions over the normalised text: lower case, no accents,
//! repeated letters squeezed, words separated by one space, `,` and `.` as clause and
//! sentence markers (every text ends with `.`). Patterns are folded and squeezed the same
//! way, so write ordinary spelling — except Arabic words, which the text loses their
//! article (`ال`) and patterns do not: write them without it.
//! `{name}` expands to the language's set of that name (an alternation), `{w}` to any one
//! word. A match must begin and end on word boundaries. Rules describe constructions
//! (who is called what, who should be done what to), not sentences.

pub(crate) mod ar;
pub(crate) mod de;
pub(crate) mod en;
pub(crate) mod es;
pub(crate) mod fr;
pub(crate) mod ru;
pub(crate) mod tr;

use super::verdict::{Category, Severity};

/// What a word-list entry means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An abusive word or phrase of a category, at a severity when it stands alone.
    Abuse(Category, Severity),
    /// A second-person word (`you`, `du`, `ты`): an insult next to it is aimed at someone.
    Addressee,
    /// A word that calls someone out (`hey`, `listen`, `يا`, `lan`).
    Vocative,
    /// An exclamation that judges a person (`what a`, `was für ein`, `какой`): aims an insult
    /// right after it that ends its clause (`What an idiot.`, not `What a stupid idea`).
    Exclamative,
    /// A word that condemns what is quoted (`unacceptable`, `inadmissible`).
    Condemn,
    /// A word that reports what others did or said (`accused`, `vowed`), or negates.
    Report,
    /// A word right after a group that narrows it to people a court judged (`condamnés`,
    /// `convicted`): a call about them is law, not a call against the group.
    Qualifier,
    /// A word that introduces a name someone was called (`called`, `traité`).
    Naming,
    /// A word that looks rude and is not: places, people, medicine, identities, news.
    Safe,
    /// A first name that is also a rude word: safe next to another capitalised word.
    NameWord,
    /// A frequent word that shows which language a text is in (rustrict reads English).
    Common,
}

/// A construction pattern.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleDef {
    /// What the construction is.
    pub category: Category,
    /// How bad a match is.
    pub severity: Severity,
    /// Short name for the stored reason, e.g. `dehumanising-comparison`.
    pub name: &'static str,
    /// The pattern (see the module documentation).
    pub pattern: &'static str,
}

/// Everything known about one language.
#[derive(Debug)]
pub(crate) struct Lang {
    /// ISO 639-1 code, used in rule names.
    pub code: &'static str,
    /// Word lists.
    pub words: &'static [(Kind, &'static str)],
    /// Named alternations for patterns.
    pub sets: &'static [(&'static str, &'static str)],
    /// Construction patterns.
    pub rules: &'static [RuleDef],
}

/// All built-in languages.
pub(crate) static ALL: [&Lang; 7] =
    [&en::LANG, &fr::LANG, &de::LANG, &es::LANG, &tr::LANG, &ru::LANG, &ar::LANG];

/// Shorthand for rule tables.
pub(crate) const fn rule(
    category: Category,
    severity: Severity,
    name: &'static str,
    pattern: &'static str,
) -> RuleDef {
    RuleDef { category, severity, name, pattern }
}
