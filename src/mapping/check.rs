//! The mapping checker's engine (`threadline-server mapping check`): reads a sample answer
//! exactly as the widget would, and says what it found and what looks wrong, as structured
//! [`Warning`]s. Pure: the server's command prints a [`Report`]; nothing here does I/O.
//!
//! The tree and the post requests come from the engine itself ([`Mapping::read_list_doc`],
//! [`Mapping::post_vars`], [`Forest::build`]); the warnings come from a second walk over the
//! answer's items that keeps what the engine forgives silently (ids that collide, parent
//! references that name nothing, times that do not parse).

use super::condition::{holds, Place};
use super::request::{Env, HttpRequest};
use super::schema::{Mapping, TreeKind};
use super::seen::Seen;
use super::value::Spec;
use crate::api::json::{id_of, list_of};
use crate::api::{Draft, RawResponse};
use crate::model::time::parse_time;
use crate::model::tree::Forest;
use crate::model::{Comment, Status};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

mod declared;

/// What a sample answer gave, read as the widget reads it.
#[derive(Debug, Clone)]
pub struct Report {
    /// The request for the first page, as the widget would send it.
    pub list_request: HttpRequest,
    /// The comments as the widget arranges them, each with its depth (0 at the top level).
    pub tree: Vec<(usize, Rc<Comment>)>,
    /// What was met in the answer.
    pub counts: Counts,
    /// The thread's total (`list.total`), if the answer says.
    pub total: Option<u64>,
    /// The cursor of the next page, if the answer has one.
    pub next_cursor: Option<String>,
    /// The request posting a top-level comment; `None` without `post`.
    pub post: Option<HttpRequest>,
    /// The request posting a reply to the first comment, with that comment's id; `None`
    /// without `post`, without comments, or when the mapping takes no replies.
    pub reply: Option<(Rc<str>, HttpRequest)>,
    /// What looks wrong.
    pub warnings: Vec<Warning>,
}

/// How many items of each kind the answer held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Items met at `list.items` and below `tree.children`.
    pub items: usize,
    /// Comments read.
    pub comments: usize,
    /// Items skipped for lack of an id.
    pub no_id: usize,
    /// Items dropped because an earlier item had the same id.
    pub duplicates: usize,
    /// Items dropped by `list.skip`.
    pub skipped: usize,
    /// Continuation stubs (`list.continuation.when`).
    pub stubs: usize,
    /// Comments kept as placeholders (`comment.placeholder`).
    pub placeholders: usize,
    /// Comments that show "N more replies".
    pub continued: usize,
}

/// Something in the answer that the widget would forgive, but that usually means a wrong
/// pointer. Each names the mapping's key and pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Items with nothing readable at `comment.id`: they are skipped.
    NoId {
        /// How many.
        items: usize,
        /// `comment.id`, as written.
        spec: String,
    },
    /// `tree.children` matched nothing in any item, while items hold replies elsewhere.
    Children {
        /// `tree.children`.
        pointer: String,
        /// Where items do hold replies (pointers relative to an item).
        found: Vec<String>,
    },
    /// Several items share an id: only the first is shown.
    DuplicateId {
        /// The id.
        id: String,
        /// How many items have it.
        times: usize,
    },
    /// A comment's parent reference names no comment of the answer: it shows at the top level
    /// (unless an earlier page had the parent).
    MissingParent {
        /// The comment.
        id: String,
        /// The reference, as read at `tree.parent`.
        parent: String,
        /// `tree.parent_key`, when references point at it rather than at ids.
        key: Option<String>,
    },
    /// A time at `comment.created` that `comment.time_format` cannot read.
    BadTime {
        /// The comment.
        id: String,
        /// The value, as JSON.
        value: String,
    },
    /// A field's spec matched in no comment at all.
    Nothing {
        /// The mapping's key, e.g. `comment.body`.
        key: &'static str,
        /// Its spec, as written.
        spec: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::NoId { items, spec } => {
                write!(f, "{items} item(s) have no id at comment.id {spec}: they are skipped")
            }
            Warning::Children { pointer, found } => write!(
                f,
                "tree.children {pointer:?} matched nothing in any item, but items declare replies at {}",
                found.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ")
            ),
            Warning::DuplicateId { id, times } => {
                write!(f, "{times} items share the id {id:?}: only the first is shown")
            }
            Warning::MissingParent { id, parent, key: None } => write!(
                f,
                "comment {id:?} names parent {parent:?} at tree.parent, and no comment has that id: \
                 it shows at the top level"
            ),
            Warning::MissingParent { id, parent, key: Some(key) } => write!(
                f,
                "comment {id:?} names parent {parent:?} at tree.parent, and no comment has that value at \
                 tree.parent_key {key}: it shows at the top level"
            ),
            Warning::BadTime { id, value } => {
                write!(
                    f,
                    "comment {id:?}: comment.created holds {value}, which comment.time_format cannot read"
                )
            }
            Warning::Nothing { key, spec } => write!(f, "{key} {spec} matched nothing in any comment"),
        }
    }
}

/// A mapping's spec, written back as compact JSON-like text for messages.
pub fn describe(spec: &Spec) -> String {
    match spec {
        Spec::Pointer(p) => format!("{p:?}"),
        Spec::First(specs) => format!("[{}]", specs.iter().map(describe).collect::<Vec<_>>().join(", ")),
        Spec::Template(t) => format!("{{\"template\": {t:?}}}"),
        Spec::Split { at, sep, index } => {
            format!("{{\"at\": {}, \"split\": {sep:?}, \"index\": {index}}}", describe(at))
        }
        Spec::StripPrefix { at, prefix } => {
            format!("{{\"at\": {}, \"strip_prefix\": {prefix:?}}}", describe(at))
        }
        Spec::Capture { at, pattern } => {
            format!("{{\"at\": {}, \"regex\": {:?}}}", describe(at), pattern.source())
        }
        Spec::Invalid(why) => format!("(invalid: {why})"),
    }
}

/// The sample reader who writes the comments the checker posts.
fn draft(m: &Mapping, parent: Option<&Comment>, root: Option<Rc<str>>) -> Draft {
    let caps = m.capabilities();
    Draft {
        parent: parent.map(|c| c.id.clone()),
        root,
        parent_author: parent.map(|c| c.author.clone()),
        author: "Sample Reader".into(),
        email: if caps.email { "reader@example.org".into() } else { String::new() },
        website: if caps.website { "https://reader.example.org".into() } else { String::new() },
        text: "A sample comment from the mapping checker.".into(),
        ..Draft::default()
    }
}

/// Reads a sample list answer (its text) with a mapping. An answer that is not JSON, that the
/// mapping's `error` reads as an error, or that has no list at `list.items` is an error,
/// naming the line or the pointer.
pub fn check(m: &Mapping, answer: &str, env: &Env<'_>) -> Result<Report, String> {
    check_with_headers(m, answer, Vec::new(), env)
}

/// [`check`] of an answer that came with these response headers (name, value): what a
/// mapping reads from `header:Name` (a total, a page count, a `Link` to the next page).
pub fn check_with_headers(
    m: &Mapping,
    answer: &str,
    headers: Vec<(String, String)>,
    env: &Env<'_>,
) -> Result<Report, String> {
    let doc: Value = serde_json::from_str(answer).map_err(|e| format!("the answer is not JSON: {e}"))?;
    let response = RawResponse { status: 200, headers, body: answer.to_string() };
    if m.check_answer(&response, false).is_err() {
        let said = m.error_message(&doc).map_or(String::new(), |msg| format!(": {msg:?}"));
        let at = m.error.as_ref().and_then(|e| e.at.clone()).unwrap_or_default();
        return Err(format!("the mapping's error.at {at:?} reads this answer as an error{said}"));
    }
    let req = m.page_request(None, 50);
    let list_request = m.list_request(env, &req);
    let mut seen = Seen::default();
    let header = |name: &str| response.header(name).map(str::to_string);
    let answer = m.read_list_doc(&doc, &header, &req, env, &mut seen).map_err(|e| match e {
        crate::error::ClientError::Decode(s) => s,
        other => other.to_string(),
    })?;
    let items = m.items_of(&doc).unwrap_or_default();
    let walked = walk(m, &items);
    let comments = answer.page.comments;
    let counts = Counts {
        items: walked.items,
        comments: comments.len(),
        no_id: answer.skipped,
        duplicates: answer.duplicates,
        skipped: walked.skipped,
        stubs: walked.stubs,
        placeholders: comments.iter().filter(|c| c.status == Status::Removed).count(),
        continued: comments.iter().filter(|c| c.more.is_some()).count(),
    };
    let warnings = warnings(m, env, &walked, &comments, &counts);
    let tree = arrange(comments);
    let post = m.post_request(&m.post_vars(env, &draft(m, None, None), &seen));
    let replies = m.tree.kind != TreeKind::None || m.tree.quote.is_some();
    let reply = tree.first().filter(|_| replies).and_then(|(_, first)| {
        let d = draft(m, Some(first), Some(first.id.clone()));
        Some((first.id.clone(), m.post_request(&m.post_vars(env, &d, &seen))?))
    });
    Ok(Report {
        list_request,
        tree,
        counts,
        total: answer.page.total,
        next_cursor: answer.page.next_cursor,
        post,
        reply,
        warnings,
    })
}

/// The comments as the widget's tree arranges them, depth first, each with its depth.
fn arrange(comments: Vec<Comment>) -> Vec<(usize, Rc<Comment>)> {
    let forest = Forest::build(comments);
    let mut out = Vec::with_capacity(forest.len());
    let mut stack: Vec<_> = forest.roots.iter().rev().map(|n| (0, n.clone())).collect();
    while let Some((depth, node)) = stack.pop() {
        out.push((depth, node.comment.clone()));
        stack.extend(node.replies.iter().rev().map(|r| (depth + 1, r.clone())));
    }
    out
}

/// What the walk over the items met.
struct Walked<'a> {
    items: usize,
    skipped: usize,
    stubs: usize,
    /// Items that matched `tree.children` (present, whatever it holds).
    with_children: usize,
    /// The comment objects read, in document order, each with whether it sits under a comment.
    objs: Vec<(&'a Value, bool)>,
    /// The list items (not their comment objects), for looking for replies elsewhere.
    all: Vec<&'a Value>,
}

/// Walks the items as the engine does (skip, stubs, nested replies), without recursion.
fn walk<'a>(m: &Mapping, items: &[&'a Value]) -> Walked<'a> {
    let children = m.tree.children.as_deref().filter(|_| m.tree.kind == TreeKind::Nested);
    let mut w =
        Walked { items: 0, skipped: 0, stubs: 0, with_children: 0, objs: Vec::new(), all: Vec::new() };
    let len = items.len();
    let mut stack: Vec<(&Value, bool, Place)> =
        items.iter().enumerate().rev().map(|(index, i)| (*i, false, Place { index, len })).collect();
    while let Some((item, under, place)) = stack.pop() {
        w.items += 1;
        w.all.push(item);
        let obj = item.pointer(&m.comment.object).unwrap_or(&Value::Null);
        let own = if holds(&m.list.skip, item, place) {
            w.skipped += 1;
            under
        } else if m.list.continuation.as_ref().is_some_and(|c| c.when.holds(item, place)) {
            w.stubs += 1;
            continue;
        } else if m.comment.id.read(obj).as_deref().and_then(id_of).is_some() {
            w.objs.push((obj, under));
            true
        } else {
            under
        };
        if let Some(p) = children {
            w.with_children += usize::from(item.pointer(p).is_some());
            let nowhere = Place { index: usize::MAX, len: 0 };
            stack.extend(list_of(item.pointer(p)).iter().rev().map(|r| (r, own, nowhere)));
        }
    }
    w
}

fn warnings(
    m: &Mapping,
    env: &Env<'_>,
    w: &Walked<'_>,
    comments: &[Comment],
    counts: &Counts,
) -> Vec<Warning> {
    let mut out = Vec::new();
    if counts.no_id > 0 {
        out.push(Warning::NoId { items: counts.no_id, spec: describe(&m.comment.id) });
    }
    if let (Some(p), TreeKind::Nested, 0) = (&m.tree.children, m.tree.kind, w.with_children) {
        let found = declared::replies_elsewhere(m, &w.all);
        if !found.is_empty() {
            out.push(Warning::Children { pointer: p.clone(), found });
        }
    }
    let id_of_obj = |obj: &Value| m.comment.id.read(obj).as_deref().and_then(id_of);
    let mut times: HashMap<Rc<str>, usize> = HashMap::new();
    let mut order = Vec::new();
    for (obj, _) in &w.objs {
        if let Some(id) = id_of_obj(obj) {
            let n = times.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 2 {
                order.push(id);
            }
        }
    }
    out.extend(order.into_iter().map(|id| Warning::DuplicateId { times: times[&id], id: id.to_string() }));
    out.extend(missing_parents(m, env, w));
    if let Some(spec) = &m.comment.created {
        let mut any = false;
        for (obj, _) in &w.objs {
            let Some(v) = spec.read(obj) else { continue };
            any = true;
            if parse_time(&v, m.comment.time_format, env.local_offset_min).is_none() {
                let id = id_of_obj(obj).map(|i| i.to_string()).unwrap_or_default();
                out.push(Warning::BadTime { id, value: v.to_string() });
            }
        }
        if !any && !w.objs.is_empty() {
            out.push(Warning::Nothing { key: "comment.created", spec: describe(spec) });
        }
    }
    let alive: Vec<&Comment> = comments.iter().filter(|c| c.status != Status::Removed).collect();
    if !alive.is_empty() && alive.iter().all(|c| c.text.trim().is_empty() && c.html.is_none()) {
        out.push(Warning::Nothing { key: "comment.body", spec: describe(&m.comment.body) });
    }
    if let Some(spec) = m.comment.author.as_ref().filter(|_| m.comment.author_id.is_none()) {
        if !alive.is_empty() && alive.iter().all(|c| c.author.trim().is_empty()) {
            out.push(Warning::Nothing { key: "comment.author", spec: describe(spec) });
        }
    }
    out
}

/// Parent references (read where the engine reads them) that name no comment of the answer.
fn missing_parents(m: &Mapping, env: &Env<'_>, w: &Walked<'_>) -> Vec<Warning> {
    let Some(spec) = m.tree.parent.as_ref().filter(|_| m.tree.kind != TreeKind::None) else {
        return Vec::new();
    };
    let key_of = |obj: &Value| match &m.tree.parent_key {
        Some(k) => k.read(obj).as_deref().and_then(id_of),
        None => m.comment.id.read(obj).as_deref().and_then(id_of),
    };
    let targets: HashSet<Rc<str>> = w.objs.iter().filter_map(|(obj, _)| key_of(obj)).collect();
    let mut out = Vec::new();
    for (obj, under) in &w.objs {
        if *under {
            continue;
        }
        let Some(parent) = spec.read(obj).and_then(|v| m.parent_of(&v, env.thread)) else { continue };
        if !targets.contains(parent.as_str()) {
            let id = m.comment.id.read(obj).as_deref().and_then(id_of).map(|i| i.to_string());
            let key = m.tree.parent_key.as_ref().map(describe);
            out.push(Warning::MissingParent { id: id.unwrap_or_default(), parent, key });
        }
    }
    out
}

#[cfg(test)]
mod tests;
