//! Posting a comment: what the form remembers in `localStorage`, and the post itself.

use super::context::ThreadCtx;
use crate::api::{Draft, Posted};
use crate::model::Status;
use crate::state::draft::{parse_identity, warning_key, Identity, IDENTITY_KEY};
use crate::state::form::{prepare_post, FormAction, FormState};
use crate::state::Action;
use crate::storage;
use std::rc::Rc;
use yew::{Callback, UseReducerDispatcher};

/// A form that starts with the reader's remembered identity and the text they had typed under
/// `draft_key` before a failure or a reload.
pub fn restore_form(
    parent: Option<Rc<str>>,
    root: Option<Rc<str>>,
    parent_author: Option<String>,
    draft_key: &str,
) -> FormState {
    let id = parse_identity(storage::get(IDENTITY_KEY).as_deref());
    let draft = Draft {
        parent,
        root,
        parent_author,
        author: id.author,
        email: id.email,
        website: id.website,
        notify: id.notify,
        text: storage::get(draft_key).unwrap_or_default(),
        warning: storage::get(&warning_key(draft_key)).unwrap_or_default(),
        // A comment that waited for the connection when the page was left: the form sends it
        // again, with its first key.
        #[cfg(feature = "native")]
        idempotency_key: super::outbox::waiting(draft_key),
        ..Default::default()
    };
    FormState { draft, ..Default::default() }
}

#[cfg(not(feature = "foreign"))]
/// The form that edits `comment`: what the reader typed under `draft_key` before a failure or
/// a reload, else the comment's text and warning as they are.
pub fn restore_edit(comment: &crate::model::Comment, draft_key: &str) -> FormState {
    let draft = Draft {
        text: storage::get(draft_key).unwrap_or_else(|| comment.text.clone()),
        warning: storage::get(&warning_key(draft_key))
            .unwrap_or_else(|| comment.warning.clone().unwrap_or_default()),
        ..Default::default()
    };
    FormState { draft, ..Default::default() }
}

#[cfg(not(feature = "foreign"))]
/// Saves the author's edit of `comment`: the comment takes its new shape in the thread and the
/// form closes; a refusal goes back to the form, with the text kept.
pub fn save_edit(ctx: &Rc<ThreadCtx>, comment: &Rc<crate::model::Comment>, request: PostRequest) {
    let PostRequest { draft, draft_key, form, on_posted } = request;
    let Some(token) = super::author::token(&ctx.backend) else { return };
    form.dispatch(FormAction::Submit(String::new()));
    let (ctx, before) = (ctx.clone(), Rc::clone(comment));
    wasm_bindgen_futures::spawn_local(async move {
        match ctx.backend.edit_own(&before.id, &draft.text, &draft.warning, &token).await {
            Ok(mut now) => {
                storage::set(&draft_key, "");
                storage::set(&warning_key(&draft_key), "");
                (now.own, now.my_vote) = (true, before.my_vote);
                ctx.dispatch.emit(Action::Changed(ctx.load, now));
                if let Some(cb) = on_posted {
                    cb.emit(());
                }
            }
            Err(err) => form.dispatch(FormAction::Failed(err)),
        }
    });
}

/// Keeps the unsent text of a form, so that it survives a failed post and a reload.
pub fn remember_text(draft_key: &str, text: &str) {
    storage::set(draft_key, text);
}

/// Keeps the name, email and website (for every form of the site): as the reader types them,
/// so that they survive a reload before the comment is posted, as the text does, and as posted.
pub fn remember_identity(identity: &Identity) {
    storage::set(IDENTITY_KEY, &serde_json::to_string(identity).unwrap_or_default());
}

/// Keeps the unsent content warning of a form, beside its text.
pub fn remember_warning(draft_key: &str, warning: &str) {
    storage::set(&warning_key(draft_key), warning);
}

/// One press of a form's submit button.
pub struct PostRequest {
    /// What the reader typed.
    pub draft: Draft,
    /// Where the unsent text is kept; cleared once the comment is stored.
    pub draft_key: String,
    /// The form's own state machine.
    pub form: UseReducerDispatcher<FormState>,
    /// Called after the comment is stored (an in-place reply form closes).
    pub on_posted: Option<Callback<()>>,
}

/// Checks the draft, remembers the reader's identity, and posts. The stored comment goes into
/// the thread (under the load the form belongs to); a failure goes back to the form, with the
/// text kept.
pub fn post(ctx: &Rc<ThreadCtx>, request: PostRequest) {
    let PostRequest { draft, draft_key, form, on_posted } = request;
    let (draft, identity) = match prepare_post(&ctx.thread, draft, &ctx.caps, new_key) {
        Ok(prepared) => prepared,
        Err(err) => return form.dispatch(FormAction::Failed(err)),
    };
    remember_identity(&identity);
    let key = draft.idempotency_key.clone().unwrap_or_default();
    form.dispatch(FormAction::Submit(key.clone()));
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // Offline: the comment waits in the outbox (a reload finds it there) until the browser
        // is back, then goes with its first key.
        #[cfg(feature = "native")]
        if super::outbox::is_offline() {
            super::outbox::keep(&draft_key, &key);
            form.dispatch(FormAction::Queued);
            super::outbox::back_online().await;
            form.dispatch(FormAction::Submit(key));
        }
        let author = super::author::token(&ctx.backend);
        let answer = ctx.backend.post(&ctx.thread, &draft, author.as_deref()).await;
        // Sent: stored, or refused with the text kept in the form, which sends it again.
        #[cfg(feature = "native")]
        super::outbox::done(&draft_key);
        match answer {
            Ok(Posted { comment, author_token }) => {
                super::author::keep(&ctx.backend, author_token.as_deref());
                // A comment of one's own, to edit or delete later (an author token says so).
                #[cfg(not(feature = "foreign"))]
                let comment = match author_token {
                    Some(_) => super::mine::posted(&ctx.backend, comment),
                    None => comment,
                };
                storage::set(&draft_key, "");
                storage::set(&warning_key(&draft_key), "");
                form.dispatch(FormAction::Posted { held: comment.status == Status::Pending });
                ctx.dispatch.emit(Action::Posted(ctx.load, comment));
                if let Some(cb) = on_posted {
                    cb.emit(());
                }
            }
            Err(err) => form.dispatch(FormAction::Failed(err)),
        }
    });
}

/// A random key for `Idempotency-Key`: 128 bits from the browser's generator.
fn new_key() -> String {
    (0..4).map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_296.0) as u32)).collect()
}
