//! The moderator's dialogs: a native modal `<dialog>` shell (the browser makes the page behind
//! it inert and moves focus into it; Escape cancels; focus goes back to the button that opened
//! it), and the reject, edit and ban forms inside it.

use crate::i18n::moderation as words;
use crate::k;
use crate::state::desk::{edit_request, optional, BanDraft, BAN_BY, EXPIRIES};
use threadline_protocol::moderation::ModeratorEdit;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement, HtmlTextAreaElement, ShadowRoot};
use yew::prelude::*;

/// Props of [`ModDialog`].
#[derive(Properties, PartialEq)]
pub struct ModDialogProps {
    /// A prefix unique to this dialog, for its elements' ids.
    pub id: AttrValue,
    /// The heading, which labels the dialog.
    pub title: AttrValue,
    /// The submit button's words.
    pub submit: AttrValue,
    /// A request is in flight.
    #[prop_or_default]
    pub busy: bool,
    /// Why the last attempt failed (submit again to retry).
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The action cannot be undone by the author (reject, ban): the submit button says so.
    #[prop_or_default]
    pub danger: bool,
    /// The form is sent.
    pub on_submit: Callback<()>,
    /// Cancel, or Escape.
    pub on_cancel: Callback<()>,
    /// The fields.
    pub children: Html,
}

/// A labelled modal dialog around a form, shown as soon as it is rendered.
#[function_component]
pub fn ModDialog(props: &ModDialogProps) -> Html {
    let tr = crate::i18n::use_tr();
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let d = dialog.cast::<HtmlDialogElement>();
            // The widget lives in a shadow root: the button that opened the dialog is its root's
            // active element.
            let opener = d
                .as_ref()
                .and_then(|d| d.get_root_node().dyn_into::<ShadowRoot>().ok())
                .and_then(|root| root.active_element())
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let Some(d) = &d {
                let _ = d.show_modal();
            }
            move || {
                // While the modal is open the page behind it is inert: close it, then focus.
                if let Some(d) = &d {
                    d.close();
                }
                if let Some(opener) = opener {
                    let _ = opener.focus();
                }
            }
        });
    }
    let title = AttrValue::from(format!("{}-title", props.id));
    let oncancel = props.on_cancel.reform(|e: Event| e.prevent_default());
    let onsubmit = props.on_submit.reform(|e: SubmitEvent| e.prevent_default());
    let busy = if props.busy { "true" } else { "false" };
    html! {
        <dialog ref={dialog} class="tl-dialog tl-mod-dialog" aria-labelledby={title.clone()} {oncancel}>
            <form class="tl-report-form" novalidate=true {onsubmit} aria-busy={busy}>
                <h3 class="tl-dialog-title" id={title}>{ props.title.clone() }</h3>
                { props.children.clone() }
                if let Some(msg) = props.error.clone() {
                    <p class="tl-form-error" role="alert">{ msg }</p>
                }
                <div class="tl-form-actions">
                    <button type="submit" class={classes!("tl-button", "tl-dialog-submit", props.danger.then_some("tl-dialog-danger"))}
                        aria-disabled={busy}>
                        { if props.busy { AttrValue::from(tr.t(k!("mod.working"))) } else { props.submit.clone() } }
                    </button>
                    <button type="button" class="tl-dialog-cancel tl-link-button"
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ tr.t(k!("mod.cancel")) }</button>
                </div>
            </form>
        </dialog>
    }
}

/// The value of the input or text area an event came from.
fn value_of(e: &InputEvent) -> String {
    let target = e.target();
    if let Some(t) = target.clone().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
        return t.value();
    }
    target.and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

/// Props of the dialogs that act on one comment.
#[derive(Properties, PartialEq)]
pub struct ActProps<T: PartialEq> {
    /// The comment's id, for the dialog's element ids.
    pub id: AttrValue,
    /// The comment's text (the edit dialog starts from it).
    #[prop_or_default]
    pub text: AttrValue,
    /// A request is in flight.
    #[prop_or_default]
    pub busy: bool,
    /// Why the last attempt failed.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Sends what the moderator filled in.
    pub on_send: Callback<T>,
    /// Closes the dialog.
    pub on_cancel: Callback<()>,
}

/// Reject, with an optional reason for the audit log.
#[function_component]
pub fn RejectDialog(props: &ActProps<Option<String>>) -> Html {
    let tr = crate::i18n::use_tr();
    let reason = use_state(String::new);
    let field = format!("tl-reject-{}-reason", props.id);
    let on_submit = {
        let (reason, send) = (reason.clone(), props.on_send.clone());
        Callback::from(move |()| send.emit(optional(&reason)))
    };
    let oninput = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| reason.set(value_of(&e)))
    };
    html! {
        <ModDialog id={format!("tl-reject-{}", props.id)} title={tr.t(k!("mod.reject_title"))} submit={tr.t(k!("mod.reject"))} danger=true
            busy={props.busy} error={props.error.clone()} {on_submit} on_cancel={props.on_cancel.clone()}>
            <div class="tl-field">
                <label for={field.clone()}>{ tr.t(k!("mod.reject_reason")) }</label>
                <input id={field} type="text" name="reason" maxlength="200" autocomplete="off"
                    value={(*reason).clone()} {oninput} />
            </div>
        </ModDialog>
    }
}

/// Edit the text, with an optional note; the text before goes to the audit log.
#[function_component]
pub fn EditDialog(props: &ActProps<ModeratorEdit>) -> Html {
    let tr = crate::i18n::use_tr();
    let text = use_state(|| props.text.to_string());
    let note = use_state(String::new);
    let invalid = use_state(|| false);
    let (text_id, note_id) = (format!("tl-edit-{}-text", props.id), format!("tl-edit-{}-note", props.id));
    let on_submit = {
        let (text, note, invalid, send) =
            (text.clone(), note.clone(), invalid.clone(), props.on_send.clone());
        Callback::from(move |()| match edit_request(&text, &note) {
            Some(edit) => send.emit(edit),
            None => invalid.set(true),
        })
    };
    let on_text = {
        let (text, invalid) = (text.clone(), invalid.clone());
        Callback::from(move |e: InputEvent| {
            text.set(value_of(&e));
            invalid.set(false);
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(value_of(&e)))
    };
    html! {
        <ModDialog id={format!("tl-edit-{}", props.id)} title={tr.t(k!("mod.edit_title"))} submit={tr.t(k!("mod.save"))}
            busy={props.busy} error={props.error.clone()} {on_submit} on_cancel={props.on_cancel.clone()}>
            <div class="tl-field">
                <label for={text_id.clone()}>{ tr.t(k!("mod.edit_text")) }</label>
                <textarea id={text_id} name="text" rows="6" required=true aria-invalid={invalid.to_string()}
                    value={(*text).clone()} oninput={on_text} />
            </div>
            <div class="tl-field">
                <label for={note_id.clone()}>{ tr.t(k!("mod.edit_note")) }</label>
                <input id={note_id} type="text" name="note" maxlength="200" autocomplete="off"
                    value={(*note).clone()} oninput={on_note} />
            </div>
        </ModDialog>
    }
}

/// Ban the author: what to match, for how long, and why.
#[function_component]
pub fn BanDialog(props: &ActProps<BanDraft>) -> Html {
    let tr = crate::i18n::use_tr();
    let draft = use_state(BanDraft::default);
    let reason_id = format!("tl-ban-{}-reason", props.id);
    let on_submit = {
        let (draft, send) = (draft.clone(), props.on_send.clone());
        Callback::from(move |()| send.emit((*draft).clone()))
    };
    let by = BAN_BY.iter().map(|by| {
        let (d, by) = (draft.clone(), *by);
        let onchange = Callback::from(move |_: Event| d.set(BanDraft { by, ..(*d).clone() }));
        html! {
            <label class="tl-report-reason">
                <input type="radio" name="by" value={by_value(by)} checked={draft.by == by} {onchange} />
                { words::ban_by(&tr, by) }
            </label>
        }
    });
    let lengths = EXPIRIES.iter().map(|hours| {
        let (d, hours) = (draft.clone(), *hours);
        let onchange = Callback::from(move |_: Event| d.set(BanDraft { hours, ..(*d).clone() }));
        html! {
            <label class="tl-mod-choice">
                <input type="radio" name="hours" checked={draft.hours == hours} {onchange} />
                { words::ban_length(&tr, hours) }
            </label>
        }
    });
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(BanDraft { reason: value_of(&e), ..(*draft).clone() }))
    };
    html! {
        <ModDialog id={format!("tl-ban-{}", props.id)} title={tr.t(k!("mod.ban_title"))} submit={tr.t(k!("mod.ban"))} danger=true
            busy={props.busy} error={props.error.clone()} {on_submit} on_cancel={props.on_cancel.clone()}>
            <fieldset class="tl-report-reasons">
                <legend>{ tr.t(k!("mod.ban_by")) }</legend>
                { for by }
            </fieldset>
            <fieldset class="tl-report-reasons tl-mod-lengths">
                <legend>{ tr.t(k!("mod.ban_for")) }</legend>
                { for lengths }
            </fieldset>
            <div class="tl-field">
                <label for={reason_id.clone()}>{ tr.t(k!("mod.ban_reason")) }</label>
                <input id={reason_id} type="text" name="reason" maxlength="200" autocomplete="off"
                    value={draft.reason.clone()} {oninput} />
            </div>
        </ModDialog>
    }
}

/// A radio's value, for tests and assistive tools.
fn by_value(by: threadline_protocol::moderation::BanBy) -> &'static str {
    use threadline_protocol::moderation::BanBy;
    match by {
        BanBy::Author => "author",
        BanBy::Email => "email",
        BanBy::Address => "address",
    }
}
