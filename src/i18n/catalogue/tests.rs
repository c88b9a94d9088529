//! The lookups, and every catalogue file against the English one and against the code.

use super::*;
use crate::k;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[test]
fn looks_up_fills_and_counts() {
    let tr = english();
    assert_eq!(tr.t(k!("reply")), "Reply");
    assert_eq!(tr.t_with(k!("replying_to"), &[("name", "Ana")]), "Replying to Ana");
    assert_eq!(tr.count(k!("comment_count"), 1), "1 comment");
    assert_eq!(tr.count(k!("comment_count"), 0), "0 comments");
    assert_eq!(
        tr.count_with(k!("error.broke_rules_at"), 3, &[("backend", "Isso")]).split_once('.').unwrap().0,
        "The Isso comments server refused this comment"
    );
    assert_eq!(tr.around(k!("in_reply_to"), "name"), ("in reply to ".to_string(), String::new()));
    assert_eq!(tr.around(k!("reply"), "name"), ("Reply".to_string(), String::new()));
    assert_eq!(tr.dir(), "ltr");
    assert_eq!(Catalogue::new("ar", "ar-IQ", Table::default()).dir(), "rtl");
}

#[test]
fn a_missing_message_shows_its_key_natively() {
    let tr = english();
    assert_eq!(tr.t(Key(u16::MAX)), "", "natively the key name, and no name here");
    assert_eq!(tr.count(Key(u16::MAX), 2), "");
    assert_eq!(Catalogue::empty().t(k!("reply")), "reply");
}

#[test]
fn placeholders_fill_only_their_own_name() {
    assert_eq!(fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]), "{b} and x");
    assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    assert_eq!(fill("{n} of {n}", &[("n", "2")]), "2 of 2");
    assert_eq!(fill("no braces", &[("n", "2")]), "no braces");
    assert_eq!(around("a {name} b", "name"), ("a ".to_string(), " b".to_string()));
}

/// The CLDR cardinal plural categories of each language, as browsers' `Intl.PluralRules`
/// gives them (checked against Node's ICU 78): a plural message must have exactly these.
const CATEGORIES: [(&str, &[&str]); 12] = [
    ("en", &["one", "other"]),
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
    ("fa", &["one", "other"]),
    ("he", &["one", "two", "other"]),
    ("de", &["one", "other"]),
    ("fr", &["one", "many", "other"]),
    ("es", &["one", "many", "other"]),
    ("pt", &["one", "many", "other"]),
    ("ru", &["one", "few", "many", "other"]),
    ("tr", &["one", "other"]),
    ("zh", &["other"]),
    ("ja", &["other"]),
];

fn messages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/messages")
}

/// A catalogue file: its keys in order, each with its forms (`""` for a plain string).
fn read(lang: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let path = messages_dir().join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // serde_json's map keeps keys sorted; the order is checked on the raw text below.
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{lang}.json: {e}"));
    let mut entries: Vec<(usize, String, BTreeMap<String, String>)> = map
        .into_iter()
        .map(|(key, value)| {
            let forms = match value {
                serde_json::Value::String(s) => BTreeMap::from([(String::new(), s)]),
                serde_json::Value::Object(forms) => forms
                    .into_iter()
                    .map(|(c, v)| {
                        (c, v.as_str().unwrap_or_else(|| panic!("{lang}.json: {key}: not text")).to_string())
                    })
                    .collect(),
                other => panic!("{lang}.json: {key} is {other}"),
            };
            let at =
                text.find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{lang}.json: {key} not found"));
            (at, key, forms)
        })
        .collect();
    entries.sort_by_key(|(at, ..)| *at);
    entries.into_iter().map(|(_, k, f)| (k, f)).collect()
}

/// The `{name}`s in a message.
fn placeholders(text: &str) -> BTreeSet<String> {
    let pattern = regex::Regex::new(r"\{([a-z_]+)\}").unwrap();
    pattern.captures_iter(text).map(|c| c[1].to_string()).collect()
}

#[test]
fn every_catalogue_has_every_key_and_no_other() {
    let files: BTreeSet<String> = std::fs::read_dir(messages_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = LANGUAGES.iter().map(|l| format!("{l}.json")).collect();
    assert_eq!(files, expected, "one catalogue per language, nothing else");
    let english = read("en");
    for (lang, categories) in CATEGORIES {
        let catalogue = read(lang);
        let keys: Vec<&str> = catalogue.iter().map(|(k, _)| k.as_str()).collect();
        let english_keys: Vec<&str> = english.iter().map(|(k, _)| k.as_str()).collect();
        let missing: Vec<_> = english_keys.iter().filter(|k| !keys.contains(k)).collect();
        let extra: Vec<_> = keys.iter().filter(|k| !english_keys.contains(k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}.json lacks {missing:?}, has extra {extra:?}");
        assert_eq!(keys, english_keys, "{lang}.json keeps en.json's order");
        for ((key, forms), (_, english_forms)) in catalogue.iter().zip(&english) {
            let plural = !english_forms.contains_key("");
            let names: Vec<&str> = forms.keys().map(String::as_str).collect();
            if plural {
                let mut want: Vec<&str> = categories.to_vec();
                want.sort_unstable();
                assert_eq!(names, want, "{lang}.json: {key} has the language's plural categories");
            } else {
                assert_eq!(names, [""], "{lang}.json: {key} is a plain message, as in English");
            }
            let english_names = placeholders(english_forms.values().last().unwrap());
            for (category, text) in forms {
                assert!(!text.trim().is_empty(), "{lang}.json: {key} {category} is empty");
                let mut names = placeholders(text);
                // Zero, one and two may say their number in words ("تعليقان": two comments).
                if ["zero", "one", "two"].contains(&category.as_str()) {
                    names.insert("n".into());
                }
                assert_eq!(names, english_names, "{lang}.json: {key} {category}: placeholders");
            }
        }
    }
}

/// Every `.rs` file of the widget but tests.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "tests" {
                    walk(&path, out);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" {
                out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// The keys the code names: every `k!("…")` outside the tests.
fn keys_in_code() -> BTreeMap<String, PathBuf> {
    let named = regex::Regex::new(r#"\bk!\(\s*"([a-z_.]+)"\s*\)"#).unwrap();
    let mut keys = BTreeMap::new();
    for (path, text) in sources() {
        for c in named.captures_iter(&text) {
            keys.insert(c[1].to_string(), path.clone());
        }
    }
    keys
}

/// The build script's keys are the English catalogue's, in its order.
#[test]
fn the_keys_are_the_english_catalogues_in_order() {
    let english: Vec<String> = read("en").into_iter().map(|(k, _)| k).collect();
    assert_eq!(super::super::keys::KEYS.to_vec(), english);
    assert_eq!(k!("comments"), Key(0));
    assert_eq!(Key(0).name(), "comments");
}

#[test]
fn the_code_uses_every_key_and_only_keys_the_catalogues_have() {
    let english: BTreeSet<String> = read("en").into_iter().map(|(k, _)| k).collect();
    let used = keys_in_code();
    let unknown: Vec<_> = used.iter().filter(|(k, _)| !english.contains(*k)).collect();
    assert!(unknown.is_empty(), "the code names keys no catalogue has: {unknown:?}");
    let unused: Vec<_> = english.iter().filter(|k| !used.contains_key(*k)).collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}
