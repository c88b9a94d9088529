use super::*;
use crate::api::recorded::{response, shape, with_body};

#[test]
fn reads_the_recorded_thread_through_pid() {
    let page = parse_list(&response("waline", "list.json")).unwrap();
    let mut got = shape(&page.comments);
    got.sort();
    let want: Vec<(String, Option<String>)> =
        [("1", None), ("2", Some("1")), ("3", Some("2")), ("4", Some("3")), ("5", None), ("6", Some("5"))]
            .iter()
            .map(|(i, p)| (i.to_string(), p.map(str::to_string)))
            .collect();
    assert_eq!(got, want, "depth is rebuilt from pid, not from the flat children list");
    assert_eq!(page.total, Some(6));
    let first = page.comments.iter().find(|c| &*c.id == "1").unwrap();
    assert_eq!(first.text, "The new levee path is the best thing to happen to this street in years.");
    assert_eq!(first.created_ms, Some(1_795_621_556_000));
    assert_eq!(
        first.avatar.as_deref(),
        Some("https://seccdn.libravatar.org/avatar/e361446d0f81b91311f5452178f44538")
    );
}

#[test]
fn pages_and_errors() {
    let p2 = parse_list(&response("waline", "list-page2.json")).unwrap();
    assert!(!p2.comments.is_empty());
    let e = parse_list(&response("waline", "error-missing-fields.json")).unwrap_err();
    assert_eq!(e.field(), Some("text"), "errmsg objects point at our form's fields");
    assert_eq!(e.english(), "comment can not be blank", "Waline's own words for what we do not know");
    let answer = |body: &str| {
        let r = RawResponse { status: 200, body: body.into(), ..Default::default() };
        unwrap(&r).unwrap_err()
    };
    assert_eq!(answer(r#"{"errno":1000,"errmsg":"Duplicate Content"}"#), Refusal::Duplicate.into());
    assert_eq!(answer(r#"{"errno":1000,"errmsg":"Comment too fast!"}"#), Refusal::TooFast.into());
    assert_eq!(answer(r#"{"errno":1000,"errmsg":""}"#), Refusal::Unexplained.into());
    assert_eq!(answer(r#"{"errno":1000,"errmsg":{}}"#), Refusal::Unexplained.into());
    let r =
        RawResponse { status: 500, body: r#"{"errno":500,"errmsg":"db down"}"#.into(), ..Default::default() };
    assert_eq!(unwrap(&r), Err(ClientError::Status(500)));
}

#[test]
fn the_posted_reply_and_its_body() {
    let data = unwrap(&response("waline", "post-reply.json")).unwrap();
    let c = comment_from(&data, None).unwrap();
    assert_eq!((c.id.as_ref(), c.parent.as_deref()), ("7", Some("4")));
    let d = Draft {
        parent: Some("4".into()),
        root: Some("1".into()),
        author: "Ola".into(),
        text: "Hi".into(),
        ..Default::default()
    };
    let b = post_body("/t", &d, "UA");
    assert_eq!((b["pid"].as_i64(), b["rid"].as_i64(), b["url"].as_str()), (Some(4), Some(1), Some("/t")));
    assert!(post_body("/t", &Draft::default(), "").get("rid").is_none());
}

#[test]
fn survives_hostile_answers() {
    let base = response("waline", "list.json");
    for body in ["<html>", r#"{"errno":0,"data":{"data":"x"}}"#, r#"{"data":{"data":[]}}"#, "[]"] {
        assert!(parse_list(&with_body(base.clone(), body)).is_err(), "{body}");
    }
    let junk = r#"{"errno":0,"data":{"count":"many","data":[7, {"objectId":1,"children":[{"objectId":2,"pid":2},
        {"objectId":3,"pid":"404"}, {"nick":"no id"}], "time":"later", "link":"data:text/html,x"}]}}"#;
    let page = parse_list(&with_body(base, junk)).unwrap();
    assert_eq!(
        shape(&page.comments),
        vec![("1".into(), None), ("2".into(), Some("1".into())), ("3".into(), Some("404".into()))]
    );
    assert_eq!((page.total, page.comments[0].website.clone()), (None, None));
}
