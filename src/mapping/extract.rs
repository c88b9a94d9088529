//! Reading the comments out of a list answer: items skipped by `list.skip`, stubs turned into
//! continuations, nested replies flattened with an explicit stack (never recursion), parent
//! references resolved through the parent key, duplicates dropped, and parent cycles cut.
//!
//! Any JSON is accepted: a field of the wrong type reads as missing, an item without an id is
//! skipped and counted, and nothing here can panic or recurse.

use super::condition::{holds, Place};
use super::cycles::cut_cycles;
use super::paging::as_count;
use super::read::{AuthorTable, RawComment};
use super::schema::{Mapping, TreeKind};
use super::seen::Seen;
use crate::api::json::{list_of, text_of};
use crate::model::more::Continuation;
use crate::model::Comment;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Comments of one answer, flat and in document order, each naming its parent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    /// The comments.
    pub comments: Vec<Comment>,
    /// Items skipped for lack of an id.
    pub skipped: usize,
    /// Items dropped because an earlier item had the same id.
    pub duplicates: usize,
    /// Items dropped by `list.skip` or read as continuation stubs.
    pub dropped: usize,
    /// Items that had replies at `tree.children`.
    pub with_children: usize,
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

/// A stub met in the list: where it sits and what it says.
struct Stub<'a> {
    under: Option<Rc<str>>,
    parent_ref: Option<String>,
    obj: &'a Value,
}

impl Mapping {
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
            _ => None,
        };
        let keep_raw = self.keeps_raw();
        let mut out = Extracted::default();
        let mut raws: Vec<(RawComment, Option<Rc<str>>)> = Vec::new();
        let mut stubs: Vec<Stub<'_>> = Vec::new();
        let mut ids: HashSet<Rc<str>> = HashSet::new();
        let len = items.len();
        // (item, the parent it sits under: None for a top-level item, its place)
        let mut stack: Vec<(&Value, Option<Rc<str>>, Place)> =
            items.iter().enumerate().rev().map(|(index, i)| (*i, None, Place { index, len })).collect();
        while let Some((item, under, place)) = stack.pop() {
            let obj = item.pointer(&self.comment.object).unwrap_or(&Value::Null);
            let own = if holds(&self.list.skip, item, place) {
                out.dropped += 1;
                under.clone()
            } else if self.list.continuation.as_ref().is_some_and(|c| c.when.holds(item, place)) {
                out.dropped += 1;
                let parent_ref = self
                    .tree
                    .parent
                    .as_ref()
                    .and_then(|s| s.read(obj))
                    .and_then(|v| self.parent_of(&v, thread));
                stubs.push(Stub { under: under.clone(), parent_ref, obj });
                continue;
            } else {
                match self.read_comment(obj, authors.as_ref(), thread, offset, place) {
                    None => {
                        out.skipped += 1;
                        under.clone()
                    }
                    Some(raw) if ids.contains(&raw.comment.id) => {
                        out.duplicates += 1;
                        Some(raw.comment.id)
                    }
                    Some(mut raw) => {
                        let id = raw.comment.id.clone();
                        ids.insert(id.clone());
                        if keep_raw {
                            raw.known.raw = Some(Rc::new(self.without_children(obj)));
                        }
                        raws.push((raw, under.clone()));
                        Some(id)
                    }
                }
            };
            if let Some(p) = children {
                let replies = list_of(item.pointer(p));
                out.with_children += usize::from(item.pointer(p).is_some());
                // Replies have no position: `{"position": n}` is about the list's own items.
                let nowhere = Place { index: usize::MAX, len: 0 };
                stack.extend(replies.iter().rev().map(|r| (r, own.clone(), nowhere)));
            }
        }
        let mut keys: HashMap<String, Rc<str>> = HashMap::new();
        for (raw, _) in &raws {
            if let Some(k) = &raw.key {
                keys.entry(k.clone()).or_insert_with(|| raw.comment.id.clone());
            }
        }
        let resolve = |under: Option<Rc<str>>, parent_ref: Option<String>| match (under, parent_ref) {
            (Some(p), _) => Some(p),
            (None, None) => None,
            (None, Some(r)) if self.tree.parent_key.is_some() => {
                keys.get(&r).cloned().or_else(|| seen.id_for_key(&r))
            }
            (None, Some(r)) => Some(r.into()),
        };
        let server_order = self.list.order == super::schema::Order::Server;
        let mut knowns = Vec::with_capacity(raws.len());
        for (raw, under) in raws {
            let mut c = raw.comment;
            c.parent = if self.tree.kind == TreeKind::None { None } else { resolve(under, raw.parent_ref) };
            if c.parent.as_ref() == Some(&c.id) {
                c.parent = None;
            }
            c.extra.server_order = server_order;
            out.comments.push(c);
            knowns.push((raw.known, raw.key));
        }
        let stubs: Vec<(Rc<str>, &Value)> =
            stubs.into_iter().filter_map(|s| Some((resolve(s.under, s.parent_ref)?, s.obj))).collect();
        if let (Some(spec), false) = (&self.list.continuation, stubs.is_empty()) {
            let index: HashMap<Rc<str>, usize> =
                out.comments.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
            for (parent, obj) in stubs {
                if let Some(&i) = index.get(&parent) {
                    let more: Continuation = spec.read(obj, parent);
                    super::more::merge(&mut out.comments[i].more, more);
                }
            }
        }
        cut_cycles(&mut out.comments);
        for (c, (known, key)) in out.comments.iter().zip(knowns) {
            seen.remember_known(c, known, key);
        }
        out
    }

    /// A copy of an object to keep for post templates, without its replies (when they sit
    /// in one key of it), so that keeping every comment's object stays linear.
    pub fn without_children(&self, obj: &Value) -> Value {
        let key =
            self.tree.children.as_deref().and_then(|p| p.strip_prefix('/')).filter(|k| !k.contains('/'));
        match (key, obj) {
            (Some(key), Value::Object(map)) => Value::Object(
                map.iter().filter(|(k, _)| *k != key).map(|(k, v)| (k.clone(), v.clone())).collect(),
            ),
            _ => obj.clone(),
        }
    }

    /// The items of a list answer: the array at `list.items`, the values of an object there
    /// (not at the top: a whole answer that is an object almost always means a missing
    /// `list.items`), or nothing for `null` and `""`. `None` when the pointer is absent or holds
    /// anything else.
    pub fn items_of<'a>(&self, doc: &'a Value) -> Option<Vec<&'a Value>> {
        self.items_at(doc, &self.list.items)
    }

    /// [`Mapping::items_of`] at another pointer.
    pub fn items_at<'a>(&self, doc: &'a Value, at: &str) -> Option<Vec<&'a Value>> {
        match doc.pointer(at)? {
            Value::Array(items) => Some(items.iter().collect()),
            Value::Object(map) if !at.is_empty() => Some(map.values().collect()),
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
