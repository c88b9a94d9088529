//! CORS per site: a request's allowed origins are those of the site it names. Where the URL
//! names the site, an origin of another site gets no CORS headers; where only the body does,
//! the preflight passes for every site's origins and the request itself gets 403.

use reqwest::header::HeaderMap;
use reqwest::{Method, Response, StatusCode};
use serde_json::json;
use threadline_protocol::ErrorCode;

use crate::modsupport::admin;
use crate::support::{assert_error, comment_json, TestDb, TestServer};

const NEWS: &str = "https://news.example";
const BLOG: &str = "https://blog.example";

fn allowed(headers: &HeaderMap) -> Option<&str> {
    headers.get("access-control-allow-origin").map(|v| v.to_str().unwrap())
}

async fn preflight(s: &TestServer, path: &str, origin: &str, method: &str) -> Response {
    s.http
        .request(Method::OPTIONS, s.url(path))
        .header("origin", origin)
        .header("access-control-request-method", method)
        .header("access-control-request-headers", "content-type,x-threadline-author")
        .send()
        .await
        .unwrap()
}

async fn get(s: &TestServer, path: &str, origin: &str) -> Response {
    s.http.get(s.url(path)).header("origin", origin).send().await.unwrap()
}

async fn post(s: &TestServer, path: &str, origin: &str, body: &serde_json::Value) -> Response {
    s.http.post(s.url(path)).header("origin", origin).json(body).send().await.unwrap()
}

fn for_site(site: &str, text: &str) -> serde_json::Value {
    let mut body = comment_json("/c", text);
    body["site"] = site.into();
    body
}

#[tokio::test]
async fn each_site_allows_its_own_origins_only() {
    let db = TestDb::new();
    admin(&db.path, &["site", "set", "blog", "--origin", BLOG]).await;
    let s = TestServer::start(&db.path, &["--allowed-origin", NEWS]).await;
    let blog_page = "/api/comments?site=blog&thread=/c";
    let news_page = "/api/comments?thread=/c";

    // The URL names the site: CORS headers for its origins only, preflight included.
    let resp = preflight(&s, blog_page, BLOG, "GET").await;
    assert_eq!(allowed(resp.headers()), Some(BLOG));
    let resp = preflight(&s, blog_page, NEWS, "GET").await;
    assert_eq!(allowed(resp.headers()), None, "news.example is not the blog's");
    let resp = preflight(&s, news_page, BLOG, "GET").await;
    assert_eq!(allowed(resp.headers()), None, "no site named: default, which is not the blog's");
    let resp = get(&s, blog_page, BLOG).await;
    assert_eq!((resp.status(), allowed(resp.headers())), (StatusCode::OK, Some(BLOG)));
    let resp = get(&s, news_page, NEWS).await;
    assert_eq!((resp.status(), allowed(resp.headers())), (StatusCode::OK, Some(NEWS)));
    let resp = get(&s, blog_page, NEWS).await;
    assert_eq!(allowed(resp.headers()), None);
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    let resp = get(&s, "/api/comments?site=default&thread=/c", BLOG).await;
    assert_eq!(allowed(resp.headers()), None);
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;

    // The body names the site: the preflight cannot tell, so it passes for every site's
    // origins; the request itself is refused, readably, from another site's origin.
    for origin in [BLOG, NEWS] {
        let resp = preflight(&s, "/api/comments", origin, "POST").await;
        assert_eq!(allowed(resp.headers()), Some(origin));
    }
    let resp = post(&s, "/api/comments", BLOG, &for_site("blog", "From the blog")).await;
    assert_eq!((resp.status(), allowed(resp.headers())), (StatusCode::CREATED, Some(BLOG)));
    let resp = post(&s, "/api/comments", NEWS, &comment_json("/c", "From the news")).await;
    assert_eq!((resp.status(), allowed(resp.headers())), (StatusCode::CREATED, Some(NEWS)));
    let resp = post(&s, "/api/comments", NEWS, &for_site("blog", "Not from here")).await;
    assert_eq!(allowed(resp.headers()), Some(NEWS));
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    let resp = post(&s, "/api/comments", BLOG, &comment_json("/c", "Not from here")).await;
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    // A site in the URL (which the CORS headers follow) does not stand in for the body's.
    let resp = post(&s, "/api/comments?site=blog", BLOG, &comment_json("/c", "Not from here")).await;
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    let resp = post(&s, "/api/counts", NEWS, &json!({"site": "blog", "threads": ["/c"]})).await;
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::Forbidden, None).await;
    let resp = post(&s, "/api/counts", BLOG, &json!({"site": "blog", "threads": ["/c"]})).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let texts: Vec<String> = s.list("/c", None, None).await.comments.into_iter().map(|c| c.text).collect();
    assert_eq!(texts, ["From the news"], "nothing refused was stored");

    // The server's own origin is every site's; an unknown site is the handler's 400, which
    // the widget may read; an origin no site allows gets no CORS headers, as before.
    let resp = post(&s, "/api/comments", &s.base, &for_site("blog", "From the server's page")).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let resp = post(&s, "/api/comments", BLOG, &for_site("nowhere", "x")).await;
    assert_eq!(allowed(resp.headers()), Some(BLOG));
    assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("site")).await;
    let resp = get(&s, blog_page, "https://evil.example").await;
    assert_eq!((resp.status(), allowed(resp.headers())), (StatusCode::OK, None));

    // Requests that name no site are not the origin check's: a blog reader reports a
    // comment by id.
    let id = s.list("/c", None, None).await.comments[0].id;
    let resp = post(&s, &format!("/api/comments/{id}/reports"), BLOG, &json!({"reason": "spam"})).await;
    assert_eq!((resp.status(), allowed(resp.headers())), (StatusCode::CREATED, Some(BLOG)));
    s.stop().await;
}

#[tokio::test]
async fn a_same_origin_request_is_never_refused() {
    let db = TestDb::new();
    admin(&db.path, &["site", "set", "blog", "--origin", BLOG]).await;
    let s = TestServer::start(&db.path, &["--allowed-origin", NEWS]).await;
    // A page served by this server under the name news.example (say, behind a proxy that
    // keeps the Host): its `Origin` is the `Host` the request went to, so it may post for
    // the blog although news.example is not one of the blog's origins.
    let resp = s
        .http
        .post(s.url("/api/comments"))
        .header("host", "news.example")
        .header("origin", NEWS)
        .json(&for_site("blog", "Same origin"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    s.stop().await;
}
