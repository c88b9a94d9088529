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

/// Writes every catalogue of `src/i18n/messages/` into `dist/lang/`, minified and hashed.
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
    let mut parts = Vec::new();
    for path in names {
        let lang = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path)?;
        let (reader, moderator) = split(&text).map_err(|e| format!("{}: {e}", path.display()))?;
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

/// A catalogue's text, minified, as the reader's messages and the moderator's.
pub fn split(catalogue: &str) -> Result<(String, String)> {
    let all: serde_json::Map<String, serde_json::Value> = serde_json::from_str(catalogue)?;
    let (moderator, reader): (serde_json::Map<_, _>, serde_json::Map<_, _>) =
        all.into_iter().partition(|(key, _)| key.starts_with("mod."));
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
    fn the_moderators_words_go_to_their_own_file() {
        let (reader, moderator) =
            split(r#"{ "reply": "Reply", "mod.ban": "Ban", "n": {"one": "1", "other": "{n}"} }"#).unwrap();
        assert_eq!(reader, r#"{"n":{"one":"1","other":"{n}"},"reply":"Reply"}"#);
        assert_eq!(moderator, r#"{"mod.ban":"Ban"}"#);
        assert!(split("{").is_err());
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
