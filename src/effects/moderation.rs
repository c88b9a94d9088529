//! Moderator mode's network work and storage (the moderator bundle only): trading a sign-in
//! link for a session, keeping it in `localStorage` per API, checking and ending it, acting on
//! a comment (the answer goes back into the thread through [`Action::Moderated`]) and the
//! site's Queue.

use super::context::ThreadCtx;
use crate::api::moderation::Verb;
use crate::api::native::NativeApi;
use crate::api::Backend;
use crate::error::ClientError;
use crate::model::Comment;
use crate::state::moderation::{self as pure, QueueAction, QueueState, StoredSession};
use crate::state::Action;
use crate::storage;
use std::rc::Rc;
use threadline_protocol::CommentId;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The native API behind a backend, if it is one.
pub fn native(backend: &Backend) -> Option<&NativeApi> {
    match backend {
        Backend::Native(api) => Some(api),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// Who is using the widget.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// A sign-in link or a stored session is being checked.
    Checking,
    /// A signed-in moderator.
    Moderator(StoredSession),
    /// A reader; `true` when a sign-in link was given and did not work.
    Reader(bool),
}

/// The stored session for the API at `api`, if any.
fn stored(api: &str) -> Option<StoredSession> {
    storage::get(&pure::session_key(api)).and_then(|s| crate::api::from_json(&s).ok())
}

fn keep(api: &str, session: &StoredSession) {
    if let Ok(json) = serde_json::to_string(session) {
        storage::set(&pure::session_key(api), &json);
    }
}

fn forget(api: &str) {
    storage::set(&pure::session_key(api), "");
}

/// The sign-in link's token, taken out of the page URL so that it is neither bookmarked,
/// shared, nor sent again.
fn take_signin_token() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let token = pure::signin_token(&hash)?.to_string();
    let location = window.location();
    let bare =
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare));
    }
    Some(token)
}

/// What [`use_moderator`] gives the view.
pub struct UseModerator {
    /// Who is using the widget.
    pub mode: Mode,
    /// Signs out (on the server, then here) and shows the reader's widget.
    pub sign_out: Callback<()>,
}

/// Signs in with the page's sign-in link, or checks the stored session; a dead session is
/// dropped and the reader's widget shown.
#[hook]
pub fn use_moderator(api: NativeApi) -> UseModerator {
    let mode = use_state(|| Mode::Checking);
    {
        let (mode, api) = (mode.setter(), api.clone());
        use_effect_with((), move |_| {
            let base = api.base().to_string();
            let link = take_signin_token();
            let saved = stored(&base);
            spawn_local(async move {
                if let Some(token) = link {
                    match api.sign_in(&token).await {
                        Ok(s) => {
                            let session =
                                StoredSession { session: s.session.unwrap_or_default(), name: s.name };
                            keep(&base, &session);
                            mode.set(Mode::Moderator(session));
                        }
                        // A stored session still counts when a stale link is opened again.
                        Err(_) => mode.set(saved.map_or(Mode::Reader(true), Mode::Moderator)),
                    }
                    return;
                }
                let Some(saved) = saved else { return mode.set(Mode::Reader(false)) };
                match api.with_session(Some(saved.session.clone())).check_session().await {
                    Ok(_) => mode.set(Mode::Moderator(saved)),
                    Err(ClientError::Network(_)) => mode.set(Mode::Moderator(saved)),
                    Err(_) => {
                        forget(&base);
                        mode.set(Mode::Reader(false));
                    }
                }
            });
        });
    }
    let sign_out = {
        let (mode, current) = (mode.setter(), (*mode).clone());
        Callback::from(move |()| {
            let Mode::Moderator(session) = &current else { return };
            let api = api.clone().with_session(Some(session.session.clone()));
            let mode = mode.clone();
            spawn_local(async move {
                let _ = api.sign_out().await;
                forget(api.base());
                mode.set(Mode::Reader(false));
            });
        })
    };
    UseModerator { mode: (*mode).clone(), sign_out }
}

/// Acts on comment `id` of the thread; the comment's new shape replaces it in the thread.
/// `done` hears the outcome, for the buttons' busy state and an error.
pub fn moderate(
    ctx: &ThreadCtx,
    id: Rc<str>,
    verb: Verb,
    reason: Option<String>,
    done: Callback<Option<ClientError>>,
) {
    let (backend, dispatch, load) = (ctx.backend.clone(), ctx.dispatch.clone(), ctx.load);
    spawn_local(async move {
        let Some(api) = native(&backend) else { return };
        match api.moderate(&id, verb, reason).await {
            Ok(comment) => {
                dispatch.emit(Action::Moderated(load, Comment::from_native(comment)));
                done.emit(None);
            }
            Err(e) => done.emit(Some(e)),
        }
    });
}

/// What [`use_queue`] gives the view.
pub struct UseQueue {
    /// The queue as it stands.
    pub state: UseReducerHandle<QueueState>,
    /// Loads it again.
    pub reload: Callback<()>,
    /// Acts on an entry: approve, reject (with the reason) or delete.
    pub act: Callback<(CommentId, Verb, Option<String>)>,
    /// Loads the next page after those shown.
    pub more: Callback<()>,
}

/// The site's queue, loaded once and on [`UseQueue::reload`].
#[hook]
pub fn use_queue(backend: Rc<Backend>, site: AttrValue) -> UseQueue {
    let state = use_reducer(QueueState::default);
    let attempt = use_state(|| 0u32);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((backend.clone(), site.clone(), *attempt), move |(backend, site, _)| {
            dispatcher.dispatch(QueueAction::Reload);
            let (backend, site) = (backend.clone(), site.clone());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                match api.queue(&site, None).await {
                    Ok(queue) => dispatcher.dispatch(QueueAction::Loaded(queue)),
                    Err(e) => dispatcher.dispatch(QueueAction::LoadFailed(e)),
                }
            });
        });
    }
    let reload = Callback::from(move |()| attempt.set(*attempt + 1));
    let more = {
        let (state, backend, site) = (state.clone(), backend.clone(), site.clone());
        Callback::from(move |()| {
            let Some(cursor) = state.more_cursor().map(String::from) else { return };
            state.dispatch(QueueAction::LoadMore);
            let (dispatcher, backend, site) = (state.dispatcher(), backend.clone(), site.clone());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                match api.queue(&site, Some(&cursor)).await {
                    Ok(queue) => dispatcher.dispatch(QueueAction::MoreLoaded(queue)),
                    Err(e) => dispatcher.dispatch(QueueAction::MoreFailed(e)),
                }
            });
        })
    };
    let act = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(id, verb, reason): (CommentId, Verb, Option<String>)| {
            dispatcher.dispatch(QueueAction::Acting(id));
            let (dispatcher, backend) = (dispatcher.clone(), backend.clone());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                match api.moderate(&id.to_string(), verb, reason).await {
                    Ok(_) => dispatcher.dispatch(QueueAction::Acted(id)),
                    Err(e) => dispatcher.dispatch(QueueAction::ActFailed(id, e)),
                }
            });
        })
    };
    UseQueue { state, reload, act, more }
}
