//! [`Forest::replace`]: a changed comment (edited, deleted, voted on, moderated) takes the
//! place of the one shown, keeping its replies; like [`Forest::insert`], only the path up to
//! its top-level comment is copied.

use super::{Forest, Node, Shared};
use crate::model::Comment;
use std::rc::Rc;

impl Forest {
    /// The comment with this id, if it is in the forest.
    #[cfg(any(feature = "native", feature = "custom"))]
    pub fn get(&self, id: &str) -> Option<Rc<Comment>> {
        let mut chain = vec![Rc::<str>::from(id)];
        while let Some(up) = self.placed.get(chain.last()?)? {
            if chain.len() > self.placed.len() {
                return None;
            }
            chain.push(Rc::clone(up));
        }
        let mut level = &self.roots;
        let mut found = None;
        for id in chain.iter().rev() {
            let node = level.iter().find(|n| n.comment.id == *id)?;
            found = Some(Rc::clone(&node.comment));
            level = &node.0.replies;
        }
        found
    }

    /// Replaces the comment with the same id, keeping its place and its replies; returns the
    /// comment it replaced, or `None` (and changes nothing) when the id is not in the forest.
    pub fn replace(&mut self, comment: Comment) -> Option<Rc<Comment>> {
        // The comment and its ancestors, up to its top-level comment; bounded by the forest size.
        let mut chain = vec![Rc::clone(&comment.id)];
        while let Some(up) = self.placed.get(chain.last()?)? {
            if chain.len() > self.placed.len() {
                return None;
            }
            chain.push(Rc::clone(up));
        }
        chain.reverse();
        let mut path: Vec<Shared<Node>> = Vec::with_capacity(chain.len());
        for id in &chain {
            let level = path.last().map_or(&self.roots, |n| &n.0.replies);
            path.push(level.iter().find(|n| n.comment.id == *id)?.clone());
        }
        let target = path.pop()?;
        let old = Rc::clone(&target.comment);
        let node = Node {
            comment: Rc::new(comment),
            replies: target.replies.clone(),
            descendants: target.descendants,
        };
        let mut replacement = Shared(Rc::new(node));
        for up in path.iter().rev() {
            let mut replies = up.replies.clone();
            if let Some(slot) = replies.iter_mut().find(|r| r.comment.id == replacement.comment.id) {
                *slot = replacement.clone();
            }
            let node = Node { comment: Rc::clone(&up.comment), replies, descendants: up.descendants };
            replacement = Shared(Rc::new(node));
        }
        let slot = self.roots.iter_mut().find(|r| r.comment.id == replacement.comment.id)?;
        *slot = replacement;
        Some(old)
    }
}

impl Forest {
    /// Takes the comment with this id out of the forest, with every reply below it (a live
    /// update said readers may no longer see it). Answers how many comments went; 0 when the
    /// id is unknown. Like [`Forest::insert`], copies only the path above it.
    #[cfg(feature = "native")]
    pub fn remove(&mut self, id: &str) -> usize {
        let mut chain = vec![Rc::<str>::from(id)];
        while let Some(Some(up)) = self.placed.get(&chain[chain.len() - 1]) {
            if chain.len() > self.placed.len() {
                return 0;
            }
            chain.push(Rc::clone(up));
        }
        if !self.placed.contains_key(id) {
            return 0;
        }
        chain.reverse();
        let mut path: Vec<Shared<Node>> = Vec::with_capacity(chain.len());
        for id in &chain {
            let level = path.last().map_or(&self.roots, |n| &n.0.replies);
            let Some(node) = level.iter().find(|n| n.comment.id == *id) else { return 0 };
            path.push(node.clone());
        }
        let Some(gone) = path.pop() else { return 0 };
        let count = gone.descendants + 1;
        // Forget every id of the subtree, iteratively (a subtree may be thousands deep).
        let mut stack = vec![gone.clone()];
        while let Some(node) = stack.pop() {
            self.placed.remove(&node.comment.id);
            stack.extend(node.replies.iter().cloned());
        }
        let mut replacement: Option<Shared<Node>> = None;
        let mut child_id = Rc::clone(&gone.comment.id);
        for up in path.iter().rev() {
            let mut replies = up.replies.clone();
            match replacement.take() {
                None => replies.retain(|r| r.comment.id != child_id),
                Some(new) => {
                    if let Some(slot) = replies.iter_mut().find(|r| r.comment.id == child_id) {
                        *slot = new;
                    }
                }
            }
            let descendants = up.descendants.saturating_sub(count);
            replacement =
                Some(Shared(Rc::new(Node { comment: Rc::clone(&up.comment), replies, descendants })));
            child_id = Rc::clone(&up.comment.id);
        }
        match replacement {
            None => self.roots.retain(|r| r.comment.id != child_id),
            Some(new) => {
                if let Some(slot) = self.roots.iter_mut().find(|r| r.comment.id == child_id) {
                    *slot = new;
                }
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, parent: Option<&str>, text: &str) -> Comment {
        Comment { id: id.into(), parent: parent.map(Into::into), text: text.into(), ..Default::default() }
    }

    #[test]
    fn replaces_in_place_and_shares_the_rest() {
        let mut f = Forest::build(vec![
            c("1", None, "a"),
            c("2", Some("1"), "b"),
            c("3", Some("2"), "c"),
            c("4", None, "d"),
        ]);
        let untouched = f.roots[1].clone();
        let old = f.replace(Comment { pinned: true, ..c("2", Some("1"), "B") }).unwrap();
        assert_eq!(old.text, "b");
        let two = &f.roots[0].replies[0];
        assert_eq!((two.comment.text.as_str(), two.comment.pinned, two.descendants), ("B", true, 1));
        assert_eq!(two.replies[0].comment.text, "c", "the replies stay");
        assert_eq!(f.roots[0].descendants, 2);
        assert!(f.roots[1] == untouched, "another tree is shared, not copied");
        assert_eq!(f.len(), 4);
        assert!(f.replace(c("9", None, "x")).is_none());
        assert_eq!(f.len(), 4, "an unknown id changes nothing");
    }

    #[cfg(feature = "native")]
    #[test]
    fn removing_a_comment_takes_its_replies_and_leaves_the_rest_shared() {
        let mut f = Forest::build(vec![
            c("1", None, "a"),
            c("2", Some("1"), "b"),
            c("3", Some("2"), "c"),
            c("4", Some("1"), "d"),
            c("5", None, "e"),
        ]);
        let untouched = f.roots[1].clone();
        assert_eq!(f.remove("2"), 2, "the comment and its reply");
        assert_eq!(f.len(), 3);
        assert!(!f.contains("3") && f.contains("4"));
        assert_eq!(f.roots[0].descendants, 1);
        assert_eq!(f.roots[0].replies.iter().map(|r| &*r.comment.id).collect::<Vec<_>>(), ["4"]);
        assert!(f.roots[1] == untouched, "other subtrees are shared, not copied");
        assert_eq!(f.remove("5"), 1);
        assert_eq!(f.roots.len(), 1);
        assert_eq!(f.remove("nope"), 0);
        // What was removed can come back (approved again).
        f.insert(c("2", Some("1"), "b again"));
        assert!(f.contains("2"));
    }
}
