//! `GET /api/health`: a liveness probe.

use axum::Json;
use serde::Serialize;

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
