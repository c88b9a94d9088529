//! Fetching the replies behind a custom mapping's continuation ("N more replies"); the answer
//! goes to [`crate::state::replies`] under the load it was asked for.

use super::context::ThreadCtx;
use crate::api::Backend;
use crate::model::extra::Continuation;
use crate::state::replies::RepliesStep;
use crate::state::Action;
use std::rc::Rc;

/// True when the backend can fetch the replies behind a continuation (the mapping has
/// `list.continuation.request`); otherwise the widget only says how many there are.
pub fn can_fetch(ctx: &ThreadCtx) -> bool {
    matches!(&*ctx.backend, Backend::Custom(api) if api.can_fetch_more())
}

/// Fetches the replies behind `more` and inserts them under its parent.
// In the custom bundle the custom backend is the only one, so the pattern cannot fail there.
#[allow(irrefutable_let_patterns)]
pub fn fetch(ctx: &Rc<ThreadCtx>, more: Continuation) {
    let Backend::Custom(api) = &*ctx.backend else { return };
    let parent = more.parent.clone();
    ctx.dispatch.emit(Action::Replies(ctx.load, parent.clone(), RepliesStep::Requested));
    let (ctx, api) = (ctx.clone(), api.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let step = match api.more(&ctx.thread, &more).await {
            Ok(page) => RepliesStep::Loaded(page),
            Err(e) => RepliesStep::Failed(e),
        };
        ctx.dispatch.emit(Action::Replies(ctx.load, parent, step));
    });
}
