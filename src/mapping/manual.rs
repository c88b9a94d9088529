//! Reading the newer, smaller sections of a mapping by hand from a JSON value rather than
//! through serde's derive: each derived struct brings its own map and sequence visitors into
//! the wasm, and these few sections do not need them. Errors name the key at fault.

use super::condition::Condition;
use super::ranges::RangesSpec;
use super::schema::{CommentFields, Tree, TreeKind};
use super::value::Spec;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
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

/// A value read by serde where serde's own types already are (methods, headers).
pub fn typed<'a, T: Deserialize<'a>>(map: &'a Map<String, Value>, key: &str) -> Result<Option<T>, String> {
    map.get(key).map(|v| T::deserialize(v).map_err(|e| format!("{key}: {e}"))).transpose()
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

/// A type read by hand from a JSON value.
pub trait FromJson: Sized {
    /// Reads it; the error says what is wrong, the caller names the key.
    fn from_json(v: &Value) -> Result<Self, String>;
}

/// Deserialises a [`FromJson`] type through a JSON value.
pub fn deserialize<'de, D: Deserializer<'de>, T: FromJson>(d: D) -> Result<T, D::Error> {
    T::from_json(&Value::deserialize(d)?).map_err(D::Error::custom)
}

fn given<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

macro_rules! by_hand {
    ($($t:ty),*) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize(d)
            }
        }
    )*};
}

by_hand!(Tree, CommentFields);

impl FromJson for Tree {
    fn from_json(v: &Value) -> Result<Self, String> {
        let m = object(v, &["kind", "parent", "parent_key", "reply_key", "root", "children", "quote"])?;
        let spec = |k: &str| given(m, k).map(Spec::from_value);
        let kinds = [("flat", TreeKind::Flat), ("nested", TreeKind::Nested), ("none", TreeKind::None)];
        Ok(Tree {
            kind: given(m, "kind")
                .map(|k| word(k, &kinds))
                .transpose()
                .map_err(|e| format!("kind {e}"))?
                .unwrap_or_default(),
            parent: spec("parent"),
            parent_key: spec("parent_key"),
            reply_key: spec("reply_key"),
            root: given(m, "root").cloned(),
            children: string(m, "children")?,
            quote: string(m, "quote")?,
        })
    }
}

impl FromJson for CommentFields {
    fn from_json(v: &Value) -> Result<Self, String> {
        let m = object(
            v,
            &[
                "object",
                "id",
                "author",
                "author_url",
                "avatar",
                "author_id",
                "body",
                "body_kind",
                "created",
                "time_format",
                "pending",
                "deleted",
                "placeholder",
                "warning",
                "pinned",
                "edited",
                "ranges",
            ],
        )?;
        let spec = |k: &str| given(m, k).map(Spec::from_value);
        let cond = |k: &str| given(m, k).map(Condition::from_value);
        Ok(CommentFields {
            object: string(m, "object")?.unwrap_or_default(),
            id: spec("id").ok_or("missing field `id`")?,
            author: spec("author"),
            author_url: spec("author_url"),
            avatar: spec("avatar"),
            author_id: spec("author_id"),
            body: spec("body").ok_or("missing field `body`")?,
            body_kind: string(m, "body_kind")?,
            created: spec("created"),
            time_format: typed(m, "time_format")?.unwrap_or_default(),
            pending: cond("pending"),
            deleted: cond("deleted"),
            placeholder: cond("placeholder"),
            warning: spec("warning"),
            pinned: cond("pinned"),
            edited: cond("edited"),
            ranges: given(m, "ranges")
                .map(RangesSpec::from_json)
                .transpose()
                .map_err(|e| format!("ranges {e}"))?,
        })
    }
}
