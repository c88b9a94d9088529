//! Reporting a comment to the site's moderators. The answer goes to the comment's own Report
//! action ([`ReportState`]), not to the thread: see `crate::state::report` for why it needs
//! no ticket.

use super::context::ThreadCtx;
use crate::state::report::{report_body, ReportAction, ReportState};
use std::rc::Rc;
use yew::UseReducerHandle;

/// Sends the report the reader chose in the dialog, or says why it cannot be sent.
pub fn report(ctx: &Rc<ThreadCtx>, id: Rc<str>, state: &UseReducerHandle<ReportState>) {
    if state.busy {
        return;
    }
    let body = match report_body(state) {
        Ok(body) => body,
        Err(err) => return state.dispatch(ReportAction::Failed(err)),
    };
    state.dispatch(ReportAction::Send);
    let (ctx, state) = (ctx.clone(), state.dispatcher());
    wasm_bindgen_futures::spawn_local(async move {
        let author = super::author::token(&ctx.backend);
        match ctx.backend.report(&id, &body, author.as_deref()).await {
            Ok(_) => state.dispatch(ReportAction::Sent),
            Err(err) => state.dispatch(ReportAction::Failed(err)),
        }
    });
}
