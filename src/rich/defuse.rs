//! A pass over backend HTML *before* the browser's inert parser sees it. Parsing already runs
//! nothing, and the sanitizer keeps no attribute but a checked `href`; but a page's Content
//! Security Policy still reports every `on…=` attribute, `style=` attribute and `<style>`
//! element that `DOMParser` meets. Renaming them here (`x-onclick`, `<x-style>`) keeps hostile
//! comments from filling the site's CSP reports. Safety never depends on this pass: whatever it
//! misses, the sanitizer drops.

/// Elements renamed to `x-…`. Besides `style` and `script`, these are the ones whose contents the
/// browser reads as raw text: renamed, their contents are parsed like any other markup, which
/// is how this pass reads them too, so the two can never disagree about where a tag is.
const RENAMED: &[&str] = &[
    "style",
    "script",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Where a comment that starts at `i` (just after `<!--`) ends, as the HTML tokenizer decides:
/// `<!-->` and `<!--->` end at once; otherwise the first `-->` or `--!>` ends it.
fn comment_end(html: &str, i: usize) -> usize {
    let rest = &html[i..];
    if rest.starts_with('>') {
        return i + 1;
    }
    if rest.starts_with("->") {
        return i + 2;
    }
    let plain = rest.find("-->").map(|e| e + 3);
    let bang = rest.find("--!>").map(|e| e + 4);
    match (plain, bang) {
        (Some(a), Some(b)) => i + a.min(b),
        (Some(a), None) | (None, Some(a)) => i + a,
        (None, None) => html.len(),
    }
}

/// Renames event-handler and style attributes inside tags, and the elements in [`RENAMED`].
pub fn defuse(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 16);
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = comment_end(html, i + 4);
            continue;
        }
        let name_start = i + 1 + usize::from(b.get(i + 1) == Some(&b'/'));
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        out.push_str(&html[copied..name_start]);
        let name_end = scan(b, name_start, |c| !c.is_ascii_whitespace() && c != b'/' && c != b'>');
        let name = &html[name_start..name_end];
        if RENAMED.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            out.push_str("x-");
        }
        out.push_str(name);
        i = attributes(html, name_end, &mut out);
        copied = i;
    }
    out.push_str(&html[copied.min(html.len())..]);
    out
}

/// Copies a tag's attributes up to and including its `>`, renaming risky names; returns where
/// the tag ends.
fn attributes(html: &str, mut i: usize, out: &mut String) -> usize {
    let b = html.as_bytes();
    while i < b.len() {
        match b[i] {
            b'>' => {
                out.push('>');
                return i + 1;
            }
            c if c.is_ascii_whitespace() || c == b'/' => {
                out.push(c as char);
                i += 1;
            }
            _ => {
                let end = scan(b, i + 1, |c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'='));
                let name = &html[i..end];
                let lower = name.to_ascii_lowercase();
                if lower.starts_with("on") || lower == "style" {
                    out.push_str("x-");
                }
                out.push_str(name);
                i = value(html, end, out);
            }
        }
    }
    i
}

/// Copies `= value` after an attribute name, if there is one.
fn value(html: &str, mut i: usize, out: &mut String) -> usize {
    let b = html.as_bytes();
    let start = i;
    i = scan(b, i, |c| c.is_ascii_whitespace());
    if b.get(i) != Some(&b'=') {
        out.push_str(&html[start..i]);
        return i;
    }
    i = scan(b, i + 1, |c| c.is_ascii_whitespace());
    let end = match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e + 1),
        _ => scan(b, i, |c| !c.is_ascii_whitespace() && c != b'>'),
    };
    out.push_str(&html[start..end]);
    end
}

fn scan(b: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < b.len() && keep(b[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_handlers_styles_and_style_elements() {
        assert_eq!(
            defuse(
                r#"<p onclick="a()" class=x>hi</p><IMG SRC=x ONERROR=alert(1)><a href="y"style='color:red'>"#
            ),
            r#"<p x-onclick="a()" class=x>hi</p><IMG SRC=x x-ONERROR=alert(1)><a href="y"x-style='color:red'>"#
        );
        assert_eq!(defuse("<svg><style>*{}</style></svg>"), "<svg><x-style>*{}</x-style></svg>");
        assert_eq!(defuse("<img/onerror=x>"), "<img/x-onerror=x>");
        assert_eq!(defuse(r#"<a title="x>onclick=y">t</a>"#), r#"<a title="x>onclick=y">t</a>"#);
        assert_eq!(defuse("<!-- --!><img src=x onerror=y>-->"), "<!-- --!><img src=x x-onerror=y>-->");
        assert_eq!(defuse("<!--><img onerror=y>"), "<!--><img x-onerror=y>");
        assert_eq!(
            defuse("<title><a title=\"</title><img onerror=y>\">"),
            "<x-title><a title=\"</title><img onerror=y>\">"
        );
    }

    #[test]
    fn leaves_text_comments_and_broken_markup_alone() {
        for s in [
            "1 < 2 and onclick=x",
            "<!-- <p onclick=x> -->",
            "<",
            "<p",
            "<p onclick",
            "<p onclick=\"",
            "é<é>",
        ] {
            let out = defuse(s);
            assert!(out.len() >= s.len(), "{s:?} → {out:?}");
        }
        assert_eq!(defuse("text only"), "text only");
    }
}
