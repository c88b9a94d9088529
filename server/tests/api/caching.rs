//! Pages over HTTP with the page cache: a 201 is always in the next list, and `ETag` /
//! `If-None-Match` revalidation.

use reqwest::StatusCode;

use crate::support::{comment, reply, TestDb, TestServer};

#[tokio::test]
async fn every_post_is_in_the_very_next_list() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    let thread = "/fresh";
    let root = server.post_ok(&comment(thread, "root")).await;
    for i in 0..20 {
        // Cache the page, then post and list again at once.
        assert_eq!(server.list(thread, None, None).await.total, 1 + i);
        let new = if i % 2 == 0 {
            reply(thread, root.id, &format!("r{i}"))
        } else {
            // Not "t17": screening reads it as leetspeak and holds it (reported to the lead).
            comment(thread, &format!("top-level {i}"))
        };
        let posted = server.post_ok(&new).await;
        let page = server.list(thread, None, None).await;
        assert!(page.comments.contains(&posted), "post {i} missing from the next page");
        assert_eq!(server.counts(&[thread]).await.counts[thread], 2 + i);
    }
}

#[tokio::test]
async fn pages_revalidate_with_etags() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    server.post_ok(&comment("/etag", "one")).await;
    let query = [("thread", "/etag")];
    let first = server.list_raw(&query).await;
    assert_eq!(first.status(), StatusCode::OK);
    let header =
        |r: &reqwest::Response, name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header(&first, "content-type").as_deref(), Some("application/json"));
    assert_eq!(header(&first, "cache-control").as_deref(), Some("no-cache"));
    let etag = header(&first, "etag").expect("an ETag");
    assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() > 10, "{etag}");
    let body = first.text().await.unwrap();

    let conditional = |tag: String| {
        server.http.get(server.url("/api/comments")).query(&query).header("if-none-match", tag).send()
    };
    let same = conditional(etag.clone()).await.unwrap();
    assert_eq!(same.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&same, "etag").as_ref(), Some(&etag));
    assert!(same.bytes().await.unwrap().is_empty());
    let listed = conditional(format!("\"nope\", W/{etag}")).await.unwrap();
    assert_eq!(listed.status(), StatusCode::NOT_MODIFIED, "any tag of a list, weak or not");

    server.post_ok(&comment("/etag", "two")).await;
    let changed = conditional(etag.clone()).await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "a new comment changes the page");
    assert_ne!(header(&changed, "etag").as_ref(), Some(&etag));
    let text = changed.text().await.unwrap();
    assert!(text.contains("\"two\"") && text != body);
    // Another page of the same thread has its own tag.
    let limited = server.list_raw(&[("thread", "/etag"), ("limit", "1")]).await;
    assert_ne!(header(&limited, "etag").as_ref(), Some(&etag));
}

/// With `--page-cache-mb 0` every page comes from the database, so a comment written by
/// another process (here a plain SQLite connection) shows at once.
#[tokio::test]
async fn without_the_cache_other_writers_show_at_once() {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &["--page-cache-mb", "0"]).await;
    server.post_ok(&comment("/shared", "through the server")).await;
    assert_eq!(server.list("/shared", None, None).await.total, 1);
    let side = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.path.display())).await.unwrap();
    sqlx::query(
        "INSERT INTO comments (thread, author, text, created_ms) VALUES ('/shared', 'Cy', 'aside', 5)",
    )
    .execute(&side)
    .await
    .unwrap();
    side.close().await;
    let page = server.list("/shared", None, None).await;
    assert_eq!(page.total, 2);
    assert!(page.comments.iter().any(|c| c.text == "aside"));
    let etag =
        server.list_raw(&[("thread", "/shared")]).await.headers().get("etag").cloned().expect("an ETag");
    let again = server
        .http
        .get(server.url("/api/comments"))
        .query(&[("thread", "/shared")])
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "tags come from the content, cached or not");
}
