//! Tolerant readers of backend JSON: every adapter reads through these, so a field of the wrong
//! type or a missing field becomes `None`, never a panic.

use serde_json::Value;
use std::rc::Rc;

/// An id from a number or a non-empty string.
pub fn id_of(v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Number(n) => Some(n.to_string().into()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().into()),
        _ => None,
    }
}

/// A string from a string or a number; anything else is `None`.
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The string at `key` of an object, if it is a non-blank string.
pub fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(text_of).filter(|s| !s.trim().is_empty())
}

/// A list at `v`: an array, or nothing for `null`, `""`, a missing key or any other type.
pub fn list_of(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

/// Parses a body as JSON, naming the backend in the error. serde_json's own message is left
/// out: no reader sees it, and formatting it would ship its error texts in the wasm.
pub fn parse_body(backend: &str, body: &str) -> Result<Value, crate::error::ClientError> {
    serde_json::from_str(body)
        .map_err(|_| crate::error::ClientError::Decode(format!("{backend} did not answer JSON")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tolerates_every_type() {
        assert_eq!(id_of(&json!(7)).as_deref(), Some("7"));
        assert_eq!(id_of(&json!(" a1 ")).as_deref(), Some("a1"));
        for bad in [json!(null), json!(""), json!([1]), json!({}), json!(true)] {
            assert_eq!(id_of(&bad), None);
        }
        assert_eq!(text_of(&json!(1.5)).as_deref(), Some("1.5"));
        assert_eq!(str_field(&json!({"a": " "}), "a"), None);
        assert!(list_of(Some(&json!(""))).is_empty());
        assert_eq!(list_of(Some(&json!([1, 2]))).len(), 2);
        assert!(parse_body("Isso", "<html>").is_err());
    }
}
