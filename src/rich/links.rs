//! Plain text with link ranges (a custom mapping's `links`: byte offsets into the UTF-8 text),
//! as [`Rich`] paragraphs whose ranges are links. Every target passes [`safe_href`] again, the
//! check every other link passes; a range that is out of bounds, not on character boundaries,
//! empty, out of order or overlapping the one before is left as text.

use super::url::safe_href;
use super::{Rich, Tag};
use crate::model::extra::LinkRange;

/// A run of the text: plain, or a link with its checked target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text outside any usable range.
    Text(&'a str),
    /// The text of a range, and where it links to.
    Link(&'a str, String),
}

/// Cuts `text` at the usable ranges of `links`, in order; the segments put together are `text`.
pub fn segments<'a>(text: &'a str, links: &[LinkRange]) -> Vec<Segment<'a>> {
    let mut out = Vec::with_capacity(links.len() * 2 + 1);
    let mut at = 0;
    for l in links {
        let usable = at <= l.start
            && l.start < l.end
            && l.end <= text.len()
            && text.is_char_boundary(l.start)
            && text.is_char_boundary(l.end);
        let Some(href) = usable.then(|| safe_href(&l.url)).flatten() else { continue };
        if at < l.start {
            out.push(Segment::Text(&text[at..l.start]));
        }
        out.push(Segment::Link(&text[l.start..l.end], href));
        at = l.end;
    }
    if at < text.len() {
        out.push(Segment::Text(&text[at..]));
    }
    out
}

/// `text` as paragraphs (blank lines) and lines (`<br>`), like plain text, with its ranges as
/// links. A link's own text keeps its line breaks as spaces.
pub fn linked(text: &str, links: &[LinkRange]) -> Vec<Rich> {
    let mut paragraphs: Vec<Rich> = Vec::new();
    let mut current: Vec<Rich> = Vec::new();
    // Blank lines seen since the last text: a paragraph break once text follows.
    let mut newlines = 0usize;
    let flush = |current: &mut Vec<Rich>, paragraphs: &mut Vec<Rich>| {
        if !current.is_empty() {
            paragraphs.push(Rich::elem(Tag::P, std::mem::take(current)));
        }
    };
    let mut push = |node: Rich, newlines: &mut usize, current: &mut Vec<Rich>| {
        if *newlines >= 2 {
            flush(current, &mut paragraphs);
        } else if *newlines == 1 && !current.is_empty() {
            current.push(Rich::Br);
        }
        *newlines = 0;
        current.push(node);
    };
    for segment in segments(text, links) {
        match segment {
            Segment::Link(words, href) => {
                let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
                let node = Rich::Elem { tag: Tag::A, href: Some(href), children: vec![Rich::Text(words)] };
                push(node, &mut newlines, &mut current);
            }
            Segment::Text(t) => {
                for (n, line) in t.split('\n').enumerate() {
                    if n > 0 {
                        newlines += 1;
                    }
                    let line = line.trim_end_matches('\r');
                    // Empty, or a line of spaces only (a blank line): breaks, not text.
                    if line.is_empty() || n > 0 && line.trim().is_empty() {
                        continue;
                    }
                    push(Rich::Text(line.to_string()), &mut newlines, &mut current);
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: usize, end: usize, url: &str) -> LinkRange {
        LinkRange { start, end, url: url.into() }
    }

    #[test]
    fn ranges_cut_the_text_in_order() {
        let text = "see docs and ann";
        let links = [range(4, 8, "https://d.example"), range(13, 16, "mailto:ann@a.example")];
        assert_eq!(
            segments(text, &links),
            [
                Segment::Text("see "),
                Segment::Link("docs", "https://d.example".into()),
                Segment::Text(" and "),
                Segment::Link("ann", "mailto:ann@a.example".into()),
            ]
        );
    }

    #[test]
    fn unusable_ranges_stay_text() {
        let text = "héllo wörld";
        // 'é' is two bytes (1..3): 2 is inside it.
        let bad = [
            range(2, 5, "https://a.example"),   // not on a character boundary
            range(0, 99, "https://a.example"),  // past the end
            range(3, 3, "https://a.example"),   // empty
            range(0, 3, "javascript:alert(1)"), // not a link we allow
            range(0, 3, "data:text/html,<b>x</b>"),
        ];
        assert_eq!(segments(text, &bad), [Segment::Text(text)]);
        // Overlapping or out of order: the first wins, the rest stay text.
        let links = [
            range(7, 13, "https://w.example"),
            range(0, 8, "https://h.example"),
            range(9, 12, "https://x.example"),
        ];
        assert_eq!(
            segments(text, &links),
            [Segment::Text("héllo "), Segment::Link("wörld", "https://w.example".into())]
        );
        let joined: String = segments(text, &[range(0, 6, "https://h.example")])
            .into_iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Link(t, _) => t.to_string(),
            })
            .collect();
        assert_eq!(joined, text, "the segments put together are the text");
    }

    #[test]
    fn paragraphs_lines_and_links() {
        let text = "Read this\nplease\n\nand see the docs.";
        let start = text.find("docs").unwrap();
        let nodes = linked(text, &[range(start, start + 4, "https://d.example/")]);
        let a = Rich::Elem {
            tag: Tag::A,
            href: Some("https://d.example/".into()),
            children: vec![Rich::Text("docs".into())],
        };
        assert_eq!(
            nodes,
            [
                Rich::elem(
                    Tag::P,
                    vec![Rich::Text("Read this".into()), Rich::Br, Rich::Text("please".into())]
                ),
                Rich::elem(Tag::P, vec![Rich::Text("and see the ".into()), a, Rich::Text(".".into())]),
            ]
        );
        assert!(linked("", &[]).is_empty());
        assert_eq!(linked("\n\n  \nx\n", &[]), [Rich::elem(Tag::P, vec![Rich::Text("x".into())])]);
    }
}
