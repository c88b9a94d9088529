//! Building the list, post and count requests from a mapping: pure, so the URLs and bodies a
//! mapping produces are tested natively, and the browser glue only has to send them.

use super::paging::{resolve_next, PageRequest};
use super::schema::{BodyFormat, Mapping, Method, PagingKind};
use super::template::{self, Vars};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the widget knows about the page and the reader, for templates and time parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Env<'a> {
    /// `data-api`, the base URL (`{api}`).
    pub api: &'a str,
    /// The thread key (`{thread}`).
    pub thread: &'a str,
    /// The page's URL (`{url}`); empty when unknown.
    pub url: &'a str,
    /// The page's title (`{title}`); empty when unknown.
    pub title: &'a str,
    /// The reader's offset from UTC in minutes, east positive, for `local` times.
    pub local_offset_min: i64,
    /// The current time in milliseconds since the Unix epoch (`{now}` in posts).
    pub now_ms: i64,
}

impl Env<'_> {
    /// The placeholders every request knows.
    pub fn vars(&self) -> Vars {
        let mut vars = Vars::default();
        vars.set("api", self.api).set("thread", self.thread);
        vars.set_text("url", self.url).set_text("title", self.title);
        vars
    }
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// Headers, the mapping's own last so that they win.
    pub headers: Vec<(String, String)>,
    /// The encoded body, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The parts of a request template that list, post and count share.
pub(super) struct Template<'a> {
    pub url: &'a str,
    pub method: Method,
    pub headers: &'a BTreeMap<String, String>,
    pub body: Option<&'a Value>,
    pub format: BodyFormat,
}

impl Mapping {
    pub(super) fn build(&self, t: Template<'_>, vars: &Vars) -> HttpRequest {
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        let body =
            t.body.map(|b| template::render_value(b, vars).unwrap_or(Value::Null)).map(|b| match t.format {
                BodyFormat::Json => {
                    headers.push(("Content-Type".into(), "application/json".into()));
                    b.to_string()
                }
                BodyFormat::Form => {
                    headers.push(("Content-Type".into(), "application/x-www-form-urlencoded".into()));
                    template::form_encode(&b)
                }
            });
        for (name, value) in self.headers.iter().chain(t.headers) {
            headers.push((name.clone(), template::render_text(value, vars)));
        }
        HttpRequest { method: t.method, url: template::render_url(t.url, vars), headers, body }
    }

    /// The request for one page of the thread. With URL paging, pages after the first are
    /// fetched from the URL the previous answer gave.
    pub fn list_request(&self, env: &Env<'_>, page: &PageRequest) -> HttpRequest {
        let mut vars = env.vars();
        vars.set("page", page.page).set("offset", page.offset).set("limit", page.limit);
        if let Some(c) = &page.cursor {
            vars.set("cursor", c.as_str());
        }
        let l = &self.list;
        let t = Template {
            url: &l.url,
            method: l.method,
            headers: &l.headers,
            body: l.body.as_ref(),
            format: l.body_format,
        };
        let mut request = self.build(t, &vars);
        if let (PagingKind::Url, Some(next)) = (l.paging.kind, &page.cursor) {
            request.url = resolve_next(next, &request.url);
        }
        request
    }

    /// The request for the thread's comment count, if the mapping has one.
    pub fn count_request(&self, env: &Env<'_>) -> Option<HttpRequest> {
        let c = self.count.as_ref()?;
        let mut vars = env.vars();
        vars.set("page", self.list.paging.first.unwrap_or(1)).set("offset", 0).set("limit", 1);
        let t = Template {
            url: &c.url,
            method: c.method,
            headers: &c.headers,
            body: c.body.as_ref(),
            format: c.body_format,
        };
        Some(self.build(t, &vars))
    }

    /// The request posting a comment, with the placeholders already filled in; `None` when the
    /// mapping has no `post`.
    pub fn post_request(&self, vars: &Vars) -> Option<HttpRequest> {
        let p = self.post.as_ref()?;
        let t = Template {
            url: &p.url,
            method: p.method,
            headers: &p.headers,
            body: Some(&p.body),
            format: p.body_format,
        };
        Some(self.build(t, vars))
    }
}
