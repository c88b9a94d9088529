//! The checker on the worked mappings (no warnings) and on answers built to trip each warning.

use super::*;
use crate::mapping::tests::{env, mapping};
use serde_json::json;

/// The worked mappings of `docs/backends.md`, each with its sample answer and thread key.
const WORKED: &[(&str, &str, &str)] = &[
    (
        "remark42",
        include_str!("../../../tests/fixtures/custom/remark42/mapping.json"),
        include_str!("../../../tests/fixtures/custom/remark42/list.json"),
    ),
    (
        "commento",
        include_str!("../../../tests/fixtures/custom/commento/mapping.json"),
        include_str!("../../../tests/fixtures/custom/commento/list.json"),
    ),
    (
        "artalk",
        include_str!("../../../tests/fixtures/custom/artalk/mapping.json"),
        include_str!("../../../tests/fixtures/custom/artalk/list.json"),
    ),
    (
        "cusdis",
        include_str!("../../../tests/fixtures/custom/cusdis/mapping.json"),
        include_str!("../../../tests/fixtures/custom/cusdis/list.json"),
    ),
    (
        "reddit",
        include_str!("../../../tests/fixtures/custom/reddit/mapping.json"),
        include_str!("../../../tests/fixtures/custom/reddit/list.json"),
    ),
    (
        "github",
        include_str!("../../../tests/fixtures/custom/github/mapping.json"),
        include_str!("../../../tests/fixtures/custom/github/list.json"),
    ),
    (
        "discourse",
        include_str!("../../../tests/fixtures/custom/discourse/mapping.json"),
        include_str!("../../../tests/fixtures/custom/discourse/list.json"),
    ),
    (
        "lemmy",
        include_str!("../../../tests/fixtures/custom/lemmy/mapping.json"),
        include_str!("../../../tests/fixtures/custom/lemmy/list.json"),
    ),
    (
        "bluesky",
        include_str!("../../../tests/fixtures/custom/bluesky/mapping.json"),
        include_str!("../../../tests/fixtures/custom/bluesky/list.json"),
    ),
];

fn run(m: Value, answer: Value) -> Report {
    match check(&mapping(m), &answer.to_string(), &env()) {
        Ok(r) => r,
        Err(e) => panic!("check refused: {e}"),
    }
}

fn flat() -> Value {
    json!({
        "name": "Acme",
        "list": { "url": "{api}/c?t={thread}", "items": "/data" },
        "tree": { "parent": "/parent" },
        "comment": { "id": "/id", "author": "/who", "body": "/text", "created": "/at", "time_format": "rfc3339" },
        "post": { "url": "{api}/c", "body": { "t": "{thread}", "parent": "{parent}", "text": "{text}", "name": "{author}" } }
    })
}

#[test]
fn worked_mappings_read_their_answers_without_warnings() {
    for (name, m, answer) in WORKED {
        let m = Mapping::parse(m).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let r = check(&m, answer, &env()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(r.warnings.is_empty(), "{name}: {:?}", r.warnings);
        assert!(!r.tree.is_empty(), "{name} read no comment");
    }
}

#[test]
fn a_clean_answer_gives_its_tree_and_its_posts() {
    let answer = json!({"data": [
        {"id": 1, "who": "Ann", "text": "First words of a long comment", "at": "2024-05-01T10:00:00Z"},
        {"id": 2, "parent": 1, "who": "Bob", "text": "Reply", "at": "2024-05-01T11:00:00Z"},
        {"id": 3, "who": "Cy", "text": "Later", "at": "2024-05-02T10:00:00Z"}
    ]});
    let r = run(flat(), answer);
    assert_eq!(r.warnings, []);
    let tree: Vec<(usize, &str)> = r.tree.iter().map(|(d, c)| (*d, &*c.id)).collect();
    assert_eq!(tree, [(0, "1"), (1, "2"), (0, "3")]);
    assert_eq!(r.list_request.url, "https://api.example/c?t=%2Ft");
    let post = r.post.expect("a post");
    assert_eq!(
        post.body.as_deref(),
        Some(r#"{"name":"Sample Reader","t":"/t","text":"A sample comment from the mapping checker."}"#)
    );
    let (parent, reply) = r.reply.expect("a reply");
    assert_eq!(&*parent, "1");
    assert!(reply.body.unwrap().contains(r#""parent":1"#), "the id keeps its type");
    assert_eq!((r.counts.items, r.counts.comments), (3, 3));
}

#[test]
fn each_warning_names_what_is_wrong() {
    let answer = json!({"data": [
        {"id": 1, "who": "Ann", "text": "a", "at": "yesterday"},
        {"who": "Nobody", "text": "no id"},
        {"id": 1, "who": "Ann again", "text": "b"},
        {"id": 4, "parent": 99, "who": "Orphan", "text": "c", "at": "2024-05-01T10:00:00Z"}
    ]});
    let r = run(flat(), answer);
    let text: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        r.warnings,
        [
            Warning::NoId { items: 1, spec: "\"/id\"".into() },
            Warning::DuplicateId { id: "1".into(), times: 2 },
            Warning::MissingParent { id: "4".into(), parent: "99".into(), key: None },
            Warning::BadTime { id: "1".into(), value: "\"yesterday\"".into() },
        ],
        "{text:#?}"
    );
    assert!(text[0].contains("comment.id \"/id\""), "{}", text[0]);
    assert_eq!((r.counts.no_id, r.counts.duplicates), (1, 1));
}

#[test]
fn a_parent_key_that_names_nothing_is_a_missing_parent() {
    let mut m = flat();
    m["tree"]["parent_key"] = json!("/n");
    let answer = json!({"data": [{"id": 10, "n": 1, "text": "a", "who": "A"}, {"id": 11, "n": 2, "parent": 7, "text": "b", "who": "B"}]});
    let r = run(m, answer);
    assert_eq!(
        r.warnings,
        [
            Warning::MissingParent { id: "11".into(), parent: "7".into(), key: Some("\"/n\"".into()) },
            Warning::Nothing { key: "comment.created", spec: "\"/at\"".into() }
        ]
    );
}

#[test]
fn a_children_pointer_that_matches_nothing_says_where_the_replies_are() {
    let m = json!({
        "list": { "url": "{api}/c", "items": "/comments" },
        "tree": { "kind": "nested", "children": "/replies" },
        "comment": { "id": "/id", "body": "/text" }
    });
    let answer = json!({"comments": [
        {"id": 1, "text": "a", "kids": [{"id": 2, "text": "b"}]},
        {"id": 3, "text": "c", "meta": {"reply_count": 2}}
    ]});
    let r = run(m.clone(), answer);
    assert_eq!(
        r.warnings,
        [Warning::Children {
            pointer: "/replies".into(),
            found: vec!["/kids".into(), "/meta/reply_count".into()]
        }]
    );
    // A thread without replies anywhere is no mistake.
    let quiet = run(m, json!({"comments": [{"id": 1, "text": "a"}]}));
    assert_eq!(quiet.warnings, []);
}

#[test]
fn skipped_items_stubs_and_placeholders_are_counted() {
    let m = json!({
        "list": { "url": "{api}/c", "skip": {"at": "/kind", "is": "article"},
                  "continuation": {"when": {"at": "/kind", "is": "more"}, "count": "/n"} },
        "tree": { "kind": "nested", "children": "/replies" },
        "comment": { "id": "/id", "body": "/text", "placeholder": "/gone" }
    });
    let answer = json!([
        {"kind": "article", "id": 0, "text": "the post"},
        {"id": 1, "text": "a", "replies": [{"id": 2, "gone": true}, {"kind": "more", "id": "m", "n": 4}]}
    ]);
    let r = run(m, answer);
    assert_eq!(r.warnings, []);
    let c = r.counts;
    assert_eq!((c.items, c.comments, c.skipped, c.stubs, c.placeholders, c.continued), (4, 2, 1, 1, 1, 1));
}

#[test]
fn empty_fields_everywhere_are_named() {
    let answer = json!({"data": [{"id": 1, "body": "x", "name": "Ann"}]});
    let r = run(flat(), answer);
    let keys: Vec<&str> = r
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Nothing { key, .. } => Some(*key),
            _ => None,
        })
        .collect();
    assert_eq!(keys, ["comment.created", "comment.body", "comment.author"]);
}

#[test]
fn unreadable_answers_are_errors_naming_the_line_or_the_pointer() {
    let m = mapping(flat());
    let not_json = check(&m, "{\n  \"data\": [\n  oops", &env()).unwrap_err();
    assert!(not_json.contains("line 3"), "{not_json}");
    let wrong = check(&m, r#"{"items": []}"#, &env()).unwrap_err();
    assert!(wrong.contains("list.items \"/data\" matched nothing"), "{wrong}");
    let mut with_error = flat();
    with_error["error"] = json!({"at": "/ok", "ok": true, "message": "/why"});
    let said = check(&mapping(with_error), r#"{"ok": false, "why": "No such post"}"#, &env()).unwrap_err();
    assert!(said.contains("error.at \"/ok\"") && said.contains("No such post"), "{said}");
}

#[test]
fn a_flat_api_without_quote_takes_no_reply() {
    let mut m = flat();
    m["tree"] = json!({"kind": "none"});
    let r = run(m, json!({"data": [{"id": 1, "text": "a", "who": "A", "at": 1}]}));
    assert!(r.post.is_some() && r.reply.is_none());
}
