//! Reading one comment object through the comment fields: id, author (possibly from the
//! `authors` table), body and its kind, time, status (pending, deleted, placeholder), flags,
//! warning, link ranges, and the keys that parent references and replies use.

use super::condition::{holds, Place};
use super::extract::{one_or_many, same_value};
use super::schema::{Authors, Mapping, Spec};
use super::seen::Known;
use super::value::text_at;
use crate::api::json::{id_of, text_of};
use crate::model::html_text::html_to_text;
use crate::model::time::parse_time;
use crate::model::{Comment, Status};
use serde_json::Value;
use std::collections::HashMap;

/// One comment as read, before its parent reference is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawComment {
    /// The comment, `parent` still unset.
    pub comment: Comment,
    /// What is remembered of it (id type, reply key; the caller keeps the raw object).
    pub known: Known,
    /// The value parent references point at, when `tree.parent_key` is set.
    pub key: Option<String>,
    /// The parent reference as read: `None` for a top-level comment.
    pub parent_ref: Option<String>,
}

/// Authors indexed by id, from a map or an array in the answer.
pub struct AuthorTable<'a> {
    spec: &'a Authors,
    by_id: HashMap<String, &'a Value>,
}

impl<'a> AuthorTable<'a> {
    /// Indexes the authors of an answer; the first author with a given id wins.
    pub fn new(spec: &'a Authors, doc: &'a Value) -> Self {
        let mut by_id = HashMap::new();
        match doc.pointer(&spec.from) {
            Some(Value::Object(map)) => by_id.extend(map.iter().map(|(k, v)| (k.clone(), v))),
            Some(Value::Array(list)) => {
                let key = spec.key.as_deref().unwrap_or("/id");
                for author in list {
                    if let Some(id) = author.pointer(key).and_then(id_of) {
                        by_id.entry(id.to_string()).or_insert(author);
                    }
                }
            }
            _ => {}
        }
        AuthorTable { spec, by_id }
    }

    fn get(&self, id: &str) -> Option<&'a Value> {
        self.by_id.get(id).copied()
    }
}

fn key_of(obj: &Value, spec: &Option<Spec>) -> Option<Value> {
    spec.as_ref()?.read(obj).map(|v| v.into_owned())
}

impl Mapping {
    /// Reads one comment object (the fields' parent, after `comment.object`), placed at
    /// `place` among its siblings. `None` if it has no readable id.
    pub fn read_comment(
        &self,
        obj: &Value,
        authors: Option<&AuthorTable<'_>>,
        thread: &str,
        offset: i64,
        place: Place,
    ) -> Option<RawComment> {
        let c = &self.comment;
        let id_value = c.id.read(obj)?;
        let id = id_of(&id_value)?;
        let author_obj = authors.zip(c.author_id.as_ref()).and_then(|(table, s)| {
            let key = s.read(obj).and_then(|v| id_of(&v))?;
            table.get(&key).map(|a| (table.spec, a))
        });
        let author = author_obj.and_then(|(s, a)| text_at(a, &s.name)).or_else(|| text_at(obj, &c.author));
        let website = author_obj
            .and_then(|(s, a)| text_at(a, &s.url))
            .or_else(|| text_at(obj, &c.author_url))
            .filter(|w| threadline_protocol::validate::is_http_url(w));
        // Kept as sent: the widget checks it again when it shows it (`data-avatars="remote"`).
        let avatar = author_obj.and_then(|(s, a)| text_at(a, &s.avatar)).or_else(|| text_at(obj, &c.avatar));
        let body = c.body.read(obj).and_then(|v| text_of(&v)).unwrap_or_default();
        let kind = match c.body_kind.as_deref() {
            Some(p) if p.starts_with('/') => obj.pointer(p).and_then(Value::as_str).unwrap_or("text"),
            Some(kind) => kind,
            None => "text",
        };
        // HTML goes to the sanitizer (and its text is kept for plain uses); markdown goes to our
        // parser; anything else is plain text.
        let kind = kind.trim().to_ascii_lowercase();
        let (text, html, markdown) = match kind.as_str() {
            "html" | "text/html" => (html_to_text(&body), Some(body), false),
            "markdown" | "md" | "text/markdown" => (body.trim_end().to_string(), None, true),
            _ => (body.trim_end().to_string(), None, false),
        };
        let created_ms =
            c.created.as_ref().and_then(|s| s.read(obj)).and_then(|v| parse_time(&v, c.time_format, offset));
        let placeholder = holds(&c.placeholder, obj, place);
        let status = if placeholder {
            Status::Removed
        } else if holds(&c.deleted, obj, place) {
            Status::Deleted
        } else if holds(&c.pending, obj, place) {
            Status::Pending
        } else {
            Status::Published
        };
        let key = key_of(obj, &self.tree.parent_key).as_ref().and_then(id_of).map(|k| k.to_string());
        let parent_ref =
            self.tree.parent.as_ref().and_then(|s| s.read(obj)).and_then(|v| self.parent_of(&v, thread));
        let send = key_of(obj, &self.tree.reply_key).or_else(|| key_of(obj, &self.tree.parent_key));
        let links = match (&c.ranges, &html) {
            (Some(r), None) if !placeholder => r.read(obj, &text),
            _ => Vec::new(),
        };
        let mut comment = Comment {
            id,
            parent: None,
            author: author.unwrap_or_default(),
            website,
            text,
            html,
            markdown,
            created_ms,
            status,
            pinned: holds(&c.pinned, obj, place),
            avatar,
            ..Comment::default()
        };
        comment.warning = text_at(obj, &c.warning);
        comment.edited = holds(&c.edited, obj, place);
        comment.extra.links = links;
        if placeholder {
            comment.author.clear();
            comment.website = None;
            comment.text.clear();
            comment.html = None;
            comment.warning = None;
            comment.avatar = None;
        }
        let known = Known { parent: None, numeric: id_value.is_number(), send, raw: None };
        Some(RawComment { comment, known, key, parent_ref })
    }

    /// True when post templates cite a comment's own fields (`{parent./p}`, `{root./p}`), so
    /// that each comment's object is kept.
    pub fn keeps_raw(&self) -> bool {
        self.post.as_ref().is_some_and(|p| {
            let all = format!("{} {} {:?}", p.url, p.body, p.headers);
            all.contains("{parent./") || all.contains("{root./")
        })
    }

    /// A parent reference, or `None` when it marks a top-level comment (null, unreadable, or one
    /// of `tree.root`, where `"{thread}"` stands for the thread key).
    pub(super) fn parent_of(&self, v: &Value, thread: &str) -> Option<String> {
        let id = id_of(v)?;
        let is_root = self.tree.root.as_ref().is_some_and(|markers| {
            one_or_many(markers).iter().any(|m| match m {
                Value::String(s) if s == "{thread}" => id.as_ref() == thread.trim(),
                m => same_value(v, m),
            })
        });
        (!is_root).then(|| id.to_string())
    }
}
