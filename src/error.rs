//! `ClientError`, everything that can go wrong between the widget and a backend, and the one
//! place where it becomes words a reader sees.

use threadline_protocol::{ErrorDetail, ValidationError};

/// An error met while talking to a backend or checking the reader's input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The request never got an answer (offline, DNS, CORS refusal, server down).
    #[error("network error: {0}")]
    Network(String),
    /// The backend answered with an error status.
    #[error("backend answered {status}")]
    Status {
        /// HTTP status code.
        status: u16,
        /// The protocol error body, when the backend sent one we could read.
        detail: Option<ErrorDetail>,
    },
    /// The backend's answer was not the JSON we expected.
    #[error("unreadable answer: {0}")]
    Decode(String),
    /// The reader's input failed the shared validation before anything was sent.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The backend refused the request and said why in words we can show.
    #[error("refused: {message}")]
    Refused {
        /// The backend's reason, as plain text.
        message: String,
        /// The form field it is about, named as on our form (`author`, `email`, `website`, `text`).
        field: Option<String>,
    },
    /// The embedding page configured the widget wrongly.
    #[error("configuration: {0}")]
    Config(String),
}

impl ClientError {
    /// The sentence shown to the reader, for errors that need not name the backend.
    pub fn reader_message(&self) -> String {
        self.reader_message_from("")
    }

    /// The sentence shown to the reader, naming the backend (e.g. "Isso") where it helps. This is
    /// the only place errors become text.
    pub fn reader_message_from(&self, backend: &str) -> String {
        let server = if backend.is_empty() {
            "the comments server".to_string()
        } else {
            format!("the {backend} comments server")
        };
        match self {
            Self::Network(_) => {
                format!("We couldn't reach {server}. Check your connection, then try again.")
            }
            Self::Refused { message, .. } => message.clone(),
            Self::Status { status: 429, .. } => {
                "You're posting a little fast. Please wait a moment, then try again.".into()
            }
            Self::Status { detail: Some(d), status } if *status < 500 && !d.message.trim().is_empty() => {
                d.message.clone()
            }
            Self::Status { status, .. } if *status >= 500 => {
                format!("{} ran into a problem. Please try again in a moment.", capitalise(&server))
            }
            Self::Status { status, .. } => format!("{} refused the request ({status}).", capitalise(&server)),
            Self::Decode(_) => format!("{} sent an answer we couldn't read.", capitalise(&server)),
            Self::Invalid(v) => v.to_string(),
            Self::Config(what) => format!("The comment section is not set up correctly: {what}."),
        }
    }

    /// The form field this error belongs next to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid(v) => Some(v.field()),
            Self::Status { detail: Some(d), status } if *status < 500 => d.field.as_deref(),
            Self::Refused { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

/// Upper-cases an ASCII first letter: the names capitalised here are ours or host names, and
/// Unicode case mapping would bring core's case tables (22 KB) into the wasm.
fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use threadline_protocol::ErrorCode;

    #[test]
    fn server_messages_reach_the_right_field() {
        let e = ClientError::Status {
            status: 400,
            detail: Some(ErrorDetail {
                code: ErrorCode::InvalidField,
                message: "Please enter your name.".into(),
                field: Some("author".into()),
            }),
        };
        assert_eq!(e.field(), Some("author"));
        assert_eq!(e.reader_message(), "Please enter your name.");
    }

    #[test]
    fn internals_are_not_shown() {
        let e = ClientError::Status { status: 503, detail: None };
        assert!(e.reader_message().contains("try again"));
        assert_eq!(e.field(), None);
        let e = ClientError::Network("TypeError: Failed to fetch".into());
        assert!(!e.reader_message().contains("TypeError"));
        assert!(e.reader_message_from("Isso").contains("the Isso comments server"));
        let e = ClientError::Decode("expected value at line 1".into());
        assert_eq!(
            e.reader_message_from("Waline"),
            "The Waline comments server sent an answer we couldn't read."
        );
    }
}
