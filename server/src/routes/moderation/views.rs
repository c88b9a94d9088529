//! What moderators read: the queue, the bans and the audit log of their site.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use threadline_protocol::moderation::{AuditLog, BanList, Queue};

use super::auth::Signed;
use super::{same_site, PAGE};
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::store::Cursor;
use crate::{clock, AppState};

/// The query of the moderators' lists: `site` (the moderator's own) and a `cursor`.
#[derive(Debug, Default, Deserialize)]
pub struct SiteQuery {
    /// The site; `default` when absent.
    pub site: Option<String>,
    /// The queue's `next_cursor`.
    pub cursor: Option<String>,
}

/// `GET /api/moderation/queue`: held, hidden and reported comments, newest first.
pub async fn queue(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    ApiQuery(query): ApiQuery<SiteQuery>,
) -> Result<Json<Queue>, ApiError> {
    same_site(query.site.as_deref(), &moderator.site)?;
    let cursor = match query.cursor.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => {
            Some(Cursor::parse(c).map_err(|_| ApiError::invalid("cursor", "The cursor is not valid."))?)
        }
    };
    Ok(Json(state.store.queue(&moderator.site, cursor, PAGE).await?))
}

/// `GET /api/moderation/bans`: live bans, newest first.
pub async fn bans(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    ApiQuery(query): ApiQuery<SiteQuery>,
) -> Result<Json<BanList>, ApiError> {
    same_site(query.site.as_deref(), &moderator.site)?;
    Ok(Json(BanList { items: state.store.bans(&moderator.site, clock::now_ms()).await? }))
}

/// `GET /api/moderation/audit`: the newest 200 actions.
pub async fn audit(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    ApiQuery(query): ApiQuery<SiteQuery>,
) -> Result<Json<AuditLog>, ApiError> {
    same_site(query.site.as_deref(), &moderator.site)?;
    Ok(Json(AuditLog { items: state.store.audit_log(&moderator.site, 4 * PAGE).await? }))
}
