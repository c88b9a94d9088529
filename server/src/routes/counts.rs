//! `POST /api/counts`: comment counts of several threads at once (for article lists).

use axum::extract::State;
use axum::Json;
use threadline_protocol::limits::COUNTS_MAX;
use threadline_protocol::{CountsRequest, CountsResponse};

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::AppState;

/// Counts the comments readers see in each requested thread of the request's site
/// (`default` when it names none); unknown threads count 0.
pub async fn counts(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<CountsRequest>,
) -> Result<Json<CountsResponse>, ApiError> {
    if request.threads.len() > COUNTS_MAX {
        return Err(ApiError::invalid("threads", format!("Ask for at most {COUNTS_MAX} threads at once.")));
    }
    let site = state.sites.get(request.site.as_deref())?;
    Ok(Json(CountsResponse { counts: state.store.counts_in(&site.id, &request.threads).await? }))
}
