//! What screening decides ([`Verdict`]) and the vocabulary it is said in: [`Category`],
//! [`Severity`], [`Action`], and one explainable [`Reason`] per rule that fired.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What the server does with a comment.
///
/// Ordered by strength: when several reasons fire, the strongest action wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Publish it; a reason with this action is only recorded.
    Allow,
    /// Keep it from readers until a moderator reviews it.
    #[default]
    Hold,
    /// Refuse it with a clear 4xx that names the reason.
    Reject,
}

/// How bad one match is. A category's threshold is one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Printable in a newspaper, or an insult aimed at nobody in particular.
    Mild,
    /// Abuse that a moderator should see before readers do.
    Moderate,
    /// Slurs, threats and explicit sexual abuse.
    Severe,
}

/// The kind of abuse a reason is about; each has its own threshold and action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Swearing, and swearing at someone.
    Profanity,
    /// Slurs and hate against a group.
    Slur,
    /// Sexual content and sexual harassment.
    Sexual,
    /// Threats, and calls to expel, silence or hurt a person or a group.
    Threat,
    /// A person or a group called vermin, animals, disease, subhuman.
    Dehumanising,
    /// Insults aimed at a person, usually another commenter.
    Insult,
    /// Too many links.
    Spam,
    /// A word or phrase on the site's own deny list.
    DenyList,
}

impl Category {
    /// The name used in configuration and in stored reasons.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Profanity => "profanity",
            Category::Slur => "slur",
            Category::Sexual => "sexual",
            Category::Threat => "threat",
            Category::Dehumanising => "dehumanising",
            Category::Insult => "insult",
            Category::Spam => "spam",
            Category::DenyList => "deny-list",
        }
    }
}

/// Which part of the submission a reason was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The comment text.
    Text,
    /// The author's display name.
    Author,
    /// The author's website.
    Website,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Author => "author",
            Field::Website => "website",
        }
    }
}

/// One rule that fired: enough for a moderator to see why a comment was held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// What kind of abuse this is.
    pub category: Category,
    /// How bad the match is, after context (quotes, reporting) was taken into account.
    pub severity: Severity,
    /// The action the site configured for this category.
    pub action: Action,
    /// The rule that fired, e.g. `wordlist:de:slur`, `pattern:en:dehumanising-comparison`,
    /// `rustrict:offensive=severe` or `links:3>2`.
    pub rule: String,
    /// The words that matched, as written (trimmed to a readable length).
    pub matched: String,
    /// Where the match was found.
    pub field: Field,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.category.as_str(), self.rule)?;
        if !self.matched.is_empty() {
            write!(f, ": \"{}\"", self.matched)?;
        }
        if self.field != Field::Text {
            write!(f, " in {}", self.field.as_str())?;
        }
        f.write_str(")")
    }
}

/// The outcome of screening one submission.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Verdict {
    /// The strongest action among the reasons; `Allow` when none fired.
    pub action: Action,
    /// Every rule that fired at or above its category's threshold, strongest first.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// Builds a verdict from the reasons that met their thresholds.
    pub(crate) fn from_reasons(mut reasons: Vec<Reason>) -> Self {
        reasons.sort_by(|a, b| (b.action, b.severity, a.category).cmp(&(a.action, a.severity, b.category)));
        let action = reasons.iter().map(|r| r.action).max().unwrap_or(Action::Allow);
        Verdict { action, reasons }
    }

    /// Whether the comment waits for review or is refused.
    pub fn is_held(&self) -> bool {
        self.action != Action::Allow
    }

    /// One line to store with the comment and show to moderators, e.g.
    /// `insult (pattern:en:insult-at-person: "you … idiot"); spam (links:3>2)`.
    pub fn reason_text(&self) -> String {
        let parts: Vec<String> = self.reasons.iter().map(Reason::to_string).collect();
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(category: Category, severity: Severity, action: Action) -> Reason {
        Reason { category, severity, action, rule: "test".into(), matched: "x".into(), field: Field::Text }
    }

    #[test]
    fn strongest_action_wins_and_comes_first() {
        let v = Verdict::from_reasons(vec![
            reason(Category::Insult, Severity::Moderate, Action::Hold),
            reason(Category::Slur, Severity::Severe, Action::Reject),
            reason(Category::Profanity, Severity::Moderate, Action::Allow),
        ]);
        assert_eq!(v.action, Action::Reject);
        assert_eq!(v.reasons[0].category, Category::Slur);
        assert!(v.is_held());
    }

    #[test]
    fn no_reasons_allows() {
        let v = Verdict::from_reasons(Vec::new());
        assert_eq!(v.action, Action::Allow);
        assert!(!v.is_held());
        assert_eq!(v.reason_text(), "");
    }

    #[test]
    fn reason_text_names_rule_match_and_field() {
        let mut r = reason(Category::Spam, Severity::Moderate, Action::Hold);
        r.rule = "links:3>2".into();
        r.matched = String::new();
        r.field = Field::Website;
        let v = Verdict::from_reasons(vec![r]);
        assert_eq!(v.reason_text(), "spam (links:3>2 in website)");
    }
}
