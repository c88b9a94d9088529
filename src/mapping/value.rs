//! Value specs: where a leaf value of a comment comes from. A spec is a JSON pointer, an array
//! of specs (the first one that reads a non-empty value wins), a template combining several
//! fields (`{"template": "{/user/name}@{/user/instance}"}`), or a transform of another spec's
//! string: a segment of a split (`{"at": "/path", "split": ".", "index": -2}`), a prefix
//! strip (`{"at": "/parent_id", "strip_prefix": "t1_"}`) or a regex capture
//! (`{"at": "/url", "regex": "/comments/(\\d+)$"}`, see [`super::pattern`]).
//!
//! Specs deserialise from any JSON; what is malformed is kept as [`Spec::Invalid`] and reported
//! by [`Spec::check`] under the exact key (`comment.author[1]`).

use super::pattern::Pattern;
use crate::api::json::text_of;
use serde_json::Value;
use std::borrow::Cow;

/// Where one value is read from, relative to one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// A JSON pointer.
    Pointer(String),
    /// Specs tried in order: the first non-empty value wins.
    First(Vec<Spec>),
    /// Text with `{/pointer}` placeholders; missing when any of its pointers is.
    Template(String),
    /// The segment at `index` (negative: from the end) of a string split by `sep`.
    Split {
        /// The string split.
        at: Box<Spec>,
        /// The separator.
        sep: String,
        /// Which segment: 0 the first, -1 the last.
        index: i64,
    },
    /// A string without a prefix (unchanged when it does not start with it).
    StripPrefix {
        /// The string.
        at: Box<Spec>,
        /// The prefix removed.
        prefix: String,
    },
    /// The first capture group (or the whole match) of a regular expression in a string.
    Capture {
        /// The string searched.
        at: Box<Spec>,
        /// The compiled pattern.
        pattern: Pattern,
    },
    /// A spec that could not be read, with the reason.
    Invalid(String),
}

fn get<'a>(map: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key)
}

impl From<&str> for Spec {
    fn from(p: &str) -> Self {
        Spec::Pointer(p.to_string())
    }
}

impl Spec {
    /// Reads a spec from its JSON form; never fails (see [`Spec::Invalid`]).
    pub fn from_value(v: &Value) -> Spec {
        match v {
            Value::String(p) => Spec::Pointer(p.clone()),
            Value::Array(items) if !items.is_empty() => {
                Spec::First(items.iter().map(Spec::from_value).collect())
            }
            Value::Object(map) => {
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                let at = || {
                    Box::new(get(map, "at").map_or(Spec::Invalid("needs \"at\"".into()), Spec::from_value))
                };
                match (keys.as_slice(), get(map, "template")) {
                    (["template"], Some(Value::String(t))) => return Spec::Template(t.clone()),
                    (_, Some(_)) => return Spec::Invalid("\"template\" must be a string, alone".into()),
                    _ => {}
                }
                if let Some(regex) = get(map, "regex") {
                    return match (regex, keys.len()) {
                        (Value::String(r), 2) => match Pattern::new(r) {
                            Ok(pattern) => Spec::Capture { at: at(), pattern },
                            Err(why) => Spec::Invalid(format!(".regex \"{r}\" does not compile: {why}")),
                        },
                        _ => Spec::Invalid("takes \"at\" and a string \"regex\"".into()),
                    };
                }
                if let Some(prefix) = get(map, "strip_prefix") {
                    return match (prefix, keys.len()) {
                        (Value::String(p), 2) => Spec::StripPrefix { at: at(), prefix: p.clone() },
                        _ => Spec::Invalid("takes \"at\" and a string \"strip_prefix\"".into()),
                    };
                }
                match (get(map, "split"), get(map, "index").map(Value::as_i64), keys.len()) {
                    (Some(Value::String(sep)), Some(Some(index)), 3) if !sep.is_empty() => {
                        Spec::Split { at: at(), sep: sep.clone(), index }
                    }
                    (Some(Value::String(sep)), None, 2) if !sep.is_empty() => {
                        Spec::Split { at: at(), sep: sep.clone(), index: 0 }
                    }
                    _ => Spec::Invalid(format!(
                        "is an object with keys {keys:?}: use \"template\", or \"at\" with \"split\" (and \"index\"), \"strip_prefix\" or \"regex\""
                    )),
                }
            }
            _ => Spec::Invalid("must be a JSON pointer, an array of them or an object".into()),
        }
    }

    /// Checks pointers and templates; the error names `key` down to the element at fault.
    pub fn check(&self, key: &str) -> Result<(), String> {
        match self {
            Spec::Pointer(p) if p.is_empty() || p.starts_with('/') => Ok(()),
            Spec::Pointer(p) => {
                Err(format!("{key} must be a JSON pointer: \"\" or starting with \"/\", not {p:?}"))
            }
            Spec::First(specs) => {
                specs.iter().enumerate().try_for_each(|(i, s)| s.check(&format!("{key}[{i}]")))
            }
            Spec::Template(t) => {
                let pointers =
                    template_pointers(t).ok_or_else(|| format!("{key}.template is malformed: {t:?}"))?;
                match pointers.iter().find(|p| !p.starts_with('/')) {
                    Some(p) => Err(format!("{key}.template holds {{{p}}}: only {{/pointer}} placeholders")),
                    None if pointers.is_empty() => Err(format!("{key}.template has no {{/pointer}}")),
                    None => Ok(()),
                }
            }
            Spec::Split { at, .. } | Spec::StripPrefix { at, .. } | Spec::Capture { at, .. } => {
                at.check(&format!("{key}.at"))
            }
            // A message that starts with the sub-key (`.regex`) follows the key directly.
            Spec::Invalid(why) if why.starts_with('.') => Err(format!("{key}{why}")),
            Spec::Invalid(why) => Err(format!("{key} {why}")),
        }
    }

    /// The value at this spec, or `None` when it is missing, `null` or a blank string.
    pub fn read<'a>(&self, obj: &'a Value) -> Option<Cow<'a, Value>> {
        match self {
            Spec::Pointer(p) => obj.pointer(p).filter(|v| !is_empty(v)).map(Cow::Borrowed),
            Spec::First(specs) => specs.iter().find_map(|s| s.read(obj)),
            Spec::Template(t) => {
                let mut out = String::new();
                for (text, pointer) in segments(t)? {
                    out.push_str(&text);
                    if let Some(p) = pointer {
                        out.push_str(obj.pointer(p).filter(|v| !is_empty(v)).and_then(text_of)?.trim());
                    }
                }
                Some(Cow::Owned(Value::String(out)))
            }
            Spec::Split { at, sep, index } => {
                let s = at.text(obj)?;
                let parts: Vec<&str> = s.split(sep.as_str()).collect();
                let i = if *index < 0 {
                    parts.len().checked_sub(index.unsigned_abs() as usize)?
                } else {
                    *index as usize
                };
                let part = parts.get(i)?.trim();
                (!part.is_empty()).then(|| Cow::Owned(Value::String(part.to_string())))
            }
            Spec::StripPrefix { at, prefix } => {
                let s = at.text(obj)?;
                let rest = s.strip_prefix(prefix.as_str()).unwrap_or(&s).trim();
                (!rest.is_empty()).then(|| Cow::Owned(Value::String(rest.to_string())))
            }
            Spec::Capture { at, pattern } => {
                let found = pattern.capture(&at.text(obj)?)?;
                let found = found.trim();
                (!found.is_empty()).then(|| Cow::Owned(Value::String(found.to_string())))
            }
            Spec::Invalid(_) => None,
        }
    }

    /// The value as trimmed, non-empty text (strings and numbers).
    pub fn text(&self, obj: &Value) -> Option<String> {
        self.read(obj).and_then(|v| text_of(&v)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    }
}

/// Reads an optional spec as text.
pub fn text_at(obj: &Value, spec: &Option<Spec>) -> Option<String> {
    spec.as_ref()?.text(obj)
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A value template's pieces: literal text, then the pointer that follows it (if any).
fn segments(t: &str) -> Option<Vec<(String, Option<&str>)>> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = t;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{{") {
            text.push('{');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("}}") {
            text.push('}');
            rest = after;
        } else if let Some(after) = rest.strip_prefix('{') {
            let end = after.find('}')?;
            out.push((std::mem::take(&mut text), Some(&after[..end])));
            rest = &after[end + 1..];
        } else if rest.starts_with('}') {
            return None;
        } else {
            let ch = rest.chars().next()?;
            text.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    out.push((text, None));
    Some(out)
}

fn template_pointers(t: &str) -> Option<Vec<&str>> {
    Some(segments(t)?.into_iter().filter_map(|(_, p)| p).collect())
}
