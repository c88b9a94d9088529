//! The one catalogue of error sentences. Every failure reaches the reader as a typed reason
//! ([`ClientError`], [`Refusal`], [`ValidationError`]) and is worded here and nowhere else:
//! adapters, the transport and the protocol choose the reason, this file chooses the words.
//! The matches are exhaustive, so a new reason does not compile until it has a sentence.

use crate::error::{ClientError, Refusal};
use threadline_protocol::ValidationError;

/// Longest backend sentence shown; longer ones are cut, so that a broken or hostile backend
/// cannot fill the page with text.
pub const BACKEND_TEXT_MAX_CHARS: usize = 300;

// The wording methods live here rather than in `error.rs`, so that the error types never
// depend on the catalogue that words them.
impl ClientError {
    /// The sentence shown to the reader, for errors that need not name the backend.
    pub fn reader_message(&self) -> String {
        sentence(self, "")
    }

    /// The sentence shown to the reader, naming the backend (e.g. "Isso") where it helps.
    pub fn reader_message_from(&self, backend: &str) -> String {
        sentence(self, backend)
    }
}

/// The sentence for `error`, naming the backend (e.g. "Isso") where it helps; `backend` may
/// be empty.
pub fn sentence(error: &ClientError, backend: &str) -> String {
    match error {
        ClientError::Network(_) => {
            format!("We couldn't reach {}. Check your connection, then try again.", Server("the", backend))
        }
        ClientError::Status(status) if *status >= 500 => {
            format!("{} ran into a problem. Please try again in a moment.", Server("The", backend))
        }
        ClientError::Status(status) => format!("{} refused the request ({status}).", Server("The", backend)),
        ClientError::Decode(_) => format!("{} sent an answer we couldn't read.", Server("The", backend)),
        ClientError::Invalid(rule) => invalid(rule),
        ClientError::Refused(reason) => refusal(reason, backend),
        ClientError::Config(what) => format!("The comment section is not set up correctly: {what}."),
    }
}

/// "the comments server", or "The Isso comments server", written straight into the sentence
/// around it. `the` comes capitalised or not as the sentence needs, because upper-casing at
/// run time would bring Unicode case tables into the wasm.
struct Server<'a>(&'static str, &'a str);

impl std::fmt::Display for Server<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Server(the, backend) = *self;
        f.write_str(the)?;
        if !backend.is_empty() {
            f.write_str(" ")?;
            f.write_str(backend)?;
        }
        f.write_str(" comments server")
    }
}

/// Why a backend refused. The reasons only one adapter gives are compiled with it alone
/// (see [`Refusal`]), so a bundle carries only the sentences it can show.
// Only the foreign backends' reasons name the backend.
#[cfg_attr(not(feature = "foreign"), allow(unused_variables))]
fn refusal(reason: &Refusal, backend: &str) -> String {
    let fixed = match reason {
        Refusal::TooFast => "You're posting a little fast. Please wait a moment, then try again.",
        Refusal::TooManyNewThreads => {
            "You have started many new discussions recently. Please wait a while before starting \
             another, or reply in an existing one."
        }
        Refusal::Duplicate => "You have already posted this comment.",
        #[cfg(feature = "wordpress")]
        Refusal::Closed => "Comments are closed on this article.",
        #[cfg(feature = "wordpress")]
        Refusal::LoginRequired => "This site only accepts comments from logged-in readers.",
        #[cfg(feature = "wordpress")]
        Refusal::NameAndEmailRequired => "This site asks for your name and an email address.",
        Refusal::ParentGone => "The comment you are replying to no longer exists.",
        Refusal::TooLarge => "The request is too large. Please shorten your comment.",
        Refusal::ChallengeFailed => "The anti-spam check failed. Please post again.",
        Refusal::ChallengeUnsolved => "The anti-spam check could not be solved in time.",
        Refusal::Rejected { message, .. } if !message.trim().is_empty() => return backend_text(message),
        Refusal::Rejected { .. } => "This site does not publish comments like this. Please rephrase it.",
        Refusal::Banned { until } if !until.trim().is_empty() => {
            return format!("{BANNED} {}", backend_text(until));
        }
        Refusal::Banned { .. } => BANNED,
        Refusal::ThreadLocked => "This discussion is closed to new comments.",
        Refusal::AlreadyReported => "You have already reported this comment.",
        #[cfg(feature = "moderator")]
        Refusal::SignedOut => "Your moderator session has ended. Please sign in again.",
        #[cfg(feature = "moderator")]
        Refusal::OtherSite => "You are not a moderator of this site.",
        #[cfg(any(feature = "wordpress", feature = "isso"))]
        Refusal::UnknownArticle => {
            return format!("{} does not know this article.", Server("The", backend));
        }
        #[cfg(feature = "wordpress")]
        Refusal::NoPostAt(slug) => {
            return format!("{} has no post or page with the address “{slug}”.", Server("The", backend));
        }
        #[cfg(feature = "isso")]
        Refusal::OriginNotAllowed => {
            return format!(
                "{} does not accept comments from this page's address (check its `host` setting).",
                Server("The", backend)
            );
        }
        #[cfg(feature = "isso")]
        Refusal::BrokeRules { min_text } => {
            return format!(
                "{} refused this comment. Comments need at least {min_text} characters, and a valid \
                 email and website if given.",
                Server("The", backend)
            );
        }
        #[cfg(feature = "foreign")]
        Refusal::Unexplained => return format!("{} refused the request.", Server("The", backend)),
        Refusal::Said { message, .. } => return backend_text(message),
    };
    fixed.to_string()
}

/// Why a banned reader cannot post; the server's sentence on how long follows.
const BANNED: &str = "A moderator has blocked you from commenting on this site.";

/// A rule the reader's input broke.
fn invalid(rule: &ValidationError) -> String {
    let fixed = match rule {
        ValidationError::Required("author") => "Please enter your name.",
        ValidationError::Required("text") => "Please write a comment.",
        ValidationError::Required("email") => "This site asks for an email address. It is never published.",
        ValidationError::Required("reason") => "Please choose a reason.",
        ValidationError::Required(_) => "This field is required.",
        ValidationError::TooShort { field: "text", min } => {
            return format!("Please write at least {min} characters.");
        }
        ValidationError::TooShort { field, min } => {
            return format!("{} is too short: at least {min} characters.", label(field));
        }
        ValidationError::TooLong { field, max } => {
            return format!("{} is too long: at most {max} characters.", label(field));
        }
        ValidationError::BadAuthor => "Your name contains characters that cannot be shown.",
        ValidationError::BadEmail => "That email address does not look right.",
        ValidationError::BadWebsite => "The website must be an address starting with http:// or https://.",
        ValidationError::BadWarning => "The content warning must be a single line.",
        ValidationError::BadThread => "This page has no valid thread key.",
    };
    fixed.to_string()
}

/// A field named at the start of a sentence.
fn label(field: &str) -> &'static str {
    match field {
        "author" => "Your name",
        "email" => "The email address",
        "website" => "The website",
        "thread" => "The thread key",
        "warning" => "The content warning",
        _ => "Your comment",
    }
}

/// A backend's own sentence: trimmed and cut, otherwise exactly as it was written. It is
/// rendered as a text node, so markup in it stays visible text and never becomes elements.
fn backend_text(message: &str) -> String {
    let message = message.trim();
    match message.char_indices().nth(BACKEND_TEXT_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests;
