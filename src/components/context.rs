//! The thread-wide context every comment and form reads: backend, thread key, depth cap, and
//! the callback that puts a posted comment in place.

use crate::api::{Backend, Capabilities};
use crate::model::Comment;
use std::rc::Rc;
use yew::{AttrValue, Callback};

/// Shared by the whole thread; built once per (api, thread) so consumers don't re-render.
#[derive(Debug, Clone)]
pub struct ThreadCtx {
    /// Where comments come from and go to.
    pub backend: Rc<Backend>,
    /// What the backend can do; the UI hides the rest.
    pub caps: Capabilities,
    /// The thread key.
    pub thread: AttrValue,
    /// Indentation levels before replies are listed flat.
    pub max_depth: usize,
    /// Puts a comment the backend just stored into the thread.
    pub on_posted: Callback<Comment>,
}

impl PartialEq for ThreadCtx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.backend, &other.backend)
            && self.thread == other.thread
            && self.max_depth == other.max_depth
            && self.on_posted == other.on_posted
    }
}
