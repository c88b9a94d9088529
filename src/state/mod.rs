//! The thread's state machine: an [`Action`] enum and pure transition functions, wired to Yew's
//! `use_reducer` through [`Reducible`]. No DOM code, so every transition is natively tested.

pub mod draft;
pub mod form;

use crate::api::Page;
use crate::error::ClientError;
use crate::model::tree::Forest;
use crate::model::Comment;
use std::rc::Rc;
use yew::Reducible;

/// Where the first load stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phase {
    /// Waiting for the first page: show a skeleton.
    #[default]
    Loading,
    /// The thread is shown.
    Ready,
    /// The first page failed: show the message and a Retry button.
    Failed(ClientError),
}

/// Where loading the next page stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum More {
    /// Nothing in flight.
    #[default]
    Idle,
    /// A next page is loading.
    Loading,
    /// The next page failed; the button offers a retry.
    Failed(ClientError),
}

/// Everything the thread view renders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThreadState {
    /// First-load phase.
    pub phase: Phase,
    /// The comments, as trees.
    pub forest: Forest,
    /// Total comments in the thread, as the backend last reported (or as counted here).
    pub total: u64,
    /// Cursor of the next page, if any.
    pub next_cursor: Option<String>,
    /// Next-page loading state.
    pub more: More,
}

/// Everything that can happen to a thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A (re)load of the first page starts.
    Reload,
    /// The first page arrived.
    Loaded(Page),
    /// The first page failed.
    LoadFailed(ClientError),
    /// Loading the next page starts.
    MoreRequested,
    /// The next page arrived.
    MoreLoaded(Page),
    /// The next page failed.
    MoreFailed(ClientError),
    /// The reader's comment was stored by the backend.
    Posted(Comment),
}

impl Reducible for ThreadState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(reduce((*self).clone(), action))
    }
}

/// The transition function behind [`Reducible::reduce`].
pub fn reduce(mut s: ThreadState, action: Action) -> ThreadState {
    match action {
        Action::Reload => {
            s.phase = Phase::Loading;
        }
        Action::Loaded(page) => {
            s.forest = Forest::build(page.comments);
            s.total = page.total.unwrap_or(s.forest.len() as u64);
            s.next_cursor = page.next_cursor;
            s.phase = Phase::Ready;
            s.more = More::Idle;
        }
        Action::LoadFailed(e) => s.phase = Phase::Failed(e),
        Action::MoreRequested => s.more = More::Loading,
        Action::MoreLoaded(page) => {
            let before = s.forest.len();
            s.forest.append(page.comments);
            s.total = page.total.unwrap_or(s.total + (s.forest.len() - before) as u64);
            s.next_cursor = page.next_cursor;
            s.more = More::Idle;
        }
        Action::MoreFailed(e) => s.more = More::Failed(e),
        Action::Posted(mut comment) => {
            if !s.forest.contains(&comment.id) {
                comment.fresh = true;
                s.forest.insert(comment);
                s.total += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(Into::into),
            author: "A".into(),
            website: None,
            text: "t".into(),
            created_ms: Some(1),
            ..Default::default()
        }
    }

    fn page(ids: &[(&str, Option<&str>)], next: Option<&str>, total: u64) -> Page {
        Page {
            comments: ids.iter().map(|(i, p)| comment(i, *p)).collect(),
            next_cursor: next.map(Into::into),
            total: Some(total),
        }
    }

    #[test]
    fn load_page_more_and_post() {
        let s = reduce(
            ThreadState::default(),
            Action::Loaded(page(&[("1", None), ("2", Some("1"))], Some("c"), 3)),
        );
        assert_eq!((s.phase.clone(), s.forest.len(), s.total), (Phase::Ready, 2, 3));
        let s = reduce(s, Action::MoreRequested);
        assert_eq!(s.more, More::Loading);
        let s = reduce(s, Action::MoreLoaded(page(&[("3", None)], None, 3)));
        assert_eq!((s.forest.roots.len(), s.next_cursor.clone(), s.more.clone()), (2, None, More::Idle));
        let s = reduce(s, Action::Posted(comment("4", Some("3"))));
        assert_eq!(s.total, 4);
        assert!(s.forest.roots[1].replies[0].comment.fresh, "the reader's own comment takes focus");
        let again = reduce(s.clone(), Action::Posted(comment("4", Some("3"))));
        assert_eq!(again.total, 4, "a duplicate answer is not counted twice");
    }

    #[test]
    fn failure_then_retry() {
        let s = reduce(ThreadState::default(), Action::LoadFailed(ClientError::Network("down".into())));
        assert!(matches!(s.phase, Phase::Failed(_)));
        let s = reduce(s, Action::Reload);
        assert_eq!(s.phase, Phase::Loading);
        let s = reduce(s, Action::Loaded(Page::default()));
        assert_eq!((s.phase, s.total), (Phase::Ready, 0));
    }
}
