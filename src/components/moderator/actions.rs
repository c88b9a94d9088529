//! The moderator's actions on one comment of the thread: approve, reject (with a reason),
//! delete, pin and unpin, each one click; the answer replaces the comment in place.

use crate::api::moderation::Verb;
use crate::effects::moderation::{moderate, native};
use crate::effects::ThreadCtx;
use crate::error::ClientError;
use crate::i18n::moderation as words;
use crate::model::{Comment, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ModActions`].
#[derive(Properties, PartialEq)]
pub struct ModActionsProps {
    /// The comment acted on.
    pub comment: Rc<Comment>,
}

/// Asks the moderator why a comment is rejected; `None` when they cancel.
pub fn ask_reason() -> Option<Option<String>> {
    let answer = web_sys::window()?.prompt_with_message(words::REJECT_REASON).ok()??;
    Some(Some(answer.trim().to_string()).filter(|r| !r.is_empty()))
}

/// The verbs that apply to a comment in this state, in the order they are shown.
pub fn verbs(status: Status, pinned: bool) -> Vec<Verb> {
    match status {
        Status::Pending => vec![Verb::Approve, Verb::Reject, Verb::Delete],
        Status::Published => vec![Verb::Reject, Verb::Delete, if pinned { Verb::Unpin } else { Verb::Pin }],
        Status::Deleted | Status::Removed => Vec::new(),
    }
}

/// The button's words.
pub fn label(verb: Verb) -> &'static str {
    match verb {
        Verb::Approve => words::APPROVE,
        Verb::Reject => words::REJECT,
        Verb::Delete => words::DELETE,
        Verb::Pin => words::PIN,
        Verb::Unpin => words::UNPIN,
    }
}

/// Renders nothing unless a moderator is signed in.
#[function_component]
pub fn ModActions(props: &ModActionsProps) -> Html {
    let ctx = use_context::<Rc<ThreadCtx>>();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ClientError>);
    let Some(ctx) = ctx.filter(|c| native(&c.backend).and_then(|api| api.session()).is_some()) else {
        return html! {};
    };
    let c = &props.comment;
    let disabled = *busy;
    let button = |verb: Verb| {
        let (ctx, id, busy, error) = (ctx.clone(), c.id.clone(), busy.clone(), error.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let reason = match verb {
                Verb::Reject => match ask_reason() {
                    Some(reason) => reason,
                    None => return,
                },
                _ => None,
            };
            busy.set(true);
            let (busy, error) = (busy.clone(), error.clone());
            let done = Callback::from(move |e: Option<ClientError>| {
                busy.set(false);
                error.set(e);
            });
            moderate(&ctx, id.clone(), verb, reason, done);
        });
        html! {
            <button type="button" class={classes!("tl-mod-button", format!("tl-mod-{}", verb.path()))}
                {disabled} {onclick}>{ label(verb) }</button>
        }
    };
    let buttons = verbs(c.status, c.pinned);
    if buttons.is_empty() {
        return html! {};
    }
    html! {
        <span class="tl-mod-actions" role="group" aria-label={words::ACTIONS} aria-busy={busy.to_string()}>
            { for buttons.into_iter().map(button) }
            if let Some(e) = &*error {
                <span class="tl-form-error" role="alert">{ e.reader_message() }</span>
            }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_offers_what_applies() {
        assert_eq!(verbs(Status::Pending, false), [Verb::Approve, Verb::Reject, Verb::Delete]);
        assert_eq!(verbs(Status::Published, true), [Verb::Reject, Verb::Delete, Verb::Unpin]);
        assert_eq!(verbs(Status::Published, false)[2], Verb::Pin);
        assert!(verbs(Status::Removed, false).is_empty());
        assert_eq!(label(Verb::Approve), "Approve");
    }
}
