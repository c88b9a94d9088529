//! Big threads: a page carries at most `REPLY_BATCH` replies of each top-level comment's
//! subtree, and says how many more there are; `GET /api/comments/{id}/replies` then loads
//! them a batch at a time. Pure: it works on the comments a query fetched.
//!
//! Replies are kept oldest first (creation time, then id), keyset-paged like pages: a
//! parent is older than its replies, so a batch holds every kept reply's parent. (Should
//! imported times ever say otherwise, the widget places a reply once its parent arrives.)

use std::collections::{HashMap, HashSet};

use super::Cursor;
use crate::store::model::StoredComment;

/// What a page left out of one subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// Replies left out.
    pub count: u64,
    /// Where they start: after this reply (oldest-first cursor).
    pub after: Cursor,
}

/// Keeps at most `batch` replies of each top-level comment in `tops`, oldest first; returns
/// the kept replies and, by top-level id, what was left out.
pub fn cap_replies(
    tops: &[StoredComment],
    replies: Vec<StoredComment>,
    batch: usize,
) -> (Vec<StoredComment>, HashMap<i64, Cut>) {
    let top_ids: HashSet<i64> = tops.iter().map(|t| t.id).collect();
    let parent_of: HashMap<i64, i64> = replies.iter().filter_map(|r| Some((r.id, r.parent_id?))).collect();
    let root_of = |mut id: i64| {
        // Bounded by the number of replies: a cycle cannot exist (foreign keys), but a loop
        // guard costs nothing.
        for _ in 0..=parent_of.len() {
            match parent_of.get(&id) {
                Some(&parent) if top_ids.contains(&parent) => return Some(parent),
                Some(&parent) => id = parent,
                None => return None,
            }
        }
        None
    };
    let mut by_root: HashMap<i64, Vec<StoredComment>> = HashMap::new();
    let mut orphans = Vec::new();
    for reply in replies {
        match root_of(reply.id) {
            Some(root) => by_root.entry(root).or_default().push(reply),
            None => orphans.push(reply),
        }
    }
    let mut kept = orphans;
    let mut cuts = HashMap::new();
    for (root, mut subtree) in by_root {
        let (batch_kept, cut) = take_batch(&mut subtree, None, batch);
        kept.extend(batch_kept);
        if let Some(cut) = cut {
            cuts.insert(root, cut);
        }
    }
    (kept, cuts)
}

/// The next batch of one subtree's visible replies after `after` (from the start when
/// `None`), oldest first, and what is left after it. `subtree` holds the replies only.
pub fn take_batch(
    subtree: &mut [StoredComment],
    after: Option<Cursor>,
    batch: usize,
) -> (Vec<StoredComment>, Option<Cut>) {
    subtree.sort_by_key(|r| (r.created_ms, r.id));
    let start =
        after.map_or(0, |a| subtree.partition_point(|r| (r.created_ms, r.id) <= (a.created_ms, a.id)));
    let rest = &subtree[start..];
    let kept: Vec<StoredComment> = rest.iter().take(batch).cloned().collect();
    let cut = (rest.len() > kept.len()).then(|| Cut {
        count: (rest.len() - kept.len()) as u64,
        after: kept.last().map_or_else(
            || after.unwrap_or(Cursor::oldest(i64::MIN, i64::MIN)),
            |r| Cursor::oldest(r.created_ms, r.id),
        ),
    });
    (kept, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: Option<i64>, created_ms: i64) -> StoredComment {
        StoredComment {
            id,
            parent_id: parent,
            created_ms,
            status: "approved".into(),
            ..StoredComment::default()
        }
    }

    #[test]
    fn each_subtree_keeps_its_oldest_replies_and_counts_the_rest() {
        let tops = [c(1, None, 0), c(2, None, 1)];
        let mut replies: Vec<StoredComment> = (10..40).map(|id| c(id, Some(1), id)).collect();
        replies.push(c(50, Some(2), 5));
        replies.push(c(51, Some(50), 6));
        let (kept, cuts) = cap_replies(&tops, replies, 20);
        let mut ids: Vec<i64> = kept.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let want: Vec<i64> = (10..30).chain([50, 51]).collect();
        assert_eq!(ids, want);
        assert_eq!(cuts.len(), 1);
        assert_eq!(cuts[&1], Cut { count: 10, after: Cursor::oldest(29, 29) });
    }

    #[test]
    fn batches_follow_the_cursor_and_keep_parents_first() {
        let mut subtree: Vec<StoredComment> =
            vec![c(12, Some(11), 3), c(11, Some(1), 2), c(13, Some(1), 4), c(14, Some(12), 5)];
        let (first, cut) = take_batch(&mut subtree, None, 2);
        assert_eq!(first.iter().map(|r| r.id).collect::<Vec<_>>(), [11, 12]);
        let cut = cut.unwrap();
        assert_eq!(cut.count, 2);
        let (second, rest) = take_batch(&mut subtree, Some(cut.after), 2);
        assert_eq!(
            second.iter().map(|r| r.id).collect::<Vec<_>>(),
            [13, 14],
            "14's parent came in the first batch"
        );
        assert_eq!(rest, None);
    }
}
