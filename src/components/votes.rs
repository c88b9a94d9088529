//! A comment's votes: ▲ and its count (and ▼ on sites that take downvotes). A press shows the
//! new count at once; if the server refuses, the count goes back and the reader is told why.
//! Functions of the comment's view, not a component: each component costs Yew's machinery
//! again in the bundle.

use crate::effects::{author, mine, ThreadCtx};
use crate::i18n::{self, Tr};
use crate::model::Comment;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// The vote buttons of `c`; `failed` holds the last refusal's message, shown beside them.
pub fn votes(tr: &Tr, ctx: &Rc<ThreadCtx>, c: &Rc<Comment>, failed: &UseStateHandle<Option<String>>) -> Html {
    let button = |value: i8, count: u32, class: &'static str, arrow: &'static str| {
        html! {
            <button type="button" class={classes!("tl-vote", class)} aria-pressed={super::bool_attr(c.my_vote == value)}
                aria-label={i18n::vote_label(tr, value, count)} onclick={vote(tr, ctx, c, value, failed)}>
                <span aria-hidden="true">{ arrow }</span>
                <span class="tl-vote-count">{ tr.number(u64::from(count)) }</span>
            </button>
        }
    };
    html! {
        <span class="tl-votes">
            { button(1, c.upvotes, "tl-vote-up", "▲") }
            if ctx.caps.downvotes {
                { button(-1, c.downvotes, "tl-vote-down", "▼") }
            }
            if let Some(message) = &**failed {
                <span class="tl-vote-error" role="alert">{ message.clone() }</span>
            }
        </span>
    }
}

/// Pressing ▲ (`value` 1) or ▼ (-1): the same vote again takes it back. The count moves at
/// once; the server's answer sets it, or a refusal puts it back as it was.
fn vote(
    tr: &Tr,
    ctx: &Rc<ThreadCtx>,
    c: &Rc<Comment>,
    value: i8,
    failed: &UseStateHandle<Option<String>>,
) -> Callback<MouseEvent> {
    let (tr, ctx, c, failed) = (tr.clone(), ctx.clone(), Rc::clone(c), failed.clone());
    Callback::from(move |_: MouseEvent| {
        let value = if c.my_vote == value { 0 } else { value };
        let shown = c.with_vote(value);
        failed.set(None);
        ctx.dispatch.emit(Action::Changed(ctx.load, shown.clone()));
        let (tr, ctx, before, failed) = (tr.clone(), ctx.clone(), (*c).clone(), failed.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let token = author::token(&ctx.backend);
            match ctx.backend.vote(&before.id, value, token.as_deref()).await {
                Ok(count) => {
                    mine::voted(&ctx.backend, &before.id, count.mine);
                    let now = Comment {
                        upvotes: count.upvotes,
                        downvotes: count.downvotes,
                        my_vote: count.mine,
                        ..shown
                    };
                    ctx.dispatch.emit(Action::Changed(ctx.load, now));
                }
                Err(e) => {
                    ctx.dispatch.emit(Action::Changed(ctx.load, before));
                    failed.set(Some(e.reader_message(&tr)));
                }
            }
        });
    })
}
