//! `GET /api/comments` (one page of a thread) and `POST /api/comments` (a new comment).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use threadline_protocol::limits::{PAGE_DEFAULT, PAGE_MAX, THREAD_MAX};
use threadline_protocol::{validate_new_comment, Comment, NewComment, ThreadPage};

use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery};
use crate::store::Cursor;
use crate::{clock, AppState};

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
}

/// One page of a thread: whole top-level comments with all of their replies.
pub async fn comments_list(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<ThreadPage>, ApiError> {
    let thread = parse_thread(params.thread.as_deref())?;
    let limit = parse_limit(params.limit.as_deref())?;
    let cursor = parse_cursor(params.cursor.as_deref())?;
    Ok(Json(state.store.thread_page(thread, cursor, limit).await?))
}

/// Validates and stores a new comment; answers 201 with the stored comment.
pub async fn comments_create(
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewComment>,
) -> Result<(StatusCode, Json<Comment>), ApiError> {
    validate_new_comment(&new)?;
    let comment = state.store.insert_comment(&new, clock::now_ms()).await?;
    tracing::info!(id = comment.id, thread = %comment.thread, "comment stored");
    Ok((StatusCode::CREATED, Json(comment)))
}

fn parse_thread(raw: Option<&str>) -> Result<&str, ApiError> {
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

fn parse_cursor(raw: Option<&str>) -> Result<Option<Cursor>, ApiError> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => Cursor::parse(c).map(Some).map_err(|_| {
            ApiError::invalid("cursor", "The cursor is not valid; start again from the first page.")
        }),
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
        assert_eq!(parse_cursor(Some("")).unwrap(), None);
        assert!(parse_cursor(Some("nope")).is_err());
    }
}
