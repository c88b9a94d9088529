//! Property tests: random JSON through several mappings never panics, and what comes out is
//! always a clean forest (unique ids, no self-parents, no cycles). Native only: proptest needs
//! OS randomness, which wasm32 lacks.

use super::*;
use proptest::prelude::*;
use serde_json::json;
use std::collections::{HashMap, HashSet};

const KEYS: &[&str] =
    &["id", "p", "r", "c", "data", "items", "a", "b", "k", "t", "users", "uid", "h", "next", "n"];

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..20).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "0",
            "1",
            "2",
            "root",
            "/t",
            "html",
            "<p>x</p>",
            "2024-01-01T00:00:00Z"
        ])
        .prop_map(Value::from),
        "\\PC{0,6}".prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 80, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(KEYS), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

fn mappings() -> Vec<Mapping> {
    vec![
        mapping(json!({
            "list": {"url": "{api}?p={page}", "items": "/items", "total": "/n", "paging": {"kind": "page", "pages": "/data"}},
            "tree": {"parent": "/p", "parent_key": "/h", "root": [0, "", "root", "{thread}"]},
            "comment": {"id": "/id", "author_id": "/uid", "body": "/b", "body_kind": "/k", "created": "/t",
                "pending": {"at": "/k", "is": ["html", 1]}},
            "authors": {"from": "/users", "key": "/id", "name": "/a", "url": "/b"}
        })),
        mapping(json!({
            "list": {"url": "{api}?c={cursor}", "items": "", "paging": {"kind": "cursor", "next": "/next"}},
            "tree": {"kind": "nested", "parent": "/p", "children": "/r"},
            "comment": {"object": "/c", "id": "/id", "author": "/a", "author_id": "/uid", "body": "/b", "body_kind": "html", "created": "/t"},
            "authors": {"from": "/users", "name": "/a"},
            "error": {"at": "/k", "ok": [0, true], "message": ["/b", "/a"]}
        })),
        mapping(json!({
            "list": {"url": "{api}?o={offset}", "items": "/data", "paging": {"kind": "offset", "more": "/next"}},
            "tree": {"kind": "nested", "children": "/data"},
            "comment": {"id": "/id", "body": "/b", "time_format": "local"}
        })),
    ]
}

fn check_forest(comments: &[crate::model::Comment]) -> Result<(), TestCaseError> {
    let ids: HashSet<&str> = comments.iter().map(|c| &*c.id).collect();
    prop_assert_eq!(ids.len(), comments.len(), "ids are unique");
    let parent: HashMap<&str, &str> =
        comments.iter().filter_map(|c| c.parent.as_deref().map(|p| (&*c.id, p))).collect();
    for c in comments {
        prop_assert!(c.parent.as_deref() != Some(&*c.id), "no self-parent");
        let mut current = &*c.id;
        let mut steps = 0;
        while let Some(p) = parent.get(current) {
            current = p;
            steps += 1;
            prop_assert!(steps <= comments.len(), "no cycle through {}", c.id);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_answers_never_panic_and_give_a_forest(doc in any_json(), status in prop::sample::select(vec![200u16, 201, 400, 500])) {
        let header = |name: &str| (name == "x-total").then(|| "3".to_string());
        for m in mappings() {
            let mut seen = Seen::default();
            let req = m.page_request(Some("2"), 3);
            if let Ok(a) = m.read_list_doc(&doc, &header, &req, &env(), &mut seen) {
                check_forest(&a.page.comments)?;
            }
            let r = response(status, &doc.to_string(), &[]);
            let _ = m.check_answer(&r, true);
            let _ = m.read_list(&r, &req, &env(), &mut seen);
            let _ = m.read_count(&r);
            let draft = crate::api::Draft { parent: Some("1".into()), ..Default::default() };
            let _ = m.read_created(&r, &env(), &draft, &mut seen);
        }
    }

    #[test]
    fn random_templates_never_panic(t in "\\PC{0,24}", v in any_json()) {
        use crate::mapping::template::{self, Scope, Vars};
        let mut vars = Vars::default();
        vars.set("thread", v.clone()).set("parent", v);
        let _ = template::check("k", &t, Scope::Post);
        let _ = template::render_url(&t, &vars);
        let _ = template::render_value(&Value::String(t), &vars);
    }
}
