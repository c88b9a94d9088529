//! The widget's words in `dist/lang/`: one small file per language that the loader fetches
//! beside the bundle (only the page's language), and one more with the moderator's words
//! (keys starting `mod.`) that only the moderator bundle fetches. The sources are the
//! catalogues in `src/i18n/messages/`, which the widget's native tests check for completeness.
//!
//! Every file's name carries one hash of all of them (`ar-<hash>.json`), so the loader's table
//! is that hash and the list of languages rather than 24 hashed names: it keeps the loader,
//! which every embedding page downloads, about 500 bytes smaller.

use std::path::{Path, PathBuf};

use crate::hashed_names::content_hash;
use crate::Result;

/// One language's shipped files.
pub struct LanguageFiles {
    /// The language's tag, as the catalogue is named (`en`, `ar`, …).
    pub lang: String,
    /// The reader's messages.
    pub reader: PathBuf,
    /// The moderator's messages.
    pub moderator: PathBuf,
    /// The hash in every language file's name.
    pub hash: String,
}

/// Writes every catalogue of `src/i18n/messages/` into `dist/lang/`: each as two JSON arrays in
/// the English catalogue's key order (the widget's `k!("…")` is an index in that order, from the
/// same file by `build.rs`), so no key ships. The moderator's keys come last in `en.json`, so its
/// array simply continues the reader's.
pub fn write(dist: &Path) -> Result<Vec<LanguageFiles>> {
    let source = crate::root().join("src").join("i18n").join("messages");
    let out = dist.join("lang");
    std::fs::create_dir_all(&out)?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    names.retain(|p| p.extension().is_some_and(|e| e == "json"));
    names.sort();
    let english = std::fs::read_to_string(source.join("en.json"))?;
    let order = key_order(&english);
    let mut parts = Vec::new();
    for path in names {
        let lang = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path)?;
        let (reader, moderator) = split(&text, &order).map_err(|e| format!("{}: {e}", path.display()))?;
        parts.push((lang, reader, moderator));
    }
    let all: String = parts.iter().flat_map(|(l, r, m)| [l.as_str(), r, m]).collect();
    let hash = content_hash(all.as_bytes());
    let mut files = Vec::new();
    for (lang, reader, moderator) in parts {
        let reader_path = out.join(format!("{lang}-{hash}.json"));
        let moderator_path = out.join(format!("{lang}.mod-{hash}.json"));
        std::fs::write(&reader_path, reader)?;
        std::fs::write(&moderator_path, moderator)?;
        files.push(LanguageFiles {
            lang,
            reader: reader_path,
            moderator: moderator_path,
            hash: hash.clone(),
        });
    }
    Ok(files)
}

/// The English catalogue's keys in their order, read as `build.rs` reads them: the lines
/// indented by exactly two spaces.
pub fn key_order(english: &str) -> Vec<String> {
    english
        .lines()
        .filter(|line| line.starts_with("  \"") && !line.starts_with("   "))
        .filter_map(|line| line[3..].split_once('"').map(|(key, _)| key.to_string()))
        .collect()
}

/// A catalogue's messages in `order`, minified: the reader's array and the moderator's (the
/// keys starting `mod.`, which must all come after the reader's).
pub fn split(catalogue: &str, order: &[String]) -> Result<(String, String)> {
    let mut all: serde_json::Map<String, serde_json::Value> = serde_json::from_str(catalogue)?;
    let (mut reader, mut moderator) = (Vec::new(), Vec::new());
    for key in order {
        let value = all.remove(key).ok_or_else(|| format!("no message for the key {key:?}"))?;
        if key.starts_with("mod.") {
            moderator.push(value);
        } else if moderator.is_empty() {
            reader.push(value);
        } else {
            return Err(
                format!("{key:?} comes after the moderator's keys; move it above them in en.json").into()
            );
        }
    }
    if let Some(extra) = all.keys().next() {
        return Err(format!("{extra:?} is not a key of en.json").into());
    }
    Ok((serde_json::to_string(&reader)?, serde_json::to_string(&moderator)?))
}

/// The loader's language table: `["<hash>"," en ar … "]`, the languages between spaces so
/// that the loader finds one with `indexOf(' ' + lang + ' ')`.
pub fn loader_table(files: &[LanguageFiles]) -> String {
    let hash = files.first().map_or("", |f| f.hash.as_str());
    let langs: Vec<&str> = files.iter().map(|f| f.lang.as_str()).collect();
    format!("[\"{hash}\",\" {} \"]", langs.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_ship_as_arrays_in_the_english_order_moderators_last() {
        let english = "{\n  \"reply\": \"Reply\",\n  \"n\": {\n    \"one\": \"1\",\n    \"other\": \"{n}\"\n  },\n  \"mod.ban\": \"Ban\"\n}\n";
        let order = key_order(english);
        assert_eq!(order, ["reply", "n", "mod.ban"]);
        let (reader, moderator) = split(
            r#"{ "mod.ban": "Bannir", "n": {"one": "1", "other": "{n}"}, "reply": "Répondre" }"#,
            &order,
        )
        .unwrap();
        assert_eq!(reader, r#"["Répondre",{"one":"1","other":"{n}"}]"#);
        assert_eq!(moderator, r#"["Bannir"]"#);
        assert!(split(r#"{ "reply": "R", "n": "x" }"#, &order).unwrap_err().to_string().contains("mod.ban"));
        assert!(split(r#"{ "reply": "R", "n": "x", "mod.ban": "B", "extra": "?" }"#, &order).is_err());
        let late = ["mod.ban".to_string(), "reply".to_string()];
        assert!(split(r#"{ "reply": "R", "mod.ban": "B" }"#, &late).is_err());
        assert!(split("{", &order).is_err());
    }

    #[test]
    fn the_real_english_catalogue_reads_the_same_as_a_json_parser_reads_it() {
        let english = std::fs::read_to_string(crate::root().join("src/i18n/messages/en.json")).unwrap();
        let mut order = key_order(&english);
        let parsed: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&english).unwrap();
        assert_eq!(order.len(), parsed.len());
        order.sort();
        assert_eq!(order, parsed.keys().cloned().collect::<Vec<_>>());
    }

    #[test]
    fn the_loader_table_is_the_hash_and_the_languages() {
        let file = |lang: &str| LanguageFiles {
            lang: lang.into(),
            reader: format!("/d/lang/{lang}-h.json").into(),
            moderator: format!("/d/lang/{lang}.mod-h.json").into(),
            hash: "h".into(),
        };
        assert_eq!(loader_table(&[file("ar"), file("en")]), r#"["h"," ar en "]"#);
    }
}
