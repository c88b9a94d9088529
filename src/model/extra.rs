//! What only the custom mapping reads so far (issue 12): link ranges, "N more replies"
//! continuations and the server's order. Compiled with the
//! `custom` feature only, so the other bundles stay as they were.

use std::rc::Rc;

/// The extra fields of a [`super::Comment`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra {
    /// Links and mentions in `text`, sorted and never overlapping.
    pub links: Vec<LinkRange>,
    /// More replies exist than were sent ("N more replies").
    pub more: Option<Continuation>,
    /// Keep the answer's order among siblings instead of sorting by time.
    pub server_order: bool,
}

/// A link over part of a comment's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRange {
    /// Byte offset in `text` where the link starts (on a character boundary).
    pub start: usize,
    /// Byte offset where it ends (exclusive, on a character boundary).
    pub end: usize,
    /// The target, already checked to be `http(s)` or `mailto`.
    pub url: String,
}

/// Replies the answer did not carry, announced by a stub.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Continuation {
    /// The comment whose replies they are.
    pub parent: Rc<str>,
    /// How many, when the stub says (else the number of ids).
    pub count: u64,
    /// Their ids, when the stub lists them.
    pub ids: Vec<String>,
    /// Where to fetch them, when the stub gives a URL.
    pub url: Option<String>,
    /// Whether the widget is fetching them, or failed to (then the button offers a retry).
    pub fetch: Fetch,
}

/// Where fetching the replies behind a [`Continuation`] stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Fetch {
    /// Not asked for, or done.
    #[default]
    Idle,
    /// In flight.
    Loading,
    /// Failed; the reader can retry.
    Failed(crate::error::ClientError),
}
