//! Posting and counting: the placeholders of a post, the comment read back from its answer
//! (filled in from the draft where the answer is silent), the count, and the capabilities a
//! mapping gives the UI.

use super::extract::{AuthorTable, Seen};
use super::paging::{as_count, read_source};
use super::request::Env;
use super::schema::{Mapping, PagingKind};
use super::template::Vars;
use crate::api::{Capabilities, Draft, RawResponse};
use crate::error::ClientError;
use crate::model::Comment;

impl Mapping {
    /// The placeholders of a post: the page's, plus `{text}`, `{author}`, `{email}`,
    /// `{website}` (blank fields have no value), `{parent}` and `{root}` (the top-level
    /// ancestor: the draft's own, else the one learnt from earlier answers), both typed as the
    /// API wrote the ids.
    pub fn post_vars(&self, env: &Env<'_>, draft: &Draft, seen: &Seen) -> Vars {
        let mut vars = env.vars();
        vars.set_text("text", &draft.text)
            .set_text("author", &draft.author)
            .set_text("email", &draft.email)
            .set_text("website", &draft.website);
        if let Some(parent) = &draft.parent {
            vars.set("parent", seen.id_value(parent));
            // The UI knows the root from its tree; what was read so far knows it too.
            let root = draft.root.clone().unwrap_or_else(|| seen.root_of(parent));
            vars.set("root", seen.id_value(&root));
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
        let raw = created
            .and_then(|p| doc.pointer(p))
            .and_then(|obj| self.read_comment(obj, authors.as_ref(), env.thread, env.local_offset_min));
        let (mut c, numeric, key) = match raw {
            Some(raw) => (raw.comment, raw.numeric, raw.key),
            None => (Comment { id: seen.next_local_id(), ..Comment::default() }, false, None),
        };
        c.parent = draft.parent.clone();
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
        seen.remember(&c, numeric, key);
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
            nesting: None,
            posting: post.is_some(),
            email_required: post.is_some_and(|p| p.email_required),
            website: post.is_some_and(|p| p.body.to_string().contains("{website")),
            min_text: post.and_then(|p| p.min_text).unwrap_or(1).max(1),
            counts: self.count.is_some(),
            markdown_input: post.is_some_and(|p| p.markdown),
            ..Capabilities::BASE
        }
    }
}
