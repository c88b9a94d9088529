//! Where items hold replies when `tree.children` matched nothing: arrays of objects that read
//! as comments (an id at `comment.id`), or counts of replies (`reply_count: 3`), a few levels
//! down each item. Only for the checker's message: the widget never guesses.

use super::super::schema::Mapping;
use crate::api::json::id_of;
use serde_json::Value;
use std::collections::BTreeSet;

/// How deep into an item the search looks, and how many items it looks at.
const DEPTH: usize = 4;
const ITEMS: usize = 200;

/// True for a key that names replies or their number.
fn names_replies(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["repl", "child", "kids", "answers", "responses"].iter().any(|w| k.contains(w))
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Pointers (relative to an item) where items hold replies, at most three, sorted.
pub fn replies_elsewhere(m: &Mapping, items: &[&Value]) -> Vec<String> {
    let reads_as_comment = |v: &Value| {
        m.comment
            .id
            .read(v.pointer(&m.comment.object).unwrap_or(&Value::Null))
            .is_some_and(|id| id_of(&id).is_some())
    };
    let mut found = BTreeSet::new();
    for item in items.iter().take(ITEMS) {
        let mut stack: Vec<(String, &Value, usize)> = vec![(String::new(), item, 0)];
        while let Some((at, v, depth)) = stack.pop() {
            let Value::Object(map) = v else { continue };
            for (key, child) in map {
                let here = format!("{at}/{}", escape(key));
                let hit = match child {
                    Value::Array(list) => list.first().is_some_and(&reads_as_comment),
                    Value::Number(n) => names_replies(key) && n.as_f64().is_some_and(|n| n > 0.0),
                    _ => false,
                };
                if hit {
                    found.insert(here);
                } else if depth + 1 < DEPTH {
                    stack.push((here, child, depth + 1));
                }
            }
        }
    }
    found.into_iter().take(3).collect()
}
