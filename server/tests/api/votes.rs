//! Votes: one per reader per comment (voting again replaces it, 0 takes it back), counts on
//! the page at once (through the page cache), downvotes only where the site turns them on,
//! and no votes on what readers cannot see.

use reqwest::{Response, StatusCode};
use serde_json::json;
use threadline_protocol::{ErrorCode, VoteCount};

use crate::modsupport::{admin, page, post_as, screening_file};
use crate::support::{assert_error, comment, TestDb, TestServer};

async fn vote(s: &TestServer, id: i64, site: &str, token: Option<&str>, value: i64) -> Response {
    let url = s.url(&format!("/api/comments/{id}/vote?site={site}"));
    let mut request = s.http.post(url).json(&json!({ "value": value }));
    if let Some(token) = token {
        request = request.header("x-threadline-author", token);
    }
    request.send().await.unwrap()
}

async fn counted(resp: Response) -> VoteCount {
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn one_vote_per_reader_and_counts_on_the_page_at_once() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/votes";
    let target = post_as(&s, &comment(t, "Worth a vote."), None, None).await;
    let ann = post_as(&s, &comment(t, "Ann's own comment."), None, None).await.author_token.unwrap();
    let ben = post_as(&s, &comment(t, "Ben's own comment."), None, None).await.author_token.unwrap();
    let id = target.comment.id;
    assert_eq!(page(&s, "default", t, None).await.comments[0].upvotes, 0, "now cached");

    let first = counted(vote(&s, id, "default", Some(&ann), 1).await).await;
    assert_eq!(first, VoteCount { upvotes: 1, downvotes: 0, mine: 1 });
    // The same reader again: still one vote.
    assert_eq!(counted(vote(&s, id, "default", Some(&ann), 1).await).await.upvotes, 1);
    // A second reader, and a reader known only by address (no token).
    assert_eq!(counted(vote(&s, id, "default", Some(&ben), 1).await).await.upvotes, 2);
    assert_eq!(counted(vote(&s, id, "default", None, 1).await).await.upvotes, 3);
    // A made-up token is not a reader of its own: it counts as the address, which voted.
    assert_eq!(counted(vote(&s, id, "default", Some("made-up-token-0000000000"), 1).await).await.upvotes, 3);
    assert_eq!(page(&s, "default", t, None).await.comments[0].upvotes, 3, "the cached page was dropped");

    // Taking a vote back.
    let back = counted(vote(&s, id, "default", Some(&ann), 0).await).await;
    assert_eq!(back, VoteCount { upvotes: 2, downvotes: 0, mine: 0 });
    assert_eq!(page(&s, "default", t, None).await.comments[0].upvotes, 2);

    // Downvotes are off by default; other values are refused. Nothing changes.
    assert_error(
        vote(&s, id, "default", Some(&ann), -1).await,
        StatusCode::BAD_REQUEST,
        ErrorCode::InvalidField,
        Some("value"),
    )
    .await;
    assert_error(
        vote(&s, id, "default", Some(&ann), 2).await,
        StatusCode::BAD_REQUEST,
        ErrorCode::InvalidField,
        Some("value"),
    )
    .await;
    assert_error(
        vote(&s, 999_999, "default", Some(&ann), 1).await,
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        None,
    )
    .await;
    assert_eq!(page(&s, "default", t, None).await.comments[0].upvotes, 2);
}

#[tokio::test]
async fn downvotes_where_the_site_takes_them_and_none_on_held_comments() {
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(
        &db.path,
        &["site", "set", "open", "--downvotes", "--screening", &screening_file(dir, "bananarama", "hold")],
    )
    .await;
    let s = TestServer::start(&db.path, &[]).await;
    let listed = admin(&db.path, &["site", "list"]).await;
    assert!(listed.contains("downvotes=true"), "{listed}");
    let t = "/open";
    let target = post_as(&s, &comment(t, "Disputed claim."), Some("open"), None).await;
    let ann = post_as(&s, &comment(t, "Ann was here."), Some("open"), None).await.author_token.unwrap();
    let up = counted(vote(&s, target.comment.id, "open", None, 1).await).await;
    assert_eq!((up.upvotes, up.downvotes), (1, 0));
    let down = counted(vote(&s, target.comment.id, "open", Some(&ann), -1).await).await;
    assert_eq!(down, VoteCount { upvotes: 1, downvotes: 1, mine: -1 });
    // Changing one's mind moves the vote; it does not add one.
    let changed = counted(vote(&s, target.comment.id, "open", Some(&ann), 1).await).await;
    assert_eq!((changed.upvotes, changed.downvotes), (2, 0));
    let open = page(&s, "open", t, None).await;
    let seen = &open.comments[0];
    assert_eq!((seen.upvotes, seen.downvotes), (2, 0));
    // Each page tells the widget what the site takes: the edit window (15 minutes by
    // default) and downvotes on this site, not on the default one.
    let features =
        |p: &threadline_protocol::ThreadPage| p.features.map(|f| (f.edit_window_secs, f.downvotes));
    assert_eq!(features(&open), Some((900, true)));
    assert_eq!(features(&page(&s, "default", t, None).await), Some((900, false)));

    let held = post_as(&s, &comment(t, "Bananarama, held."), Some("open"), None).await;
    assert_error(
        vote(&s, held.comment.id, "open", Some(&ann), 1).await,
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        None,
    )
    .await;
    // A comment of another site is not there either.
    assert_error(
        vote(&s, target.comment.id, "default", Some(&ann), 1).await,
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        None,
    )
    .await;
}
