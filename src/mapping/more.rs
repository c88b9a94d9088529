//! Continuations: a stub item saying that more replies exist ("load more", Reddit's `more`,
//! Lemmy's `child_count`). The stub becomes a [`Continuation`] on its parent comment, and,
//! when the mapping says how, a request fetching those replies, read like a list answer.

use super::condition::Condition;
use super::paging::{as_count, PageRequest};
use super::request::{Env, HttpRequest};
use super::schema::{BodyFormat, Mapping, Method};
use super::template::Vars;
use super::value::Spec;
use crate::api::json::text_of;
use crate::api::Page;
use crate::error::ClientError;
use crate::model::more::Continuation;
use serde_json::Value;
use std::collections::BTreeMap;

/// `list.continuation`: how to recognise a stub and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct ContinuationSpec {
    /// Which list items are stubs (relative to a list item).
    pub when: Condition,
    /// How many replies are missing (relative to the stub object).
    pub count: Option<Spec>,
    /// Their ids: an array, or one string of comma-separated ids.
    pub ids: Option<Spec>,
    /// A URL where they are.
    pub url: Option<Spec>,
    /// How to fetch them; its answer is read like a list answer.
    pub request: Option<MoreRequest>,
}

/// The request fetching the replies behind a stub: list placeholders plus `{more_ids}`
/// (comma-separated), `{more_url}` and `{more_parent}` (the parent's id).
#[derive(Debug, Clone, PartialEq)]
pub struct MoreRequest {
    /// URL template.
    pub url: String,
    /// HTTP method; `GET` by default.
    pub method: Method,
    /// Extra headers.
    pub headers: BTreeMap<String, String>,
    /// Body template.
    pub body: Option<Value>,
    /// How the body is encoded.
    pub body_format: BodyFormat,
    /// Pointer to the replies in its answer; `list.items` by default.
    pub items: Option<String>,
}

impl ContinuationSpec {
    /// What a stub says, for the comment `parent`.
    pub fn read(&self, obj: &Value, parent: std::rc::Rc<str>) -> Continuation {
        let ids: Vec<String> = match self.ids.as_ref().and_then(|s| s.read(obj)).as_deref() {
            Some(Value::Array(ids)) => ids.iter().filter_map(text_of).collect(),
            Some(v) => text_of(v)
                .map(|s| s.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let count = self
            .count
            .as_ref()
            .and_then(|s| s.read(obj))
            .and_then(|v| as_count(&v))
            .unwrap_or(ids.len() as u64);
        let url = super::value::text_at(obj, &self.url).and_then(|u| super::paging::next_url(&u));
        Continuation { parent, count, ids, url, ..Default::default() }
    }
}

/// Adds a stub's news to what a comment already announces.
pub fn merge(into: &mut Option<Continuation>, more: Continuation) {
    match into {
        Some(c) => {
            c.count += more.count;
            c.ids.extend(more.ids);
            c.url = c.url.take().or(more.url);
        }
        None => *into = Some(more),
    }
}

impl Mapping {
    /// The request fetching the replies behind `more`, when the mapping says how.
    pub fn more_request(&self, env: &Env<'_>, more: &Continuation) -> Option<HttpRequest> {
        let r = self.list.continuation.as_ref()?.request.as_ref()?;
        let mut vars: Vars = env.vars();
        vars.set("more_ids", more.ids.join(",")).set("more_parent", &*more.parent);
        if let Some(url) = &more.url {
            vars.set("more_url", url.as_str());
        }
        let t = super::request::Template {
            url: &r.url,
            method: r.method,
            headers: &r.headers,
            body: r.body.as_ref(),
            format: r.body_format,
        };
        Some(self.build(t, &vars))
    }

    /// Reads the answer to [`Mapping::more_request`]: a list answer whose top-level comments
    /// are replies to the continuation's parent. It never has a next page.
    pub fn read_more(
        &self,
        doc: &Value,
        env: &Env<'_>,
        more: &Continuation,
        seen: &mut super::Seen,
    ) -> Result<Page, ClientError> {
        let req = PageRequest { page: 1, offset: 0, limit: 1, cursor: None };
        let items = self.list.continuation.as_ref().and_then(|c| c.request.as_ref()?.items.as_deref());
        let at = match items {
            Some(items) => ("list.continuation.request.items", items),
            None => ("list.items", self.list.items.as_str()),
        };
        let mut page = self.read_at(doc, at, &|_| None, &req, env, seen)?.page;
        for c in &mut page.comments {
            if c.parent.is_none() {
                c.parent = Some(more.parent.clone());
                seen.set_parent(&c.id, more.parent.clone());
            }
        }
        page.next_cursor = None;
        Ok(page)
    }
}
