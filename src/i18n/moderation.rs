//! Moderator mode's wording (the moderator bundle only).

use threadline_protocol::moderation::ReportReason;

/// The moderator bar's label, before the moderator's name.
pub const MODERATING_AS: &str = "Moderating as";
/// The moderator tools' landmark label.
pub const TOOLS: &str = "Moderator tools";
/// The label of the two views' switch.
pub const VIEWS: &str = "View";
/// The tab of the article's own thread.
pub const TAB_THREAD: &str = "This article";
/// The tab of the site's queue.
pub const TAB_QUEUE: &str = "Queue";
/// Signs the moderator out.
pub const SIGN_OUT: &str = "Sign out";
/// While a sign-in link is traded for a session.
pub const SIGNING_IN: &str = "Signing in…";
/// When a sign-in link no longer works.
pub const SIGN_IN_FAILED: &str =
    "This sign-in link did not work: it may have been used or expired. Ask for a new one.";
/// Publishes a held or hidden comment.
pub const APPROVE: &str = "Approve";
/// Refuses a comment.
pub const REJECT: &str = "Reject";
/// Deletes a comment.
pub const DELETE: &str = "Delete";
/// Pins a comment.
pub const PIN: &str = "Pin";
/// Unpins a comment.
pub const UNPIN: &str = "Unpin";
/// The prompt for a rejection's reason.
pub const REJECT_REASON: &str = "Why is this comment rejected? (kept in the audit log)";
/// While an action is in flight.
pub const WORKING: &str = "Working…";
/// The label of a comment's action group.
pub const ACTIONS: &str = "Moderator actions";
/// The queue's heading.
pub const QUEUE_TITLE: &str = "Waiting for review";
/// An empty queue.
pub const QUEUE_EMPTY: &str = "Nothing waits for review. Held and reported comments will appear here.";
/// Refreshes the queue.
pub const REFRESH: &str = "Refresh";
/// Before the reason a comment is in the queue.
pub const WHY: &str = "Why:";
/// The link to a queued comment in its thread.
pub const OPEN_IN_THREAD: &str = "Open in thread";
/// Before the thread key of a queued comment.
pub const IN_THREAD: &str = "in";
/// Status of a comment held by screening or pre-moderation.
pub const STATUS_HELD: &str = "Held";
/// Status of a comment hidden after reports.
pub const STATUS_HIDDEN: &str = "Hidden by reports";
/// Status of a published comment that readers reported.
pub const STATUS_REPORTED: &str = "Reported";

/// "Queue (3)": the tab names how many entries wait.
pub fn queue_tab(waiting: Option<usize>) -> String {
    match waiting {
        Some(n) => format!("{TAB_QUEUE} ({n})"),
        None => TAB_QUEUE.to_string(),
    }
}

/// "1 report", "4 reports".
pub fn report_count(n: usize) -> String {
    if n == 1 {
        "1 report".to_string()
    } else {
        format!("{n} reports")
    }
}

/// A report's reason, as a moderator reads it.
pub fn report_reason(reason: ReportReason) -> &'static str {
    match reason {
        ReportReason::Spam => "Spam",
        ReportReason::Abuse => "Abuse",
        ReportReason::OffTopic => "Off topic",
        ReportReason::Other => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_reasons_read_well() {
        assert_eq!(queue_tab(Some(3)), "Queue (3)");
        assert_eq!(queue_tab(None), "Queue");
        assert_eq!((report_count(1).as_str(), report_count(2).as_str()), ("1 report", "2 reports"));
        assert_eq!(report_reason(ReportReason::OffTopic), "Off topic");
    }
}
