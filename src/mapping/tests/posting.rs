//! Posting: body templates with typed leaves and `{root}`, headers, form bodies, the comment
//! read back, counting and capabilities.

use super::*;
use crate::api::Draft;
use crate::mapping::schema::Method;
use serde_json::json;

fn with_post(post: Value) -> Mapping {
    mapping(json!({
        "headers": {"X-Api-Key": "k1", "X-Thread": "{thread}"},
        "list": {"url": "{api}/c", "headers": {"X-Api-Key": "k2"}},
        "tree": {"parent": "/pid"},
        "comment": {"id": "/id", "author": "/who", "author_url": "/site", "body": "/text"},
        "post": post
    }))
}

fn draft(parent: Option<&str>) -> Draft {
    Draft {
        parent: parent.map(Into::into),
        author: " Ann ".into(),
        email: "".into(),
        website: "https://ann.example".into(),
        text: "Hello".into(),
        ..Draft::default()
    }
}

/// A mapping whose thread is 1 → 2 → 3 (numeric ids) and "s" (a string id).
fn known(m: &Mapping) -> Seen {
    let mut seen = Seen::default();
    read_with(m, &json!([{"id": 1}, {"id": 2, "pid": 1}, {"id": 3, "pid": 2}, {"id": "s"}]), &mut seen);
    seen
}

fn body_of(m: &Mapping, d: &Draft, seen: &Seen) -> Value {
    let req = m.post_request(&m.post_vars(&env(), d, seen)).unwrap();
    serde_json::from_str(req.body.as_deref().unwrap()).unwrap()
}

#[test]
fn typed_leaves_root_defaults_and_dropped_keys() {
    let m = with_post(json!({
        "url": "{api}/c?reply_to={parent}",
        "body": {
            "content": "{text}", "nick": "{author}", "mail": "{email}", "link": "{website|}",
            "pid": "{parent}", "rid": "{root}", "parent_or_zero": "{parent|0}", "hex": "{parent:string|root}",
            "meta": {"thread": "{thread}", "where": "{url}", "headline": "Re: {title}", "tags": ["{email}", "x"]},
            "fixed": 3
        }
    }));
    let seen = known(&m);
    let deep = body_of(&m, &draft(Some("3")), &seen);
    assert_eq!(
        deep,
        json!({
            "content": "Hello", "nick": "Ann", "link": "https://ann.example",
            "pid": 3, "rid": 1, "parent_or_zero": 3, "hex": "3",
            "meta": {"thread": "/t", "where": "https://blog.example/t", "headline": "Re: T", "tags": [null, "x"]},
            "fixed": 3
        })
    );
    let top = body_of(&m, &Draft { website: " ".into(), ..draft(None) }, &seen);
    assert_eq!((top.get("pid"), top.get("rid"), top.get("mail")), (None, None, None));
    assert_eq!((&top["parent_or_zero"], &top["hex"], &top["link"]), (&json!(0), &json!("root"), &json!("")));
    // A string id stays a string; an id never seen is sent as the text it is.
    assert_eq!(body_of(&m, &draft(Some("s")), &seen)["pid"], json!("s"));
    assert_eq!(body_of(&m, &draft(Some("99")), &seen)["rid"], json!("99"));
    // A root the UI names wins over the one learnt from answers.
    let named = Draft { root: Some("2".into()), ..draft(Some("3")) };
    assert_eq!(body_of(&m, &named, &seen)["rid"], json!(2));
    let req = m.post_request(&m.post_vars(&env(), &draft(Some("3")), &seen)).unwrap();
    assert_eq!((req.method, req.url.as_str()), (Method::Post, "https://api.example/c?reply_to=3"));
    assert_eq!((req.header("x-api-key"), req.header("X-Thread")), (Some("k1"), Some("/t")));
    assert_eq!(req.header("content-type"), Some("application/json"));
    let list = m.list_request(&env(), &m.page_request(None, 5));
    assert_eq!(
        (list.header("X-Api-Key"), list.body.as_deref()),
        (Some("k2"), None),
        "per-request headers win"
    );
}

#[test]
fn form_bodies_and_other_methods() {
    let m = with_post(json!({"url": "{api}/c", "method": "put", "body_format": "form",
        "body": {"text": "{text}", "parent": "{parent|0}", "email": "{email}"}}));
    let req = m
        .post_request(&m.post_vars(&env(), &Draft { text: "a&b c".into(), ..draft(None) }, &Seen::default()))
        .unwrap();
    assert_eq!((req.method, req.body.as_deref()), (Method::Put, Some("parent=0&text=a%26b%20c")));
    assert_eq!(req.header("Content-Type"), Some("application/x-www-form-urlencoded"));
}

#[test]
fn the_created_comment_is_read_back_and_filled_in_from_the_draft() {
    let m =
        with_post(json!({"url": "{api}/c", "body": {"t": "{text}", "pid": "{parent}"}, "created": "/data"}));
    let mut seen = known(&m);
    let r = response(201, r#"{"data":{"id":40,"text":"Hello, stored","site":"javascript:x"}}"#, &[]);
    let c = m.read_created(&r, &env(), &draft(Some("3")), &mut seen).unwrap();
    assert_eq!((&*c.id, c.parent.as_deref(), c.author.as_str()), ("40", Some("3"), "Ann"));
    assert_eq!((c.text.as_str(), c.website.as_deref()), ("Hello, stored", Some("https://ann.example")));
    // The new comment is known now: a reply to it sends a numeric parent and finds its root.
    assert_eq!(body_of(&m, &draft(Some("40")), &seen)["pid"], json!(40));
    assert_eq!(&*seen.root_of(&"40".into()), "1");
    // An answer without a comment, or without an id, still gives the reader their comment.
    for body in ["", "{}", r#"{"data":{"text":"no id"}}"#, r#"{"data":[1]}"#] {
        let c = m.read_created(&response(200, body, &[]), &env(), &draft(None), &mut seen).unwrap();
        assert!(c.id.starts_with("posted-"), "{body}: {c:?}");
        assert_eq!((c.author.as_str(), c.parent), ("Ann", None));
    }
    let none = with_post(json!({"url": "{api}/c", "body": {}, "created": null}));
    for (status, body) in [(200, "OK"), (204, ""), (200, r#"{"ok":1}"#)] {
        let c = none.read_created(&response(status, body, &[]), &env(), &draft(None), &mut seen).unwrap();
        assert_eq!(c.text, "Hello");
    }
    assert!(none.read_created(&response(400, "bad", &[]), &env(), &draft(None), &mut seen).is_err());
}

#[test]
fn counts_and_capabilities() {
    let m = mapping(json!({
        "list": {"url": "{api}/c?p={page}", "paging": {"kind": "page"}},
        "comment": {"id": "/id", "body": "/b"},
        "post": {"url": "{api}/c", "body": {"w": "{website}"}, "email_required": true, "markdown": true, "min_text": 3},
        "count": {"url": "{api}/count?t={thread}", "method": "POST", "body": {"t": ["{thread}"]}, "total": "/n/0"}
    }));
    let req = m.count_request(&env()).unwrap();
    assert_eq!(
        (req.url.as_str(), req.body.as_deref()),
        ("https://api.example/count?t=%2Ft", Some(r#"{"t":["/t"]}"#))
    );
    assert_eq!(m.read_count(&response(200, r#"{"n":[12]}"#, &[])).unwrap(), 12);
    assert!(m.read_count(&response(200, r#"{"n":"many"}"#, &[])).is_err());
    let caps = m.capabilities();
    assert!(
        caps.paging
            && caps.posting
            && caps.counts
            && caps.email_required
            && caps.website
            && caps.markdown_input
    );
    assert_eq!(caps.min_text, 3);
    let bare = mapping(json!({"list": {"url": "{api}"}, "comment": {"id": "/id", "body": "/b"}}));
    let caps = bare.capabilities();
    assert!(!caps.paging && !caps.posting && !caps.counts && !caps.website);
    assert!(bare.post_request(&Default::default()).is_none() && bare.count_request(&env()).is_none());
}
