use super::*;
use threadline_protocol::{ErrorCode, ErrorDetail};

/// One of every reason this build has. The match below has no wildcard, so a new reason does
/// not compile until it is added here too, and so gets its sentence checked.
fn every_refusal() -> Vec<Refusal> {
    let mut all = vec![
        Refusal::TooFast,
        Refusal::TooManyNewThreads,
        Refusal::Duplicate,
        Refusal::ParentGone,
        Refusal::TooLarge,
        Refusal::ChallengeFailed,
        Refusal::ChallengeUnsolved,
        Refusal::Said { message: "This thread is locked.".into(), field: None },
        Refusal::Rejected { message: "Refused by screening (insult).".into(), field: Some("text".into()) },
        Refusal::Rejected { message: " ".into(), field: None },
        Refusal::Banned { until: "You cannot post on this site until 2026-12-31 12:00 (UTC).".into() },
        Refusal::Banned { until: String::new() },
        Refusal::ThreadLocked,
        Refusal::AlreadyReported,
    ];
    #[cfg(feature = "moderator")]
    all.extend([Refusal::SignedOut, Refusal::OtherSite]);
    #[cfg(feature = "wordpress")]
    all.extend([
        Refusal::Closed,
        Refusal::LoginRequired,
        Refusal::NameAndEmailRequired,
        Refusal::NoPostAt("alder-falls".into()),
    ]);
    #[cfg(any(feature = "wordpress", feature = "isso"))]
    all.push(Refusal::UnknownArticle);
    #[cfg(feature = "isso")]
    all.extend([Refusal::OriginNotAllowed, Refusal::BrokeRules { min_text: 3 }]);
    #[cfg(feature = "foreign")]
    all.push(Refusal::Unexplained);
    for r in &all {
        match r {
            Refusal::TooFast
            | Refusal::TooManyNewThreads
            | Refusal::Duplicate
            | Refusal::ParentGone
            | Refusal::TooLarge
            | Refusal::ChallengeFailed
            | Refusal::ChallengeUnsolved
            | Refusal::Said { .. }
            | Refusal::Rejected { .. }
            | Refusal::Banned { .. }
            | Refusal::ThreadLocked
            | Refusal::AlreadyReported => {}
            #[cfg(feature = "moderator")]
            Refusal::SignedOut | Refusal::OtherSite => {}
            #[cfg(feature = "wordpress")]
            Refusal::Closed
            | Refusal::LoginRequired
            | Refusal::NameAndEmailRequired
            | Refusal::NoPostAt(_) => {}
            #[cfg(any(feature = "wordpress", feature = "isso"))]
            Refusal::UnknownArticle => {}
            #[cfg(feature = "isso")]
            Refusal::OriginNotAllowed | Refusal::BrokeRules { .. } => {}
            #[cfg(feature = "foreign")]
            Refusal::Unexplained => {}
        }
    }
    all
}

fn every_rule() -> Vec<ValidationError> {
    let all = vec![
        ValidationError::Required("author"),
        ValidationError::Required("text"),
        ValidationError::Required("email"),
        ValidationError::Required("thread"),
        ValidationError::Required("reason"),
        ValidationError::TooShort { field: "text", min: 3 },
        ValidationError::TooShort { field: "author", min: 2 },
        ValidationError::TooLong { field: "author", max: 64 },
        ValidationError::BadAuthor,
        ValidationError::BadEmail,
        ValidationError::BadWebsite,
        ValidationError::BadWarning,
        ValidationError::TooLong { field: "warning", max: 100 },
        ValidationError::BadThread,
    ];
    for v in &all {
        match v {
            ValidationError::Required(_)
            | ValidationError::TooShort { .. }
            | ValidationError::TooLong { .. }
            | ValidationError::BadAuthor
            | ValidationError::BadEmail
            | ValidationError::BadWebsite
            | ValidationError::BadWarning
            | ValidationError::BadThread => {}
        }
    }
    all
}

fn every_error() -> Vec<ClientError> {
    let mut all = vec![
        ClientError::Network("TypeError: Failed to fetch".into()),
        ClientError::Status(503),
        ClientError::Status(404),
        ClientError::Decode("expected value at line 1 column 1".into()),
        ClientError::Config("data-api is missing".into()),
    ];
    all.extend(every_refusal().into_iter().map(ClientError::Refused));
    all.extend(every_rule().into_iter().map(ClientError::Invalid));
    all
}

#[test]
fn every_reason_has_a_sentence_of_its_own() {
    let mut seen = std::collections::BTreeSet::new();
    for e in every_error() {
        for backend in ["", "Isso"] {
            let s = e.reader_message_from(backend);
            assert!(s.starts_with(|c: char| c.is_uppercase()), "{e:?}: {s}");
            assert!(s.ends_with('.'), "{e:?}: {s}");
            assert!(!s.contains('{') && !s.contains("  "), "{e:?}: {s}");
        }
        assert!(seen.insert(e.reader_message()), "two reasons share the sentence of {e:?}");
    }
}

#[test]
fn the_reader_never_sees_internals() {
    let e = ClientError::Network("TypeError: Failed to fetch".into());
    assert_eq!(
        e.reader_message(),
        "We couldn't reach the comments server. Check your connection, then try again."
    );
    assert!(e.reader_message_from("Isso").contains("the Isso comments server"));
    let e = ClientError::Decode("expected value at line 1".into());
    assert_eq!(
        e.reader_message_from("Waline"),
        "The Waline comments server sent an answer we couldn't read."
    );
    assert_eq!(
        ClientError::Status(503).reader_message(),
        "The comments server ran into a problem. Please try again in a moment."
    );
    assert_eq!(
        ClientError::Status(404).reader_message_from("Isso"),
        "The Isso comments server refused the request (404)."
    );
}

#[test]
fn known_codes_are_worded_by_the_widget_not_the_server() {
    let answer = |status, code, message: &str| {
        let detail = ErrorDetail { code, message: message.into(), field: None };
        ClientError::from_native(status, Some(detail)).reader_message_from("Threadline")
    };
    let too_fast = "You're posting a little fast. Please wait a moment, then try again.";
    assert_eq!(answer(429, ErrorCode::RateLimited, "Wait 42 seconds."), too_fast);
    assert_eq!(answer(409, ErrorCode::Duplicate, "Dupe!"), "You have already posted this comment.");
    assert_eq!(
        answer(422, ErrorCode::UnknownParent, "gone"),
        "The comment you are replying to no longer exists."
    );
    assert_eq!(
        answer(403, ErrorCode::ChallengeFailed, "x"),
        "The anti-spam check failed. Please post again."
    );
    assert_eq!(
        answer(500, ErrorCode::Internal, "Something went wrong on the server."),
        "The Threadline comments server ran into a problem. Please try again in a moment."
    );
    // The same reason from another backend reads the same.
    assert_eq!(ClientError::from(Refusal::TooFast).reader_message_from("WordPress"), too_fast);
    assert_eq!(ClientError::status(429).reader_message(), too_fast);
}

#[test]
fn unknown_codes_and_field_errors_fall_back_to_the_servers_words() {
    let newer: ErrorCode = serde_json::from_str("\"thread_key_refused\"").unwrap();
    let detail =
        ErrorDetail { code: newer, message: "This site opens threads for /posts/ only.".into(), field: None };
    let e = ClientError::from_native(400, Some(detail));
    assert_eq!(e.reader_message(), "This site opens threads for /posts/ only.");
    let detail = ErrorDetail {
        code: ErrorCode::InvalidField,
        message: "That website is on this site's block list.".into(),
        field: Some("website".into()),
    };
    let e = ClientError::from_native(400, Some(detail));
    assert_eq!(
        (e.reader_message().as_str(), e.field()),
        ("That website is on this site's block list.", Some("website"))
    );
}

#[test]
fn hostile_backend_text_stays_plain_text_and_short() {
    let markup = r#"<img src=x onerror=alert(1)> &amp; <b>bold</b>"#;
    let said = |message: String| ClientError::from(Refusal::Said { message, field: None }).reader_message();
    assert_eq!(said(format!("  {markup}\n")), markup, "trimmed, never decoded or stripped");
    let long = said("é".repeat(10_000));
    assert_eq!(long.chars().count(), BACKEND_TEXT_MAX_CHARS + 1);
    assert!(long.ends_with('…'));
    assert_eq!(said("x".repeat(BACKEND_TEXT_MAX_CHARS)).chars().count(), BACKEND_TEXT_MAX_CHARS);
}

#[test]
fn rules_name_their_limit() {
    let say = |v| ClientError::Invalid(v).reader_message();
    assert_eq!(
        say(ValidationError::TooShort { field: "text", min: 3 }),
        "Please write at least 3 characters."
    );
    assert_eq!(
        say(ValidationError::TooLong { field: "author", max: 64 }),
        "Your name is too long: at most 64 characters."
    );
    assert_eq!(
        say(ValidationError::Required("email")),
        "This site asks for an email address. It is never published."
    );
    #[cfg(feature = "isso")]
    assert_eq!(
        ClientError::from(Refusal::BrokeRules { min_text: 3 }).reader_message_from("Isso"),
        "The Isso comments server refused this comment. Comments need at least 3 characters, and a valid email \
         and website if given."
    );
}

#[test]
fn moderation_codes_are_worded_by_the_widget() {
    let answer = |status, code, message: &str, field: Option<&str>| {
        let detail = ErrorDetail { code, message: message.into(), field: field.map(str::to_string) };
        ClientError::from_native(status, Some(detail))
    };
    let said = |status, code, message: &str| answer(status, code, message, None).reader_message();
    assert_eq!(said(403, ErrorCode::ThreadLocked, "Locked!"), "This discussion is closed to new comments.");
    assert_eq!(said(409, ErrorCode::AlreadyReported, "Again?"), "You have already reported this comment.");
    assert_eq!(
        said(401, ErrorCode::Unauthorized, "401"),
        "Your moderator session has ended. Please sign in again."
    );
    assert_eq!(said(403, ErrorCode::Forbidden, "403"), "You are not a moderator of this site.");
    // A ban: the widget says why, the server until when.
    assert_eq!(
        said(403, ErrorCode::Banned, "You cannot post on this site until 2026-12-31 12:00 (UTC)."),
        "A moderator has blocked you from commenting on this site. You cannot post on this site until \
         2026-12-31 12:00 (UTC)."
    );
    assert_eq!(said(403, ErrorCode::Banned, ""), "A moderator has blocked you from commenting on this site.");
}

#[test]
fn a_screening_refusal_shows_the_servers_reason_next_to_its_field() {
    let reason = "This site does not publish comments like this: your name was refused by its screening \
                  (insult). Please rephrase it.";
    let detail = ErrorDetail {
        code: ErrorCode::CommentRejected,
        message: reason.into(),
        field: Some("author".into()),
    };
    let e = ClientError::from_native(422, Some(detail));
    assert_eq!((e.reader_message().as_str(), e.field()), (reason, Some("author")));
    // Markup in the server's reason stays text, and a blank reason gets the widget's words.
    let hostile = ClientError::from(Refusal::Rejected { message: "<b>no</b>".into(), field: None });
    assert_eq!(hostile.reader_message(), "<b>no</b>");
    let blank = ClientError::from(Refusal::Rejected { message: "".into(), field: None });
    assert_eq!(blank.reader_message(), "This site does not publish comments like this. Please rephrase it.");
}
