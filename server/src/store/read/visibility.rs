//! Which comments of a page readers see: approved ones whose ancestors are not held, and
//! removed ones as placeholders while a visible reply hangs below them. Pure: the queries
//! fetch every status of a page's subtrees, and this decides.

use std::collections::{HashMap, HashSet};

use crate::store::model::StoredComment;

/// Drops from a page what readers must not see: held (`pending`) and report-hidden comments
/// with every reply below them ("replies to a held comment wait with it"), and removed
/// (`rejected`, `deleted`) comments that have no visible reply below them. Removed comments
/// that stay are placeholders (see [`StoredComment::into_public`]).
pub fn public_only(
    tops: Vec<StoredComment>,
    replies: Vec<StoredComment>,
) -> (Vec<StoredComment>, Vec<StoredComment>) {
    let mut children: HashMap<i64, Vec<&StoredComment>> = HashMap::new();
    for reply in &replies {
        children.entry(reply.parent_id.unwrap_or_default()).or_default().push(reply);
    }
    let mut keep = HashSet::new();
    for top in &tops {
        mark(top, &children, &mut keep);
    }
    let tops = tops.into_iter().filter(|c| keep.contains(&c.id)).collect();
    let replies = replies.into_iter().filter(|c| keep.contains(&c.id)).collect();
    (tops, replies)
}

/// Marks the comments to keep in `node`'s subtree; returns whether `node` is kept. Iterative,
/// so that a deep chain of replies cannot overflow the stack.
fn mark(node: &StoredComment, children: &HashMap<i64, Vec<&StoredComment>>, keep: &mut HashSet<i64>) -> bool {
    // Post-order walk: (comment, children visited yet).
    let mut stack = vec![(node, false)];
    while let Some((c, visited)) = stack.pop() {
        if c.blocks_replies() {
            continue;
        }
        let kids = children.get(&c.id).map_or(&[][..], Vec::as_slice);
        if !visited {
            stack.push((c, true));
            stack.extend(kids.iter().map(|k| (*k, false)));
        } else if c.is_approved() || kids.iter().any(|k| keep.contains(&k.id)) {
            keep.insert(c.id);
        }
    }
    keep.contains(&node.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, parent: Option<i64>, status: &str) -> StoredComment {
        StoredComment {
            id,
            thread: "/t".into(),
            parent_id: parent,
            author: "A".into(),
            website: None,
            text: "x".into(),
            created_ms: id,
            site: "default".into(),
            status: status.into(),
            pinned: false,
            ..StoredComment::default()
        }
    }

    fn ids(rows: &[StoredComment]) -> Vec<i64> {
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn held_subtrees_wait_and_removed_ones_stay_only_above_visible_replies() {
        let tops = vec![
            row(1, None, "approved"),
            row(2, None, "pending"),
            row(3, None, "deleted"),
            row(4, None, "rejected"),
        ];
        let replies = vec![
            row(10, Some(1), "approved"),
            row(11, Some(1), "hidden"),
            row(12, Some(11), "approved"), // under a hidden comment: waits
            row(13, Some(2), "approved"),  // under a held top: waits
            row(14, Some(3), "approved"),  // keeps the deleted top as a placeholder
            row(15, Some(4), "pending"),   // the rejected top has nothing visible: gone
            row(16, Some(1), "rejected"),
            row(17, Some(16), "deleted"),
            row(18, Some(17), "approved"), // keeps 16 and 17 as placeholders
        ];
        let (tops, replies) = public_only(tops, replies);
        assert_eq!(ids(&tops), [1, 3]);
        assert_eq!(ids(&replies), [10, 14, 16, 17, 18]);
    }

    #[test]
    fn a_placeholder_is_blank() {
        let c = row(1, None, "rejected").into_public();
        assert_eq!(c.status, threadline_protocol::CommentStatus::Removed);
        assert!(c.author.is_empty() && c.text.is_empty() && c.website.is_none());
        assert!(row(2, None, "").into_public().status.is_approved(), "rows without a status column");
    }
}
