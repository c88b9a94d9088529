//! An author edits and deletes their own comment with its author token, within the edit
//! window: readers see the change at once (through the page cache too), an edit is screened
//! again, a deletion with replies leaves a "deleted" placeholder, the audit log keeps the
//! text before, and anyone else, or the author too late, is refused with nothing changed.

use reqwest::{Method, Response, StatusCode};
use serde_json::json;
use threadline_protocol::{Comment, CommentStatus, ErrorCode};

use crate::modsupport::{admin, as_moderator, edit_db, moderator, page, post_as, screening_file};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

async fn edit(s: &TestServer, id: i64, token: Option<&str>, text: &str) -> Response {
    let mut request = s.http.patch(s.url(&format!("/api/comments/{id}"))).json(&json!({ "text": text }));
    if let Some(token) = token {
        request = request.header("x-threadline-author", token);
    }
    request.send().await.unwrap()
}

async fn delete(s: &TestServer, id: i64, token: &str) -> Response {
    let url = s.url(&format!("/api/comments/{id}"));
    s.http.delete(url).header("x-threadline-author", token).send().await.unwrap()
}

#[tokio::test]
async fn an_author_edits_and_deletes_within_the_window_and_readers_see_it_at_once() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/own";
    let top = post_as(&s, &comment(t, "First version of my point."), None, None).await;
    let token = top.author_token.clone().unwrap();
    let answer = post_as(&s, &reply(t, top.comment.id, "A reply to it."), None, None).await;
    assert_eq!(page(&s, "default", t, None).await.comments[0].text, "First version of my point.");

    let resp = edit(&s, top.comment.id, Some(&token), "Second version, with a typo fixed.").await;
    assert_eq!(resp.status(), StatusCode::OK);
    let edited: Comment = resp.json().await.unwrap();
    assert!(edited.edited && edited.status == CommentStatus::Approved, "{edited:?}");
    let seen = page(&s, "default", t, None).await;
    assert_eq!(seen.comments[0].text, "Second version, with a typo fixed.", "the cached page was dropped");
    assert!(seen.comments[0].edited);

    // Deleting a comment with a visible reply leaves a placeholder that keeps the reply.
    let resp = delete(&s, top.comment.id, &token).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let gone: Comment = resp.json().await.unwrap();
    assert_eq!(gone.status, CommentStatus::Deleted);
    let seen = page(&s, "default", t, None).await;
    let ids: Vec<i64> = seen.comments.iter().map(|c| c.id).collect();
    assert_eq!(ids, [top.comment.id, answer.comment.id]);
    let placeholder = &seen.comments[0];
    assert_eq!(placeholder.status, CommentStatus::Deleted);
    assert!(placeholder.author.is_empty() && placeholder.text.is_empty());
    // A second delete, or an edit of the deleted comment, finds nothing.
    assert_error(delete(&s, top.comment.id, &token).await, StatusCode::NOT_FOUND, ErrorCode::NotFound, None)
        .await;

    // A comment without replies simply goes.
    let lone = post_as(&s, &comment(t, "Posted by mistake."), None, Some(&token)).await;
    assert_eq!(delete(&s, lone.comment.id, &token).await.status(), StatusCode::OK);
    assert!(page(&s, "default", t, None).await.comments.iter().all(|c| c.id != lone.comment.id));

    // The audit log names the author as the actor and keeps the text before each change.
    let mo = moderator(&s, &db.path, "default", "Mo").await;
    let audit: serde_json::Value = as_moderator(&s, &mo, Method::GET, "/api/moderation/audit?site=default")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = audit["items"].as_array().unwrap();
    let of = |action: &str, id: i64| {
        rows.iter()
            .find(|r| r["action"] == action && r["comment_id"] == id)
            .unwrap_or_else(|| panic!("{action} {id}"))
    };
    let edited_row = of("author_edit", top.comment.id);
    assert_eq!(
        (edited_row["moderator"].as_str(), edited_row["before"].as_str()),
        (Some("its author"), Some("First version of my point."))
    );
    assert_eq!(of("author_delete", top.comment.id)["before"], "Second version, with a typo fixed.");
    assert_eq!(of("author_delete", lone.comment.id)["before"], "Posted by mistake.");
}

#[tokio::test]
async fn others_and_late_authors_are_refused_and_nothing_changes() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/refused";
    let mine = post_as(&s, &comment(t, "Mine, and only mine."), None, None).await;
    let other = post_as(&s, &comment(t, "Someone else's comment."), None, None).await;
    let other_token = other.author_token.unwrap();
    let id = mine.comment.id;
    let forbidden = |resp| assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::NotYourComment, None);
    forbidden(edit(&s, id, None, "Hijacked").await).await;
    forbidden(edit(&s, id, Some(&other_token), "Hijacked").await).await;
    forbidden(edit(&s, id, Some("not-a-token-this-server-issued-0000"), "Hijacked").await).await;
    forbidden(delete(&s, id, &other_token).await).await;
    let invalid = edit(&s, id, mine.author_token.as_deref(), "   ").await;
    assert_error(invalid, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("text")).await;
    let unknown = edit(&s, 999_999, mine.author_token.as_deref(), "Anything").await;
    assert_error(unknown, StatusCode::NOT_FOUND, ErrorCode::NotFound, None).await;

    // Sixteen minutes later (the window is 15 by default), the author is too late.
    edit_db(&db.path, "UPDATE comments SET created_ms = created_ms - 16 * 60 * 1000").await;
    let late = edit(&s, id, mine.author_token.as_deref(), "Too late").await;
    assert_eq!(late.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = late.json().await.unwrap();
    assert_eq!(body["error"]["code"], "edit_window_closed");
    assert!(body["error"]["message"].as_str().unwrap().contains("15 minutes"), "{body}");
    let late = delete(&s, id, mine.author_token.as_deref().unwrap()).await;
    assert_error(late, StatusCode::FORBIDDEN, ErrorCode::EditWindowClosed, None).await;
    let texts: Vec<String> =
        page(&s, "default", t, None).await.comments.into_iter().map(|c| c.text).collect();
    assert_eq!(texts, ["Mine, and only mine.", "Someone else's comment."]);
}

#[tokio::test]
async fn an_edit_is_screened_again_and_a_locked_thread_takes_no_edit() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "default", "--screening", &screening_file(dir, "bananarama", "hold")])
        .await;
    admin(&db.path, &["site", "set", "strict", "--screening", &screening_file(dir, "zorglub", "reject")])
        .await;
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/screened";
    let posted = post_as(&s, &comment(t, "A harmless first comment."), None, None).await;
    let token = posted.author_token.clone().unwrap();
    let resp = edit(&s, posted.comment.id, Some(&token), "Now it says bananarama.").await;
    assert_eq!(resp.status(), StatusCode::OK);
    let held: Comment = resp.json().await.unwrap();
    assert_eq!(held.status, CommentStatus::Pending);
    assert!(page(&s, "default", t, None).await.comments.is_empty(), "a held edit leaves readers' view");
    assert_eq!(page(&s, "default", t, Some(&token)).await.comments[0].status, CommentStatus::Pending);

    let strict = post_as(&s, &comment(t, "Fine words on the strict site."), Some("strict"), None).await;
    let strict_token = strict.author_token.unwrap();
    let url = s.url(&format!("/api/comments/{}?site=strict", strict.comment.id));
    let refused = s
        .http
        .patch(&url)
        .header("x-threadline-author", &strict_token)
        .json(&json!({ "text": "zorglub" }))
        .send()
        .await
        .unwrap();
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::CommentRejected, Some("text")).await;
    assert_eq!(page(&s, "strict", t, None).await.comments[0].text, "Fine words on the strict site.");

    let mo = moderator(&s, &db.path, "strict", "Mo").await;
    let lock = as_moderator(&s, &mo, Method::POST, "/api/moderation/threads/lock")
        .json(&json!({ "thread": t, "locked": true, "site": "strict" }))
        .send()
        .await
        .unwrap();
    assert_eq!(lock.status(), StatusCode::OK);
    let locked = s
        .http
        .patch(&url)
        .header("x-threadline-author", &strict_token)
        .json(&json!({ "text": "An edit in a closed thread." }))
        .send()
        .await
        .unwrap();
    assert_error(locked, StatusCode::FORBIDDEN, ErrorCode::ThreadLocked, Some("thread")).await;
}
