//! Moderator mode's pure state: the stored session's key and shape, the sign-in link's token,
//! and the Queue view's reducer. (A moderated comment takes its place in the thread through
//! the thread's own reducer, as any changed comment does.)

use super::Phase;
use crate::error::ClientError;
use std::rc::Rc;
use threadline_protocol::moderation::{Queue, QueueItem};
use threadline_protocol::CommentId;
use yew::Reducible;

/// The page URL's hash that carries a one-time sign-in token: `#threadline-signin=<token>`.
pub const SIGNIN_HASH: &str = "#threadline-signin=";

/// Storage key of the moderator's session for the API at `api` (its base URL, no trailing
/// slash). The loader reads the same key to choose the moderator bundle.
pub fn session_key(api: &str) -> String {
    format!("threadline:moderator:{api}")
}

/// The one-time token in a sign-in link's hash, if this hash is one.
pub fn signin_token(hash: &str) -> Option<&str> {
    hash.strip_prefix(SIGNIN_HASH).map(str::trim).filter(|t| !t.is_empty())
}

/// What is kept in `localStorage` for a signed-in moderator.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredSession {
    /// The session token (`Authorization: Bearer …`).
    pub session: String,
    /// The moderator's name, shown in the moderator bar.
    pub name: String,
}

/// Where the Queue view stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueState {
    /// Loading, shown, or failed (with a retry).
    pub phase: Phase,
    /// The entries still waiting, newest first.
    pub items: Vec<QueueItem>,
    /// The entry a moderator's action is in flight for.
    pub busy: Option<CommentId>,
    /// The last action that failed: on which entry, and why.
    pub failed: Option<(CommentId, ClientError)>,
    /// Where the next page starts, when there is one.
    pub next_cursor: Option<String>,
    /// The next page is loading.
    pub loading_more: bool,
    /// The next page failed (the button says so, and retries).
    pub more_failed: Option<ClientError>,
}

impl QueueState {
    /// The cursor for "Load more": when shown, with a next page, and not already loading it.
    pub fn more_cursor(&self) -> Option<&str> {
        (self.phase == Phase::Ready && !self.loading_more).then_some(self.next_cursor.as_deref()).flatten()
    }
}

/// Everything that happens to the Queue view.
#[derive(Debug, Clone, PartialEq)]
pub enum QueueAction {
    /// The queue is (re)loading.
    Reload,
    /// The queue arrived.
    Loaded(Queue),
    /// The queue could not be loaded.
    LoadFailed(ClientError),
    /// A moderator acts on an entry.
    Acting(CommentId),
    /// The action succeeded: the entry leaves the queue.
    Acted(CommentId),
    /// The action failed; the entry stays, with the reason.
    ActFailed(CommentId, ClientError),
    /// The next page is requested.
    LoadMore,
    /// The next page arrived: its entries go after those shown.
    MoreLoaded(Queue),
    /// The next page could not be loaded.
    MoreFailed(ClientError),
}

impl Reducible for QueueState {
    type Action = QueueAction;

    fn reduce(self: Rc<Self>, action: QueueAction) -> Rc<Self> {
        Rc::new(reduce_queue((*self).clone(), action))
    }
}

/// The transition function of the Queue view.
pub fn reduce_queue(mut s: QueueState, action: QueueAction) -> QueueState {
    match action {
        QueueAction::Reload => {
            s.phase = Phase::Loading;
            (s.loading_more, s.more_failed) = (false, None);
        }
        QueueAction::Loaded(queue) => {
            s.items = queue.items;
            s.next_cursor = queue.next_cursor;
            s.phase = Phase::Ready;
        }
        QueueAction::LoadMore => (s.loading_more, s.more_failed) = (true, None),
        // A page for a queue reloaded since is dropped.
        QueueAction::MoreLoaded(_) | QueueAction::MoreFailed(_) if !s.loading_more => {}
        QueueAction::MoreLoaded(queue) => {
            // An entry acted on elsewhere may have moved across the page boundary: shown once.
            let fresh: Vec<QueueItem> = queue
                .items
                .into_iter()
                .filter(|item| !s.items.iter().any(|i| i.comment.id == item.comment.id))
                .collect();
            s.items.extend(fresh);
            (s.next_cursor, s.loading_more) = (queue.next_cursor, false);
        }
        QueueAction::MoreFailed(e) => (s.loading_more, s.more_failed) = (false, Some(e)),
        QueueAction::LoadFailed(e) => s.phase = Phase::Failed(e),
        QueueAction::Acting(id) => {
            s.busy = Some(id);
            s.failed = None;
        }
        QueueAction::Acted(id) => {
            s.items.retain(|item| item.comment.id != id);
            s.busy = s.busy.filter(|b| *b != id);
        }
        QueueAction::ActFailed(id, e) => {
            s.busy = s.busy.filter(|b| *b != id);
            s.failed = Some((id, e));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, Status};
    use crate::state::{reduce, Action, ThreadState, Ticket};

    fn item(id: CommentId) -> QueueItem {
        serde_json::from_value(serde_json::json!({
            "comment": {"id": id, "thread": "/t", "parent": null, "author": "A", "text": "t",
                        "created_at": "2026-01-01T00:00:00Z", "status": "pending"},
            "thread": "/t", "reason": "held for review", "reports": []
        }))
        .unwrap()
    }

    #[test]
    fn the_sign_in_hash_and_the_key() {
        assert_eq!(signin_token("#threadline-signin=abc"), Some("abc"));
        assert_eq!(signin_token("#threadline-signin="), None);
        assert_eq!(signin_token("#comment-4"), None);
        assert_ne!(session_key("https://a/api"), session_key("https://b/api"));
        assert_ne!(session_key("https://a/api"), crate::state::draft::author_key("https://a/api"));
    }

    #[test]
    fn an_entry_leaves_the_queue_once_acted_on() {
        let s = reduce_queue(QueueState::default(), QueueAction::Reload);
        let s =
            reduce_queue(s, QueueAction::Loaded(Queue { items: vec![item(1), item(2)], next_cursor: None }));
        assert_eq!((s.phase.clone(), s.items.len()), (Phase::Ready, 2));
        let s = reduce_queue(s, QueueAction::Acting(1));
        let s = reduce_queue(s, QueueAction::ActFailed(1, ClientError::Status(500)));
        assert_eq!((s.busy, s.items.len(), s.failed.as_ref().map(|f| f.0)), (None, 2, Some(1)));
        let s = reduce_queue(s, QueueAction::Acting(2));
        assert_eq!(s.failed, None);
        let s = reduce_queue(s, QueueAction::Acted(2));
        assert_eq!((s.busy, s.items.iter().map(|i| i.comment.id).collect::<Vec<_>>()), (None, vec![1]));
    }

    #[test]
    fn load_more_follows_the_cursor_and_appends_once() {
        let page = |ids: &[CommentId], next: Option<&str>| Queue {
            items: ids.iter().map(|i| item(*i)).collect(),
            next_cursor: next.map(String::from),
        };
        let s = reduce_queue(QueueState::default(), QueueAction::Reload);
        assert_eq!(s.more_cursor(), None, "nothing while loading");
        let s = reduce_queue(s, QueueAction::Loaded(page(&[9, 8], Some("c1"))));
        assert_eq!(s.more_cursor(), Some("c1"));
        let s = reduce_queue(s, QueueAction::LoadMore);
        assert_eq!(s.more_cursor(), None, "not twice at once");
        let s = reduce_queue(s, QueueAction::MoreFailed(ClientError::Status(502)));
        assert_eq!((s.more_cursor(), s.more_failed.is_some()), (Some("c1"), true));
        let s = reduce_queue(s, QueueAction::LoadMore);
        assert_eq!(s.more_failed, None);
        let s = reduce_queue(s, QueueAction::MoreLoaded(page(&[8, 7], None)));
        let ids: Vec<CommentId> = s.items.iter().map(|i| i.comment.id).collect();
        assert_eq!((ids, s.more_cursor()), (vec![9, 8, 7], None));
        let s = reduce_queue(s, QueueAction::Reload);
        let s = reduce_queue(s, QueueAction::MoreLoaded(page(&[1], None)));
        assert_eq!(s.items.len(), 3, "a late page after a reload is dropped");
    }

    #[test]
    fn a_moderated_comment_changes_in_place_and_in_the_count() {
        let held = Comment { id: "1".into(), status: Status::Pending, ..Default::default() };
        let other = Comment { id: "2".into(), ..Default::default() };
        let page = crate::api::Page { comments: vec![held, other], total: Some(1), ..Default::default() };
        let s = reduce(ThreadState::default(), Action::Reload(Ticket(1)));
        let s = reduce(s, Action::Loaded(Ticket(1), page, crate::api::Capabilities::BASE));
        let approved = Comment { id: "1".into(), ..Default::default() };
        let s = reduce(s, Action::Moderated(Ticket(1), approved.clone()));
        assert_eq!((s.total, s.forest.roots[0].comment.status), (2, Status::Published));
        let late = Comment { status: Status::Removed, ..approved };
        let s = reduce(s, Action::Moderated(Ticket(9), late.clone()));
        assert_eq!(s.total, 2, "an answer for another load is dropped");
        let s = reduce(s, Action::Moderated(Ticket(1), late));
        assert_eq!((s.total, s.forest.roots[0].comment.status), (1, Status::Removed));
    }
}
