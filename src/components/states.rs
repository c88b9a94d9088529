//! The thread's non-content states: loading skeleton, empty thread, and failure with Retry.
//! Plain functions rather than components: they hold no state, and each component costs the
//! bundle its own copy of Yew's lifecycle (docs/size.md).

use crate::i18n::Catalogue;
use crate::k;
use yew::prelude::*;

/// Grey placeholder comments while the first page loads: never a blank box.
pub fn skeleton(tr: &Catalogue) -> Html {
    html! {
        // Keyed, so that Yew swaps the loading and error boxes rather than patching one `div`
        // into the other: a new alert is a new element, which screen readers announce.
        <div key="tl-loading" class="tl-skeleton" role="status" aria-busy="true" aria-label={tr.t(k!("loading_comments"))}>
            { for (0..3).map(|i| html! {
                <div class="tl-skeleton-item" key={i}>
                    <span class="tl-skeleton-avatar"></span>
                    <span class="tl-skeleton-lines"><span></span><span></span><span></span></span>
                </div>
            }) }
        </div>
    }
}

/// Shown when the thread has no comments yet.
pub fn empty(tr: &Catalogue) -> Html {
    html! { <p class="tl-empty">{ tr.t(k!("empty")) }</p> }
}

/// A clear message (reader-facing), and a Retry button when `on_retry` is given.
pub fn error_box(tr: &Catalogue, message: AttrValue, on_retry: Option<Callback<()>>) -> Html {
    let retry = on_retry.map(|cb| {
        html! { <button type="button" class="tl-retry tl-button" onclick={move |_| cb.emit(())}>{ tr.t(k!("retry")) }</button> }
    });
    html! {
        <div key="tl-error" class="tl-error" role="alert">
            <p class="tl-error-message">{ message }</p>
            { retry.unwrap_or_default() }
        </div>
    }
}
