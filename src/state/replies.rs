//! "N more replies" (Threadline's capped subtrees, a custom mapping's continuation stubs):
//! fetching the replies a listing did not carry, and inserting them under their parent. The parent's [`Continuation`] says where
//! the fetch stands, so the button under it renders from the tree alone.
//!
//! [`Continuation`]: crate::model::more::Continuation

use super::{Phase, ThreadState};
use crate::api::Page;
use crate::error::ClientError;
use crate::model::more::{Continuation, Fetch};
use std::rc::Rc;

/// One step of fetching the replies behind a comment's continuation.
#[derive(Debug, Clone, PartialEq)]
pub enum RepliesStep {
    /// The reader asked for them.
    Requested,
    /// They came: inserted under the parent, whose continuation is then done, or becomes
    /// the next one (Threadline's server sends a subtree a batch at a time).
    Loaded(Page, Option<Continuation>),
    /// The fetch failed; the button offers a retry.
    Failed(ClientError),
}

/// The thread after one step for the replies of `parent`.
pub fn step(s: &mut ThreadState, parent: Rc<str>, step: RepliesStep) {
    if s.phase != Phase::Ready {
        return;
    }
    let Some(mut comment) = s.forest.get(&parent).map(|c| (*c).clone()) else { return };
    let Some(more) = comment.more.as_mut() else { return };
    match step {
        RepliesStep::Requested => more.fetch = Fetch::Loading,
        RepliesStep::Failed(e) => more.fetch = Fetch::Failed(e),
        RepliesStep::Loaded(page, next) => {
            comment.more = next;
            // In answer order: a reply's parent comes before it, so each finds its place.
            for c in page.comments {
                s.forest.insert(c);
            }
            // A backend's total already counts them; a count made here grows with them.
            s.total = s.total.max(s.forest.len() as u64);
        }
    }
    s.forest.replace(comment);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Capabilities;
    use crate::model::Comment;
    use crate::state::{reduce, Action, Ticket};

    fn c(id: &str, parent: Option<&str>) -> Comment {
        Comment { id: id.into(), parent: parent.map(Into::into), created_ms: Some(1), ..Default::default() }
    }

    fn loaded() -> ThreadState {
        let mut k2 = c("k2", Some("k1"));
        k2.more = Some(Continuation { parent: "k2".into(), count: 2, ..Default::default() });
        let page = Page { comments: vec![c("k1", None), k2], ..Default::default() };
        let s = reduce(ThreadState::default(), Action::Reload(Ticket(1)));
        reduce(s, Action::Loaded(Ticket(1), page, Capabilities::BASE))
    }

    fn fetch_of(s: &ThreadState, id: &str) -> Option<Fetch> {
        s.forest.get(id).and_then(|c| c.more.clone()).map(|m| m.fetch)
    }

    #[test]
    fn more_replies_load_in_place() {
        let s = loaded();
        assert_eq!((s.total, fetch_of(&s, "k2")), (2, Some(Fetch::Idle)));
        let s = reduce(s, Action::Replies(Ticket(1), "k2".into(), RepliesStep::Requested));
        assert_eq!(fetch_of(&s, "k2"), Some(Fetch::Loading));
        let failed = ClientError::Network("down".into());
        let s = reduce(s, Action::Replies(Ticket(1), "k2".into(), RepliesStep::Failed(failed.clone())));
        assert_eq!(fetch_of(&s, "k2"), Some(Fetch::Failed(failed)), "the button offers a retry");
        let page = Page { comments: vec![c("k10", Some("k2")), c("k11", Some("k10"))], ..Default::default() };
        let s = reduce(s, Action::Replies(Ticket(1), "k2".into(), RepliesStep::Loaded(page, None)));
        assert_eq!(fetch_of(&s, "k2"), None, "done: no button any more");
        let k2 = &s.forest.roots[0].replies[0];
        assert_eq!(&*k2.replies[0].comment.id, "k10");
        assert_eq!(&*k2.replies[0].replies[0].comment.id, "k11", "a reply to a fetched reply nests under it");
        assert_eq!(s.total, 4, "counted here: the count grows with them");
    }

    #[test]
    fn a_batch_that_leaves_some_out_hands_on_the_next_cursor() {
        let s = loaded();
        let page = Page { comments: vec![c("k10", Some("k2"))], ..Default::default() };
        let next =
            Continuation { parent: "k2".into(), count: 1, cursor: Some("c2".into()), ..Default::default() };
        let s = reduce(s, Action::Replies(Ticket(1), "k2".into(), RepliesStep::Loaded(page, Some(next))));
        let more = s.forest.get("k2").and_then(|c| c.more.clone()).expect("one reply is left");
        assert_eq!((more.count, more.cursor.as_deref(), more.fetch), (1, Some("c2"), Fetch::Idle));
        assert!(s.forest.contains("k10"));
    }

    #[test]
    fn answers_of_an_old_load_are_dropped() {
        let s = loaded();
        let page = Page { comments: vec![c("k10", Some("k2"))], ..Default::default() };
        let s = reduce(s, Action::Replies(Ticket(0), "k2".into(), RepliesStep::Loaded(page, None)));
        assert_eq!((s.forest.contains("k10"), fetch_of(&s, "k2")), (false, Some(Fetch::Idle)));
        let s = reduce(s, Action::Replies(Ticket(1), "nobody".into(), RepliesStep::Requested));
        assert_eq!(s.forest.len(), 2);
    }
}
