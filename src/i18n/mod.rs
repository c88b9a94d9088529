//! Reader-facing wording. The words live in one catalogue per language
//! (`src/i18n/messages/<lang>.json`), which the loader fetches beside the bundle; the code
//! names messages by key ([`Catalogue`]), and the browser's `Intl` supplies plural rules,
//! numbers and times ([`intl`]). Pure Rust apart from `Intl`, so the lookups, placeholders and
//! every catalogue's completeness are covered by native tests.

pub mod ago;
pub mod catalogue;
pub mod errors;
pub mod intl;
pub mod keys;
#[cfg(feature = "moderator")]
pub mod moderation;

pub use catalogue::{Catalogue, Tr};
pub use keys::Key;
use std::rc::Rc;
use threadline_protocol::moderation::ReportReason;
use threadline_protocol::Sort;

use crate::k;

/// The thread's catalogue, which [`crate::components::Thread`] (and the moderator's app)
/// provide; without one (a component used on its own), messages show as their keys.
#[yew::hook]
pub fn use_tr() -> Tr {
    yew::use_context::<Tr>().unwrap_or_else(|| Tr(Rc::new(Catalogue::empty())))
}

/// The orders a reader can choose, with the keys of their buttons' words.
pub const SORTS: [(Sort, Key); 3] =
    [(Sort::Oldest, k!("sort_oldest")), (Sort::Newest, k!("sort_newest")), (Sort::Top, k!("sort_top"))];

/// The reasons a reader can report a comment for, with their labels' keys, in the order shown.
pub const REPORT_REASONS: [(ReportReason, Key); 4] = [
    (ReportReason::Spam, k!("reason_spam")),
    (ReportReason::Abuse, k!("reason_abuse")),
    (ReportReason::OffTopic, k!("reason_off_topic")),
    (ReportReason::Other, k!("reason_other")),
];

/// What a vote button says to assistive technology, with the count it shows: the count in
/// the words as shown, so the name holds what the button shows (WCAG 2.5.3, "label in name").
pub fn vote_label(tr: &Catalogue, value: i8, count: u32) -> String {
    if value < 0 {
        tr.count(k!("vote_down"), u64::from(count))
    } else {
        tr.count(k!("vote_up"), u64::from(count))
    }
}

/// "1 more reply", "3 more replies": replies a listing announced without sending them.
#[cfg(any(feature = "native", feature = "custom"))]
pub fn more_replies(tr: &Catalogue, n: u64) -> String {
    match n {
        0 => tr.t(k!("more_replies_unknown")),
        n => tr.count(k!("more_replies"), n),
    }
}
