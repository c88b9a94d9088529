//! Reply notifications by email, against a real SMTP server on loopback ([`SmtpSink`]):
//! double opt-in, the notification, one-click unsubscribe, retries while SMTP fails, and the
//! moderators' held-comment email. "No mail" is checked with a sentinel: a later email that
//! must arrive, after which nothing else may have.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use threadline_protocol::{ErrorCode, NewComment};

use crate::modsupport::{act, admin, as_moderator, moderator, screening_file};
use crate::smtp_sink::{Mode, Received, SmtpSink};
use crate::support::{assert_error, comment, reply, TestDb, TestServer};

fn mail_args(sink: &SmtpSink) -> Vec<String> {
    vec!["--smtp-url".into(), sink.url(), "--mail-retry-ms".into(), "100".into()]
}

async fn start(db: &TestDb, sink: &SmtpSink) -> TestServer {
    let args = mail_args(sink);
    TestServer::start(&db.path, &args.iter().map(String::as_str).collect::<Vec<_>>()).await
}

/// `new` with "Email me when someone replies" and `email`.
fn notify(new: NewComment, email: &str) -> NewComment {
    NewComment { notify: true, email: Some(email.into()), ..new }
}

/// Checks the RFC 8058 headers and the link in the body; returns the unsubscribe URL.
fn assert_one_click(mail: &Received, s: &TestServer) -> String {
    let header = mail.header("List-Unsubscribe").expect("List-Unsubscribe");
    let url = header.strip_prefix('<').and_then(|h| h.strip_suffix('>')).expect("<url>").to_owned();
    assert!(url.starts_with(&s.url("/api/mail/unsubscribe?token=")), "{url}");
    assert_eq!(mail.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    assert_eq!(mail.link("/api/mail/unsubscribe"), url, "the body links to the same place");
    url
}

/// Confirms the address of a confirmation email through its link (GET shows the page and
/// changes nothing; POST confirms).
async fn confirm(s: &TestServer, mail: &Received) {
    assert_eq!(mail.subject(), "Confirm reply notifications");
    let link = mail.link("/api/mail/confirm");
    let page = s.http.get(&link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(&mail.to[0]) && html.contains(r#"method="post""#), "{html}");
    let done = s.http.post(&link).send().await.unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.text().await.unwrap().contains("Confirmed"));
    assert_eq!(s.http.post(&link).send().await.unwrap().status(), StatusCode::NOT_FOUND, "spent");
}

/// Posts an opt-in of `email` in a thread of its own and waits for its confirmation as
/// message number `n`: everything queued before it has had its turn.
async fn sentinel(s: &TestServer, sink: &SmtpSink, n: usize, email: &str) {
    s.post_ok(&notify(comment(&format!("/sentinel/{n}"), "A sentinel comment."), email)).await;
    let mail = sink.wait_for_messages(n).await;
    assert_eq!(mail[n - 1].to, [email], "{mail:#?}");
}

#[tokio::test]
async fn notifications_need_an_email_and_a_server_with_mail() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let t = "/mail/off";
    let page = s.list_raw(&[("thread", t)]).await.json::<Value>().await.unwrap();
    assert_eq!(page["features"]["mail"], false, "{page}");
    let resp = s.post(&NewComment { notify: true, ..comment(t, "Tell me about replies.") }).await;
    assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("email")).await;
    // Without mail the request is stored as not made: nothing could ever send it.
    s.post_ok(&notify(comment(t, "Tell me about replies."), "ann@example.org")).await;
    s.stop().await;

    let sink = SmtpSink::start().await;
    let db = TestDb::new();
    let s = start(&db, &sink).await;
    let page = s.list_raw(&[("thread", t)]).await.json::<Value>().await.unwrap();
    assert_eq!(page["features"]["mail"], true, "{page}");
    let resp = s.post(&NewComment { notify: true, email: Some("  ".into()), ..comment(t, "Hi") }).await;
    assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("email")).await;
    let resp = s.post(&notify(comment(t, "Hi"), "ann@exa mple.org")).await;
    assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("email")).await;
    s.stop().await;
}

#[tokio::test]
async fn confirmed_readers_hear_of_replies_until_they_unsubscribe() {
    let sink = SmtpSink::start().await;
    let db = TestDb::new();
    let s = start(&db, &sink).await;
    let t = "/mail/replies";
    let ann = s.post_ok(&notify(comment(t, "Who else saw the heron?"), " Ann@Example.org ")).await;
    let first = sink.wait_for_messages(1).await.remove(0);
    assert_eq!(first.to, ["ann@example.org"]);
    assert_one_click(&first, &s);
    let early = s.post_ok(&reply(t, ann.id, "Me, before you confirmed.")).await;
    confirm(&s, &first).await;

    let ben = s.post_ok(&reply(t, ann.id, "I did, by the weir.")).await;
    let notice = sink.wait_for_messages(2).await.remove(1);
    assert_eq!(notice.to, ["ann@example.org"]);
    assert_eq!(notice.subject(), "Ben replied to your comment");
    let body = notice.body();
    assert!(body.contains("I did, by the weir.") && body.contains("> Who else saw the heron?"), "{body}");
    assert!(body.contains(&format!("{}{t}#comment-{}", s.base, ben.id)), "links to the reply: {body}");
    let unsubscribe = assert_one_click(&notice, &s);
    // Ann answering her own comment hears nothing of herself (the same address, any case).
    let by_ann =
        NewComment { email: Some("ANN@example.org".into()), ..reply(t, ann.id, "Adding to my own.") };
    let own = s.post_ok(&NewComment { author: "Ann".into(), ..by_ann }).await;
    sentinel(&s, &sink, 3, "cy@example.org").await;

    // One click: a POST with nothing but the RFC 8058 body.
    let page = s.http.get(&unsubscribe).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("List-Unsubscribe"), "the page's button posts one-click");
    let resp = s
        .http
        .post(&unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().contains("Unsubscribed"));
    s.post_ok(&reply(t, ann.id, "A reply after the unsubscribe.")).await;
    sentinel(&s, &sink, 4, "dee@example.org").await;

    let all = sink.messages();
    assert_eq!(all.len(), 4, "{all:#?}");
    let to_ann: Vec<_> = all.iter().filter(|m| m.to == ["ann@example.org"]).collect();
    assert_eq!(to_ann.len(), 2, "the confirmation and one notification: {all:#?}");
    for id in [early.id, own.id] {
        assert!(!all.iter().any(|m| m.body().contains(&format!("#comment-{id}"))), "{id}: {all:#?}");
    }
    s.stop().await;
}

#[tokio::test]
async fn a_failing_smtp_server_is_retried_and_the_post_does_not_wait() {
    let sink = SmtpSink::start().await;
    sink.set_mode(Mode::Drop);
    let db = TestDb::new();
    let s = start(&db, &sink).await;
    let t = "/mail/retry";
    let ann = s.post_ok(&notify(comment(t, "Posted while mail is down."), "ann@example.org")).await;
    sink.wait_for_refusals(1).await;
    // The comment is stored and answered while the SMTP server refuses.
    let ids: Vec<i64> = s.list(t, None, None).await.comments.iter().map(|c| c.id).collect();
    assert_eq!(ids, [ann.id]);
    sink.set_mode(Mode::Busy);
    let refused = sink.refused();
    let bob = s.post_ok(&notify(comment(t, "Posted while mail says 451."), "bob@example.org")).await;
    sink.wait_for_refusals(refused + 2).await;
    assert!(sink.messages().is_empty());
    assert_eq!(s.list(t, None, None).await.comments.len(), 2, "{}", bob.id);

    sink.set_mode(Mode::Accept);
    let arrived = sink.wait_for_messages(2).await;
    let mut to: Vec<&str> = arrived.iter().map(|m| m.to[0].as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["ann@example.org", "bob@example.org"]);
    sentinel(&s, &sink, 3, "cy@example.org").await;
    assert_eq!(sink.messages().len(), 3, "each email exactly once");
    s.stop().await;

    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&db.path)).await.unwrap();
    let rows: Vec<(String, i64, Option<i64>, String)> =
        sqlx::query_as("SELECT recipient, attempts, sent_ms, body FROM mail_queue ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 3);
    let ann_row = &rows[0];
    assert_eq!(ann_row.0, "ann@example.org");
    assert!(ann_row.1 >= 3, "dropped, refused, then sent: {rows:?}");
    assert!(rows.iter().all(|r| r.2.is_some() && r.3.is_empty()), "sent, and the bodies with links dropped");
    pool.close().await;
}

#[tokio::test]
async fn moderators_hear_of_held_comments_and_readers_of_replies_once_approved() {
    let sink = SmtpSink::start().await;
    let db = TestDb::new();
    let dir = db.path.parent().unwrap();
    admin(&db.path, &["site", "set", "default", "--screening", &screening_file(dir, "bananarama", "hold")])
        .await;
    let s = start(&db, &sink).await;
    let session = moderator(&s, &db.path, "default", "Mo").await;
    let settings = |method| as_moderator(&s, &session, method, "/api/moderation/mail");
    let got: Value = settings(Method::GET).send().await.unwrap().json().await.unwrap();
    assert_eq!(got, json!({ "held": false, "confirmed": false }));
    let resp = settings(Method::PUT).json(&json!({ "held": true })).send().await.unwrap();
    assert_error(resp, StatusCode::BAD_REQUEST, ErrorCode::InvalidField, Some("email")).await;
    let resp = settings(Method::PUT).json(&json!({ "email": "Mo@Example.org", "held": true })).send().await;
    let got: Value = resp.unwrap().json().await.unwrap();
    assert_eq!(got, json!({ "email": "mo@example.org", "held": true, "confirmed": false }));
    let first = sink.wait_for_messages(1).await.remove(0);
    assert_eq!(first.to, ["mo@example.org"]);
    confirm(&s, &first).await;
    let got: Value = settings(Method::GET).send().await.unwrap().json().await.unwrap();
    assert_eq!(got["confirmed"], true);

    let t = "/mail/held";
    let ann = s.post_ok(&notify(comment(t, "Ducks on the river today."), "ann@example.org")).await;
    confirm(&s, &sink.wait_for_messages(2).await[1]).await;
    let held = s.post(&reply(t, ann.id, "Bananarama were better.")).await;
    assert_eq!(held.status(), StatusCode::CREATED);
    let held: Value = held.json().await.unwrap();
    assert_eq!(held["status"], "pending");
    let held_id = held["id"].as_i64().unwrap();
    let alert = sink.wait_for_messages(3).await.remove(2);
    assert_eq!(alert.to, ["mo@example.org"]);
    assert_eq!(alert.subject(), "A comment by Ben is held for review");
    assert!(alert.body().contains("Bananarama were better."), "{}", alert.body());
    assert!(alert.body().contains(&format!("#comment-{held_id}")));
    assert_one_click(&alert, &s);
    assert!(!sink.messages().iter().any(|m| m.to == ["ann@example.org"] && m.subject().contains("replied")));

    // Approved, the reply is visible: Ann hears of it now, and once only.
    assert_eq!(act(&s, &session, held_id, "approve", json!({})).await.status(), StatusCode::OK);
    let notice = sink.wait_for_messages(4).await.remove(3);
    assert_eq!(
        (notice.to[0].as_str(), notice.subject().as_str()),
        ("ann@example.org", "Ben replied to your comment")
    );
    assert!(notice.body().contains(&format!("#comment-{held_id}")));
    assert_eq!(act(&s, &session, held_id, "approve", json!({})).await.status(), StatusCode::OK);
    sentinel(&s, &sink, 5, "cy@example.org").await;
    assert_eq!(sink.messages().len(), 5);
    s.stop().await;
}
