//! An author's own comment: `PATCH /api/comments/{id}?site=…` edits its text and
//! `DELETE /api/comments/{id}?site=…` deletes it, each authorised by the comment's author
//! token (`X-Threadline-Author`) and only within the server's edit window
//! (`--edit-window-mins`, 15 by default).
//!
//! An edit is screened again, as a new comment is: a reject is a 422 and changes nothing, a
//! hold puts the comment back in the queue, and the author then sees it "awaiting
//! moderation". Deleting a comment with visible replies leaves a "deleted" placeholder, so
//! the replies keep their place. Each change goes in the site's audit log, with the text
//! before it.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use threadline_protocol::validate::{non_blank, validate_text, validate_warning};
use threadline_protocol::{AuthorEdit, Comment, NewComment};

use crate::abuse::client_ip::ClientIp;
use crate::error::ApiError;
use crate::extract::{parse_json, ApiQuery, AuthorToken};
use crate::store::records::AuthorChange;
use crate::{clock, screening, tokens, AppState};

/// The query string of both routes.
#[derive(Debug, Default, Deserialize)]
pub struct SiteParam {
    /// The site; `default` when absent.
    pub site: Option<String>,
}

/// What both routes check first: the comment id, and an author token to compare.
fn parts(
    path: Result<Path<String>, PathRejection>,
    token: Option<String>,
) -> Result<(i64, String), ApiError> {
    let Path(id) = path.map_err(|_| ApiError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| ApiError::NoSuchItem)?;
    let token = token.ok_or(ApiError::NotYourComment)?;
    Ok((id, tokens::hash(&token)))
}

/// `PATCH /api/comments/{id}?site=…` with `{"text": …, "warning": …}` (the warning is
/// replaced with the text: leaving it out takes it away): answers the comment as its author
/// now sees it (`edited`, and `pending` if screening held the new text).
pub async fn edit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AuthorToken(token): AuthorToken,
    ApiQuery(params): ApiQuery<SiteParam>,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Result<Json<Comment>, ApiError> {
    let (id, token_hash) = parts(path, token)?;
    let edit: AuthorEdit = parse_json(&body)?;
    validate_text(&edit.text)?;
    validate_warning(&edit.warning)?;
    let site = state.sites.get(params.site.as_deref())?;
    let (comment_site, thread) = state.store.comment_place(id).await?.ok_or(ApiError::NoSuchItem)?;
    if comment_site != site.id {
        return Err(ApiError::NoSuchItem);
    }
    // The name and website were screened with the post and do not change.
    let probe = NewComment {
        thread,
        text: edit.text.clone(),
        warning: edit.warning.clone(),
        ..NewComment::default()
    };
    let decision = screening::decide(&site, &probe).await?;
    // Under pre-moderation with --approve-known, an author editing their own comment is
    // known; a comment still held stays held whatever the screen says.
    let hold = if decision.approve_known { None } else { decision.hold };
    let warning = non_blank(&edit.warning).map(str::to_owned);
    let change = AuthorChange::Edit { text: edit.text.trim_end().to_owned(), warning, hold };
    let ip_hash = state.guards.client_hash(ip).map(|h| h.to_string());
    let window_ms = state.edit_window_ms;
    let comment = state
        .store
        .author_change(&site.id, id, &token_hash, ip_hash.as_deref(), &change, window_ms, clock::now_ms())
        .await?;
    tracing::info!(id, status = ?comment.status, "comment edited by its author");
    if comment.status == threadline_protocol::CommentStatus::Pending {
        state.mail.comment_held(state.mail_place(&site.id), id).await;
    }
    Ok(Json(comment))
}

/// `DELETE /api/comments/{id}?site=…`: answers the comment as its author now sees it
/// (`deleted`, with no author or text).
pub async fn delete(
    State(state): State<AppState>,
    AuthorToken(token): AuthorToken,
    ApiQuery(params): ApiQuery<SiteParam>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Comment>, ApiError> {
    let (id, token_hash) = parts(path, token)?;
    let site = state.sites.get(params.site.as_deref())?;
    let window_ms = state.edit_window_ms;
    let row = state
        .store
        .author_change(&site.id, id, &token_hash, None, &AuthorChange::Delete, window_ms, clock::now_ms())
        .await?;
    tracing::info!(id, "comment deleted by its author");
    let mut comment = row;
    comment.author.clear();
    comment.text.clear();
    comment.website = None;
    Ok(Json(comment))
}
