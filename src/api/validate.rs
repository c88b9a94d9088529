//! Checking a draft before it is sent: the limits the protocol shares with the server, then
//! the backend's own demands, so the reader learns of a mistake at once, without a round trip.

use super::{Capabilities, Draft};
use crate::error::ClientError;
use threadline_protocol::{validate_new_comment, NewComment, ValidationError};

/// Checks a draft against the shared limits and the backend's own demands (an email address,
/// a longer comment); the first broken rule wins, in form order.
pub fn validate_draft(thread: &str, draft: &Draft, caps: &Capabilities) -> Result<(), ClientError> {
    let probe = NewComment {
        thread: thread.to_string(),
        parent: None,
        author: draft.author.clone(),
        email: Some(draft.email.clone()),
        website: Some(draft.website.clone()),
        text: draft.text.clone(),
        warning: Some(draft.warning.clone()),
        notify: draft.notify,
    };
    validate_new_comment(&probe)?;
    if caps.email_required && draft.email.trim().is_empty() {
        return Err(ValidationError::Required("email").into());
    }
    if draft.text.trim().chars().count() < caps.min_text {
        return Err(ValidationError::TooShort { field: "text", min: caps.min_text }.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(author: &str, email: &str, text: &str) -> Draft {
        Draft { author: author.into(), email: email.into(), text: text.into(), ..Draft::default() }
    }

    #[test]
    fn shared_limits_then_the_backends_demands() {
        let strict = Capabilities { email_required: true, min_text: 3, ..Capabilities::BASE };
        let check =
            |d: &Draft| validate_draft("/t", d, &strict).map_err(|e| (e.field().map(str::to_string), e));
        assert_eq!(check(&draft("", "", "")).unwrap_err().1, ValidationError::Required("author").into());
        let (field, e) = check(&draft("Ann", "", "Hello")).unwrap_err();
        assert_eq!((field.as_deref(), e), (Some("email"), ValidationError::Required("email").into()));
        let (field, e) = check(&draft("Ann", "a@b.example", " Hi ")).unwrap_err();
        assert_eq!(field.as_deref(), Some("text"));
        assert_eq!(e.english(), "Please write at least 3 characters.");
        assert_eq!(check(&draft("Ann", "a@b.example", "Hey")), Ok(()));
        assert_eq!(validate_draft("/t", &draft("Ann", "", "x"), &Capabilities::BASE), Ok(()));
    }
}
