//! `GET /api/comments` (one page of a thread) and `POST /api/comments` (a new comment).

use axum::extract::State;
use std::collections::HashSet;

use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use threadline_protocol::limits::{PAGE_DEFAULT, PAGE_MAX, REPLY_BATCH, THREAD_MAX};
use threadline_protocol::validate::non_blank;
use threadline_protocol::{
    validate_new_comment, Comment, CommentStatus, NewComment, PostedComment, SiteFeatures, ValidationError,
};

use crate::abuse::client_ip::ClientIp;
use crate::abuse::{honeypot_filled, pow, IDEMPOTENCY_TTL};
use crate::error::ApiError;
use crate::extract::{ApiQuery, AuthorToken, CommentBody, IdempotencyKey};
use crate::mail::Mail;
use crate::routes::moderation::auth::moderator_of;
use crate::site::SiteSettings;
use crate::store::{Cursor, IdempotencyClaim, PageShape, PostMeta, Posted, Sort};
use crate::{clock, screening, tokens, AppState};

/// The query string of `GET /api/comments`, kept as raw strings so that each bad value is
/// reported with its own field name.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// The thread key, required.
    pub thread: Option<String>,
    /// Top-level comments per page, 1 to `PAGE_MAX`.
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The site; `default` when absent.
    pub site: Option<String>,
    /// `oldest` (the default), `newest` or `top`.
    pub sort: Option<String>,
    /// A comment id: answer the page that holds it (a permalink), instead of the first.
    pub around: Option<String>,
    /// Most replies per top-level comment, 1 to `REPLY_BATCH`; the rest are counted in
    /// `more_replies`. All of them when absent.
    pub replies: Option<String>,
}

/// One page of a thread (a [`threadline_protocol::ThreadPage`]): whole top-level comments
/// with all of their replies.
///
/// The page carries a strong `ETag` and `Cache-Control: no-cache`: browsers keep it but ask
/// again each time, and a request whose `If-None-Match` names the current page gets 304
/// with no body.
pub async fn comments_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    AuthorToken(author): AuthorToken,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let site = state.sites.get(params.site.as_deref())?;
    let thread = parse_thread(params.thread.as_deref())?;
    let limit = parse_limit(params.limit.as_deref())?;
    let replies = match params.replies.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => {
            Some(r.parse::<u32>().ok().filter(|n| (1..=REPLY_BATCH as u32).contains(n)).ok_or_else(|| {
                ApiError::invalid("replies", format!("Ask for 1 to {REPLY_BATCH} replies per comment."))
            })?)
        }
    };
    let shape = PageShape { limit, replies };
    let mut cursor = parse_start(params.cursor.as_deref(), params.sort.as_deref())?;
    if let Some(around) = params.around.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        if params.cursor.as_deref().is_some_and(|c| !c.trim().is_empty()) {
            return Err(ApiError::invalid("around", "Send around or cursor, not both."));
        }
        let id: i64 = around.parse().map_err(|_| ApiError::invalid("around", "around is a comment id."))?;
        let sort = cursor.map_or(Sort::Oldest, |c| c.sort);
        // A permalink to a comment that is gone, or of another thread, opens the first page.
        if let Some(start) = state.store.page_around(&site.id, thread, id, sort).await? {
            cursor = Some(start);
        }
    }
    let no_store = (CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let features = SiteFeatures {
        edit_window_secs: u32::try_from(state.edit_window_ms / 1000).unwrap_or(u32::MAX),
        downvotes: site.downvotes,
        mail: state.mail.enabled(),
    };
    // A moderator sees every status; such pages are never cached, here or in the browser.
    if headers.contains_key(AUTHORIZATION) {
        let moderator = moderator_of(&state, &headers, clock::now_ms()).await?;
        if moderator.site != site.id {
            return Err(ApiError::Forbidden);
        }
        let mut page = state.store.moderator_page(&site.id, thread, cursor, limit).await?;
        page.features = Some(features);
        return Ok(([no_store], Json(page)).into_response());
    }
    // The author's own held comments join the first page, for that author only.
    if let (Some(token), None) = (&author, cursor) {
        let own = state.store.own_pending(&site.id, thread, &tokens::hash(token)).await?;
        if !own.is_empty() {
            let mut page = state.store.thread_page_in(&site.id, thread, cursor, shape).await?;
            page.features = Some(features);
            let mut ids: HashSet<i64> = page.comments.iter().map(|c| c.id).collect();
            for comment in own {
                // A reply whose parent readers cannot see has no place on the page.
                if comment.parent.is_none_or(|p| ids.contains(&p)) {
                    ids.insert(comment.id);
                    page.comments.push(comment);
                }
            }
            return Ok(([no_store], Json(page)).into_response());
        }
    }
    let page = state.store.thread_page_json_in(&site.id, thread, cursor, shape, features).await?;
    let etag = page.etag.clone();
    let cache = (CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if headers.get_all(IF_NONE_MATCH).iter().any(|v| etag_matches(v, &etag)) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag), cache]).into_response());
    }
    let json = (CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(([json, (ETAG, etag), cache], page.body.clone()).into_response())
}

/// Whether an `If-None-Match` value names `etag`: `*`, or a comma-separated list of tags,
/// compared weakly (a `W/` prefix is ignored, as RFC 9110 says for `If-None-Match`).
fn etag_matches(header: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = header.to_str() else { return false };
    let etag = etag.as_bytes();
    list.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/").as_bytes() == etag)
}

/// Validates and stores a new comment; answers 201 with the stored comment.
///
/// The abuse limits apply in this order, cheapest and least revealing first:
/// validation, including the site's thread-key pattern (400); the honeypot, after the rate
/// limit (a filled one spends a rate-limit token like any post, 429 once they run out, and
/// otherwise gets a 201 for a comment that is not stored, costing no database query); a
/// known `Idempotency-Key` (the stored comment again, costing no quota, or 422 with another
/// body); the rate limit (429); the proof of work (403); screening (422 on a reject; a hold
/// or the site's pre-moderation stores it as pending), then the site's screening hook if it
/// has one (likewise); then, in the write transaction, a
/// locked thread (403), a ban (403), a spent challenge (403), a duplicate (409) and too many
/// new threads from this address (429). With `--exempt-loopback`, loopback clients skip the
/// per-address rules. The answer carries the reader's author token (the one sent in
/// `X-Threadline-Author` when it is this site's, else a new one).
pub async fn comments_create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    IdempotencyKey(key): IdempotencyKey,
    AuthorToken(presented): AuthorToken,
    headers: HeaderMap,
    body: CommentBody,
) -> Result<Response, ApiError> {
    let new = &body.comment;
    validate_new_comment(new)?;
    // Caught now, so that the reader can correct it, rather than never getting mail.
    if new.notify && state.mail.enabled() && !non_blank(&new.email).is_some_and(Mail::deliverable) {
        return Err(ValidationError::BadEmail.into());
    }
    let site = &*state.sites.get(body.site.as_deref())?;
    site.check_thread_key(new.thread.trim())?;
    let guards = &state.guards;
    let ip_hash = guards.client_hash(ip);
    let now = clock::now_ms();
    let rate_limit = || match (&guards.rate, ip_hash) {
        (Some(limiter), Some(client)) => {
            limiter.check(client).map_err(|wait| ApiError::RateLimited { retry_after_secs: wait.secs() })
        }
        _ => Ok(()),
    };
    if honeypot_filled(body.honeypot.as_ref()) {
        // Throttled like any post, so that a bot cannot hammer the server for free; then
        // answered as if stored, so that its author sees nothing to adapt to.
        rate_limit()?;
        tracing::info!(?ip_hash, thread = %new.thread.trim(), "honeypot filled: not stored");
        let fake = PostedComment {
            comment: unstored(new, state.store.likely_next_id(), now),
            author_token: Some(presented.unwrap_or_else(tokens::new_secret)),
            moderation_reason: None,
        };
        return Ok(created(fake, false));
    }
    let idempotency = key.map(|key| IdempotencyClaim {
        key,
        request_hash: body.request_hash(),
        expires_ms: now.saturating_add(IDEMPOTENCY_TTL.as_millis() as i64),
    });
    // The writer replays known keys anyway; this look-up is only there so that a retry
    // spends no rate-limit token, needs no fresh proof of work, and does not ask the site's
    // screening hook again (whose second answer, or a timeout, could refuse a comment that
    // is already stored). Without any of them, skip its database round trip.
    let limited = guards.rate.is_some() && ip_hash.is_some();
    if let Some(claim) =
        idempotency.as_ref().filter(|_| limited || guards.pow.is_some() || site.hook.is_some())
    {
        if let Some(stored) = state.store.idempotent_replay(claim, now).await? {
            let token = author_token(&state, site, presented.clone(), Some(claim)).await?.0;
            return Ok(created(posted(stored, Some(token)), true));
        }
    }
    rate_limit()?;
    let challenge = match &guards.pow {
        Some(pow) => {
            let header = headers.get(pow::HEADER).and_then(|v| v.to_str().ok());
            Some(pow.verify(header.or(body.altcha.as_deref()))?)
        }
        None => None,
    };
    // Screening is CPU work on this request's thread, and the site's hook (if any) an HTTP
    // call, both before the comment queues for the writer: the group commits never wait on
    // them.
    let decision = screening::decide(site, new).await?;
    let (token, reused) = author_token(&state, site, presented, idempotency.as_ref()).await?;
    let meta = PostMeta {
        ip_hash: ip_hash.map(|h| h.to_string()),
        idempotency,
        challenge,
        duplicate_window_ms: guards.duplicate_window_ms,
        new_threads_per_window: guards.new_threads_per_hour,
        site: site.id.clone(),
        hold: decision.hold,
        approve_known: decision.approve_known,
        author_token_hash: Some(tokens::hash(&token)),
        new_author_token: !reused,
        email_hash: non_blank(&new.email).map(|e| guards.ip_hasher.hash_email(e)),
    };
    // Without mail, nothing would ever be sent: the comment is stored without the request.
    let stored = if new.notify && !state.mail.enabled() {
        state.store.post_comment(&NewComment { notify: false, ..new.clone() }, now, &meta).await?
    } else {
        state.store.post_comment(new, now, &meta).await?
    };
    let (comment, replayed) = match stored {
        Posted::Created(comment) => (comment, false),
        Posted::Replayed(comment) => (comment, true),
    };
    if !replayed {
        tracing::info!(id = comment.id, thread = %comment.thread, status = ?comment.status, ?ip_hash, "comment stored");
        // Queued before the answer, so that a crash after it loses no email; SMTP is the
        // worker's, and never delays the answer.
        let notify_email = non_blank(&new.email).filter(|_| new.notify).map(str::to_owned);
        state.mail.comment_posted(state.mail_place(&site.id), &comment, notify_email).await;
    }
    Ok(created(posted(comment, Some(token)), replayed))
}

/// The author token a post answers with, and whether it is the one the reader sent: a
/// token of this site is kept, so that a reader has one per API; any other is replaced by
/// a new one, derived from the `Idempotency-Key` when there is one (so that a retry gets
/// the same token again).
async fn author_token(
    state: &AppState,
    site: &SiteSettings,
    presented: Option<String>,
    claim: Option<&IdempotencyClaim>,
) -> Result<(String, bool), ApiError> {
    if let Some(token) = presented {
        if state.store.author_token_site(&tokens::hash(&token)).await?.is_some_and(|s| s == site.id) {
            return Ok((token, true));
        }
    }
    let fresh = match claim {
        Some(claim) => state.guards.ip_hasher.token_for_key(&claim.key),
        None => tokens::new_secret(),
    };
    Ok((fresh, false))
}

/// The 201 body for `comment`, with the reader's author token, and a reason when held.
fn posted(comment: Comment, author_token: Option<String>) -> PostedComment {
    let moderation_reason = (comment.status == CommentStatus::Pending).then(|| "held for review".to_owned());
    PostedComment { comment, author_token, moderation_reason }
}

/// The response header that marks an answer replayed from an `Idempotency-Key`.
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";

/// 201 with `comment`; a replay also says so in [`IDEMPOTENT_REPLAYED`].
fn created(comment: PostedComment, replayed: bool) -> Response {
    let mut response = (StatusCode::CREATED, Json(comment)).into_response();
    if replayed {
        response.headers_mut().insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    }
    response
}

/// The comment as it would have been stored, for the honeypot's answer.
fn unstored(new: &NewComment, id: i64, now_ms: i64) -> Comment {
    Comment {
        id,
        thread: new.thread.trim().to_owned(),
        parent: new.parent,
        author: new.author.trim().to_owned(),
        website: non_blank(&new.website).map(str::to_owned),
        text: new.text.trim_end().to_owned(),
        warning: non_blank(&new.warning).map(str::to_owned),
        created_at: clock::rfc3339(now_ms),
        status: CommentStatus::Approved,
        pinned: false,
        edited: false,
        upvotes: 0,
        downvotes: 0,
        more_replies: None,
    }
}

/// The `thread` query parameter, trimmed: 400 naming `thread` when it is missing, blank or too long.
pub(crate) fn parse_thread(raw: Option<&str>) -> Result<&str, ApiError> {
    let thread = raw.map(str::trim).unwrap_or("");
    if thread.is_empty() || thread.chars().count() > THREAD_MAX {
        return Err(ApiError::invalid(
            "thread",
            format!("Give the thread key as ?thread=… (1 to {THREAD_MAX} characters)."),
        ));
    }
    Ok(thread)
}

fn parse_limit(raw: Option<&str>) -> Result<u32, ApiError> {
    let Some(raw) = raw else {
        return Ok(PAGE_DEFAULT);
    };
    match raw.trim().parse::<u32>() {
        Ok(n) if (1..=PAGE_MAX).contains(&n) => Ok(n),
        _ => {
            Err(ApiError::invalid("limit", format!("The limit must be a whole number from 1 to {PAGE_MAX}.")))
        }
    }
}

/// Where the page starts, from `cursor` and `sort`: the first page of the order `sort`
/// names (oldest first by default), or the page after `cursor`, whose order it carries (a
/// `sort` given with it must be the same).
fn parse_start(raw: Option<&str>, sort: Option<&str>) -> Result<Option<Cursor>, ApiError> {
    let sort = match sort.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => {
            Some(Sort::parse(s).ok_or_else(|| ApiError::invalid("sort", "Sort by oldest, newest or top."))?)
        }
    };
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        // `None` is the oldest-first first page, cached under the same key as before sorts.
        None => Ok(sort.filter(|s| *s != Sort::Oldest).map(Cursor::start)),
        Some(c) => {
            let cursor = Cursor::parse(c).map_err(|_| {
                ApiError::invalid("cursor", "The cursor is not valid; start again from the first page.")
            })?;
            if sort.is_some_and(|s| s != cursor.sort) {
                return Err(ApiError::invalid(
                    "cursor",
                    "This cursor pages another order; start again from the first page.",
                ));
            }
            Ok(Some(cursor))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters() {
        assert_eq!(parse_limit(None).unwrap(), PAGE_DEFAULT);
        assert_eq!(parse_limit(Some("7")).unwrap(), 7);
        for bad in ["0", "-1", "abc", "", "201", "99999999999"] {
            assert!(
                matches!(parse_limit(Some(bad)), Err(ApiError::InvalidParam { field, .. }) if field == "limit")
            );
        }
        assert!(parse_thread(Some("  ")).is_err());
        assert_eq!(parse_thread(Some(" /a ")).unwrap(), "/a");
        assert_eq!(parse_start(Some(""), None).unwrap(), None);
        assert!(parse_start(Some("nope"), None).is_err());
        assert_eq!(parse_start(None, Some("oldest")).unwrap(), None);
        assert_eq!(parse_start(None, Some("top")).unwrap(), Some(Cursor::start(Sort::Top)));
        let names = |r: Result<Option<Cursor>, ApiError>, want: &str| matches!(r, Err(ApiError::InvalidParam { field, .. }) if field == want);
        assert!(names(parse_start(None, Some("best")), "sort"));
        let newest = Cursor { sort: Sort::Newest, neg_score: 0, created_ms: 5, id: 6 }.to_string();
        assert_eq!(parse_start(Some(&newest), Some("newest")).unwrap().map(|c| c.sort), Some(Sort::Newest));
        assert!(names(parse_start(Some(&newest), Some("top")), "cursor"));
    }

    #[test]
    fn if_none_match_forms() {
        let tag = &HeaderValue::from_static("\"abc\"");
        for yes in ["\"abc\"", "W/\"abc\"", "*", "\"x\", \"abc\""] {
            assert!(etag_matches(&HeaderValue::from_static(yes), tag), "{yes}");
        }
        for no in ["\"abd\"", "abc", ""] {
            assert!(!etag_matches(&HeaderValue::from_static(no), tag), "{no}");
        }
    }
}
