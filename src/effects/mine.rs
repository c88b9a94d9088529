//! The reader's own comments and votes on this API, as `localStorage` remembers them
//! ([`crate::state::mine`]): read to mark a page, written after a post or a vote.

use crate::api::{Backend, Page};
use crate::model::Comment;
use crate::state::mine::{mine_key, Mine};
use crate::storage;

fn load(api: &str) -> Mine {
    Mine::parse(storage::get(&mine_key(api)).as_deref())
}

fn save(api: &str, mine: &Mine) {
    storage::set(&mine_key(api), &mine.to_stored());
}

/// `page` with the reader's own comments and votes marked (backends that issue author tokens
/// only: the others have no own comments to edit).
pub fn marked(backend: &Backend, mut page: Page) -> Page {
    let Some(api) = backend.author_scope() else { return page };
    let mine = load(api);
    if !mine.own.is_empty() || !mine.votes.is_empty() {
        page.comments.iter_mut().for_each(|c| mine.mark(c));
    }
    page
}

/// Remembers a comment the reader just posted, and answers it marked as theirs.
pub fn posted(backend: &Backend, mut comment: Comment) -> Comment {
    if let Some(api) = backend.author_scope() {
        let mut mine = load(api);
        mine.posted(&comment.id, comment.created_ms.unwrap_or_else(|| js_sys::Date::now() as i64));
        save(api, &mine);
        comment.own = true;
    }
    comment
}

/// Remembers the reader's vote on `id` (0: none).
pub fn voted(backend: &Backend, id: &str, value: i8) {
    let Some(api) = backend.author_scope() else { return };
    let mut mine = load(api);
    mine.voted(id, value);
    save(api, &mine);
}
