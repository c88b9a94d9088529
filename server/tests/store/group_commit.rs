//! Group commit: each poster of a batch gets their own comment or their own error.

use std::collections::HashSet;

use threadline_protocol::Comment;
use threadline_server::store::{PostJob, PostMeta, PostResult, Posted, SpentChallenge, StoreError};

use crate::support::{file_store, job, keyed, reply, top};

fn created(answer: &PostResult) -> &Comment {
    match answer {
        Ok(Posted::Created(c)) => c,
        other => panic!("expected a new comment, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_posts_do_not_fail_the_rest_of_their_batch() {
    let (_dir, store) = file_store().await;
    let root = store.insert_comment(&top("/t", "root"), 1).await.unwrap();
    let elsewhere = store.insert_comment(&top("/other", "x"), 1).await.unwrap();
    let dup_meta = PostMeta { duplicate_window_ms: Some(60_000), ..PostMeta::default() };
    let challenge = SpentChallenge { signature: "sig".into(), expires_ms: 1_000_000 };
    let with_challenge = PostMeta { challenge: Some(challenge), ..PostMeta::default() };
    let jobs = [
        job(top("/t", "good one")),
        job(reply("/t", 999_999, "unknown parent")),
        job(reply("/t", root.id, "good reply")),
        job(reply("/t", elsewhere.id, "parent in another thread")),
        PostJob { meta: dup_meta.clone(), ..job(top("/t", "said twice")) },
        PostJob { meta: dup_meta, ..job(top("/t", "said   twice")) },
        PostJob { meta: with_challenge.clone(), ..job(top("/t", "solved")) },
        PostJob { meta: with_challenge, ..job(top("/t", "same solution again")) },
        job(top("/t", "good last")),
    ];
    let answers = store.post_batch(&jobs).await;
    assert_eq!(answers.len(), jobs.len());
    for (i, text) in [(0, "good one"), (2, "good reply"), (4, "said twice"), (6, "solved"), (8, "good last")]
    {
        assert_eq!(created(&answers[i]).text, text, "answer {i} is its own poster's comment");
    }
    assert!(matches!(answers[1], Err(StoreError::UnknownParent)));
    assert!(matches!(answers[3], Err(StoreError::UnknownParent)));
    assert!(matches!(answers[5], Err(StoreError::Duplicate)));
    assert!(matches!(answers[7], Err(StoreError::ChallengeSpent)));
    let page = store.thread_page("/t", None, 50).await.unwrap();
    let texts: HashSet<&str> = page.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, HashSet::from(["root", "good one", "good reply", "said twice", "solved", "good last"]));
}

#[tokio::test]
async fn idempotency_keys_within_and_across_batches() {
    let (_dir, store) = file_store().await;
    let answers = store
        .post_batch(&[
            keyed(top("/k", "first"), "k1", "h1"),
            keyed(top("/k", "first"), "k1", "h1"),
            keyed(top("/k", "other body"), "k1", "h2"),
            keyed(top("/k", "second"), "k2", "h3"),
        ])
        .await;
    let first = created(&answers[0]).clone();
    assert_eq!(answers[1].as_ref().unwrap(), &Posted::Replayed(first.clone()), "same key, same body");
    assert!(matches!(answers[2], Err(StoreError::IdempotencyKeyReused)));
    let second = created(&answers[3]).clone();
    // In a later batch the keys come from the database.
    let later =
        store.post_batch(&[keyed(top("/k", "second"), "k2", "h3"), keyed(top("/k", "x"), "k1", "h9")]).await;
    assert_eq!(later[0].as_ref().unwrap(), &Posted::Replayed(second));
    assert!(matches!(later[1], Err(StoreError::IdempotencyKeyReused)));
    assert_eq!(store.count("/k").await.unwrap(), 2);
    // An expired key is free again, for a new comment.
    let expired = PostJob { created_ms: 2_000_000, ..keyed(top("/k", "after expiry"), "k1", "h9") };
    assert_eq!(created(&store.post_batch(&[expired]).await[0]).text, "after expiry");
}

/// A post that makes the database itself fail (here a trigger that aborts on one text) fails
/// the batch's transaction; the writer then stores every other post of it alone.
#[tokio::test]
async fn a_database_failure_fails_only_the_post_that_caused_it() {
    let (dir, store) = file_store().await;
    let side = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("threadline.db").display()))
        .await
        .unwrap();
    sqlx::query(
        "CREATE TRIGGER poison BEFORE INSERT ON comments WHEN NEW.text = 'poison'
         BEGIN SELECT RAISE(ABORT, 'poisoned'); END",
    )
    .execute(&side)
    .await
    .unwrap();
    side.close().await;
    let answers = store
        .post_batch(&[
            keyed(top("/p", "before"), "a", "ha"),
            job(top("/p", "poison")),
            keyed(top("/p", "after"), "b", "hb"),
        ])
        .await;
    assert_eq!(created(&answers[0]).text, "before");
    assert!(matches!(&answers[1], Err(StoreError::Database(e)) if e.to_string().contains("poisoned")));
    assert_eq!(created(&answers[2]).text, "after");
    let page = store.thread_page("/p", None, 50).await.unwrap();
    assert_eq!(page.comments.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["before", "after"]);
    // The keys of the stored posts were recorded once, with their comments.
    let replay = store.post_batch(&[keyed(top("/p", "before"), "a", "ha")]).await;
    assert_eq!(replay[0].as_ref().unwrap(), &Posted::Replayed(created(&answers[0]).clone()));
}

/// Many posters at once through the writer's queue (the path of POST /api/comments): every
/// one is answered with its own comment, and all of them are stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_posters_each_get_their_own_comment() {
    let (_dir, store) = file_store().await;
    let root = store.insert_comment(&top("/busy", "root"), 1).await.unwrap();
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let text = format!("poster {i}");
                let new = if i % 3 == 0 { reply("/busy", root.id, &text) } else { top("/busy", &text) };
                let answer = store.post_comment(&new, 10 + i, &PostMeta::default()).await;
                (text, answer)
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let (text, answer) = task.await.unwrap();
        let comment = created(&answer);
        assert_eq!(comment.text, text);
        assert!(ids.insert(comment.id));
    }
    assert_eq!(store.count("/busy").await.unwrap(), 201);
}

/// The writer leaves checkpoints to a background task (see `store::checkpoint`); one run
/// moves every committed frame into the database file.
#[tokio::test]
async fn a_passive_checkpoint_moves_the_wal_into_the_database() {
    let (_dir, store) = file_store().await;
    let jobs: Vec<PostJob> = (0..50).map(|i| job(top("/wal", &format!("c{i}")))).collect();
    for answer in store.post_batch(&jobs).await {
        created(&answer);
    }
    let (log, done) = store.checkpoint().await.unwrap();
    assert!(log > 0, "the posts are in the WAL");
    assert_eq!(done, log, "and all of it is checkpointed");
    assert_eq!(store.count("/wal").await.unwrap(), 50);
}
