//! Who sees what: held comments (and replies below them) never reach readers, not even
//! through the page cache; their author sees them; removed comments with visible replies
//! stay as placeholders; moderators see every status. Sites keep their threads apart.

use reqwest::{Method, StatusCode};
use serde_json::json;
use threadline_protocol::{CommentStatus, ErrorCode, ThreadPage};

use crate::modsupport::{act, admin, as_moderator, moderator, page, post_as, post_raw, screening_file};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

fn ids(page: &ThreadPage) -> Vec<i64> {
    page.comments.iter().map(|c| c.id).collect()
}

#[tokio::test]
async fn held_comments_and_their_replies_never_reach_readers_even_through_the_cache() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "default", "--screening", &screening_file(dir, "bananarama", "hold")])
        .await;
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/held";
    let top = post_as(&s, &comment(t, "A fine article."), None, None).await;
    assert_eq!(top.comment.status, CommentStatus::Approved);
    let token = top.author_token.clone().expect("an author token");
    assert_eq!(page(&s, "default", t, None).await.total, 1, "now cached");

    let held = post_as(&s, &reply(t, top.comment.id, "Bananarama forever"), None, Some(&token)).await;
    assert_eq!(held.comment.status, CommentStatus::Pending);
    assert_eq!(held.moderation_reason.as_deref(), Some("held for review"));
    assert_eq!(held.author_token.as_deref(), Some(token.as_str()), "the reader's token is kept");
    // Another reader answers the held comment: the answer waits with it.
    let under = post_as(&s, &reply(t, held.comment.id, "I agree"), None, None).await;
    assert_eq!(under.comment.status, CommentStatus::Approved);
    for _ in 0..2 {
        let public = page(&s, "default", t, None).await;
        assert_eq!((ids(&public), public.total), (vec![top.comment.id], 1));
    }
    assert_eq!(s.counts(&[t]).await.counts[t], 1);
    // A new approved comment invalidates the cached page; the held one is still not in it.
    let later = post_as(&s, &comment(t, "Another view."), None, None).await;
    let public = page(&s, "default", t, None).await;
    assert_eq!((ids(&public), public.total), (vec![top.comment.id, later.comment.id], 2));

    // Its author sees it, marked pending, on the first page only, and it is never cached.
    let own = page(&s, "default", t, Some(&token)).await;
    let mine = own.comments.iter().find(|c| c.id == held.comment.id).expect("the author sees it");
    assert_eq!(mine.status, CommentStatus::Pending);
    assert!(!own.comments.iter().any(|c| c.id == under.comment.id), "not someone else's reply below it");
    let stranger = post_as(&s, &comment("/other", "hello"), None, None).await.author_token.unwrap();
    assert!(!ids(&page(&s, "default", t, Some(&stranger)).await).contains(&held.comment.id));
    assert!(!ids(&page(&s, "default", t, None).await).contains(&held.comment.id), "not cached for others");

    // Moderators see every status; approving publishes it with the reply below it.
    let session = moderator(&s, &db.path, "default", "Mo").await;
    let all: ThreadPage = as_moderator(&s, &session, Method::GET, "/api/comments")
        .query(&[("thread", t)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.comments.len(), 4);
    let resp = act(&s, &session, held.comment.id, "approve", json!({})).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let public = page(&s, "default", t, None).await;
    assert_eq!(public.total, 4);
    assert!(ids(&public).contains(&held.comment.id) && ids(&public).contains(&under.comment.id));
    assert_eq!(s.counts(&[t]).await.counts[t], 4);
}

#[tokio::test]
async fn removed_comments_with_visible_replies_stay_as_placeholders() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let session = moderator(&s, &db.path, "default", "Mo").await;
    let t = "/removed";
    let top = s.post_ok(&comment(t, "Top")).await;
    let answer = s.post_ok(&reply(t, top.id, "Answer")).await;
    let lonely = s.post_ok(&comment(t, "Lonely")).await;
    page(&s, "default", t, None).await;
    assert_eq!(act(&s, &session, top.id, "delete", json!({})).await.status(), StatusCode::OK);
    assert_eq!(
        act(&s, &session, lonely.id, "reject", json!({"reason": "spam"})).await.status(),
        StatusCode::OK
    );
    let public = page(&s, "default", t, None).await;
    assert_eq!(ids(&public), [top.id, answer.id]);
    let placeholder = &public.comments[0];
    assert_eq!(placeholder.status, CommentStatus::Removed);
    assert!(placeholder.author.is_empty() && placeholder.text.is_empty());
    assert_eq!(public.total, 1, "placeholders are not counted");
}

#[tokio::test]
async fn sites_keep_threads_apart_and_unknown_sites_are_refused() {
    let db = TestDb::new();
    admin(&db.path, &["site", "set", "blog", "--origin", "https://blog.example"]).await;
    let listed = admin(&db.path, &["site", "list"]).await;
    assert!(listed.contains("blog\torigins=https://blog.example"), "{listed}");
    let s = TestServer::start(&db.path, &[]).await;
    post_as(&s, &comment("/same", "on default"), None, None).await;
    post_as(&s, &comment("/same", "on the blog"), Some("blog"), None).await;
    let blog = page(&s, "blog", "/same", None).await;
    assert_eq!((blog.total, blog.comments[0].text.as_str()), (1, "on the blog"));
    assert_eq!(page(&s, "default", "/same", None).await.comments[0].text, "on default");
    let other = post_raw(&s, &comment("/same", "x"), Some("nowhere"), None).await;
    assert_error(other, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("site")).await;
    let listed = s.list_raw(&[("thread", "/same"), ("site", "nowhere")]).await;
    assert_error(listed, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("site")).await;
    // A reply cannot cross sites.
    let top = post_as(&s, &comment("/x", "default top"), None, None).await;
    let crossed = post_raw(&s, &reply("/x", top.comment.id, "blog reply"), Some("blog"), None).await;
    assert_error(crossed, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::UnknownParent, Some("parent")).await;
    // CORS lets the widget send its headers from a site's origin.
    let preflight = s
        .http
        .request(Method::OPTIONS, s.url("/api/comments"))
        .header("origin", "https://blog.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "x-threadline-author,authorization")
        .send()
        .await
        .unwrap();
    let allowed = preflight.headers()["access-control-allow-headers"].to_str().unwrap().to_owned();
    assert!(allowed.contains("x-threadline-author") && allowed.contains("authorization"), "{allowed}");
}

#[tokio::test]
async fn screening_rejects_name_the_field_and_premoderation_holds_all_but_known_authors() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "strict", "--screening", &screening_file(dir, "zorglub", "reject")])
        .await;
    admin(&db.path, &["site", "set", "premod", "--premoderation", "--approve-known", "--screening", "off"])
        .await;
    let s = TestServer::start(&db.path, &[]).await;
    let refused = post_raw(&s, &comment("/s", "I say zorglub"), Some("strict"), None).await;
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::CommentRejected, Some("text")).await;
    let mut by_name = comment("/s", "hello");
    by_name.author = "Zorglub".into();
    let refused = post_raw(&s, &by_name, Some("strict"), None).await;
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::CommentRejected, Some("author")).await;
    assert_eq!(page(&s, "strict", "/s", None).await.total, 0, "nothing stored");

    let first = post_as(&s, &comment("/p", "first words"), Some("premod"), None).await;
    assert_eq!(first.comment.status, CommentStatus::Pending);
    let token = first.author_token.unwrap();
    let again = post_as(&s, &comment("/p", "still waiting"), Some("premod"), Some(&token)).await;
    assert_eq!(again.comment.status, CommentStatus::Pending, "nothing approved yet");
    let session = moderator(&s, &db.path, "premod", "Pat").await;
    assert_eq!(act(&s, &session, first.comment.id, "approve", json!({})).await.status(), StatusCode::OK);
    let known = post_as(&s, &comment("/p", "known now"), Some("premod"), Some(&token)).await;
    assert_eq!(known.comment.status, CommentStatus::Approved, "an approved author is approved");
    let stranger = post_as(&s, &comment("/p", "new here"), Some("premod"), None).await;
    assert_eq!(stranger.comment.status, CommentStatus::Pending);
}
