//! The whitelist sanitizer for HTML from backends. The browser's inert parser (`DOMParser`, in
//! `dom.rs`) turns the HTML into an [`Untrusted`] tree; this module keeps only
//! `p br em strong code pre blockquote ul ol li a[href]`, drops every attribute but a checked
//! `href`, drops `script`/`style`-like elements with their contents, and unwraps everything else,
//! keeping its text. It is pure, so the whitelist is tested natively.

use super::url::safe_href;
use super::{Rich, Tag};

/// Elements whose contents are never text a reader wrote.
const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "embed", "head", "title", "select",
    "option",
];

/// Most nodes kept from one body; the rest is cut, so a huge answer cannot freeze the page.
pub const MAX_NODES: usize = 20_000;

/// A node as the browser parsed it, before any checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untrusted {
    /// A text node.
    Text(String),
    /// An element with its lower-case local name and attributes.
    Elem {
        /// Local name, lower case.
        name: String,
        /// Attributes as parsed (entities decoded).
        attrs: Vec<(String, String)>,
        /// Child nodes.
        children: Vec<Untrusted>,
    },
}

/// Keeps what the whitelist allows; everything else becomes its text, or nothing.
pub fn sanitize(nodes: &[Untrusted]) -> Vec<Rich> {
    let mut budget = MAX_NODES;
    let mut out = Vec::new();
    for n in nodes {
        clean(n, &mut out, &mut budget, 0);
    }
    out
}

fn clean(node: &Untrusted, out: &mut Vec<Rich>, budget: &mut usize, depth: usize) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    let (name, attrs, children) = match node {
        Untrusted::Text(t) => return out.push(Rich::Text(t.clone())),
        Untrusted::Elem { name, attrs, children } => (name.as_str(), attrs, children),
    };
    if DROPPED.contains(&name) {
        return;
    }
    if name == "br" {
        return out.push(Rich::Br);
    }
    let tag = match name {
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section" | "article" | "figure"
        | "figcaption" | "header" | "footer" | "details" | "summary" | "address" => Some(Tag::P),
        "em" | "i" | "cite" | "dfn" => Some(Tag::Em),
        "strong" | "b" => Some(Tag::Strong),
        "code" | "tt" | "kbd" | "samp" => Some(Tag::Code),
        "pre" => Some(Tag::Pre),
        "blockquote" => Some(Tag::Blockquote),
        "ul" => Some(Tag::Ul),
        "ol" => Some(Tag::Ol),
        "li" => Some(Tag::Li),
        "a" => Some(Tag::A),
        _ => None,
    };
    let href = match tag {
        Some(Tag::A) => attrs.iter().find(|(k, _)| k == "href").and_then(|(_, v)| safe_href(v)),
        _ => None,
    };
    // A link without a safe target, and every element off the list, gives way to its contents.
    let keep = match tag {
        Some(Tag::A) => href.is_some(),
        Some(_) => depth < super::MAX_DEPTH,
        None => false,
    };
    if !keep {
        for c in children {
            clean(c, out, budget, depth);
        }
        return;
    }
    let mut kept = Vec::new();
    for c in children {
        clean(c, &mut kept, budget, depth + 1);
    }
    if let Some(tag) = tag {
        out.push(Rich::Elem { tag, href, children: kept });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(name: &str, attrs: &[(&str, &str)], children: Vec<Untrusted>) -> Untrusted {
        Untrusted::Elem {
            name: name.into(),
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            children,
        }
    }

    fn t(s: &str) -> Untrusted {
        Untrusted::Text(s.into())
    }

    #[test]
    fn keeps_the_whitelist_and_only_href() {
        let doc = vec![el(
            "p",
            &[("class", "x"), ("onclick", "evil()")],
            vec![
                t("Hi "),
                el("b", &[("style", "color:red")], vec![t("there")]),
                el("a", &[("href", "https://example.org"), ("onmouseover", "x()")], vec![t("link")]),
            ],
        )];
        let want = vec![Rich::elem(
            Tag::P,
            vec![
                Rich::Text("Hi ".into()),
                Rich::elem(Tag::Strong, vec![Rich::Text("there".into())]),
                Rich::Elem {
                    tag: Tag::A,
                    href: Some("https://example.org".into()),
                    children: vec![Rich::Text("link".into())],
                },
            ],
        )];
        assert_eq!(sanitize(&doc), want);
    }

    #[test]
    fn drops_scripts_and_unwraps_the_rest() {
        let doc = vec![
            el("script", &[], vec![t("alert(1)")]),
            el("svg", &[("onload", "x()")], vec![el("style", &[], vec![t("*{}")]), t("svg text")]),
            el("img", &[("src", "x"), ("onerror", "alert(1)")], vec![]),
            el("a", &[("href", "javascript:alert(1)")], vec![t("bad link")]),
            el("a", &[("href", " JAVA\tSCRIPT:alert(1)")], vec![t("sneaky")]),
            el("iframe", &[("srcdoc", "<script>")], vec![t("x")]),
            el("form", &[("action", "javascript:x")], vec![el("button", &[], vec![t("press")])]),
        ];
        let out = sanitize(&doc);
        assert_eq!(Rich::text_content(&out), "svg textbad linksneakypress");
        assert!(out.iter().all(|n| matches!(n, Rich::Text(_))), "{out:?}");
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let mut deep = t("core");
        for _ in 0..200 {
            deep = el("blockquote", &[], vec![deep]);
        }
        let out = sanitize(&[deep]);
        assert_eq!(Rich::text_content(&out), "core");
        let wide = el("p", &[], (0..50_000).map(|_| t("w")).collect());
        assert!(Rich::text_content(&sanitize(&[wide])).len() < MAX_NODES);
    }
}
