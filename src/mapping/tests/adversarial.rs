//! Hostile and broken answers: wrong types, missing fields, duplicates, orphans, cycles,
//! 10,000-deep nesting and 100,000 comments. Nothing panics; what cannot be read is skipped.

use super::*;
use crate::mapping::cycles::cut_cycles;
use crate::model::tree::Forest;
use serde_json::json;

fn flat() -> Mapping {
    mapping(json!({
        "list": {"url": "{api}"},
        "tree": {"parent": "/p"},
        "comment": {"id": "/id", "author": "/a", "author_url": "/u", "body": "/b", "created": "/t"}
    }))
}

fn nested() -> Mapping {
    mapping(json!({
        "list": {"url": "{api}"},
        "tree": {"kind": "nested", "children": "/r"},
        "comment": {"object": "/c", "id": "/id", "body": "/b"}
    }))
}

/// Drops a value without recursion, for documents too deep for the default drop.
fn drop_flat(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[test]
fn wrong_types_read_as_missing_and_items_without_ids_are_counted() {
    let doc = json!([
        {"id": {"x": 1}, "b": "object id"}, {"id": [], "b": "array id"}, {"id": "  ", "b": "blank id"},
        {"id": true}, {"b": "no id"}, 7, "str", null, [],
        {"id": 1.5, "a": ["Ann"], "u": 3, "b": {"t": 1}, "t": {"y": 2024}, "p": {"id": 2}},
        {"id": -3, "a": 12, "b": true, "p": 1.5}
    ]);
    let a = read(&flat(), &doc);
    assert_eq!(a.skipped, 9);
    assert_eq!(outline(&a.page.comments), [("1.5", None), ("-3", Some("1.5"))]);
    let c = &a.page.comments[0];
    assert_eq!(
        (c.author.as_str(), c.website.as_deref(), c.text.as_str(), c.created_ms),
        ("", None, "", None)
    );
    assert_eq!(a.page.comments[1].author, "12");
    // The answer itself may be any JSON at all.
    for doc in [json!(null), json!(1), json!("x"), json!({"a": [1]}), json!([[[[]]]])] {
        let m = flat();
        let req = m.page_request(None, 5);
        let _ = m.read_list_doc(&doc, &|_| None, &req, &env(), &mut Seen::default());
    }
}

#[test]
fn duplicates_keep_the_first_and_children_of_skipped_items_move_up() {
    let doc = json!([
        {"c": {"id": 1, "b": "first"}, "r": [
            {"c": {"b": "no id"}, "r": [{"c": {"id": 3, "b": "grandchild"}}]},
            {"c": {"id": 1, "b": "duplicate of its parent"}, "r": [{"c": {"id": 4, "b": "under the duplicate"}}]}
        ]},
        {"c": {"id": 3, "b": "duplicate"}},
        {"x": {"id": 9}, "r": [{"c": {"id": 5}}]}
    ]);
    let a = read(&nested(), &doc);
    assert_eq!(outline(&a.page.comments), [("1", None), ("3", Some("1")), ("4", Some("1")), ("5", None)]);
    assert_eq!((a.skipped, a.duplicates), (2, 2));
    assert_eq!(a.page.comments[0].text, "first");
}

#[test]
fn cycles_are_cut_and_orphans_are_kept_for_the_tree_builder() {
    let doc = json!([
        {"id": "a", "p": "b"}, {"id": "b", "p": "a"},
        {"id": "s", "p": "s"},
        {"id": "x", "p": "z"}, {"id": "y", "p": "x"}, {"id": "z", "p": "y"},
        {"id": "o", "p": "gone"}, {"id": "k", "p": "o"}
    ]);
    let a = read(&flat(), &doc);
    assert_eq!(
        outline(&a.page.comments),
        [
            ("a", None),
            ("b", Some("a")),
            ("s", None),
            ("x", None),
            ("y", Some("x")),
            ("z", Some("y")),
            ("o", Some("gone")),
            ("k", Some("o"))
        ]
    );
    let forest = Forest::build(a.page.comments);
    assert_eq!(forest.roots.len(), 4, "a, s, x and the orphan o");
}

#[test]
fn cycles_through_parent_keys_are_cut_too() {
    let m = mapping(json!({
        "list": {"url": "{api}"},
        "tree": {"parent": "/ph", "parent_key": "/h"},
        "comment": {"id": "/id", "body": "/id"}
    }));
    let a = read(
        &m,
        &json!([{"id": 1, "h": "x", "ph": "y"}, {"id": 2, "h": "y", "ph": "x"}, {"id": 3, "h": "x", "ph": "x"}]),
    );
    assert_eq!(outline(&a.page.comments), [("1", None), ("2", Some("1")), ("3", Some("1"))]);
}

#[test]
fn a_parent_chain_100_000_long_is_cut_without_recursion() {
    let n = 100_000;
    let mut comments: Vec<_> = (0..n)
        .map(|i| crate::model::Comment {
            id: i.to_string().into(),
            parent: Some(((i + 1) % n).to_string().into()),
            ..Default::default()
        })
        .collect();
    cut_cycles(&mut comments);
    assert_eq!(comments.iter().filter(|c| c.parent.is_none()).count(), 1);
    assert_eq!(comments[0].parent, None);
}

#[test]
fn nesting_10_000_deep_is_flattened_iteratively() {
    let depth = 10_000;
    let mut doc = json!({"c": {"id": depth, "b": "deepest"}});
    for id in (0..depth).rev() {
        // Built by moving, not with json!(…), which would serialise `doc` recursively.
        let mut item = serde_json::Map::new();
        item.insert("c".into(), json!({"id": id, "b": ""}));
        item.insert("r".into(), Value::Array(vec![doc]));
        doc = Value::Object(item);
    }
    let list = Value::Array(vec![doc]);
    let mut seen = Seen::default();
    let a = read_with(&nested(), &list, &mut seen);
    assert_eq!(a.page.comments.len(), depth + 1);
    assert_eq!(a.page.comments[depth].parent.as_deref(), Some(&*(depth - 1).to_string()));
    assert_eq!(&*seen.root_of(&depth.to_string().into()), "0");
    drop_flat(list);
    // Such a document cannot arrive over the wire: the JSON parser refuses it, without panicking.
    let text = format!("{}{}", "[{\"r\":".repeat(depth), "]}".repeat(depth));
    let err = nested().check_answer(&response(200, &text, &[]), false).unwrap_err();
    assert!(matches!(err, crate::error::ClientError::Decode(_)));
}

#[test]
fn a_hundred_thousand_comments_read_quickly() {
    let n = 100_000;
    let items: Vec<Value> = (0..n)
        .map(|i| json!({"id": i, "p": if i % 10 == 0 { Value::Null } else { json!(i - i % 10) }, "a": "A", "b": "text", "t": 1_700_000_000}))
        .collect();
    let doc = Value::Array(items);
    let started = std::time::Instant::now();
    let a = read(&flat(), &doc);
    assert_eq!(a.page.comments.len(), n);
    assert_eq!(a.page.comments.iter().filter(|c| c.parent.is_none()).count(), n / 10);
    // Generous, for unoptimised builds on slow machines; linear code takes a fraction of it.
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}
