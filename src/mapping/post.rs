//! Posting and counting: the placeholders of a post, the comment read back from its answer
//! (filled in from the draft where the answer is silent), the count, and the capabilities a
//! mapping gives the UI.

use super::condition::Place;
use super::paging::{as_count, read_source};
use super::read::AuthorTable;
use super::request::Env;
use super::schema::{Mapping, PagingKind, TreeKind};
use super::seen::Seen;
use super::template::{render_text, Vars};
use crate::api::{Capabilities, Draft, RawResponse};
use crate::error::ClientError;
use crate::model::Comment;

impl Mapping {
    /// The placeholders of a post: the page's, plus `{text}`, `{author}`, `{email}`,
    /// `{website}` (blank fields have no value), `{now}` (RFC 3339, UTC), `{parent}` and
    /// `{root}` (the top-level ancestor: the draft's own, else the one learnt from earlier
    /// answers), both typed as the API wrote them and sent as their `tree.reply_key` when
    /// there is one. `{parent./p}` cites the raw object of the comment answered (the
    /// thread's root, `list.root`, for a top-level comment); `{root./p}` the thread's root,
    /// else the top-level ancestor's. On a flat API (`tree.kind` none) a reply is a
    /// top-level comment whose text is `tree.quote`.
    pub fn post_vars(&self, env: &Env<'_>, draft: &Draft, seen: &Seen) -> Vars {
        let mut vars = env.vars();
        vars.set_text("author", &draft.author)
            .set_text("email", &draft.email)
            .set_text("website", &draft.website)
            .set("now", rfc3339(env.now_ms));
        let thread_root = seen.root().map(|r| std::rc::Rc::new(r.clone()));
        let flat = self.tree.kind == TreeKind::None;
        match (&draft.parent, &self.tree.quote) {
            (Some(_), Some(quote)) if flat => {
                let mut q = Vars::default();
                q.set_text("text", &draft.text).set_text("author", &draft.author);
                q.set_text("parent_author", draft.parent_author.as_deref().unwrap_or_default());
                vars.set_text("text", &render_text(quote, &q));
            }
            _ => {
                vars.set_text("text", &draft.text);
            }
        }
        vars.parent_obj = thread_root.clone();
        vars.root_obj = thread_root.clone();
        if let Some(parent) = draft.parent.as_ref().filter(|_| !flat) {
            vars.set("parent", seen.send_value(parent));
            // The UI knows the root from its tree; what was read so far knows it too.
            let root = draft.root.clone().unwrap_or_else(|| seen.root_of(parent));
            vars.set("root", seen.send_value(&root));
            vars.parent_obj = seen.known(parent).and_then(|k| k.raw.clone());
            if thread_root.is_none() {
                vars.root_obj = seen.known(&root).and_then(|k| k.raw.clone());
            }
        }
        vars
    }

    /// The comment just posted, read from the answer at `post.created`. Fields the answer
    /// lacks come from the draft; without an id the comment gets a local one (`posted-1`).
    pub fn read_created(
        &self,
        response: &RawResponse,
        env: &Env<'_>,
        draft: &Draft,
        seen: &mut Seen,
    ) -> Result<Comment, ClientError> {
        let created = self.post.as_ref().and_then(|p| p.created.as_deref());
        let doc = match self.check_answer(response, true) {
            // With no comment expected, any successful answer will do, JSON or not.
            Err(ClientError::Decode(_)) if created.is_none() => serde_json::Value::Null,
            other => other?,
        };
        let authors = self.authors.as_ref().map(|a| AuthorTable::new(a, &doc));
        let raw = created.and_then(|p| doc.pointer(p)).and_then(|obj| {
            let raw =
                self.read_comment(obj, authors.as_ref(), env.thread, env.local_offset_min, Place::default());
            raw.map(|mut r| {
                r.known.raw = self.keeps_raw().then(|| std::rc::Rc::new(obj.clone()));
                r
            })
        });
        let (mut c, known, key) = match raw {
            Some(raw) => (raw.comment, raw.known, raw.key),
            None => (Comment { id: seen.next_local_id(), ..Comment::default() }, Default::default(), None),
        };
        c.parent = draft.parent.clone().filter(|_| self.tree.kind != TreeKind::None);
        c.extra.server_order = self.list.order == super::schema::Order::Server;
        if c.author.trim().is_empty() {
            c.author = draft.author.trim().to_string();
        }
        if c.website.is_none() {
            let w = draft.website.trim();
            c.website = threadline_protocol::validate::is_http_url(w).then(|| w.to_string());
        }
        if c.text.trim().is_empty() {
            c.text = draft.text.clone();
        }
        seen.remember_known(&c, known, key);
        Ok(c)
    }

    /// The number in a count answer.
    pub fn read_count(&self, response: &RawResponse) -> Result<u64, ClientError> {
        let count =
            self.count.as_ref().ok_or_else(|| ClientError::Config("the mapping has no count".into()))?;
        let doc = self.check_answer(response, false)?;
        let header = |name: &str| response.header(name).map(str::to_string);
        read_source(&count.total, &doc, &header).and_then(|v| as_count(&v)).ok_or_else(|| {
            ClientError::Decode(format!("{} answered no number at count.total", self.display_name()))
        })
    }

    /// What a backend described by this mapping can do.
    pub fn capabilities(&self) -> Capabilities {
        let post = self.post.as_ref();
        Capabilities {
            name: "",
            paging: self.list.paging.kind != PagingKind::None,
            // A flat API takes no replies, unless the mapping says how to quote the parent.
            nesting: (self.tree.kind == TreeKind::None && self.tree.quote.is_none()).then_some(1),
            posting: post.is_some(),
            email_required: post.is_some_and(|p| p.email_required),
            website: post.is_some_and(|p| p.body.to_string().contains("{website")),
            email: post.is_some_and(|p| p.email_required || p.body.to_string().contains("{email")),
            min_text: post.and_then(|p| p.min_text).unwrap_or(1).max(1),
            counts: self.count.is_some(),
            markdown_input: post.is_some_and(|p| p.markdown),
            ..Capabilities::BASE
        }
    }
}

/// Milliseconds since the Unix epoch as RFC 3339 in UTC, with milliseconds (`{now}`).
pub fn rfc3339(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = threadline_protocol::time::civil_from_days(days);
    let s = ms_of_day / 1000;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ms_of_day % 1000
    )
}
