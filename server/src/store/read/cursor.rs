//! Where a page of a thread starts: the order of its top-level comments ([`Sort`]) and the
//! opaque [`Cursor`] that `next_cursor` carries. Every order is paged by cursor, never by
//! OFFSET: a page starts just after the last top-level comment of the one before.

use std::fmt;

pub use threadline_protocol::Sort;

/// Where the next page starts: just after the top-level comment with this sort key. For
/// [`Sort::Top`] the key starts with the negated score, so that every order compares its key
/// ascending in its own direction. On the wire an oldest-first cursor is 32 lowercase hex
/// digits (as before sorting existed); the others are prefixed `n` or `t` (top adds 16 digits
/// of score). Clients treat cursors as opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Cursor {
    /// The order this cursor pages.
    pub sort: Sort,
    /// `-(upvotes - downvotes)` of that comment (top order only; 0 otherwise).
    pub neg_score: i64,
    /// Creation time (ms) of the last top-level comment of the previous page.
    pub created_ms: i64,
    /// Id of the last top-level comment of the previous page.
    pub id: i64,
}

/// How big a page is: `limit` top-level comments, and at most `replies` replies of each
/// one's subtree (`None`: all of them), the rest behind `more_replies`. A bare number is a
/// page of that many top-level comments with all their replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageShape {
    /// Top-level comments.
    pub limit: u32,
    /// Replies per subtree, when capped.
    pub replies: Option<u32>,
}

impl From<u32> for PageShape {
    fn from(limit: u32) -> Self {
        Self { limit, replies: None }
    }
}

/// A cursor string that this server did not hand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the cursor is not one this server handed out")]
pub struct CursorError;

impl Cursor {
    /// An oldest-first cursor after the comment created at `created_ms` with `id`.
    pub fn oldest(created_ms: i64, id: i64) -> Self {
        Self { sort: Sort::Oldest, neg_score: 0, created_ms, id }
    }

    /// Where the first page of `sort` starts: before every comment.
    pub fn start(sort: Sort) -> Self {
        match sort {
            Sort::Oldest => Self::oldest(i64::MIN, i64::MIN),
            Sort::Newest => Self { sort, neg_score: 0, created_ms: i64::MAX, id: i64::MAX },
            Sort::Top => Self { sort, neg_score: i64::MIN, created_ms: i64::MIN, id: i64::MIN },
        }
    }

    /// Parses the wire form made by [`Cursor`]'s `Display`.
    pub fn parse(s: &str) -> Result<Self, CursorError> {
        let (sort, hex) = match s.as_bytes().first() {
            Some(b'n') => (Sort::Newest, &s[1..]),
            Some(b't') => (Sort::Top, &s[1..]),
            _ => (Sort::Oldest, s),
        };
        let want = if sort == Sort::Top { 48 } else { 32 };
        if hex.len() != want || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CursorError);
        }
        let field = |i: usize| {
            u64::from_str_radix(&hex[16 * i..16 * (i + 1)], 16).map(|v| v as i64).map_err(|_| CursorError)
        };
        Ok(match sort {
            Sort::Top => Self { sort, neg_score: field(0)?, created_ms: field(1)?, id: field(2)? },
            _ => Self { sort, neg_score: 0, created_ms: field(0)?, id: field(1)? },
        })
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sort {
            Sort::Oldest => {}
            Sort::Newest => f.write_str("n")?,
            Sort::Top => write!(f, "t{:016x}", self.neg_score as u64)?,
        }
        write!(f, "{:016x}{:016x}", self.created_ms as u64, self.id as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_junk() {
        let cursors = [
            Cursor::oldest(0, 1),
            Cursor::oldest(-5, i64::MAX),
            Cursor { sort: Sort::Newest, neg_score: 0, created_ms: 7, id: 9 },
            Cursor { sort: Sort::Top, neg_score: -12, created_ms: 7, id: 9 },
            Cursor::start(Sort::Top),
        ];
        for c in cursors {
            assert_eq!(Cursor::parse(&c.to_string()), Ok(c));
        }
        assert_eq!(Cursor::oldest(1, 2).to_string().len(), 32, "oldest-first cursors keep their old form");
        for bad in [
            "",
            "zz",
            "0000000000000000000000000000000g",
            "+000000000000000000000000000000f",
            "é",
            "n0",
            "t00",
        ] {
            assert_eq!(Cursor::parse(bad), Err(CursorError), "{bad}");
        }
    }

    #[test]
    fn sorts_have_names() {
        for sort in [Sort::Oldest, Sort::Newest, Sort::Top] {
            assert_eq!(Sort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(Sort::parse("best"), None);
    }
}
