//! Validation of a [`NewComment`], shared by the widget (before sending) and the server
//! (before storing), so that both refuse the same mistakes. A [`ValidationError`] is data:
//! the field, the rule and its limit. Its `Display` is the server's English (logs and the
//! error body); the widget words the same data through its own catalogue.

use crate::limits::*;
use crate::NewComment;

/// Which rule a new comment broke; [`ValidationError::field`] names the offending field (as
/// named on the wire), and the variant the rule with its limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// A required field was empty after trimming.
    #[error("{}", required_message(.0))]
    Required(&'static str),
    /// A field was shorter than its minimum (but not empty).
    #[error("{} is too short: at least {min} characters.", label(.field))]
    TooShort {
        /// The field name.
        field: &'static str,
        /// The limit.
        min: usize,
    },
    /// A field exceeded its length limit.
    #[error("{} is too long: at most {max} characters.", label(.field))]
    TooLong {
        /// The field name.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// The author name holds control characters.
    #[error("Your name contains characters that cannot be shown.")]
    BadAuthor,
    /// The email address is not of the form `name@domain`.
    #[error("That email address does not look right.")]
    BadEmail,
    /// The website is not an absolute `http` or `https` URL.
    #[error("The website must be an address starting with http:// or https://.")]
    BadWebsite,
    /// The content warning holds a line break or other control character.
    #[error("The content warning must be a single line.")]
    BadWarning,
    /// The thread key is empty or too long.
    #[error("This page has no valid thread key.")]
    BadThread,
}

impl ValidationError {
    /// The request field this error is about, as named on the wire.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Required(f) | Self::TooShort { field: f, .. } | Self::TooLong { field: f, .. } => f,
            Self::BadAuthor => "author",
            Self::BadEmail => "email",
            Self::BadWebsite => "website",
            Self::BadWarning => "warning",
            Self::BadThread => "thread",
        }
    }
}

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

fn required_message(field: &str) -> &'static str {
    match field {
        "author" => "Please enter your name.",
        "text" => "Please write a comment.",
        "email" => "Please enter your email address.",
        _ => "This field is required.",
    }
}

/// Treats an empty or blank optional field as absent.
pub fn non_blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Checks every field of `c` against the limits in [`crate::limits`]; the first error wins,
/// in form order (name, email, website, text, content warning). Reply notifications
/// ([`NewComment::notify`]) need an email address: without one the error names `email`.
pub fn validate_new_comment(c: &NewComment) -> Result<(), ValidationError> {
    let thread = c.thread.trim();
    if thread.is_empty() || thread.chars().count() > THREAD_MAX {
        return Err(ValidationError::BadThread);
    }
    check_len("author", c.author.trim(), AUTHOR_MIN, AUTHOR_MAX)?;
    if c.author.chars().any(char::is_control) {
        return Err(ValidationError::BadAuthor);
    }
    if let Some(email) = non_blank(&c.email) {
        if email.chars().count() > EMAIL_MAX {
            return Err(ValidationError::TooLong { field: "email", max: EMAIL_MAX });
        }
        if !is_plausible_email(email) {
            return Err(ValidationError::BadEmail);
        }
    } else if c.notify {
        return Err(ValidationError::Required("email"));
    }
    if let Some(site) = non_blank(&c.website) {
        if site.chars().count() > WEBSITE_MAX {
            return Err(ValidationError::TooLong { field: "website", max: WEBSITE_MAX });
        }
        if !is_http_url(site) {
            return Err(ValidationError::BadWebsite);
        }
    }
    validate_text(&c.text)?;
    validate_warning(&c.warning)
}

/// Checks an optional content warning: blank counts as none; else one line of at most
/// [`WARNING_MAX`] characters (it is a label, shown on one line before the text).
pub fn validate_warning(warning: &Option<String>) -> Result<(), ValidationError> {
    let Some(w) = non_blank(warning) else { return Ok(()) };
    if w.chars().count() > WARNING_MAX {
        return Err(ValidationError::TooLong { field: "warning", max: WARNING_MAX });
    }
    if w.chars().any(char::is_control) {
        return Err(ValidationError::BadWarning);
    }
    Ok(())
}

/// Checks a comment's text alone (an author's edit is held to the rules of a new comment).
pub fn validate_text(text: &str) -> Result<(), ValidationError> {
    check_len("text", text.trim(), TEXT_MIN, TEXT_MAX)
}

fn check_len(field: &'static str, value: &str, min: usize, max: usize) -> Result<(), ValidationError> {
    let n = value.chars().count();
    if n == 0 {
        Err(ValidationError::Required(field))
    } else if n < min {
        Err(ValidationError::TooShort { field, min })
    } else if n > max {
        Err(ValidationError::TooLong { field, max })
    } else {
        Ok(())
    }
}

/// `local@domain.tld` with no spaces or control characters; deliberately lenient, since
/// the only real check of an address is sending mail to it.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}

/// An absolute `http://` or `https://` URL with a host and no whitespace, quotes or angle
/// brackets. This is the only link scheme a comment's website may carry.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    !host.is_empty()
        && !host.starts_with(':')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(author: &str, text: &str) -> NewComment {
        NewComment { thread: "/t".into(), author: author.into(), text: text.into(), ..Default::default() }
    }

    #[test]
    fn notifications_need_an_email() {
        let notify = |email: Option<&str>| NewComment {
            notify: true,
            email: email.map(str::to_owned),
            ..comment("Ann", "Hello")
        };
        assert_eq!(validate_new_comment(&notify(None)), Err(ValidationError::Required("email")));
        assert_eq!(validate_new_comment(&notify(Some("  "))), Err(ValidationError::Required("email")));
        assert_eq!(validate_new_comment(&notify(Some("ann@example.org"))), Ok(()));
        assert_eq!(validate_new_comment(&notify(Some("nope"))), Err(ValidationError::BadEmail));
        assert_eq!(ValidationError::Required("email").field(), "email");
    }

    #[test]
    fn notify_is_left_out_of_the_json_when_false() {
        let plain = comment("Ann", "Hello");
        let json = serde_json::to_string(&plain).unwrap();
        assert!(!json.contains("notify"), "{json}");
        let old: NewComment = serde_json::from_str(&json).unwrap();
        assert!(!old.notify, "an old client's body means no notifications");
        let asked = NewComment { notify: true, email: Some("a@b.c".into()), ..plain };
        let json = serde_json::to_string(&asked).unwrap();
        assert!(json.contains("\"notify\":true"), "{json}");
        assert_eq!(serde_json::from_str::<NewComment>(&json).unwrap(), asked);
        let features: crate::SiteFeatures = serde_json::from_str(r#"{"edit_window_secs":900}"#).unwrap();
        assert!(!features.mail, "a server from before mail has none");
    }

    #[test]
    fn content_warnings_are_optional_single_lines() {
        let with = |w: &str| NewComment { warning: Some(w.into()), ..comment("Ann", "Hello") };
        assert_eq!(validate_new_comment(&with("Spoilers for the final")), Ok(()));
        assert_eq!(validate_new_comment(&with("   ")), Ok(()), "blank is none");
        assert_eq!(validate_new_comment(&with(&"é".repeat(WARNING_MAX))), Ok(()));
        assert_eq!(
            validate_new_comment(&with(&"x".repeat(WARNING_MAX + 1))),
            Err(ValidationError::TooLong { field: "warning", max: WARNING_MAX })
        );
        let err = validate_new_comment(&with("two\nlines")).unwrap_err();
        assert_eq!(
            (err.field(), err.to_string().as_str()),
            ("warning", "The content warning must be a single line.")
        );
    }

    #[test]
    fn accepts_a_plain_comment() {
        assert_eq!(validate_new_comment(&comment("Ann", "Hello")), Ok(()));
    }

    #[test]
    fn names_the_field_at_fault() {
        assert_eq!(validate_new_comment(&comment("  ", "Hello")).unwrap_err().field(), "author");
        assert_eq!(validate_new_comment(&comment("Ann", "\n")).unwrap_err().field(), "text");
        let long = "x".repeat(AUTHOR_MAX + 1);
        assert!(matches!(
            validate_new_comment(&comment(&long, "Hi")),
            Err(ValidationError::TooLong { field: "author", max: AUTHOR_MAX })
        ));
        let mut c = comment("Ann", "Hi");
        c.email = Some("not-an-address".into());
        assert_eq!(validate_new_comment(&c).unwrap_err().field(), "email");
        c.email = Some("".into());
        assert_eq!(validate_new_comment(&c), Ok(()), "a blank email counts as absent");
        c.website = Some("javascript:alert(1)".into());
        assert_eq!(validate_new_comment(&c), Err(ValidationError::BadWebsite));
    }

    #[test]
    fn website_schemes() {
        for ok in ["http://a.example", "HTTPS://a.example/x?y#z", "https://user@host.example"] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " https://a.example",
            "data:text/html,hi",
            "https://",
            "https:///path",
            "https://a.example/\"onmouseover=x",
            "//a.example",
            "ftp://a.example",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn errors_carry_the_rule_and_its_limit() {
        assert_eq!(check_len("text", "", 3, 10), Err(ValidationError::Required("text")));
        assert_eq!(check_len("text", "ab", 3, 10), Err(ValidationError::TooShort { field: "text", min: 3 }));
        assert_eq!(
            check_len("text", &"x".repeat(11), 3, 10),
            Err(ValidationError::TooLong { field: "text", max: 10 })
        );
        assert_eq!(check_len("text", "abc", 3, 10), Ok(()));
        // The English the server sends and logs.
        assert_eq!(ValidationError::Required("author").to_string(), "Please enter your name.");
        assert_eq!(
            ValidationError::TooShort { field: "text", min: 3 }.to_string(),
            "Your comment is too short: at least 3 characters."
        );
        assert_eq!(
            ValidationError::TooLong { field: "author", max: 64 }.to_string(),
            "Your name is too long: at most 64 characters."
        );
    }

    #[test]
    fn character_limits_count_characters_not_bytes() {
        let name = "é".repeat(AUTHOR_MAX);
        assert_eq!(validate_new_comment(&comment(&name, "ok")), Ok(()));
    }

    // proptest needs OS randomness, which wasm32 lacks; these run natively.
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_and_accepted_fields_are_within_limits(
                author in ".{0,80}", text in ".{0,200}", email in proptest::option::of(".{0,40}"),
                website in proptest::option::of(".{0,40}"), warning in proptest::option::of(".{0,120}"),
            ) {
                let c = NewComment { thread: "/t".into(), parent: None, author, email, website, text, warning, notify: false };
                if validate_new_comment(&c).is_ok() {
                    prop_assert!(!c.author.trim().is_empty() && c.author.chars().count() <= AUTHOR_MAX);
                    prop_assert!(!c.text.trim().is_empty());
                    if let Some(w) = non_blank(&c.website) {
                        prop_assert!(w.to_ascii_lowercase().starts_with("http"));
                    }
                    if let Some(w) = non_blank(&c.warning) {
                        prop_assert!(w.chars().count() <= WARNING_MAX && !w.chars().any(char::is_control));
                    }
                }
            }
        }
    }
}
