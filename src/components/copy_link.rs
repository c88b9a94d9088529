//! "Copy link": puts the comment's permalink (the page's address with `#comment-<id>`) on the
//! clipboard, and says so on the button for a moment. Where the browser refuses the clipboard
//! (an insecure page, a denied permission), the link goes to the address bar instead, and the
//! button says where it is. A hook of the comment's view, not a component (a component costs
//! the bundle more).

use crate::k;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long the button says the link was copied before it offers to copy again.
const SAID_MS: i32 = 2500;

/// What the button last did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    ToAddressBar,
}

/// The Copy link button of comment `id`.
#[hook]
pub fn use_copy_link(id: &Rc<str>) -> Html {
    let tr = crate::i18n::use_tr();
    let copied = use_state(|| Copied::Not);
    let onclick = {
        let (id, copied) = (id.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (id, copied) = (id.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = if crate::embed_dom::copy_permalink(&id).await {
                    Copied::Yes
                } else {
                    crate::embed_dom::link_in_address_bar(&id);
                    Copied::ToAddressBar
                };
                copied.set(done);
                let back = copied.clone();
                // Owned by the browser and freed once called.
                let reset = wasm_bindgen::closure::Closure::once_into_js(move || back.set(Copied::Not));
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                        reset.unchecked_ref(),
                        SAID_MS,
                    );
                }
            });
        })
    };
    let label = match *copied {
        Copied::Not => tr.t(k!("copy_link")),
        Copied::Yes => tr.t(k!("link_copied")),
        Copied::ToAddressBar => tr.t(k!("link_in_address_bar")),
    };
    // Polite: a screen reader hears that the link was copied once the reader's click is done.
    html! { <button type="button" class="tl-copy-link tl-link-button" aria-live="polite" {onclick}>{ label }</button> }
}
