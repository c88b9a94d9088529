//! [`ScreenConfig`]: a site's screening settings, as read from its configuration.
//!
//! Every field has a default, so `{}` is a complete configuration: every category holds at
//! moderate severity, no site lists, at most two links.

use serde::{Deserialize, Serialize};

use super::verdict::{Action, Category, Severity};

/// What to do when a category matches, and from which severity on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CategoryRule {
    /// The action for a match at or above `min_severity`.
    pub action: Action,
    /// Matches below this severity are ignored (not recorded either).
    pub min_severity: Severity,
}

impl Default for CategoryRule {
    fn default() -> Self {
        CategoryRule { action: Action::Hold, min_severity: Severity::Moderate }
    }
}

/// A site's screening settings.
///
/// ```json
/// { "slur": { "action": "reject" }, "profanity": { "min_severity": "severe" },
///   "deny": ["crypto giveaway"], "allow": ["Cockburn"], "max_links": 3 }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScreenConfig {
    /// Swearing and swearing at someone.
    pub profanity: CategoryRule,
    /// Slurs and hate against a group.
    pub slur: CategoryRule,
    /// Sexual content and harassment.
    pub sexual: CategoryRule,
    /// Threats and calls to expel, silence or hurt.
    pub threat: CategoryRule,
    /// Dehumanising comparisons.
    pub dehumanising: CategoryRule,
    /// Insults aimed at a person.
    pub insult: CategoryRule,
    /// More links than `max_links`.
    pub spam: CategoryRule,
    /// Matches of the site's `deny` list.
    pub deny_list: CategoryRule,
    /// Words and phrases that always match (category `deny-list`). Matched on word
    /// boundaries after normalisation; a trailing `*` matches any ending (`scam*`).
    pub deny: Vec<String>,
    /// Words and phrases that override the built-in word lists and rustrict, e.g. a local
    /// place name with a rude substring. Same syntax as `deny`. It does not override `deny`.
    pub allow: Vec<String>,
    /// Links (URLs and bare domains, in text and website) allowed before a comment is held
    /// as spam.
    pub max_links: usize,
}

impl Default for ScreenConfig {
    fn default() -> Self {
        ScreenConfig {
            profanity: CategoryRule::default(),
            slur: CategoryRule::default(),
            sexual: CategoryRule::default(),
            threat: CategoryRule::default(),
            dehumanising: CategoryRule::default(),
            insult: CategoryRule::default(),
            spam: CategoryRule::default(),
            deny_list: CategoryRule::default(),
            deny: Vec::new(),
            allow: Vec::new(),
            max_links: 2,
        }
    }
}

impl ScreenConfig {
    /// The rule for one category.
    pub fn rule(&self, category: Category) -> CategoryRule {
        match category {
            Category::Profanity => self.profanity,
            Category::Slur => self.slur,
            Category::Sexual => self.sexual,
            Category::Threat => self.threat,
            Category::Dehumanising => self.dehumanising,
            Category::Insult => self.insult,
            Category::Spam => self.spam,
            Category::DenyList => self.deny_list,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_json_is_the_default() {
        let c: ScreenConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(c, ScreenConfig::default());
        assert_eq!(c.max_links, 2);
        assert_eq!(c.rule(Category::Slur).action, Action::Hold);
    }

    #[test]
    fn partial_category_rules_keep_their_other_default() {
        let c: ScreenConfig = serde_json::from_str(
            r#"{"slur":{"action":"reject"},"profanity":{"min_severity":"severe"},"max_links":0}"#,
        )
        .unwrap();
        assert_eq!(c.slur, CategoryRule { action: Action::Reject, min_severity: Severity::Moderate });
        assert_eq!(c.profanity.action, Action::Hold);
        assert_eq!(c.profanity.min_severity, Severity::Severe);
        assert_eq!(c.max_links, 0);
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<ScreenConfig>(r#"{"slurs":{}}"#).is_err());
        assert!(serde_json::from_str::<ScreenConfig>(r#"{"insult":{"action":"ban"}}"#).is_err());
    }
}
