//! Live-update streams of one thread share their reads of the change feed while the thread is
//! unchanged (a post wakes them all at once), and never share a read across a change.

use threadline_server::store::changes::Change;

use crate::support::{file_store, top};

fn ids(changes: &[(i64, Change)]) -> Vec<i64> {
    changes
        .iter()
        .map(|(_, change)| match change {
            Change::Comment(c) => c.id,
            Change::Gone(id) => *id,
        })
        .collect()
}

#[tokio::test]
async fn streams_asking_the_same_share_one_read_and_a_change_is_read_again() {
    let (_dir, store) = file_store().await;
    let first = store.insert_comment(&top("/live", "one"), 1).await.unwrap();
    let before = store.shared_reads().database_reads();
    let asks = (0..50).map(|_| store.changes_since("default", "/live", 0, 100));
    let answers = futures_util::future::join_all(asks).await;
    for answer in answers {
        assert_eq!(ids(&answer.unwrap()), [first.id]);
    }
    assert_eq!(store.shared_reads().database_reads() - before, 1, "fifty streams, one query");
    store.changes_since("default", "/live", 0, 100).await.unwrap();
    assert_eq!(store.shared_reads().database_reads() - before, 1, "unchanged: still shared");

    // A new comment bumps the thread's version: the next ask reads again, and sees it.
    let second = store.insert_comment(&top("/live", "two"), 2).await.unwrap();
    let after = store.changes_since("default", "/live", 0, 100).await.unwrap();
    assert_eq!(ids(&after), [first.id, second.id]);
    assert_eq!(store.shared_reads().database_reads() - before, 2);
    // Another thread, or another stamp, is another question.
    store.changes_since("default", "/elsewhere", 0, 100).await.unwrap();
    let (stamp, _) = after[0];
    assert_eq!(ids(&store.changes_since("default", "/live", stamp, 100).await.unwrap()), [second.id]);
    assert_eq!(store.shared_reads().database_reads() - before, 4);
}
