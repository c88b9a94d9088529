//! The reader's own comment, within the site's edit window: Edit (the comment form, in place
//! of the body) and Delete (after a confirmation). The server checks the author token and the
//! window again; a refusal is shown where the reader acted. A hook of the comment's view, not
//! a component, like the vote buttons; only in the bundles of Threadline's own server (the
//! other backends' bundles leave the reader's conversation out).

use super::comment::Conversation;
use super::reply_form::ReplyForm;
use crate::effects::{author, ThreadCtx};
use crate::i18n::Tr;
use crate::k;
use crate::model::{Comment, Status};
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// The conversation parts of comment `c`, with their state (a hook of the comment's view).
#[hook]
pub fn use_conversation(c: &Rc<Comment>, ctx: Option<&Rc<ThreadCtx>>) -> Conversation {
    let tr = crate::i18n::use_tr();
    let editing = use_state(|| false);
    let confirming = use_state(|| false);
    let vote_error = use_state(|| None::<String>);
    let delete_error = use_state(|| None::<String>);
    let Some(ctx) = ctx else {
        return Conversation::default();
    };
    let can_vote = c.status == Status::Published && ctx.caps.votes;
    let now_ms = js_sys::Date::now() as i64;
    let can_edit = ctx.caps.editing && c.editable(now_ms, ctx.caps.edit_window_secs);
    let close = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(false))
    };
    Conversation {
        edit_form: (*editing && can_edit).then(|| {
            html! { <ReplyForm editing={Some(c.clone())} on_cancel={Some(close.clone())} on_posted={Some(close)} /> }
        }),
        votes: if can_vote { super::votes::votes(&tr, ctx, c, &vote_error) } else { Html::default() },
        own: if can_edit && !*editing {
            own_actions(&tr, ctx, c, &editing, &confirming, &delete_error)
        } else {
            Html::default()
        },
    }
}

/// Edit and Delete, or the question Delete asks first (`confirming`); `failed` holds the last
/// refusal's message.
fn own_actions(
    tr: &Tr,
    ctx: &Rc<ThreadCtx>,
    c: &Rc<Comment>,
    editing: &UseStateHandle<bool>,
    confirming: &UseStateHandle<bool>,
    failed: &UseStateHandle<Option<String>>,
) -> Html {
    let set = |state: &UseStateHandle<bool>, on: bool| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set(on))
    };
    if !**confirming {
        return html! {
            <>
                <button type="button" class="tl-edit-own tl-link-button" onclick={set(editing, true)}>{ tr.t(k!("edit")) }</button>
                <button type="button" class="tl-delete-own tl-link-button" onclick={set(confirming, true)}>
                    { tr.t(k!("delete")) }
                </button>
            </>
        };
    }
    let delete = {
        let (tr, ctx, c, failed) = (tr.clone(), ctx.clone(), Rc::clone(c), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(token) = author::token(&ctx.backend) else { return };
            failed.set(None);
            let (tr, ctx, c, failed) = (tr.clone(), ctx.clone(), c.clone(), failed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ctx.backend.delete_own(&c.id, &token).await {
                    Ok(gone) => ctx.dispatch.emit(Action::Changed(ctx.load, gone)),
                    Err(e) => failed.set(Some(e.reader_message(&tr))),
                }
            });
        })
    };
    html! {
        <span class="tl-confirm" role="group" aria-label={tr.t(k!("delete_confirm"))}>
            <span>{ tr.t(k!("delete_confirm")) }</span>
            <button type="button" class="tl-delete-confirm tl-link-button" onclick={delete}>{ tr.t(k!("delete")) }</button>
            <button type="button" class="tl-link-button" onclick={set(confirming, false)}>{ tr.t(k!("cancel")) }</button>
            if let Some(message) = &**failed {
                <span class="tl-own-error" role="alert">{ message.clone() }</span>
            }
        </span>
    }
}
