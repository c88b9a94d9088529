//! The public [`Thread`] component: loads a thread, shows its states, the top form and the
//! comments, and pages through the rest.

use super::comment::CommentView;
use super::context::ThreadCtx;
use super::reply_form::ReplyForm;
use super::states::{Empty, ErrorBox, Skeleton};
use crate::api::native::NativeApi;
use crate::api::Backend;
use crate::i18n;
use crate::state::{Action, More, Phase, ThreadState};
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
    /// Another backend than the native one at `api` (see `docs/backends.md`).
    #[prop_or_default]
    pub backend: Option<Rc<Backend>>,
}

/// A whole comment section.
#[function_component]
pub fn Thread(props: &ThreadProps) -> Html {
    let state = use_reducer(ThreadState::default);
    let ctx = {
        let dispatcher = state.dispatcher();
        let deps = (props.api.clone(), props.thread.clone(), props.max_depth, props.backend.clone());
        use_memo(deps, move |(api, thread, depth, backend)| {
            let backend = backend.clone().unwrap_or_else(|| {
                Rc::new(Backend::Native(NativeApi::new(api.trim_end_matches('/').to_string())))
            });
            ThreadCtx {
                caps: backend.capabilities(),
                backend,
                thread: thread.clone(),
                max_depth: *depth,
                on_posted: Callback::from(move |c| dispatcher.dispatch(Action::Posted(c))),
            }
        })
    };
    let attempt = use_state(|| 0u32);
    {
        let (dispatcher, ctx, limit) = (state.dispatcher(), ctx.clone(), props.page_size);
        use_effect_with((ctx, *attempt), move |(ctx, _)| {
            dispatcher.dispatch(Action::Reload);
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match ctx.backend.list(&ctx.thread, None, limit).await {
                    Ok(page) => dispatcher.dispatch(Action::Loaded(page)),
                    Err(e) => dispatcher.dispatch(Action::LoadFailed(e)),
                }
            });
        });
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
    let on_retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let on_more = {
        let (dispatcher, ctx, limit) = (state.dispatcher(), ctx.clone(), props.page_size);
        let cursor = state.next_cursor.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(cursor) = cursor.clone() else { return };
            dispatcher.dispatch(Action::MoreRequested);
            let (dispatcher, ctx) = (dispatcher.clone(), ctx.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ctx.backend.list(&ctx.thread, Some(&cursor), limit).await {
                    Ok(page) => dispatcher.dispatch(Action::MoreLoaded(page)),
                    Err(e) => dispatcher.dispatch(Action::MoreFailed(e)),
                }
            });
        })
    };

    let (phase_name, content) = match &state.phase {
        Phase::Loading => ("loading", html! { <Skeleton /> }),
        Phase::Failed(e) => {
            let message = e.reader_message_from(ctx.caps.name);
            ("error", html! { <ErrorBox {message} on_retry={Some(on_retry)} /> })
        }
        Phase::Ready => ("ready", ready_view(&state, &ctx, on_more)),
    };
    html! {
        <ContextProvider<Rc<ThreadCtx>> context={ctx}>
            <section ref={section} class="tl-root" data-state={phase_name} aria-label="Comments">
                <header class="tl-header">
                    <h2 class="tl-title">
                        { if state.phase == Phase::Ready { i18n::comment_count(state.total as usize) } else { "Comments".into() } }
                    </h2>
                </header>
                { content }
            </section>
        </ContextProvider<Rc<ThreadCtx>>>
    }
}

fn ready_view(state: &ThreadState, ctx: &ThreadCtx, on_more: Callback<MouseEvent>) -> Html {
    let more = state.next_cursor.as_ref().filter(|_| ctx.caps.paging).map(|_| {
        let failed = match &state.more {
            More::Failed(e) => {
                html! { <p class="tl-form-error" role="alert">{ e.reader_message_from(ctx.caps.name) }</p> }
            }
            _ => html! {},
        };
        let busy = state.more == More::Loading;
        html! {
            <div class="tl-more-wrap">
                { failed }
                <button type="button" class="tl-more tl-button tl-button-quiet" disabled={busy} onclick={on_more}>
                    { if busy { "Loading…" } else { i18n::LOAD_MORE } }
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
                <Empty />
            }
            <div class="tl-list">
                { for state.forest.roots.iter().map(|r| html! {
                    <CommentView key={&*r.comment.id} node={r.clone()} depth={0} root={r.comment.id.clone()} />
                }) }
            </div>
            { more.unwrap_or_default() }
        </>
    }
}
