//! The thread's non-content states: loading skeleton, empty thread, and failure with Retry.

use crate::i18n;
use yew::prelude::*;

/// Grey placeholder comments while the first page loads: never a blank box.
#[function_component]
pub fn Skeleton() -> Html {
    html! {
        <div class="tl-skeleton" aria-busy="true" aria-label={i18n::LOADING_COMMENTS}>
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
#[function_component]
pub fn Empty() -> Html {
    html! { <p class="tl-empty">{ i18n::EMPTY }</p> }
}

/// Props of [`ErrorBox`].
#[derive(Properties, PartialEq)]
pub struct ErrorBoxProps {
    /// The reader-facing message.
    pub message: AttrValue,
    /// Called when the reader presses Retry; no button without it.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// A clear message, and a Retry button when retrying can help.
#[function_component]
pub fn ErrorBox(props: &ErrorBoxProps) -> Html {
    let retry = props.on_retry.clone().map(|cb| {
        html! { <button type="button" class="tl-retry tl-button" onclick={move |_| cb.emit(())}>{ i18n::RETRY }</button> }
    });
    html! {
        <div class="tl-error" role="alert">
            <p class="tl-error-message">{ props.message.clone() }</p>
            { retry.unwrap_or_default() }
        </div>
    }
}
