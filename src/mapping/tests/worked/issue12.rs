//! Worked mappings for the language of issue 12, each against an answer hand-written from the
//! API's public documentation: Reddit (continuation stubs, server order, flags), GitHub issue
//! comments (a flat API that quotes), Discourse (replies linked by post number, the topic's
//! first post skipped), Lemmy (nesting by a path string) and Bluesky (replies citing parent and
//! root by URI and content hash, placeholders, link ranges, warnings).

use super::*;
use crate::mapping::ranges::is_link;
use crate::model::extra::LinkRange;

fn ids(a: &crate::mapping::ListAnswer) -> Vec<(&str, Option<&str>)> {
    outline(&a.page.comments)
}

#[test]
fn reddit_continuations_become_more_replies_on_their_parent() {
    let m = load("reddit", fixture!("reddit", "mapping.json"));
    let env = env_for("https://www.reddit.example", "abc123");
    let mut seen = Seen::default();
    let a = list(&m, &env, fixture!("reddit", "list.json"), &mut seen);
    assert_eq!(
        ids(&a),
        [
            ("t1_k1", None),
            ("t1_k2", None),
            ("t1_k3", Some("t1_k2")),
            ("t1_k4", Some("t1_k2")),
            ("t1_k5", Some("t1_k4"))
        ]
    );
    assert_eq!(a.dropped, 3, "three stubs, none of them a comment");
    let c = &a.page.comments;
    assert!(c[0].pinned && !c[1].pinned, "stickied");
    assert!(c[2].edited && !c[1].edited, "edited: a timestamp or false");
    assert!(c.iter().all(|c| c.extra.server_order));
    assert_eq!((c[3].status, c[3].author.as_str(), c[3].text.as_str()), (Status::Removed, "", ""));
    let more = c[2].more.clone().expect("k3 has a stub");
    assert_eq!(
        (&*more.parent, more.count, more.ids.clone()),
        ("t1_k3", 3, vec!["k10".into(), "k11".into(), "k12".into()])
    );
    let on_k2 = c[1].more.as_ref().expect("k2 has a stub");
    assert_eq!((on_k2.count, on_k2.ids.len()), (2, 2));
    assert!(c[0].more.is_none(), "a top-level stub has no parent to sit on");

    let req = m.more_request(&env, &more).unwrap();
    assert_eq!(
        req.url,
        "https://www.reddit.example/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_abc123&children=k10%2Ck11%2Ck12"
    );
    let doc: Value = serde_json::from_str(fixture!("reddit", "more.json")).unwrap();
    let page = m.read_more(&doc, &env, &more, &mut seen).unwrap();
    assert_eq!(outline(&page.comments), [("t1_k10", Some("t1_k3")), ("t1_k11", Some("t1_k3"))]);
    assert_eq!(page.next_cursor, None);
}

#[test]
fn github_is_flat_and_quotes_the_comment_answered() {
    let m = load("github", fixture!("github", "mapping.json"));
    let env = env_for("https://api.github.example", "7");
    let mut seen = Seen::default();
    let req = m.list_request(&env, &m.page_request(None, 30));
    assert_eq!(req.url, "https://api.github.example/repos/example/blog/issues/7/comments?per_page=30");
    assert_eq!(req.header("Accept"), Some("application/vnd.github.full+json"));
    let first = m.page_request(None, 30);
    let link = r#"<https://api.github.example/repositories/1/issues/7/comments?page=2>; rel="next""#;
    let a = m
        .read_list(
            &response(200, fixture!("github", "list.json"), &[("Link", link)]),
            &first,
            &env,
            &mut seen,
        )
        .unwrap();
    assert_eq!(ids(&a), [("1001", None), ("1002", None)]);
    assert_eq!(a.page.comments[1].text, "Flat list, oldest first.\n\nNo threads here.");
    assert!(a.page.next_cursor.is_some());
    // The same page again brings nothing new: paging ends rather than loop.
    let again = m.read_list(
        &response(200, fixture!("github", "list.json"), &[("Link", link)]),
        &first,
        &env,
        &mut seen,
    );
    assert_eq!(again.unwrap().page.next_cursor, None);

    let caps = m.capabilities();
    assert_eq!(
        (caps.nesting, caps.website, caps.email),
        (None, false, false),
        "quotes, so replies are offered"
    );
    let draft = Draft { parent_author: Some("ada".into()), ..reply("1001") };
    let (url, body) = post_body(&m, &env, &draft, &seen);
    assert_eq!(url, "https://api.github.example/repos/example/blog/issues/7/comments");
    assert_eq!(body, json!({"body": "> @ada wrote earlier\n\nHello"}));
    let posted = m
        .read_created(&response(201, fixture!("github", "post.json"), &[]), &env, &draft, &mut seen)
        .unwrap();
    assert_eq!(
        (&*posted.id, posted.parent.as_deref()),
        ("1003", None),
        "a flat API files replies at the top"
    );
    let mut unquoted = m.clone();
    unquoted.tree.quote = None;
    assert_eq!(unquoted.capabilities().nesting, Some(1), "no quote: no replies");
}

#[test]
fn discourse_links_replies_by_number_and_posts_the_number() {
    let m = load("discourse", fixture!("discourse", "mapping.json"));
    let env = env_for("https://forum.example.org", "4242");
    let mut seen = Seen::default();
    let a = list(&m, &env, fixture!("discourse", "list.json"), &mut seen);
    assert_eq!(
        ids(&a),
        [("9002", None), ("9003", Some("9002")), ("9005", Some("9003")), ("9006", Some("9005"))]
    );
    assert_eq!((a.dropped, a.page.total), (1, Some(4)), "the topic's own post is skipped and not counted");
    let c = &a.page.comments;
    assert_eq!((c[0].author.as_str(), c[1].author.as_str()), ("Ada", "lin"), "name, else username");
    assert!(c[1].edited && !c[0].edited);
    assert_eq!((c[2].status, c[2].author.as_str()), (Status::Removed, ""), "deleted: a placeholder");
    assert_eq!(c[3].status, Status::Published);
    let (url, body) = post_body(&m, &env, &reply("9003"), &seen);
    assert_eq!(url, "https://forum.example.org/posts.json");
    assert_eq!(body, json!({"topic_id": 4242, "raw": "Hello", "reply_to_post_number": 3}));
    let (_, top) = post_body(&m, &env, &Draft { parent: None, ..reply("x") }, &seen);
    assert_eq!(top, json!({"topic_id": 4242, "raw": "Hello"}), "{{thread}} in a post body");
    let posted = m
        .read_created(
            &response(200, fixture!("discourse", "post.json"), &[]),
            &env,
            &reply("9003"),
            &mut seen,
        )
        .unwrap();
    assert_eq!(seen.send_value(&posted.id), json!(7), "a reply to the new post sends its number");
    let err = m.read_list(
        &response(422, fixture!("discourse", "error.json"), &[]),
        &m.page_request(None, 3),
        &env,
        &mut seen,
    );
    assert_eq!(err.unwrap_err().english(), "Body is too similar to what you recently posted");
}

#[test]
fn lemmy_nests_by_the_path_string() {
    let m = load("lemmy", fixture!("lemmy", "mapping.json"));
    let env = env_for("https://lemmy.example.org", "77");
    let mut seen = Seen::default();
    let a = list(&m, &env, fixture!("lemmy", "list.json"), &mut seen);
    assert_eq!(
        ids(&a),
        [("12", None), ("45", Some("12")), ("78", Some("45")), ("50", None), ("51", Some("50"))]
    );
    let c = &a.page.comments;
    assert_eq!((c[0].author.as_str(), c[1].author.as_str()), ("Ada", "lin"));
    assert_eq!(c[1].website.as_deref(), Some("https://lemmy.example.org/u/lin"));
    assert!(c[0].pinned && c[0].markdown);
    assert!(c[1].edited && !c[2].edited);
    assert_eq!(c[1].created_ms, parse_rfc3339_ms("2024-05-01T09:10:00Z"));
    assert_eq!((c[3].status, c[3].text.as_str()), (Status::Removed, ""), "removed: a placeholder");
    let (_, body) = post_body(&m, &env, &reply("45"), &seen);
    assert_eq!(body, json!({"content": "Hello", "post_id": 77, "parent_id": 45}));
    let posted = m
        .read_created(&response(200, fixture!("lemmy", "post.json"), &[]), &env, &reply("45"), &mut seen)
        .unwrap();
    assert_eq!((&*posted.id, posted.parent.as_deref()), ("90", Some("45")));
}

#[test]
fn bluesky_replies_cite_parent_and_root_by_uri_and_hash() {
    let m = load("bluesky", fixture!("bluesky", "mapping.json"));
    let root = "at://did:plc:blogowner/app.bsky.feed.post/3kroot";
    let env = Env { now_ms: 1_714_600_000_000, ..env_for("https://public.api.bsky.example", root) };
    let mut seen = Seen::default();
    let req = m.list_request(&env, &m.page_request(None, 50));
    assert_eq!(
        req.url,
        "https://public.api.bsky.example/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc%3Ablogowner%2Fapp.bsky.feed.post%2F3kroot&depth=10"
    );
    let a = list(&m, &env, fixture!("bluesky", "list.json"), &mut seen);
    let (alice, bob, dave, eve, carol) = (
        "at://did:plc:alice/app.bsky.feed.post/3kaaa",
        "at://did:plc:bob/app.bsky.feed.post/3kbbb",
        "at://did:plc:dave/app.bsky.feed.post/3kddd",
        "at://did:plc:eve/app.bsky.feed.post/3keee",
        "at://did:plc:carol/app.bsky.feed.post/3kccc",
    );
    assert_eq!(ids(&a), [(alice, None), (bob, Some(alice)), (dave, None), (eve, None), (carol, None)]);
    let c = &a.page.comments;
    assert_eq!(
        (c[0].author.as_str(), c[1].author.as_str()),
        ("Alice (@alice.example.com)", "bob.example.com")
    );
    assert!(
        [&c[2], &c[3]].iter().all(|p| p.status == Status::Removed && p.author.is_empty()),
        "not found, blocked"
    );
    assert_eq!(c[4].warning.as_deref(), Some("graphic-media"));
    let text = &c[0].text;
    let links: Vec<(&str, &str)> = c[0]
        .extra
        .links
        .iter()
        .map(|LinkRange { start, end, url }| (&text[*start..*end], url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("example.org/trees", "https://example.org/trees"),
            ("@bob.example.com", "https://bsky.app/profile/did:plc:bob")
        ],
        "byte offsets past multi-byte characters; the javascript: range is dropped"
    );
    assert!(!is_link("javascript:alert(1)") && is_link("mailto:a@b.example"));

    let record = |body: Value| body["record"].clone();
    let (_, reply_body) = post_body(&m, &env, &reply(bob), &seen);
    assert_eq!(
        record(reply_body),
        json!({
            "$type": "app.bsky.feed.post", "text": "Hello", "createdAt": "2024-05-01T21:46:40.000Z",
            "reply": {
                "root": {"uri": root, "cid": "bafyroot"},
                "parent": {"uri": bob, "cid": "bafybbb"}
            }
        })
    );
    let (_, top) = post_body(&m, &env, &Draft { parent: None, ..reply("x") }, &seen);
    assert_eq!(
        record(top)["reply"],
        json!({"root": {"uri": root, "cid": "bafyroot"}, "parent": {"uri": root, "cid": "bafyroot"}}),
        "a top-level comment answers the thread's root"
    );
}
