//! Prometheus metrics at `GET /metrics`: every routed request counted and timed per route
//! (`http_requests_total`, `http_request_duration_seconds`), and at each scrape the open
//! live-update streams, the held comments, the mail queue and the database pools. The
//! `metrics` crate records; `metrics-exporter-prometheus` renders the text format.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::AppState;

/// Latency buckets, in seconds: a cached page answers in well under a millisecond, a post
/// in a few.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's recorder, installed on first use. `None` when another recorder was installed
/// first (an embedding program's own): the server then records into that one and `/metrics`
/// says it has nothing to show.
fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full("http_request_duration_seconds".into()), &BUCKETS)
                .ok()?;
            builder.install_recorder().ok()
        })
        .as_ref()
}

/// Installs the recorder (at start, so that the first requests are counted too).
pub fn install() {
    let _ = handle();
}

/// Counts and times one request under its route's pattern (`/api/comments/{id}/vote`, never
/// the raw path, so that the label set stays small).
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!("http_request_duration_seconds", "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!("http_requests_total", "route" => route, "method" => method, "status" => status)
        .increment(1);
    response
}

/// `GET /metrics`: the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    metrics::gauge!("threadline_sse_streams_open").set(state.streams.open_count() as f64);
    match state.store.gauges().await {
        Ok(g) => {
            metrics::gauge!("threadline_comments_held").set(g.held as f64);
            for (queue_state, n) in
                [("waiting", g.mail_waiting), ("sent", g.mail_sent), ("failed", g.mail_failed)]
            {
                metrics::gauge!("threadline_mail_queue", "state" => queue_state).set(n as f64);
            }
            for (pool, (open, idle)) in [("reads", g.reads), ("writes", g.writes)] {
                metrics::gauge!("threadline_db_connections", "pool" => pool, "state" => "open")
                    .set(open as f64);
                metrics::gauge!("threadline_db_connections", "pool" => pool, "state" => "idle")
                    .set(idle as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the database gauges failed"),
    }
    let body = handle().map(PrometheusHandle::render).unwrap_or_default();
    ([(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response()
}
