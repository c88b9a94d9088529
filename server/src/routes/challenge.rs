//! `GET /api/challenge`: a fresh proof-of-work challenge, when the server asks for one.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::error::ApiError;
use crate::{clock, AppState};

/// Answers an ALTCHA PoW v2 challenge (`{"parameters": {…}, "signature": "…"}`), never
/// cached; 404 `not_found` when proof of work is off.
pub async fn challenge(State(state): State<AppState>) -> Result<Response, ApiError> {
    let pow = state.guards.pow.as_ref().ok_or(ApiError::ChallengeOff)?;
    let challenge = pow
        .challenge(clock::now_ms())
        .map_err(|e| ApiError::Internal(format!("cannot make a challenge: {e}")))?;
    let mut response = Json(challenge).into_response();
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
