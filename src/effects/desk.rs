//! Moderator mode's network work beyond one-click verbs and the Queue: editing a comment (the
//! answer replaces it in the thread), banning its author, the thread's lock and the Bans view.

use super::context::ThreadCtx;
use super::moderation::native;
use crate::api::Backend;
use crate::error::ClientError;
use crate::model::Comment;
use crate::state::desk::{locked_in, BansAction, BansState};
use crate::state::Action;
use std::rc::Rc;
use threadline_protocol::moderation::{Ban, ModeratorEdit, NewBan, ThreadLock};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Edits comment `id` of the thread; its new text replaces it in place. `done` hears the
/// outcome, for the dialog's busy state and an error.
pub fn edit(ctx: &ThreadCtx, id: Rc<str>, edit: ModeratorEdit, done: Callback<Option<ClientError>>) {
    let (backend, dispatch, load) = (ctx.backend.clone(), ctx.dispatch.clone(), ctx.load);
    spawn_local(async move {
        let Some(api) = native(&backend) else { return };
        match api.edit(&id, &edit).await {
            Ok(comment) => {
                dispatch.emit(Action::Moderated(load, Comment::from_native(comment)));
                done.emit(None);
            }
            Err(e) => done.emit(Some(e)),
        }
    });
}

/// Bans an author; `done` hears the ban or why not.
pub fn ban(backend: &Rc<Backend>, ban: NewBan, done: Callback<Result<Ban, ClientError>>) {
    let backend = backend.clone();
    spawn_local(async move {
        let Some(api) = native(&backend) else { return };
        done.emit(api.ban(&ban).await);
    });
}

/// What [`use_lock`] gives the moderator bar.
pub struct UseLock {
    /// Whether the thread is locked; `None` until known.
    pub locked: Option<bool>,
    /// A lock or unlock is in flight.
    pub busy: bool,
    /// The last lock or unlock that failed.
    pub error: Option<ClientError>,
    /// Locks an unlocked thread, unlocks a locked one.
    pub toggle: Callback<()>,
}

/// The thread's lock: its state (from the audit log, which records every lock and unlock) and
/// the toggle.
#[hook]
pub fn use_lock(backend: Rc<Backend>, site: AttrValue, thread: AttrValue) -> UseLock {
    let locked = use_state(|| None::<bool>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ClientError>);
    {
        let locked = locked.setter();
        use_effect_with((backend.clone(), site.clone(), thread.clone()), move |(backend, site, thread)| {
            let (backend, site, thread) = (backend.clone(), site.clone(), thread.clone());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                // Unknown (the log could not be read) counts as unlocked: locking is idempotent.
                let log = api.audit(&site).await;
                locked.set(Some(log.is_ok_and(|log| locked_in(&log, &thread))));
            });
        });
    }
    let toggle = {
        let (locked, busy, error) = (locked.clone(), busy.clone(), error.clone());
        Callback::from(move |()| {
            if *busy {
                return;
            }
            let body = ThreadLock {
                site: Some(site.to_string()),
                thread: thread.to_string(),
                locked: !locked.unwrap_or(false),
            };
            busy.set(true);
            let (backend, locked, busy, error) =
                (backend.clone(), locked.setter(), busy.setter(), error.setter());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                match api.lock(&body).await {
                    Ok(now) => {
                        locked.set(Some(now.locked));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    UseLock { locked: *locked, busy: *busy, error: (*error).clone(), toggle }
}

/// What [`use_bans`] gives the Bans view.
pub struct UseBans {
    /// The list as it stands.
    pub state: UseReducerHandle<BansState>,
    /// Loads it again.
    pub reload: Callback<()>,
    /// Lifts a ban.
    pub unban: Callback<i64>,
}

/// The site's live bans, loaded when the view opens and on [`UseBans::reload`].
#[hook]
pub fn use_bans(backend: Rc<Backend>, site: AttrValue) -> UseBans {
    let state = use_reducer(BansState::default);
    let attempt = use_state(|| 0u32);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((backend.clone(), site, *attempt), move |(backend, site, _)| {
            dispatcher.dispatch(BansAction::Reload);
            let (backend, site) = (backend.clone(), site.clone());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                match api.bans(&site).await {
                    Ok(list) => dispatcher.dispatch(BansAction::Loaded(list)),
                    Err(e) => dispatcher.dispatch(BansAction::LoadFailed(e)),
                }
            });
        });
    }
    let reload = Callback::from(move |()| attempt.set(*attempt + 1));
    let unban = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: i64| {
            dispatcher.dispatch(BansAction::Unbanning(id));
            let (dispatcher, backend) = (dispatcher.clone(), backend.clone());
            spawn_local(async move {
                let Some(api) = native(&backend) else { return };
                match api.unban(id).await {
                    Ok(()) => dispatcher.dispatch(BansAction::Unbanned(id)),
                    Err(e) => dispatcher.dispatch(BansAction::UnbanFailed(id, e)),
                }
            });
        })
    };
    UseBans { state, reload, unban }
}
