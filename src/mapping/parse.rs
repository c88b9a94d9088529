//! Reading a mapping's JSON into its types by hand. serde's derive would bring a map visitor
//! and a sequence visitor per struct into the wasm; these readers share a handful of helpers
//! ([`super::manual`]). Every error names its section and key: `list.paging: kind must be
//! one of "none", …, not "pages"`.

use super::condition::Condition;
use super::manual::{given, object, string, word};
use super::more::{ContinuationSpec, MoreRequest};
use super::ranges::{RangesSpec, Unit};
use super::schema::*;
use super::value::Spec;
use crate::model::time::TimeFormat;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

type Obj = Map<String, Value>;

fn required(m: &Obj, key: &str) -> Result<String, String> {
    string(m, key)?.ok_or_else(|| format!("missing field `{key}`"))
}

fn source(m: &Obj, key: &str) -> Result<Option<Source>, String> {
    Ok(string(m, key)?.map(Source::from))
}

fn headers(m: &Obj, key: &str) -> Result<BTreeMap<String, String>, String> {
    let Some(v) = given(m, key) else { return Ok(BTreeMap::new()) };
    let bad = || format!("{key} must be an object of strings");
    let map = v.as_object().ok_or_else(bad)?;
    map.iter().map(|(k, v)| Ok((k.clone(), v.as_str().ok_or_else(bad)?.to_string()))).collect()
}

fn number(m: &Obj, key: &str) -> Result<Option<u64>, String> {
    given(m, key).map(|v| v.as_u64().ok_or_else(|| format!("{key} must be a whole number"))).transpose()
}

fn flag(m: &Obj, key: &str) -> Result<bool, String> {
    given(m, key).map_or(Ok(false), |v| v.as_bool().ok_or_else(|| format!("{key} must be true or false")))
}

fn one_of<T: Copy>(m: &Obj, key: &str, words: &[(&str, T)], default: T) -> Result<T, String> {
    given(m, key).map_or(Ok(default), |v| word(v, words).map_err(|e| format!("{key} {e}")))
}

fn spec(m: &Obj, key: &str) -> Option<Spec> {
    given(m, key).map(Spec::from_value)
}

fn cond(m: &Obj, key: &str) -> Option<Condition> {
    given(m, key).map(Condition::from_value)
}

fn section<T>(
    key: &str,
    v: Option<&Value>,
    read: fn(&Value) -> Result<T, String>,
) -> Result<Option<T>, String> {
    // A nested section's error starts with its own key: `list` + `.paging: …`.
    let named = |e: String| if e.starts_with('.') { format!("{key}{e}") } else { format!("{key}: {e}") };
    v.filter(|v| !v.is_null()).map(|v| read(v).map_err(named)).transpose()
}

const METHODS: [(&str, Method); 8] = [
    ("GET", Method::Get),
    ("POST", Method::Post),
    ("PUT", Method::Put),
    ("PATCH", Method::Patch),
    ("get", Method::Get),
    ("post", Method::Post),
    ("put", Method::Put),
    ("patch", Method::Patch),
];
const FORMATS: [(&str, BodyFormat); 2] = [("json", BodyFormat::Json), ("form", BodyFormat::Form)];

/// The parts every request template shares: url, method, headers, body, body_format.
type Request = (String, Method, BTreeMap<String, String>, Option<Value>, BodyFormat);

/// Reads the parts of [`Request`].
fn request(m: &Obj, method: Method) -> Result<Request, String> {
    Ok((
        required(m, "url")?,
        one_of(m, "method", &METHODS, method)?,
        headers(m, "headers")?,
        given(m, "body").cloned(),
        one_of(m, "body_format", &FORMATS, BodyFormat::Json)?,
    ))
}

/// Reads a whole mapping.
pub fn mapping(v: &Value) -> Result<Mapping, String> {
    let m = v.as_object().ok_or("must be a JSON object")?;
    let creds = [
        ("omit", Credentials::Omit),
        ("same-origin", Credentials::SameOrigin),
        ("include", Credentials::Include),
    ];
    Ok(Mapping {
        name: string(m, "name")?,
        headers: headers(m, "headers")?,
        credentials: one_of(m, "credentials", &creds, Credentials::SameOrigin)?,
        list: section("list", m.get("list"), list)?.ok_or("missing field `list`")?,
        tree: section("tree", m.get("tree"), tree)?.unwrap_or_default(),
        comment: section("comment", m.get("comment"), comment)?.ok_or("missing field `comment`")?,
        authors: section("authors", m.get("authors"), authors)?,
        error: section("error", m.get("error"), error)?,
        post: section("post", m.get("post"), post)?,
        count: section("count", m.get("count"), count)?,
    })
}

fn list(v: &Value) -> Result<List, String> {
    let m = object(
        v,
        &[
            "url",
            "method",
            "headers",
            "body",
            "body_format",
            "items",
            "total",
            "paging",
            "skip",
            "root",
            "order",
            "continuation",
        ],
    )?;
    let (url, method, headers, body, body_format) = request(m, Method::Get)?;
    Ok(List {
        url,
        method,
        headers,
        body,
        body_format,
        items: string(m, "items")?.unwrap_or_default(),
        total: source(m, "total")?,
        paging: section(".paging", m.get("paging"), paging)?.unwrap_or_default(),
        skip: cond(m, "skip"),
        root: string(m, "root")?,
        order: one_of(m, "order", &[("time", Order::Time), ("server", Order::Server)], Order::Time)?,
        continuation: section(".continuation", m.get("continuation"), continuation)?,
    })
}

fn paging(v: &Value) -> Result<Paging, String> {
    let m = object(v, &["kind", "first", "size", "next", "pages", "count", "more"])?;
    let kinds = [
        ("none", PagingKind::None),
        ("page", PagingKind::Page),
        ("offset", PagingKind::Offset),
        ("cursor", PagingKind::Cursor),
        ("url", PagingKind::Url),
    ];
    Ok(Paging {
        kind: one_of(m, "kind", &kinds, PagingKind::None)?,
        first: number(m, "first")?,
        size: number(m, "size")?.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        next: source(m, "next")?,
        pages: source(m, "pages")?,
        count: source(m, "count")?,
        more: source(m, "more")?,
    })
}

fn continuation(v: &Value) -> Result<ContinuationSpec, String> {
    let m = object(v, &["when", "count", "ids", "url", "request"])?;
    let request = match given(m, "request") {
        Some(r) => {
            let r = object(r, &["url", "method", "headers", "body", "body_format", "items"])
                .map_err(|e| format!("request {e}"))?;
            let (url, method, headers, body, body_format) =
                request(r, Method::Get).map_err(|e| format!("request: {e}"))?;
            Some(MoreRequest { url, method, headers, body, body_format, items: string(r, "items")? })
        }
        None => None,
    };
    Ok(ContinuationSpec {
        when: cond(m, "when").ok_or("missing field `when`")?,
        count: spec(m, "count"),
        ids: spec(m, "ids"),
        url: spec(m, "url"),
        request,
    })
}

fn tree(v: &Value) -> Result<Tree, String> {
    let m = object(v, &["kind", "parent", "parent_key", "reply_key", "root", "children", "quote"])?;
    let kinds = [("flat", TreeKind::Flat), ("nested", TreeKind::Nested), ("none", TreeKind::None)];
    Ok(Tree {
        kind: one_of(m, "kind", &kinds, TreeKind::Flat)?,
        parent: spec(m, "parent"),
        parent_key: spec(m, "parent_key"),
        reply_key: spec(m, "reply_key"),
        root: given(m, "root").cloned(),
        children: string(m, "children")?,
        quote: string(m, "quote")?,
    })
}

fn comment(v: &Value) -> Result<CommentFields, String> {
    let m = object(
        v,
        &[
            "object",
            "id",
            "author",
            "author_url",
            "avatar",
            "author_id",
            "body",
            "body_kind",
            "created",
            "time_format",
            "pending",
            "deleted",
            "placeholder",
            "warning",
            "pinned",
            "edited",
            "ranges",
        ],
    )?;
    let times = [
        ("auto", TimeFormat::Auto),
        ("rfc3339", TimeFormat::Rfc3339),
        ("epoch_seconds", TimeFormat::EpochSeconds),
        ("epoch_millis", TimeFormat::EpochMillis),
        ("local", TimeFormat::Local),
    ];
    Ok(CommentFields {
        object: string(m, "object")?.unwrap_or_default(),
        id: spec(m, "id").ok_or("missing field `id`")?,
        author: spec(m, "author"),
        author_url: spec(m, "author_url"),
        avatar: spec(m, "avatar"),
        author_id: spec(m, "author_id"),
        body: spec(m, "body").ok_or("missing field `body`")?,
        body_kind: string(m, "body_kind")?,
        created: spec(m, "created"),
        time_format: one_of(m, "time_format", &times, TimeFormat::Auto)?,
        pending: cond(m, "pending"),
        deleted: cond(m, "deleted"),
        placeholder: cond(m, "placeholder"),
        warning: spec(m, "warning"),
        pinned: cond(m, "pinned"),
        edited: cond(m, "edited"),
        ranges: section(".ranges", m.get("ranges"), ranges)?,
    })
}

fn ranges(v: &Value) -> Result<RangesSpec, String> {
    let m = object(v, &["at", "start", "end", "url", "unit"])?;
    let units = [("byte", Unit::Byte), ("char", Unit::Char), ("utf16", Unit::Utf16)];
    Ok(RangesSpec {
        at: required(m, "at")?,
        start: spec(m, "start").ok_or("missing field `start`")?,
        end: spec(m, "end").ok_or("missing field `end`")?,
        url: spec(m, "url").ok_or("missing field `url`")?,
        unit: one_of(m, "unit", &units, Unit::Byte)?,
    })
}

fn authors(v: &Value) -> Result<Authors, String> {
    let m = object(v, &["from", "key", "name", "url", "avatar"])?;
    Ok(Authors {
        from: required(m, "from")?,
        key: string(m, "key")?,
        name: spec(m, "name"),
        url: spec(m, "url"),
        avatar: spec(m, "avatar"),
    })
}

fn error(v: &Value) -> Result<ErrorCheck, String> {
    let m = object(v, &["at", "ok", "message"])?;
    Ok(ErrorCheck {
        at: string(m, "at")?,
        ok: given(m, "ok").cloned(),
        message: given(m, "message").cloned(),
    })
}

fn post(v: &Value) -> Result<Post, String> {
    let m = object(
        v,
        &[
            "url",
            "method",
            "headers",
            "body",
            "body_format",
            "created",
            "email_required",
            "markdown",
            "min_text",
        ],
    )?;
    let (url, method, headers, body, body_format) = request(m, Method::Post)?;
    let created = match m.get("created") {
        None => Some(String::new()),
        Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err("created must be a pointer or null".into()),
    };
    Ok(Post {
        url,
        method,
        headers,
        body: body.ok_or("missing field `body`")?,
        body_format,
        created,
        email_required: flag(m, "email_required")?,
        markdown: flag(m, "markdown")?,
        min_text: number(m, "min_text")?.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    })
}

fn count(v: &Value) -> Result<Count, String> {
    let m = object(v, &["url", "method", "headers", "body", "body_format", "total"])?;
    let (url, method, headers, body, body_format) = request(m, Method::Get)?;
    Ok(Count {
        url,
        method,
        headers,
        body,
        body_format,
        total: source(m, "total")?.ok_or("missing field `total`")?,
    })
}
