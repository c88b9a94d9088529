//! What the adapters for other backends (WordPress, Isso, Waline) share: query encoding,
//! page-number cursors, and the defaults of a comment whose body is the backend's HTML.

use crate::model::html_text::html_to_text;
use crate::model::Comment;
use std::rc::Rc;
use threadline_protocol::validate::is_http_url;

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The page a page-number cursor names: the first (1) without one, or for one we did not write.
pub fn page_of(cursor: Option<&str>) -> u32 {
    cursor.and_then(|c| c.parse().ok()).unwrap_or(1)
}

/// The cursor of the page after `page`, when the backend says there are `pages`.
pub fn next_page(page: u64, pages: u64) -> Option<String> {
    (page < pages).then(|| (page + 1).to_string())
}

/// A comment from a backend that sends HTML, with what every such backend needs: a name even
/// when none was given, a website only if it is `http(s)`, and the body twice, as the HTML for
/// the sanitizer and as its text for plain uses. The adapter adds parent, time and status.
#[inline]
pub fn html_comment(id: Rc<str>, author: Option<String>, website: Option<String>, html: &str) -> Comment {
    Comment {
        id,
        // No name: the view says "Anonymous" in the reader's language.
        author: author.unwrap_or_default(),
        website: website.filter(|u| is_http_url(u)),
        text: html_to_text(html),
        html: Some(html.to_string()),
        ..Comment::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_comment_defaults() {
        let c = html_comment("1".into(), None, Some("javascript:alert(1)".into()), "<p>Hi &amp; bye</p>");
        assert_eq!((c.author.as_str(), c.website, c.text.as_str()), ("", None, "Hi & bye"));
        assert_eq!(c.html.as_deref(), Some("<p>Hi &amp; bye</p>"));
        let c = html_comment("2".into(), Some("Ann".into()), Some("https://a.example".into()), "");
        assert_eq!((c.author.as_str(), c.website.as_deref()), ("Ann", Some("https://a.example")));
    }

    #[test]
    fn page_number_cursors() {
        assert_eq!((page_of(None), page_of(Some("3")), page_of(Some("x"))), (1, 3, 1));
        assert_eq!((next_page(1, 3), next_page(3, 3), next_page(1, 0)), (Some("2".into()), None, None));
        assert_eq!(encode("a b/é"), "a%20b%2F%C3%A9");
    }
}
