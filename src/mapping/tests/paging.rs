//! Paging: the URLs each kind produces, and when there is a next page.

use super::*;
use crate::mapping::PageRequest;
use serde_json::json;

fn paged(url: &str, paging: Value) -> Mapping {
    mapping(json!({
        "list": {"url": url, "items": "/items", "total": "/total", "paging": paging},
        "comment": {"id": "/id", "body": "/id"}
    }))
}

fn items(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"id": i})).collect())
}

/// Follows the cursors from the first page, answering each request with `answer(url)`.
fn walk(
    m: &Mapping,
    limit: u32,
    answer: impl Fn(&str) -> (Value, Vec<(&'static str, String)>),
) -> Vec<String> {
    let mut urls = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let req = m.page_request(cursor.as_deref(), limit);
        let url = m.list_request(&env(), &req).url;
        let (doc, headers) = answer(&url);
        let header =
            |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        urls.push(url);
        let a = m.read_list_doc(&doc, &header, &req, &env(), &mut Seen::default()).unwrap();
        match a.page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    urls
}

#[test]
fn page_numbers_count_from_first_and_stop_at_the_page_count() {
    let m = paged(
        "{api}/c?thread={thread}&page={page}&per={limit}",
        json!({"kind": "page", "pages": "header:X-WP-TotalPages"}),
    );
    let urls = walk(&m, 2, |_| (json!({"items": items(2)}), vec![("x-wp-totalpages", "3".into())]));
    assert_eq!(
        urls,
        [
            "https://api.example/c?thread=%2Ft&page=1&per=2",
            "https://api.example/c?thread=%2Ft&page=2&per=2",
            "https://api.example/c?thread=%2Ft&page=3&per=2"
        ]
    );
    let zero_based = paged("{api}?p={page}&o={offset}", json!({"kind": "page", "first": 0, "size": 5}));
    assert_eq!(
        zero_based.page_request(Some("2"), 50),
        PageRequest { page: 2, offset: 10, limit: 5, cursor: None }
    );
    assert_eq!(zero_based.page_request(Some("junk"), 50).page, 0);
    // Without a page count: the total, then "a full page means there may be more".
    assert_eq!(walk(&zero_based, 50, |_| (json!({"items": items(5), "total": 12}), vec![])).len(), 3);
    assert_eq!(
        walk(&zero_based, 50, |u| (json!({"items": items(if u.contains("p=2") { 1 } else { 5 })}), vec![]))
            .len(),
        3
    );
}

#[test]
fn offsets_advance_by_the_limit_and_stop_at_the_count() {
    let m = paged("{api}/c?skip={offset}&take={limit}", json!({"kind": "offset", "count": "/roots"}));
    // Nested answers carry more items than roots; the offset still moves by the limit.
    let urls = walk(&m, 3, |_| (json!({"items": items(7), "roots": 8, "total": 30}), vec![]));
    assert_eq!(
        urls,
        [
            "https://api.example/c?skip=0&take=3",
            "https://api.example/c?skip=3&take=3",
            "https://api.example/c?skip=6&take=3"
        ]
    );
    let flagged = paged("{api}?o={offset}", json!({"kind": "offset", "first": 1, "more": "/more"}));
    let urls = walk(&flagged, 10, |u| {
        (json!({"items": items(1), "more": if u.ends_with("o=21") { "false" } else { "1" }}), vec![])
    });
    assert_eq!(urls.last().map(String::as_str), Some("https://api.example?o=21"));
}

#[test]
fn cursors_come_from_the_answer_or_a_header_and_a_repeated_cursor_ends_paging() {
    let m = paged("{api}/c?after={cursor}&n={limit}", json!({"kind": "cursor", "next": "/page/next"}));
    let urls = walk(&m, 20, |u| {
        let next = if u.contains("after=&") {
            json!("b 2")
        } else if u.contains("b%202") {
            json!(3)
        } else {
            Value::Null
        };
        (json!({"items": items(1), "page": {"next": next}}), vec![])
    });
    assert_eq!(
        urls,
        [
            "https://api.example/c?after=&n=20",
            "https://api.example/c?after=b%202&n=20",
            "https://api.example/c?after=3&n=20"
        ]
    );
    let by_header = paged("{api}?c={cursor}", json!({"kind": "cursor", "next": "header:X-Next"}));
    assert_eq!(
        walk(&by_header, 5, |_| (json!({"items": items(1)}), vec![("x-next", "same".into())])).len(),
        2
    );
    assert_eq!(walk(&by_header, 5, |_| (json!({"items": items(1)}), vec![("x-next", "".into())])).len(), 1);
    let with_flag = paged("{api}?c={cursor}", json!({"kind": "cursor", "next": "/n", "more": "/more"}));
    assert_eq!(
        walk(&with_flag, 5, |_| (json!({"items": items(1), "n": "x", "more": false}), vec![])).len(),
        1
    );
}

#[test]
fn an_empty_page_always_ends_and_no_paging_never_continues() {
    let lying = paged("{api}?p={page}", json!({"kind": "page", "pages": "/pages"}));
    assert_eq!(walk(&lying, 5, |_| (json!({"items": [], "pages": 99}), vec![])).len(), 1);
    let none = mapping(json!({"list": {"url": "{api}/all"}, "comment": {"id": "/id", "body": "/id"}}));
    assert_eq!(none.page_request(Some("4"), 5), PageRequest { page: 1, offset: 0, limit: 5, cursor: None });
    assert_eq!(walk(&none, 1, |_| (items(5), vec![])).len(), 1);
    let huge = paged("{api}?p={page}", json!({"kind": "page"}));
    let req = huge.page_request(Some(&u64::MAX.to_string()), u32::MAX);
    assert_eq!(
        huge.next_cursor(&json!({}), &|_| None, &req, usize::MAX),
        None,
        "no page after the last number"
    );
}

#[test]
fn next_page_urls_come_from_a_field_or_a_link_header() {
    let drf = paged("{api}/c?thread={thread}", json!({"kind": "url", "next": "/next"}));
    let urls = walk(&drf, 10, |u| {
        let next = match u {
            _ if u.ends_with("thread=%2Ft") => json!("https://api.example/c?thread=%2Ft&page=2"),
            _ if u.ends_with("page=2") => json!("/c?page=3"),
            _ if u.ends_with("page=3") => json!("?page=4"),
            _ => json!("javascript:alert(1)"),
        };
        (json!({"items": items(1), "next": next}), vec![])
    });
    assert_eq!(
        urls,
        [
            "https://api.example/c?thread=%2Ft",
            "https://api.example/c?thread=%2Ft&page=2",
            "https://api.example/c?page=3",
            "https://api.example/c?page=4"
        ]
    );
    let github =
        paged("{api}/issues/1/comments?per_page={limit}", json!({"kind": "url", "next": "header:Link"}));
    let urls = walk(&github, 2, |u| {
        let link = if u.ends_with("&page=2") {
            r#"<https://api.example/issues/1/comments?per_page=2&page=1>; rel="prev first""#.to_string()
        } else {
            r#"<https://api.example/issues/1/comments?per_page=2&page=2>; rel="next", <https://api.example/x?page=9>; rel="last""#
                .to_string()
        };
        (json!({"items": items(2)}), vec![("link", link)])
    });
    assert_eq!(urls.len(), 2);
    assert_eq!(urls[1], "https://api.example/issues/1/comments?per_page=2&page=2");
    let bad = Mapping::from_value(
        json!({"list": {"url": "{api}", "paging": {"kind": "url"}}, "comment": {"id": "/id", "body": "/b"}}),
    );
    assert!(
        matches!(bad, Err(crate::error::ClientError::Config(e)) if e.contains("list.paging.next is needed for url paging"))
    );
}
