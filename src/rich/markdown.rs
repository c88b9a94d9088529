//! A small markdown parser for the subset comments use: paragraphs with line breaks, `*em*`,
//! `**strong**`, `` `code` ``, fenced and indented code, `>` quotes, `-`/`1.` lists, `[links](https://…)`
//! and `<https://…>` autolinks. Raw HTML is not interpreted: it stays text.
//!
//! Chosen over pulldown-cmark for size (see the README's numbers). It never panics, runs in
//! linear time per nesting level, and bounds nesting by [`super::MAX_DEPTH`].

use super::url::safe_href;
use super::{Rich, Tag, MAX_DEPTH};

/// Longer texts are shown as plain paragraphs: no comment needs markup at that size, and it
/// keeps the parser's worst case small.
pub const MAX_MARKDOWN_BYTES: usize = 64 * 1024;

/// How far ahead an opening `[`, `*` or `` ` `` looks for its closing partner, so that text full
/// of unmatched markers costs linear time.
const LOOKAHEAD: usize = 2_000;

/// Parses markdown into rich nodes.
pub fn parse(text: &str) -> Vec<Rich> {
    if text.len() > MAX_MARKDOWN_BYTES {
        return plain(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    blocks(&lines, 0)
}

/// Plain text as paragraphs and line breaks, without markup.
pub fn plain(text: &str) -> Vec<Rich> {
    crate::model::text::paragraphs(text)
        .into_iter()
        .map(|lines| {
            let mut children = Vec::with_capacity(lines.len() * 2);
            for (n, line) in lines.into_iter().enumerate() {
                if n > 0 {
                    children.push(Rich::Br);
                }
                children.push(Rich::Text(line.to_string()));
            }
            Rich::elem(Tag::P, children)
        })
        .collect()
}

/// The first [`LOOKAHEAD`] bytes of `s`, cut at a character boundary.
fn ahead(s: &str) -> &str {
    if s.len() <= LOOKAHEAD {
        return s;
    }
    let mut end = LOOKAHEAD;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn blocks(lines: &[&str], depth: usize) -> Vec<Rich> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            i += 1;
        } else if indented(line).is_some() {
            // An indented code block: lines indented by four spaces (or a tab), blank lines
            // between them; the indentation beyond those four is the code's own, and kept.
            let start = i;
            while i < lines.len() && (indented(lines[i]).is_some() || lines[i].trim().is_empty()) {
                i += 1;
            }
            while i > start && lines[i - 1].trim().is_empty() {
                i -= 1;
            }
            let code: Vec<&str> = lines[start..i].iter().map(|l| indented(l).unwrap_or("")).collect();
            out.push(Rich::elem(Tag::Pre, vec![Rich::elem(Tag::Code, vec![Rich::Text(code.join("\n"))])]));
        } else if let Some(fence) = fence_of(trimmed) {
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && !lines[end].trim_start().starts_with(fence) {
                end += 1;
            }
            let code = lines[start..end].join("\n");
            out.push(Rich::elem(Tag::Pre, vec![Rich::elem(Tag::Code, vec![Rich::Text(code)])]));
            i = end + 1;
        } else if trimmed.starts_with('>') && depth < MAX_DEPTH {
            let mut quoted = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with('>') {
                let l = &lines[i].trim_start()[1..];
                quoted.push(l.strip_prefix(' ').unwrap_or(l));
                i += 1;
            }
            out.push(Rich::elem(Tag::Blockquote, blocks(&quoted, depth + 1)));
        } else if let Some((ordered, _)) = list_marker(trimmed) {
            let mut items = Vec::new();
            while i < lines.len() {
                let Some((o, content)) = list_marker(lines[i].trim_start()) else { break };
                if o != ordered {
                    break;
                }
                let mut item = vec![content];
                i += 1;
                // Indented lines continue the item.
                while i < lines.len()
                    && lines[i].starts_with("  ")
                    && list_marker(lines[i].trim_start()).is_none()
                {
                    item.push(lines[i].trim_start());
                    i += 1;
                }
                items.push(Rich::elem(Tag::Li, inline_lines(&item)));
            }
            out.push(Rich::elem(if ordered { Tag::Ol } else { Tag::Ul }, items));
        } else {
            let start = i;
            while i < lines.len()
                && !lines[i].trim().is_empty()
                && (i == start || !starts_block(lines[i].trim_start()))
            {
                i += 1;
            }
            out.push(Rich::elem(Tag::P, inline_lines(&lines[start..i])));
        }
    }
    out
}

/// A line of an indented code block without its indentation: four spaces or a tab.
fn indented(line: &str) -> Option<&str> {
    line.strip_prefix("    ").or_else(|| line.strip_prefix('\t'))
}

fn fence_of(line: &str) -> Option<&'static str> {
    if line.starts_with("```") {
        Some("```")
    } else if line.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

fn starts_block(line: &str) -> bool {
    fence_of(line).is_some() || line.starts_with('>') || list_marker(line).is_some()
}

/// `Some((ordered, rest))` for `- x`, `* x`, `+ x`, `1. x`, `1) x`.
fn list_marker(line: &str) -> Option<(bool, &str)> {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((false, rest));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, r));
        }
    }
    None
}

/// Inline content of several lines, joined by line breaks.
fn inline_lines(lines: &[&str]) -> Vec<Rich> {
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push(Rich::Br);
        }
        out.extend(inline(line.trim_end(), 0));
    }
    out
}

/// Inline markup of one line.
fn inline(s: &str, depth: usize) -> Vec<Rich> {
    let mut out: Vec<Rich> = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let b = s.as_bytes();
    while i < s.len() {
        let rest = &s[i..];
        let c = b[i];
        let found: Option<(Rich, usize)> = match c {
            b'\\' if rest.len() > 1 && rest.as_bytes()[1].is_ascii_punctuation() => {
                text.push(rest.as_bytes()[1] as char);
                i += 2;
                continue;
            }
            b'`' => code_span(rest),
            b'[' => link(rest, depth),
            b'<' => autolink(rest),
            b'*' | b'_' if depth < MAX_DEPTH => {
                emphasis(rest, depth, i > 0 && b[i - 1].is_ascii_alphanumeric())
            }
            _ => None,
        };
        match found {
            Some((node, used)) => {
                if !text.is_empty() {
                    out.push(Rich::Text(std::mem::take(&mut text)));
                }
                out.push(node);
                i += used;
            }
            None => {
                let ch = rest.chars().next().unwrap_or(' ');
                text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    if !text.is_empty() {
        out.push(Rich::Text(text));
    }
    out
}

fn code_span(rest: &str) -> Option<(Rich, usize)> {
    let ticks = rest.bytes().take_while(|b| *b == b'`').count();
    let fence = &rest[..ticks];
    let end = ahead(&rest[ticks..]).find(fence)?;
    let code = rest[ticks..ticks + end].trim();
    Some((Rich::elem(Tag::Code, vec![Rich::Text(code.to_string())]), ticks * 2 + end))
}

fn link(rest: &str, depth: usize) -> Option<(Rich, usize)> {
    let close = ahead(rest).find("](")?;
    let label = &rest[1..close];
    if label.contains('[') || label.is_empty() {
        return None;
    }
    let after = &rest[close + 2..];
    let end = ahead(after).find(')')?;
    let target = after[..end].trim();
    let target = target.split_once(char::is_whitespace).map_or(target, |(u, _)| u);
    let used = close + 2 + end + 1;
    // An unsafe target keeps the whole thing as text, so the reader sees what was written.
    let href = safe_href(target)?;
    let children = inline(label, depth + 1);
    Some((Rich::Elem { tag: Tag::A, href: Some(href), children }, used))
}

fn autolink(rest: &str) -> Option<(Rich, usize)> {
    let end = ahead(rest).find('>')?;
    let target = &rest[1..end];
    if target.contains(char::is_whitespace) {
        return None;
    }
    let href = safe_href(target)?;
    let shown = target.strip_prefix("mailto:").unwrap_or(target).to_string();
    Some((Rich::Elem { tag: Tag::A, href: Some(href), children: vec![Rich::Text(shown)] }, end + 1))
}

fn emphasis(rest: &str, depth: usize, after_word: bool) -> Option<(Rich, usize)> {
    let marker = rest.as_bytes()[0];
    // `snake_case_words` are not emphasis.
    if marker == b'_' && after_word {
        return None;
    }
    let strong = rest.len() > 2 && rest.as_bytes()[1] == marker;
    let delim = if strong { &rest[..2] } else { &rest[..1] };
    let body_start = delim.len();
    if rest[body_start..].starts_with(char::is_whitespace) {
        return None;
    }
    let end = ahead(&rest[body_start..]).find(delim)?;
    if end == 0 {
        return None;
    }
    let inner = &rest[body_start..body_start + end];
    if inner.ends_with(char::is_whitespace) {
        return None;
    }
    let tag = if strong { Tag::Strong } else { Tag::Em };
    Some((Rich::elem(tag, inline(inner, depth + 1)), body_start * 2 + end))
}

#[cfg(test)]
mod tests;
