//! What only the custom mapping reads so far (issue 12): link ranges and the server's order. Compiled with the
//! `custom` feature only, so the other bundles stay as they were.

/// The extra fields of a [`super::Comment`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra {
    /// Links and mentions in `text`, sorted and never overlapping.
    pub links: Vec<LinkRange>,
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
