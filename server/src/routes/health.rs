//! Probes: `GET /api/health` and `GET /healthz` (the process is up) and `GET /readyz` (the
//! database answers and every migration of this binary is applied), for load balancers and
//! orchestrators. `/healthz` and `/readyz` sit at the root, where probes look for them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::AppState;

/// The body of a health answer.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `"ok"` when the server answers at all.
    pub status: &'static str,
}

/// Answers `{"status":"ok"}`.
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The body of a readiness answer.
#[derive(Debug, Serialize)]
pub struct Ready {
    /// `"ready"`, or `"not ready"`.
    pub status: &'static str,
    /// Migrations applied, out of those this binary knows, and those missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migrations: Option<crate::store::Readiness>,
    /// Why the server is not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// 200 `{"status":"ready","migrations":{…}}` when the database answers and carries every
/// migration; 503 with the reason otherwise (the cause of a database failure is logged, not
/// sent).
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.readiness().await {
        Ok(m) if m.missing.is_empty() => {
            Json(Ready { status: "ready", migrations: Some(m), reason: None }).into_response()
        }
        Ok(m) => {
            let reason = format!("migrations not applied: {:?}", m.missing);
            let body = Ready { status: "not ready", migrations: Some(m), reason: Some(reason) };
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            let body = Ready {
                status: "not ready",
                migrations: None,
                reason: Some("the database does not answer".into()),
            };
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}
