//! Moderator mode (the `moderator` feature, its own bundle): [`ModeratorApp`] signs in from a
//! sign-in link or a stored session, then shows the moderator bar with its tabs (this
//! article's thread, with each comment's actions, or the site's [`queue::QueueView`]) and a
//! sign-out. Without a live session it is the reader's widget.

pub mod actions;
pub mod queue;

use crate::api::native::NativeApi;
use crate::api::Backend;
use crate::components::states::Skeleton;
use crate::components::thread::Thread;
use crate::effects::moderation::{use_moderator, use_queue, Mode, UseModerator};
use crate::i18n::moderation as words;
use crate::state::Phase;
use std::rc::Rc;
use yew::prelude::*;

/// The moderator mode's own rules; every colour in them is one of `threadline.css`'s custom
/// properties. Adopted by the shadow root at mount, so readers' stylesheet carries none of it.
pub const STYLES: &str = include_str!("../../../styles/moderator.css");

/// Adds [`STYLES`] to the widget's shadow root, as a constructed stylesheet (which a page's
/// Content Security Policy for `<style>` elements does not block).
#[cfg(target_arch = "wasm32")]
pub fn adopt_styles(root: &web_sys::ShadowRoot) {
    let Ok(sheet) = web_sys::CssStyleSheet::new() else { return };
    if sheet.replace_sync(STYLES).is_ok() {
        let sheets = root.adopted_style_sheets();
        sheets.push(&sheet);
        root.set_adopted_style_sheets(&sheets);
    }
}

/// Props of [`ModeratorApp`]: those of the thread it shows.
#[derive(Properties, PartialEq)]
pub struct ModeratorProps {
    /// Base URL of the native API.
    pub api: AttrValue,
    /// The thread key.
    pub thread: AttrValue,
    /// Indentation levels.
    pub max_depth: usize,
    /// Top-level comments per page.
    pub page_size: u32,
    /// The site.
    pub site: AttrValue,
}

/// The widget in the moderator bundle.
#[function_component]
pub fn ModeratorApp(props: &ModeratorProps) -> Html {
    let api = NativeApi::new(props.api.trim_end_matches('/').to_string()).with_site(props.site.as_str());
    let UseModerator { mode, sign_out } = use_moderator(api.clone());
    let backend = use_memo(mode.clone(), move |mode| {
        let session = match mode {
            Mode::Moderator(s) => Some(s.session.clone()),
            _ => None,
        };
        Rc::new(Backend::Native(api.with_session(session)))
    });
    let thread = html! {
        <Thread api={props.api.clone()} thread={props.thread.clone()} max_depth={props.max_depth}
            page_size={props.page_size} site={props.site.clone()} backend={Some((*backend).clone())} />
    };
    match mode {
        Mode::Checking => html! {
            <section class="tl-root" data-state="loading" aria-label={words::SIGNING_IN}><Skeleton /></section>
        },
        Mode::Reader(failed) => html! {
            <>
                if failed {
                    <p class="tl-root tl-mod-notice" role="alert">{ words::SIGN_IN_FAILED }</p>
                }
                { thread }
            </>
        },
        Mode::Moderator(session) => html! {
            <Desk name={AttrValue::from(session.name)} backend={(*backend).clone()} site={props.site.clone()}
                {sign_out}>{ thread }</Desk>
        },
    }
}

#[derive(Properties, PartialEq)]
struct DeskProps {
    name: AttrValue,
    backend: Rc<Backend>,
    site: AttrValue,
    sign_out: Callback<()>,
    children: Html,
}

/// The moderator bar and the view its tabs choose.
#[function_component]
fn Desk(props: &DeskProps) -> Html {
    let on_queue = use_state(|| false);
    let queue = use_queue(props.backend.clone(), props.site.clone());
    let tab = |queue_tab: bool, text: String| {
        let selected = *on_queue == queue_tab;
        let (on_queue, reload) = (on_queue.clone(), queue.reload.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if queue_tab && !*on_queue {
                reload.emit(());
            }
            on_queue.set(queue_tab);
        });
        html! {
            <button type="button" class="tl-tab" aria-pressed={selected.to_string()}
                data-tab={if queue_tab { "queue" } else { "thread" }} {onclick}>{ text }</button>
        }
    };
    let waiting = (queue.state.phase == Phase::Ready).then_some(queue.state.items.len());
    html! {
        <div class="tl-root tl-mod">
            <nav class="tl-modbar" aria-label={words::TOOLS}>
                <span class="tl-modbar-who">
                    <span class="tl-modbar-label">{ words::MODERATING_AS }</span>{ " " }
                    <strong>{ props.name.clone() }</strong>
                </span>
                <span class="tl-tabs" role="group" aria-label={words::VIEWS}>
                    { tab(false, words::TAB_THREAD.to_string()) }
                    { tab(true, words::queue_tab(waiting)) }
                </span>
                <button type="button" class="tl-link-button tl-signout" onclick={props.sign_out.reform(|_: MouseEvent| ())}>
                    { words::SIGN_OUT }
                </button>
            </nav>
            if *on_queue {
                <queue::QueueView state={queue.state.clone()} reload={queue.reload.clone()} act={queue.act.clone()} />
            } else {
                { props.children.clone() }
            }
        </div>
    }
}
