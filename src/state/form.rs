//! The reply form's state machine: field edits, submission, failure and success. Whatever the
//! reader typed survives a failure; only success clears the text.

use super::draft::Identity;
use crate::api::{validate_draft, Capabilities, Draft};
use crate::error::ClientError;
use crate::i18n::Catalogue;
use std::rc::Rc;
use yew::Reducible;

/// A form field, named as on the wire so that server errors find their field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The comment text.
    Text,
    /// The author's name.
    Author,
    /// The author's email.
    Email,
    /// The author's website.
    Website,
    /// The comment's content warning.
    Warning,
}

impl Field {
    /// The wire name of the field (`author`, `email`, `website`, `text`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Author => "author",
            Field::Email => "email",
            Field::Website => "website",
            Field::Warning => "warning",
        }
    }
}

/// The form's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormState {
    /// What the reader typed.
    pub draft: Draft,
    /// The last error, shown next to its field or above the buttons.
    pub error: Option<ClientError>,
    /// True while a post is in flight.
    pub busy: bool,
    /// The comment just posted waits for a moderator: the form says so until the next edit.
    pub held: bool,
    /// The reader opened the content-warning field; it closes with a successful post.
    pub warning_open: bool,
    /// The browser is offline: the comment waits in the outbox until it is back.
    pub queued: bool,
}

impl FormState {
    /// The current value of a field.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Text => &self.draft.text,
            Field::Author => &self.draft.author,
            Field::Email => &self.draft.email,
            Field::Website => &self.draft.website,
            Field::Warning => &self.draft.warning,
        }
    }

    /// The error message to show next to `field`, if the last error is about it.
    pub fn error_for(&self, tr: &Catalogue, backend: &str, field: Field) -> Option<String> {
        self.error
            .as_ref()
            .filter(|e| e.field() == Some(field.name()))
            .map(|e| e.reader_message_from(tr, backend))
    }

    /// Whether the content-warning field shows: on request, and whenever it holds a warning
    /// (one restored after a reload opens it by itself).
    pub fn shows_warning(&self) -> bool {
        self.warning_open || !self.draft.warning.is_empty()
    }

    /// The error message that belongs to no field.
    pub fn form_error(&self, tr: &Catalogue, backend: &str) -> Option<String> {
        let fields = ["text", "author", "email", "website", "warning"];
        self.error
            .as_ref()
            .filter(|e| e.field().is_none_or(|f| !fields.contains(&f)))
            .map(|e| e.reader_message_from(tr, backend))
    }
}

/// What can happen to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormAction {
    /// The reader changed a field.
    Edit(Field, String),
    /// A post started; the key identifies this comment across retries.
    Submit(String),
    /// The browser is offline: the comment waits in the outbox, to be sent when it is back.
    Queued,
    /// Validation or the post failed.
    Failed(ClientError),
    /// The post succeeded; `held` when the comment waits for a moderator.
    Posted {
        /// The backend holds the comment for review.
        held: bool,
    },
    /// Something filled the hidden honeypot field.
    Honeypot(String),
    /// The reader asked for the content-warning field.
    OpenWarning,
    /// The reader ticked or cleared "Email me when someone replies".
    Notify(bool),
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        Rc::new(reduce_form((*self).clone(), action))
    }
}

/// The transition function of the form.
pub fn reduce_form(mut s: FormState, action: FormAction) -> FormState {
    match action {
        FormAction::Edit(field, value) => {
            s.held = false;
            if s.error.as_ref().and_then(ClientError::field) == Some(field.name()) {
                s.error = None;
            }
            // Different words make a different comment: a new key next time.
            s.draft.idempotency_key = None;
            match field {
                Field::Text => s.draft.text = value,
                Field::Author => s.draft.author = value,
                Field::Email => s.draft.email = value,
                Field::Website => s.draft.website = value,
                Field::Warning => s.draft.warning = value,
            }
        }
        FormAction::Submit(key) => {
            s.busy = true;
            s.queued = false;
            s.held = false;
            s.error = None;
            s.draft.idempotency_key.get_or_insert(key);
        }
        FormAction::Queued => s.queued = true,
        FormAction::Failed(e) => {
            s.busy = false;
            s.queued = false;
            s.error = Some(e);
        }
        FormAction::Posted { held } => {
            s.busy = false;
            s.queued = false;
            s.held = held;
            s.error = None;
            s.draft.text.clear();
            s.draft.warning.clear();
            s.warning_open = false;
            s.draft.idempotency_key = None;
        }
        FormAction::Honeypot(value) => s.draft.homepage = value,
        FormAction::OpenWarning => s.warning_open = true,
        FormAction::Notify(on) => {
            s.draft.notify = on;
            // Without the box ticked, a missing email is no longer an error.
            if !on && s.error.as_ref().and_then(ClientError::field) == Some("email") {
                s.error = None;
            }
        }
    }
    s
}

/// Readies a draft for posting: checks it against the shared limits and the backend's demands,
/// gives it an idempotency key unless an earlier try of the same words has one, and returns the
/// identity to remember for the next comment.
pub fn prepare_post(
    thread: &str,
    mut draft: Draft,
    caps: &Capabilities,
    new_key: impl FnOnce() -> String,
) -> Result<(Draft, Identity), ClientError> {
    let identity = Identity {
        author: draft.author.trim().into(),
        email: draft.email.trim().into(),
        website: draft.website.trim().into(),
        notify: draft.notify,
    };
    // A custom mapping whose post body has no `{email}` or `{website}` gets no such field in
    // the form: a remembered value is neither checked (the reader could not see the error) nor
    // sent, and stays remembered for the sites that ask for it.
    #[cfg(feature = "custom")]
    {
        if !caps.email {
            draft.email.clear();
        }
        if !caps.website {
            draft.website.clear();
        }
    }
    // A backend that takes no content warning is never sent one it would drop.
    if !caps.warnings {
        draft.warning.clear();
    }
    // Nor is a server that sends no mail asked for notifications.
    draft.notify &= caps.mail;
    validate_draft(thread, &draft, caps)?;
    draft.idempotency_key.get_or_insert_with(new_key);
    Ok((draft, identity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::catalogue::english;

    fn draft(text: &str, email: &str) -> Draft {
        Draft { author: " Ann ".into(), email: email.into(), text: text.into(), ..Default::default() }
    }

    #[test]
    fn prepared_posts_keep_their_key_and_remember_a_trimmed_identity() {
        let caps = Capabilities::BASE;
        let (d, id) = prepare_post("/t", draft("Hello", ""), &caps, || "new".into()).unwrap();
        assert_eq!((d.idempotency_key.as_deref(), id.author.as_str()), (Some("new"), "Ann"));
        let retried = Draft { idempotency_key: Some("old".into()), ..draft("Hello", "") };
        let (d, _) = prepare_post("/t", retried, &caps, || "new".into()).unwrap();
        assert_eq!(d.idempotency_key.as_deref(), Some("old"), "a retry of the same words keeps its key");
    }

    #[test]
    fn an_offline_post_waits_busy_then_sends_with_the_same_key() {
        let s = reduce_form(
            FormState { draft: draft("Hello", ""), ..Default::default() },
            FormAction::Submit("k1".into()),
        );
        let s = reduce_form(s, FormAction::Queued);
        assert!(s.busy && s.queued, "the form says it waits, and cannot be sent twice");
        let s = reduce_form(s, FormAction::Submit("k2".into()));
        assert_eq!((s.queued, s.draft.idempotency_key.as_deref()), (false, Some("k1")));
        let s = reduce_form(reduce_form(s, FormAction::Queued), FormAction::Posted { held: false });
        assert!(!s.busy && !s.queued && s.draft.text.is_empty());
    }

    #[test]
    fn prepared_posts_follow_the_backends_rules() {
        let caps = Capabilities { email_required: true, min_text: 10, ..Capabilities::BASE };
        let err = prepare_post("/t", draft("Long enough text", " "), &caps, String::new).unwrap_err();
        assert_eq!(err.field(), Some("email"));
        let err = prepare_post("/t", draft("Short", "a@b.example"), &caps, String::new).unwrap_err();
        assert_eq!(err.field(), Some("text"));
        assert!(prepare_post("/t", draft("Long enough text", "a@b.example"), &caps, String::new).is_ok());
    }
    use threadline_protocol::ValidationError;

    #[cfg(feature = "custom")]
    #[test]
    fn fields_the_form_hides_are_not_checked_or_sent_but_stay_remembered() {
        let caps = Capabilities { email: false, website: false, ..Capabilities::BASE };
        let remembered = Draft { website: "not a url".into(), ..draft("Hello", "ann@a.example") };
        let (d, id) = prepare_post("/t", remembered.clone(), &caps, String::new).unwrap();
        assert_eq!((d.email.as_str(), d.website.as_str()), ("", ""), "not sent");
        assert_eq!((id.email.as_str(), id.website.as_str()), ("ann@a.example", "not a url"), "kept");
        let err = prepare_post("/t", remembered, &Capabilities::BASE, String::new).unwrap_err();
        assert_eq!(err.field(), Some("website"), "a shown field is checked");
    }

    #[test]
    fn failure_keeps_the_text_and_success_clears_it() {
        let s = reduce_form(FormState::default(), FormAction::Edit(Field::Text, "Hello".into()));
        let s = reduce_form(s, FormAction::Submit("k1".into()));
        assert!(s.busy);
        let retried = reduce_form(
            reduce_form(s.clone(), FormAction::Failed(ClientError::Network("x".into()))),
            FormAction::Submit("k2".into()),
        );
        assert_eq!(
            retried.draft.idempotency_key.as_deref(),
            Some("k1"),
            "a retry of the same words keeps its key"
        );
        let s = reduce_form(s, FormAction::Failed(ClientError::Invalid(ValidationError::Required("author"))));
        assert_eq!((s.value(Field::Text), s.busy), ("Hello", false));
        assert_eq!(s.error_for(&english(), "", Field::Author).as_deref(), Some("Please enter your name."));
        assert_eq!(s.form_error(&english(), ""), None);
        let s = reduce_form(s, FormAction::Edit(Field::Author, "Ann".into()));
        assert_eq!(s.error, None, "editing the field at fault clears its error");
        assert_eq!(s.draft.idempotency_key, None, "edited words are a new comment");
        let s = reduce_form(s, FormAction::Posted { held: false });
        assert_eq!((s.value(Field::Text), s.value(Field::Author), s.held), ("", "Ann", false));
    }

    #[test]
    fn a_content_warning_is_kept_like_the_text_and_sent_only_where_it_is_taken() {
        let s = reduce_form(FormState::default(), FormAction::OpenWarning);
        assert!(s.shows_warning());
        let s = reduce_form(s, FormAction::Edit(Field::Warning, "Spoilers".into()));
        let s = reduce_form(s, FormAction::Failed(ClientError::Network("x".into())));
        assert_eq!(s.value(Field::Warning), "Spoilers", "a failure keeps it");
        let restored = FormState {
            draft: Draft { warning: "Spoilers".into(), ..Draft::default() },
            ..FormState::default()
        };
        assert!(restored.shows_warning(), "a warning restored after a reload shows");
        let with = Draft { warning: "Spoilers".into(), ..draft("Hello", "") };
        let native = Capabilities { warnings: true, ..Capabilities::BASE };
        assert_eq!(prepare_post("/t", with.clone(), &native, String::new).unwrap().0.warning, "Spoilers");
        let other = prepare_post("/t", with.clone(), &Capabilities::BASE, String::new).unwrap().0;
        assert_eq!(other.warning, "", "a backend without warnings is not sent one");
        let long = Draft { warning: "x".repeat(101), ..with };
        let err = prepare_post("/t", long, &native, String::new).unwrap_err();
        assert_eq!(err.field(), Some("warning"));
        let s = reduce_form(s, FormAction::Posted { held: false });
        assert_eq!(s.value(Field::Warning), "", "a stored comment takes its warning with it");
        assert!(!s.shows_warning(), "and the field closes");
    }

    #[test]
    fn a_held_comment_is_announced_until_the_reader_writes_again() {
        let s = reduce_form(FormState::default(), FormAction::Edit(Field::Text, "Hello".into()));
        let s =
            reduce_form(reduce_form(s, FormAction::Submit("k".into())), FormAction::Posted { held: true });
        assert!(s.held && s.draft.text.is_empty());
        assert!(!reduce_form(s.clone(), FormAction::Edit(Field::Text, "More".into())).held);
        assert!(!reduce_form(s, FormAction::Submit("k2".into())).held);
    }

    #[test]
    fn errors_without_a_field_show_on_the_form() {
        let s = reduce_form(FormState::default(), FormAction::Failed(ClientError::Network("x".into())));
        assert!(s.form_error(&english(), "").is_some());
        assert_eq!(s.error_for(&english(), "", Field::Text), None);
    }

    #[test]
    fn reply_notifications_need_an_email_and_a_server_with_mail() {
        let ticked = reduce_form(FormState::default(), FormAction::Notify(true));
        assert!(ticked.draft.notify);
        let mail = Capabilities { mail: true, ..Capabilities::BASE };
        let asked = Draft { notify: true, ..draft("Hello there", "") };
        let refused = prepare_post("/t", asked.clone(), &mail, || "k".into());
        assert_eq!(refused.unwrap_err().field(), Some("email"), "the email field says why");
        let (sent, identity) =
            prepare_post("/t", Draft { email: "ann@example.org".into(), ..asked.clone() }, &mail, || {
                "k".into()
            })
            .unwrap();
        assert!(sent.notify && identity.notify, "sent, and remembered for the next comment");
        let (sent, _) = prepare_post("/t", asked, &Capabilities::BASE, || "k".into()).unwrap();
        assert!(!sent.notify, "a server without mail is not asked");
        // Clearing the box clears the error it caused.
        let failed = reduce_form(ticked, FormAction::Failed(ValidationError::Required("email").into()));
        assert_eq!(reduce_form(failed, FormAction::Notify(false)).error, None);
    }
}
