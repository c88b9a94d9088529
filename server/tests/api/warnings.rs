//! Content warnings on Threadline's own comments: an author adds a one-line warning with a
//! post, readers get it with the comment, screening reads it, an edit replaces it, a deleted
//! comment loses it, and a feed shows the warning instead of the text.

use reqwest::StatusCode;
use serde_json::json;
use threadline_protocol::{Comment, CommentStatus, ErrorCode, NewComment};

use crate::modsupport::{admin, page, post_as, post_raw, screening_file};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

fn warned(thread: &str, text: &str, warning: &str) -> NewComment {
    NewComment { warning: Some(warning.into()), ..comment(thread, text) }
}

#[tokio::test]
async fn a_warning_travels_with_its_comment_and_bad_ones_are_refused_naming_the_field() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/warned";
    let posted =
        post_as(&s, &warned(t, "The detective did it.", "  Spoilers for the finale  "), None, None).await;
    assert_eq!(posted.comment.warning.as_deref(), Some("Spoilers for the finale"), "trimmed");
    let plain = post_as(&s, &warned(t, "No warning here.", "   "), None, None).await;
    assert_eq!(plain.comment.warning, None, "a blank warning is none");
    let seen = page(&s, "default", t, None).await;
    let warnings: Vec<Option<&str>> = seen.comments.iter().map(|c| c.warning.as_deref()).collect();
    assert_eq!(warnings, [Some("Spoilers for the finale"), None]);

    for bad in ["x".repeat(101), "two\nlines".to_owned()] {
        let resp = post_raw(&s, &warned(t, "Refused for its warning.", &bad), None, None).await;
        assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("warning")).await;
    }
    assert_eq!(page(&s, "default", t, None).await.comments.len(), 2, "nothing stored");
    s.stop().await;
}

#[tokio::test]
async fn a_warning_is_screened_with_the_text() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "default", "--screening", &screening_file(dir, "zorglub", "hold")])
        .await;
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/screened-warning";
    let posted = post_as(&s, &warned(t, "A harmless text.", "zorglub ahead"), None, None).await;
    assert_eq!(posted.comment.status, CommentStatus::Pending, "held for the word in its warning");
    let unwarned = post_as(&s, &warned(t, "Another harmless text.", "Spoilers"), None, None).await;
    assert_eq!(unwarned.comment.status, CommentStatus::Approved, "a text under a clean warning");
    let seen = page(&s, "default", t, None).await;
    assert_eq!(seen.comments.iter().map(|c| c.id).collect::<Vec<_>>(), [unwarned.comment.id]);
    s.stop().await;
}

#[tokio::test]
async fn an_edit_replaces_the_warning_and_a_deletion_takes_it_away() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/edited-warning";
    let top = post_as(&s, &comment(t, "Posted without a warning."), None, None).await;
    let token = top.author_token.clone().unwrap();
    post_as(&s, &reply(t, top.comment.id, "A reply keeps the placeholder."), None, None).await;
    let edit = |body: serde_json::Value| {
        s.http
            .patch(s.url(&format!("/api/comments/{}", top.comment.id)))
            .header("x-threadline-author", token.clone())
            .json(&body)
            .send()
    };

    let resp =
        edit(json!({ "text": "Now with a warning.", "warning": "Mentions of violence" })).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let edited: Comment = resp.json().await.unwrap();
    assert_eq!((edited.warning.as_deref(), edited.edited), (Some("Mentions of violence"), true));
    assert_eq!(
        page(&s, "default", t, None).await.comments[0].warning.as_deref(),
        Some("Mentions of violence")
    );

    let resp = edit(json!({ "text": "Too long a warning.", "warning": "w".repeat(101) })).await.unwrap();
    assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("warning")).await;
    assert_eq!(page(&s, "default", t, None).await.comments[0].text, "Now with a warning.", "unchanged");

    let resp = edit(json!({ "text": "The warning is gone again." })).await.unwrap();
    let edited: Comment = resp.json().await.unwrap();
    assert_eq!(edited.warning, None, "an edit without a warning takes it away");

    edit(json!({ "text": "Warned once more.", "warning": "Spoilers" })).await.unwrap();
    let url = s.url(&format!("/api/comments/{}", top.comment.id));
    let resp = s.http.delete(url).header("x-threadline-author", token.clone()).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let placeholder = &page(&s, "default", t, None).await.comments[0];
    assert_eq!((placeholder.status, placeholder.warning.as_deref()), (CommentStatus::Deleted, None));
    s.stop().await;
}

#[tokio::test]
async fn a_feed_shows_the_warning_and_not_the_text() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/feed-warning";
    post_as(&s, &warned(t, "The ending, in full detail.", "Spoilers"), None, None).await;
    post_as(&s, &comment(t, "An unwarned comment."), None, None).await;
    let resp = s.http.get(s.url("/api/feeds/thread.atom")).query(&[("thread", t)]).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let xml = resp.text().await.unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let entries: Vec<(Option<String>, Option<String>)> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .map(|e| {
            let text = |name: &str| {
                e.children().find(|n| n.has_tag_name((atom, name))).map(|n| n.text().unwrap_or("").to_owned())
            };
            (text("summary"), text("content"))
        })
        .collect();
    // Newest first.
    assert_eq!(
        entries,
        [
            (None, Some("An unwarned comment.".to_owned())),
            (Some("Content warning: Spoilers".to_owned()), None),
        ]
    );
    assert!(!xml.contains("The ending, in full detail."));
    s.stop().await;
}
