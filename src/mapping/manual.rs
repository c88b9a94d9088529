//! Helpers for reading a mapping by hand from a JSON value ([`super::parse`]).

use serde_json::{Map, Value};

/// The object at `v`, refusing keys not in `known`.
pub fn object<'a>(v: &'a Value, known: &[&str]) -> Result<&'a Map<String, Value>, String> {
    let map = v.as_object().ok_or("must be an object")?;
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("has an unknown key {k:?} (known: {})", known.join(", "))),
        None => Ok(map),
    }
}

/// An optional string at `key`.
pub fn string(map: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{key} must be a string")),
    }
}

/// One of a few words.
pub fn word<T: Copy>(v: &Value, words: &[(&str, T)]) -> Result<T, String> {
    let s = v.as_str().unwrap_or_default();
    words.iter().find(|(w, _)| *w == s).map(|(_, t)| *t).ok_or_else(|| {
        format!(
            "must be one of {}, not {v}",
            words.iter().map(|(w, _)| format!("{w:?}")).collect::<Vec<_>>().join(", ")
        )
    })
}

/// The value at `key`, unless it is missing or `null`.
pub fn given<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}
