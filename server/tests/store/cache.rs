//! The page cache: pages are reused while their thread is unchanged, and never outlive a
//! write that was acknowledged.

use std::sync::Arc;

use threadline_protocol::{Comment, ThreadPage};
use threadline_server::store::{CachedPage, PostMeta, Posted};
use threadline_server::Store;

use crate::support::{file_store, job, reply, top};

async fn page(store: &Store, thread: &str) -> (Arc<CachedPage>, ThreadPage) {
    let cached = store.thread_page_json(thread, None, 50).await.unwrap();
    let parsed = serde_json::from_slice(&cached.body).unwrap();
    (cached, parsed)
}

fn has(page: &ThreadPage, comment: &Comment) -> bool {
    page.comments.iter().any(|c| c == comment)
}

#[tokio::test]
async fn an_unchanged_thread_is_served_from_the_cache() {
    let (_dir, store) = file_store().await;
    store.insert_comment(&top("/a", "one"), 1).await.unwrap();
    let (first, parsed) = page(&store, "/a").await;
    assert_eq!(parsed.total, 1);
    let (again, _) = page(&store, "/a").await;
    assert!(Arc::ptr_eq(&first, &again), "the same cached bytes");
    let real = store.thread_page("/a", None, 50).await.unwrap();
    let features = Some(threadline_protocol::SiteFeatures::default());
    assert_eq!(
        parsed,
        ThreadPage { features, ..real },
        "the cache holds the real page and the site's features"
    );
    // A write to another thread does not change this one.
    store.insert_comment(&top("/b", "elsewhere"), 2).await.unwrap();
    let (_, after) = page(&store, "/a").await;
    assert_eq!(after, parsed);
}

#[tokio::test]
async fn every_write_path_shows_in_the_very_next_page() {
    let (_dir, store) = file_store().await;
    let thread = "/writes";
    let root = store.insert_comment(&top(thread, "root"), 1).await.unwrap();
    let mut expected = 1;
    // Each write path, each time after the page was cached.
    for round in 0..3 {
        let (cached, before) = page(&store, thread).await;
        assert!(Arc::ptr_eq(&cached, &page(&store, thread).await.0), "cached before the write");
        assert_eq!(before.total, expected);
        let written: Vec<Comment> = match round {
            // The path of POST /api/comments: the writer task's queue.
            0 => vec![match store
                .post_comment(&reply(thread, root.id, "reply"), 2, &PostMeta::default())
                .await
            {
                Ok(Posted::Created(c)) => c,
                other => panic!("{other:?}"),
            }],
            // The seed's path.
            1 => vec![store.insert_comment(&top(&format!("  {thread} "), "padded key"), 3).await.unwrap()],
            // A group commit of several posts.
            _ => store
                .post_batch(&[job(top(thread, "b1")), job(reply(thread, root.id, "b2"))])
                .await
                .into_iter()
                .map(|a| match a {
                    Ok(Posted::Created(c)) => c,
                    other => panic!("{other:?}"),
                })
                .collect(),
        };
        expected += written.len() as u64;
        let (_, after) = page(&store, thread).await;
        assert_eq!(after.total, expected, "round {round}");
        for comment in &written {
            assert!(has(&after, comment), "round {round}: {comment:?} missing");
        }
    }
}

/// Readers keep refilling the cache from snapshots taken while posts commit; still, once a
/// post is acknowledged, the next page read has it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_readers_never_bring_back_a_page_from_before_an_acknowledged_post() {
    let (_dir, store) = file_store().await;
    let thread = "/race";
    let readers: Vec<_> = (0..6)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                for _ in 0..300 {
                    store.thread_page_json(thread, None, 50).await.unwrap();
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    // Fewer posts than a page holds, so that every one is on the first page.
    for i in 0..45 {
        let posted = store.insert_comment(&top(thread, &format!("post {i}")), i).await.unwrap();
        let (_, now) = page(&store, thread).await;
        assert!(has(&now, &posted), "post {i} acknowledged but missing from the next page");
        assert_eq!(now.total, i as u64 + 1);
    }
    for reader in readers {
        reader.await.unwrap();
    }
}

#[tokio::test]
async fn pages_differ_by_cursor_and_limit() {
    let (_dir, store) = file_store().await;
    for i in 0..5 {
        store.insert_comment(&top("/p", &format!("t{i}")), i).await.unwrap();
    }
    let small = store.thread_page_json("/p", None, 2).await.unwrap();
    let parsed: ThreadPage = serde_json::from_slice(&small.body).unwrap();
    assert_eq!(parsed.comments.len(), 2);
    let cursor = threadline_server::store::Cursor::parse(parsed.next_cursor.as_deref().unwrap()).unwrap();
    let next = store.thread_page_json("/p", Some(cursor), 2).await.unwrap();
    let next: ThreadPage = serde_json::from_slice(&next.body).unwrap();
    assert_eq!(next.comments.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["t2", "t3"]);
    let all = store.thread_page_json("/p", None, 50).await.unwrap();
    assert_ne!(all.etag, small.etag);
}
