//! Where a page of a thread starts: the opaque [`Cursor`] that `next_cursor` carries.

use std::fmt;

/// Where the next page starts: just after the top-level comment created at `created_ms`
/// with id `id`. On the wire it is 32 lowercase hex digits; clients treat it as opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    /// Creation time (ms) of the last top-level comment of the previous page.
    pub created_ms: i64,
    /// Id of the last top-level comment of the previous page.
    pub id: i64,
}

/// A cursor string that this server did not hand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the cursor is not one this server handed out")]
pub struct CursorError;

impl Cursor {
    /// Parses the wire form made by [`Cursor`]'s `Display`.
    pub fn parse(s: &str) -> Result<Self, CursorError> {
        if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CursorError);
        }
        let half = |range: std::ops::Range<usize>| {
            u64::from_str_radix(&s[range], 16).map(|v| v as i64).map_err(|_| CursorError)
        };
        Ok(Self { created_ms: half(0..16)?, id: half(16..32)? })
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}{:016x}", self.created_ms as u64, self.id as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_junk() {
        for c in [Cursor { created_ms: 0, id: 1 }, Cursor { created_ms: -5, id: i64::MAX }] {
            assert_eq!(Cursor::parse(&c.to_string()), Ok(c));
        }
        for bad in ["", "zz", "0000000000000000000000000000000g", "+000000000000000000000000000000f", "é"] {
            assert_eq!(Cursor::parse(bad), Err(CursorError), "{bad}");
        }
    }
}
