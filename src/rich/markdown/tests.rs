use super::*;

fn t(s: &str) -> Rich {
    Rich::Text(s.into())
}

#[test]
fn paragraphs_breaks_and_emphasis() {
    assert_eq!(
        parse("Hello *you*\nand **all**\n\nSecond `x<y`"),
        vec![
            Rich::elem(
                Tag::P,
                vec![
                    t("Hello "),
                    Rich::elem(Tag::Em, vec![t("you")]),
                    Rich::Br,
                    t("and "),
                    Rich::elem(Tag::Strong, vec![t("all")])
                ]
            ),
            Rich::elem(Tag::P, vec![t("Second "), Rich::elem(Tag::Code, vec![t("x<y")])]),
        ]
    );
    assert_eq!(
        parse("snake_case_name 2*3*4"),
        vec![Rich::elem(Tag::P, vec![t("snake_case_name 2"), Rich::elem(Tag::Em, vec![t("3")]), t("4")])]
    );
}

#[test]
fn blocks() {
    let doc = parse("> quoted\n> more\n\n- one\n- two\n\n1. first\n\n```\n<b>code</b>\n```");
    assert_eq!(doc.len(), 4);
    assert!(matches!(&doc[0], Rich::Elem { tag: Tag::Blockquote, .. }));
    assert!(matches!(&doc[1], Rich::Elem { tag: Tag::Ul, children, .. } if children.len() == 2));
    assert!(matches!(&doc[2], Rich::Elem { tag: Tag::Ol, .. }));
    assert_eq!(doc[3], Rich::elem(Tag::Pre, vec![Rich::elem(Tag::Code, vec![t("<b>code</b>")])]));
}

#[test]
fn indented_code_keeps_its_indentation() {
    let code = |s: &str| Rich::elem(Tag::Pre, vec![Rich::elem(Tag::Code, vec![t(s)])]);
    let doc = parse("Look:\n\n    fn main() {\n        run();\n\n    }\n\nDone.");
    assert_eq!(doc[1], code("fn main() {\n    run();\n\n}"), "{doc:?}");
    assert_eq!(doc[2], Rich::elem(Tag::P, vec![t("Done.")]));
    assert_eq!(parse("\tx = 1\n\t  y"), vec![code("x = 1\n  y")], "a tab indents too");
    assert_eq!(
        parse("> quoted:\n>\n>     code"),
        vec![Rich::elem(Tag::Blockquote, vec![Rich::elem(Tag::P, vec![t("quoted:")]), code("code"),])]
    );
    // An indented line cannot interrupt a paragraph (CommonMark): it continues it.
    assert_eq!(parse("text\n    more").len(), 1);
}

#[test]
fn links_are_checked() {
    let doc = parse(
        "[site](https://example.org) [bad](javascript:alert(1)) <mailto:a@b.example> [x](JaVaScRiPt:y)",
    );
    let links: Vec<Option<String>> = collect_hrefs(&doc);
    assert_eq!(links, vec![Some("https://example.org".into()), Some("mailto:a@b.example".into())]);
    let text = Rich::text_content(&doc);
    assert!(text.contains("[bad](javascript:alert(1))"), "an unsafe link stays visible as text: {text}");
    assert!(text.contains("[x](JaVaScRiPt:y)"));
}

#[test]
fn raw_html_is_text() {
    let doc = parse("<img src=x onerror=alert(1)> <b>bold</b>");
    assert_eq!(doc, vec![Rich::elem(Tag::P, vec![t("<img src=x onerror=alert(1)> <b>bold</b>")])]);
}

#[test]
fn nesting_is_bounded() {
    let deep = ">".repeat(10_000) + " x";
    let doc = parse(&deep);
    assert!(Rich::text_content(&doc).contains('x'));
    let stars = "*".repeat(10_000) + "x" + &"*".repeat(10_000);
    assert!(Rich::text_content(&parse(&stars)).contains('x'));
    let brackets = "[".repeat(10_000) + "x](https://a.example)";
    assert!(Rich::text_content(&parse(&brackets)).contains('x'));
}

fn collect_hrefs(nodes: &[Rich]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Rich> = nodes.iter().rev().collect();
    while let Some(n) = stack.pop() {
        if let Rich::Elem { tag, href, children } = n {
            if *tag == Tag::A {
                out.push(href.clone());
            }
            stack.extend(children.iter().rev());
        }
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_keeps_words_and_links_are_safe(s in "[a-z0-9 *_`\\[\\]()<>:/.\\n>#-]{0,200}") {
            let doc = parse(&s);
            let text = Rich::text_content(&doc);
            // Every word survives, as text or inside a link; only the numbers of an ordered list
            // become the list's own numbering, and a code fence's language name is not shown.
            let unquoted = |l: &str| l.trim_start_matches(['>', ' ']).to_string();
            let list_number = |w: &str| s.lines().any(|l| {
                let l = unquoted(l);
                l.starts_with(&format!("{w}. ")) || l.starts_with(&format!("{w}) ")) || l == format!("{w}.") || l == format!("{w})")
            });
            for word in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
                let kept = text.contains(word) || collect_hrefs(&doc).iter().flatten().any(|h| h.contains(word));
                let fence_info = s.lines().any(|l| {
                    let l = unquoted(l);
                    (l.starts_with("```") || l.starts_with("~~~")) && l.contains(word)
                });
                prop_assert!(kept || list_number(word) || fence_info, "{word} lost");
            }
            for href in collect_hrefs(&doc).into_iter().flatten() {
                prop_assert!(href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:"));
            }
        }
    }
}

#[test]
fn hostile_sizes_stay_fast_and_whole() {
    let many = "*a [b ` ".repeat(2_000);
    assert!(Rich::text_content(&parse(&many)).contains("[b"));
    let huge = "word ".repeat(2_000_000);
    assert_eq!(parse(&huge).len(), 1, "a 10 MB text is one plain paragraph");
}
