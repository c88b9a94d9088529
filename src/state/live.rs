//! Live updates of a thread (Threadline's own server, `GET /api/comments/stream`): what an
//! event does to the thread. A change to a comment on the page updates it in place; a comment
//! the reader has not seen waits in [`ThreadState::incoming`] until they ask for it ("2 new
//! comments — show"), so the page never moves under their eyes; a comment readers may no
//! longer see leaves the page with its replies.

use super::{changed, Phase, ThreadState};
use crate::k;
use crate::model::{Comment, Status};
use std::rc::Rc;

/// One event of the stream, decoded.
// Built once and moved straight into the reducer, like `Action` (whose lint note applies).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum LiveEvent {
    /// A comment readers see, new or changed, as the server shows it now.
    Comment(Comment),
    /// The comment with this id is no more to be shown.
    Gone(Rc<str>),
}

/// Applies one event to a thread that is shown.
pub fn apply(s: &mut ThreadState, event: LiveEvent) {
    if s.phase != Phase::Ready {
        return;
    }
    match event {
        LiveEvent::Comment(comment) => {
            if s.forest.contains(&comment.id) {
                let mut kept = comment.clone();
                // What only this browser knows about the comment stays: put it back.
                let published = kept.status == Status::Published;
                if let Some(old) = changed(s, comment).filter(|old| old.own || old.my_vote != 0) {
                    if old.own && old.status == Status::Pending && published {
                        s.say(k!("approved"), 0);
                    }
                    (kept.own, kept.my_vote) = (old.own, old.my_vote);
                    s.forest.replace(kept);
                }
            } else if let Some(waiting) = s.incoming.iter_mut().find(|c| c.id == comment.id) {
                *waiting = comment;
            } else if comment.status != Status::Deleted && comment.status != Status::Removed {
                s.incoming.push(comment);
                s.say(k!("new_comments_arrived"), s.incoming.len() as u64);
            }
        }
        LiveEvent::Gone(id) => {
            s.incoming.retain(|c| c.id != id);
            let removed = s.forest.remove(&id);
            s.total = s.total.saturating_sub(removed as u64);
        }
    }
}

/// The reader asked to see the comments that arrived: into the thread they go, each reply under
/// its parent, as a page's batch does.
pub fn show_incoming(s: &mut ThreadState) {
    let incoming = std::mem::take(&mut s.incoming);
    // Count what the thread gains: a later page may have brought one of them already.
    let before = s.forest.len();
    s.forest.append(incoming);
    s.total += (s.forest.len() - before) as u64;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Capabilities, Page};
    use crate::state::{reduce, Action, Ticket};

    fn c(id: &str, parent: Option<&str>, text: &str, t: i64) -> Comment {
        let parent = parent.map(Into::into);
        Comment { id: id.into(), parent, text: text.into(), created_ms: Some(t), ..Default::default() }
    }

    fn shown() -> ThreadState {
        let page = Page { comments: vec![c("1", None, "first", 1)], total: Some(1), ..Default::default() };
        let s = reduce(ThreadState::default(), Action::Reload(Ticket(1)));
        reduce(s, Action::Loaded(Ticket(1), page, Capabilities::BASE))
    }

    #[test]
    fn new_comments_wait_until_the_reader_shows_them_and_changes_apply_in_place() {
        let mut s = shown();
        apply(&mut s, LiveEvent::Comment(c("3", Some("2"), "a reply to the new one", 3)));
        apply(&mut s, LiveEvent::Comment(c("2", None, "new", 2)));
        apply(&mut s, LiveEvent::Comment(c("2", None, "new, edited", 2)));
        assert_eq!((s.forest.len(), s.incoming.len(), s.total), (1, 2, 1), "the page stays as it was");
        assert_eq!(
            (s.announce.key, s.announce.n),
            (Some(k!("new_comments_arrived")), 2),
            "screen readers hear of them"
        );
        let mut edited = c("1", None, "first, edited", 1);
        edited.upvotes = 4;
        apply(&mut s, LiveEvent::Comment(edited));
        assert_eq!(s.forest.get("1").unwrap().text, "first, edited");

        show_incoming(&mut s);
        assert!(s.incoming.is_empty());
        assert_eq!((s.forest.len(), s.total), (3, 3));
        assert_eq!(s.forest.get("2").unwrap().text, "new, edited", "the latest state of a waiting one");
        assert_eq!(&*s.forest.roots[1].replies[0].comment.id, "3", "the reply under its parent");
    }

    #[test]
    fn the_readers_own_marks_survive_a_change_and_gone_comments_leave() {
        let mut s = shown();
        let mut mine = c("5", Some("1"), "mine", 5);
        mine.own = true;
        mine.my_vote = 1;
        s = reduce(s, Action::Posted(Ticket(1), mine));
        apply(&mut s, LiveEvent::Comment(c("5", Some("1"), "mine", 5)));
        let now = s.forest.get("5").unwrap();
        assert!(now.own && now.my_vote == 1);
        assert_ne!(s.announce.key, Some(k!("approved")), "published from the start: nothing to approve");
        let mut held = c("7", Some("1"), "held", 7);
        (held.own, held.status) = (true, Status::Pending);
        s = reduce(s, Action::Posted(Ticket(1), held));
        assert_eq!(s.announce.key, Some(k!("held_for_review")));
        apply(&mut s, LiveEvent::Comment(c("7", Some("1"), "held", 7)));
        assert_eq!(s.announce.key, Some(k!("approved")), "the author hears that a moderator approved it");

        apply(&mut s, LiveEvent::Comment(c("6", None, "waiting", 6)));
        apply(&mut s, LiveEvent::Gone("6".into()));
        apply(&mut s, LiveEvent::Gone("1".into()));
        assert!(s.incoming.is_empty() && s.forest.is_empty(), "the comment went with its reply");
        assert_eq!(s.total, 0);
        // A stream that outruns the post's own answer: the comment is shown once.
        apply(&mut s, LiveEvent::Comment(c("7", None, "mine, live first", 7)));
        s = reduce(s, Action::Posted(Ticket(1), c("7", None, "mine, live first", 7)));
        assert!(s.incoming.is_empty() && s.forest.contains("7"));
    }

    #[test]
    fn a_waiting_comment_that_a_later_page_brought_is_counted_once() {
        let mut s = shown();
        apply(&mut s, LiveEvent::Comment(c("2", None, "new", 2)));
        let page = Page { comments: vec![c("2", None, "new", 2)], ..Default::default() };
        s = reduce(s, Action::MoreRequested(Ticket(2)));
        s = reduce(s, Action::MoreLoaded(Ticket(2), page));
        let total = s.total;
        show_incoming(&mut s);
        assert_eq!((s.forest.len(), s.total), (2, total), "shown once, counted once");
    }
}
