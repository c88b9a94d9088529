//! Big threads: a page asked for `replies=N` carries at most N (up to `REPLY_BATCH`) replies
//! of each top-level comment and says how many more readers can see; `GET /api/comments/{id}/replies` loads the rest a
//! batch at a time, oldest first, until every visible reply has come exactly once.

use std::collections::HashSet;

use futures_util::future::join_all;
use reqwest::StatusCode;
use threadline_protocol::limits::REPLY_BATCH;
use threadline_protocol::{ErrorCode, RepliesPage, ThreadPage};

use crate::modsupport::{admin, page, post_as, screening_file};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

async fn more(s: &TestServer, id: i64, cursor: &str) -> RepliesPage {
    let resp = s
        .http
        .get(s.url(&format!("/api/comments/{id}/replies")))
        .query(&[("cursor", cursor)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn a_page_caps_each_subtree_and_the_rest_loads_in_batches() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "default", "--screening", &screening_file(dir, "bananarama", "hold")])
        .await;
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/big";
    let big = post_as(&s, &comment(t, "A comment everyone answers."), None, None).await.comment.id;
    let small = post_as(&s, &comment(t, "A quiet comment."), None, None).await.comment.id;
    let mut visible: Vec<i64> = Vec::new();
    // In waves, so that times (and so the order) are distinct enough to check.
    for wave in 0..5 {
        let news: Vec<_> =
            (0..20).map(|n| reply(t, big, &format!("Reply {wave}-{n} to the big one."))).collect();
        visible.extend(join_all(news.iter().map(|new| s.post_ok(new))).await.into_iter().map(|c| c.id));
    }
    // A reply to a reply, a held reply (and one waiting below it), and the small subtree.
    let nested = s.post_ok(&reply(t, visible[3], "A reply to an early reply.")).await.id;
    visible.push(nested);
    let held = post_as(&s, &reply(t, big, "Bananarama, held for review."), None, None).await.comment.id;
    s.post_ok(&reply(t, held, "Waits with the held one.")).await;
    for n in 0..3 {
        s.post_ok(&reply(t, small, &format!("Small reply {n}."))).await;
    }

    // Without `replies`, a page holds every reply (as before this existed).
    let whole = page(&s, "default", t, None).await;
    assert!(whole.comments.iter().all(|c| c.more_replies.is_none()));
    assert_eq!(whole.comments.iter().filter(|c| c.id != big && c.id != small).count(), visible.len() + 3);
    let batch = REPLY_BATCH.to_string();
    let resp = s.list_raw(&[("thread", t), ("replies", &batch)]).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let first: ThreadPage = resp.json().await.unwrap();
    let top = first.comments.iter().find(|c| c.id == big).unwrap();
    let first_batch: Vec<i64> =
        first.comments.iter().filter(|c| c.parent == Some(big)).map(|c| c.id).collect();
    assert!(first_batch.len() <= REPLY_BATCH && !first_batch.is_empty(), "{}", first_batch.len());
    let cut = top.more_replies.clone().expect("the big subtree is cut short");
    let on_page: Vec<i64> = first
        .comments
        .iter()
        .filter(|c| c.parent.is_some_and(|p| p == big || visible.contains(&p)))
        .map(|c| c.id)
        .collect();
    assert_eq!(on_page.len(), REPLY_BATCH);
    assert_eq!(cut.count as usize, visible.len() - REPLY_BATCH, "held replies are not counted");
    let quiet = first.comments.iter().find(|c| c.id == small).unwrap();
    assert!(quiet.more_replies.is_none());
    assert_eq!(first.comments.iter().filter(|c| c.parent == Some(small)).count(), 3);

    // Follow the batches: every visible reply exactly once, never the held ones.
    let mut seen: Vec<i64> = on_page.clone();
    let mut cursor = cut.cursor;
    let mut left = cut.count;
    loop {
        let batch = more(&s, big, &cursor).await;
        assert!(batch.comments.len() <= REPLY_BATCH);
        seen.extend(batch.comments.iter().map(|c| c.id));
        match batch.more {
            Some(m) => {
                assert_eq!(m.count, left - batch.comments.len() as u64);
                left = m.count;
                cursor = m.cursor;
            }
            None => break,
        }
    }
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no reply came twice");
    assert_eq!(unique, visible.iter().copied().collect::<HashSet<_>>());
}

#[tokio::test]
async fn more_replies_of_what_readers_cannot_see_is_not_found() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let top = s.post_ok(&comment("/r", "Top.")).await.id;
    let answer = s.post_ok(&reply("/r", top, "Reply.")).await.id;
    let whole = more(&s, top, "").await;
    assert_eq!((whole.comments.len(), whole.more), (1, None));
    for id in [answer, 999_999] {
        let resp = s.http.get(s.url(&format!("/api/comments/{id}/replies"))).send().await.unwrap();
        assert_error(resp, StatusCode::NOT_FOUND, ErrorCode::NotFound, None).await;
    }
    let too_many = s.list_raw(&[("thread", "/r"), ("replies", "500")]).await;
    assert_error(too_many, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("replies")).await;
    let bad = s.http.get(s.url(&format!("/api/comments/{top}/replies?cursor=zz"))).send().await.unwrap();
    assert_error(bad, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("cursor")).await;
    let elsewhere =
        s.http.get(s.url(&format!("/api/comments/{top}/replies?site=nowhere"))).send().await.unwrap();
    assert_error(elsewhere, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("site")).await;
}
