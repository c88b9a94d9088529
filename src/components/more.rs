//! "N more replies" under their parent: a subtree Threadline's server capped, or a custom
//! mapping's continuation. A button that fetches them when the backend can (always on
//! Threadline's server; a mapping with `list.continuation.request`), with the error and a retry
//! on failure; otherwise the count, linked to where they are when the stub gives a URL.

#[cfg(feature = "custom")]
use crate::effects::replies::can_fetch;
use crate::effects::replies::fetch;
use crate::effects::ThreadCtx;
use crate::i18n::{self, Catalogue};
use crate::k;
use crate::model::more::{Continuation, Fetch};
use std::rc::Rc;
use yew::prelude::*;

/// The replies a listing announced without sending them, under their parent. A function of
/// the comment's view rather than a component: it has no state of its own (where the fetch
/// stands is on the parent's [`Continuation`]), and a component costs the bundle more.
pub fn more_replies(tr: &Catalogue, ctx: &Rc<ThreadCtx>, more: &Continuation) -> Html {
    let label = i18n::more_replies(tr, more.count);
    #[cfg(feature = "custom")]
    if !can_fetch(ctx) {
        return match more.url.as_deref().and_then(crate::rich::url::safe_href) {
            Some(href) => html! {
                <p class="tl-more-replies">
                    <a {href} rel="nofollow ugc noopener" target="_blank">{ label }</a>
                </p>
            },
            None => html! { <p class="tl-more-replies">{ label }</p> },
        };
    }
    let busy = more.fetch == Fetch::Loading;
    let onclick = {
        let (ctx, more) = (ctx.clone(), more.clone());
        Callback::from(move |_: MouseEvent| fetch(&ctx, more.clone()))
    };
    let (error, text) = match &more.fetch {
        Fetch::Failed(e) => (Some(e.reader_message_from(tr, ctx.caps.name)), tr.t(k!("retry"))),
        Fetch::Loading => (None, tr.t(k!("loading_replies"))),
        Fetch::Idle => (None, label),
    };
    html! {
        <div class="tl-more-replies">
            if let Some(message) = error {
                <p class="tl-form-error" role="alert">{ message }{ " " }</p>
            }
            <button type="button" class="tl-more-replies-button tl-link-button" disabled={busy}
                aria-busy={super::bool_attr(busy)} {onclick}>
                { text }
            </button>
        </div>
    }
}
