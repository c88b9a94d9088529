//! The moderator's actions on one comment of the thread: approve, delete, pin and unpin in one
//! click; reject (with an optional reason), edit (with a note) and ban the author, each through
//! its dialog. The answer replaces the comment in place.

use super::dialog::{BanDialog, EditDialog, RejectDialog};
use crate::api::moderation::Verb;
use crate::effects::desk::{ban, edit};
use crate::effects::moderation::{moderate, native};
use crate::effects::ThreadCtx;
use crate::error::ClientError;
use crate::i18n::moderation as words;
use crate::i18n::Key;
use crate::k;
use crate::model::Comment;
use crate::state::desk::{tools, BanDraft, Tool};
use crate::state::Action;
use std::rc::Rc;
use threadline_protocol::moderation::{Ban, ModeratorEdit};
use yew::prelude::*;

/// Props of [`ModActions`].
#[derive(Properties, PartialEq)]
pub struct ModActionsProps {
    /// The comment acted on.
    pub comment: Rc<Comment>,
}

/// The key of the button's words.
pub fn label(verb: Verb) -> Key {
    match verb {
        Verb::Approve => k!("mod.approve"),
        Verb::Reject => k!("mod.reject"),
        Verb::Delete => k!("mod.delete"),
        Verb::Pin => k!("mod.pin"),
        Verb::Unpin => k!("mod.unpin"),
    }
}

/// The key of what screen readers hear once `verb` is done.
pub fn done_key(verb: Verb) -> Key {
    match verb {
        Verb::Approve => k!("mod.done_approved"),
        Verb::Reject => k!("mod.done_rejected"),
        Verb::Delete => k!("mod.done_deleted"),
        Verb::Pin => k!("mod.done_pinned"),
        Verb::Unpin => k!("mod.done_unpinned"),
    }
}

/// The key of a tool's words and its class (`tl-mod-approve`, `tl-mod-edit`, …).
pub fn tool_face(tool: Tool) -> (Key, &'static str) {
    match tool {
        Tool::Act(verb) => (label(verb), verb.path()),
        Tool::Edit => (k!("mod.edit"), "edit"),
        Tool::Ban => (k!("mod.ban"), "ban"),
    }
}

/// Renders nothing unless a moderator is signed in.
#[function_component]
pub fn ModActions(props: &ModActionsProps) -> Html {
    let tr = crate::i18n::use_tr();
    let ctx = use_context::<Rc<ThreadCtx>>();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ClientError>);
    // The open dialog, and why its last attempt failed.
    let open = use_state(|| None::<Tool>);
    let dialog_error = use_state(|| None::<ClientError>);
    let notice = use_state(|| None::<String>);
    let Some(ctx) = ctx.filter(|c| native(&c.backend).and_then(|api| api.session()).is_some()) else {
        return html! {};
    };
    let c = &props.comment;
    let buttons = tools(c.status, c.pinned);
    if buttons.is_empty() {
        return html! {};
    }
    let run = {
        let (ctx, id, busy, error) = (ctx.clone(), c.id.clone(), busy.clone(), error.clone());
        Callback::from(move |(verb, reason): (Verb, Option<String>)| {
            busy.set(true);
            let (busy, error, dispatch) = (busy.clone(), error.clone(), ctx.dispatch.clone());
            let done = Callback::from(move |e: Option<ClientError>| {
                busy.set(false);
                if e.is_none() {
                    // Said by the thread, which outlives this comment's buttons.
                    dispatch.emit(Action::Announce(done_key(verb)));
                }
                error.set(e);
            });
            moderate(&ctx, id.clone(), verb, reason, done);
        })
    };
    let button = |tool: Tool| {
        let (open, run, dialog_error) = (open.clone(), run.clone(), dialog_error.clone());
        let onclick = Callback::from(move |_: MouseEvent| match tool {
            Tool::Act(Verb::Reject) | Tool::Edit | Tool::Ban => {
                dialog_error.set(None);
                open.set(Some(tool));
            }
            Tool::Act(verb) => run.emit((verb, None)),
        });
        let (key, class) = tool_face(tool);
        let text = tr.t(key);
        let popup = (!matches!(tool, Tool::Act(v) if v != Verb::Reject)).then_some("dialog");
        html! {
            <button type="button" class={classes!("tl-mod-button", format!("tl-mod-{class}"))}
                aria-haspopup={popup} disabled={*busy} {onclick}>{ text }</button>
        }
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(None))
    };
    // A dialog's request: busy while in flight; closes on success, else says why and stays.
    let settle = {
        let (open, busy, dialog_error) = (open.clone(), busy.clone(), dialog_error.clone());
        move |e: Option<ClientError>| {
            busy.set(false);
            if e.is_none() {
                open.set(None);
            }
            dialog_error.set(e);
        }
    };
    let id = AttrValue::from(c.id.to_string());
    let failed = (*dialog_error).as_ref().map(|e| AttrValue::from(e.reader_message(&tr)));
    let dialog = match *open {
        Some(Tool::Act(_)) => {
            let (run, shut) = (run.clone(), close.clone());
            let on_send = Callback::from(move |reason| {
                shut.emit(());
                run.emit((Verb::Reject, reason));
            });
            html! { <RejectDialog id={id.clone()} {on_send} on_cancel={close} /> }
        }
        Some(Tool::Edit) => {
            let (ctx, cid, working, settle) = (ctx.clone(), c.id.clone(), busy.clone(), settle.clone());
            let on_send = Callback::from(move |e: ModeratorEdit| {
                working.set(true);
                let (settle, dispatch) = (settle.clone(), ctx.dispatch.clone());
                let done = Callback::from(move |e: Option<ClientError>| {
                    if e.is_none() {
                        dispatch.emit(Action::Announce(k!("mod.done_edited")));
                    }
                    settle(e);
                });
                edit(&ctx, cid.clone(), e, done);
            });
            html! {
                <EditDialog id={id.clone()} text={AttrValue::from(c.text.clone())} busy={*busy} error={failed}
                    {on_send} on_cancel={close} />
            }
        }
        Some(Tool::Ban) => {
            let (ctx, cid, working, notice, tr) =
                (ctx.clone(), c.id.clone(), busy.clone(), notice.clone(), tr.clone());
            let on_send = Callback::from(move |draft: BanDraft| {
                let Some(api) = native(&ctx.backend) else { return };
                let Some(request) = draft.request(api.site(), &cid) else { return };
                working.set(true);
                let (settle, notice, tr) = (settle.clone(), notice.clone(), tr.clone());
                let done = Callback::from(move |answer: Result<Ban, ClientError>| match answer {
                    Ok(_) => {
                        notice.set(Some(words::banned(&tr, draft.hours)));
                        settle(None);
                    }
                    Err(e) => settle(Some(e)),
                });
                ban(&ctx.backend, request, done);
            });
            html! { <BanDialog id={id.clone()} busy={*busy} error={failed} {on_send} on_cancel={close} /> }
        }
        None => html! {},
    };
    html! {
        <span class="tl-mod-actions" role="group" aria-label={tr.t(k!("mod.actions"))} aria-busy={busy.to_string()}>
            { for buttons.into_iter().map(button) }
            if let Some(e) = &*error {
                <span class="tl-form-error" role="alert">{ e.reader_message(&tr) }</span>
            }
            <span class="tl-mod-notice-inline" role="status">{ (*notice).clone().unwrap_or_default() }</span>
            { dialog }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tool_has_its_words_and_class() {
        let tr = crate::i18n::catalogue::english();
        assert_eq!(tr.t(label(Verb::Approve)), "Approve");
        let (key, class) = tool_face(Tool::Act(Verb::Unpin));
        assert_eq!((tr.t(key).as_str(), class), ("Unpin", "unpin"));
        assert_eq!(tool_face(Tool::Edit), (k!("mod.edit"), "edit"));
        assert_eq!(tool_face(Tool::Ban), (k!("mod.ban"), "ban"));
    }
}
