//! Reading comments out of an answer: one item at a time through the comment pointers, nested
//! replies flattened with an explicit stack (never recursion), parent references resolved
//! through the parent key, duplicates dropped, and parent cycles cut.
//!
//! Any JSON is accepted: a field of the wrong type reads as missing, an item without an id is
//! skipped and counted, and nothing here can panic or recurse.

use super::paging::as_count;
use super::schema::{Authors, Mapping, Match, TreeKind};
use crate::api::json::{id_of, list_of, text_of};
use crate::model::html_text::html_to_text;
use crate::model::time::parse_time;
use crate::model::{Comment, Status};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// What the extractor remembers across pages and posts: each comment's parent and whether its
/// id was a number (so `{parent}` and `{root}` keep the type), and the parent keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    ids: HashMap<Rc<str>, Known>,
    keys: HashMap<String, Rc<str>>,
    posted: u64,
}

#[derive(Debug, Clone, PartialEq)]
struct Known {
    parent: Option<Rc<str>>,
    numeric: bool,
}

impl Seen {
    /// Records a comment.
    pub fn remember(&mut self, c: &Comment, numeric: bool, key: Option<String>) {
        self.ids.insert(c.id.clone(), Known { parent: c.parent.clone(), numeric });
        if let Some(key) = key {
            self.keys.entry(key).or_insert_with(|| c.id.clone());
        }
    }

    /// An id as the API wrote it: a JSON number if it was one, else a string.
    pub fn id_value(&self, id: &str) -> Value {
        match self.ids.get(id) {
            Some(k) if k.numeric => id.parse::<i64>().map(Value::from).unwrap_or_else(|_| id.into()),
            _ => id.into(),
        }
    }

    /// The top-level ancestor of a comment (itself when it has no known parent). Stops after
    /// as many steps as there are comments, so a cycle cannot loop.
    pub fn root_of(&self, id: &Rc<str>) -> Rc<str> {
        let mut current = id.clone();
        for _ in 0..=self.ids.len() {
            match self.ids.get(&current).and_then(|k| k.parent.clone()) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }

    /// The id a parent key points at, if that comment was seen.
    pub fn id_for_key(&self, key: &str) -> Option<Rc<str>> {
        self.keys.get(key).cloned()
    }

    /// A fresh id for a posted comment whose answer carried none.
    pub fn next_local_id(&mut self) -> Rc<str> {
        self.posted += 1;
        format!("posted-{}", self.posted).into()
    }

    /// Number of comments remembered.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when nothing was remembered yet.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// One comment as read, before its parent reference is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawComment {
    /// The comment, `parent` still unset.
    pub comment: Comment,
    /// True when the id was a JSON number.
    pub numeric: bool,
    /// The value parent references point at, when `tree.parent_key` is set.
    pub key: Option<String>,
    /// The parent reference as read: `None` for a top-level comment.
    pub parent_ref: Option<String>,
}

/// Comments of one answer, flat and in document order, each naming its parent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    /// The comments.
    pub comments: Vec<Comment>,
    /// Items skipped for lack of an id.
    pub skipped: usize,
    /// Items dropped because an earlier item had the same id.
    pub duplicates: usize,
}

/// Loose equality for markers: equal JSON, or the same text (`0` and `"0"`).
pub fn same_value(a: &Value, b: &Value) -> bool {
    a == b
        || match (a, b) {
            (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
            _ => matches!((text_of(a), text_of(b)), (Some(x), Some(y)) if x.trim() == y.trim()),
        }
}

/// The candidates of a "value or array of values" option.
pub fn one_or_many(v: &Value) -> &[Value] {
    match v {
        Value::Array(items) => items,
        other => std::slice::from_ref(other),
    }
}

fn matches(m: &Option<Match>, obj: &Value) -> bool {
    m.as_ref().is_some_and(|m| {
        let v = obj.pointer(&m.at).unwrap_or(&Value::Null);
        one_or_many(&m.is).iter().any(|c| same_value(v, c))
    })
}

fn text_at(obj: &Value, pointer: &Option<String>) -> Option<String> {
    let p = pointer.as_deref()?;
    obj.pointer(p).and_then(text_of).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
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

impl Mapping {
    /// Reads one comment object (the fields' parent, after `comment.object`). `None` if it has
    /// no readable id.
    pub fn read_comment(
        &self,
        obj: &Value,
        authors: Option<&AuthorTable<'_>>,
        thread: &str,
        offset: i64,
    ) -> Option<RawComment> {
        let c = &self.comment;
        let id_value = obj.pointer(&c.id)?;
        let id = id_of(id_value)?;
        let author_obj = authors.zip(c.author_id.as_deref()).and_then(|(table, p)| {
            let key = obj.pointer(p).and_then(id_of)?;
            table.get(&key).map(|a| (table.spec, a))
        });
        let author = author_obj.and_then(|(s, a)| text_at(a, &s.name)).or_else(|| text_at(obj, &c.author));
        let website = author_obj
            .and_then(|(s, a)| text_at(a, &s.url))
            .or_else(|| text_at(obj, &c.author_url))
            .filter(|w| threadline_protocol::validate::is_http_url(w));
        let body = obj.pointer(&c.body).and_then(text_of).unwrap_or_default();
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
        let created_ms = c
            .created
            .as_deref()
            .and_then(|p| obj.pointer(p))
            .and_then(|v| parse_time(v, c.time_format, offset));
        let status = if matches(&c.deleted, obj) {
            Status::Deleted
        } else if matches(&c.pending, obj) {
            Status::Pending
        } else {
            Status::Published
        };
        let key = match &self.tree.parent_key {
            Some(p) => obj.pointer(p).and_then(id_of).map(|k| k.to_string()),
            None => None,
        };
        let parent_ref =
            self.tree.parent.as_deref().and_then(|p| obj.pointer(p)).and_then(|v| self.parent_of(v, thread));
        let comment = Comment {
            id,
            parent: None,
            author: author.unwrap_or_default(),
            website,
            text,
            html,
            markdown,
            created_ms,
            status,
            ..Comment::default()
        };
        Some(RawComment { comment, numeric: id_value.is_number(), key, parent_ref })
    }

    /// A parent reference, or `None` when it marks a top-level comment (null, unreadable, or one
    /// of `tree.root`, where `"{thread}"` stands for the thread key).
    fn parent_of(&self, v: &Value, thread: &str) -> Option<String> {
        let id = id_of(v)?;
        let is_root = self.tree.root.as_ref().is_some_and(|markers| {
            one_or_many(markers).iter().any(|m| match m {
                Value::String(s) if s == "{thread}" => id.as_ref() == thread.trim(),
                m => same_value(v, m),
            })
        });
        (!is_root).then(|| id.to_string())
    }

    /// Flattens the items of a list answer into comments with resolved parents, and
    /// remembers them in `seen` (which also resolves parent keys met on earlier pages).
    pub fn extract_items(
        &self,
        items: &[&Value],
        doc: &Value,
        thread: &str,
        offset: i64,
        seen: &mut Seen,
    ) -> Extracted {
        let authors = self.authors.as_ref().map(|a| AuthorTable::new(a, doc));
        let children = match self.tree.kind {
            TreeKind::Nested => self.tree.children.as_deref(),
            TreeKind::Flat => None,
        };
        let mut out = Extracted::default();
        let (mut numeric, mut own_keys) = (Vec::new(), Vec::new());
        let mut raws: Vec<(RawComment, Option<Rc<str>>)> = Vec::new();
        let mut ids: HashSet<Rc<str>> = HashSet::new();
        // (item, the parent it sits under: None for a top-level item)
        let mut stack: Vec<(&Value, Option<Rc<str>>)> = items.iter().rev().map(|i| (*i, None)).collect();
        while let Some((item, under)) = stack.pop() {
            let obj = item.pointer(&self.comment.object).unwrap_or(&Value::Null);
            let raw = self.read_comment(obj, authors.as_ref(), thread, offset);
            let own = match raw {
                None => {
                    out.skipped += 1;
                    under.clone()
                }
                Some(raw) if ids.contains(&raw.comment.id) => {
                    out.duplicates += 1;
                    Some(raw.comment.id)
                }
                Some(raw) => {
                    let id = raw.comment.id.clone();
                    ids.insert(id.clone());
                    raws.push((raw, under.clone()));
                    Some(id)
                }
            };
            if let Some(p) = children {
                let replies = list_of(item.pointer(p));
                stack.extend(replies.iter().rev().map(|r| (r, own.clone())));
            }
        }
        let mut keys: HashMap<String, Rc<str>> = HashMap::new();
        for (raw, _) in &raws {
            if let Some(k) = &raw.key {
                keys.entry(k.clone()).or_insert_with(|| raw.comment.id.clone());
            }
        }
        for (raw, under) in raws {
            let mut c = raw.comment;
            c.parent = match (under, raw.parent_ref) {
                (Some(p), _) => Some(p),
                (None, None) => None,
                (None, Some(r)) if self.tree.parent_key.is_some() => {
                    keys.get(&r).cloned().or_else(|| seen.id_for_key(&r))
                }
                (None, Some(r)) => Some(r.into()),
            };
            if c.parent.as_ref() == Some(&c.id) {
                c.parent = None;
            }
            out.comments.push(c);
            numeric.push(raw.numeric);
            own_keys.push(raw.key);
        }
        cut_cycles(&mut out.comments);
        for ((c, numeric), key) in out.comments.iter().zip(numeric).zip(own_keys) {
            seen.remember(c, numeric, key);
        }
        out
    }

    /// The items of a list answer: the array at `list.items`, the values of an object there
    /// (not at the top: a whole answer that is an object almost always means a missing
    /// `list.items`), or nothing for `null` and `""`. `None` when the pointer is absent or holds
    /// anything else.
    pub fn items_of<'a>(&self, doc: &'a Value) -> Option<Vec<&'a Value>> {
        match doc.pointer(&self.list.items)? {
            Value::Array(items) => Some(items.iter().collect()),
            Value::Object(map) if !self.list.items.is_empty() => Some(map.values().collect()),
            Value::Null => Some(Vec::new()),
            Value::String(s) if s.is_empty() => Some(Vec::new()),
            _ => None,
        }
    }

    /// The total from `list.total`, if present and readable.
    pub fn total_of(&self, doc: &Value, header: &dyn Fn(&str) -> Option<String>) -> Option<u64> {
        let source = self.list.total.as_ref()?;
        super::paging::read_source(source, doc, header).and_then(|v| as_count(&v))
    }
}

/// Cuts parent links that close a cycle, at the first comment of the cycle met in list order,
/// which becomes a top-level comment. Linear time, no recursion.
pub fn cut_cycles(comments: &mut [Comment]) {
    let index: HashMap<Rc<str>, usize> =
        comments.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).rev().collect();
    // 0: not visited, 1: on the current walk, 2: finished.
    let mut state = vec![0u8; comments.len()];
    let mut walk = Vec::new();
    for start in 0..comments.len() {
        let mut current = start;
        loop {
            match state[current] {
                2 => break,
                1 => {
                    comments[current].parent = None;
                    break;
                }
                _ => {}
            }
            state[current] = 1;
            walk.push(current);
            match comments[current].parent.as_ref().and_then(|p| index.get(p)) {
                Some(&next) => current = next,
                None => break,
            }
        }
        for &i in &walk {
            state[i] = 2;
        }
        walk.clear();
    }
}
