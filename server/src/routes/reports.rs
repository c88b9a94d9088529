//! `POST /api/comments/{id}/reports`: a reader reports a comment.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use threadline_protocol::moderation::{NewReport, ReportCount, REPORT_NOTE_MAX};

use crate::abuse::client_ip::ClientIp;
use crate::error::ApiError;
use crate::extract::{ApiJson, AuthorToken};
use crate::{clock, AppState};

/// Records a report, one per reader per comment (409 `already_reported` for a second one):
/// the reader is their author token when it is one this server issued, else their address
/// (hashed). 201 with the comment's open reports; at the site's threshold the comment is
/// hidden pending review. 404 for a comment readers cannot see.
pub async fn report(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AuthorToken(author): AuthorToken,
    path: Result<Path<String>, PathRejection>,
    ApiJson(mut body): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<ReportCount>), ApiError> {
    let Path(id) = path.map_err(|_| ApiError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| ApiError::NoSuchItem)?;
    body.note = body.note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if body.note.as_ref().is_some_and(|n| n.chars().count() > REPORT_NOTE_MAX) {
        return Err(ApiError::invalid("note", format!("Keep the note to {REPORT_NOTE_MAX} characters.")));
    }
    let (site, _) = state.store.comment_place(id).await?.ok_or(ApiError::NoSuchItem)?;
    let threshold =
        state.sites.get(Some(&site)).map_or(crate::site::DEFAULT_REPORT_THRESHOLD, |s| s.report_threshold);
    let reporter = super::reader::reader_key(&state, author, ip).await?;
    let reported = state.store.report(id, &reporter, &body, threshold, clock::now_ms()).await?;
    if reported.hidden {
        tracing::info!(id, reports = reported.reports, "comment hidden by reports");
    }
    Ok((StatusCode::CREATED, Json(ReportCount { reports: reported.reports })))
}
