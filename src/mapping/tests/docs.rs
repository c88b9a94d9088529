//! What `docs/backends.md` says about rendering and the form, checked against what the engine,
//! the renderer and the form do. Each claim is a sentence the docs must hold, next to the
//! behaviour it describes: change one, and this test says to change the other.

use super::*;
use crate::model::Status;
use crate::rich::markdown;
use crate::rich::sanitize::{sanitize, Untrusted};
use crate::rich::{Rich, Tag};
use serde_json::json;

const DOCS: &str = include_str!("../../../docs/backends.md");
/// The form's source: which fields it shows is decided there, from the capabilities.
const FORM: &str = include_str!("../../components/reply_form.rs");

fn says(sentence: &str) {
    let flat = DOCS.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(sentence), "docs/backends.md no longer says {sentence:?}: check the behaviour too");
}

fn never_says(wrong: &str) {
    let flat = DOCS.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!flat.contains(wrong), "docs/backends.md says {wrong:?}, which is not what the widget does");
}

fn body(kind: &str, text: &str) -> crate::model::Comment {
    let m = mapping(json!({
        "list": { "url": "{api}/c" },
        "comment": { "id": "/id", "body": "/body", "body_kind": kind }
    }));
    read(&m, &json!([{ "id": 1, "body": text }])).page.comments.remove(0)
}

#[test]
fn html_bodies_are_rendered_through_the_whitelist() {
    says("`html` is rendered through the whitelist sanitizer: only `p br em strong code pre blockquote ul ol li a[href]` are rebuilt");
    never_says("converted to plain text");
    never_says("never rendered");
    let c = body("html", "<p>Hi <strong>you</strong></p>");
    assert_eq!(c.html.as_deref(), Some("<p>Hi <strong>you</strong></p>"), "the HTML reaches the renderer");
    let elem = |name: &str, children| Untrusted::Elem { name: name.into(), attrs: vec![], children };
    let parsed = [elem(
        "p",
        vec![
            elem("strong", vec![Untrusted::Text("you".into())]),
            elem("script", vec![Untrusted::Text("x".into())]),
        ],
    )];
    assert_eq!(
        sanitize(&parsed),
        [Rich::elem(Tag::P, vec![Rich::elem(Tag::Strong, vec![Rich::Text("you".into())])])],
        "whitelisted elements are kept, scripts dropped with their contents"
    );
    for name in ["p", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"] {
        let kept = sanitize(&[elem(name, vec![Untrusted::Text("x".into())])]);
        assert!(
            matches!(&kept[..], [Rich::Elem { tag, .. }] if tag.name() == name),
            "{name} is on the whitelist"
        );
    }
}

#[test]
fn markdown_bodies_are_rendered_and_indented_code_keeps_its_indentation() {
    says("`markdown` is rendered by the widget's own parser");
    says("fenced and indented code blocks (indented code keeps its indentation)");
    says("raw HTML in it stays text");
    says("`text` is shown as written, in paragraphs (any markup in it appears as text)");
    never_says("`markdown` and `text` are shown as written");
    let c = body("markdown", "Run:\n\n    fn main() {\n        go();\n    }");
    assert!(c.markdown && c.html.is_none(), "markdown reaches the markdown renderer");
    let code = "fn main() {\n    go();\n}".to_string();
    assert_eq!(
        markdown::parse(&c.text)[1],
        Rich::elem(Tag::Pre, vec![Rich::elem(Tag::Code, vec![Rich::Text(code)])])
    );
    assert_eq!(markdown::parse("<b>x</b>"), [Rich::elem(Tag::P, vec![Rich::Text("<b>x</b>".into())])]);
    let t = body("text", "**not bold**");
    assert!(!t.markdown && t.html.is_none() && t.status == Status::Published);
    assert_eq!(markdown::plain(&t.text), [Rich::elem(Tag::P, vec![Rich::Text("**not bold**".into())])]);
}

#[test]
fn the_form_shows_website_and_email_only_when_the_post_body_uses_them() {
    says("The form shows a Website field only when `post.body` uses `{website}`, and an Email field only when `post.body` uses `{email}` or `email_required` is set; a field the form does not show is neither checked nor sent.");
    never_says("still shows its email field");
    let caps = |post: Value| {
        let m = mapping(
            json!({"list": {"url": "{api}/c"}, "comment": {"id": "/id", "body": "/b"}, "post": post}),
        );
        let c = m.capabilities();
        (c.website, c.email)
    };
    assert_eq!(caps(json!({"url": "{api}/c", "body": {"t": "{text}"}})), (false, false));
    assert_eq!(caps(json!({"url": "{api}/c", "body": {"t": "{text}", "w": "{website|}"}})), (true, false));
    assert_eq!(caps(json!({"url": "{api}/c", "body": {"t": "{text}", "e": "{email}"}})), (false, true));
    assert_eq!(
        caps(json!({"url": "{api}/c", "body": {"t": "{text}"}, "email_required": true})),
        (false, true)
    );
    assert!(FORM.contains("if ctx.caps.website {"), "the form no longer shows Website by caps.website");
    assert!(
        FORM.contains("let show_email = ctx.caps.email;"),
        "the form no longer shows Email by caps.email"
    );
}
