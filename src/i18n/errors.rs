//! Every error sentence's key. Every failure reaches the reader as a typed reason
//! ([`ClientError`], [`Refusal`], [`ValidationError`]) and is worded here and nowhere else:
//! adapters, the transport and the protocol choose the reason, this file chooses the message, the catalogue the words.
//! The matches are exhaustive, so a new reason does not compile until it has a sentence.

use super::{Catalogue, Key};
use crate::error::{ClientError, Refusal};
use crate::k;
use threadline_protocol::ValidationError;

/// Longest backend sentence shown; longer ones are cut, so that a broken or hostile backend
/// cannot fill the page with text.
pub const BACKEND_TEXT_MAX_CHARS: usize = 300;

// The wording methods live here rather than in `error.rs`, so that the error types never
// depend on the catalogue that words them.
impl ClientError {
    /// The sentence shown to the reader, for errors that need not name the backend.
    pub fn reader_message(&self, tr: &Catalogue) -> String {
        sentence(tr, self, "")
    }

    /// The sentence shown to the reader, naming the backend (e.g. "Isso") where it helps.
    pub fn reader_message_from(&self, tr: &Catalogue, backend: &str) -> String {
        sentence(tr, self, backend)
    }
}

#[cfg(test)]
impl ClientError {
    /// The English sentence, for tests.
    pub fn english(&self) -> String {
        self.reader_message(&super::catalogue::english())
    }

    /// The English sentence naming `backend`, for tests.
    pub fn english_from(&self, backend: &str) -> String {
        self.reader_message_from(&super::catalogue::english(), backend)
    }
}

/// The sentence for `error` in the reader's language, naming the backend (e.g. "Isso") where
/// it helps; `backend` may be empty.
pub fn sentence(tr: &Catalogue, error: &ClientError, backend: &str) -> String {
    // "…the comments server…" or "…the Isso comments server…": two messages, because
    // inflecting a name into a sentence is each language's own business.
    let server = |plain: Key, named: Key, args: &[(&str, &str)]| {
        if backend.is_empty() {
            tr.t_with(plain, args)
        } else {
            let mut all = vec![("backend", backend)];
            all.extend_from_slice(args);
            tr.t_with(named, &all)
        }
    };
    match error {
        ClientError::Network(_) => server(k!("error.network"), k!("error.network_at"), &[]),
        ClientError::Status(status) if *status >= 500 => {
            server(k!("error.server"), k!("error.server_at"), &[])
        }
        ClientError::Status(status) => {
            server(k!("error.status"), k!("error.status_at"), &[("status", &status.to_string())])
        }
        ClientError::Decode(_) => server(k!("error.decode"), k!("error.decode_at"), &[]),
        ClientError::Invalid(rule) => invalid(tr, rule),
        ClientError::Refused(reason) => refusal(tr, reason, backend),
        ClientError::Config(what) => tr.t_with(k!("error.config"), &[("what", what)]),
    }
}

/// Why a backend refused. The reasons only one adapter gives are compiled with it alone
/// (see [`Refusal`]), so a bundle carries only the keys it can show.
// Only the foreign backends' reasons name the backend.
#[cfg_attr(not(feature = "foreign"), allow(unused_variables))]
fn refusal(tr: &Catalogue, reason: &Refusal, backend: &str) -> String {
    let key = match reason {
        Refusal::TooFast => k!("error.too_fast"),
        Refusal::TooManyNewThreads => k!("error.too_many_threads"),
        Refusal::Duplicate => k!("error.duplicate"),
        #[cfg(feature = "wordpress")]
        Refusal::Closed => k!("error.closed"),
        #[cfg(feature = "wordpress")]
        Refusal::LoginRequired => k!("error.login_required"),
        #[cfg(feature = "wordpress")]
        Refusal::NameAndEmailRequired => k!("error.name_and_email_required"),
        Refusal::ParentGone => k!("error.parent_gone"),
        Refusal::TooLarge => k!("error.too_large"),
        Refusal::ChallengeFailed => k!("error.challenge_failed"),
        Refusal::ChallengeUnsolved => k!("error.challenge_unsolved"),
        // A foreign backend's own words are all there is; Threadline's server sends a code,
        // which says enough in the reader's language.
        #[cfg(feature = "foreign")]
        Refusal::Rejected { message, .. } if !message.trim().is_empty() => return backend_text(message),
        Refusal::Rejected { .. } => k!("error.rejected"),
        Refusal::Banned { until_ms: Some(ms) } => {
            return tr.t_with(k!("error.banned_until"), &[("date", &tr.date_time(*ms))]);
        }
        Refusal::Banned { until_ms: None } => k!("error.banned"),
        Refusal::ThreadLocked => k!("error.thread_locked"),
        // The server's sentence names its rule, in English: an English reader gets it, the
        // others the widget's words.
        Refusal::InvalidField { message, .. } if tr.lang() == "en" && !message.trim().is_empty() => {
            return backend_text(message);
        }
        Refusal::InvalidField { .. } => k!("error.invalid_field"),
        Refusal::NotYourComment => k!("error.not_your_comment"),
        Refusal::EditWindowClosed => k!("error.edit_window_closed"),
        Refusal::Forbidden => k!("error.forbidden"),
        Refusal::AlreadyReported => k!("error.already_reported"),
        #[cfg(feature = "moderator")]
        Refusal::SignedOut => k!("mod.signed_out"),
        #[cfg(feature = "moderator")]
        Refusal::OtherSite => k!("mod.other_site"),
        #[cfg(any(feature = "wordpress", feature = "isso"))]
        Refusal::UnknownArticle => return tr.t_with(k!("error.unknown_article_at"), &[("backend", backend)]),
        #[cfg(feature = "wordpress")]
        Refusal::NoPostAt(slug) => {
            return tr.t_with(k!("error.no_post_at"), &[("backend", backend), ("slug", slug)]);
        }
        #[cfg(feature = "isso")]
        Refusal::OriginNotAllowed => {
            return tr.t_with(k!("error.origin_not_allowed_at"), &[("backend", backend)])
        }
        #[cfg(feature = "isso")]
        Refusal::BrokeRules { min_text } => {
            // Two sentences: the refusal, then the length rule in the form's own words.
            let refused = tr.t_with(k!("error.broke_rules_at"), &[("backend", backend)]);
            return format!("{refused} {}", tr.count(k!("error.too_short"), *min_text as u64));
        }
        #[cfg(feature = "foreign")]
        Refusal::Unexplained => return server_unexplained(tr, backend),
        Refusal::Said { message, .. } => return backend_text(message),
    };
    tr.t(key)
}

/// A refusal without a reason, naming the backend when there is one.
#[cfg(feature = "foreign")]
fn server_unexplained(tr: &Catalogue, backend: &str) -> String {
    if backend.is_empty() {
        tr.t(k!("error.unexplained"))
    } else {
        tr.t_with(k!("error.unexplained_at"), &[("backend", backend)])
    }
}

/// A rule the reader's input broke. The message shows beside its field, so it need not name it.
fn invalid(tr: &Catalogue, rule: &ValidationError) -> String {
    let key = match rule {
        ValidationError::Required("author") => k!("error.required_author"),
        ValidationError::Required("text") => k!("error.required_text"),
        ValidationError::Required("email") => k!("error.required_email"),
        ValidationError::Required("reason") => k!("error.required_reason"),
        ValidationError::Required(_) => k!("error.required"),
        ValidationError::TooShort { min, .. } => return tr.count(k!("error.too_short"), *min as u64),
        ValidationError::TooLong { max, .. } => return tr.count(k!("error.too_long"), *max as u64),
        ValidationError::BadAuthor => k!("error.bad_author"),
        ValidationError::BadEmail => k!("error.bad_email"),
        ValidationError::BadWebsite => k!("error.bad_website"),
        ValidationError::BadWarning => k!("error.bad_warning"),
        ValidationError::BadThread => k!("error.bad_thread"),
    };
    tr.t(key)
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
