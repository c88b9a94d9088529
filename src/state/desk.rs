//! Moderator mode's pure rules beyond the Queue: which tools apply to a comment, the drafts of
//! the reject, edit and ban dialogs and the requests they make, the ban expiries offered, the
//! thread's lock state as the audit log tells it, and the Bans view's reducer.

use super::Phase;
use crate::api::moderation::Verb;
use crate::error::ClientError;
use crate::model::Status;
use std::rc::Rc;
use threadline_protocol::moderation::{Ban, BanBy, BanList, ModeratorEdit, NewBan};
use yew::Reducible;

/// One of a comment's tools: a one-click verb, or one that opens its dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// A verb; [`Verb::Reject`] asks its reason in a dialog first.
    Act(Verb),
    /// Edit the text, with a note (a dialog).
    Edit,
    /// Ban the author (a dialog).
    Ban,
}

/// The tools that apply to a comment in this state, in the order they are shown.
pub fn tools(status: Status, pinned: bool) -> Vec<Tool> {
    let verbs: &[Verb] = match status {
        Status::Pending => &[Verb::Approve, Verb::Reject, Verb::Delete],
        Status::Published if pinned => &[Verb::Reject, Verb::Delete, Verb::Unpin],
        Status::Published => &[Verb::Reject, Verb::Delete, Verb::Pin],
        Status::Deleted | Status::Removed => return Vec::new(),
    };
    verbs.iter().map(|v| Tool::Act(*v)).chain([Tool::Edit, Tool::Ban]).collect()
}

/// Ban lengths offered, in hours; `None` is for ever.
pub const EXPIRIES: [Option<u32>; 4] = [Some(24), Some(24 * 7), Some(24 * 30), None];

/// What a ban can match, in the order offered: the author token first (it names this author
/// and no one else), then the email, then the network address (which may be shared).
pub const BAN_BY: [BanBy; 3] = [BanBy::Author, BanBy::Email, BanBy::Address];

/// A free-text field as the API takes it: trimmed, and absent when empty.
pub fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// The ban dialog as filled in so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BanDraft {
    /// What to match.
    pub by: BanBy,
    /// How long, in hours; `None` for ever.
    pub hours: Option<u32>,
    /// Why (optional).
    pub reason: String,
}

impl Default for BanDraft {
    fn default() -> Self {
        BanDraft { by: BAN_BY[0], hours: EXPIRIES[1], reason: String::new() }
    }
}

impl BanDraft {
    /// The request banning the author of comment `id` on `site`; `None` when the id is not
    /// one of Threadline's.
    pub fn request(&self, site: &str, id: &str) -> Option<NewBan> {
        Some(NewBan {
            site: Some(site.to_string()),
            comment_id: id.parse().ok()?,
            by: self.by,
            hours: self.hours,
            reason: optional(&self.reason),
        })
    }
}

/// The edit dialog's request: `None` while the text is blank (the server refuses it anyway).
pub fn edit_request(text: &str, note: &str) -> Option<ModeratorEdit> {
    (!text.trim().is_empty()).then(|| ModeratorEdit { text: text.to_string(), note: optional(note) })
}

/// The part of an audit row that tells a thread's lock; the other fields are skipped, not
/// decoded (the whole row is [`threadline_protocol::moderation::AuditEntry`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct LockRow {
    /// `lock`, `unlock`, or another action.
    pub action: String,
    /// The thread acted on, if any.
    #[serde(default)]
    pub thread: Option<String>,
}

/// `GET /moderation/audit`, read for the lock rows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct LockLog {
    /// Newest first.
    pub items: Vec<LockRow>,
}

/// Whether `thread` is locked, as the audit log (newest first) last recorded it; `false` when
/// it names no lock of the thread.
pub fn locked_in(log: &LockLog, thread: &str) -> bool {
    log.items
        .iter()
        .find(|e| e.thread.as_deref() == Some(thread) && matches!(e.action.as_str(), "lock" | "unlock"))
        .is_some_and(|e| e.action == "lock")
}

/// Where the Bans view stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BansState {
    /// Loading, shown, or failed (with a retry).
    pub phase: Phase,
    /// The live bans, newest first.
    pub items: Vec<Ban>,
    /// The ban being lifted.
    pub busy: Option<i64>,
    /// The last unban that failed: which ban, and why.
    pub failed: Option<(i64, ClientError)>,
}

/// Everything that happens to the Bans view.
#[derive(Debug, Clone, PartialEq)]
pub enum BansAction {
    /// The list is (re)loading.
    Reload,
    /// The list arrived.
    Loaded(BanList),
    /// The list could not be loaded.
    LoadFailed(ClientError),
    /// A moderator lifts a ban.
    Unbanning(i64),
    /// Lifted: the ban leaves the list.
    Unbanned(i64),
    /// The unban failed; the ban stays, with the reason.
    UnbanFailed(i64, ClientError),
}

impl Reducible for BansState {
    type Action = BansAction;

    fn reduce(self: Rc<Self>, action: BansAction) -> Rc<Self> {
        Rc::new(reduce_bans((*self).clone(), action))
    }
}

/// The transition function of the Bans view.
pub fn reduce_bans(mut s: BansState, action: BansAction) -> BansState {
    match action {
        BansAction::Reload => s.phase = Phase::Loading,
        BansAction::Loaded(list) => (s.items, s.phase) = (list.items, Phase::Ready),
        BansAction::LoadFailed(e) => s.phase = Phase::Failed(e),
        BansAction::Unbanning(id) => (s.busy, s.failed) = (Some(id), None),
        BansAction::Unbanned(id) => {
            s.items.retain(|b| b.id != id);
            s.busy = s.busy.filter(|b| *b != id);
        }
        BansAction::UnbanFailed(id, e) => (s.busy, s.failed) = (s.busy.filter(|b| *b != id), Some((id, e))),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_offers_what_applies() {
        let act = |v| Tool::Act(v);
        let pending = tools(Status::Pending, false);
        assert_eq!(
            pending,
            [act(Verb::Approve), act(Verb::Reject), act(Verb::Delete), Tool::Edit, Tool::Ban]
        );
        assert_eq!(tools(Status::Published, true)[2], act(Verb::Unpin));
        assert_eq!(tools(Status::Published, false)[2], act(Verb::Pin));
        assert!(tools(Status::Removed, false).is_empty());
        assert!(tools(Status::Deleted, true).is_empty());
    }

    #[test]
    fn a_ban_draft_makes_its_request() {
        let draft = BanDraft::default();
        assert_eq!((draft.by, draft.hours), (BanBy::Author, Some(168)), "a week, by author token");
        let ban = BanDraft { by: BanBy::Email, hours: None, reason: "  spam  ".into() }.request("blog", "7");
        assert_eq!(
            ban,
            Some(NewBan {
                site: Some("blog".into()),
                comment_id: 7,
                by: BanBy::Email,
                hours: None,
                reason: Some("spam".into())
            })
        );
        assert_eq!(BanDraft::default().request("blog", "7").unwrap().reason, None);
        assert_eq!(BanDraft::default().request("blog", "wp-7"), None);
        assert_eq!(EXPIRIES, [Some(24), Some(168), Some(720), None]);
    }

    #[test]
    fn an_edit_needs_text_and_keeps_a_note_only_when_given() {
        assert_eq!(edit_request("  ", "why"), None);
        let e = edit_request("new text", " ").unwrap();
        assert_eq!((e.text.as_str(), e.note), ("new text", None));
        assert_eq!(edit_request("t", " phone number ").unwrap().note.as_deref(), Some("phone number"));
    }

    #[test]
    fn the_lock_state_is_the_newest_lock_or_unlock_of_the_thread() {
        let row: LockLog = serde_json::from_str(
            r#"{"items":[{"moderator":"Mo","action":"lock","thread":"/a","created_at":"x"},{"moderator":"M","action":"ban","created_at":"x"}]}"#,
        )
        .unwrap();
        assert!(locked_in(&row, "/a"));
        let entry =
            |action: &str, thread: &str| LockRow { action: action.into(), thread: Some(thread.into()) };
        let log = |items| LockLog { items };
        assert!(!locked_in(&log(vec![]), "/a"));
        assert!(locked_in(
            &log(vec![entry("approve", "/a"), entry("lock", "/a"), entry("unlock", "/a")]),
            "/a"
        ));
        assert!(!locked_in(
            &log(vec![entry("lock", "/b"), entry("unlock", "/a"), entry("lock", "/a")]),
            "/a"
        ));
    }

    #[test]
    fn an_unbanned_ban_leaves_the_list() {
        let ban = |id| Ban {
            id,
            by: BanBy::Email,
            expires_at: None,
            reason: None,
            comment_id: Some(id),
            created_at: String::new(),
        };
        let s =
            reduce_bans(BansState::default(), BansAction::Loaded(BanList { items: vec![ban(1), ban(2)] }));
        let s = reduce_bans(s, BansAction::Unbanning(1));
        let s = reduce_bans(s, BansAction::UnbanFailed(1, ClientError::Status(500)));
        assert_eq!((s.busy, s.items.len(), s.failed.as_ref().map(|f| f.0)), (None, 2, Some(1)));
        let s = reduce_bans(s, BansAction::Unbanning(2));
        assert_eq!(s.failed, None);
        let s = reduce_bans(s, BansAction::Unbanned(2));
        assert_eq!((s.busy, s.items.iter().map(|b| b.id).collect::<Vec<_>>()), (None, vec![1]));
    }
}
