//! CLDR plural categories; English needs only two, other catalogues will add their rules here.

/// The plural categories used by the catalogues so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    /// Exactly one.
    One,
    /// Everything else, zero included.
    Other,
}

/// The English rule: "one" for 1 only.
pub fn english(n: usize) -> Plural {
    if n == 1 {
        Plural::One
    } else {
        Plural::Other
    }
}
