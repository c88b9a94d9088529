//! The flat thread order of one page: each top-level comment followed by its replies.

use std::collections::HashMap;

use crate::store::model::StoredComment;

/// Puts one page in thread order: each top-level comment (in the given order) followed by
/// its replies depth-first, siblings oldest first. A parent therefore always precedes its
/// children, whatever the timestamps say.
pub fn thread_order(tops: Vec<StoredComment>, replies: Vec<StoredComment>) -> Vec<StoredComment> {
    let mut out = Vec::with_capacity(tops.len() + replies.len());
    let mut children: HashMap<i64, Vec<StoredComment>> = HashMap::new();
    for reply in replies {
        children.entry(reply.parent_id.unwrap_or_default()).or_default().push(reply);
    }
    for siblings in children.values_mut() {
        // Newest first, so that the stack below pops the oldest first.
        siblings.sort_by_key(|r| std::cmp::Reverse((r.created_ms, r.id)));
    }
    for top in tops {
        let mut stack = vec![top];
        while let Some(node) = stack.pop() {
            if let Some(kids) = children.remove(&node.id) {
                stack.extend(kids);
            }
            out.push(node);
        }
    }
    // Replies whose parent is not on the page cannot exist (foreign key + root_id); should one
    // ever appear, show it rather than silently lose it.
    let mut rest: Vec<StoredComment> = children.into_values().flatten().collect();
    rest.sort_by_key(|r| r.id);
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(id: i64, parent: Option<i64>, created_ms: i64) -> StoredComment {
        StoredComment {
            id,
            thread: "/t".into(),
            parent_id: parent,
            author: "A".into(),
            website: None,
            text: "x".into(),
            created_ms,
            ..StoredComment::default()
        }
    }

    #[test]
    fn depth_first_with_oldest_siblings_first() {
        let tops = vec![row(1, None, 10), row(2, None, 20)];
        // Reply 6 has an older timestamp than its parent 3 (clock skew): still after it.
        let replies = vec![row(3, Some(1), 30), row(4, Some(1), 25), row(5, Some(2), 40), row(6, Some(3), 5)];
        let ids: Vec<i64> = thread_order(tops, replies).iter().map(|r| r.id).collect();
        assert_eq!(ids, [1, 4, 3, 6, 2, 5]);
    }

    proptest! {
        #[test]
        fn every_comment_once_and_parents_first(
            parents in proptest::collection::vec((0usize..1000, 0i64..50), 0..60),
            tops in 1usize..5,
        ) {
            let mut all: Vec<StoredComment> = (0..tops).map(|i| row(i as i64 + 1, None, i as i64)).collect();
            for (pick, t) in parents {
                let parent = all[pick % all.len()].id;
                all.push(row(all.len() as i64 + 1, Some(parent), t));
            }
            let (top_rows, replies): (Vec<_>, Vec<_>) = all.iter().cloned().partition(|r| r.parent_id.is_none());
            let out = thread_order(top_rows, replies);
            prop_assert_eq!(out.len(), all.len());
            let mut seen = std::collections::HashSet::new();
            for r in &out {
                if let Some(p) = r.parent_id {
                    prop_assert!(seen.contains(&p), "parent {} after child {}", p, r.id);
                }
                prop_assert!(seen.insert(r.id));
            }
        }
    }
}
