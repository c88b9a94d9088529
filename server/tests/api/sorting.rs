//! Every order of a thread, paged by cursor: oldest (the default), newest and top (votes,
//! then oldest), each page continuing where the last ended, and a cursor of one order
//! refused for another; a permalink (`around`) answers the page that holds its comment.

use reqwest::StatusCode;
use serde_json::json;
use threadline_protocol::{ErrorCode, ThreadPage};

use crate::modsupport::post_as;
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

async fn page(s: &TestServer, query: &[(&str, &str)]) -> ThreadPage {
    let resp = s.list_raw(query).await;
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

/// The top-level ids of every page of `sort`, two at a time, following the cursors.
async fn all_tops(s: &TestServer, thread: &str, sort: &str) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query = vec![("thread", thread), ("limit", "2"), ("sort", sort)];
        if let Some(c) = cursor.as_deref() {
            query.push(("cursor", c));
        }
        let p = page(s, &query).await;
        pages.push(p.comments.iter().filter(|c| c.parent.is_none()).map(|c| c.id).collect());
        match p.next_cursor {
            Some(next) => cursor = Some(next),
            None => return pages,
        }
    }
}

#[tokio::test]
async fn oldest_newest_and_top_each_page_by_cursor() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/sorted";
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(
            post_as(&s, &comment(t, &format!("Top-level comment number {n}.")), None, None).await.comment.id,
        );
    }
    let answer =
        post_as(&s, &reply(t, ids[0], "A reply stays under its comment."), None, None).await.comment.id;
    // Votes: #3 gets two, #1 one; the rest none.
    let mut tokens = Vec::new();
    for n in 0..2 {
        let posted = post_as(&s, &comment("/elsewhere", &format!("Voter {n} was here.")), None, None).await;
        tokens.push(posted.author_token.unwrap());
    }
    let vote = |id: i64, token: String| {
        let request =
            s.http.post(s.url(&format!("/api/comments/{id}/vote"))).header("x-threadline-author", token);
        async move {
            assert_eq!(request.json(&json!({"value": 1})).send().await.unwrap().status(), StatusCode::OK)
        }
    };
    vote(ids[3], tokens[0].clone()).await;
    vote(ids[3], tokens[1].clone()).await;
    vote(ids[1], tokens[0].clone()).await;

    let oldest = all_tops(&s, t, "oldest").await;
    assert_eq!(oldest, [vec![ids[0], ids[1]], vec![ids[2], ids[3]], vec![ids[4]]]);
    let newest = all_tops(&s, t, "newest").await;
    assert_eq!(newest, [vec![ids[4], ids[3]], vec![ids[2], ids[1]], vec![ids[0]]]);
    let top = all_tops(&s, t, "top").await;
    assert_eq!(top, [vec![ids[3], ids[1]], vec![ids[0], ids[2]], vec![ids[4]]]);

    // Replies come with their comment, in every order.
    let last = page(&s, &[("thread", t), ("sort", "newest"), ("limit", "10")]).await;
    let order: Vec<i64> = last.comments.iter().map(|c| c.id).collect();
    assert_eq!(&order[order.len() - 2..], [ids[0], answer]);
    // No sort is oldest first, as before.
    let default = page(&s, &[("thread", t), ("limit", "2")]).await;
    assert_eq!(
        default.comments.iter().filter(|c| c.parent.is_none()).map(|c| c.id).collect::<Vec<_>>(),
        [ids[0], ids[1]]
    );
}

#[tokio::test]
async fn a_cursor_pages_its_own_order_only() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    for n in 0..3 {
        s.post_ok(&comment("/c", &format!("Comment {n} of three."))).await;
    }
    let first = page(&s, &[("thread", "/c"), ("limit", "1"), ("sort", "newest")]).await;
    let cursor = first.next_cursor.unwrap();
    let crossed = s.list_raw(&[("thread", "/c"), ("sort", "top"), ("cursor", &cursor)]).await;
    assert_error(crossed, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("cursor")).await;
    // The cursor alone carries its order.
    let next = page(&s, &[("thread", "/c"), ("limit", "1"), ("cursor", &cursor)]).await;
    assert!(next.comments[0].id < first.comments[0].id, "newest first goes on backwards");
    let bad = s.list_raw(&[("thread", "/c"), ("sort", "best")]).await;
    assert_error(bad, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("sort")).await;
}

#[tokio::test]
async fn a_permalink_answers_the_page_that_holds_the_comment() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/permalink";
    let mut tops = Vec::new();
    for n in 0..7 {
        tops.push(s.post_ok(&comment(t, &format!("Top-level comment {n}."))).await.id);
    }
    let child = s.post_ok(&reply(t, tops[4], "A reply on what is page 3.")).await.id;
    let deep = s.post_ok(&reply(t, child, "And a reply to the reply.")).await.id;
    let around = deep.to_string();

    let held = page(&s, &[("thread", t), ("limit", "2"), ("around", &around)]).await;
    let ids: Vec<i64> = held.comments.iter().map(|c| c.id).collect();
    assert_eq!(ids, [tops[4], child, deep, tops[5]], "the page opens with the comment's whole subtree");
    let next =
        page(&s, &[("thread", t), ("limit", "2"), ("cursor", held.next_cursor.as_deref().unwrap())]).await;
    assert_eq!(next.comments.iter().map(|c| c.id).collect::<Vec<_>>(), [tops[6]]);
    // In the newest-first order the page holds the root and what is older than it.
    let newest = page(&s, &[("thread", t), ("limit", "2"), ("around", &around), ("sort", "newest")]).await;
    let tops_newest: Vec<i64> = newest.comments.iter().filter(|c| c.parent.is_none()).map(|c| c.id).collect();
    assert_eq!(tops_newest, [tops[4], tops[3]]);

    // A stale permalink (gone, or of another thread) opens the first page.
    for stale in ["999999", &tops[0].to_string()] {
        let thread = if stale == "999999" { t } else { "/another" };
        let first = page(&s, &[("thread", thread), ("limit", "2"), ("around", stale)]).await;
        if thread == t {
            assert_eq!(first.comments[0].id, tops[0]);
        } else {
            assert!(first.comments.is_empty());
        }
    }
    let bad = s.list_raw(&[("thread", t), ("around", "abc")]).await;
    assert_error(bad, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("around")).await;
    let both = s
        .list_raw(&[("thread", t), ("around", &around), ("cursor", held.next_cursor.as_deref().unwrap())])
        .await;
    assert_error(both, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("around")).await;
}
