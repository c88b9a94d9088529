//! The optional proof-of-work challenge: off by default; when on, a post needs a fresh,
//! solved challenge from `GET /api/challenge`, once.

use altcha::{solve_challenge, Challenge, SolveChallengeOptions};
use reqwest::StatusCode;
use threadline_protocol::ErrorCode;
use threadline_server::abuse::pow::encode_submission;

use crate::support::{assert_error, comment, comment_json, TestDb, TestServer};

/// A small difficulty, so that solving takes microseconds.
const ARGS: &[&str] = &["--pow-difficulty", "40"];

async fn fetch_challenge(s: &TestServer) -> Challenge {
    let resp = s.http.get(s.url("/api/challenge")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    resp.json().await.unwrap()
}

/// A fresh challenge, solved, as the client submits it.
async fn solved(s: &TestServer) -> String {
    let challenge = fetch_challenge(s).await;
    let solution = solve_challenge(SolveChallengeOptions::new(&challenge)).unwrap().expect("solvable");
    encode_submission(&challenge, &solution)
}

#[tokio::test]
async fn off_by_default() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, &[]).await;
    let resp = s.http.get(s.url("/api/challenge")).send().await.unwrap();
    assert_error(resp, StatusCode::NOT_FOUND, ErrorCode::NotFound, None).await;
    s.post_ok(&comment("/pow", "No work needed")).await;
}

#[tokio::test]
async fn the_challenge_has_the_altcha_v2_shape() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, ARGS).await;
    let resp = s.http.get(s.url("/api/challenge")).send().await.unwrap();
    let value: serde_json::Value = resp.json().await.unwrap();
    let params = &value["parameters"];
    assert_eq!(params["algorithm"], "SHA-256");
    assert_eq!(params["cost"], 1);
    for field in ["nonce", "salt", "keyPrefix", "keySignature"] {
        assert!(params[field].as_str().is_some_and(|s| !s.is_empty()), "{field}: {value}");
    }
    assert!(params["expiresAt"].as_i64().is_some(), "{value}");
    assert!(value["signature"].as_str().is_some_and(|s| s.len() == 64), "{value}");
}

#[tokio::test]
async fn a_post_without_a_solution_is_refused() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, ARGS).await;
    let resp = s.post(&comment("/pow", "No work done")).await;
    assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::ChallengeRequired, None).await;
    assert_eq!(s.list("/pow", None, None).await.total, 0);
}

#[tokio::test]
async fn a_wrong_or_forged_solution_fails() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, ARGS).await;
    let challenge = fetch_challenge(&s).await;
    let mut solution = solve_challenge(SolveChallengeOptions::new(&challenge)).unwrap().unwrap();
    solution.derived_key = "00".repeat(32);
    let wrong = encode_submission(&challenge, &solution);
    let mut forged = challenge.clone();
    forged.parameters.key_prefix = "00".into();
    let forged =
        encode_submission(&forged, &solve_challenge(SolveChallengeOptions::new(&forged)).unwrap().unwrap());
    for bad in ["not base64!", "eyJ9", &wrong, &forged] {
        let resp = s.post_json(&comment_json("/pow", "Bad work"), &[("altcha", bad)]).await;
        assert_error(resp, StatusCode::FORBIDDEN, ErrorCode::ChallengeFailed, None).await;
    }
    assert_eq!(s.list("/pow", None, None).await.total, 0);
}

#[tokio::test]
async fn a_solution_is_accepted_once_in_the_header_or_the_body() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, ARGS).await;
    let header_solution = solved(&s).await;
    let resp =
        s.post_json(&comment_json("/pow", "Work in the header"), &[("altcha", &header_solution)]).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let replay =
        s.post_json(&comment_json("/pow", "Reusing old work"), &[("altcha", &header_solution)]).await;
    assert_error(replay, StatusCode::FORBIDDEN, ErrorCode::ChallengeFailed, None).await;

    let mut body = comment_json("/pow", "Work in the body");
    body["altcha"] = solved(&s).await.into();
    assert_eq!(s.post_json(&body, &[]).await.status(), StatusCode::CREATED);
    body["text"] = "The same work again".into();
    let replay = s.post_json(&body, &[]).await;
    assert_error(replay, StatusCode::FORBIDDEN, ErrorCode::ChallengeFailed, None).await;
    assert_eq!(s.list("/pow", None, None).await.total, 2);
}

#[tokio::test]
async fn an_idempotent_retry_replays_instead_of_failing_as_a_spent_challenge() {
    let db = TestDb::new();
    let s = TestServer::start(&db.path, ARGS).await;
    let solution = solved(&s).await;
    let headers = [("altcha", solution.as_str()), ("idempotency-key", "pow-retry")];
    let body = comment_json("/pow", "Sent, the answer lost, sent again");
    let first = s.post_json(&body, &headers).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: serde_json::Value = first.json().await.unwrap();
    let retry = s.post_json(&body, &headers).await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.json::<serde_json::Value>().await.unwrap(), first);
    assert_eq!(s.list("/pow", None, None).await.total, 1);
}
