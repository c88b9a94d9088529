//! The thread-wide context every comment and form reads: backend, thread key, depth cap, what
//! the backend can do, and the way back into the thread's state.

use crate::api::{Backend, Capabilities};
use crate::state::{Action, Ticket};
use std::rc::Rc;
use yew::{AttrValue, Callback};

/// Shared by the whole thread. Rebuilt only when the thread is (re)loaded or the backend's
/// capabilities become known, so consumers don't re-render for every state change.
#[derive(Debug, Clone)]
pub struct ThreadCtx {
    /// Where comments come from and go to.
    pub backend: Rc<Backend>,
    /// What the backend can do; the UI hides the rest. Until the first page has come, this is
    /// the backend's own guess (a mapping given by URL is known only once fetched).
    pub caps: Capabilities,
    /// The thread key.
    pub thread: AttrValue,
    /// Indentation levels before replies are listed flat.
    pub max_depth: usize,
    /// The load this context belongs to; answers to requests made under it carry it back.
    pub load: Ticket,
    /// Feeds answers back into the thread's state.
    pub dispatch: Callback<Action>,
    /// Show the avatar URLs the backend sends (`data-avatars="remote"`).
    #[cfg(feature = "foreign")]
    pub remote_avatars: bool,
}

impl PartialEq for ThreadCtx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.backend, &other.backend)
            && self.caps == other.caps
            && self.thread == other.thread
            && self.max_depth == other.max_depth
            && self.load == other.load
            && self.dispatch == other.dispatch
    }
}
