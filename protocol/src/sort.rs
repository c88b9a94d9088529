//! [`Sort`]: the orders a thread's top-level comments can be read in (`GET /api/comments?sort=`).
//! The server pages each by cursor; the widget offers them as the reader's choice.

/// The order of a thread's top-level comments (replies stay oldest first below each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Oldest first (the default): by creation time, then id.
    #[default]
    Oldest,
    /// Newest first.
    Newest,
    /// Most votes first (upvotes minus downvotes), then oldest first.
    Top,
}

impl Sort {
    /// Parses the `sort` query parameter.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "oldest" => Some(Self::Oldest),
            "newest" => Some(Self::Newest),
            "top" => Some(Self::Top),
            _ => None,
        }
    }

    /// The name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oldest => "oldest",
            Self::Newest => "newest",
            Self::Top => "top",
        }
    }
}

impl Sort {
    /// Every order, in the order a menu offers them.
    pub const ALL: [Sort; 3] = [Sort::Oldest, Sort::Newest, Sort::Top];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_reads_back_from_its_wire_name() {
        for sort in Sort::ALL {
            assert_eq!(Sort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(Sort::parse("best"), None);
        assert_eq!(Sort::default(), Sort::Oldest);
    }
}
