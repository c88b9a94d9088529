//! Every reading feature of a mapping, each on the smallest shape that shows it.

use super::*;
use crate::error::{ClientError, Refusal};
use crate::model::Status;
use serde_json::json;

fn base(extra: Value) -> Value {
    let mut m = json!({
        "list": {"url": "{api}/c?t={thread}"},
        "comment": {"id": "/id", "author": "/name", "body": "/text"}
    });
    merge(&mut m, extra);
    m
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, v) => *slot = v,
    }
}

#[test]
fn the_list_may_sit_deep_in_the_answer_and_items_may_wrap_the_comment() {
    let m = mapping(base(json!({
        "list": {"items": "/data/thread/comments"},
        "tree": {"kind": "nested", "children": "/replies"},
        "comment": {"object": "/comment"}
    })));
    let doc = json!({"data": {"thread": {"comments": [
        {"comment": {"id": 1, "name": "Ann", "text": "hi"}, "replies": [
            {"comment": {"id": 2, "name": "Bob", "text": "yo"}, "replies": null},
            {"comment": {"id": 3, "text": "x"}, "replies": ""},
            {"comment": {"id": 4, "text": "y"}}
        ]},
        {"comment": {"id": 5, "text": "z"}, "replies": 7}
    ]}}});
    let a = read(&m, &doc);
    assert_eq!(
        outline(&a.page.comments),
        [("1", None), ("2", Some("1")), ("3", Some("1")), ("4", Some("1")), ("5", None)]
    );
    assert_eq!((a.page.comments[0].author.as_str(), a.page.comments[1].text.as_str()), ("Ann", "yo"));
    assert_eq!(a.page.next_cursor, None);
}

#[test]
fn an_object_of_comments_or_null_is_a_list_but_a_missing_key_is_an_error() {
    let m = mapping(base(json!({"list": {"items": "/comments"}})));
    let a = read(&m, &json!({"comments": {"a": {"id": "a", "text": "1"}, "b": {"id": "b", "text": "2"}}}));
    assert_eq!(a.page.comments.len(), 2);
    assert!(read(&m, &json!({"comments": null})).page.comments.is_empty());
    let req = m.page_request(None, 10);
    for bad in [json!({}), json!({"comments": 3}), json!([1]), json!({"comments": true})] {
        let err = m.read_list_doc(&bad, &|_| None, &req, &env(), &mut Seen::default()).unwrap_err();
        assert!(matches!(&err, ClientError::Decode(d) if d.contains("list.items \"/comments\"")), "{err:?}");
    }
    let whole = mapping(base(json!({})));
    let err = whole.read_list_doc(&json!({"data": []}), &|_| None, &req, &env(), &mut Seen::default());
    assert!(matches!(err, Err(ClientError::Decode(_))), "an object answer needs list.items");
}

#[test]
fn flat_parents_may_reference_another_field_even_on_an_earlier_page() {
    let m = mapping(base(json!({"tree": {"parent": "/parentHex", "parent_key": "/hex", "root": "root"}})));
    let mut seen = Seen::default();
    let first = read_with(
        &m,
        &json!([
            {"id": 10, "hex": "aa", "parentHex": "root", "text": "top"},
            {"id": 11, "hex": "bb", "parentHex": "aa", "text": "reply"},
            {"id": 12, "hex": "cc", "parentHex": "zz", "text": "orphan"}
        ]),
        &mut seen,
    );
    assert_eq!(outline(&first.page.comments), [("10", None), ("11", Some("10")), ("12", None)]);
    let second =
        read_with(&m, &json!([{"id": 13, "hex": "dd", "parentHex": "bb", "text": "deeper"}]), &mut seen);
    assert_eq!(outline(&second.page.comments), [("13", Some("11"))]);
}

#[test]
fn the_root_marker_may_be_any_literal_or_the_thread_itself() {
    let doc = json!([
        {"id": "a", "p": null}, {"id": "b", "p": 0}, {"id": "c", "p": "0"}, {"id": "d", "p": ""},
        {"id": "e", "p": "root"}, {"id": "f", "p": "/t"}, {"id": "g"}, {"id": "h", "p": "a"},
        {"id": "i", "p": [1]}, {"id": "j", "p": false}
    ]);
    let parents = |root: Value| {
        let m = mapping(base(json!({"comment": {"body": "/id"}, "tree": {"parent": "/p", "root": root}})));
        read(&m, &doc)
            .page
            .comments
            .iter()
            .filter(|c| c.parent.is_some())
            .map(|c| c.id.to_string())
            .collect::<Vec<_>>()
    };
    // Null, "", missing and unreadable parents are always top-level; the markers add to them.
    assert_eq!(parents(json!([0, "root", "{thread}"])), ["h"]);
    assert_eq!(parents(json!(0)), ["e", "f", "h"]);
    assert_eq!(parents(json!("{thread}")), ["b", "c", "e", "h"]);
    assert_eq!(parents(Value::Null), ["b", "c", "e", "f", "h"]);
}

#[test]
fn authors_come_from_a_map_or_an_array_elsewhere_in_the_answer() {
    let doc = json!({"users": {"u1": {"display": "Ann", "home": "https://ann.example", "pic": "https://i/a.png"}},
        "items": [{"id": 1, "uid": "u1", "text": "a"}, {"id": 2, "uid": "nobody", "name": "Inline", "site": "https://in.example", "text": "b"}]});
    let m = |from: &str, key: Option<&str>| {
        let mut v = base(
            json!({"list": {"items": "/items"}, "comment": {"author_id": "/uid", "author_url": "/site"}}),
        );
        v["authors"] = json!({"from": from, "name": "/display", "url": "/home"});
        if let Some(k) = key {
            v["authors"]["key"] = json!(k);
        }
        mapping(v)
    };
    let a = read(&m("/users", None), &doc).page.comments;
    assert_eq!((a[0].author.as_str(), a[0].website.as_deref()), ("Ann", Some("https://ann.example")));
    assert_eq!((a[1].author.as_str(), a[1].website.as_deref()), ("Inline", Some("https://in.example")));
    let doc = json!({"people": [{"num": 7, "display": "Seven"}, {"num": 7, "display": "Shadow"}],
        "items": [{"id": 1, "uid": 7, "text": "a"}]});
    assert_eq!(read(&m("/people", Some("/num")), &doc).page.comments[0].author, "Seven");
}

#[test]
fn bodies_are_text_and_html_is_never_kept_as_markup() {
    let doc = json!([
        {"id": 1, "text": "<p>a &amp; b</p><script>x()</script>", "k": "html"},
        {"id": 2, "text": "**bold** <b>kept</b>\n", "k": "markdown"},
        {"id": 3, "text": 42, "k": "TEXT/HTML"},
        {"id": 4, "text": ["no"], "k": 1}
    ]);
    let texts = |kind: &str| {
        let m = mapping(base(json!({"comment": {"body_kind": kind}})));
        read(&m, &doc).page.comments.into_iter().map(|c| c.text).collect::<Vec<_>>()
    };
    assert_eq!(texts("/k"), ["a & b", "**bold** <b>kept</b>", "42", ""]);
    assert_eq!(texts("html")[1], "**bold** kept");
    assert_eq!(texts("text")[0], "<p>a &amp; b</p><script>x()</script>");
}

#[test]
fn times_are_read_in_the_declared_format() {
    let doc = json!([{"id": 1, "at": 1_700_000_000}, {"id": 2, "at": "1700000000000"}, {"id": 3, "at": "2023-11-14 22:13:20"}, {"id": 4, "at": "soon"}]);
    let times = |format: &str, offset: i64| {
        let m = mapping(base(json!({"comment": {"created": "/at", "time_format": format}})));
        let e = Env { local_offset_min: offset, ..env() };
        let req = m.page_request(None, 10);
        let a = m.read_list_doc(&doc, &|_| None, &req, &e, &mut Seen::default()).unwrap();
        a.page.comments.iter().map(|c| c.created_ms).collect::<Vec<_>>()
    };
    let t = Some(1_700_000_000_000);
    assert_eq!(times("auto", 0), [t, t, t, None]);
    assert_eq!(times("epoch_seconds", 0)[0], t);
    assert_eq!(times("epoch_millis", 0)[1], t);
    assert_eq!(times("local", 60)[2], Some(1_700_000_000_000 - 3_600_000));
}

#[test]
fn websites_must_be_http_and_statuses_come_from_matches() {
    let m = mapping(base(json!({"comment": {
        "author_url": "/url", "avatar": "/pic",
        "pending": {"at": "/state", "is": ["held", 2]}, "deleted": {"at": "/gone", "is": true}
    }})));
    let a = read(
        &m,
        &json!([
            {"id": 1, "url": "javascript:alert(1)", "state": "held", "pic": "javascript:alert(1)"},
            {"id": 2, "url": "https://ok.example", "state": "2.0", "gone": true, "pic": "https://i.example/a.png"},
            {"id": 3, "url": "ftp://x", "state": 1, "gone": "true"}
        ]),
    )
    .page
    .comments;
    assert_eq!(
        a.iter().map(|c| c.website.as_deref()).collect::<Vec<_>>(),
        [None, Some("https://ok.example"), None]
    );
    assert_eq!(
        a.iter().map(|c| c.status).collect::<Vec<_>>(),
        [Status::Pending, Status::Deleted, Status::Published]
    );
    // Avatars are kept as sent and checked where they are shown.
    let shown: Vec<_> = a.iter().map(|c| crate::model::remote_avatar(c.avatar.as_deref())).collect();
    assert_eq!(shown, [None, Some("https://i.example/a.png".to_string()), None]);
}

#[test]
fn error_wrappers_inside_http_200_become_readable_refusals() {
    let waline = mapping(base(
        json!({"list": {"items": "/data"}, "error": {"at": "/errno", "ok": 0, "message": "/errmsg"}}),
    ));
    let ok = waline.check_answer(&response(200, r#"{"errno":0,"errmsg":"","data":[]}"#, &[]), false).unwrap();
    assert_eq!(ok["data"], json!([]));
    let err = waline.check_answer(
        &response(200, r#"{"errno":1001,"errmsg":"Comment too short","data":null}"#, &[]),
        false,
    );
    assert_eq!(err.unwrap_err(), Refusal::Said { message: "Comment too short".into(), field: None }.into());
    assert!(waline.check_answer(&response(200, r#"{"data":[]}"#, &[]), false).is_ok(), "no flag, no error");

    let flagged = mapping(base(
        json!({"error": {"at": "/success", "ok": [true, "true"], "message": ["/message", "/error"]}}),
    ));
    let err = flagged
        .check_answer(&response(200, r#"{"success":false,"error":"locked"}"#, &[]), false)
        .unwrap_err();
    assert_eq!(err.english(), "locked");
    let err = flagged.check_answer(&response(200, r#"{"success":false}"#, &[]), false).unwrap_err();
    assert_eq!(err, Refusal::Unexplained.into(), "flagged as failed, with no words");
    // HTTP errors: a message is shown for 4xx; 5xx and unreadable bodies keep the status, and
    // 429 reads as too fast whatever the API says.
    let err = flagged.check_answer(&response(403, r#"{"message":"Log in first"}"#, &[]), false).unwrap_err();
    assert_eq!(err.english(), "Log in first");
    for (status, body) in [(500, r#"{"message":"db down"}"#), (404, "<html>nope</html>")] {
        let err = flagged.check_answer(&response(status, body, &[]), false).unwrap_err();
        assert_eq!(err, ClientError::Status(status));
    }
    let err = flagged.check_answer(&response(429, r#"{"message":"slow"}"#, &[]), false).unwrap_err();
    assert_eq!(err, Refusal::TooFast.into());
    let err = flagged.check_answer(&response(200, "<!doctype html><p>Hi", &[]), false).unwrap_err();
    assert!(matches!(err, ClientError::Decode(_)), "{err:?}");
    assert_eq!(flagged.check_answer(&response(204, "", &[]), true).unwrap(), Value::Null);
}

#[test]
fn the_total_comes_from_a_pointer_or_a_header() {
    let by_header = mapping(base(json!({"list": {"total": "header:X-Total-Count"}})));
    let req = by_header.page_request(None, 10);
    let r = response(200, r#"[{"id":1}]"#, &[("X-Total-Count", " 41 ")]);
    let a = by_header.read_list(&r, &req, &env(), &mut Seen::default()).unwrap();
    assert_eq!(a.page.total, Some(41));
    let by_pointer = mapping(base(json!({"list": {"items": "/c", "total": "/meta/count"}})));
    assert_eq!(read(&by_pointer, &json!({"c": [], "meta": {"count": "7"}})).page.total, Some(7));
    assert_eq!(read(&by_pointer, &json!({"c": [], "meta": {"count": -1}})).page.total, None);
}
