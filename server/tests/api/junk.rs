//! Property test: no request body, however broken, makes the server answer 5xx.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use threadline_protocol::ErrorBody;

use crate::support::{TestDb, TestServer};

fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("thread".to_owned()),
        Just("parent".to_owned()),
        Just("author".to_owned()),
        Just("email".to_owned()),
        Just("website".to_owned()),
        Just("text".to_owned()),
        Just("threads".to_owned()),
        "\\PC{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,30}".prop_map(Value::from),
        Just(Value::from("/t")),
        Just(Value::from("javascript:alert(1)")),
    ];
    leaf.prop_recursive(3, 32, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn junk_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        json_value().prop_map(|v| v.to_string().into_bytes()),
        // Valid JSON cut short at a random point.
        (json_value(), any::<prop::sample::Index>()).prop_map(|(v, i)| {
            let s = v.to_string().into_bytes();
            s[..i.index(s.len() + 1)].to_vec()
        }),
        proptest::collection::vec(any::<u8>(), 0..200),
        "\\PC{0,100}".prop_map(String::into_bytes),
    ]
}

#[test]
fn junk_bodies_never_get_a_server_error() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = TestDb::new();
    let server = rt.block_on(TestServer::start(&db.path, &[]));
    let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
    runner
        .run(&(junk_body(), prop::bool::ANY), |(body, counts)| {
            let path = if counts { "/api/counts" } else { "/api/comments" };
            let (status, text) = rt.block_on(async {
                let resp = server.post_raw(path, "application/json", body.clone()).await;
                (resp.status(), resp.text().await.unwrap())
            });
            prop_assert!(
                !status.is_server_error(),
                "{status} for {path} {:?}: {text}",
                String::from_utf8_lossy(&body)
            );
            if status.is_client_error() {
                prop_assert!(serde_json::from_str::<ErrorBody>(&text).is_ok(), "not an error body: {text}");
            } else {
                prop_assert!(status.is_success(), "{status}");
                prop_assert!(!text.contains("email"));
            }
            Ok(())
        })
        .unwrap();
}
