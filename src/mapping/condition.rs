//! Conditions on an item's fields, for skipping items, marking placeholders, pending and
//! deleted comments, and flags (pinned, edited). Forms:
//!
//! - `"/pointer"` (or any value spec): the value is truthy (`true`, a non-zero number, a
//!   non-empty string other than `"false"`/`"0"`/`"no"`, an object or array);
//! - `{"at": spec, "is": value or [values]}`: the value equals one of them;
//! - `{"missing": spec}`, `{"present": spec}`: absent, `null` or blank (or not);
//! - `{"position": n}`: the item's place in the list at `list.items` (0 the first, -1 the last;
//!   nested replies have none);
//! - `{"all": [..]}`, `{"any": [..]}`, `{"not": c}`.

use super::extract::{one_or_many, same_value};
use super::paging::as_flag;
use super::value::Spec;
use serde_json::Value;

/// A condition on one object (a list item or a comment).
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The value is truthy.
    Truthy(Spec),
    /// The value equals one of these.
    Is(Spec, Vec<Value>),
    /// The value is absent, `null` or blank.
    Missing(Spec),
    /// The item's index among its siblings; negative counts from the end.
    Position(i64),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// A condition that could not be read, with the reason.
    Invalid(String),
}

/// Where an item sits in the list at `list.items`: its index and the number of items. Nested
/// replies sit nowhere (`len` 0, index `usize::MAX`), so no position matches them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// Index among the siblings.
    pub index: usize,
    /// Number of siblings, itself included.
    pub len: usize,
}

fn list(v: &Value) -> Vec<Condition> {
    one_or_many(v).iter().map(Condition::from_value).collect()
}

impl Condition {
    /// Reads a condition from its JSON form; never fails (see [`Condition::Invalid`]).
    pub fn from_value(v: &Value) -> Condition {
        let Value::Object(map) = v else { return Condition::Truthy(Spec::from_value(v)) };
        let one = |k: &str| map.len() == 1 && map.contains_key(k);
        if let (Some(at), Some(is), 2) = (map.get("at"), map.get("is"), map.len()) {
            return Condition::Is(Spec::from_value(at), one_or_many(is).to_vec());
        }
        if one("missing") {
            return Condition::Missing(Spec::from_value(&map["missing"]));
        }
        if one("present") {
            return Condition::Not(Box::new(Condition::Missing(Spec::from_value(&map["present"]))));
        }
        if one("position") {
            return map["position"]
                .as_i64()
                .map_or(Condition::Invalid("position must be a whole number".into()), Condition::Position);
        }
        if one("all") {
            return Condition::All(list(&map["all"]));
        }
        if one("any") {
            return Condition::Any(list(&map["any"]));
        }
        if one("not") {
            return Condition::Not(Box::new(Condition::from_value(&map["not"])));
        }
        Condition::Invalid(
            "must be a pointer, {\"at\", \"is\"}, {\"missing\"}, {\"present\"}, {\"position\"}, {\"all\"}, {\"any\"} or {\"not\"}".into(),
        )
    }

    /// Checks the pointers; the error names the key at fault.
    pub fn check(&self, key: &str) -> Result<(), String> {
        match self {
            Condition::Truthy(s) | Condition::Missing(s) => s.check(key),
            Condition::Is(s, _) => s.check(&format!("{key}.at")),
            Condition::Position(_) => Ok(()),
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().enumerate().try_for_each(|(i, c)| c.check(&format!("{key}[{i}]")))
            }
            Condition::Not(c) => c.check(&format!("{key}.not")),
            Condition::Invalid(why) => Err(format!("{key} {why}")),
        }
    }

    /// Whether the condition holds for `obj`, placed at `place` among its siblings.
    pub fn holds(&self, obj: &Value, place: Place) -> bool {
        match self {
            Condition::Truthy(s) => s.read(obj).is_some_and(|v| as_flag(&v).unwrap_or(true)),
            Condition::Is(s, values) => {
                // A plain pointer compares the value as it is (`""` too); a missing one is `null`.
                let v = match s {
                    Spec::Pointer(p) => obj.pointer(p).cloned(),
                    s => s.read(obj).map(|v| v.into_owned()),
                };
                let v = v.unwrap_or(Value::Null);
                values.iter().any(|c| same_value(&v, c))
            }
            Condition::Missing(s) => s.read(obj).is_none(),
            Condition::Position(n) => {
                let at =
                    if *n < 0 { place.len.checked_sub(n.unsigned_abs() as usize) } else { Some(*n as usize) };
                at == Some(place.index)
            }
            Condition::All(cs) => cs.iter().all(|c| c.holds(obj, place)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(obj, place)),
            Condition::Not(c) => !c.holds(obj, place),
            Condition::Invalid(_) => false,
        }
    }
}

/// Whether an optional condition holds.
pub fn holds(c: &Option<Condition>, obj: &Value, place: Place) -> bool {
    c.as_ref().is_some_and(|c| c.holds(obj, place))
}
