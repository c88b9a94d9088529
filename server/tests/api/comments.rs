//! The comment calls working as intended: round trips, paging, persistence, counts.

use std::collections::{HashMap, HashSet};

use threadline_protocol::NewComment;

use crate::support::{comment, reply, TestDb, TestServer};

#[tokio::test]
async fn post_and_list_round_trip() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    let thread = "/2026/11/round-trip";
    let top = server
        .post_ok(&NewComment {
            author: "  Ann Lee ".into(),
            email: Some("ann@example.org".into()),
            website: Some("https://ann.example".into()),
            ..comment(thread, "  First line\n\nSecond paragraph.  \n\n")
        })
        .await;
    assert_eq!(top.author, "Ann Lee");
    assert_eq!(top.text, "  First line\n\nSecond paragraph.", "text is kept as typed, minus trailing space");
    assert_eq!(top.website.as_deref(), Some("https://ann.example"));
    assert_eq!(top.parent, None);
    assert_eq!(top.thread, thread);
    let created = &top.created_at;
    assert!(created.len() == 20 && created.ends_with('Z') && created.as_bytes()[10] == b'T', "{created}");

    let blank =
        NewComment { email: Some(" ".into()), website: Some("".into()), ..reply(thread, top.id, "Reply") };
    let r1 = server.post_ok(&blank).await;
    assert_eq!(r1.website, None, "a blank website is stored as nothing");
    let r2 = server.post_ok(&reply(thread, r1.id, "Reply to reply")).await;
    let second = server.post_ok(&comment(thread, "Second top-level")).await;
    let r3 = server.post_ok(&reply(thread, top.id, "Later reply to the first")).await;
    server.post_ok(&comment("/elsewhere", "Not in this thread")).await;

    let page = server.list(thread, None, None).await;
    assert_eq!(page.total, 5);
    assert_eq!(page.next_cursor, None);
    let order: Vec<i64> = page.comments.iter().map(|c| c.id).collect();
    assert_eq!(order, [top.id, r1.id, r2.id, r3.id, second.id], "thread order, parents first");
    let parents: HashMap<i64, Option<i64>> = page.comments.iter().map(|c| (c.id, c.parent)).collect();
    assert_eq!(parents[&r2.id], Some(r1.id));
    assert_eq!(parents[&r3.id], Some(top.id));
    assert_eq!(page.comments[0], top, "listing returns what posting returned");
}

#[tokio::test]
async fn pages_hold_whole_subtrees_and_every_comment_exactly_once() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    let thread = "/paging";
    let mut all = HashSet::new();
    let mut root_of = HashMap::new();
    for i in 0..7 {
        let top = server.post_ok(&comment(thread, &format!("top {i}"))).await;
        all.insert(top.id);
        root_of.insert(top.id, top.id);
        let mut parent = top.id;
        for depth in 0..(i % 4) {
            let r = server.post_ok(&reply(thread, parent, &format!("reply {i}.{depth}"))).await;
            all.insert(r.id);
            root_of.insert(r.id, top.id);
            // Alternate between deepening the branch and adding a sibling.
            if depth % 2 == 0 {
                parent = r.id;
            }
        }
    }
    for limit in [1, 3, 7, 50] {
        let pages = server.list_all(thread, limit).await;
        assert_eq!(pages.len(), 7usize.div_ceil(limit as usize).max(1), "limit {limit}");
        let mut seen = HashSet::new();
        for page in &pages {
            assert_eq!(page.total, all.len() as u64);
            let tops: HashSet<i64> =
                page.comments.iter().filter(|c| c.parent.is_none()).map(|c| c.id).collect();
            assert!(!tops.is_empty() && tops.len() <= limit as usize);
            let mut on_page = HashSet::new();
            for c in &page.comments {
                assert!(tops.contains(&root_of[&c.id]), "comment {} away from its top-level comment", c.id);
                if let Some(p) = c.parent {
                    assert!(on_page.contains(&p), "comment {} before its parent", c.id);
                }
                on_page.insert(c.id);
                assert!(seen.insert(c.id), "comment {} on two pages", c.id);
            }
        }
        assert_eq!(seen, all, "limit {limit}: every comment exactly once");
    }
}

#[tokio::test]
async fn replies_survive_a_restart() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    let top = server.post_ok(&comment("/persist", "Before the restart")).await;
    let r = server.post_ok(&reply("/persist", top.id, "A reply before the restart")).await;
    assert!(server.stop().await.success(), "SIGTERM stops the server cleanly");

    let server = TestServer::start(&db.path, &[]).await;
    let page = server.list("/persist", None, None).await;
    assert_eq!(page.comments, [top.clone(), r.clone()]);
    let later = server.post_ok(&reply("/persist", r.id, "After the restart")).await;
    assert!(later.id > r.id);
    assert_eq!(server.list("/persist", None, None).await.total, 3);
    assert!(server.stop().await.success());
}

#[tokio::test]
async fn counts_per_thread() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    let a = server.post_ok(&comment("/a", "one")).await;
    server.post_ok(&reply("/a", a.id, "two")).await;
    server.post_ok(&comment("/b", "three")).await;
    let counts = server.counts(&["/a", "/b", "/nothing-here"]).await.counts;
    assert_eq!(counts.len(), 3);
    assert_eq!((counts["/a"], counts["/b"], counts["/nothing-here"]), (2, 1, 0));
    assert!(server.counts(&[]).await.counts.is_empty());
}

/// Durability: a comment answered with 201 is in the database file even if the process dies
/// right after (SIGKILL, no shutdown, no checkpoint), as group commit answers only after its
/// commit.
#[tokio::test]
async fn acknowledged_comments_survive_a_crash() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    let posts = (0..30).map(|i| {
        let new = comment("/crash", &format!("c{i}"));
        let server = &server;
        async move { server.post_ok(&new).await }
    });
    let acknowledged = futures_util::future::join_all(posts).await;
    server.crash().await;
    let again = TestServer::start(&db.path, &[]).await;
    let page = again.list("/crash", None, None).await;
    assert_eq!(page.total, 30);
    for comment in &acknowledged {
        assert!(page.comments.contains(comment), "{comment:?} lost in the crash");
    }
}
