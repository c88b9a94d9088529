//! What the mail tables hold and give back, as plain types: shared by the store's facade
//! (`store/mail.rs`) and its SQLite side, which must not import each other both ways.

/// A confirmation link stays valid this long, in milliseconds (7 days).
pub const CONFIRM_TTL_MS: i64 = 7 * 24 * 3_600_000;

/// At most one confirmation email per address within this time, in milliseconds (a day).
pub const CONFIRM_RESEND_MS: i64 = 24 * 3_600_000;

/// An address as the mail tables keep it: trimmed and ASCII-lower-cased, as SQL's `lower`
/// does, so that the comparisons in SQL and in Rust agree.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}

/// What an opt-in found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptIn {
    /// The address is confirmed already: nothing to send.
    Confirmed,
    /// A confirmation is due: the caller queues it, with the token whose hash it stored.
    SendConfirmation {
        /// The address row.
        address_id: i64,
    },
    /// A confirmation went out within [`CONFIRM_RESEND_MS`]: wait for it.
    Pending,
}

/// Which kind of email a queue row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// "Confirm that you want reply notifications."
    Confirm,
    /// "Someone replied to your comment."
    Reply,
    /// "A comment is held for review" (to a moderator).
    Held,
}

impl MailKind {
    /// The name stored in `mail_queue.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Reply => "reply",
            Self::Held => "held",
        }
    }
}

/// An email to queue, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// The event it is about (`reply:42`, …): the same event never queues a second mail.
    pub dedupe_key: String,
    /// Its kind.
    pub kind: MailKind,
    /// The address row it goes to (its unsubscribe token points there).
    pub address_id: i64,
    /// The recipient's address.
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body, links included.
    pub body: String,
    /// The one-click unsubscribe URL (RFC 8058), also in the body.
    pub unsubscribe_url: String,
}

/// A queue row a worker has claimed and is to send now.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimedMail {
    /// The row.
    pub id: i64,
    /// The recipient's address.
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
    /// The one-click unsubscribe URL.
    pub unsubscribe_url: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// A reply that its parent's author asked to hear of, from a confirmed address.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReplyNotice {
    /// The parent author's address row.
    pub address_id: i64,
    /// The parent author's address.
    pub email: String,
    /// The site.
    pub site: String,
    /// The thread.
    pub thread: String,
    /// The reply.
    pub reply_id: i64,
    /// Who replied.
    pub reply_author: String,
    /// What they wrote.
    pub reply_text: String,
    /// What the reply answers.
    pub parent_text: String,
}

/// A held comment, for one moderator who asked to hear of them from a confirmed address.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HeldNotice {
    /// The moderator.
    pub moderator_id: i64,
    /// Their address row.
    pub address_id: i64,
    /// Their address.
    pub email: String,
    /// The site.
    pub site: String,
    /// The thread.
    pub thread: String,
    /// The held comment.
    pub comment_id: i64,
    /// Its author.
    pub author: String,
    /// Its text.
    pub text: String,
    /// Why it is held.
    pub moderation_reason: Option<String>,
}

/// A moderator's mail settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ModeratorMail {
    /// Their address, if they gave one.
    pub email: Option<String>,
    /// Whether they want an email when a comment is held.
    pub held: bool,
    /// Whether the address is confirmed (and not unsubscribed).
    pub confirmed: bool,
}
