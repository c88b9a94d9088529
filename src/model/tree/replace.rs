//! [`Forest::replace`]: a changed comment (edited, deleted, voted on, moderated) takes the
//! place of the one shown, keeping its replies; like [`Forest::insert`], only the path up to
//! its top-level comment is copied.

use super::{Forest, Node, Shared};
use crate::model::Comment;
use std::rc::Rc;

impl Forest {
    /// The comment with this id, if it is in the forest.
    #[cfg(feature = "custom")]
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
}
