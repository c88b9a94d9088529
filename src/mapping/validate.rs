//! The checks run when a mapping is loaded, for what deserialisation cannot see: that pointers
//! are pointers, that templates name only placeholders known where they are used, and that the
//! options fit together. Every error names the key at fault (`list.paging.next`).

use super::schema::{message_pointers, BodyFormat, Mapping, Method, PagingKind, Source, TreeKind};
use super::template::{self, Scope};
use serde_json::Value;
use std::collections::BTreeMap;

fn pointer(key: &str, p: &str) -> Result<(), String> {
    if p.is_empty() || p.starts_with('/') {
        Ok(())
    } else {
        Err(format!("{key} must be a JSON pointer: \"\" or starting with \"/\", not {p:?}"))
    }
}

fn some_pointer(key: &str, p: &Option<String>) -> Result<(), String> {
    p.as_deref().map_or(Ok(()), |p| pointer(key, p))
}

fn spec(key: &str, s: &Option<super::value::Spec>) -> Result<(), String> {
    s.as_ref().map_or(Ok(()), |s| s.check(key))
}

fn source(key: &str, s: &Option<Source>) -> Result<(), String> {
    match s {
        Some(Source::Pointer(p)) => pointer(key, p),
        Some(Source::Header(name)) if name.is_empty() => {
            Err(format!("{key} names no header after \"header:\""))
        }
        _ => Ok(()),
    }
}

fn headers(key: &str, h: &BTreeMap<String, String>, scope: Scope) -> Result<(), String> {
    for (name, value) in h {
        if name.trim().is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return Err(format!("{key} has a bad header name {name:?}"));
        }
        template::check(&format!("{key}.{name}"), value, scope)?;
    }
    Ok(())
}

fn body(key: &str, body: &Option<Value>, format: BodyFormat, scope: Scope) -> Result<(), String> {
    let Some(body) = body else { return Ok(()) };
    if format == BodyFormat::Form && !body.is_object() {
        return Err(format!("{key} must be an object when body_format is form"));
    }
    template::check_value(key, body, scope)
}

fn no_body_with_get(section: &str, method: Method, body: &Option<Value>) -> Result<(), String> {
    if method == Method::Get && body.is_some() {
        return Err(format!("{section}.body needs {section}.method POST: browsers send no body with GET"));
    }
    Ok(())
}

fn url(key: &str, url: &str, scope: Scope) -> Result<(), String> {
    if url.trim().is_empty() {
        return Err(format!("{key} is empty"));
    }
    template::check(key, url, scope)
}

impl Mapping {
    /// Checks what deserialisation cannot; the error names the key at fault.
    pub fn validate(&self) -> Result<(), String> {
        headers("headers", &self.headers, Scope::Any)?;
        let l = &self.list;
        url("list.url", &l.url, Scope::List)?;
        headers("list.headers", &l.headers, Scope::List)?;
        body("list.body", &l.body, l.body_format, Scope::List)?;
        no_body_with_get("list", l.method, &l.body)?;
        pointer("list.items", &l.items)?;
        source("list.total", &l.total)?;
        self.validate_paging()?;

        if let Some(c) = &l.skip {
            c.check("list.skip")?;
        }
        some_pointer("list.root", &l.root)?;
        if let Some(c) = &l.continuation {
            c.when.check("list.continuation.when")?;
            for (key, s) in [("count", &c.count), ("ids", &c.ids), ("url", &c.url)] {
                spec(&format!("list.continuation.{key}"), s)?;
            }
            if let Some(r) = &c.request {
                url("list.continuation.request.url", &r.url, Scope::More)?;
                headers("list.continuation.request.headers", &r.headers, Scope::More)?;
                body("list.continuation.request.body", &r.body, r.body_format, Scope::More)?;
                no_body_with_get("list.continuation.request", r.method, &r.body)?;
                some_pointer("list.continuation.request.items", &r.items)?;
            }
        }

        let t = &self.tree;
        spec("tree.parent", &t.parent)?;
        spec("tree.parent_key", &t.parent_key)?;
        spec("tree.reply_key", &t.reply_key)?;
        some_pointer("tree.children", &t.children)?;
        if let Some(q) = &t.quote {
            if t.kind != TreeKind::None {
                return Err("tree.quote needs tree.kind \"none\"".into());
            }
            template::check("tree.quote", q, Scope::Quote)?;
        }
        if t.kind == TreeKind::None && t.parent.is_some() {
            return Err("tree.parent does not apply to tree.kind \"none\" (no threading)".into());
        }
        match (t.kind, &t.children) {
            (TreeKind::Nested, None) => return Err("tree.children is needed when tree.kind is nested".into()),
            (TreeKind::Flat, Some(_)) => return Err("tree.children needs tree.kind \"nested\"".into()),
            _ => {}
        }
        if t.parent_key.is_some() && t.parent.is_none() {
            return Err("tree.parent_key needs tree.parent".into());
        }

        let c = &self.comment;
        pointer("comment.object", &c.object)?;
        c.id.check("comment.id")?;
        c.body.check("comment.body")?;
        for (key, p) in [
            ("comment.author", &c.author),
            ("comment.author_url", &c.author_url),
            ("comment.avatar", &c.avatar),
            ("comment.author_id", &c.author_id),
            ("comment.created", &c.created),
            ("comment.warning", &c.warning),
        ] {
            spec(key, p)?;
        }
        if let Some(r) = &c.ranges {
            r.check("comment.ranges")?;
        }
        if let Some(kind) = c.body_kind.as_deref() {
            if !kind.starts_with('/') && !matches!(kind, "html" | "markdown" | "text") {
                return Err(format!(
                    "comment.body_kind must be html, markdown, text or a JSON pointer, not {kind:?}"
                ));
            }
        }
        for (key, m) in [
            ("comment.pending", &c.pending),
            ("comment.deleted", &c.deleted),
            ("comment.placeholder", &c.placeholder),
            ("comment.pinned", &c.pinned),
            ("comment.edited", &c.edited),
        ] {
            if let Some(m) = m {
                m.check(key)?;
            }
        }

        if let Some(a) = &self.authors {
            pointer("authors.from", &a.from)?;
            some_pointer("authors.key", &a.key)?;
            for (key, p) in
                [("authors.name", &a.name), ("authors.url", &a.url), ("authors.avatar", &a.avatar)]
            {
                spec(key, p)?;
            }
            if c.author_id.is_none() {
                return Err("authors needs comment.author_id, the pointer to each comment's author id".into());
            }
        }
        if let Some(e) = &self.error {
            some_pointer("error.at", &e.at)?;
            if e.at.is_some() != e.ok.is_some() {
                return Err("error.at and error.ok go together".into());
            }
            for p in message_pointers(&e.message) {
                pointer("error.message", p)?;
            }
            let all_strings = |items: &Vec<Value>| items.iter().all(Value::is_string);
            if e.message.as_ref().is_some_and(|m| !m.is_string() && !m.as_array().is_some_and(all_strings)) {
                return Err("error.message must be a pointer or an array of pointers".into());
            }
        }
        if let Some(p) = &self.post {
            url("post.url", &p.url, Scope::Post)?;
            headers("post.headers", &p.headers, Scope::Post)?;
            body("post.body", &Some(p.body.clone()), p.body_format, Scope::Post)?;
            no_body_with_get("post", p.method, &Some(p.body.clone()))?;
            some_pointer("post.created", &p.created)?;
        }
        if let Some(n) = &self.count {
            url("count.url", &n.url, Scope::List)?;
            headers("count.headers", &n.headers, Scope::List)?;
            body("count.body", &n.body, n.body_format, Scope::List)?;
            no_body_with_get("count", n.method, &n.body)?;
            source("count.total", &Some(n.total.clone()))?;
        }
        Ok(())
    }

    fn validate_paging(&self) -> Result<(), String> {
        let p = &self.list.paging;
        source("list.paging.next", &p.next)?;
        source("list.paging.pages", &p.pages)?;
        source("list.paging.count", &p.count)?;
        source("list.paging.more", &p.more)?;
        let misplaced = match p.kind {
            PagingKind::None => {
                [("first", p.first.is_some()), ("size", p.size.is_some()), ("next", p.next.is_some())]
                    .into_iter()
                    .chain([
                        ("pages", p.pages.is_some()),
                        ("count", p.count.is_some()),
                        ("more", p.more.is_some()),
                    ])
                    .find(|(_, set)| *set)
            }
            PagingKind::Page => [("next", p.next.is_some())].into_iter().find(|(_, set)| *set),
            PagingKind::Offset => {
                [("next", p.next.is_some()), ("pages", p.pages.is_some())].into_iter().find(|(_, set)| *set)
            }
            PagingKind::Cursor | PagingKind::Url => {
                [("first", p.first.is_some()), ("pages", p.pages.is_some()), ("count", p.count.is_some())]
                    .into_iter()
                    .find(|(_, set)| *set)
            }
        };
        if let Some((key, _)) = misplaced {
            return Err(format!("list.paging.{key} does not apply to paging kind {:?}", kind_name(p.kind)));
        }
        if matches!(p.kind, PagingKind::Cursor | PagingKind::Url) && p.next.is_none() {
            return Err(format!(
                "list.paging.next is needed for {} paging: where the next {} is",
                kind_name(p.kind),
                if p.kind == PagingKind::Url { "page's URL" } else { "cursor" }
            ));
        }
        if p.size == Some(0) {
            return Err("list.paging.size must be at least 1".into());
        }
        let uses = |name: &str| {
            let body = self.list.body.as_ref().map(Value::to_string).unwrap_or_default();
            self.list.url.contains(name) || body.contains(name)
        };
        let needed = match p.kind {
            PagingKind::None | PagingKind::Url => None,
            PagingKind::Page => Some("{page"),
            PagingKind::Offset => Some("{offset"),
            PagingKind::Cursor => Some("{cursor"),
        };
        if let Some(var) = needed.filter(|v| !uses(v)) {
            return Err(format!("list.url (or list.body) must use {var}}} for {} paging", kind_name(p.kind)));
        }
        Ok(())
    }
}

fn kind_name(k: PagingKind) -> &'static str {
    match k {
        PagingKind::None => "none",
        PagingKind::Page => "page",
        PagingKind::Offset => "offset",
        PagingKind::Cursor => "cursor",
        PagingKind::Url => "url",
    }
}
