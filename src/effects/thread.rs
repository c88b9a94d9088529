//! [`use_thread`]: the thread's state, and the requests that fill it (first page, next page,
//! retry).

use super::context::ThreadCtx;
use crate::api::Backend;
use crate::state::{Action, ThreadState, Ticket};
use crate::storage;
use std::cell::RefCell;
use std::rc::Rc;
use threadline_protocol::Sort;
use yew::prelude::*;

/// Which thread to show, from where.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadSource {
    /// The backend the comments come from.
    pub backend: Rc<Backend>,
    /// The thread key.
    pub thread: AttrValue,
    /// Indentation levels before replies are listed flat.
    pub max_depth: usize,
    /// Top-level comments per page.
    pub page_size: u32,
    /// Show the avatar URLs the backend sends (`data-avatars="remote"`).
    #[cfg(feature = "foreign")]
    pub remote_avatars: bool,
}

/// What [`use_thread`] gives a view.
pub struct UseThread {
    /// The thread as it stands.
    pub state: UseReducerHandle<ThreadState>,
    /// The context for the comments and forms below.
    pub ctx: Rc<ThreadCtx>,
    /// Loads the first page again, after a failure.
    pub retry: Callback<()>,
    /// Loads the next page, if there is one.
    pub more: Callback<()>,
    /// The reader's order of top-level comments, for the backends that sort.
    pub sort: Sort,
    /// Changes the order (remembered for the next visit) and loads the first page in it.
    pub set_sort: Callback<Sort>,
}

/// Hands out increasing tickets; shared by every request of one thread view.
#[derive(Default)]
struct Tickets(u64);

fn next_ticket(tickets: &Rc<RefCell<Tickets>>) -> Ticket {
    let mut t = tickets.borrow_mut();
    t.0 += 1;
    Ticket(t.0)
}

/// The thread's state and the requests that change it. The first page is (re)loaded whenever
/// the backend, the thread or the page size changes, and on retry; answers to requests made
/// before the latest (re)load are dropped by the reducer.
#[hook]
pub fn use_thread(source: ThreadSource) -> UseThread {
    let state = use_reducer(ThreadState::default);
    let tickets = use_mut_ref(Tickets::default);
    let attempt = use_state(|| 0u32);
    let sort = use_state(|| {
        storage::get(crate::state::draft::SORT_KEY).and_then(|s| Sort::parse(&s)).unwrap_or_default()
    });
    {
        let (dispatcher, tickets) = (state.dispatcher(), tickets.clone());
        let deps = (source.backend.clone(), source.thread.clone(), source.page_size, *attempt, *sort);
        use_effect_with(deps, move |(backend, thread, limit, _, sort)| {
            let ticket = next_ticket(&tickets);
            dispatcher.dispatch(Action::Reload(ticket));
            let (backend, thread, limit, sort) = (backend.clone(), thread.clone(), *limit, *sort);
            wasm_bindgen_futures::spawn_local(async move {
                let author = super::author::token(&backend);
                let mut listed = backend.list(&thread, None, limit, author.as_deref(), sort, None).await;
                // A permalink to a comment beyond the first page: ask for the page that holds it
                // instead (a backend that cannot find it answers the first page again).
                if let (Some(id), Ok(page)) = (crate::embed_dom::linked_comment(), &listed) {
                    if page.next_cursor.is_some() && !page.comments.iter().any(|c| *c.id == *id) {
                        listed = backend.list(&thread, None, limit, author.as_deref(), sort, Some(&id)).await;
                    }
                }
                match listed {
                    // Asked after the answer: a mapping given by URL is known only now.
                    Ok(page) => {
                        #[cfg(not(feature = "foreign"))]
                        let page = super::mine::marked(&backend, page);
                        let caps = backend.capabilities().with_features(page.features);
                        dispatcher.dispatch(Action::Loaded(ticket, page, caps))
                    }
                    Err(e) => dispatcher.dispatch(Action::LoadFailed(ticket, e)),
                }
            });
        });
    }
    let ctx = {
        let dispatcher = state.dispatcher();
        let caps = state.caps.unwrap_or_else(|| source.backend.capabilities());
        #[cfg(feature = "foreign")]
        let remote_avatars = source.remote_avatars;
        let deps = (source.backend.clone(), source.thread.clone(), source.max_depth, caps, state.load);
        use_memo(deps, move |(backend, thread, max_depth, caps, load)| ThreadCtx {
            backend: backend.clone(),
            caps: *caps,
            thread: thread.clone(),
            max_depth: *max_depth,
            load: *load,
            dispatch: Callback::from(move |action| dispatcher.dispatch(action)),
            #[cfg(feature = "foreign")]
            remote_avatars,
        })
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let more = {
        let (dispatcher, tickets) = (state.dispatcher(), tickets.clone());
        let (backend, thread, limit) = (source.backend.clone(), source.thread.clone(), source.page_size);
        let (cursor, sort) = (state.next_cursor.clone(), *sort);
        Callback::from(move |()| {
            let Some(cursor) = cursor.clone() else { return };
            let ticket = next_ticket(&tickets);
            dispatcher.dispatch(Action::MoreRequested(ticket));
            let (dispatcher, backend, thread) = (dispatcher.clone(), backend.clone(), thread.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let author = super::author::token(&backend);
                match backend.list(&thread, Some(&cursor), limit, author.as_deref(), sort, None).await {
                    Ok(page) => {
                        #[cfg(not(feature = "foreign"))]
                        let page = super::mine::marked(&backend, page);
                        dispatcher.dispatch(Action::MoreLoaded(ticket, page))
                    }
                    Err(e) => dispatcher.dispatch(Action::MoreFailed(ticket, e)),
                }
            });
        })
    };
    let set_sort = {
        let sort = sort.clone();
        Callback::from(move |chosen: Sort| {
            storage::set(crate::state::draft::SORT_KEY, chosen.as_str());
            sort.set(chosen);
        })
    };
    UseThread { state, ctx, retry, more, sort: *sort, set_sort }
}
