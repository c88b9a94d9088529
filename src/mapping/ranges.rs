//! Rich-text ranges: plain text plus a list of ranges marking links and mentions (Bluesky's
//! facets, Mastodon-like entities). Offsets count bytes of UTF-8 by default, or characters, or
//! UTF-16 code units; they become byte offsets into the comment's text. A range whose target
//! is not `http(s)` or `mailto`, that falls outside the text or off a character boundary, or
//! that overlaps one listed before it, is dropped.

use super::paging::as_count;
use super::value::Spec;
use crate::model::extra::LinkRange;
use serde_json::Value;

/// How offsets are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// Bytes of UTF-8 (the default).
    #[default]
    Byte,
    /// Unicode scalar values.
    Char,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

/// `comment.ranges`: where the ranges are and what each holds.
#[derive(Debug, Clone, PartialEq)]
pub struct RangesSpec {
    /// Pointer (relative to the comment) to the array of ranges.
    pub at: String,
    /// Start offset (relative to one range).
    pub start: Spec,
    /// End offset, exclusive (relative to one range).
    pub end: Spec,
    /// The link target (relative to one range); a template can build a profile URL.
    pub url: Spec,
    /// `byte`, `char` or `utf16`.
    pub unit: Unit,
}

/// True for the link schemes a comment may carry.
pub fn is_link(url: &str) -> bool {
    threadline_protocol::validate::is_http_url(url)
        || url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:"))
            && url.len() > 7
            && !url.contains(char::is_whitespace)
}

/// The byte offset of an offset counted in `unit`, if it lands on a character boundary.
fn byte_offset(text: &str, n: usize, unit: Unit) -> Option<usize> {
    match unit {
        Unit::Byte => text.is_char_boundary(n).then_some(n),
        Unit::Char => text.char_indices().map(|(i, _)| i).chain([text.len()]).nth(n),
        Unit::Utf16 => {
            let mut units = 0;
            for (i, c) in text.char_indices().map(|(i, c)| (i, Some(c))).chain([(text.len(), None)]) {
                if units == n {
                    return Some(i);
                }
                units += c.map_or(0, char::len_utf16);
                if units > n {
                    return None;
                }
            }
            None
        }
    }
}

impl RangesSpec {
    /// The link ranges of a comment whose plain text is `text`.
    pub fn read(&self, obj: &Value, text: &str) -> Vec<LinkRange> {
        let mut out: Vec<LinkRange> = Vec::new();
        let items = match obj.pointer(&self.at) {
            Some(Value::Array(items)) => items.as_slice(),
            _ => &[],
        };
        for r in items {
            let offset = |s: &Spec| {
                let n = usize::try_from(as_count(&*s.read(r)?)?).ok()?;
                byte_offset(text, n, self.unit)
            };
            let (Some(start), Some(end), Some(url)) =
                (offset(&self.start), offset(&self.end), self.url.text(r))
            else {
                continue;
            };
            // Kept in order of start; one overlapping a range listed before it is dropped.
            let at = out.partition_point(|o| o.start < start);
            let fits = at.checked_sub(1).is_none_or(|i| out[i].end <= start)
                && out.get(at).is_none_or(|next| end <= next.start);
            if start < end && fits && is_link(&url) {
                out.insert(at, LinkRange { start, end, url });
            }
        }
        out
    }

    /// Checks the pointers.
    pub fn check(&self, key: &str) -> Result<(), String> {
        if !(self.at.is_empty() || self.at.starts_with('/')) {
            return Err(format!("{key}.at must be a JSON pointer, not {:?}", self.at));
        }
        self.start.check(&format!("{key}.start"))?;
        self.end.check(&format!("{key}.end"))?;
        self.url.check(&format!("{key}.url"))
    }
}
