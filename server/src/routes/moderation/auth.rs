//! Moderator sign-in and sessions: the one-time token from the sign-in link becomes a
//! session token; both are kept only as hashes.

use std::time::Duration;

use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use threadline_protocol::moderation::{ModeratorSession, SignIn};

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::store::Moderator;
use crate::{clock, tokens, AppState};

/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// How long a one-time sign-in token stays valid.
pub const SIGN_IN_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// The session token of `Authorization: Bearer …`, if well formed.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && tokens::well_formed(token)).then_some(token)
}

/// The moderator whose live session the request carries; 401 otherwise.
pub async fn moderator_of(state: &AppState, headers: &HeaderMap, now_ms: i64) -> Result<Moderator, ApiError> {
    let token = bearer(headers).ok_or(ApiError::Unauthorized)?;
    state.store.session(&tokens::hash(token), now_ms).await?.ok_or(ApiError::Unauthorized)
}

/// The signed-in moderator of a request (401 without a live session).
#[derive(Debug, Clone)]
pub struct Signed(pub Moderator);

impl FromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        moderator_of(state, &parts.headers, clock::now_ms()).await.map(Self)
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// `POST /api/moderation/sign-in`: spends a one-time token, answers the session.
pub async fn sign_in(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SignIn>,
) -> Result<Json<ModeratorSession>, ApiError> {
    let token = body.token.trim();
    if !tokens::well_formed(token) {
        return Err(ApiError::Unauthorized);
    }
    let now = clock::now_ms();
    let session = tokens::new_secret();
    let expires = now.saturating_add(ms(SESSION_TTL));
    let moderator = state
        .store
        .sign_in(&tokens::hash(token), &tokens::hash(&session), now, expires)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    tracing::info!(moderator = %moderator.name, site = %moderator.site, "moderator signed in");
    Ok(Json(view(&moderator, Some(session))))
}

/// `GET /api/moderation/session`: who this session is.
pub async fn session(Signed(moderator): Signed) -> Json<ModeratorSession> {
    Json(view(&moderator, None))
}

/// `DELETE /api/moderation/session`: signs out (the session is revoked).
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    moderator_of(&state, &headers, clock::now_ms()).await?;
    let token = bearer(&headers).ok_or(ApiError::Unauthorized)?;
    state.store.end_session(&tokens::hash(token), clock::now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn view(moderator: &Moderator, session: Option<String>) -> ModeratorSession {
    ModeratorSession {
        session,
        name: moderator.name.clone(),
        site: moderator.site.clone(),
        expires_at: clock::rfc3339(moderator.expires_ms),
    }
}

/// Expiry of a new sign-in token issued at `now_ms`.
pub fn sign_in_expiry(now_ms: i64) -> i64 {
    now_ms.saturating_add(ms(SIGN_IN_TTL))
}
