//! Fetching the replies behind "N more replies" (a subtree Threadline's server capped, or a
//! custom mapping's continuation); the answer goes to [`crate::state::replies`] under the load
//! it was asked for.

use super::context::ThreadCtx;
use crate::api::Backend;
use crate::model::more::Continuation;
use crate::state::replies::RepliesStep;
use crate::state::Action;
use std::rc::Rc;

/// True when the backend can fetch the replies behind a continuation: Threadline's server
/// always can; a custom mapping when it has `list.continuation.request` (otherwise the widget
/// only says how many there are). Only a custom mapping may not.
#[cfg(feature = "custom")]
pub fn can_fetch(ctx: &ThreadCtx) -> bool {
    match &*ctx.backend {
        #[cfg(feature = "native")]
        Backend::Native(_) => true,
        #[cfg(feature = "custom")]
        Backend::Custom(api) => api.can_fetch_more(),
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// Fetches the replies behind `more` and inserts them under its parent.
pub fn fetch(ctx: &Rc<ThreadCtx>, more: Continuation) {
    let parent = more.parent.clone();
    ctx.dispatch.emit(Action::Replies(ctx.load, parent.clone(), RepliesStep::Requested));
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = match &*ctx.backend {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.replies(&more).await,
            #[cfg(feature = "custom")]
            Backend::Custom(api) => api.more(&ctx.thread, &more).await.map(|page| (page, None)),
            #[allow(unreachable_patterns)]
            _ => return,
        };
        let step = match answer {
            Ok((page, next)) => RepliesStep::Loaded(page, next),
            Err(e) => RepliesStep::Failed(e),
        };
        ctx.dispatch.emit(Action::Replies(ctx.load, parent, step));
    });
}
