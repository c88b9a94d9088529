//! `POST /api/comments/{id}/vote?site=…`: a reader votes on a comment.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use threadline_protocol::{Vote, VoteCount};

use crate::abuse::client_ip::ClientIp;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, AuthorToken};
use crate::routes::own::SiteParam;
use crate::{clock, AppState};

/// Sets the reader's vote (`{"value": 1}` up, `-1` down, `0` to take it back) and answers
/// the comment's counts. One vote per reader per comment: voting again replaces the vote.
/// The reader is their author token when this server issued it, else their address. A
/// downvote on a site without downvotes is 400 naming `value`; a comment readers cannot
/// see is 404.
pub async fn vote(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AuthorToken(token): AuthorToken,
    ApiQuery(params): ApiQuery<SiteParam>,
    path: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<Vote>,
) -> Result<Json<VoteCount>, ApiError> {
    let Path(id) = path.map_err(|_| ApiError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| ApiError::NoSuchItem)?;
    let site = state.sites.get(params.site.as_deref())?;
    match body.value {
        1 | 0 => {}
        -1 if site.downvotes => {}
        -1 => {
            return Err(ApiError::invalid(
                "value",
                "This site takes upvotes only: send 1, or 0 to take a vote back.",
            ))
        }
        _ => {
            return Err(ApiError::invalid(
                "value",
                "Send 1 to vote up, -1 to vote down, or 0 to take a vote back.",
            ))
        }
    }
    let voter = super::reader::reader_key(&state, token, ip).await?;
    let count = state.store.vote(&site.id, id, &voter, body.value, clock::now_ms()).await?;
    Ok(Json(count))
}
