//! The comment form: at the top of the thread, or in place under a comment.

use super::body::rich_body;
use crate::effects::post::{remember_identity, remember_text, remember_warning};
#[cfg(not(feature = "foreign"))]
use crate::effects::post::{restore_edit, save_edit};
use crate::effects::{post, restore_form, PostRequest, ThreadCtx};
use crate::k;
use crate::state::draft::{edit_key, text_key, Identity};
use crate::state::form::{Field, FormAction};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`ReplyForm`].
#[derive(Properties, PartialEq)]
pub struct ReplyFormProps {
    /// The comment answered; `None` for the form at the top of the thread.
    #[prop_or_default]
    pub parent: Option<Rc<str>>,
    /// Name of the author answered, for the form's heading.
    #[prop_or_default]
    pub replying_to: Option<AttrValue>,
    /// The top-level comment above `parent`.
    #[prop_or_default]
    pub root: Option<Rc<str>>,
    /// Depth of `parent` in the thread (0 for a top-level comment).
    #[prop_or_default]
    pub parent_depth: usize,
    /// Shows a Cancel button that calls this.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// Called after a successful post (the comment itself goes to the thread via context).
    #[prop_or_default]
    pub on_posted: Option<Callback<()>>,
    /// The reader's own comment this form edits (text and warning only), in place of its body.
    #[prop_or_default]
    pub editing: Option<Rc<crate::model::Comment>>,
}

/// A comment form whose text and identity survive failures and reloads (`localStorage`).
#[function_component]
pub fn ReplyForm(props: &ReplyFormProps) -> Html {
    let ctx = use_context::<Rc<ThreadCtx>>();
    let tr = crate::i18n::use_tr();
    let thread = ctx.as_ref().map(|c| c.thread.to_string()).unwrap_or_default();
    let draft_key = match &props.editing {
        Some(c) => edit_key(&thread, &c.id),
        None => text_key(&thread, props.parent.as_deref()),
    };
    let form = {
        let (parent, root, key) = (props.parent.clone(), props.root.clone(), draft_key.clone());
        let parent_author = props.replying_to.as_ref().map(|a| a.to_string());
        let editing = props.editing.clone();
        use_reducer(move || match editing {
            #[cfg(not(feature = "foreign"))]
            Some(c) => restore_edit(&c, &key),
            _ => restore_form(parent, root, parent_author, &key),
        })
    };
    let refs = use_memo((), |_| std::array::from_fn::<NodeRef, 5, _>(|_| NodeRef::default()));
    let field_ref = |f: Field| refs[f as usize].clone();
    {
        // Move focus to the field at fault, so the reader sees the message and can fix it.
        let failed_field = form.error.as_ref().and_then(|e| e.field()).map(str::to_string);
        let refs = refs.clone();
        use_effect_with(failed_field, move |field| {
            let index = [Field::Text, Field::Author, Field::Email, Field::Website, Field::Warning]
                .into_iter()
                .find(|f| Some(f.name()) == field.as_deref());
            if let Some(el) = index.and_then(|f| refs[f as usize].cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }
    let preview = use_state(|| false);
    {
        // An edit form, or a reply form the reader opened, starts with the reader in its text
        // (not one reopened by itself after a reload to send a comment from the outbox).
        let opened =
            props.editing.is_some() || props.on_cancel.is_some() && form.draft.idempotency_key.is_none();
        let refs = refs.clone();
        use_effect_with((), move |_| {
            if let Some(el) = refs[Field::Text as usize].cast::<web_sys::HtmlElement>().filter(|_| opened) {
                let _ = el.focus();
            }
        });
    }
    {
        // Opening the content-warning field takes the reader to it.
        let refs = refs.clone();
        use_effect_with(form.warning_open, move |open| {
            if let Some(el) = refs[Field::Warning as usize].cast::<web_sys::HtmlElement>().filter(|_| *open) {
                let _ = el.focus();
            }
        });
    }
    #[cfg(feature = "native")]
    {
        // A comment restored from the offline outbox goes again, with its first key: now if the
        // browser is online, else once it is back.
        let (form, ctx, key) = (form.clone(), ctx.clone(), draft_key.clone());
        let on_posted = props.on_posted.clone();
        use_effect_with((), move |_| {
            if let (Some(ctx), true) = (ctx, form.draft.idempotency_key.is_some()) {
                let request = PostRequest {
                    draft: form.draft.clone(),
                    draft_key: key,
                    form: form.dispatcher(),
                    on_posted,
                };
                post(&ctx, request);
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };

    let on_input = |field: Field| {
        let (form, key) = (form.clone(), draft_key.clone());
        Callback::from(move |e: InputEvent| {
            let Some(target) = e.target() else { return };
            let value = if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                i.value()
            } else if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                t.value()
            } else {
                return;
            };
            match field {
                Field::Text => remember_text(&key, &value),
                Field::Warning => remember_warning(&key, &value),
                Field::Author | Field::Email | Field::Website => {
                    let mut identity = Identity::of(&form.draft);
                    *match field {
                        Field::Author => &mut identity.author,
                        Field::Email => &mut identity.email,
                        _ => &mut identity.website,
                    } = value.clone();
                    remember_identity(&identity);
                }
            }
            form.dispatch(FormAction::Edit(field, value));
        })
    };
    let onsubmit = {
        let (form, ctx, key) = (form.clone(), ctx.clone(), draft_key.clone());
        let (on_posted, editing) = (props.on_posted.clone(), props.editing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !form.busy {
                let (draft, draft_key) = (form.draft.clone(), key.clone());
                let request =
                    PostRequest { draft, draft_key, form: form.dispatcher(), on_posted: on_posted.clone() };
                match &editing {
                    #[cfg(not(feature = "foreign"))]
                    Some(c) => save_edit(&ctx, c, request),
                    _ => post(&ctx, request),
                }
            }
        })
    };

    // Escape in an in-place form is its Cancel.
    let escape = {
        let cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let (Some(cancel), "Escape") = (&cancel, e.key().as_str()) {
                e.prevent_default();
                cancel.emit(());
            }
        })
    };
    let prefix = match &props.editing {
        Some(c) => format!("tl-edit-{}", c.id),
        None => format!("tl-{}", props.parent.as_deref().unwrap_or("top")),
    };
    let field = |f: Field, label: String, kind: &'static str, autocomplete: &'static str| {
        let id = format!("{prefix}-{}", f.name());
        let error = form.error_for(&tr, ctx.caps.name, f);
        let err_id = format!("{id}-error");
        let described = error.as_ref().map(|_| err_id.clone());
        let invalid = super::bool_attr(error.is_some());
        let control = if f == Field::Text {
            html! {
                <textarea ref={field_ref(f)} id={id.clone()} name="text" rows="4" placeholder={tr.t(k!("text_placeholder"))} dir="auto"
                    value={form.value(f).to_string()} oninput={on_input(f)}
                    aria-invalid={invalid} aria-describedby={described} />
            }
        } else {
            html! {
                <input ref={field_ref(f)} id={id.clone()} name={f.name()} type={kind} autocomplete={autocomplete}
                    value={form.value(f).to_string()} oninput={on_input(f)}
                    aria-invalid={invalid} aria-describedby={described} />
            }
        };
        html! {
            <div class={classes!("tl-field", format!("tl-field-{}", f.name()))}>
                <label for={id}>{ label }</label>
                { control }
                if let Some(msg) = error {
                    <p class="tl-field-error" id={err_id} data-field={f.name()}>{ msg }</p>
                }
            </div>
        }
    };
    let editing = props.editing.is_some();
    let heading = match &props.replying_to {
        _ if editing => html! { <p class="tl-form-title">{ tr.t(k!("editing")) }</p> },
        Some(name) => {
            let (before, after) = tr.around(k!("replying_to"), "name");
            html! { <p class="tl-form-title">{ before }<strong><bdi>{ name.clone() }</bdi></strong>{ after }</p> }
        }
        None => html! { <h3 class="tl-form-title">{ tr.t(k!("leave_a_comment")) }</h3> },
    };
    // A backend with fewer levels than the reader used files the reply higher up: say so.
    let nesting_note = match (ctx.caps.nesting, &props.replying_to) {
        (Some(levels), Some(name)) if props.parent.is_some() && props.parent_depth + 1 >= levels => {
            html! { <p class="tl-form-note">{ tr.t_with(k!("shallow_nesting_note"), &[("levels", &tr.number(levels as u64)), ("name", name)]) }</p> }
        }
        _ => html! {},
    };
    let email_label = if ctx.caps.email_required { tr.t(k!("email_required")) } else { tr.t(k!("email")) };
    // Only a custom mapping can store no email (its post body has no `{email}`).
    #[cfg(feature = "custom")]
    let show_email = ctx.caps.email;
    #[cfg(not(feature = "custom"))]
    let show_email = true;
    let kind = match (editing, props.parent.is_some()) {
        (true, _) => "edit",
        (false, true) => "reply",
        (false, false) => "top",
    };
    html! {
        <form class={classes!("tl-form", format!("tl-form-{kind}"))} data-form={kind}
            data-parent={props.parent.as_deref().map(str::to_string)} novalidate=true onsubmit={onsubmit} onkeydown={escape}
            aria-busy={super::bool_attr(form.busy)}>
            { heading }
            { nesting_note }
            if *preview {
                <div class="tl-preview-pane" aria-live="polite" aria-label={tr.t(k!("preview"))}>
                    if form.draft.text.trim().is_empty() {
                        <p class="tl-preview-empty">{ tr.t(k!("preview_empty")) }</p>
                    } else {
                        { rich_body(&form.draft.text, None, ctx.caps.markdown_input) }
                    }
                </div>
            } else {
                { field(Field::Text, tr.t(k!("text")), "text", "off") }
            }
            if ctx.caps.warnings {
                if form.shows_warning() {
                    { field(Field::Warning, tr.t(k!("warning_field")), "text", "off") }
                } else {
                    <button type="button" class="tl-add-warning tl-link-button" aria-expanded="false"
                        onclick={{ let form = form.clone(); move |_| form.dispatch(FormAction::OpenWarning) }}>
                        { tr.t(k!("add_warning")) }
                    </button>
                }
            }
            if !editing {
            <div class="tl-fields-row">
                { field(Field::Author, tr.t(k!("name")), "text", "name") }
                if show_email {
                    { field(Field::Email, email_label, "email", "email") }
                }
                if ctx.caps.website {
                    { field(Field::Website, tr.t(k!("website")), "url", "url") }
                }
            </div>
            if ctx.caps.mail {
                <label class="tl-notify">
                    <input type="checkbox" name="notify" checked={form.draft.notify} onclick={{
                        let form = form.clone();
                        move |_| {
                            let notify = !form.draft.notify;
                            remember_identity(&Identity { notify, ..Identity::of(&form.draft) });
                            form.dispatch(FormAction::Notify(notify));
                        }
                    }} />
                    { tr.t(k!("notify")) }
                </label>
            }
            // A honeypot: hidden from people and from assistive technology; bots fill it in.
            <div class="tl-hp" aria-hidden="true">
                <label for={format!("{prefix}-homepage")}>{ tr.t(k!("honeypot_label")) }</label>
                <input id={format!("{prefix}-homepage")} name="homepage" type="text" tabindex="-1" autocomplete="off"
                    value={form.draft.homepage.clone()}
                    oninput={{ let form = form.clone(); move |e: InputEvent| {
                        if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            form.dispatch(FormAction::Honeypot(i.value()));
                        }
                    } }} />
            </div>
            }
            if let Some(msg) = form.form_error(&tr, ctx.caps.name) {
                <p class="tl-form-error" role="alert">{ msg }</p>
            }
            if form.held {
                <p class="tl-form-note tl-held" role="status">{ tr.t(k!("held_for_review")) }</p>
            }
            if form.queued {
                <p class="tl-form-note tl-queued" role="status">{ tr.t(k!("queued_offline")) }</p>
            }
            <div class="tl-form-actions">
                <button type="button" class="tl-preview tl-link-button" aria-pressed={super::bool_attr(*preview)}
                    onclick={{ let preview = preview.clone(); move |_| preview.set(!*preview) }}>
                    { if *preview { tr.t(k!("edit")) } else { tr.t(k!("preview")) } }
                </button>
                <button type="submit" class="tl-submit tl-button" disabled={form.busy}>
                    { match (editing, form.busy) {
                        (true, true) => tr.t(k!("saving")),
                        (true, false) => tr.t(k!("save")),
                        (false, true) => tr.t(k!("posting")),
                        (false, false) => tr.t(k!("post")),
                    } }
                </button>
                if let Some(cancel) = props.on_cancel.clone() {
                    <button type="button" class="tl-cancel tl-link-button" onclick={move |_| cancel.emit(())}>
                        { tr.t(k!("cancel")) }
                    </button>
                }
            </div>
        </form>
    }
}
