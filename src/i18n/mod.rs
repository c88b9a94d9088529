//! Reader-facing wording: the English catalogue, plural rules and relative time. Pure Rust,
//! so every string the widget shows is covered by native tests.

pub mod ago;
pub mod errors;
pub mod plural;

use plural::{english, Plural};

/// "1 comment", "12 comments".
pub fn comment_count(n: usize) -> String {
    match english(n) {
        Plural::One => format!("{n} comment"),
        Plural::Other => format!("{n} comments"),
    }
}

/// "1 reply", "3 replies": shown on a collapsed subtree.
pub fn reply_count(n: usize) -> String {
    match english(n) {
        Plural::One => format!("{n} reply"),
        Plural::Other => format!("{n} replies"),
    }
}

/// The section's accessible name, and its heading until the count is known.
pub const COMMENTS: &str = "Comments";
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
