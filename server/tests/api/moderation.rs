//! The moderation API over HTTP: sessions (401, 403, expiry, sign-out), every action on a
//! comment with its audit row, thread locks, bans with expiry, and the report threshold.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use threadline_protocol::moderation::{AuditLog, Queue};
use threadline_protocol::{Comment, CommentStatus, ErrorCode, NewComment};

use crate::modsupport::{act, admin, as_moderator, edit_db, moderator, page, post_as, post_raw};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

#[tokio::test]
async fn sessions_need_a_live_token_of_the_right_site_and_change_nothing_otherwise() {
    let db = TestDb::new();
    admin(&db.path, &["site", "set", "blog"]).await;
    let s = TestServer::start(&db.path, &[]).await;
    let target = s.post_ok(&comment("/a", "Target")).await;
    let path = format!("/api/moderation/comments/{}/delete", target.id);
    let none = s.http.post(s.url(&path)).send().await.unwrap();
    assert_error(none, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, None).await;
    let junk = as_moderator(&s, "not-a-real-session-token-at-all", Method::POST, &path).send().await.unwrap();
    assert_error(junk, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, None).await;
    let blog = moderator(&s, &db.path, "blog", "Bo").await;
    let other_site = as_moderator(&s, &blog, Method::POST, &path).send().await.unwrap();
    assert_error(other_site, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    let queue =
        as_moderator(&s, &blog, Method::GET, "/api/moderation/queue?site=default").send().await.unwrap();
    assert_error(queue, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    assert_eq!(page(&s, "default", "/a", None).await.total, 1, "nothing changed");

    // A sign-in link works once.
    let out = admin(&db.path, &["moderator", "add", "--site", "default", "--name", "Di"]).await;
    let token = out.trim().split("#threadline-signin=").nth(1).unwrap().to_owned();
    let sign_in = || s.http.post(s.url("/api/moderation/sign-in")).json(&json!({ "token": token })).send();
    assert_eq!(sign_in().await.unwrap().status(), StatusCode::OK);
    assert_error(sign_in().await.unwrap(), StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, None).await;

    // An expired session (the clock moved past it) and a signed-out one are refused.
    let session = moderator(&s, &db.path, "default", "Ed").await;
    let me = as_moderator(&s, &session, Method::GET, "/api/moderation/session").send().await.unwrap();
    assert_eq!(me.json::<Value>().await.unwrap()["name"], "Ed");
    edit_db(&db.path, "UPDATE sessions SET expires_ms = 0").await;
    let expired = as_moderator(&s, &session, Method::GET, "/api/moderation/session").send().await.unwrap();
    assert_error(expired, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, None).await;
    let fresh = moderator(&s, &db.path, "default", "Ed").await;
    let out = as_moderator(&s, &fresh, Method::DELETE, "/api/moderation/session").send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let gone = as_moderator(&s, &fresh, Method::GET, "/api/moderation/session").send().await.unwrap();
    assert_error(gone, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, None).await;
    // Revoking a moderator ends their sessions.
    let third = moderator(&s, &db.path, "default", "Fi").await;
    admin(&db.path, &["moderator", "revoke", "--site", "default", "--name", "Fi"]).await;
    let revoked = as_moderator(&s, &third, Method::GET, "/api/moderation/session").send().await.unwrap();
    assert_error(revoked, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, None).await;
}

#[tokio::test]
async fn every_action_shows_at_once_and_is_audited() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let mo = moderator(&s, &db.path, "default", "Mo").await;
    let t = "/acts";
    let a = s.post_ok(&comment(t, "Original words")).await;
    let b = s.post_ok(&comment(t, "Second")).await;
    page(&s, "default", t, None).await;
    let ok = |resp: reqwest::Response| async move {
        assert_eq!(resp.status(), StatusCode::OK);
        resp.json::<Comment>().await.unwrap()
    };
    let edited = ok(act(&s, &mo, a.id, "edit", json!({"text": "Kinder words", "note": "tone"})).await).await;
    assert!(edited.edited && edited.text == "Kinder words");
    let pinned = ok(act(&s, &mo, a.id, "pin", json!({})).await).await;
    assert!(pinned.pinned);
    let public = page(&s, "default", t, None).await;
    assert!(
        public.comments[0].pinned && public.comments[0].text == "Kinder words",
        "not a stale cached page"
    );
    assert!(!ok(act(&s, &mo, a.id, "unpin", json!({})).await).await.pinned);
    let rejected = ok(act(&s, &mo, b.id, "reject", json!({"reason": "off topic"})).await).await;
    assert_eq!(rejected.status, CommentStatus::Rejected);
    assert_eq!(page(&s, "default", t, None).await.total, 1);
    assert_eq!(ok(act(&s, &mo, b.id, "approve", json!({})).await).await.status, CommentStatus::Approved);
    assert_eq!(ok(act(&s, &mo, b.id, "delete", json!({})).await).await.status, CommentStatus::Removed);
    let bad = act(&s, &mo, a.id, "edit", json!({"text": "  "})).await;
    assert_error(bad, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("text")).await;
    let unknown = act(&s, &mo, 999_999, "approve", json!({})).await;
    assert_error(unknown, StatusCode::NOT_FOUND, ErrorCode::NotFound, None).await;

    // Lock: posts are refused, then accepted again.
    let lock = |locked: bool| {
        as_moderator(&s, &mo, Method::POST, "/api/moderation/threads/lock")
            .json(&json!({"thread": t, "locked": locked}))
            .send()
    };
    assert_eq!(lock(true).await.unwrap().status(), StatusCode::OK);
    let refused = s.post(&comment(t, "Too late")).await;
    assert_error(refused, StatusCode::FORBIDDEN, ErrorCode::ThreadLocked, Some("thread")).await;
    assert_eq!(lock(false).await.unwrap().status(), StatusCode::OK);
    s.post_ok(&comment(t, "Open again")).await;

    let log: AuditLog = as_moderator(&s, &mo, Method::GET, "/api/moderation/audit")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["unlock", "lock", "delete", "approve", "reject", "unpin", "pin", "edit"]);
    let edit = log.items.last().unwrap();
    assert_eq!((edit.before.as_deref(), edit.reason.as_deref()), (Some("Original words"), Some("tone")));
    assert!(log.items.iter().all(|e| e.moderator == "Mo"));
    assert_eq!(log.items[4].reason.as_deref(), Some("off topic"));
}

fn with_email(thread: &str, text: &str, email: &str) -> NewComment {
    NewComment { email: Some(email.into()), ..comment(thread, text) }
}

#[tokio::test]
async fn bans_refuse_posts_until_they_expire_or_are_lifted() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let mo = moderator(&s, &db.path, "default", "Mo").await;
    let troll = post_as(&s, &with_email("/b", "Trolling", "troll@example.org"), None, None).await;
    let ban = |by: &str, hours: Value| {
        as_moderator(&s, &mo, Method::POST, "/api/moderation/bans")
            .json(&json!({"comment_id": troll.comment.id, "by": by, "hours": hours, "reason": "trolling"}))
            .send()
    };
    let made = ban("email", json!(24)).await.unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert!(made["expires_at"].as_str().is_some());
    let refused = post_raw(&s, &with_email("/b", "Again", "Troll@Example.org "), None, None).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "banned");
    assert!(body["error"]["message"].as_str().unwrap().contains("until"), "{body}");
    s.post_ok(&with_email("/b", "Hello", "kind@example.org")).await;
    // The clock passes the ban's end.
    edit_db(&db.path, "UPDATE bans SET expires_ms = 1").await;
    post_as(&s, &with_email("/b", "Back", "troll@example.org"), None, None).await;

    // By author token, for ever; lifted by unban.
    let token = troll.author_token.clone().unwrap();
    let forever: Value = ban("author", Value::Null).await.unwrap().json().await.unwrap();
    assert!(forever["expires_at"].is_null());
    let refused = post_raw(&s, &comment("/b", "With my token"), None, Some(&token)).await;
    assert_error(refused, StatusCode::FORBIDDEN, ErrorCode::Banned, None).await;
    let list: Value = as_moderator(&s, &mo, Method::GET, "/api/moderation/bans")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "the expired ban is not listed");
    let path = format!("/api/moderation/bans/{}", forever["id"]);
    assert_eq!(
        as_moderator(&s, &mo, Method::DELETE, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    post_as(&s, &comment("/b", "With my token, later"), None, Some(&token)).await;
    let no_address = ban("address", json!(1)).await.unwrap();
    assert_error(no_address, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("by")).await;
}

#[tokio::test]
async fn reports_hide_a_comment_at_the_threshold_once_per_reader() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/reported";
    let target = s.post_ok(&comment(t, "Contested")).await;
    let kept = s.post_ok(&reply(t, target.id, "A reply")).await;
    let path = format!("/api/comments/{}/reports", target.id);
    let mut readers = Vec::new();
    for i in 0..3 {
        let posted = post_as(&s, &comment("/elsewhere", &format!("reader {i}")), None, None).await;
        readers.push(posted.author_token.unwrap());
    }
    let report = |token: &str| {
        s.http
            .post(s.url(&path))
            .header("x-threadline-author", token)
            .json(&json!({"reason": "abuse", "note": "rude"}))
            .send()
    };
    page(&s, "default", t, None).await;
    for (i, token) in readers.iter().take(2).enumerate() {
        let resp = report(token).await.unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED);
        assert_eq!(resp.json::<Value>().await.unwrap()["reports"], i + 1);
    }
    assert_error(report(&readers[0]).await.unwrap(), StatusCode::CONFLICT, ErrorCode::AlreadyReported, None)
        .await;
    assert_eq!(page(&s, "default", t, None).await.total, 2, "below the threshold");
    assert_eq!(report(&readers[2]).await.unwrap().status(), StatusCode::CREATED);
    let public = page(&s, "default", t, None).await;
    assert_eq!((public.total, public.comments.len()), (0, 0), "hidden with its reply");
    assert_eq!(s.counts(&[t]).await.counts[t], 0);
    let bad = s.http.post(s.url(&path)).json(&json!({"reason": "boring"})).send().await.unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

    let mo = moderator(&s, &db.path, "default", "Mo").await;
    let queue: Queue = as_moderator(&s, &mo, Method::GET, "/api/moderation/queue")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(queue.items.len(), 1);
    assert_eq!((queue.items[0].comment.status, queue.items[0].reports.len()), (CommentStatus::Hidden, 3));
    assert_eq!(act(&s, &mo, target.id, "approve", json!({})).await.status(), StatusCode::OK);
    let public = page(&s, "default", t, None).await;
    assert_eq!(public.comments.iter().map(|c| c.id).collect::<Vec<_>>(), [target.id, kept.id]);
    let log: AuditLog = as_moderator(&s, &mo, Method::GET, "/api/moderation/audit")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log.items.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["approve", "hide"]);
}
