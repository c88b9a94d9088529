//! What moderators do: act on a comment, lock a thread, ban and unban.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use threadline_protocol::limits::{TEXT_MAX, TEXT_MIN};
use threadline_protocol::moderation::{Ban, ModerationNote, ModeratorEdit, NewBan, ThreadLock};
use threadline_protocol::Comment;

use super::auth::Signed;
use super::{optional_json, same_site};
use crate::error::ApiError;
use crate::extract::{parse_json, ApiJson};
use crate::store::CommentAction;
use crate::{clock, AppState};

/// Most characters in a moderator's reason or note.
const NOTE_MAX: usize = 500;

fn note(raw: Option<String>, field: &str) -> Result<Option<String>, ApiError> {
    let raw = raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    match raw {
        Some(s) if s.chars().count() > NOTE_MAX => {
            Err(ApiError::invalid(field, format!("Keep it to {NOTE_MAX} characters.")))
        }
        other => Ok(other),
    }
}

/// `POST /api/moderation/comments/{id}/{action}` with `action` one of `approve`, `reject`,
/// `delete`, `edit`, `pin`, `unpin`: answers the updated comment as moderators see it.
pub async fn comment_action(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Result<Json<Comment>, ApiError> {
    let Path((id, verb)) = path.map_err(|_| ApiError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| ApiError::NoSuchItem)?;
    let action = match verb.as_str() {
        "approve" => CommentAction::Approve,
        "reject" => CommentAction::Reject(note(optional_json::<ModerationNote>(&body)?.reason, "reason")?),
        "delete" => CommentAction::Delete(note(optional_json::<ModerationNote>(&body)?.reason, "reason")?),
        "edit" => {
            let edit: ModeratorEdit = parse_json(&body)?;
            let text = edit.text.trim_end().to_owned();
            let length = text.trim().chars().count();
            if length < TEXT_MIN || text.chars().count() > TEXT_MAX {
                return Err(ApiError::invalid(
                    "text",
                    format!("The text must be 1 to {TEXT_MAX} characters."),
                ));
            }
            CommentAction::Edit { text, note: note(edit.note, "note")? }
        }
        "pin" => CommentAction::Pin(true),
        "unpin" => CommentAction::Pin(false),
        _ => return Err(ApiError::NotFound),
    };
    let comment = state.store.moderate(&moderator, id, &action, clock::now_ms()).await?;
    tracing::info!(moderator = %moderator.name, id, action = action.name(), "moderated");
    if matches!(action, CommentAction::Approve) {
        // A reply becomes visible now: its parent's author may be waiting to hear of it.
        state.mail.comment_approved(state.mail_place(&moderator.site), id).await;
    }
    Ok(Json(comment))
}

/// The answer to a lock: the thread's state now.
#[derive(Debug, Serialize)]
pub struct Locked {
    /// The thread.
    pub thread: String,
    /// Whether it is locked.
    pub locked: bool,
}

/// `POST /api/moderation/threads/lock`: locks or unlocks a thread of the moderator's site.
pub async fn lock(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    ApiJson(body): ApiJson<ThreadLock>,
) -> Result<Json<Locked>, ApiError> {
    same_site(body.site.as_deref(), &moderator.site)?;
    let thread = body.thread.trim();
    if thread.is_empty() {
        return Err(ApiError::invalid("thread", "Name the thread to lock."));
    }
    state.store.lock_thread(&moderator, thread, body.locked, clock::now_ms()).await?;
    Ok(Json(Locked { thread: thread.to_owned(), locked: body.locked }))
}

/// `POST /api/moderation/bans`: bans the author of a comment by email, address or author
/// token, for `hours` or for ever; 201 with the ban.
pub async fn ban(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    ApiJson(body): ApiJson<NewBan>,
) -> Result<(StatusCode, Json<Ban>), ApiError> {
    same_site(body.site.as_deref(), &moderator.site)?;
    let now = clock::now_ms();
    let expires = body.hours.map(|h| now.saturating_add(i64::from(h).saturating_mul(3_600_000)));
    let reason = note(body.reason, "reason")?;
    let ban = state.store.ban(&moderator, body.comment_id, body.by, expires, reason.as_deref(), now).await?;
    Ok((StatusCode::CREATED, Json(ban)))
}

/// `DELETE /api/moderation/bans/{id}`: lifts a ban; 204.
pub async fn unban(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    path: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = path.map_err(|_| ApiError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| ApiError::NoSuchItem)?;
    state.store.unban(&moderator, id, clock::now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}
