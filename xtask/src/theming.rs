//! The widget's custom properties against their documentation: every `--tl-` property a
//! stylesheet defines or uses is in `docs/theming.md`'s table, and every property the table
//! lists is defined, so "every colour, font, radius and spacing is a documented custom property"
//! stays true as the stylesheets change.

use std::collections::BTreeSet;

/// The `--tl-` names in `text` that `prefix` directly precedes: `"--tl-"` finds definitions
/// and uses alike, `"var(--tl-"` only uses.
fn names(text: &str, prefix: &str) -> BTreeSet<String> {
    text.match_indices(prefix)
        .map(|(at, _)| {
            let name = &text[at + prefix.len() - "--tl-".len()..];
            let end = name[2..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(name.len(), |e| e + 2);
            name[..end].to_string()
        })
        .collect()
}

/// The properties defined (`--tl-x:`) in a stylesheet.
pub fn defined(css: &str) -> BTreeSet<String> {
    uncommented(css)
        .split([';', '{', '}'])
        .filter_map(|decl| decl.trim().strip_prefix("--tl-").and_then(|rest| rest.split_once(':')))
        .map(|(name, _)| format!("--tl-{}", name.trim()))
        .collect()
}

/// `css` without its `/* … */` comments.
fn uncommented(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out + rest
}

/// The properties used (`var(--tl-x)`) in a stylesheet.
pub fn used(css: &str) -> BTreeSet<String> {
    names(css, "var(--tl-")
}

/// The properties the documentation's table lists: rows starting "| `--tl-".
pub fn documented(markdown: &str) -> BTreeSet<String> {
    markdown
        .lines()
        .filter_map(|line| line.strip_prefix("| `--tl-"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(name, _)| format!("--tl-{name}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> String {
        std::fs::read_to_string(crate::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn reads_definitions_uses_and_the_table() {
        let css = ":host { --tl-a: 1px; /* why */ --tl-b-c: red; } .x { color: var(--tl-b-c); margin: var(--tl-a) }";
        assert_eq!(defined(css), BTreeSet::from(["--tl-a".into(), "--tl-b-c".into()]));
        assert_eq!(used(css), BTreeSet::from(["--tl-a".into(), "--tl-b-c".into()]));
        assert_eq!(documented("| `--tl-a` | x |\n| other |\n"), BTreeSet::from(["--tl-a".into()]));
    }

    #[test]
    fn every_custom_property_is_documented_and_defined() {
        let css = read("styles/threadline.css") + &read("styles/moderator.css");
        let docs = documented(&read("docs/theming.md"));
        let (defined, used) = (defined(&css), used(&css));
        let undocumented: Vec<_> = defined.union(&used).filter(|n| !docs.contains(*n)).collect();
        assert!(undocumented.is_empty(), "not in docs/theming.md: {undocumented:?}");
        let undefined: Vec<_> = docs.iter().chain(&used).filter(|n| !defined.contains(*n)).collect();
        assert!(undefined.is_empty(), "used or documented, never defined: {undefined:?}");
    }
}
