//! A mapping is checked when it is loaded, and every error names the key at fault.

use super::*;
use crate::error::ClientError;
use serde_json::json;

fn error_of(v: Value) -> String {
    match Mapping::from_value(v) {
        Err(ClientError::Config(what)) => what,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

fn with(path: &[&str], value: Value) -> Value {
    let mut m = json!({
        "list": {"url": "{api}/c?t={thread}"},
        "comment": {"id": "/id", "body": "/text"},
        "post": {"url": "{api}/c", "body": {"text": "{text}"}}
    });
    let mut slot = &mut m;
    for key in path {
        slot = &mut slot[*key];
    }
    *slot = value;
    m
}

#[test]
fn bad_mappings_name_their_key() {
    let cases: &[(&[&str], Value, &str)] = &[
        (&["lst"], json!({}), "unknown key \"lst\""),
        (&["list", "itmes"], json!("/x"), "list: has an unknown key \"itmes\""),
        (&["list", "items"], json!("data"), "list.items must be a JSON pointer"),
        (&["list", "url"], json!(""), "list.url is empty"),
        (&["list", "url"], json!("{api}/c?x={text}"), "list.url uses {text}"),
        (&["list", "url"], json!("{api/c"), "list.url has a '{' with no '}'"),
        (&["list", "method"], json!("DELETE"), "list: method must be one of \"GET\", \"POST\""),
        (&["list", "body"], json!({"a": 1}), "list.body needs list.method POST"),
        (&["list", "total"], json!("header:"), "list.total names no header"),
        (
            &["list", "paging"],
            json!({"kind": "pages"}),
            "list.paging: kind must be one of \"none\", \"page\"",
        ),
        (&["list", "paging"], json!({"kind": "cursor"}), "list.paging.next is needed"),
        (&["list", "paging"], json!({"kind": "page", "next": "/n"}), "list.paging.next does not apply"),
        (&["list", "paging"], json!({"kind": "page"}), "must use {page}"),
        (&["list", "paging"], json!({"kind": "none", "size": 3}), "list.paging.size does not apply"),
        (&["tree", "kind"], json!("nested"), "tree.children is needed"),
        (&["tree", "children"], json!("/replies"), "tree.children needs tree.kind"),
        (&["tree", "parent_key"], json!("/hex"), "tree.parent_key needs tree.parent"),
        (&["tree", "parent"], json!("parent"), "tree.parent must be a JSON pointer"),
        (&["comment", "id"], json!(7), "comment.id must be a JSON pointer, an array"),
        (&["comment", "author"], json!(["/name", "user"]), "comment.author[1] must be a JSON pointer"),
        (&["comment", "author"], json!({"template": "{name}"}), "comment.author.template holds {name}"),
        (
            &["comment", "author"],
            json!({"at": "/p", "split": ".", "pick": 1}),
            "comment.author is an object with keys",
        ),
        (
            &["tree", "parent"],
            json!({"at": "p", "strip_prefix": "t1_"}),
            "tree.parent.at must be a JSON pointer",
        ),
        (
            &["comment", "id"],
            json!({"at": "/url", "regex": "/comments/(\\d+"}),
            r#"comment.id.regex "/comments/(\d+" does not compile: unclosed group"#,
        ),
        (
            &["list", "skip"],
            json!({"any": [{"position": 0}, {"missing": "id"}]}),
            "list.skip[1] must be a JSON pointer",
        ),
        (&["list", "skip"], json!({"every": []}), "list.skip must be a pointer, {\"at\", \"is\"}"),
        (&["tree", "quote"], json!("> {text}"), "tree.quote needs tree.kind \"none\""),
        (
            &["post", "body"],
            json!({"r": "{root./uri}", "p": "{parent./cid}", "n": "{now}", "x": "{child./a}"}),
            "post.body.x has a malformed placeholder {child./a}",
        ),
        (&["post", "body"], json!({"t": "{parent|{page}}"}), "post.body.t uses {page}"),
        (&["headers"], json!({"X-N": 3}), "headers must be an object of strings"),
        (
            &["list", "paging"],
            json!({"kind": "page", "size": "20"}),
            "list.paging: size must be a whole number",
        ),
        (&["list", "url"], Value::Null, "list: missing field `url`"),
        (&["post", "created"], json!(3), "post: created must be a pointer or null"),
        (&["post", "email_required"], json!("yes"), "post: email_required must be true or false"),
        (&["post", "body"], Value::Null, "post: missing field `body`"),
        (&["tree"], json!([]), "tree: must be an object"),
        (&["comment", "bdy"], json!("/b"), "comment: has an unknown key \"bdy\""),
        (&["tree", "kind"], json!("threaded"), "tree: kind must be one of \"flat\", \"nested\", \"none\""),
        (&["list", "order"], json!("votes"), "must be one of \"time\", \"server\""),
        (
            &["comment", "ranges"],
            json!({"at": "/f", "start": "/s", "end": "/e"}),
            "comment.ranges: missing field `url`",
        ),
        (&["list", "continuation"], json!({"ids": "/c"}), "list.continuation: missing field `when`"),
        (
            &["list", "continuation"],
            json!({"when": "/m", "request": {"url": "{api}?c={cursor}"}}),
            "list.continuation.request.url uses {cursor}",
        ),
        (&["comment", "body_kind"], json!("rich"), "comment.body_kind must be html, markdown, text"),
        (&["comment", "time_format"], json!("iso"), "comment: time_format must be one of \"auto\""),
        (&["comment", "pending"], json!({"at": "/s"}), "comment.pending must be a pointer, {"),
        (
            &["comment", "deleted"],
            json!({"at": "x", "is": true}),
            "comment.deleted.at must be a JSON pointer",
        ),
        (&["authors"], json!({"from": "/users"}), "authors needs comment.author_id"),
        (&["error"], json!({"at": "/errno"}), "error.at and error.ok go together"),
        (&["error"], json!({"message": 3}), "error.message must be a pointer"),
        (&["post", "body"], json!({"to": "{thread}", "p": ["{page}"]}), "post.body.p[0] uses {page}"),
        (
            &["post", "body_format"],
            json!("xml"),
            "post: body_format must be one of \"json\", \"form\", not \"xml\"",
        ),
        (&["post", "created"], json!("data"), "post.created must be a JSON pointer"),
        (&["headers"], json!({"Bad Name": "x"}), "headers has a bad header name"),
        (&["headers"], json!({"X-Key": "{page}"}), "headers.X-Key uses {page}"),
        (&["count"], json!({"url": "{api}/n"}), "count: missing field `total`"),
        (&["credentials"], json!("always"), "credentials must be one of \"omit\""),
    ];
    for (path, value, want) in cases {
        let got = error_of(with(path, value.clone()));
        assert!(got.contains(want), "{path:?} = {value}: wanted {want:?} in {got:?}");
    }
    assert!(error_of(json!([])).contains("must be a JSON object"));
    let nulls = with(&["authors"], Value::Null);
    assert!(Mapping::from_value(nulls).is_ok_and(|m| m.authors.is_none()), "null sections are absent");
    assert!(error_of(json!({"comment": {"id": "/id", "body": "/b"}})).contains("missing field `list`"));
    assert!(
        matches!(Mapping::parse("{\"list\": "), Err(ClientError::Config(e)) if e.contains("not valid JSON"))
    );
}

#[test]
fn every_option_at_once_is_accepted() {
    let m = mapping(json!({
        "name": "Everything",
        "headers": {"X-Key": "{thread}"},
        "credentials": "include",
        "list": {
            "url": "{api}/c?t={thread}&o={offset}&n={limit}", "method": "POST", "headers": {"A": "b"},
            "body": {"t": "{thread}", "u": "{url}", "ti": "{title}"}, "body_format": "form",
            "items": "/d/items", "total": "header:X-Total",
            "paging": {"kind": "offset", "first": 0, "size": 20, "count": "/d/roots", "more": "/d/more"}
        },
        "tree": {"kind": "nested", "parent": "/p", "parent_key": "/k", "root": [null, 0, "", "root", "{thread}"], "children": "/kids"},
        "comment": {
            "object": "/c", "id": "/id", "author": "/a", "author_url": "/u", "avatar": "/i", "author_id": "/aid",
            "body": "/b", "body_kind": "/kind", "created": "/t", "time_format": "epoch_millis",
            "pending": {"at": "/s", "is": "held"}, "deleted": {"at": "/s", "is": ["gone", 4]}
        },
        "authors": {"from": "/users", "key": "/id", "name": "/n", "url": "/u", "avatar": "/i"},
        "error": {"at": "/ok", "ok": [true, 1], "message": ["/msg", "/error/text"]},
        "post": {
            "url": "{api}/new", "method": "PATCH", "headers": {"X-Author": "{author}"},
            "body": {"x": ["{parent:number|0}", "{root}", "{{literal}}"]}, "body_format": "json",
            "created": null, "email_required": true, "markdown": false, "min_text": 2
        },
        "count": {"url": "{api}/n", "total": "header:X-Count"}
    }));
    assert_eq!(m.display_name(), "Everything");
    assert_eq!(m.post.as_ref().and_then(|p| p.created.clone()), None);
}
