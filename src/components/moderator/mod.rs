//! Moderator mode (the `moderator` feature, its own bundle): [`ModeratorApp`] signs in from a
//! sign-in link or a stored session, then shows the moderator bar with its tabs (this
//! article's thread, with each comment's actions, or the site's [`queue::QueueView`]) and a
//! sign-out. Without a live session it is the reader's widget.

pub mod actions;
pub mod bans;
pub mod dialog;
pub mod queue;

use crate::api::native::NativeApi;
use crate::api::Backend;
use crate::components::states::skeleton;
use crate::components::thread::Thread;
use crate::effects::desk::{use_bans, use_lock, UseLock};
use crate::effects::moderation::{use_moderator, use_queue, Mode, UseModerator};
use crate::i18n::moderation as words;
use crate::k;
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
    /// The reader's language.
    pub tr: crate::i18n::Tr,
}

/// The widget in the moderator bundle.
#[function_component]
pub fn ModeratorApp(props: &ModeratorProps) -> Html {
    let tr = props.tr.clone();
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
            page_size={props.page_size} site={props.site.clone()} backend={Some((*backend).clone())} tr={tr.clone()} />
    };
    let view = match mode {
        Mode::Checking => html! {
            <section class="tl-root" data-state="loading" aria-label={tr.t(k!("mod.signing_in"))}
                lang={tr.lang().to_string()} dir={tr.dir()}>{ skeleton(&tr) }</section>
        },
        Mode::Reader(failed) => html! {
            <>
                if failed {
                    <p class="tl-root tl-mod-notice" role="alert" lang={tr.lang().to_string()} dir={tr.dir()}>
                        { tr.t(k!("mod.sign_in_failed")) }
                    </p>
                }
                { thread }
            </>
        },
        Mode::Moderator(session) => html! {
            <Desk name={AttrValue::from(session.name)} backend={(*backend).clone()} site={props.site.clone()}
                thread={props.thread.clone()} {sign_out}>{ thread }</Desk>
        },
    };
    html! { <ContextProvider<crate::i18n::Tr> context={tr}>{ view }</ContextProvider<crate::i18n::Tr>> }
}

#[derive(Properties, PartialEq)]
struct DeskProps {
    name: AttrValue,
    backend: Rc<Backend>,
    site: AttrValue,
    thread: AttrValue,
    sign_out: Callback<()>,
    children: Html,
}

/// The moderator bar's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Thread,
    Queue,
    Bans,
}

/// The moderator bar and the view its tabs choose.
#[function_component]
fn Desk(props: &DeskProps) -> Html {
    let tr = crate::i18n::use_tr();
    let view = use_state(|| View::Thread);
    let queue = use_queue(props.backend.clone(), props.site.clone());
    let bans = use_bans(props.backend.clone(), props.site.clone());
    let lock = use_lock(props.backend.clone(), props.site.clone(), props.thread.clone());
    let tab = |to: View, name: &'static str, text: String| {
        let selected = *view == to;
        let (view, reload) = (view.clone(), [queue.reload.clone(), bans.reload.clone()]);
        let onclick = Callback::from(move |_: MouseEvent| {
            match to {
                View::Queue if *view != to => reload[0].emit(()),
                View::Bans if *view != to => reload[1].emit(()),
                _ => {}
            }
            view.set(to);
        });
        html! {
            <button type="button" class="tl-tab" aria-pressed={selected.to_string()} data-tab={name} {onclick}>
                { text }
            </button>
        }
    };
    let moderating_as = tr.around(k!("mod.moderating_as"), "name");
    let q = &queue.state;
    let waiting = (q.phase == Phase::Ready).then_some(q.items.len());
    html! {
        <div class="tl-root tl-mod" lang={tr.lang().to_string()} dir={tr.dir()}>
            <nav class="tl-modbar" aria-label={tr.t(k!("mod.tools"))}>
                <span class="tl-modbar-who">
                    <span class="tl-modbar-label">{ moderating_as.0 }</span>
                    <strong><bdi>{ props.name.clone() }</bdi></strong>{ moderating_as.1 }
                </span>
                <span class="tl-tabs" role="group" aria-label={tr.t(k!("mod.views"))}>
                    { tab(View::Thread, "thread", tr.t(k!("mod.tab_thread"))) }
                    { tab(View::Queue, "queue", words::queue_tab(&tr, waiting, q.next_cursor.is_some())) }
                    { tab(View::Bans, "bans", tr.t(k!("mod.tab_bans"))) }
                </span>
                <button type="button" class="tl-link-button tl-signout" onclick={props.sign_out.reform(|_: MouseEvent| ())}>
                    { tr.t(k!("mod.sign_out")) }
                </button>
            </nav>
            { match *view {
                View::Thread => html! { <>{ lock_bar(&tr, &lock) }{ props.children.clone() }</> },
                View::Queue => html! {
                    <queue::QueueView state={queue.state.clone()} reload={queue.reload.clone()} act={queue.act.clone()}
                        more={queue.more.clone()} />
                },
                View::Bans => html! {
                    <bans::BansView state={bans.state.clone()} reload={bans.reload.clone()} unban={bans.unban.clone()} />
                },
            } }
        </div>
    }
}

/// The thread's lock, above it: its state and the button that turns it over (which retries
/// after a failure, said beside it).
fn lock_bar(tr: &crate::i18n::Catalogue, lock: &UseLock) -> Html {
    let locked = lock.locked.unwrap_or(false);
    let text = if lock.busy {
        tr.t(k!("mod.working"))
    } else if locked {
        tr.t(k!("mod.unlock"))
    } else {
        tr.t(k!("mod.lock"))
    };
    html! {
        <div class="tl-lockbar" data-locked={locked.to_string()}>
            <span class={classes!("tl-badge", if locked { "tl-locked" } else { "tl-open" })} role="status">
                { if locked { tr.t(k!("mod.locked")) } else { tr.t(k!("mod.open")) } }
            </span>
            <button type="button" class={classes!("tl-mod-button", if locked { "tl-mod-unlock" } else { "tl-mod-lock" })}
                aria-pressed={locked.to_string()} disabled={lock.busy || lock.locked.is_none()}
                onclick={lock.toggle.reform(|_: MouseEvent| ())}>{ text }</button>
            if let Some(e) = &lock.error {
                <span class="tl-form-error" role="alert">{ e.reader_message(tr) }</span>
            }
        </div>
    }
}
