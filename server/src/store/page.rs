//! Paging of a thread: the opaque [`Cursor`] and the flat thread order of one page.

use std::collections::HashMap;
use std::fmt;

use super::comments::CommentRow;

/// Where the next page starts: just after the top-level comment created at `created_ms`
/// with id `id`. On the wire it is 32 lowercase hex digits; clients treat it as opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    /// Creation time (ms) of the last top-level comment of the previous page.
    pub created_ms: i64,
    /// Id of the last top-level comment of the previous page.
    pub id: i64,
}

/// A cursor string that this server did not hand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the cursor is not one this server handed out")]
pub struct CursorError;

impl Cursor {
    /// Parses the wire form made by [`Cursor`]'s `Display`.
    pub fn parse(s: &str) -> Result<Self, CursorError> {
        if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CursorError);
        }
        let half = |range: std::ops::Range<usize>| {
            u64::from_str_radix(&s[range], 16).map(|v| v as i64).map_err(|_| CursorError)
        };
        Ok(Self { created_ms: half(0..16)?, id: half(16..32)? })
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}{:016x}", self.created_ms as u64, self.id as u64)
    }
}

/// Puts one page in thread order: each top-level comment (in the given order) followed by
/// its replies depth-first, siblings oldest first. A parent therefore always precedes its
/// children, whatever the timestamps say.
pub(super) fn thread_order(tops: Vec<CommentRow>, replies: Vec<CommentRow>) -> Vec<CommentRow> {
    let mut out = Vec::with_capacity(tops.len() + replies.len());
    let mut children: HashMap<i64, Vec<CommentRow>> = HashMap::new();
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
    let mut rest: Vec<CommentRow> = children.into_values().flatten().collect();
    rest.sort_by_key(|r| r.id);
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(id: i64, parent: Option<i64>, created_ms: i64) -> CommentRow {
        CommentRow {
            id,
            thread: "/t".into(),
            parent_id: parent,
            author: "A".into(),
            website: None,
            text: "x".into(),
            created_ms,
        }
    }

    #[test]
    fn cursor_round_trips_and_rejects_junk() {
        for c in [Cursor { created_ms: 0, id: 1 }, Cursor { created_ms: -5, id: i64::MAX }] {
            assert_eq!(Cursor::parse(&c.to_string()), Ok(c));
        }
        for bad in ["", "zz", "0000000000000000000000000000000g", "+000000000000000000000000000000f", "é"] {
            assert_eq!(Cursor::parse(bad), Err(CursorError), "{bad}");
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
            let mut all: Vec<CommentRow> = (0..tops).map(|i| row(i as i64 + 1, None, i as i64)).collect();
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
