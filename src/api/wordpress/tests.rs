use super::*;
use crate::api::recorded::{response, shape, with_body};
use crate::error::Refusal;

fn ids(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    pairs.iter().map(|(i, p)| (i.to_string(), p.map(str::to_string))).collect()
}

#[test]
fn reads_the_recorded_thread() {
    let page = parse_list(&response("wordpress", "list.json"), 1).unwrap();
    // Seeded a → b → c → d and e → f; WordPress numbers them from 2.
    assert_eq!(
        shape(&page.comments),
        ids(&[
            ("2", None),
            ("3", Some("2")),
            ("4", Some("3")),
            ("5", Some("4")),
            ("6", None),
            ("7", Some("6"))
        ])
    );
    assert_eq!((page.total, page.next_cursor.as_deref()), (Some(6), None));
    let first = &page.comments[0];
    assert_eq!(first.text, "The new levee path is the best thing to happen to this street in years.");
    assert_eq!(first.author, "Maren Holt");
    assert_eq!(first.created_ms, crate::model::time::parse_rfc3339_ms("2026-11-25T15:46:47Z"));
    assert_eq!(page.comments[1].website.as_deref(), Some("https://dev.example.org"));
    assert_eq!(
        first.avatar.as_deref(),
        Some("http://2.gravatar.com/avatar/e361446d0f81b91311f5452178f44538?s=48&d=mm&r=g"),
        "the 48 px Gravatar"
    );
}

#[test]
fn pages_through_total_pages() {
    let page = parse_list(&response("wordpress", "list-page2.json"), 2).unwrap();
    assert_eq!(page.comments.len(), 2);
    assert_eq!((page.total, page.next_cursor.as_deref()), (Some(6), Some("3")));
}

#[test]
fn wordpress_errors_read_as_sentences() {
    let e = error_from(&response("wordpress", "error-login-required.json"));
    assert_eq!(e.english(), "This site only accepts comments from logged-in readers.");
    let e = error_from(&response("wordpress", "error-duplicate.json"));
    assert_eq!((e.field(), e.english().contains("already")), (Some("text"), true));
    assert_eq!(
        parse_list(&response("wordpress", "error-login-required.json"), 1),
        Err(Refusal::LoginRequired.into())
    );
}

#[test]
fn wordpress_codes_become_reasons_and_unknown_ones_keep_its_words() {
    let answer = |status: u16, code: &str, message: &str| {
        let body = serde_json::json!({"code": code, "message": message, "data": {"status": status}});
        error_from(&RawResponse { status, body: body.to_string(), ..Default::default() })
    };
    assert_eq!(answer(409, "comment_duplicate", "Duplicate comment detected"), Refusal::Duplicate.into());
    assert_eq!(
        answer(429, "comment_flood", "You are posting comments too quickly."),
        Refusal::TooFast.into()
    );
    assert_eq!(answer(403, "rest_comment_closed", "Sorry, comments are closed."), Refusal::Closed.into());
    assert_eq!(answer(404, "rest_post_invalid_id", "Invalid post ID."), Refusal::UnknownArticle.into());
    let e = answer(400, "rest_comment_author_data_required", "x");
    assert_eq!(
        (e.field(), e.english().as_str()),
        (Some("email"), "This site asks for your name and an email address.")
    );
    let e = answer(400, "rest_comment_content_invalid", "x");
    assert_eq!((e.field(), e.english().as_str()), (Some("text"), "Please write a comment."));
    // Unknown codes: WordPress's own sentence, its HTML read as text.
    let e = answer(400, "rest_invalid_param", "Invalid parameter(s): <code>author_email</code>");
    assert_eq!(e.english(), "Invalid parameter(s): author_email");
    assert_eq!(answer(400, "rest_invalid_param", " "), ClientError::Status(400));
    assert_eq!(answer(500, "db_error", "Error establishing a database connection"), ClientError::Status(500));
}

#[test]
fn the_posted_reply_keeps_its_parent() {
    let r = response("wordpress", "post-reply.json");
    let c = comment_from(&serde_json::from_str(&r.body).unwrap()).unwrap();
    assert!(c.parent.is_some());
    assert!(!c.text.contains('<'));
}

#[test]
fn resolves_posts_from_urls() {
    assert_eq!(post_id_in("42"), Some(42));
    assert_eq!(post_id_in("https://blog.example/?p=17#c"), Some(17));
    assert_eq!(post_id_in("/2026/11/alder-falls-riverfront"), None);
    assert_eq!(
        slug_of("https://blog.example/2026/11/alder-falls-riverfront/").as_deref(),
        Some("alder-falls-riverfront")
    );
    assert_eq!(slug_of("/2026/11/alder-falls-riverfront?utm=x").as_deref(), Some("alder-falls-riverfront"));
    assert_eq!(slug_of("https://blog.example/"), None);
    let found: Value = serde_json::from_str(&response("wordpress", "post-by-slug.json").body).unwrap();
    assert_eq!(found[0]["slug"], "alder-falls-riverfront");
    assert!(found[0]["id"].as_u64().is_some());
}

#[test]
fn post_body_has_the_wordpress_fields() {
    let d = Draft {
        parent: Some("7".into()),
        author: " Ann ".into(),
        email: "a@b.example".into(),
        text: "Hi".into(),
        ..Default::default()
    };
    let b = post_body(4, &d);
    assert_eq!(
        (b["post"].as_u64(), b["parent"].as_u64(), b["author_name"].as_str()),
        (Some(4), Some(7), Some("Ann"))
    );
    assert_eq!(post_body(4, &Draft::default())["parent"], 0);
}

#[test]
fn survives_hostile_answers() {
    let base = response("wordpress", "list.json");
    let junk = r#"[1, "x", null, {"id": null}, {"id": 9, "parent": "nope", "content": 7, "date_gmt": [],
        "author_url": "javascript:alert(1)", "author_name": {"x": 1}}, {"id": 10, "parent": 10}]"#;
    let page = parse_list(&with_body(base.clone(), junk), 1).unwrap();
    assert_eq!(shape(&page.comments), ids(&[("9", Some("nope")), ("10", Some("10"))]));
    let odd = &page.comments[0];
    assert_eq!((odd.website.as_deref(), odd.author.as_str(), odd.created_ms), (None, "", None));
    for body in ["<html>Bad gateway</html>", "", "{\"comments\": []}", "42"] {
        let err = parse_list(&with_body(base.clone(), body), 1).unwrap_err();
        assert!(err.english_from("WordPress").contains("WordPress"), "{body}");
    }
    let server_error = RawResponse { status: 502, body: "<html>".into(), ..Default::default() };
    assert_eq!(parse_list(&server_error, 1), Err(ClientError::Status(502)));
}
