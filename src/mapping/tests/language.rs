//! The language of issue 12 on small made-up shapes: value specs, conditions, skipping,
//! placeholders, continuations, ranges, reply keys, thread-wide values, flat APIs, order,
//! paging that stalls, and errors that name the pointer.

use super::*;
use crate::api::Draft;
use crate::mapping::post::rfc3339;
use crate::mapping::ranges::{RangesSpec, Unit};
use crate::mapping::value::Spec;
use crate::model::tree::Forest;
use crate::model::Status;
use serde_json::json;

fn flat(comment: Value) -> Mapping {
    mapping(json!({"list": {"url": "{api}/c"}, "tree": {"parent": "/p"}, "comment": comment}))
}

#[test]
fn value_specs_chain_combine_split_and_strip() {
    let obj = json!({"name": " ", "user": "ann", "host": "social.example", "path": "0.12.45", "ref": "t1_k3", "n": 7});
    let spec = |v: Value| Spec::from_value(&v);
    let text = |v: Value| spec(v).text(&obj);
    assert_eq!(text(json!(["/name", "/missing", "/user"])).as_deref(), Some("ann"), "blank counts as empty");
    assert_eq!(text(json!({"template": "{/user}@{/host}"})).as_deref(), Some("ann@social.example"));
    assert_eq!(text(json!({"template": "{/user}@{/nohost}"})), None, "a missing part empties the template");
    assert_eq!(
        text(json!([{"template": "{{{/user}}}@{/nohost}"}, {"template": "{{{/user}}}"}])).as_deref(),
        Some("{ann}")
    );
    assert_eq!(text(json!({"at": "/path", "split": ".", "index": -2})).as_deref(), Some("12"));
    assert_eq!(text(json!({"at": "/path", "split": ".", "index": 1})).as_deref(), Some("12"));
    assert_eq!(text(json!({"at": "/path", "split": ".", "index": -4})), None);
    assert_eq!(text(json!({"at": "/path", "split": "."})).as_deref(), Some("0"));
    assert_eq!(text(json!({"at": "/ref", "strip_prefix": "t1_"})).as_deref(), Some("k3"));
    assert_eq!(text(json!({"at": "/n", "strip_prefix": "t1_"})).as_deref(), Some("7"));
    // A regex capture: the first group, or the whole match; nothing when it does not match.
    assert_eq!(text(json!({"at": "/path", "regex": r"^\d+\.(\d+)"})).as_deref(), Some("12"));
    assert_eq!(text(json!({"at": "/host", "regex": r"[a-z]+$"})).as_deref(), Some("example"));
    assert_eq!(text(json!({"at": "/ref", "regex": r"^t3_(.+)"})), None);
    assert_eq!(
        text(json!([{"at": "/ref", "regex": r"^t3_(.+)"}, {"at": "/ref", "regex": r"_(.+)"}])).as_deref(),
        Some("k3")
    );
    assert_eq!(spec(json!("/n")).read(&obj).as_deref(), Some(&json!(7)), "types are kept");
    assert!(spec(json!(true)).check("k").unwrap_err().starts_with("k must be"));
    assert!(spec(json!([])).check("k").is_err());
    assert!(spec(json!({"at": "/a", "split": ""})).check("k").is_err());
    let bad = spec(json!({"at": "/a", "regex": "(\\d+"})).check("k").unwrap_err();
    assert!(bad.starts_with(r#"k.regex "(\d+" does not compile: "#), "{bad}");
    assert!(spec(json!({"at": "/a", "regex": 3})).check("k").unwrap_err().contains("a string \"regex\""));
}

#[test]
fn skipped_items_are_not_counted_and_their_replies_move_up() {
    let m = mapping(json!({
        "list": {"url": "{api}/c", "skip": {"any": [{"position": 0}, {"at": "/kind", "is": "ad"}, {"missing": "/id"}]}},
        "tree": {"kind": "nested", "children": "/kids"},
        "comment": {"id": "/id", "body": "/b"}
    }));
    let doc = json!([
        {"id": "article", "kids": [{"id": "1"}]},
        {"id": "2", "kids": [{"kind": "ad", "id": "x", "kids": [{"id": "3"}]}, {"b": "no id"}]},
        {"id": "4", "kind": "ad"}
    ]);
    let a = read(&m, &doc);
    assert_eq!(outline(&a.page.comments), [("1", None), ("2", None), ("3", Some("2"))]);
    assert_eq!((a.dropped, a.skipped), (4, 0));
    let last = mapping(
        json!({"list": {"url": "{api}/c", "skip": {"not": {"position": -1}}}, "comment": {"id": "/id", "body": "/b"}}),
    );
    assert_eq!(outline(&read(&last, &json!([{"id": 1}, {"id": 2}])).page.comments), [("2", None)]);
}

#[test]
fn placeholders_keep_their_replies_and_lose_author_and_text() {
    let m = flat(json!({
        "id": "/id", "author": "/a", "body": "/b", "warning": "/cw",
        "placeholder": {"all": [{"at": "/a", "is": "[deleted]"}, {"not": {"present": "/keep"}}]},
        "pinned": "/pin", "edited": {"present": "/edited_at"}
    }));
    let doc = json!([
        {"id": 1, "a": "[deleted]", "b": "[deleted]", "cw": "spoiler"},
        {"id": 2, "p": 1, "a": "Bo", "b": "hi", "cw": "spoiler", "pin": 1, "edited_at": "2024-01-01"},
        {"id": 3, "a": "[deleted]", "b": "kept", "keep": true, "pin": "false"}
    ]);
    let c = read(&m, &doc).page.comments;
    assert_eq!(outline(&c), [("1", None), ("2", Some("1")), ("3", None)]);
    assert_eq!(
        (c[0].status, c[0].author.as_str(), c[0].text.as_str(), c[0].warning.clone()),
        (Status::Removed, "", "", None)
    );
    assert_eq!(
        (c[1].status, c[1].warning.as_deref(), c[1].pinned, c[1].edited),
        (Status::Published, Some("spoiler"), true, true)
    );
    assert_eq!((c[2].status, c[2].pinned, c[2].edited), (Status::Published, false, false));
    let tree = Forest::build(c);
    assert_eq!(tree.roots[0].replies.len(), 1, "the placeholder keeps its reply");
}

#[test]
fn a_flat_listing_of_stubs_puts_more_on_the_parent_named() {
    let m = mapping(json!({
        "list": {"url": "{api}/c", "continuation": {"when": "/stub", "ids": "/ids", "url": "/next"}},
        "tree": {"parent": {"at": "/parent", "strip_prefix": "c_"}},
        "comment": {"id": "/id", "body": "/b"}
    }));
    let doc = json!([
        {"id": "a"}, {"stub": true, "parent": "c_a", "ids": "b, c", "next": "/more?after=a"},
        {"stub": true, "parent": "c_a", "ids": ["d"], "next": "javascript:x"}, {"stub": 1, "parent": "c_zz", "ids": "q"}
    ]);
    let a = read(&m, &doc);
    assert_eq!((outline(&a.page.comments), a.dropped), (vec![("a", None)], 3));
    let more = a.page.comments[0].more.clone().unwrap();
    assert_eq!(
        (more.count, more.ids.clone(), more.url.as_deref()),
        (3, vec!["b".into(), "c".into(), "d".into()], Some("/more?after=a"))
    );
    assert_eq!(m.more_request(&env(), &more), None, "no request: the count still shows");
}

#[test]
fn ranges_count_bytes_chars_or_utf16_and_drop_what_does_not_fit() {
    let text = "é😀 see x.org";
    let obj = |s: u64, e: u64, url: &str| json!({"r": [{"s": s, "e": e, "u": url}]});
    let spec = |unit: Unit| RangesSpec {
        at: "/r".into(),
        start: "/s".into(),
        end: "/e".into(),
        url: "/u".into(),
        unit,
    };
    let url = "https://x.org";
    let hit = |unit, s, e| {
        spec(unit).read(&obj(s, e, url), text).first().map(|r| &text[r.start..r.end]).map(str::to_string)
    };
    assert_eq!(hit(Unit::Byte, 11, 16).as_deref(), Some("x.org"));
    assert_eq!(hit(Unit::Char, 7, 12).as_deref(), Some("x.org"));
    assert_eq!(hit(Unit::Utf16, 8, 13).as_deref(), Some("x.org"));
    assert_eq!(hit(Unit::Byte, 1, 3), None, "inside a character");
    assert_eq!(hit(Unit::Utf16, 2, 3), None, "half a surrogate pair");
    assert_eq!(hit(Unit::Byte, 11, 99), None, "past the end");
    assert_eq!(hit(Unit::Byte, 5, 5), None, "empty");
    for bad in ["javascript:alert(1)", "data:text/html,x", "mailto:", "//x.org", "ftp://x.org"] {
        assert!(spec(Unit::Byte).read(&obj(11, 16, bad), text).is_empty(), "{bad}");
    }
    let two = json!({"r": [{"s": 11, "e": 16, "u": url}, {"s": 0, "e": 12, "u": "mailto:a@x.org"}, {"s": 12, "e": 13, "u": url}]});
    let got: Vec<(usize, usize)> =
        spec(Unit::Byte).read(&two, text).iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(got, [(11, 16)], "a range overlapping one listed before it is dropped");
    let two = json!({"r": [{"s": 12, "e": 13, "u": url}, {"s": 0, "e": 12, "u": "mailto:a@x.org"}, {"s": 13, "e": 14, "u": url}]});
    let got: Vec<(usize, usize)> =
        spec(Unit::Byte).read(&two, text).iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(got, [(0, 12), (12, 13), (13, 14)], "sorted by start");
}

#[test]
fn replies_send_the_reply_key_and_posts_cite_fields_and_the_time() {
    let m = mapping(json!({
        "list": {"url": "{api}/c", "root": "/post"},
        "tree": {"parent": "/to", "parent_key": "/hex", "reply_key": "/n"},
        "comment": {"id": "/id", "body": "/b"},
        "post": {"url": "{api}/p", "body": {
            "to": "{parent|{thread}}", "top": "{root|0}", "at": "{now}", "pcid": "{parent./cid}", "rid": "{root./id:string}",
            "hash": "{root./hash|none}"
        }}
    }));
    let mut seen = Seen::default();
    let doc = json!({"post": {"id": 9, "hash": "h9"}, "": [{"id": 1, "hex": "a1", "n": 101, "cid": "c1"}, {"id": 2, "hex": "b2", "to": "a1", "n": 102, "cid": "c2"}]});
    let m = Mapping { list: crate::mapping::schema::List { items: "/".into(), ..m.list.clone() }, ..m };
    let a = read_with(&m, &doc, &mut seen);
    assert_eq!(outline(&a.page.comments), [("1", None), ("2", Some("1"))]);
    let body = |parent: Option<&str>| {
        let d = Draft { parent: parent.map(Into::into), text: "x".into(), ..Draft::default() };
        let req = m.post_request(&m.post_vars(&env(), &d, &seen)).unwrap();
        serde_json::from_str::<Value>(req.body.as_deref().unwrap()).unwrap()
    };
    let now = "2024-12-04T16:55:52.123Z";
    assert_eq!(
        body(Some("2")),
        json!({"to": 102, "top": 101, "at": now, "pcid": "c2", "rid": "9", "hash": "h9"})
    );
    assert_eq!(
        body(None),
        json!({"to": "/t", "top": 0, "at": now, "rid": "9", "hash": "h9"}),
        "the root object stands in for the parent"
    );
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(rfc3339(951_782_400_999), "2000-02-29T00:00:00.999Z");
    assert_eq!(rfc3339(-1), "1969-12-31T23:59:59.999Z");
}

#[test]
fn a_flat_api_ignores_parents_and_offers_no_reply_without_a_quote() {
    let m = mapping(
        json!({"list": {"url": "{api}/c", "order": "server"}, "tree": {"kind": "none"}, "comment": {"id": "/id", "body": "/b", "created": "/t"},
        "post": {"url": "{api}/p", "body": {"t": "{text}", "e": "{email}"}}}),
    );
    let c = read(&m, &json!([{"id": 1, "t": 50}, {"id": 2, "t": 10}, {"id": 3, "t": 30}])).page.comments;
    let forest = Forest::build(c);
    let order: Vec<&str> = forest.roots.iter().map(|n| &*n.comment.id).collect();
    assert_eq!(order, ["1", "2", "3"], "the server's order, not the time");
    let caps = m.capabilities();
    assert_eq!((caps.nesting, caps.email, caps.website), (Some(1), true, false));
    let e = Mapping::from_value(
        json!({"list": {"url": "u"}, "tree": {"kind": "none", "parent": "/p"}, "comment": {"id": "/id", "body": "/b"}}),
    );
    assert!(
        matches!(e, Err(crate::error::ClientError::Config(e)) if e.contains("tree.parent does not apply"))
    );
}

#[test]
fn errors_and_warnings_name_the_mapping_and_the_pointer() {
    let m = mapping(
        json!({"name": "Acme", "list": {"url": "{api}/c", "items": "/data"}, "tree": {"kind": "nested", "children": "/replies"}, "comment": {"id": "/id", "body": "/b"}}),
    );
    let req = m.page_request(None, 50);
    let err =
        m.read_list_doc(&json!({"items": []}), &|_| None, &req, &env(), &mut Seen::default()).unwrap_err();
    assert!(
        format!("{err:?}")
            .contains("Acme answered without a list of comments: list.items \\\"/data\\\" matched nothing"),
        "{err:?}"
    );
    let a = read(&m, &json!({"data": [{"id": 1, "children": [{"id": 2}]}, {"b": "no id"}]}));
    assert_eq!(a.warnings.len(), 2, "{:?}", a.warnings);
    assert!(a.warnings[0].contains("Acme: tree.children \"/replies\" matched nothing"), "{:?}", a.warnings);
    assert!(a.warnings[1].contains("1 items had no id at comment.id"), "{:?}", a.warnings);
}
