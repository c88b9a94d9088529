//! Judging an answer before reading it: the HTTP status, whether it is JSON, and the error
//! wrappers some APIs put inside an HTTP 200 (`{errno, errmsg}`, `{success: false, message}`).
//! Then reading a list answer into a [`Page`].

use super::extract::{one_or_many, same_value};
use super::paging::PageRequest;
use super::request::Env;
use super::schema::{message_pointers, Mapping};
use super::seen::Seen;
use crate::api::json::text_of;
use crate::api::{Page, RawResponse};
use crate::error::ClientError;
use serde_json::Value;

/// A list answer in the internal model, with what had to be left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListAnswer {
    /// The page.
    pub page: Page,
    /// Items skipped for lack of an id.
    pub skipped: usize,
    /// Items dropped because an earlier item had the same id.
    pub duplicates: usize,
    /// Items dropped by `list.skip`, or read as continuation stubs.
    pub dropped: usize,
    /// What looks wrong with the mapping, naming it and the pointer (for the console).
    pub warnings: Vec<String>,
}

impl Mapping {
    /// The backend's name for messages: `name`, or "the backend".
    pub fn display_name(&self) -> &str {
        self.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or("the backend")
    }

    /// The first readable message at `error.message` in an answer. An unknown API's words
    /// cannot be typed, so they reach the reader as they are (cut by the error catalogue).
    pub fn error_message(&self, doc: &Value) -> Option<String> {
        let e = self.error.as_ref()?;
        message_pointers(&e.message).into_iter().find_map(|p| {
            let text = doc.pointer(p).and_then(text_of)?;
            (!text.trim().is_empty()).then_some(text)
        })
    }

    /// Checks status, JSON and the error wrapper, and returns the parsed answer. A blank body
    /// reads as `null` when `blank_ok` (posts that answer 201 or 204 with nothing).
    pub fn check_answer(&self, response: &RawResponse, blank_ok: bool) -> Result<Value, ClientError> {
        let parsed = if blank_ok && response.body.trim().is_empty() {
            Ok(Value::Null)
        } else {
            serde_json::from_str::<Value>(&response.body)
        };
        if !response.ok() {
            let message = parsed.ok().and_then(|doc| self.error_message(&doc));
            return Err(ClientError::said(response.status, message, None));
        }
        let doc = parsed
            .map_err(|_| ClientError::Decode(format!("{} did not answer JSON", self.display_name())))?;
        if let Some(e) = &self.error {
            let failed = match (e.at.as_deref().and_then(|p| doc.pointer(p)), &e.ok) {
                (Some(flag), Some(ok)) => !one_or_many(ok).iter().any(|good| same_value(flag, good)),
                _ => false,
            };
            if failed {
                return Err(ClientError::said(response.status, self.error_message(&doc), None));
            }
        }
        Ok(doc)
    }

    /// Reads one list answer: checks it, finds the items, flattens them and works out the
    /// next cursor and the total. Comments are remembered in `seen`.
    pub fn read_list(
        &self,
        response: &RawResponse,
        req: &PageRequest,
        env: &Env<'_>,
        seen: &mut Seen,
    ) -> Result<ListAnswer, ClientError> {
        let doc = self.check_answer(response, false)?;
        self.read_list_doc(&doc, &|name| response.header(name).map(str::to_string), req, env, seen)
    }

    /// [`Mapping::read_list`] on an answer already parsed.
    pub fn read_list_doc(
        &self,
        doc: &Value,
        header: &dyn Fn(&str) -> Option<String>,
        req: &PageRequest,
        env: &Env<'_>,
        seen: &mut Seen,
    ) -> Result<ListAnswer, ClientError> {
        self.read_at(doc, ("list.items", &self.list.items), header, req, env, seen)
    }

    /// [`Mapping::read_list_doc`] with the items at another pointer (named by its key).
    pub(super) fn read_at(
        &self,
        doc: &Value,
        (key, at): (&str, &str),
        header: &dyn Fn(&str) -> Option<String>,
        req: &PageRequest,
        env: &Env<'_>,
        seen: &mut Seen,
    ) -> Result<ListAnswer, ClientError> {
        let items = self.items_at(doc, at).ok_or_else(|| {
            let found = if doc.pointer(at).is_some() { "holds no list" } else { "matched nothing" };
            ClientError::Decode(format!(
                "{} answered without a list of comments: {key} {at:?} {found}",
                self.display_name()
            ))
        })?;
        if let Some(root) = &self.list.root {
            seen.set_root(doc.pointer(root).map(|r| self.without_children(r)));
        }
        let before = seen.len();
        let out = self.extract_items(&items, doc, env.thread, env.local_offset_min, seen);
        let mut warnings = Vec::new();
        if let (Some(p), true) = (&self.tree.children, self.tree.kind == super::schema::TreeKind::Nested) {
            if out.with_children == 0 && !out.comments.is_empty() {
                warnings.push(format!(
                    "{}: tree.children {p:?} matched nothing in any item",
                    self.display_name()
                ));
            }
        }
        if out.skipped > 0 {
            warnings.push(format!("{}: {} items had no id at comment.id", self.display_name(), out.skipped));
        }
        // A page that brings no comment not seen before is the last: an API that ignores the
        // paging parameters would otherwise be asked for the same page forever.
        let fresh = seen.len() > before;
        let page = Page {
            comments: out.comments,
            next_cursor: self.next_cursor(doc, header, req, items.len()).filter(|_| fresh),
            total: self.total_of(doc, header),
            features: None,
            order: None,
        };
        Ok(ListAnswer {
            page,
            skipped: out.skipped,
            duplicates: out.duplicates,
            dropped: out.dropped,
            warnings,
        })
    }
}
