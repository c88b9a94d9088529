//! Building the reply tree from a flat list, and growing it as comments arrive.
//!
//! Backends send comments flat, each naming its parent. [`Forest::build`] turns that into
//! nested [`Node`]s in linear time and survives anything: duplicate ids, parents that do not
//! exist (the comment goes to the top level), and cycles (broken at the first comment met).
//! Every walk is iterative, so nesting depth cannot overflow the stack.
//!
//! The tree is persistent: [`Forest::insert`] copies only the path from the new comment up to
//! its top-level ancestor and shares every other subtree, so the UI, which compares
//! [`Shared`] pointers, re-renders only what changed.

use super::Comment;
use std::collections::HashMap;
use std::rc::Rc;
use threadline_protocol::Sort;

/// An `Rc` compared by pointer, so that an unchanged subtree compares equal in O(1).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A comment with its replies, oldest first.
#[derive(Debug)]
pub struct Node {
    /// The comment itself.
    pub comment: Rc<Comment>,
    /// Direct replies.
    pub replies: Vec<Shared<Node>>,
    /// Number of replies at every depth below this comment.
    pub descendants: usize,
}

impl Drop for Node {
    /// Drops a subtree iteratively: the default recursive drop would overflow the stack on a
    /// thread nested thousands deep.
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.replies);
        while let Some(Shared(rc)) = stack.pop() {
            if let Ok(mut node) = Rc::try_unwrap(rc) {
                stack.append(&mut node.replies);
            }
        }
    }
}

/// Where each comment sits: id → parent id, `None` at the top level.
type Placement = HashMap<Rc<str>, Option<Rc<str>>>;

/// All comments of a thread, as trees under their top-level comments.
#[derive(Debug, Default, Clone)]
pub struct Forest {
    /// Top-level comments, oldest first.
    pub roots: Vec<Shared<Node>>,
    /// Where each known comment was placed: id → parent id (`None` at the top level).
    placed: Placement,
    /// The order the backend sent the top-level comments in, when it sorted them (Threadline's
    /// own server, in the reader's chosen order): they are kept as sent. `None`: by time.
    order: Option<Sort>,
}

impl PartialEq for Forest {
    /// Two forests are equal when they share the same top-level subtrees (pointer equality):
    /// the placement index is derived from them.
    fn eq(&self, other: &Self) -> bool {
        self.roots == other.roots
    }
}

impl Forest {
    /// Builds the forest from a flat list in O(n log n) (the sort of siblings; the rest is linear).
    pub fn build(comments: Vec<Comment>) -> Self {
        Forest::build_sorted(comments, None)
    }

    /// Like [`Forest::build`], but with top-level comments that the backend sent in `order`
    /// (when it is `Some`): they keep that order, here and in every later page, and a comment
    /// the reader posts goes first in the orders that put new comments first.
    pub fn build_sorted(comments: Vec<Comment>, order: Option<Sort>) -> Self {
        let mut forest = Forest { order, ..Forest::default() };
        forest.append(comments);
        forest
    }

    /// Number of comments in the forest.
    pub fn len(&self) -> usize {
        self.placed.len()
    }

    /// True when the thread has no comments.
    pub fn is_empty(&self) -> bool {
        self.placed.is_empty()
    }

    /// True when a comment with this id is in the forest.
    pub fn contains(&self, id: &str) -> bool {
        self.placed.contains_key(id)
    }

    /// Adds a batch (for example the next page). Comments answering a comment already in the
    /// forest are inserted under it; the rest are built as new trees and appended.
    pub fn append(&mut self, comments: Vec<Comment>) {
        let (late, batch): (Vec<_>, Vec<_>) = comments.into_iter().partition(|c| {
            c.parent.as_ref().is_some_and(|p| self.placed.contains_key(p)) && !self.placed.contains_key(&c.id)
        });
        let batch: Vec<Comment> = batch.into_iter().filter(|c| !self.placed.contains_key(&c.id)).collect();
        let (roots, placed) = build_trees(batch, self.order.is_some());
        self.roots.extend(roots);
        self.placed.extend(placed);
        for c in late {
            self.insert(c);
        }
    }

    /// Inserts one comment as the newest reply to its parent (or the newest top-level comment
    /// if the parent is unknown). A comment whose id is already present is ignored.
    pub fn insert(&mut self, comment: Comment) {
        if self.placed.contains_key(&comment.id) {
            return;
        }
        let parent = comment.parent.clone().filter(|p| self.placed.contains_key(p));
        let id = Rc::clone(&comment.id);
        let leaf = Shared(Rc::new(Node { comment: Rc::new(comment), replies: Vec::new(), descendants: 0 }));
        self.placed.insert(id, parent.clone());
        let Some(parent) = parent else {
            // Newest first puts a new comment on top; so does top, where it starts with no
            // votes but its author expects to see it where they wrote it (the form is on top).
            match self.order {
                Some(Sort::Newest | Sort::Top) => self.roots.insert(0, leaf),
                _ => self.roots.push(leaf),
            }
            return;
        };
        // Ancestors from the parent up to its top-level comment; bounded by the forest size.
        let mut chain = vec![Rc::clone(&parent)];
        while let Some(Some(up)) = self.placed.get(chain.last().unwrap_or(&parent)) {
            if chain.len() > self.placed.len() {
                break;
            }
            chain.push(Rc::clone(up));
        }
        chain.reverse();
        // Find the existing nodes top-down, then rebuild them bottom-up with the new leaf.
        let mut path: Vec<Shared<Node>> = Vec::with_capacity(chain.len());
        for id in &chain {
            let level = path.last().map_or(&self.roots, |n| &n.0.replies);
            let Some(node) = level.iter().find(|n| n.comment.id == *id).cloned() else {
                // The index and the tree disagree; never lose the comment over it.
                self.placed.insert(Rc::clone(&leaf.comment.id), None);
                self.roots.push(leaf);
                return;
            };
            path.push(node);
        }
        let mut replacement = leaf;
        let mut added_child = true;
        for old in path.iter().rev() {
            let mut replies = old.replies.clone();
            if added_child {
                replies.push(replacement.clone());
                added_child = false;
            } else if let Some(slot) = replies.iter_mut().find(|r| r.comment.id == replacement.comment.id) {
                *slot = replacement.clone();
            }
            replacement = Shared(Rc::new(Node {
                comment: Rc::clone(&old.comment),
                replies,
                descendants: old.descendants + 1,
            }));
        }
        if let Some(slot) = self.roots.iter_mut().find(|r| r.comment.id == replacement.comment.id) {
            *slot = replacement;
        }
    }
}

/// Builds trees from a batch with no comment already placed. Returns the roots and the
/// placement of every comment.
/// `keep_order`: the top-level comments stay in the order given instead of by time.
fn build_trees(comments: Vec<Comment>, keep_order: bool) -> (Vec<Shared<Node>>, Placement) {
    let mut index: HashMap<Rc<str>, usize> = HashMap::with_capacity(comments.len());
    let mut kept: Vec<Comment> = Vec::with_capacity(comments.len());
    for c in comments {
        if !index.contains_key(&c.id) {
            index.insert(Rc::clone(&c.id), kept.len());
            kept.push(c);
        }
    }
    let n = kept.len();
    let mut parent: Vec<Option<usize>> = kept
        .iter()
        .enumerate()
        .map(|(i, c)| c.parent.as_ref().and_then(|p| index.get(p).copied()).filter(|p| *p != i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    // Comments on a parent cycle are unreachable from any root: lift the first one met to the
    // top level, which breaks its cycle, and repeat until everything is reachable.
    let mut reachable = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|i| parent[*i].is_none()).collect();
    mark(&mut stack, &children, &mut reachable);
    for i in 0..n {
        if !reachable[i] {
            if let Some(p) = parent[i].take() {
                children[p].retain(|c| *c != i);
            }
            stack.push(i);
            mark(&mut stack, &children, &mut reachable);
        }
    }
    // Equal times are common (backends that store whole seconds): numeric ids then break the
    // tie in creation order, and input order breaks the rest.
    let numeric: Vec<i64> = kept.iter().map(|c| c.id.parse().unwrap_or(i64::MAX)).collect();
    #[cfg(not(feature = "custom"))]
    let key = |i: &usize| (kept[*i].created_ms.unwrap_or(i64::MIN), numeric[*i], *i);
    // A custom mapping may keep the answer's order (by votes, say): the batch index alone.
    #[cfg(feature = "custom")]
    let key = |i: &usize| match kept[*i].extra.server_order {
        true => (i64::MIN, i64::MIN, *i),
        false => (kept[*i].created_ms.unwrap_or(i64::MIN), numeric[*i], *i),
    };
    for list in &mut children {
        list.sort_by_key(key);
    }
    let mut roots: Vec<usize> = (0..n).filter(|i| parent[*i].is_none()).collect();
    if !keep_order {
        roots.sort_by_key(key);
    }
    // A moderator pins a conversation so that readers meet it first. Pinned ones are moved to
    // the front in their order, rather than sorted by a second key: a second sort would be one
    // more copy of the sort in the wasm.
    let pinned = |i: &&usize| kept[**i].pinned;
    let roots: Vec<usize> =
        roots.iter().filter(pinned).chain(roots.iter().filter(|i| !pinned(i))).copied().collect();

    let placed = kept
        .iter()
        .enumerate()
        .map(|(i, c)| (Rc::clone(&c.id), parent[i].map(|p| Rc::clone(&kept[p].id))))
        .collect();
    // Post-order without recursion: a node is built once all its children are.
    let mut built: Vec<Option<Shared<Node>>> = vec![None; n];
    let mut comments: Vec<Option<Comment>> = kept.into_iter().map(Some).collect();
    let mut work: Vec<(usize, bool)> = roots.iter().rev().map(|r| (*r, false)).collect();
    while let Some((i, expanded)) = work.pop() {
        if expanded {
            let replies: Vec<Shared<Node>> = children[i].iter().filter_map(|c| built[*c].take()).collect();
            let descendants = replies.iter().map(|r| r.descendants + 1).sum();
            let Some(comment) = comments[i].take().map(Rc::new) else { continue };
            built[i] = Some(Shared(Rc::new(Node { comment, replies, descendants })));
        } else {
            work.push((i, true));
            work.extend(children[i].iter().rev().map(|c| (*c, false)));
        }
    }
    (roots.iter().filter_map(|r| built[*r].take()).collect(), placed)
}

fn mark(stack: &mut Vec<usize>, children: &[Vec<usize>], reachable: &mut [bool]) {
    while let Some(i) = stack.pop() {
        if !reachable[i] {
            reachable[i] = true;
            stack.extend(children[i].iter().copied());
        }
    }
}

/// A reply listed flat past the indentation cap.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatReply {
    /// The reply and its own subtree.
    pub node: Shared<Node>,
    /// The author it answers, shown as "in reply to".
    pub answers: String,
    /// Its depth below the capped comment (1 for a direct reply).
    pub depth: usize,
}

/// Replies past this many levels start collapsed (a top-level comment is level 1).
pub const OPEN_LEVELS: usize = 3;

/// A subtree with more replies than this starts collapsed.
pub const OPEN_REPLIES: usize = 5;

/// Whether the replies under `node`, a comment at `depth` (0 at the top level), start
/// collapsed behind "N replies": those past the third level, and more than five (counting
/// `more`, the replies the page left out), so that a long side conversation does not push the
/// rest of the thread down. Never the subtree that holds `linked`, the comment a permalink
/// names: the reader came to see it.
pub fn starts_collapsed(node: &Node, depth: usize, more: u64, linked: Option<&str>) -> bool {
    let busy = node.descendants as u64 + more > OPEN_REPLIES as u64;
    (depth + 2 > OPEN_LEVELS || busy) && !linked.is_some_and(|id| holds(node, id))
}

/// True when `id` is among the replies under `node`, at any depth (walked without recursion:
/// threads can nest thousands deep).
fn holds(node: &Node, id: &str) -> bool {
    let mut stack: Vec<&Node> = vec![node];
    while let Some(n) = stack.pop() {
        for r in &n.replies {
            if *r.comment.id == *id {
                return true;
            }
            stack.push(r);
        }
    }
    false
}

/// Every descendant of `node` in reading order (pre-order), each with the author it answers.
/// Used past the indentation cap, where replies are shown as one flat list.
pub fn flatten_descendants(node: &Shared<Node>) -> Vec<FlatReply> {
    let mut out = Vec::with_capacity(node.descendants);
    fn children(n: &Shared<Node>, depth: usize) -> impl Iterator<Item = FlatReply> + '_ {
        n.replies.iter().rev().map(move |r| FlatReply {
            node: r.clone(),
            answers: n.comment.author.clone(),
            depth,
        })
    }
    let mut stack: Vec<FlatReply> = children(node, 1).collect();
    while let Some(flat) = stack.pop() {
        stack.extend(children(&flat.node, flat.depth + 1));
        out.push(flat);
    }
    out
}

mod replace;
#[cfg(test)]
mod tests;
