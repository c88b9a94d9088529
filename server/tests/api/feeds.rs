//! Atom feeds of a thread and of a site: an XML parser reads them; they hold exactly what
//! readers see (no held comment, nor a reply waiting below one), newest first, with texts
//! as text and links to the comments on the article.

use reqwest::StatusCode;
use threadline_protocol::ErrorCode;

use crate::modsupport::{admin, post_as, screening_file};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Fetches a feed and returns its body, checking the content type.
async fn feed(s: &TestServer, path: &str) -> String {
    let resp = s.http.get(s.url(path)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/atom+xml; charset=utf-8");
    resp.text().await.unwrap()
}

/// The entries of a feed document as (id, title, content, alternate link).
fn entries(xml: &str) -> Vec<(String, String, String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((ATOM, "feed")), "root is an Atom feed: {:?}", root.tag_name());
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children().find(|n| n.has_tag_name((ATOM, name))).map(|n| n.text().unwrap_or("").to_owned())
    };
    assert!(
        child(root, "id").is_some() && child(root, "updated").is_some() && child(root, "title").is_some()
    );
    root.children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|e| {
            let content = e.children().find(|n| n.has_tag_name((ATOM, "content"))).expect("content");
            assert_eq!(content.attribute("type"), Some("text"));
            let link =
                e.children().find(|n| n.has_tag_name((ATOM, "link"))).and_then(|l| l.attribute("href"));
            (
                child(e, "id").unwrap(),
                child(e, "title").unwrap(),
                content.text().unwrap_or("").to_owned(),
                link.map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test]
async fn feeds_hold_what_readers_see_newest_first() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    let screening = screening_file(dir, "bananarama", "hold");
    admin(
        &db.path,
        &["site", "set", "default", "--origin", "https://news.example", "--screening", &screening],
    )
    .await;
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/2026/11/story";
    let top = post_as(&s, &comment(t, "First: <b>bold</b> & \"quoted\" stays text."), None, None).await;
    let answer = post_as(&s, &reply(t, top.comment.id, "A reply to the first."), None, None).await;
    let held = post_as(&s, &comment(t, "Bananarama waits for review."), None, None).await;
    post_as(&s, &reply(t, held.comment.id, "A reply that waits with it."), None, None).await;
    let elsewhere = post_as(&s, &comment("/other", "On another article."), None, None).await;

    let thread = entries(&feed(&s, "/api/feeds/thread.atom?thread=/2026/11/story").await);
    let ids: Vec<&str> = thread.iter().map(|e| e.0.as_str()).collect();
    let want = [answer.comment.id, top.comment.id].map(|id| format!("urn:threadline:comment:{id}"));
    assert_eq!(ids, want, "newest first, nothing held");
    let first = &thread[1];
    assert_eq!(first.2, "First: <b>bold</b> & \"quoted\" stays text.");
    assert_eq!(first.1, format!("Ann on {t}"));
    let link = format!("https://news.example{t}#comment-{}", top.comment.id);
    assert_eq!(first.3.as_deref(), Some(link.as_str()));

    let site = entries(&feed(&s, "/api/feeds/site.atom").await);
    assert_eq!(site.len(), 3, "{site:?}");
    assert_eq!(site[0].0, format!("urn:threadline:comment:{}", elsewhere.comment.id));

    // An empty thread is still a valid feed.
    assert!(entries(&feed(&s, "/api/feeds/thread.atom?thread=/empty").await).is_empty());
}

#[tokio::test]
async fn feeds_name_what_is_wrong_with_the_request() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let missing = s.http.get(s.url("/api/feeds/thread.atom")).send().await.unwrap();
    assert_error(missing, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("thread")).await;
    let unknown = s.http.get(s.url("/api/feeds/site.atom?site=nowhere")).send().await.unwrap();
    assert_error(unknown, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("site")).await;
}
