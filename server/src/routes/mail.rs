//! The pages the links in emails open, under `/api/mail`:
//!
//! - `GET /api/mail/confirm?token=…`: a page with a Confirm button; `POST` to the same URL
//!   confirms the address (double opt-in);
//! - `GET /api/mail/unsubscribe?token=…`: a page with an Unsubscribe button; `POST` to the
//!   same URL unsubscribes at once, whatever the body (RFC 8058 one-click: mail clients
//!   send `List-Unsubscribe=One-Click`).
//!
//! A GET never changes anything, because mail scanners and link previews open links on
//! their own; only the button (or a mail client's one-click POST) does. The answers are
//! small HTML pages, never cached, never sending the token on as a referrer.

use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, REFERRER_POLICY};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::error::ApiError;
use crate::{clock, tokens, AppState};

#[derive(Debug, Default, Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// The well-formed token of the query, if any.
fn token(query: Option<&str>) -> Option<String> {
    let parsed: TokenQuery = serde_urlencoded::from_str(query.unwrap_or("")).unwrap_or_default();
    parsed.token.filter(|t| tokens::well_formed(t))
}

/// `GET /api/mail/confirm?token=…`: the confirm page, or the page of a dead link.
pub async fn confirm_page(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let Some(token) = token(query.as_deref()) else { return Ok(dead_link()) };
    match state.store.mail_confirm_pending(&tokens::hash(&token), clock::now_ms()).await? {
        Some(email) => Ok(page(
            StatusCode::OK,
            "Confirm reply notifications",
            &format!("Send an email to <b>{}</b> when someone replies?", escape(&email)),
            Some(("Confirm", &token, "")),
        )),
        None => Ok(dead_link()),
    }
}

/// `POST /api/mail/confirm?token=…`: confirms the address of a live link.
pub async fn confirm(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    let Some(token) = token(query.as_deref()) else { return Ok(dead_link()) };
    match state.store.mail_confirm(&tokens::hash(&token), clock::now_ms()).await? {
        Some(email) => {
            tracing::info!("mail address confirmed");
            Ok(page(
                StatusCode::OK,
                "Confirmed",
                &format!(
                    "<b>{}</b> will get an email when someone replies to a comment for which you asked. \
                     Every email has a link to stop them.",
                    escape(&email)
                ),
                None,
            ))
        }
        None => Ok(dead_link()),
    }
}

/// `GET /api/mail/unsubscribe?token=…`: the unsubscribe page.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let Some(token) = token(query.as_deref()) else { return Ok(dead_link()) };
    match state.store.mail_unsubscribe_target(&tokens::hash(&token)).await? {
        Some(email) => Ok(page(
            StatusCode::OK,
            "Unsubscribe",
            &format!("Stop all email from these comments to <b>{}</b>?", escape(&email)),
            Some((
                "Unsubscribe",
                &token,
                r#"<input type="hidden" name="List-Unsubscribe" value="One-Click">"#,
            )),
        )),
        None => Ok(dead_link()),
    }
}

/// `POST /api/mail/unsubscribe?token=…`: unsubscribes, with no other input (RFC 8058).
pub async fn unsubscribe(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let Some(token) = token(query.as_deref()) else { return Ok(dead_link()) };
    match state.store.mail_unsubscribe(&tokens::hash(&token), clock::now_ms()).await? {
        Some(email) => {
            tracing::info!("mail address unsubscribed");
            Ok(page(
                StatusCode::OK,
                "Unsubscribed",
                &format!("No more email from these comments will go to <b>{}</b>.", escape(&email)),
                None,
            ))
        }
        None => Ok(dead_link()),
    }
}

fn dead_link() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Link not valid",
        "This link is unknown or has expired. Confirmation links last 7 days.",
        None,
    )
}

/// A small page: a heading, a sentence (already escaped) and, optionally, a button that
/// POSTs `token` back to the same path with `extra` fields.
fn page(status: StatusCode, title: &str, sentence: &str, button: Option<(&str, &str, &str)>) -> Response {
    let form = button
        .map(|(label, token, extra)| {
            format!(r#"<form method="post" action="?token={token}">{extra}<button type="submit">{label}</button></form>"#)
        })
        .unwrap_or_default();
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>body{{font:16px/1.5 system-ui,sans-serif;max-width:32rem;\
         margin:3rem auto;padding:0 1rem}}button{{font:inherit;padding:.4rem 1rem}}</style></head>\
         <body><h1>{title}</h1><p>{sentence}</p>{form}</body></html>"
    );
    let headers = [(CACHE_CONTROL, "no-store"), (REFERRER_POLICY, "no-referrer")];
    (status, headers, Html(html)).into_response()
}

/// `text` with HTML's special characters escaped.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_escaping() {
        let good = tokens::new_secret();
        assert_eq!(token(Some(&format!("token={good}"))), Some(good));
        assert_eq!(token(Some("token=short")), None);
        assert_eq!(token(None), None);
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
