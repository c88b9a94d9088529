//! Moderator mode's wording (the moderator bundle only).

use threadline_protocol::moderation::{BanBy, ReportReason};

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
/// The reject dialog's title.
pub const REJECT_TITLE: &str = "Reject this comment";
/// The label of a rejection's reason.
pub const REJECT_REASON: &str = "Reason (optional, kept in the audit log)";
/// Edits a comment's text.
pub const EDIT: &str = "Edit";
/// The edit dialog's title.
pub const EDIT_TITLE: &str = "Edit this comment";
/// The label of the comment's text in the edit dialog.
pub const EDIT_TEXT: &str = "Text";
/// The label of an edit's note.
pub const EDIT_NOTE: &str = "Note (optional, kept in the audit log with the text before)";
/// Saves an edit.
pub const SAVE: &str = "Save";
/// Bans a comment's author.
pub const BAN: &str = "Ban";
/// The ban dialog's title.
pub const BAN_TITLE: &str = "Ban this author";
/// The legend of what a ban matches.
pub const BAN_BY: &str = "Ban by";
/// The legend of a ban's length.
pub const BAN_FOR: &str = "For";
/// The label of a ban's reason.
pub const BAN_REASON: &str = "Reason (optional, kept with the ban)";
/// Closes a dialog without acting.
pub const CANCEL: &str = "Cancel";
/// Locks the thread.
pub const LOCK: &str = "Lock thread";
/// Unlocks the thread.
pub const UNLOCK: &str = "Unlock thread";
/// Beside the lock button of an open thread.
pub const OPEN: &str = "Open for comments";
/// Beside the lock button of a locked thread.
pub const LOCKED: &str = "Locked: no new comments";
/// The tab of the site's live bans.
pub const TAB_BANS: &str = "Bans";
/// The Bans view's heading.
pub const BANS_TITLE: &str = "Banned authors";
/// No live bans.
pub const BANS_EMPTY: &str = "No one is banned. Ban an author from one of their comments.";
/// Lifts a ban.
pub const UNBAN: &str = "Unban";
/// A ban without end.
pub const FOREVER: &str = "Permanent";
/// Before a ban's end.
pub const UNTIL: &str = "until";
/// Loads the next page of the queue.
pub const LOAD_MORE: &str = "Load more";
/// The load-more button after a failure.
pub const LOAD_MORE_RETRY: &str = "Could not load more. Retry";
/// Before the comment a ban was taken from.
pub const FROM_COMMENT: &str = "from comment";
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

/// "Queue (3)": the tab names how many entries wait ("Queue (50+)" when more pages follow).
pub fn queue_tab(waiting: Option<usize>, more: bool) -> String {
    match waiting {
        Some(n) if more => format!("{TAB_QUEUE} ({n}+)"),
        Some(n) => format!("{TAB_QUEUE} ({n})"),
        None => TAB_QUEUE.to_string(),
    }
}

/// What a ban matches, as the moderator chooses it.
pub fn ban_by(by: BanBy) -> &'static str {
    match by {
        BanBy::Author => "Author token (this author's browser)",
        BanBy::Email => "Email address",
        BanBy::Address => "Network address (may be shared)",
    }
}

/// How long a ban lasts.
pub fn ban_length(hours: Option<u32>) -> String {
    match hours {
        None => FOREVER.to_string(),
        Some(24) => "1 day".to_string(),
        Some(h) if h % 24 == 0 => format!("{} days", h / 24),
        Some(h) => format!("{h} hours"),
    }
}

/// Said once the author is banned.
pub fn banned(hours: Option<u32>) -> String {
    match hours {
        None => "Author banned permanently.".to_string(),
        Some(_) => format!("Author banned for {}.", ban_length(hours)),
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
        assert_eq!(queue_tab(Some(3), false), "Queue (3)");
        assert_eq!(queue_tab(Some(50), true), "Queue (50+)");
        assert_eq!(queue_tab(None, false), "Queue");
        assert_eq!((report_count(1).as_str(), report_count(2).as_str()), ("1 report", "2 reports"));
        assert_eq!(report_reason(ReportReason::OffTopic), "Off topic");
        let lengths: Vec<String> = crate::state::desk::EXPIRIES.into_iter().map(ban_length).collect();
        assert_eq!(lengths, ["1 day", "7 days", "30 days", "Permanent"]);
        assert_eq!(ban_length(Some(5)), "5 hours");
        assert_eq!(banned(Some(24)), "Author banned for 1 day.");
        assert_eq!(ban_by(BanBy::Email), "Email address");
    }
}
