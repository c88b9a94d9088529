//! `data-backend="custom"`: any JSON comment API, described by a declarative mapping
//! (`crate::mapping`, documented in `docs/backends.md`). This module only sends what the
//! mapping builds and hands the answers back to it.
//!
//! The mapping comes inline (`data-mapping='{"list": …}'`) and is checked at once, or as the
//! URL of a JSON file, fetched on first use and then kept.

use super::{fetch, Capabilities, Draft, Page, RawResponse};
use crate::error::ClientError;
use crate::mapping::schema::{Credentials, Method};
use crate::mapping::{Env, HttpRequest, Mapping, Seen};
use crate::model::more::Continuation;
use crate::model::Comment;
use gloo_net::http::RequestBuilder;
use std::cell::RefCell;
use std::rc::Rc;

/// A backend described by a mapping. Cheap to clone: clones share the loaded mapping and what
/// was learnt about the thread's ids.
#[derive(Debug, Clone)]
pub struct CustomApi {
    inner: Rc<Inner>,
}

#[derive(Debug)]
struct Inner {
    api: String,
    /// `data-mapping` as given: inline JSON or a URL.
    spec: String,
    /// The URL to fetch the mapping from, when it is not inline.
    url: Option<String>,
    mapping: RefCell<Option<Rc<Mapping>>>,
    seen: RefCell<Seen>,
    page_url: Option<String>,
    title: Option<String>,
}

impl PartialEq for CustomApi {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        Rc::ptr_eq(a, b)
            || (a.api == b.api && a.spec == b.spec && a.page_url == b.page_url && a.title == b.title)
    }
}

/// True when `data-mapping` holds inline JSON rather than a URL.
pub fn is_inline(mapping: &str) -> bool {
    mapping.trim_start().starts_with('{')
}

impl CustomApi {
    /// A backend at `api` (`{api}` in templates) described by `mapping`: inline JSON, checked
    /// now, or the URL of a JSON file (absolute `http(s)`, or relative to the page), fetched
    /// on first use.
    pub fn new(api: &str, mapping: &str) -> Result<Self, ClientError> {
        let spec = mapping.trim();
        let (loaded, url) = if is_inline(spec) {
            (Some(Rc::new(Mapping::parse(spec)?)), None)
        } else {
            let relative = ["/", "./", "../"].iter().any(|p| spec.starts_with(p)) && !spec.starts_with("//");
            if !relative && !threadline_protocol::validate::is_http_url(spec) {
                return Err(ClientError::Config(
                    "data-mapping must be inline JSON (starting with {) or the URL of a JSON file".into(),
                ));
            }
            (None, Some(spec.to_string()))
        };
        Ok(CustomApi {
            inner: Rc::new(Inner {
                api: api.trim_end_matches('/').to_string(),
                spec: spec.to_string(),
                url,
                mapping: RefCell::new(loaded),
                seen: RefCell::new(Seen::default()),
                page_url: None,
                title: None,
            }),
        })
    }

    /// Sets the page's URL and title (`{url}`, `{title}`); by default they are read from the
    /// browser's location and document.
    pub fn with_page(self, url: Option<String>, title: Option<String>) -> Self {
        let i = &self.inner;
        CustomApi {
            inner: Rc::new(Inner {
                api: i.api.clone(),
                spec: i.spec.clone(),
                url: i.url.clone(),
                mapping: RefCell::new(i.mapping.borrow().clone()),
                seen: RefCell::new(i.seen.borrow().clone()),
                page_url: url,
                title,
            }),
        }
    }

    /// The mapping, if it is loaded (always, for an inline one).
    pub fn loaded(&self) -> Option<Rc<Mapping>> {
        self.inner.mapping.borrow().clone()
    }

    /// The mapping, fetched from its URL the first time. A failed fetch is not kept, so a
    /// retry fetches again.
    pub async fn mapping(&self) -> Result<Rc<Mapping>, ClientError> {
        if let Some(m) = self.loaded() {
            return Ok(m);
        }
        let url = self.inner.url.clone().unwrap_or_default();
        let request = RequestBuilder::new(&url).header("Accept", "application/json").build()?;
        let response = fetch(request).await?;
        if !response.ok() {
            return Err(ClientError::Config(format!("data-mapping {url} answered HTTP {}", response.status)));
        }
        let mapping = Rc::new(Mapping::parse(&response.body).map_err(|e| match e {
            ClientError::Config(what) => ClientError::Config(format!("{what} (in {url})")),
            other => other,
        })?);
        *self.inner.mapping.borrow_mut() = Some(mapping.clone());
        Ok(mapping)
    }

    /// Loads the mapping if need be and says what the backend can do.
    pub async fn load(&self) -> Result<Capabilities, ClientError> {
        Ok(self.mapping().await?.capabilities())
    }

    /// What the backend can do. Until a mapping given by URL is loaded (by [`Self::load`] or
    /// the first [`Self::list`]), this is a guess: paging and posting, no counts.
    pub fn capabilities(&self) -> Capabilities {
        match self.loaded() {
            Some(m) => m.capabilities(),
            None => Capabilities { counts: false, ..Capabilities::BASE },
        }
    }

    /// The mapping's `name`, for messages, once loaded.
    pub fn name(&self) -> Option<String> {
        self.loaded().and_then(|m| m.name.clone()).filter(|n| !n.trim().is_empty())
    }

    /// True when the mapping describes a post request (else the UI hides the form).
    pub fn can_post(&self) -> bool {
        self.capabilities().posting
    }

    /// True when the mapping says how to fetch the replies behind a continuation stub.
    pub fn can_fetch_more(&self) -> bool {
        self.loaded().is_some_and(|m| m.list.continuation.as_ref().is_some_and(|c| c.request.is_some()))
    }

    /// True when the thread comes in pages.
    pub fn pages(&self) -> bool {
        self.capabilities().paging
    }

    /// One page of the thread; `cursor` is `None` for the first page.
    pub async fn list(&self, thread: &str, cursor: Option<&str>, limit: u32) -> Result<Page, ClientError> {
        let m = self.mapping().await?;
        let (page_url, title) = self.page();
        let env = self.env(thread, &page_url, &title);
        let req = m.page_request(cursor, limit);
        let response = send(m.list_request(&env, &req), m.credentials).await?;
        let answer = m.read_list(&response, &req, &env, &mut self.inner.seen.borrow_mut())?;
        warn(&answer.warnings);
        let mut page = answer.page;
        // The header's count: from the separate count request when the listing has none.
        if page.total.is_none() && cursor.is_none() && m.count.is_some() {
            page.total = self.count(thread).await.ok();
        }
        Ok(page)
    }

    /// The replies behind a continuation stub ("N more replies"), when the mapping says how
    /// to fetch them.
    pub async fn more(&self, thread: &str, more: &Continuation) -> Result<Page, ClientError> {
        let m = self.mapping().await?;
        let (page_url, title) = self.page();
        let env = self.env(thread, &page_url, &title);
        let request = m
            .more_request(&env, more)
            .ok_or_else(|| ClientError::Config("the mapping has no list.continuation.request".into()))?;
        let doc = m.check_answer(&send(request, m.credentials).await?, false)?;
        m.read_more(&doc, &env, more, &mut self.inner.seen.borrow_mut())
    }

    /// Posts a comment and returns it as the backend stored it.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        let m = self.mapping().await?;
        let (page_url, title) = self.page();
        let env = self.env(thread, &page_url, &title);
        let vars = m.post_vars(&env, draft, &self.inner.seen.borrow());
        let request = m.post_request(&vars).ok_or_else(|| {
            ClientError::Config("the mapping has no post, so comments cannot be posted".into())
        })?;
        let response = send(request, m.credentials).await?;
        m.read_created(&response, &env, draft, &mut self.inner.seen.borrow_mut())
    }

    /// The number of comments in a thread, from the mapping's `count` request.
    pub async fn count(&self, thread: &str) -> Result<u64, ClientError> {
        let m = self.mapping().await?;
        let (page_url, title) = self.page();
        let env = self.env(thread, &page_url, &title);
        let request =
            m.count_request(&env).ok_or_else(|| ClientError::Config("the mapping has no count".into()))?;
        m.read_count(&send(request, m.credentials).await?)
    }

    fn env<'a>(&'a self, thread: &'a str, page_url: &'a str, title: &'a str) -> Env<'a> {
        Env {
            api: &self.inner.api,
            thread,
            url: page_url,
            title,
            local_offset_min: local_offset_min(),
            now_ms: now_ms(),
        }
    }

    fn page(&self) -> (String, String) {
        let (url, title) = browser_page();
        (self.inner.page_url.clone().unwrap_or(url), self.inner.title.clone().unwrap_or(title))
    }
}

async fn send(request: HttpRequest, credentials: Credentials) -> Result<RawResponse, ClientError> {
    let method = match request.method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
        Method::Put => gloo_net::http::Method::PUT,
        Method::Patch => gloo_net::http::Method::PATCH,
    };
    let credentials = match credentials {
        Credentials::Omit => web_sys::RequestCredentials::Omit,
        Credentials::SameOrigin => web_sys::RequestCredentials::SameOrigin,
        Credentials::Include => web_sys::RequestCredentials::Include,
    };
    let mut builder = RequestBuilder::new(&request.url).method(method).credentials(credentials);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match request.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    };
    fetch(built?).await
}

/// Logs what looks wrong with the mapping to the console (each names the mapping).
#[cfg(target_arch = "wasm32")]
fn warn(warnings: &[String]) {
    for w in warnings {
        web_sys::console::warn_1(&format!("threadline: {w}").into());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn warn(_: &[String]) {}

/// Now, in milliseconds since the Unix epoch.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> i64 {
    0
}

/// The reader's offset from UTC in minutes, east positive.
#[cfg(target_arch = "wasm32")]
fn local_offset_min() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

#[cfg(not(target_arch = "wasm32"))]
fn local_offset_min() -> i64 {
    0
}

/// The page's URL without its fragment, and its title.
#[cfg(target_arch = "wasm32")]
fn browser_page() -> (String, String) {
    let Some(window) = web_sys::window() else { return Default::default() };
    let url = window.location().href().unwrap_or_default();
    let url = url.split('#').next().unwrap_or_default().to_string();
    let title = window.document().map(|d| d.title()).unwrap_or_default();
    (url, title)
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_page() -> (String, String) {
    Default::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const INLINE: &str =
        r#"{"list": {"url": "{api}/c?t={thread}"}, "comment": {"id": "/id", "body": "/text"}}"#;

    #[test]
    fn inline_mappings_are_checked_at_once() {
        let api = CustomApi::new("https://h/api/", INLINE).unwrap();
        assert!(api.loaded().is_some());
        let caps = api.capabilities();
        assert!(!caps.posting && !caps.paging && !caps.counts);
        assert!(!api.can_post());
        let err = CustomApi::new("https://h", r#"{"list": {"url": ""}}"#).unwrap_err();
        assert!(matches!(err, ClientError::Config(_)), "{err:?}");
    }

    #[test]
    fn urls_are_fetched_later_and_junk_is_refused() {
        for url in ["https://h/mapping.json", "/mapping.json", "./m.json", "../m.json"] {
            let api = CustomApi::new("https://h", url).unwrap();
            assert!(api.loaded().is_none(), "{url}");
            assert!(api.capabilities().posting, "guessed until loaded");
        }
        for junk in ["javascript:alert(1)", "mapping.json", "//evil/m.json", ""] {
            assert!(matches!(CustomApi::new("https://h", junk), Err(ClientError::Config(_))), "{junk}");
        }
    }

    #[test]
    fn equality_follows_the_configuration() {
        let a = CustomApi::new("https://h", INLINE).unwrap();
        let b = CustomApi::new("https://h", INLINE).unwrap();
        assert_eq!(a, a.clone());
        assert_eq!(a, b);
        assert_ne!(a, CustomApi::new("https://other", INLINE).unwrap());
        assert_ne!(a, b.with_page(Some("https://h/post".into()), None));
    }
}
