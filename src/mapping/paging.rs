//! Paging: turning the widget's opaque cursor into `{page}`, `{offset}` or `{cursor}`, and
//! deciding from an answer whether there is a next page.
//!
//! The cursor handed back to the widget carries all the state: the next page number, the next
//! offset, or the API's own cursor. Nothing is remembered between calls.

use super::schema::{Mapping, PagingKind, Source};
use serde_json::Value;

/// The values of one list request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// `{page}`: the page number (from `paging.first`, 1 by default).
    pub page: u64,
    /// `{offset}`: items before this page (from `paging.first`, 0 by default, for offsets).
    pub offset: u64,
    /// `{limit}`: the page size asked for, or the one the API imposes (`paging.size`).
    pub limit: u32,
    /// `{cursor}`: the API's cursor; `None` on the first page.
    pub cursor: Option<String>,
}

/// Reads a value from the answer: a pointer into the document or a response header.
pub fn read_source<'a>(
    source: &Source,
    doc: &'a Value,
    header: &dyn Fn(&str) -> Option<String>,
) -> Option<std::borrow::Cow<'a, Value>> {
    match source {
        Source::Pointer(p) => doc.pointer(p).map(std::borrow::Cow::Borrowed),
        Source::Header(name) => header(name).map(|h| std::borrow::Cow::Owned(Value::String(h))),
    }
}

/// A non-negative whole number from a number or a numeric string.
pub fn as_count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => {
            n.as_u64().or_else(|| n.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f as u64))
        }
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    }
}

/// A flag from a boolean, a number (non-zero is true) or a string such as `"true"` or `"0"`.
pub fn as_flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|f| f != 0.0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

impl Mapping {
    /// The request values for the page that `cursor` names (`None`: the first page).
    pub fn page_request(&self, cursor: Option<&str>, limit: u32) -> PageRequest {
        let p = &self.list.paging;
        let limit = p.size.unwrap_or(limit).max(1);
        let parsed = cursor.and_then(|c| c.trim().parse::<u64>().ok());
        match p.kind {
            PagingKind::Page => {
                let first = p.first.unwrap_or(1);
                let page = parsed.filter(|n| *n >= first).unwrap_or(first);
                let offset = (page - first).saturating_mul(u64::from(limit));
                PageRequest { page, offset, limit, cursor: None }
            }
            PagingKind::Offset => {
                let first = p.first.unwrap_or(0);
                let offset = parsed.filter(|n| *n >= first).unwrap_or(first);
                let page = (offset - first) / u64::from(limit) + 1;
                PageRequest { page, offset, limit, cursor: None }
            }
            PagingKind::Cursor | PagingKind::Url => {
                PageRequest { page: 1, offset: 0, limit, cursor: cursor.map(str::to_string) }
            }
            PagingKind::None => PageRequest { page: 1, offset: 0, limit, cursor: None },
        }
    }

    /// The cursor of the page after `req`, or `None` when this was the last page. A page with
    /// no items is always the last, so a misreported total cannot loop forever.
    pub fn next_cursor(
        &self,
        doc: &Value,
        header: &dyn Fn(&str) -> Option<String>,
        req: &PageRequest,
        items: usize,
    ) -> Option<String> {
        let p = &self.list.paging;
        if items == 0 || p.kind == PagingKind::None {
            return None;
        }
        let read = |s: &Option<Source>| s.as_ref().and_then(|s| read_source(s, doc, header));
        let flag = read(&p.more).and_then(|v| as_flag(&v));
        let count =
            read(if p.count.is_some() { &p.count } else { &self.list.total }).and_then(|v| as_count(&v));
        let limit = u64::from(req.limit);
        let full_page = items as u64 >= limit;
        match p.kind {
            PagingKind::Cursor | PagingKind::Url => {
                let next = read(&p.next).and_then(|v| match v.as_ref() {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })?;
                let next = match p.kind {
                    PagingKind::Url => next_url(&next)?,
                    _ => next,
                };
                let stuck = req.cursor.as_deref() == Some(next.as_str());
                (!next.is_empty() && !stuck && flag != Some(false)).then_some(next)
            }
            PagingKind::Page => {
                let done = req.page - p.first.unwrap_or(1) + 1;
                let pages = read(&p.pages).and_then(|v| as_count(&v));
                let more = flag
                    .or_else(|| pages.map(|n| done < n))
                    .or_else(|| count.map(|c| done.saturating_mul(limit) < c))
                    .unwrap_or(full_page);
                more.then(|| req.page.checked_add(1)).flatten().map(|n| n.to_string())
            }
            PagingKind::Offset => {
                let done = req.offset - p.first.unwrap_or(0);
                let more =
                    flag.or_else(|| count.map(|c| done.saturating_add(limit) < c)).unwrap_or(full_page);
                more.then(|| req.offset.checked_add(limit)).flatten().map(|n| n.to_string())
            }
            PagingKind::None => None,
        }
    }
}

/// The next page's URL from a `next` value or a whole `Link` header (`<…>; rel="next"`): an
/// absolute `http(s)` URL, or one relative to the list URL's origin (`/…`) or path (`?…`).
/// Anything else is no next page.
pub fn next_url(value: &str) -> Option<String> {
    let value = value.trim();
    let url = if value.starts_with('<') {
        value.split(',').find_map(|link| {
            let (target, params) = link.split_once(';')?;
            let next = params.split(';').any(|param| {
                let (name, rel) = param.split_once('=').unwrap_or_default();
                name.trim().eq_ignore_ascii_case("rel")
                    && rel.trim().trim_matches('"').split_whitespace().any(|r| r.eq_ignore_ascii_case("next"))
            });
            next.then(|| target.trim().trim_start_matches('<').trim_end_matches('>').trim())
        })?
    } else {
        value
    };
    let relative = (url.starts_with('/') && !url.starts_with("//")) || url.starts_with('?');
    (relative || threadline_protocol::validate::is_http_url(url)).then(|| url.to_string())
}

/// Resolves a next-page URL from [`next_url`] against the first page's URL.
pub fn resolve_next(next: &str, first: &str) -> String {
    if next.starts_with('?') {
        return format!("{}{next}", first.split(['?', '#']).next().unwrap_or_default());
    }
    if next.starts_with('/') {
        let origin_end = first
            .find("://")
            .map(|i| i + 3)
            .map(|host| first[host..].find(['/', '?', '#']).map_or(first.len(), |j| host + j))
            .unwrap_or(0);
        return format!("{}{next}", &first[..origin_end]);
    }
    next.to_string()
}
