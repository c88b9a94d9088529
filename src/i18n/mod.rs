//! Reader-facing wording: the English catalogue, plural rules and relative time. Pure Rust,
//! so every string the widget shows is covered by native tests.

pub mod ago;
pub mod errors;
#[cfg(feature = "moderator")]
pub mod moderation;
pub mod plural;

use plural::{english, Plural};
use threadline_protocol::moderation::ReportReason;

/// `n` and the words for one or for several: one formatting for every count the widget shows.
fn counted(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if english(n) == Plural::One { one } else { other })
}

/// "1 comment", "12 comments".
pub fn comment_count(n: usize) -> String {
    counted(n, "comment", "comments")
}

/// "1 reply", "3 replies": shown on a collapsed subtree.
pub fn reply_count(n: usize) -> String {
    counted(n, "reply", "replies")
}

/// "1 new comment — show": comments that arrived live, waiting for the reader.
#[cfg(feature = "native")]
pub fn new_comments(n: usize) -> String {
    counted(n, "new comment — show", "new comments — show")
}

/// The section's accessible name, and its heading until the count is known.
pub const COMMENTS: &str = "Comments";
/// The form's offer of reply notifications (a server with mail); the first time, the server
/// emails a link to confirm.
pub const NOTIFY: &str = "Email me about replies (confirm once, by email)";
/// Names the group of order buttons, for screen readers.
pub const SORT_LABEL: &str = "Sort comments";
/// The orders a reader can choose, as the buttons say them.
pub const SORTS: [(threadline_protocol::Sort, &str); 3] = [
    (threadline_protocol::Sort::Oldest, "Oldest"),
    (threadline_protocol::Sort::Newest, "Newest"),
    (threadline_protocol::Sort::Top, "Top"),
];
/// Accessible label of the skeleton shown while the first page loads.
pub const LOADING_COMMENTS: &str = "Loading comments";
/// Label of the next-page button while the page loads.
pub const LOADING: &str = "Loading…";
/// Heading of an in-place reply form, before the name of the author answered.
pub const REPLYING_TO: &str = "Replying to";
/// Label of the hidden honeypot field: only bots, which read labels, see it.
pub const HONEYPOT_LABEL: &str = "Leave this field empty";
/// The author shown when a backend gives no name.
pub const ANONYMOUS: &str = "Anonymous";
/// Shown on an empty thread.
pub const EMPTY: &str = "Be the first to comment.";
/// Heading of the form at the top of the thread.
pub const LEAVE_A_COMMENT: &str = "Join the discussion";
/// Label of a comment's reply button.
pub const REPLY: &str = "Reply";
/// Label of the button that closes an in-place reply form.
pub const CANCEL: &str = "Cancel";
/// Label of the submit button.
pub const POST: &str = "Post comment";
/// Label of the submit button while a post is in flight.
pub const POSTING: &str = "Posting…";
/// Label of the button that loads the next page.
pub const LOAD_MORE: &str = "Show more comments";
/// Label of the retry button on a failed load.
pub const RETRY: &str = "Retry";
/// Form label: the author's name.
pub const NAME: &str = "Name";
/// Form label: the author's email.
pub const EMAIL: &str = "Email (optional, never published)";
/// Form label: the author's website.
pub const WEBSITE: &str = "Website (optional)";
/// Form label: the comment itself.
pub const TEXT: &str = "Comment";
/// Placeholder of the comment text area.
pub const TEXT_PLACEHOLDER: &str = "Share your thoughts…";
/// Shown in place of a deleted comment that still has replies.
pub const DELETED: &str = "This comment was deleted.";
/// Badge on a comment held for moderation.
pub const PENDING: &str = "Awaiting moderation";
/// Said by the form after the reader's comment was held for a moderator.
pub const HELD_FOR_REVIEW: &str =
    "Thanks! Your comment is held for review: others will see it once a moderator approves it.";
/// Shown in place of a comment a moderator removed that still has replies.
pub const REMOVED: &str = "Removed by a moderator.";
/// Mark on a comment a moderator pinned.
pub const PINNED: &str = "Pinned";
/// Label of a comment's report button.
pub const REPORT: &str = "Report";
/// Label of the report button once the reader reported the comment.
pub const REPORTED: &str = "Reported";
/// Title of the report dialog.
pub const REPORT_TITLE: &str = "Report this comment";
/// Legend of the report reasons.
pub const REPORT_WHY: &str = "What is wrong with it?";
/// Label of the optional note in the report dialog.
pub const REPORT_NOTE: &str = "Note for the moderators (optional)";
/// Label of the button that sends a report.
pub const REPORT_SEND: &str = "Send report";
/// Label of that button while the report is on its way.
pub const REPORT_SENDING: &str = "Sending…";
/// Said once a report is stored.
pub const REPORT_THANKS: &str = "Thanks, a moderator will look at it.";

/// The reasons a reader can report a comment for, with their labels, in the order shown.
pub const REPORT_REASONS: [(ReportReason, &str); 4] = [
    (ReportReason::Spam, "Spam or advertising"),
    (ReportReason::Abuse, "Abuse, hate or threats"),
    (ReportReason::OffTopic, "Off-topic"),
    (ReportReason::Other, "Something else"),
];
/// Form label: the author's email, when the backend requires one.
pub const EMAIL_REQUIRED: &str = "Email (required, never published)";

/// Note in a reply form when the backend cannot nest the reply where the reader put it.
pub fn shallow_nesting_note(levels: usize, name: &str) -> String {
    format!(
        "This site keeps {levels} levels of replies: your reply will appear under the first comment of this \
         conversation, marked as a reply to {name}."
    )
}

/// Label of the button that shows the comment as it will look.
pub const PREVIEW: &str = "Preview";
/// Label of the button that goes back from the preview to the text.
pub const EDIT: &str = "Edit";
/// Shown in the preview of an empty comment.
pub const PREVIEW_EMPTY: &str = "Nothing to preview yet.";

/// Label of the collapse toggle when replies are shown.
pub const HIDE_REPLIES: &str = "Hide replies";
/// Label of the collapse toggle when replies are hidden.
pub const SHOW_REPLIES: &str = "Show replies";
/// Prefix of the note shown on replies past the indentation cap.
pub const IN_REPLY_TO: &str = "in reply to";
/// Prefix of a content warning, before its own text.
pub const WARNING: &str = "Content warning:";
/// The button that shows a body hidden behind a warning.
pub const SHOW_WARNED: &str = "Show";
/// The same button once the body is shown.
pub const HIDE_WARNED: &str = "Hide";
/// A comment edited after it was posted.
pub const EDITED: &str = "edited";
/// Under a form whose comment waits for the connection (the offline outbox).
pub const QUEUED_OFFLINE: &str = "You're offline: your comment will be sent when you're back online.";
/// The button that copies a comment's permalink.
pub const COPY_LINK: &str = "Copy link";
/// On that button once the link is on the clipboard.
pub const LINK_COPIED: &str = "Link copied";
/// On that button when the browser refused the clipboard and the link went to the address bar.
pub const LINK_IN_ADDRESS_BAR: &str = "Link in the address bar";
/// Deletes the reader's own comment (after [`DELETE_CONFIRM`]).
pub const DELETE: &str = "Delete";
/// Asked before the reader's own comment is deleted.
pub const DELETE_CONFIRM: &str = "Delete this comment?";
/// The heading of the form that edits the reader's own comment.
pub const EDITING: &str = "Editing your comment";
/// Saves an edited comment.
pub const SAVE: &str = "Save";
/// On the Save button while the edit is sent.
pub const SAVING: &str = "Saving…";

/// What a vote button says to assistive technology, with the count it shows.
pub fn vote_label(value: i8, count: u32) -> String {
    let what = if value < 0 { "Vote down" } else { "Vote up" };
    match count {
        // The count in the words as shown (not in parentheses), so the name holds what the
        // button shows (WCAG 2.5.3, "label in name").
        1 => format!("{what}, 1 vote"),
        n => format!("{what}, {n} votes"),
    }
}

/// The button in the form that opens the content-warning field.
pub const ADD_WARNING: &str = "Add a content warning";
/// The content-warning field's label.
pub const WARNING_FIELD: &str = "Content warning (shown instead of your comment until a reader opens it)";

/// Accessible label of the collapse toggle.
pub fn toggle_label(collapsed: bool, author: &str) -> String {
    if collapsed {
        format!("Show replies to {author}")
    } else {
        format!("Hide replies to {author}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_plural_rule() {
        assert_eq!(comment_count(0), "0 comments");
        assert_eq!(comment_count(1), "1 comment");
        assert_eq!(reply_count(1), "1 reply");
        assert_eq!(reply_count(21), "21 replies");
    }
}

/// "N more replies": a subtree Threadline's server capped, a custom mapping's continuation.
#[cfg(any(feature = "native", feature = "custom"))]
pub mod extra {
    /// "1 more reply", "3 more replies": replies a listing announced without sending them.
    pub fn more_replies(n: u64) -> String {
        match n {
            0 => "More replies".into(),
            1 => "1 more reply".into(),
            n => format!("{n} more replies"),
        }
    }
    /// On the "N more replies" button while they load.
    pub const LOADING_REPLIES: &str = "Loading replies…";
}
