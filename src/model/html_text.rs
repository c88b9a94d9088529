//! HTML from a backend turned into plain text. Backends such as WordPress, Isso and Waline send
//! comment bodies as HTML; until the sanitizer renders a whitelist of elements, the widget shows
//! them as text, so nothing a stranger wrote is ever parsed as markup by the page.
//!
//! This is a tolerant tokenizer, not a validator: tags are dropped, block ends become paragraph
//! breaks, `<br>` becomes a line break, entities are decoded, and `script`/`style` contents
//! vanish. It never panics and runs in linear time.

/// Converts an HTML fragment to text with paragraphs separated by a blank line.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let after = &rest[lt + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            // A lone '<' is text.
            push_text(&mut out, &rest[lt..]);
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "blockquote" | "pre" | "ul" | "ol" | "li" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "table" | "tr" | "hr" => paragraph_break(&mut out),
            "script" | "style" if !closing => {
                let end = format!("</{name}");
                rest = find_ignore_case(rest, &end).map_or("", |i| {
                    let skipped = &rest[i..];
                    skipped.find('>').map_or("", |g| &skipped[g + 1..])
                });
            }
            _ => {}
        }
    }
    push_text(&mut out, rest);
    tidy(&out)
}

/// Position of `needle` (ASCII) in `haystack`, ignoring ASCII case, without allocating.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().checked_sub(n.len())? + 1).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn paragraph_break(out: &mut String) {
    if !out.is_empty() {
        out.push_str("\n\n");
    }
}

/// Appends text with entities decoded and runs of whitespace (as HTML renders them) collapsed.
fn push_text(out: &mut String, text: &str) {
    let decoded = decode_entities(text);
    let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(if c == '\u{a0}' { ' ' } else { c });
            last_space = false;
        }
    }
}

/// Trims spaces around line breaks and collapses more than one blank line.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Decodes the named entities comment HTML uses, and numeric ones (`&#39;`, `&#x2019;`).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_entities() {
        assert_eq!(
            html_to_text("<p>Hello &amp; welcome</p>\n<p>Line one<br />line two</p>\n"),
            "Hello & welcome\n\nLine one\nline two"
        );
        assert_eq!(html_to_text("It&#8217;s &lt;b&gt; &#x41;&nbsp;ok"), "It’s <b> A ok");
        assert_eq!(html_to_text("<p>a</p><p></p><p>b</p>"), "a\n\nb");
    }

    #[test]
    fn markup_disappears_and_scripts_with_it() {
        let t = html_to_text(
            r#"<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:y">there</a><!-- c --></p><style>p{}</style>"#,
        );
        assert_eq!(t, "Hi there");
        assert_eq!(html_to_text("1 < 2 and <3"), "1 < 2 and <3");
        assert_eq!(html_to_text("&bogus; &#99999999; &"), "&bogus; &#99999999; &");
    }

    #[test]
    fn survives_huge_and_broken_input() {
        let big = "<p>".repeat(100_000) + &"x".repeat(1_000_000);
        assert!(html_to_text(&big).ends_with('x'));
        assert_eq!(html_to_text("<script>never closed"), "");
        assert_eq!(html_to_text("<!-- never closed"), "");
        let many_scripts = "<script>x</SCRIPT>".repeat(50_000) + "end";
        assert_eq!(html_to_text(&many_scripts), "end");
    }
}
