//! One test per bad input: each answers 4xx with the JSON error body naming the field.

use reqwest::StatusCode;
use threadline_protocol::limits::{AUTHOR_MAX, BODY_MAX_BYTES, COUNTS_MAX, PAGE_MAX, TEXT_MAX};
use threadline_protocol::{ErrorCode, NewComment};

use crate::support::{assert_error, comment, reply, TestDb, TestServer};

const BAD: StatusCode = StatusCode::BAD_REQUEST;

async fn server() -> (TestDb, TestServer) {
    let db = TestDb::new();
    let server = TestServer::start(&db.path, &[]).await;
    (db, server)
}

#[tokio::test]
async fn malformed_json() {
    let (_db, s) = server().await;
    let resp = s.post_raw("/api/comments", "application/json", r#"{"thread":"/a","author":"#).await;
    assert_error(resp, BAD, ErrorCode::MalformedJson, None).await;
    let resp = s.post_raw("/api/comments", "application/json", r#"{"thread":"/a","text":"no author"}"#).await;
    assert_error(resp, BAD, ErrorCode::MalformedJson, Some("author")).await;
    let resp = s
        .post_raw(
            "/api/comments",
            "application/json",
            r#"{"thread":"/a","parent":"7","author":"A","text":"x"}"#,
        )
        .await;
    assert_error(resp, BAD, ErrorCode::MalformedJson, Some("parent")).await;
    let resp = s.post_raw("/api/counts", "application/json", r#"{"threads":"/a"}"#).await;
    assert_error(resp, BAD, ErrorCode::MalformedJson, Some("threads")).await;
}

#[tokio::test]
async fn wrong_content_type() {
    let (_db, s) = server().await;
    let body = serde_json::to_string(&comment("/a", "hi")).unwrap();
    let resp = s.post_raw("/api/comments", "text/plain", body).await;
    assert_error(resp, StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::MalformedJson, None).await;
}

#[tokio::test]
async fn oversize_body() {
    let (_db, s) = server().await;
    let big = serde_json::to_string(&comment("/a", &"x".repeat(BODY_MAX_BYTES + 1))).unwrap();
    let resp = s.post_raw("/api/comments", "application/json", big).await;
    assert_error(resp, StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge, None).await;
    // Without a Content-Length (chunked), the limit holds all the same.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        vec![Ok(vec![b' '; BODY_MAX_BYTES]), Ok(b"{}".to_vec())];
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let resp = s.post_raw("/api/counts", "application/json", body).await;
    assert_error(resp, StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge, None).await;
}

#[tokio::test]
async fn unknown_parent() {
    let (_db, s) = server().await;
    let resp = s.post(&reply("/a", 424_242, "orphan")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::UnknownParent, Some("parent")).await;
}

#[tokio::test]
async fn parent_from_another_thread() {
    let (_db, s) = server().await;
    let elsewhere = s.post_ok(&comment("/other", "over here")).await;
    let resp = s.post(&reply("/a", elsewhere.id, "cross-thread")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::UnknownParent, Some("parent")).await;
    assert_eq!(s.list("/a", None, None).await.total, 0);
}

#[tokio::test]
async fn empty_author() {
    let (_db, s) = server().await;
    let resp = s.post(&NewComment { author: "   ".into(), ..comment("/a", "hi") }).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("author")).await;
}

#[tokio::test]
async fn too_long_author() {
    let (_db, s) = server().await;
    let resp = s.post(&NewComment { author: "é".repeat(AUTHOR_MAX + 1), ..comment("/a", "hi") }).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("author")).await;
    let longest = s.post_ok(&NewComment { author: "é".repeat(AUTHOR_MAX), ..comment("/a", "hi") }).await;
    assert_eq!(longest.author.chars().count(), AUTHOR_MAX);
}

#[tokio::test]
async fn javascript_website() {
    let (_db, s) = server().await;
    let resp =
        s.post(&NewComment { website: Some("javascript:alert(1)".into()), ..comment("/a", "hi") }).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("website")).await;
}

#[tokio::test]
async fn bad_email() {
    let (_db, s) = server().await;
    let resp = s.post(&NewComment { email: Some("not an address".into()), ..comment("/a", "hi") }).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("email")).await;
}

#[tokio::test]
async fn too_long_text() {
    let (_db, s) = server().await;
    let resp = s.post(&comment("/a", &"é".repeat(TEXT_MAX + 1))).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("text")).await;
    let resp = s.post(&comment("/a", " \n ")).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("text")).await;
}

#[tokio::test]
async fn missing_thread() {
    let (_db, s) = server().await;
    assert_error(s.list_raw(&[]).await, BAD, ErrorCode::InvalidField, Some("thread")).await;
    assert_error(s.list_raw(&[("thread", "  ")]).await, BAD, ErrorCode::InvalidField, Some("thread")).await;
    let resp = s.post(&comment("", "hi")).await;
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("thread")).await;
}

#[tokio::test]
async fn bad_limit() {
    let (_db, s) = server().await;
    for limit in ["0", "-3", "ten", "", &(PAGE_MAX + 1).to_string()] {
        let resp = s.list_raw(&[("thread", "/a"), ("limit", limit)]).await;
        assert_error(resp, BAD, ErrorCode::InvalidField, Some("limit")).await;
    }
}

#[tokio::test]
async fn bad_cursor() {
    let (_db, s) = server().await;
    for cursor in ["nope", "0123", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"] {
        let resp = s.list_raw(&[("thread", "/a"), ("cursor", cursor)]).await;
        assert_error(resp, BAD, ErrorCode::InvalidField, Some("cursor")).await;
    }
}

#[tokio::test]
async fn bad_query_string() {
    let (_db, s) = server().await;
    let resp = s.http.get(s.url("/api/comments?thread=/a&thread=/b")).send().await.unwrap();
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("thread")).await;
}

#[tokio::test]
async fn too_many_count_keys() {
    let (_db, s) = server().await;
    let keys: Vec<String> = (0..=COUNTS_MAX).map(|i| format!("/t/{i}")).collect();
    let resp =
        s.http.post(s.url("/api/counts")).json(&serde_json::json!({ "threads": keys })).send().await.unwrap();
    assert_error(resp, BAD, ErrorCode::InvalidField, Some("threads")).await;
}

#[tokio::test]
async fn unknown_route_and_method() {
    let (_db, s) = server().await;
    let resp = s.http.get(s.url("/api/nope")).send().await.unwrap();
    assert_error(resp, StatusCode::NOT_FOUND, ErrorCode::NotFound, None).await;
    let resp = s.http.delete(s.url("/api/comments")).send().await.unwrap();
    assert_error(resp, StatusCode::METHOD_NOT_ALLOWED, ErrorCode::NotFound, None).await;
    let resp = s.http.get(s.url("/")).send().await.unwrap();
    assert_error(resp, StatusCode::NOT_FOUND, ErrorCode::NotFound, None).await;
}
