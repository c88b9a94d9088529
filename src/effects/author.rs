//! The reader's author token: the secret a Threadline server gives back for a first comment.
//! Sent with later requests, it lets the server show the reader their own comments that wait
//! for a moderator, and tell one reader's reports from another's. It is kept in
//! `localStorage`, one per API, and never in a cookie, which browsers block for third parties.

use crate::api::Backend;
use crate::state::draft::author_key;
use crate::storage;

/// The reader's token for this backend, if they have one and the backend issues them.
pub fn token(backend: &Backend) -> Option<String> {
    backend.author_scope().and_then(|api| storage::get(&author_key(api))).filter(|t| !t.is_empty())
}

/// Keeps the token a post was answered with. The server hands back the same token while it is
/// valid, and a new one when it is not, so the newest always replaces the last.
pub fn keep(backend: &Backend, token: Option<&str>) {
    if let (Some(api), Some(token)) = (backend.author_scope(), token.filter(|t| !t.is_empty())) {
        storage::set(&author_key(api), token);
    }
}
