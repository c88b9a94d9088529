//! The words and links of each email: pure functions from what the store found to a
//! subject and a plain-text body. Every body ends with the unsubscribe link, which also goes
//! in the `List-Unsubscribe` header (see [`super::worker`]).

/// Characters of a comment quoted in an email, at most.
const EXCERPT_CHARS: usize = 300;

/// The links every email's body and headers carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// `<public url>/api/mail/unsubscribe?token=…`: one click (RFC 8058 POST) or a page.
    pub unsubscribe: String,
}

/// `<public_url>/api/mail/<action>?token=<token>`; tokens are base64url, so they need no
/// escaping.
pub fn action_url(public_url: &str, action: &str, token: &str) -> String {
    format!("{}/api/mail/{action}?token={token}", public_url.trim_end_matches('/'))
}

/// Where a comment is read: the article (`<site origin><thread>` when the thread key is a
/// path and the site has an origin; the key itself when it is an absolute URL; else
/// `<public url><thread>`), then `#comment-<id>`.
pub fn comment_url(origin: Option<&str>, public_url: &str, thread: &str, id: i64) -> String {
    let page = if thread.starts_with("https://") || thread.starts_with("http://") {
        thread.to_owned()
    } else {
        let base = origin.unwrap_or(public_url).trim_end_matches('/');
        let slash = if thread.starts_with('/') { "" } else { "/" };
        format!("{base}{slash}{thread}")
    };
    let page = page.split('#').next().unwrap_or(&page);
    format!("{page}#comment-{id}")
}

/// The first [`EXCERPT_CHARS`] characters of `text`, on one line, with `…` when cut.
pub fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

fn footer(links: &Links) -> String {
    format!("\n--\nTo stop all email from these comments, open: {}\n", links.unsubscribe)
}

/// The double opt-in: the link that confirms `email` for reply notifications.
pub fn confirmation(thread: &str, confirm_url: &str, links: &Links) -> (String, String) {
    let subject = "Confirm reply notifications".to_owned();
    let body = format!(
        "Someone, probably you, posted a comment on {thread} and asked to be emailed when someone \
         replies.\n\nTo confirm this address, open:\n{confirm_url}\n\nIf it was not you, ignore \
         this email: without confirmation you will get no notifications.\n{}",
        footer(links)
    );
    (subject, body)
}

/// A reply to the reader's comment, with a link to it.
pub fn reply(
    author: &str,
    reply_text: &str,
    parent_text: &str,
    url: &str,
    links: &Links,
) -> (String, String) {
    let subject = format!("{} replied to your comment", excerpt_name(author));
    let body = format!(
        "{author} replied to your comment:\n\n> {}\n\n{}\n\nRead it and answer: {url}\n{}",
        excerpt(parent_text),
        excerpt(reply_text),
        footer(links)
    );
    (subject, body)
}

/// A comment held for review, to a moderator of its site.
pub fn held(
    site: &str,
    author: &str,
    text: &str,
    reason: Option<&str>,
    url: &str,
    links: &Links,
) -> (String, String) {
    let subject = format!("A comment by {} is held for review", excerpt_name(author));
    let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    let body = format!(
        "A new comment on {site} is held for review{why}.\n\n{author} wrote:\n{}\n\nThread: {url}\n\
         Approve or reject it in the moderation queue (sign in on the page).\n{}",
        excerpt(text),
        footer(links)
    );
    (subject, body)
}

/// A name for a subject line: one line, at most 60 characters.
fn excerpt_name(name: &str) -> String {
    let flat = name.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_the_comment_on_its_page() {
        let url = |origin, thread| comment_url(origin, "https://c.example/", thread, 7);
        assert_eq!(url(Some("https://news.example"), "/2026/a"), "https://news.example/2026/a#comment-7");
        assert_eq!(url(None, "/2026/a"), "https://c.example/2026/a#comment-7");
        assert_eq!(url(None, "story-1"), "https://c.example/story-1#comment-7");
        assert_eq!(
            url(Some("https://x.example"), "https://blog.example/p?id=3#top"),
            "https://blog.example/p?id=3#comment-7"
        );
        assert_eq!(
            action_url("http://127.0.0.1:8080/", "unsubscribe", "abc"),
            "http://127.0.0.1:8080/api/mail/unsubscribe?token=abc"
        );
    }

    #[test]
    fn excerpts_are_one_bounded_line() {
        assert_eq!(excerpt("a\n\n b  c"), "a b c");
        let long = "é".repeat(EXCERPT_CHARS + 5);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn every_body_carries_its_links() {
        let links = Links { unsubscribe: "https://c.example/api/mail/unsubscribe?token=u".into() };
        let (subject, body) = confirmation("/a", "https://c.example/api/mail/confirm?token=c", &links);
        assert_eq!(subject, "Confirm reply notifications");
        assert!(
            body.contains("https://c.example/api/mail/confirm?token=c") && body.contains(&links.unsubscribe)
        );
        let (subject, body) = reply("Ben\nB", "Thanks!", "Hello", "https://n.example/a#comment-2", &links);
        assert_eq!(subject, "Ben B replied to your comment");
        assert!(body.contains("> Hello") && body.contains("Thanks!") && body.contains("#comment-2"));
        assert!(body.contains(&links.unsubscribe));
        let (subject, body) =
            held("default", "Cy", "Buy now", Some("links"), "https://n.example/a#comment-3", &links);
        assert_eq!(subject, "A comment by Cy is held for review");
        assert!(
            body.contains("held for review (links)")
                && body.contains("Buy now")
                && body.contains(&links.unsubscribe)
        );
    }
}
