//! The public [`Thread`] component: shows the thread's states, the top form and the comments,
//! and pages through the rest. Its network work is [`crate::effects::use_thread`]'s.

use super::comment::CommentView;
use super::reply_form::ReplyForm;
use super::states::{empty, error_box, skeleton};
#[cfg(feature = "native")]
use crate::api::native::NativeApi;
use crate::api::Backend;
#[cfg(feature = "native")]
use crate::effects::live::use_live;
use crate::effects::{use_thread, ThreadCtx, ThreadSource};
use crate::i18n::{Catalogue, Tr};
use crate::k;
use crate::state::{More, Phase, ThreadState};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Thread`]; Yew apps use it as `html! { <Thread api=".." thread=".." /> }`.
#[derive(Properties, PartialEq)]
pub struct ThreadProps {
    /// Base URL of the native API, e.g. `https://example.org/api`.
    pub api: AttrValue,
    /// The thread key, usually the article's path.
    pub thread: AttrValue,
    /// Indentation levels before deeper replies are listed flat.
    #[prop_or(crate::config::DEFAULT_MAX_DEPTH)]
    pub max_depth: usize,
    /// Top-level comments per page.
    #[prop_or(threadline_protocol::limits::PAGE_DEFAULT)]
    pub page_size: u32,
    /// The site on the native server at `api` that hosts this thread (`data-site`).
    #[prop_or(AttrValue::Static(crate::config::DEFAULT_SITE))]
    pub site: AttrValue,
    /// Another backend than the native one at `api` (see `docs/backends.md`).
    #[cfg(feature = "native")]
    #[prop_or_default]
    pub backend: Option<Rc<Backend>>,
    /// The backend (a bundle without the native one has no default to fall back on).
    #[cfg(not(feature = "native"))]
    pub backend: Rc<Backend>,
    /// Show the avatar URLs the backend sends (`data-avatars="remote"`), not only identicons.
    #[cfg(feature = "foreign")]
    #[prop_or_default]
    pub remote_avatars: bool,
    /// The reader's language: its messages and formats (the loader's `data-lang`, or the
    /// page's `<html lang>`). Without one, messages show as their keys.
    #[prop_or_else(|| Tr(Rc::new(Catalogue::empty())))]
    pub tr: Tr,
}

/// A whole comment section.
#[function_component]
pub fn Thread(props: &ThreadProps) -> Html {
    #[cfg(feature = "native")]
    let backend =
        use_memo((props.api.clone(), props.site.clone(), props.backend.clone()), |(api, site, backend)| {
            backend.clone().unwrap_or_else(|| {
                let api = NativeApi::new(api.trim_end_matches('/').to_string()).with_site(site.as_str());
                Rc::new(Backend::Native(api))
            })
        });
    #[cfg(not(feature = "native"))]
    let backend = use_memo(props.backend.clone(), Rc::clone);
    let thread = use_thread(ThreadSource {
        backend: (*backend).clone(),
        thread: props.thread.clone(),
        max_depth: props.max_depth,
        page_size: props.page_size,
        #[cfg(feature = "foreign")]
        remote_avatars: props.remote_avatars,
    });
    let (state, ctx) = (&thread.state, &thread.ctx);
    #[cfg(feature = "native")]
    {
        use_live(ctx, state.phase == Phase::Ready);
    }
    let section = use_node_ref();
    {
        // A permalink (#comment-<id>) cannot reach into a shadow root by itself: once the thread
        // is shown, scroll the linked comment into view and focus it.
        let section = section.clone();
        use_effect_with(state.phase == Phase::Ready, move |ready| {
            let listener = ready.then(|| {
                crate::embed_dom::reveal_linked_comment(&section);
                crate::embed_dom::HashListener::new(move || crate::embed_dom::reveal_linked_comment(&section))
            });
            move || drop(listener)
        });
    }

    let tr = &props.tr;
    let (phase_name, content) = match &state.phase {
        Phase::Loading => ("loading", skeleton(tr)),
        Phase::Failed(e) => {
            let message = e.reader_message_from(tr, ctx.caps.name);
            ("error", error_box(tr, message.into(), Some(thread.retry.clone())))
        }
        Phase::Ready => ("ready", ready_view(tr, state, ctx, thread.more.reform(|_: MouseEvent| ()))),
    };
    html! {
        <ContextProvider<Tr> context={tr.clone()}>
        <ContextProvider<Rc<ThreadCtx>> context={ctx.clone()}>
            <section ref={section} class="tl-root" data-state={phase_name} aria-labelledby="tl-title"
                lang={tr.lang().to_string()} dir={tr.dir()}>
                <header class="tl-header">
                    <h2 class="tl-title" id="tl-title">
                        { if state.phase == Phase::Ready { tr.count(k!("comment_count"), state.total) } else { tr.t(k!("comments")) } }
                    </h2>
                    { sort_menu(tr, ctx, &thread) }
                </header>
                { content }
                <p class="tl-sr-only" role="status">{ announcement(tr, state) }</p>
            </section>
        </ContextProvider<Rc<ThreadCtx>>>
        </ContextProvider<Tr>>
    }
}

/// What the live region says now: the last announcement, with a zero-width space on every
/// other one, so that the same words twice still change the region and are heard again.
fn announcement(tr: &Catalogue, state: &ThreadState) -> String {
    let a = state.announce;
    let Some(key) = a.key else { return String::new() };
    let mut text = if a.n > 0 { tr.count(key, a.n) } else { tr.t(key) };
    if a.seq % 2 == 1 {
        text.push('\u{200B}');
    }
    text
}

/// The order buttons, for a backend that sorts (none in the bundles of other backends).
fn sort_menu(tr: &Catalogue, ctx: &ThreadCtx, thread: &crate::effects::UseThread) -> Html {
    #[cfg(feature = "native")]
    if ctx.caps.sorting {
        return super::sort::sort_menu(tr, thread.sort, &thread.set_sort);
    }
    let _ = (tr, ctx, thread);
    Html::default()
}

/// "2 new comments — show": what arrived live; nothing for backends without live updates.
fn incoming(tr: &Catalogue, state: &ThreadState, ctx: &ThreadCtx) -> Html {
    #[cfg(feature = "native")]
    if matches!(&*ctx.backend, crate::api::Backend::Native(_)) {
        let n = state.incoming.len();
        let dispatch = ctx.dispatch.clone();
        return html! {
            // Screen readers hear of new comments from the live region ([`announcement`]).
            <div class="tl-incoming">
                if n > 0 {
                    <button type="button" class="tl-button tl-button-quiet tl-show-incoming"
                        onclick={move |_| dispatch.emit(crate::state::Action::ShowIncoming)}>
                        { tr.count(k!("new_comments"), n as u64) }
                    </button>
                }
            </div>
        };
    }
    let _ = (tr, state, ctx);
    Html::default()
}

fn ready_view(tr: &Catalogue, state: &ThreadState, ctx: &ThreadCtx, on_more: Callback<MouseEvent>) -> Html {
    let more = state.next_cursor.as_ref().filter(|_| ctx.caps.paging).map(|_| {
        let failed = match &state.more {
            More::Failed(e) => {
                html! { <p class="tl-form-error" role="alert">{ e.reader_message_from(tr, ctx.caps.name) }</p> }
            }
            _ => html! {},
        };
        let busy = state.more == More::Loading;
        html! {
            <div class="tl-more-wrap">
                { failed }
                <button type="button" class="tl-more tl-button tl-button-quiet" disabled={busy} onclick={on_more}>
                    { if busy { tr.t(k!("loading")) } else { tr.t(k!("load_more")) } }
                </button>
            </div>
        }
    });
    html! {
        <>
            if ctx.caps.posting {
                <ReplyForm />
            }
            if state.forest.is_empty() {
                { empty(tr) }
            }
            { incoming(tr, state, ctx) }
            <div class="tl-list">
                { for state.forest.roots.iter().map(|r| html! {
                    <CommentView key={&*r.comment.id} node={r.clone()} depth={0} root={r.comment.id.clone()} />
                }) }
            </div>
            { more.unwrap_or_default() }
        </>
    }
}
