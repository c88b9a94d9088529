use super::*;
use threadline_protocol::PostedComment;

#[test]
fn the_post_body_is_the_new_comment_plus_a_filled_honeypot() {
    let draft = Draft { author: "Ann".into(), text: "Hi".into(), ..Default::default() };
    let body = |homepage: &str| {
        let body = PostBody { comment: new_comment("/t", &draft).unwrap(), site: "news", homepage };
        serde_json::to_value(&body).unwrap()
    };
    assert_eq!(
        body(""),
        serde_json::json!({"thread": "/t", "parent": null, "author": "Ann", "text": "Hi", "site": "news"})
    );
    assert_eq!(body("http://spam.example")["homepage"], "http://spam.example");
    // The server reads exactly what the protocol type says.
    let back: NewComment = serde_json::from_value(body("x")).unwrap();
    assert_eq!(back.author, "Ann");
}

#[test]
fn builds_a_valid_body_or_names_the_field() {
    let mut d = Draft {
        author: " Ann ".into(),
        text: "Hello".into(),
        parent: Some("42".into()),
        ..Default::default()
    };
    let body = new_comment("/t", &d).unwrap();
    assert_eq!((body.author.as_str(), body.parent, body.email), ("Ann", Some(42), None));
    d.author.clear();
    assert_eq!(new_comment("/t", &d).unwrap_err().field(), Some("author"));
}

#[test]
fn a_content_warning_is_sent_trimmed_and_only_when_given() {
    let mut d = Draft { author: "Ann".into(), text: "It was the butler".into(), ..Default::default() };
    assert_eq!(new_comment("/t", &d).unwrap().warning, None);
    d.warning = "  Spoilers  ".into();
    assert_eq!(new_comment("/t", &d).unwrap().warning.as_deref(), Some("Spoilers"));
    d.warning = "x".repeat(threadline_protocol::limits::WARNING_MAX + 1);
    assert_eq!(new_comment("/t", &d).unwrap_err().field(), Some("warning"));
}

#[test]
fn a_held_post_keeps_its_status_and_the_author_token() {
    let answer = PostedComment {
        comment: threadline_protocol::Comment {
            id: 7,
            thread: "/t".into(),
            parent: None,
            author: "A".into(),
            website: None,
            text: "t".into(),
            warning: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            status: threadline_protocol::CommentStatus::Pending,
            pinned: false,
            edited: false,
            upvotes: 0,
            downvotes: 0,
            more_replies: None,
        },
        author_token: Some("s3cret".into()),
        moderation_reason: Some("held for review".into()),
    };
    let posted = posted_from_answer(201, &serde_json::to_string(&answer).unwrap()).unwrap();
    assert_eq!(posted.author_token.as_deref(), Some("s3cret"));
    assert_eq!((&*posted.comment.id, posted.comment.status), ("7", crate::model::Status::Pending));
}

#[test]
fn a_report_is_the_protocols_body() {
    use threadline_protocol::moderation::ReportReason;
    let report = NewReport { reason: ReportReason::OffTopic, note: None };
    assert_eq!(serde_json::to_value(report).unwrap(), serde_json::json!({"reason": "off_topic"}));
}

#[test]
fn a_page_asks_for_the_servers_batch_of_replies_and_reads_what_it_left_out() {
    assert_eq!(REPLY_BATCH, threadline_protocol::limits::REPLY_BATCH.to_string());
    let wire = serde_json::json!({"id": 4, "thread": "/t", "author": "A", "text": "t",
        "created_at": "2026-01-01T00:00:00Z", "more_replies": {"count": 1980, "cursor": "c20"}});
    let c = Comment::from_native(serde_json::from_value(wire).unwrap());
    let more = c.more.expect("the capped subtree says how many are left");
    assert_eq!((&*more.parent, more.count, more.cursor.as_deref()), ("4", 1980, Some("c20")));
}

#[test]
fn drops_non_http_websites_from_the_server() {
    let c = threadline_protocol::Comment {
        id: 1,
        thread: "/t".into(),
        parent: None,
        author: "A".into(),
        website: Some("javascript:alert(1)".into()),
        text: "t".into(),
        warning: None,
        created_at: "2026-01-01T00:00:00Z".into(),
        status: Default::default(),
        pinned: false,
        edited: false,
        upvotes: 0,
        downvotes: 0,
        more_replies: None,
    };
    assert_eq!(Comment::from_native(c).website, None);
}
