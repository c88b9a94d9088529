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
        Refusal::Banned { until_ms: Some(1_798_718_400_000) },
        Refusal::Banned { until_ms: None },
        Refusal::InvalidField { field: "website".into(), message: String::new() },
        Refusal::NotYourComment,
        Refusal::EditWindowClosed,
        Refusal::Forbidden,
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
            | Refusal::InvalidField { .. }
            | Refusal::NotYourComment
            | Refusal::EditWindowClosed
            | Refusal::Forbidden
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

/// The reasons only the WordPress and Isso adapters give.
fn adapter_only(r: &Refusal) -> bool {
    match r {
        #[cfg(any(feature = "wordpress", feature = "isso"))]
        Refusal::UnknownArticle => true,
        #[cfg(feature = "wordpress")]
        Refusal::NoPostAt(_) => true,
        #[cfg(feature = "isso")]
        Refusal::OriginNotAllowed | Refusal::BrokeRules { .. } => true,
        _ => false,
    }
}

#[test]
fn every_reason_has_a_sentence_of_its_own() {
    let mut seen = std::collections::BTreeSet::new();
    for e in every_error() {
        // What only an adapter says names its backend, which an adapter always has.
        let named_only = matches!(&e, ClientError::Refused(r) if adapter_only(r));
        for backend in if named_only { &["Isso"][..] } else { &["", "Isso"][..] } {
            let s = e.english_from(backend);
            assert!(s.starts_with(|c: char| c.is_uppercase()), "{e:?}: {s}");
            assert!(s.ends_with('.'), "{e:?}: {s}");
            assert!(!s.contains('{') && !s.contains("  "), "{e:?}: {s}");
        }
        assert!(seen.insert(e.english()), "two reasons share the sentence of {e:?}");
    }
}

#[test]
fn the_reader_never_sees_internals() {
    let e = ClientError::Network("TypeError: Failed to fetch".into());
    assert_eq!(e.english(), "We couldn't reach the comments server. Check your connection, then try again.");
    assert!(e.english_from("Isso").contains("the Isso comments server"));
    let e = ClientError::Decode("expected value at line 1".into());
    assert_eq!(e.english_from("Waline"), "The Waline comments server sent an answer we couldn't read.");
    assert_eq!(
        ClientError::Status(503).english(),
        "The comments server ran into a problem. Please try again in a moment."
    );
    assert_eq!(
        ClientError::Status(404).english_from("Isso"),
        "The Isso comments server refused the request (404)."
    );
}

#[test]
fn known_codes_are_worded_by_the_widget_not_the_server() {
    let answer = |status, code, message: &str| {
        let detail = ErrorDetail { code, message: message.into(), field: None, until: None };
        ClientError::from_native(status, Some(detail)).english_from("Threadline")
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
    assert_eq!(ClientError::from(Refusal::TooFast).english_from("WordPress"), too_fast);
    assert_eq!(ClientError::status(429).english(), too_fast);
}

#[test]
fn only_unknown_codes_fall_back_to_the_servers_words() {
    let newer: ErrorCode = serde_json::from_str("\"thread_key_refused\"").unwrap();
    let detail = ErrorDetail {
        code: newer,
        message: "This site opens threads for /posts/ only.".into(),
        field: None,
        until: None,
    };
    let e = ClientError::from_native(400, Some(detail));
    assert_eq!(e.english(), "This site opens threads for /posts/ only.");
    // A field the server refused for a rule of its own: next to the field, in the server's
    // words for an English reader (they name the rule), else the widget's.
    let detail = ErrorDetail {
        code: ErrorCode::InvalidField,
        message: "That website is on this site's block list.".into(),
        field: Some("website".into()),
        until: None,
    };
    let e = ClientError::from_native(400, Some(detail));
    assert_eq!(
        (e.english().as_str(), e.field()),
        ("That website is on this site's block list.", Some("website"))
    );
    let german = crate::i18n::Catalogue::new("de", "de", crate::i18n::catalogue::Table::default());
    assert_eq!(
        e.reader_message(&german),
        "error.invalid_field",
        "the catalogue's key, not the English words"
    );
}

#[test]
fn hostile_backend_text_stays_plain_text_and_short() {
    let markup = r#"<img src=x onerror=alert(1)> &amp; <b>bold</b>"#;
    let said = |message: String| ClientError::from(Refusal::Said { message, field: None }).english();
    assert_eq!(said(format!("  {markup}\n")), markup, "trimmed, never decoded or stripped");
    let long = said("é".repeat(10_000));
    assert_eq!(long.chars().count(), BACKEND_TEXT_MAX_CHARS + 1);
    assert!(long.ends_with('…'));
    assert_eq!(said("x".repeat(BACKEND_TEXT_MAX_CHARS)).chars().count(), BACKEND_TEXT_MAX_CHARS);
}

#[test]
fn rules_name_their_limit() {
    let say = |v| ClientError::Invalid(v).english();
    assert_eq!(
        say(ValidationError::TooShort { field: "text", min: 3 }),
        "Please write at least 3 characters."
    );
    assert_eq!(
        say(ValidationError::TooLong { field: "author", max: 64 }),
        "Too long: at most 64 characters."
    );
    assert_eq!(
        say(ValidationError::Required("email")),
        "This site asks for an email address. It is never published."
    );
    #[cfg(feature = "isso")]
    assert_eq!(
        ClientError::from(Refusal::BrokeRules { min_text: 3 }).english_from("Isso"),
        "The Isso comments server refused this comment. Check your email and website, if you gave them. Please \
         write at least 3 characters."
    );
}

#[test]
fn moderation_codes_are_worded_by_the_widget() {
    let answer = |status, code, message: &str, field: Option<&str>| {
        let detail =
            ErrorDetail { code, message: message.into(), field: field.map(str::to_string), until: None };
        ClientError::from_native(status, Some(detail))
    };
    let said = |status, code, message: &str| answer(status, code, message, None).english();
    assert_eq!(said(403, ErrorCode::ThreadLocked, "Locked!"), "This discussion is closed to new comments.");
    assert_eq!(said(409, ErrorCode::AlreadyReported, "Again?"), "You have already reported this comment.");
    assert_eq!(
        said(401, ErrorCode::Unauthorized, "401"),
        "Your moderator session has ended. Please sign in again."
    );
    assert_eq!(said(403, ErrorCode::Forbidden, "403"), "You are not a moderator of this site.");
    // A ban: the widget says it, with the end the server gives (natively, the RFC 3339 stand-in
    // for the browser's `Intl.DateTimeFormat`).
    let detail = ErrorDetail {
        code: ErrorCode::Banned,
        message: "You cannot post on this site until 2026-12-31 12:00 (UTC).".into(),
        field: None,
        until: Some("2026-12-31T12:00:00Z".into()),
    };
    assert_eq!(
        ClientError::from_native(403, Some(detail)).english(),
        "A moderator has blocked you from commenting on this site until 2026-12-31T12:00:00Z."
    );
    assert_eq!(said(403, ErrorCode::Banned, ""), "A moderator has blocked you from commenting on this site.");
    assert_eq!(
        said(403, ErrorCode::EditWindowClosed, "15 minutes"),
        "The time for changing this comment has passed."
    );
    assert_eq!(
        said(403, ErrorCode::NotYourComment, "no"),
        "Only the author of this comment can change it, from the browser it was written in."
    );
}

#[test]
fn a_screening_refusal_is_worded_by_the_widget_next_to_its_field() {
    let reason = "This site does not publish comments like this: your name was refused by its screening \
                  (insult). Please rephrase it.";
    let detail = ErrorDetail {
        code: ErrorCode::CommentRejected,
        message: reason.into(),
        field: Some("author".into()),
        until: None,
    };
    let e = ClientError::from_native(422, Some(detail));
    let words = "This site does not publish comments like this. Please rephrase it.";
    assert_eq!((e.english().as_str(), e.field()), (words, Some("author")));
    // A foreign backend's own reason stays text, and a blank reason gets the widget's words.
    let hostile = ClientError::from(Refusal::Rejected { message: "<b>no</b>".into(), field: None });
    assert_eq!(hostile.english(), "<b>no</b>");
    let blank = ClientError::from(Refusal::Rejected { message: "".into(), field: None });
    assert_eq!(blank.english(), "This site does not publish comments like this. Please rephrase it.");
}
