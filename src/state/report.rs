//! One comment's Report action: the dialog's choices, the request, and what came of it. Its
//! answer changes nothing in the thread (the comment stays on this reader's page until a
//! moderator acts), so it belongs to the comment's own reducer rather than to the thread's,
//! and needs no ticket: nothing newer can be overwritten by it.

use crate::error::{ClientError, Refusal};
use std::rc::Rc;
use threadline_protocol::moderation::{NewReport, ReportReason, REPORT_NOTE_MAX};
use threadline_protocol::ValidationError;
use yew::Reducible;

/// What came of reporting, once something did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// The server stored this reader's report just now.
    Now,
    /// The server already had this reader's report of this comment.
    Before,
}

/// The Report action of one comment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportState {
    /// The dialog is open.
    pub open: bool,
    /// How many times the dialog was opened: a change back to closed after the first opening
    /// returns focus to the Report button.
    pub opened: u32,
    /// The reason chosen, if any.
    pub reason: Option<ReportReason>,
    /// The reader's note; may be empty.
    pub note: String,
    /// The report is on its way.
    pub busy: bool,
    /// Why the last try failed, shown in the dialog.
    pub error: Option<ClientError>,
    /// Set once the report is stored: the button then reads "Reported" and does nothing.
    pub done: Option<Reported>,
}

/// What can happen to a Report action.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportAction {
    /// The reader pressed Report.
    Open,
    /// Cancel or Escape.
    Close,
    /// A reason was chosen.
    Choose(ReportReason),
    /// The note was edited.
    Note(String),
    /// The report is being sent.
    Send,
    /// The server stored it.
    Sent,
    /// It failed (an `already_reported` answer is a success of a kind, see [`reduce_report`]).
    Failed(ClientError),
}

impl Reducible for ReportState {
    type Action = ReportAction;

    fn reduce(self: Rc<Self>, action: ReportAction) -> Rc<Self> {
        Rc::new(reduce_report((*self).clone(), action))
    }
}

/// The transition function of a Report action.
pub fn reduce_report(mut s: ReportState, action: ReportAction) -> ReportState {
    match action {
        ReportAction::Open if s.done.is_none() && !s.open => {
            s.open = true;
            s.opened += 1;
            s.error = None;
        }
        ReportAction::Close => s.open = false,
        ReportAction::Choose(reason) => {
            s.reason = Some(reason);
            s.error = None;
        }
        ReportAction::Note(note) => s.note = note,
        ReportAction::Send => {
            s.busy = true;
            s.error = None;
        }
        ReportAction::Sent => finish(&mut s, Reported::Now),
        // The server already has this reader's report: what the reader wanted is done.
        ReportAction::Failed(ClientError::Refused(Refusal::AlreadyReported)) => {
            finish(&mut s, Reported::Before)
        }
        ReportAction::Failed(e) => {
            s.busy = false;
            s.error = Some(e);
        }
        ReportAction::Open => {}
    }
    s
}

fn finish(s: &mut ReportState, how: Reported) {
    *s = ReportState { opened: s.opened, done: Some(how), ..ReportState::default() };
}

/// The request body for what the reader chose, or the reason it cannot be sent yet. The note
/// is trimmed and cut to the server's limit (the text area already stops there).
pub fn report_body(s: &ReportState) -> Result<NewReport, ClientError> {
    let reason = s.reason.ok_or(ClientError::Invalid(ValidationError::Required("reason")))?;
    let note = s.note.trim();
    let note = (!note.is_empty()).then(|| note.chars().take(REPORT_NOTE_MAX).collect());
    Ok(NewReport { reason, note })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: impl IntoIterator<Item = ReportAction>) -> ReportState {
        actions.into_iter().fold(ReportState::default(), reduce_report)
    }

    #[test]
    fn a_reason_is_needed_and_the_note_is_optional() {
        let s = run([ReportAction::Open, ReportAction::Note("  ".into())]);
        assert_eq!(report_body(&s).unwrap_err().english(), "Please choose a reason.");
        let s = reduce_report(s, ReportAction::Choose(ReportReason::Spam));
        assert_eq!(report_body(&s), Ok(NewReport { reason: ReportReason::Spam, note: None }));
        let s = reduce_report(s, ReportAction::Note(format!(" {} ", "x".repeat(900))));
        assert_eq!(report_body(&s).unwrap().note.map(|n| n.chars().count()), Some(REPORT_NOTE_MAX));
    }

    #[test]
    fn a_stored_report_closes_the_dialog_for_good() {
        let s = run([ReportAction::Open, ReportAction::Choose(ReportReason::Abuse), ReportAction::Send]);
        assert!(s.open && s.busy);
        let s = reduce_report(s, ReportAction::Sent);
        assert_eq!((s.open, s.busy, s.done, s.opened), (false, false, Some(Reported::Now), 1));
        let again = reduce_report(s.clone(), ReportAction::Open);
        assert!(!again.open, "a reported comment cannot be reported again");
    }

    #[test]
    fn a_second_report_is_known_and_other_failures_keep_the_dialog() {
        let opened = run([ReportAction::Open, ReportAction::Choose(ReportReason::Other), ReportAction::Send]);
        let s = reduce_report(opened.clone(), ReportAction::Failed(Refusal::AlreadyReported.into()));
        assert_eq!((s.open, s.done), (false, Some(Reported::Before)));
        let s = reduce_report(opened, ReportAction::Failed(ClientError::Network("down".into())));
        assert!(s.open && !s.busy && s.error.is_some() && s.done.is_none());
        assert_eq!(s.reason, Some(ReportReason::Other), "the choice survives a failure");
        let s = reduce_report(reduce_report(s, ReportAction::Close), ReportAction::Open);
        assert_eq!((s.open, s.opened, s.error.clone()), (true, 2, None));
    }
}
