//! `ClientError`, everything that can go wrong between the widget and a backend, as typed
//! reasons. No sentence a reader sees is written here: `i18n/errors.rs` words every
//! reason, so that one catalogue holds them all and can be translated.

use threadline_protocol::{ErrorCode, ErrorDetail, ValidationError};

/// An error met while talking to a backend or checking the reader's input. The strings some
/// variants carry are for developers (tests, `Debug`); only [`Refusal::Said`] and
/// [`ClientError::Config`] carry text that reaches the page.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The request never got an answer (offline, DNS, CORS refusal, server down).
    #[error("network error: {0}")]
    Network(String),
    /// The backend answered an error status and nothing more we could use: 5xx is its own
    /// problem, any other status a refusal it did not explain.
    #[error("backend answered {0}")]
    Status(u16),
    /// The backend's answer was not the JSON we expected.
    #[error("unreadable answer: {0}")]
    Decode(String),
    /// The reader's input failed a rule (the shared limits, or the backend's own demands)
    /// before anything was sent, or the backend named the field and the rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The backend refused the request, for a reason we know.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The embedding page configured the widget wrongly; the text is for the site's owner.
    #[error("configuration: {0}")]
    Config(String),
}

/// Why a backend refused a request. Every adapter maps the errors it recognises to one of
/// these, so that the same refusal reads the same whichever backend sent it. Reasons only one
/// adapter can give exist only in the bundles that carry it, so that their sentences do too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The reader posts too often (HTTP 429, WordPress `comment_flood`, Waline's
    /// "Comment too fast!").
    TooFast,
    /// The reader started too many new threads lately (the first comment under a thread key).
    TooManyNewThreads,
    /// The same comment was posted already.
    Duplicate,
    /// Comments are closed on this article.
    #[cfg(feature = "wordpress")]
    Closed,
    /// Only logged-in readers may comment.
    #[cfg(feature = "wordpress")]
    LoginRequired,
    /// The backend wants a name and an email address (WordPress).
    #[cfg(feature = "wordpress")]
    NameAndEmailRequired,
    /// The backend does not know this article (a WordPress post id, an Isso thread).
    #[cfg(any(feature = "wordpress", feature = "isso"))]
    UnknownArticle,
    /// WordPress has no post or page at this slug.
    #[cfg(feature = "wordpress")]
    NoPostAt(String),
    /// The backend does not accept comments from this page's origin (Isso's `host`).
    #[cfg(feature = "isso")]
    OriginNotAllowed,
    /// The backend refused the comment without saying which of its rules it broke; `min_text`
    /// is its shortest comment (Isso answers every such refusal with the same bare 400).
    #[cfg(feature = "isso")]
    BrokeRules {
        /// Fewest characters the backend accepts.
        min_text: usize,
    },
    /// The comment being answered no longer exists.
    ParentGone,
    /// The request was larger than the backend accepts.
    TooLarge,
    /// The anti-spam check was refused (expired, already used, invalid) or asked for again.
    ChallengeFailed,
    /// The anti-spam check could not be solved within the widget's budget.
    ChallengeUnsolved,
    /// The site's screening refused the comment. Its own sentence says what it found, which
    /// only the server knows, so the reader is shown it; `field` is the field that matched.
    Rejected {
        /// The server's explanation.
        message: String,
        /// `text`, `author` or `website`.
        field: Option<String>,
    },
    /// A moderator banned this reader (by email, address or author token), until `until_ms`
    /// (epoch milliseconds) or for good.
    Banned {
        /// When the ban ends, if it does.
        until_ms: Option<i64>,
    },
    /// The server did not accept a field's value, for a rule of its own the widget does not
    /// check before sending.
    InvalidField {
        /// The field.
        field: String,
        /// The server's own sentence (English), which says which rule.
        message: String,
    },
    /// Only the comment's author may change it (from the browser they wrote it in).
    NotYourComment,
    /// The comment is older than the server's edit window.
    EditWindowClosed,
    /// The server does not serve this page's address for this site (its allowed origins).
    Forbidden,
    /// A moderator locked the thread: it takes no new comments.
    ThreadLocked,
    /// This reader has reported this comment already.
    AlreadyReported,
    /// No moderator session, or an expired or revoked one. Only moderator requests get it, so
    /// only the moderator bundle carries it (and its sentence).
    #[cfg(feature = "moderator")]
    SignedOut,
    /// The moderator's session belongs to another site (moderator bundle only, as above).
    #[cfg(feature = "moderator")]
    OtherSite,
    /// The backend refused inside a successful answer and gave no reason at all.
    #[cfg(feature = "foreign")]
    Unexplained,
    /// The backend explained in words we cannot type: shown as it wrote them, as plain text,
    /// the last resort.
    Said {
        /// The backend's own sentence.
        message: String,
        /// The form field it is about, when the backend named one.
        field: Option<String>,
    },
}

impl Refusal {
    /// The form field this refusal belongs next to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Duplicate | Self::TooLarge => Some("text"),
            Self::Rejected { field, .. } => field.as_deref().or(Some("text")),
            Self::InvalidField { field, .. } => Some(field),
            #[cfg(feature = "wordpress")]
            Self::NameAndEmailRequired => Some("email"),
            Self::Said { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl From<Refusal> for ClientError {
    fn from(reason: Refusal) -> Self {
        ClientError::Refused(reason)
    }
}

impl ClientError {
    /// An error status with nothing more to go on; 429 means the same everywhere.
    pub fn status(status: u16) -> Self {
        match status {
            429 => Refusal::TooFast.into(),
            _ => ClientError::Status(status),
        }
    }

    /// A refusal in words we do not recognise, kept when there are some. A status with a
    /// meaning of its own (429) wins over such words, and a 5xx page is no message for a
    /// reader. `status` may be 2xx, for the APIs that refuse inside an HTTP 200.
    #[cfg(feature = "foreign")]
    pub fn said(status: u16, message: Option<String>, field: Option<String>) -> Self {
        match message.filter(|m| !m.trim().is_empty()) {
            Some(message) if status < 500 && status != 429 => Refusal::Said { message, field }.into(),
            _ if (200..300).contains(&status) => Refusal::Unexplained.into(),
            _ => Self::status(status),
        }
    }

    /// A Threadline server's error answer. The code chooses the reason, so the widget words
    /// it; the server's sentence is shown only for codes that do not say why (`invalid_field`
    /// names a field but not the rule) and for codes newer than this widget.
    pub fn from_native(status: u16, detail: Option<ErrorDetail>) -> Self {
        let Some(d) = detail else { return Self::status(status) };
        let reason = match d.code {
            ErrorCode::RateLimited => Refusal::TooFast,
            ErrorCode::TooManyNewThreads => Refusal::TooManyNewThreads,
            ErrorCode::Duplicate => Refusal::Duplicate,
            ErrorCode::UnknownParent => Refusal::ParentGone,
            ErrorCode::PayloadTooLarge => Refusal::TooLarge,
            ErrorCode::ChallengeRequired | ErrorCode::ChallengeFailed => Refusal::ChallengeFailed,
            // The server's screening says what it found in English; the code says enough in the
            // reader's language.
            ErrorCode::CommentRejected => Refusal::Rejected { message: String::new(), field: d.field },
            ErrorCode::Banned => Refusal::Banned {
                until_ms: d.until.as_deref().and_then(crate::model::time::parse_rfc3339_ms),
            },
            ErrorCode::InvalidField if d.field.is_some() => {
                Refusal::InvalidField { field: d.field.unwrap_or_default(), message: d.message }
            }
            ErrorCode::NotYourComment => Refusal::NotYourComment,
            ErrorCode::EditWindowClosed => Refusal::EditWindowClosed,
            ErrorCode::ThreadLocked => Refusal::ThreadLocked,
            ErrorCode::AlreadyReported => Refusal::AlreadyReported,
            #[cfg(feature = "moderator")]
            ErrorCode::Unauthorized => Refusal::SignedOut,
            #[cfg(feature = "moderator")]
            ErrorCode::Forbidden => Refusal::OtherSite,
            #[cfg(not(feature = "moderator"))]
            ErrorCode::Forbidden => Refusal::Forbidden,
            // The widget's own request or its configuration is at fault: nothing the reader
            // can act on beyond knowing that it failed.
            ErrorCode::MalformedJson
            | ErrorCode::NotFound
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::Internal => return Self::status(status),
            // `invalid_field` (it names the field, not the rule) and codes newer than this
            // widget: the server's words say more than a bare status.
            _ if status < 500 && !d.message.trim().is_empty() => {
                Refusal::Said { message: d.message, field: d.field }
            }
            _ => return Self::status(status),
        };
        reason.into()
    }

    /// The form field this error belongs next to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid(v) => Some(v.field()),
            Self::Refused(r) => r.field(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(code: ErrorCode, message: &str, field: Option<&str>) -> Option<ErrorDetail> {
        Some(ErrorDetail { code, message: message.into(), field: field.map(str::to_string), until: None })
    }

    #[test]
    fn codes_choose_the_reason() {
        let from = |status, code| ClientError::from_native(status, detail(code, "server words", None));
        assert_eq!(from(429, ErrorCode::RateLimited), Refusal::TooFast.into());
        assert_eq!(from(429, ErrorCode::TooManyNewThreads), Refusal::TooManyNewThreads.into());
        assert_eq!(from(409, ErrorCode::Duplicate), Refusal::Duplicate.into());
        assert_eq!(from(422, ErrorCode::UnknownParent), Refusal::ParentGone.into());
        assert_eq!(from(413, ErrorCode::PayloadTooLarge), Refusal::TooLarge.into());
        assert_eq!(from(403, ErrorCode::ChallengeFailed), Refusal::ChallengeFailed.into());
        assert_eq!(from(403, ErrorCode::ChallengeRequired), Refusal::ChallengeFailed.into());
        assert_eq!(from(403, ErrorCode::ThreadLocked), Refusal::ThreadLocked.into());
        assert_eq!(from(409, ErrorCode::AlreadyReported), Refusal::AlreadyReported.into());
        #[cfg(feature = "moderator")]
        assert_eq!(from(401, ErrorCode::Unauthorized), Refusal::SignedOut.into());
        #[cfg(feature = "moderator")]
        assert_eq!(from(403, ErrorCode::Forbidden), Refusal::OtherSite.into());
        assert_eq!(from(403, ErrorCode::Banned), Refusal::Banned { until_ms: None }.into());
        let until = ErrorDetail {
            until: Some("2026-12-31T12:00:00Z".into()),
            ..detail(ErrorCode::Banned, "", None).unwrap()
        };
        let until_ms = crate::model::time::parse_rfc3339_ms("2026-12-31T12:00:00Z");
        assert_eq!(ClientError::from_native(403, Some(until)), Refusal::Banned { until_ms }.into());
        assert_eq!(from(403, ErrorCode::NotYourComment), Refusal::NotYourComment.into());
        assert_eq!(from(403, ErrorCode::EditWindowClosed), Refusal::EditWindowClosed.into());
        assert_eq!(from(404, ErrorCode::NotFound), ClientError::Status(404));
        assert_eq!(from(500, ErrorCode::Internal), ClientError::Status(500));
    }

    #[test]
    fn field_errors_and_unknown_codes_keep_the_servers_words() {
        let e = ClientError::from_native(400, detail(ErrorCode::InvalidField, "Blocked.", Some("website")));
        assert_eq!(e, Refusal::InvalidField { field: "website".into(), message: "Blocked.".into() }.into());
        assert_eq!(e.field(), Some("website"));
        let e = ClientError::from_native(400, detail(ErrorCode::InvalidField, "Blocked.", None));
        assert_eq!(e, Refusal::Said { message: "Blocked.".into(), field: None }.into());
        let newer: ErrorCode = serde_json::from_str("\"too_many_threads\"").unwrap();
        let e = ClientError::from_native(429, detail(newer, "Too many new threads.", None));
        assert_eq!(e, Refusal::Said { message: "Too many new threads.".into(), field: None }.into());
        let e = ClientError::from_native(403, detail(newer, "Thread keys here look like /posts/….", None));
        assert!(matches!(e, ClientError::Refused(Refusal::Said { .. })), "{e:?}");
        assert_eq!(ClientError::from_native(429, None), Refusal::TooFast.into());
        // Blank words, or words on a 5xx page, are no message for a reader.
        assert_eq!(ClientError::from_native(403, detail(newer, "  ", None)), ClientError::Status(403));
        assert_eq!(ClientError::from_native(503, detail(newer, "db down", None)), ClientError::Status(503));
        assert_eq!(ClientError::from_native(502, None), ClientError::Status(502));
    }

    #[test]
    fn a_screening_refusal_keeps_its_field() {
        let e = ClientError::from_native(422, detail(ErrorCode::CommentRejected, "Insult.", Some("author")));
        assert_eq!(e, Refusal::Rejected { message: String::new(), field: Some("author".into()) }.into());
        assert_eq!(e.field(), Some("author"));
        let e = ClientError::from_native(422, detail(ErrorCode::CommentRejected, "Insult.", None));
        assert_eq!(e.field(), Some("text"), "a refusal without a field is about the text");
    }

    #[test]
    fn fields_follow_the_reason() {
        assert_eq!(ClientError::from(Refusal::Duplicate).field(), Some("text"));
        #[cfg(feature = "wordpress")]
        assert_eq!(ClientError::from(Refusal::NameAndEmailRequired).field(), Some("email"));
        assert_eq!(ClientError::Invalid(ValidationError::Required("author")).field(), Some("author"));
        assert_eq!(ClientError::from(Refusal::TooFast).field(), None);
        assert_eq!(ClientError::Status(503).field(), None);
        assert_eq!(ClientError::Network("TypeError".into()).field(), None);
    }
}
