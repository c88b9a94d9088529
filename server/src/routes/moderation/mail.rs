//! A moderator's mail settings: `GET` and `PUT /api/moderation/mail`. A moderator who gives
//! an address and `held: true` gets an email whenever a comment is held on their site, once
//! the address is confirmed: a new address gets a confirmation email first, as a reader's
//! does, so that a session cannot be used to send mail to someone else.

use axum::extract::State;
use axum::Json;
use threadline_protocol::limits::EMAIL_MAX;
use threadline_protocol::moderation::{ModeratorMail, ModeratorMailUpdate};
use threadline_protocol::validate::non_blank;

use super::auth::Signed;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::mail::Mail;
use crate::store::mail::normalize_email;
use crate::AppState;

/// `GET /api/moderation/mail`: the signed-in moderator's settings.
pub async fn settings(
    State(state): State<AppState>,
    Signed(moderator): Signed,
) -> Result<Json<ModeratorMail>, ApiError> {
    Ok(Json(view(&state, moderator.id).await?))
}

/// `PUT /api/moderation/mail` with `{"email": "…", "held": true}`: sets the address and
/// whether held comments are emailed; queues a confirmation when the address needs one.
/// 400 naming `email` for an unusable address, or for `held` without one; 400 naming
/// `held` when the server sends no mail.
pub async fn update(
    State(state): State<AppState>,
    Signed(moderator): Signed,
    ApiJson(body): ApiJson<ModeratorMailUpdate>,
) -> Result<Json<ModeratorMail>, ApiError> {
    let email = non_blank(&body.email).map(normalize_email);
    if let Some(email) = &email {
        if email.chars().count() > EMAIL_MAX || !Mail::deliverable(email) {
            return Err(ApiError::invalid("email", "That email address does not look right."));
        }
    }
    if body.held && email.is_none() {
        return Err(ApiError::invalid("email", "Please enter your email address."));
    }
    if body.held && !state.mail.enabled() {
        return Err(ApiError::invalid("held", "This comment server sends no email (it has no --smtp-url)."));
    }
    state.store.set_moderator_mail(moderator.id, email.as_deref(), body.held).await?;
    if let (Some(email), true) = (&email, body.held) {
        state.mail.opt_in(&state.mail_place(&moderator.site), "the moderation queue", email).await?;
    }
    tracing::info!(moderator = %moderator.name, held = body.held, "moderator mail settings");
    Ok(Json(view(&state, moderator.id).await?))
}

async fn view(state: &AppState, moderator_id: i64) -> Result<ModeratorMail, ApiError> {
    let stored = state.store.moderator_mail(moderator_id).await?;
    Ok(ModeratorMail { email: stored.email, held: stored.held, confirmed: stored.confirmed })
}
