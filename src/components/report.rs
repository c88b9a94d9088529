//! A comment's Report button and its reason dialog: a native modal `<dialog>`, so the browser
//! itself makes the page behind it inert, moves focus into it and closes it on Escape.

use crate::effects::report::report;
use crate::effects::ThreadCtx;
use crate::error::{ClientError, Refusal};
use crate::i18n::{self, Catalogue};
use crate::k;
use crate::state::report::{ReportAction, ReportState, Reported};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// "Report", then "Reported" once the server has the reader's report, for comment `id`, as a
/// hook of the comment's view rather than a component of its own (a component costs the
/// bundle about 400 B; docs/size.md). The comment shows what it answers where reports are taken.
#[hook]
pub fn use_report_button(id: &Rc<str>, ctx: Option<Rc<ThreadCtx>>) -> Html {
    let tr = i18n::use_tr();
    let state = use_reducer(ReportState::default);
    let (button, dialog) = (use_node_ref(), use_node_ref());
    {
        // Opened: show it as a modal. Closed again (Cancel, Escape or a sent report): focus goes
        // back where the reader was.
        let (button, dialog) = (button.clone(), dialog.clone());
        use_effect_with((state.open, state.opened), move |(open, opened)| {
            if *open {
                if let Some(d) = dialog.cast::<HtmlDialogElement>().filter(|d| !d.open()) {
                    let _ = d.show_modal();
                }
            } else if *opened > 0 {
                if let Some(b) = button.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };
    let open = {
        let state = state.clone();
        move |_| state.dispatch(ReportAction::Open)
    };
    let status = match state.done {
        Some(Reported::Now) => tr.t(k!("report_thanks")).into(),
        Some(Reported::Before) => ClientError::from(Refusal::AlreadyReported).reader_message(&tr).into(),
        None => AttrValue::default(),
    };
    html! {
        <>
            // Still focusable once done (aria-disabled, not disabled), so focus can come back to it.
            <button ref={button} type="button" class="tl-report tl-link-button" aria-haspopup="dialog"
                aria-disabled={super::bool_attr(state.done.is_some())} onclick={open}>
                { if state.done.is_some() { tr.t(k!("reported")) } else { tr.t(k!("report")) } }
            </button>
            <span class="tl-report-status" role="status">{ status }</span>
            if state.open {
                { report_dialog(&tr, &ctx, id, &state, dialog) }
            }
        </>
    }
}

/// The dialog: a reason (radio group), an optional note, Send and Cancel.
fn report_dialog(
    tr: &Catalogue,
    ctx: &Rc<ThreadCtx>,
    id: &Rc<str>,
    state: &UseReducerHandle<ReportState>,
    dialog: NodeRef,
) -> Html {
    let title = AttrValue::from(format!("tl-report-{id}-title"));
    let note = AttrValue::from(format!("tl-report-{id}-note"));
    let close = {
        let state = state.clone();
        Callback::from(move |_: Event| state.dispatch(ReportAction::Close))
    };
    let cancel = close.reform(|e: Event| {
        // The state closes the dialog (and returns focus) itself, the same way as Cancel.
        e.prevent_default();
        e
    });
    let onsubmit = {
        let (ctx, id, state) = (ctx.clone(), id.clone(), state.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            report(&ctx, id.clone(), &state);
        })
    };
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| keep_tab_inside(&e, &dialog))
    };
    let error = state.error.as_ref().map(|e| e.reader_message(tr));
    // One form per dialog, and radios are grouped per form: the name needs no comment id.
    let reasons = i18n::REPORT_REASONS.iter().map(|(reason, label)| {
        let (state, reason) = (state.clone(), *reason);
        html! {
            <label class="tl-report-reason">
                <input type="radio" name="reason" checked={state.reason == Some(reason)}
                    onchange={move |_| state.dispatch(ReportAction::Choose(reason))} />
                { tr.t(*label) }
            </label>
        }
    });
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                state.dispatch(ReportAction::Note(t.value()));
            }
        })
    };
    html! {
        <dialog ref={dialog} class="tl-dialog" role="dialog" aria-modal="true" aria-labelledby={title.clone()}
            oncancel={cancel} {onkeydown}>
            <form class="tl-report-form" novalidate=true {onsubmit} aria-busy={super::bool_attr(state.busy)}>
                <h3 class="tl-dialog-title" id={title}>{ tr.t(k!("report_title")) }</h3>
                <fieldset class="tl-report-reasons">
                    <legend>{ tr.t(k!("report_why")) }</legend>
                    { for reasons }
                </fieldset>
                <div class="tl-field">
                    <label for={note.clone()}>{ tr.t(k!("report_note")) }</label>
                    <textarea id={note} name="note" rows="3" maxlength={NOTE_MAX_ATTR}
                        value={state.note.clone()} {oninput} />
                </div>
                if let Some(msg) = error {
                    <p class="tl-form-error" role="alert">{ msg }</p>
                }
                <div class="tl-form-actions">
                    <button type="submit" class="tl-button" aria-disabled={super::bool_attr(state.busy)}>
                        { if state.busy { tr.t(k!("report_sending")) } else { tr.t(k!("report_send")) } }
                    </button>
                    <button type="button" class="tl-dialog-cancel tl-link-button" onclick={close.reform(Event::from)}>
                        { tr.t(k!("cancel")) }
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// The text area's `maxlength`: [`threadline_protocol::moderation::REPORT_NOTE_MAX`], written out so that it costs no formatting.
const NOTE_MAX_ATTR: &str = "500";

/// Tab from the last control goes to the first, Shift+Tab from the first to the last. The
/// modal dialog already makes the page inert; this keeps focus off the browser's own toolbar
/// too. The first control is the radio group, which Tab enters and leaves as one stop.
fn keep_tab_inside(e: &KeyboardEvent, dialog: &NodeRef) {
    let (Some(dialog), Some(from)) = (dialog.cast::<Element>(), e.target_dyn_into::<Element>()) else {
        return;
    };
    let is = |selector: &str| from.matches(selector).unwrap_or(false);
    // In order of preference: Tab enters a radio group at its checked radio.
    let to: &[&str] = match (e.key().as_str(), e.shift_key()) {
        ("Tab", false) if is(".tl-dialog-cancel") => &["input:checked", "input[type=radio]"],
        ("Tab", true) if is("input[type=radio]") => &[".tl-dialog-cancel"],
        _ => return,
    };
    let found = to.iter().find_map(|s| dialog.query_selector(s).ok().flatten());
    if let Some(el) = found.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        e.prevent_default();
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_note_limit_is_the_protocols() {
        let max = threadline_protocol::moderation::REPORT_NOTE_MAX;
        assert_eq!(super::NOTE_MAX_ATTR, max.to_string());
    }
}
