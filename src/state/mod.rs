//! The thread's state machine: an [`Action`] enum and pure transition functions, wired to Yew's
//! `use_reducer` through [`Reducible`]. No DOM code, so every transition is natively tested.
//!
//! Every request the effects layer (`crate::effects`) starts carries a [`Ticket`], and every
//! answer brings its ticket back. An answer whose ticket is no longer the current one (the
//! thread was reloaded, or its props changed, while it was in flight) is dropped here, so a late
//! answer can never overwrite newer state.

#[cfg(feature = "moderator")]
pub mod desk;
pub mod draft;
pub mod form;
#[cfg(feature = "native")]
pub mod live;
pub mod mine;
#[cfg(feature = "moderator")]
pub mod moderation;
#[cfg(feature = "native")]
pub mod outbox;
#[cfg(any(feature = "native", feature = "custom"))]
pub mod replies;
pub mod report;

use crate::api::{Capabilities, Page};
use crate::error::ClientError;
use crate::k;
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

/// Names one request, so that its answer can be matched to the state that asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ticket(pub u64);

/// Everything the thread view renders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThreadState {
    /// The ticket of the first-page load the view is showing or waiting for.
    pub load: Ticket,
    /// The ticket of the next-page request in flight, if any.
    pub more_ticket: Option<Ticket>,
    /// What the backend can do, as it said once the first page came (a mapping given by URL
    /// is known only then); `None` until then.
    pub caps: Option<Capabilities>,
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
    /// Comments from others that arrived live and wait for the reader to show them.
    #[cfg(feature = "native")]
    pub incoming: Vec<Comment>,
    /// What the thread's live region last said to screen readers.
    pub announce: Announcement,
}

/// A message for screen readers (the thread's polite live region): posted, held, approved,
/// new comments, a moderator's action done. `seq` counts them, so that the same words said
/// twice are heard twice.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Announcement {
    /// How many announcements came before and with this one.
    pub seq: u32,
    /// The message; `None` before anything was said.
    pub key: Option<crate::i18n::Key>,
    /// The count, for a plural message (0 otherwise).
    pub n: u64,
}

impl ThreadState {
    /// Says `key` (with the count `n` for a plural message) in the live region.
    pub fn say(&mut self, key: crate::i18n::Key, n: u64) {
        self.announce = Announcement { seq: self.announce.seq.wrapping_add(1), key: Some(key), n };
    }
}

/// Everything that can happen to a thread.
// An action is built once and moved straight into the reducer; boxing the comment of
// `Posted` would add an allocation per post and buy nothing. (The lint fires only in the
// `custom`-only build that the server's `mapping check` compiles, where `Comment` carries
// the mapping's extra fields.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A (re)load of the first page starts; earlier requests' answers no longer count.
    Reload(Ticket),
    /// The first page arrived, with what the backend can do.
    Loaded(Ticket, Page, Capabilities),
    /// The first page failed.
    LoadFailed(Ticket, ClientError),
    /// Loading the next page starts.
    MoreRequested(Ticket),
    /// The next page arrived.
    MoreLoaded(Ticket, Page),
    /// The next page failed.
    MoreFailed(Ticket, ClientError),
    /// The reader's comment was stored by the backend; the ticket is the load it was posted
    /// under, so a comment posted to a thread the widget has since left is not shown here.
    Posted(Ticket, Comment),
    /// A comment of the load with this ticket changed (its author edited or deleted it, or a
    /// vote moved its counts): the comment as it is now.
    Changed(Ticket, Comment),
    /// A moderator acted on a comment of the load with this ticket: the comment as it is now.
    #[cfg(feature = "moderator")]
    Moderated(Ticket, Comment),
    /// A step in fetching the replies behind comment's continuation ("N more replies"), under
    /// the load with this ticket.
    #[cfg(any(feature = "native", feature = "custom"))]
    Replies(Ticket, Rc<str>, replies::RepliesStep),
    /// An event of the live stream of the load with this ticket.
    #[cfg(feature = "native")]
    Live(Ticket, live::LiveEvent),
    /// The reader asked to see the comments that arrived live.
    #[cfg(feature = "native")]
    ShowIncoming,
    /// Something to tell screen readers (a message key), e.g. a moderator's action done.
    Announce(crate::i18n::Key),
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
        Action::Reload(ticket) => {
            s.load = ticket;
            s.more_ticket = None;
            s.more = More::Idle;
            s.phase = Phase::Loading;
            #[cfg(feature = "native")]
            s.incoming.clear();
        }
        Action::Loaded(ticket, page, caps) if ticket == s.load => {
            s.forest = Forest::build_sorted(page.comments, page.order);
            s.total = page.total.unwrap_or(s.forest.len() as u64);
            s.next_cursor = page.next_cursor;
            s.caps = Some(caps);
            s.phase = Phase::Ready;
            s.more = More::Idle;
        }
        Action::LoadFailed(ticket, e) if ticket == s.load => s.phase = Phase::Failed(e),
        Action::MoreRequested(ticket) => {
            s.more_ticket = Some(ticket);
            s.more = More::Loading;
        }
        Action::MoreLoaded(ticket, page) if s.more_ticket == Some(ticket) => {
            let before = s.forest.len();
            s.forest.append(page.comments);
            s.total = page.total.unwrap_or(s.total + (s.forest.len() - before) as u64);
            s.next_cursor = page.next_cursor;
            s.more_ticket = None;
            s.more = More::Idle;
        }
        Action::MoreFailed(ticket, e) if s.more_ticket == Some(ticket) => {
            s.more_ticket = None;
            s.more = More::Failed(e);
        }
        Action::Posted(ticket, mut comment) if ticket == s.load && s.phase == Phase::Ready => {
            // The stream may have brought the reader's own comment before the post's answer.
            #[cfg(feature = "native")]
            s.incoming.retain(|c| c.id != comment.id);
            if !s.forest.contains(&comment.id) {
                // A held comment is not public yet: the count stays what everyone else sees.
                let held = comment.status == crate::model::Status::Pending;
                s.total += u64::from(!held);
                if held {
                    s.say(k!("held_for_review"), 0);
                } else {
                    s.say(k!("posted"), 0);
                }
                comment.fresh = true;
                s.forest.insert(comment);
            }
        }
        Action::Changed(ticket, comment) if ticket == s.load => drop(changed(&mut s, comment)),
        Action::Announce(key) => s.say(key, 0),
        #[cfg(feature = "native")]
        Action::Live(ticket, event) if ticket == s.load => live::apply(&mut s, event),
        #[cfg(feature = "native")]
        Action::Live(..) => {}
        #[cfg(feature = "native")]
        Action::ShowIncoming => live::show_incoming(&mut s),
        #[cfg(feature = "moderator")]
        Action::Moderated(ticket, comment) if ticket == s.load => drop(changed(&mut s, comment)),
        // An answer to a request that is no longer current: the state it would change is gone.
        #[cfg(feature = "moderator")]
        Action::Moderated(..) => {}
        #[cfg(any(feature = "native", feature = "custom"))]
        Action::Replies(ticket, parent, step) if ticket == s.load => replies::step(&mut s, parent, step),
        #[cfg(any(feature = "native", feature = "custom"))]
        Action::Replies(..) => {}
        Action::Loaded(..)
        | Action::LoadFailed(..)
        | Action::MoreLoaded(..)
        | Action::MoreFailed(..)
        | Action::Posted(..)
        | Action::Changed(..) => {}
    }
    s
}

/// Puts `comment` in the place of the one with its id, keeping its replies; the count follows
/// whether readers see it now and saw it before. Answers the comment it replaced.
fn changed(s: &mut ThreadState, comment: Comment) -> Option<Rc<Comment>> {
    if s.phase != Phase::Ready {
        return None;
    }
    let now = comment.status == crate::model::Status::Published;
    let old = s.forest.replace(comment)?;
    match (old.status == crate::model::Status::Published, now) {
        (false, true) => s.total += 1,
        (true, false) => s.total = s.total.saturating_sub(1),
        _ => {}
    }
    Some(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T1: Ticket = Ticket(1);
    const T2: Ticket = Ticket(2);
    const T3: Ticket = Ticket(3);

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
            features: None,
            order: None,
        }
    }

    fn caps() -> Capabilities {
        Capabilities::BASE
    }

    fn ids(s: &ThreadState) -> Vec<String> {
        s.forest.roots.iter().map(|r| r.comment.id.to_string()).collect()
    }

    #[test]
    fn a_changed_comment_takes_its_place_for_its_own_load_only() {
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        let s = reduce(s, Action::Loaded(T1, page(&[("1", None), ("2", Some("1"))], None, 2), caps()));
        let edited = Comment { text: "new".into(), edited: true, upvotes: 2, ..comment("1", None) };
        let late = reduce(s.clone(), Action::Changed(T2, edited.clone()));
        assert_eq!(late.forest.roots[0].comment.text, "t", "an answer for another load is dropped");
        let s = reduce(s, Action::Changed(T1, edited));
        let root = &s.forest.roots[0];
        assert_eq!((root.comment.text.as_str(), root.comment.upvotes, root.replies.len()), ("new", 2, 1));
        let deleted = Comment { status: crate::model::Status::Deleted, ..comment("1", None) };
        let s = reduce(s, Action::Changed(T1, deleted));
        assert_eq!((s.total, s.forest.roots[0].replies.len()), (1, 1), "a deletion keeps the replies");
    }

    #[test]
    fn load_page_more_and_post() {
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        let s = reduce(s, Action::Loaded(T1, page(&[("1", None), ("2", Some("1"))], Some("c"), 3), caps()));
        assert_eq!((s.phase.clone(), s.forest.len(), s.total), (Phase::Ready, 2, 3));
        let s = reduce(s, Action::MoreRequested(T2));
        assert_eq!(s.more, More::Loading);
        let s = reduce(s, Action::MoreLoaded(T2, page(&[("3", None)], None, 3)));
        assert_eq!((s.forest.roots.len(), s.next_cursor.clone(), s.more.clone()), (2, None, More::Idle));
        let s = reduce(s, Action::Posted(T1, comment("4", Some("3"))));
        assert_eq!(s.total, 4);
        assert!(s.forest.roots[1].replies[0].comment.fresh, "the reader's own comment takes focus");
        assert_eq!(s.announce.key, Some(k!("posted")), "and screen readers hear that it is posted");
        let again = reduce(s.clone(), Action::Posted(T1, comment("4", Some("3"))));
        assert_eq!(again.total, 4, "a duplicate answer is not counted twice");
        let held = Comment { status: crate::model::Status::Pending, ..comment("5", None) };
        let s = reduce(s, Action::Posted(T1, held));
        assert_eq!((s.total, s.forest.contains("5")), (4, true), "a held comment is shown, not counted");
        let (before, s) = (s.announce.seq, reduce(s, Action::Announce(k!("mod.done_pinned"))));
        assert_eq!((s.announce.seq, s.announce.key), (before + 1, Some(k!("mod.done_pinned"))));
    }

    #[test]
    fn failure_then_retry() {
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        let s = reduce(s, Action::LoadFailed(T1, ClientError::Network("down".into())));
        assert!(matches!(s.phase, Phase::Failed(_)));
        let s = reduce(s, Action::Reload(T2));
        assert_eq!(s.phase, Phase::Loading);
        let s = reduce(s, Action::Loaded(T2, Page::default(), caps()));
        assert_eq!((s.phase, s.total), (Phase::Ready, 0));
    }

    #[test]
    fn a_late_first_page_does_not_overwrite_the_newer_thread() {
        // Props changed from thread A (request 1) to thread B (request 2); B answers first.
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        let s = reduce(s, Action::Reload(T2));
        let s = reduce(s, Action::Loaded(T2, page(&[("b1", None)], None, 1), caps()));
        let s = reduce(s, Action::Loaded(T1, page(&[("a1", None), ("a2", None)], Some("c"), 9), caps()));
        assert_eq!((ids(&s), s.total, s.next_cursor.clone()), (vec!["b1".to_string()], 1, None));
        let s = reduce(s, Action::LoadFailed(T1, ClientError::Network("late".into())));
        assert_eq!(s.phase, Phase::Ready, "a late failure of the old request is dropped too");
    }

    #[test]
    fn a_late_next_page_is_dropped_after_a_reload() {
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        let s = reduce(s, Action::Loaded(T1, page(&[("1", None)], Some("c"), 2), caps()));
        let s = reduce(s, Action::MoreRequested(T2));
        // The thread is reloaded (props change or Retry) while page 2 is in flight.
        let s = reduce(s, Action::Reload(T3));
        assert_eq!(s.more, More::Idle);
        let s = reduce(s, Action::MoreLoaded(T2, page(&[("old", None)], None, 2)));
        assert_eq!(s.phase, Phase::Loading, "the old next page does not show the thread");
        assert!(!s.forest.contains("old"));
        let s = reduce(s, Action::Loaded(T3, page(&[("1", None)], Some("c"), 2), caps()));
        let s = reduce(s, Action::MoreFailed(T2, ClientError::Network("late".into())));
        assert_eq!(s.more, More::Idle, "a late failure of the old next page is dropped");
        assert_eq!(ids(&s), vec!["1".to_string()]);
    }

    #[test]
    fn a_comment_posted_to_a_thread_left_behind_is_not_shown() {
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        let s = reduce(s, Action::Loaded(T1, page(&[("1", None)], None, 1), caps()));
        let s = reduce(s, Action::Reload(T2));
        let s = reduce(s, Action::Loaded(T2, page(&[("9", None)], None, 1), caps()));
        let s = reduce(s, Action::Posted(T1, comment("2", None)));
        assert_eq!((ids(&s), s.total), (vec!["9".to_string()], 1));
    }

    #[test]
    fn capabilities_come_with_the_first_page() {
        let read_only = Capabilities { posting: false, email_required: true, ..Capabilities::BASE };
        let s = reduce(ThreadState::default(), Action::Reload(T1));
        assert_eq!(s.caps, None);
        let s = reduce(s, Action::Loaded(T1, Page::default(), read_only));
        assert_eq!(s.caps, Some(read_only));
    }
}
