//! Every adapter against any JSON at all: the hostile corpus in `tests/fuzz/corpus/` and random
//! documents from proptest. Nothing may panic; an answer is a page or a clear error.

use super::{isso, waline, wordpress, RawResponse};
use proptest::prelude::*;
use serde_json::Value;

fn answer(body: String) -> RawResponse {
    RawResponse { status: 200, headers: vec![("x-wp-totalpages".into(), "3".into())], body }
}

/// Runs every adapter's list parser on one body.
fn all_adapters(body: &str) {
    let r = answer(body.to_string());
    let _ = wordpress::parse_list(&r, 1);
    let _ = isso::parse_list(&r, 0);
    let _ = waline::parse_list(&r);
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        let _ = wordpress::comment_from(&v);
        let _ = isso::comment_from(&v, None);
        let _ = waline::comment_from(&v, None);
    }
}

#[test]
fn the_hostile_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/corpus");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("corpus folder") {
        let body = std::fs::read_to_string(entry.expect("entry").path()).expect("readable");
        all_adapters(&body);
        seen += 1;
    }
    assert!(seen >= 8, "the corpus holds {seen} files");
}

#[test]
fn nesting_ten_thousand_deep_and_ten_megabyte_strings() {
    let depth = 10_000;
    let deep = String::from("{\"replies\": [")
        + &(0..depth).map(|i| format!("{{\"id\": {i}, \"replies\": [")).collect::<String>()
        + &"]}".repeat(depth)
        + "]}";
    all_adapters(&deep);
    let long = format!(r#"[{{"id": 1, "content": {{"rendered": "<p>{}</p>"}}}}]"#, "x<b>".repeat(2_500_000));
    let page = wordpress::parse_list(&answer(long), 1).expect("a long comment is still a comment");
    assert_eq!(page.comments[0].text.len(), 2_500_000);
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        prop_oneof![Just("0"), Just("1"), Just("root"), Just("")].prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("id"),
            Just("parent"),
            Just("replies"),
            Just("children"),
            Just("data"),
            Just("errno"),
            Just("objectId"),
            Just("pid"),
            Just("rid"),
            Just("content"),
            Just("rendered"),
            Just("text"),
            Just("comment"),
            Just("author_name"),
            Just("nick"),
            Just("mode"),
            Just("hidden_replies"),
            Just("totalPages"),
            Just("page"),
            Just("time"),
            Just("created"),
            Just("date_gmt"),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((keys, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz/adapters.regressions"),
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_json_panics_an_adapter(v in arb_json()) {
        all_adapters(&v.to_string());
    }
}
