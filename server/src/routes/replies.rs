//! `GET /api/comments/{id}/replies?site=…&cursor=…`: the replies of a top-level comment
//! that its page left out ("N more replies"), a batch at a time.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use threadline_protocol::RepliesPage;

use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::store::Cursor;
use crate::AppState;

/// The query string.
#[derive(Debug, Default, Deserialize)]
pub struct RepliesParams {
    /// The site; `default` when absent.
    pub site: Option<String>,
    /// The `more_replies.cursor` of the page, or the `more.cursor` of the last batch.
    pub cursor: Option<String>,
}

/// Answers the next batch of replies that readers can see, oldest first, with what is
/// left; 404 for a comment that is not a visible top-level comment of the site.
pub async fn replies(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<RepliesParams>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<RepliesPage>, ApiError> {
    let Path(id) = path.map_err(|_| ApiError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| ApiError::NoSuchItem)?;
    let site = state.sites.get(params.site.as_deref())?;
    let after =
        match params.cursor.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(Cursor::parse(c).map_err(|_| {
                ApiError::invalid("cursor", "The cursor is not valid; load the thread again.")
            })?),
        };
    let (comment_site, thread) = state.store.comment_place(id).await?.ok_or(ApiError::NoSuchItem)?;
    if comment_site != site.id {
        return Err(ApiError::NoSuchItem);
    }
    let page = state.store.replies_page(&site.id, &thread, id, after).await?.ok_or(ApiError::NoSuchItem)?;
    Ok(Json(page))
}
