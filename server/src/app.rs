//! The whole HTTP surface in one place: the route table, the fallbacks and the layers.

use std::any::Any;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::header::X_CONTENT_TYPE_OPTIONS;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post};
use axum::Router;
use threadline_protocol::limits::BODY_MAX_BYTES;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::abuse::forwarded;
use crate::cors::{self, OriginPolicy};
use crate::error::{method_not_allowed, not_found, ApiError};
use crate::routes::moderation::{actions, auth, mail as moderator_mail, views};
use crate::routes::{challenge, comments, counts, feeds, health, mail, own, replies, reports, stream, votes};
use crate::AppState;

/// Builds the application: the native API under `/api`, the static widget and demo page at
/// `/` when `state.dist` is set, and JSON 404s everywhere else.
pub fn app(state: AppState) -> Router {
    crate::metrics::install();
    let api = Router::new()
        .route("/health", get(health::health))
        .route("/comments", get(comments::comments_list).post(comments::comments_create))
        .route("/comments/stream", get(stream::stream))
        .route("/counts", post(counts::counts))
        .route("/feeds/thread.atom", get(feeds::thread_feed))
        .route("/feeds/site.atom", get(feeds::site_feed))
        .route("/challenge", get(challenge::challenge))
        .route("/comments/{id}", patch(own::edit).delete(own::delete))
        .route("/comments/{id}/reports", post(reports::report))
        .route("/comments/{id}/vote", post(votes::vote))
        .route("/comments/{id}/replies", get(replies::replies))
        .route("/moderation/sign-in", post(auth::sign_in))
        .route("/moderation/session", get(auth::session).delete(auth::sign_out))
        .route("/moderation/queue", get(views::queue))
        .route("/moderation/audit", get(views::audit))
        .route("/moderation/bans", get(views::bans).post(actions::ban))
        .route("/moderation/bans/{id}", delete(actions::unban))
        .route("/moderation/comments/{id}/{action}", post(actions::comment_action))
        .route("/moderation/threads/lock", post(actions::lock))
        .route("/moderation/mail", get(moderator_mail::settings).put(moderator_mail::update))
        .route("/mail/confirm", get(mail::confirm_page).post(mail::confirm))
        .route("/mail/unsubscribe", get(mail::unsubscribe_page).post(mail::unsubscribe))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed);
    let router = Router::new()
        .route("/healthz", get(health::health))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(crate::metrics::metrics))
        .nest("/api", api)
        // Routed requests only, so that each is counted under its route's pattern.
        .route_layer(axum::middleware::from_fn(crate::metrics::track));
    let router = match &state.dist {
        Some(dir) => router.fallback_service(ServeDir::new(dir)),
        None => router.fallback(not_found),
    };
    // Forwarding headers are only news when they are not trusted.
    let router = if state.guards.trust_forwarded_for {
        router
    } else {
        router.layer(axum::middleware::from_fn_with_state(state.clone(), forwarded::warn_untrusted))
    };
    // The last layer added is the outermost: tracing sees every request, including panics;
    // the site's origin check runs inside CORS, so that its 403 carries CORS headers.
    let origins = Arc::new(OriginPolicy::new(&state));
    router
        .layer(DefaultBodyLimit::max(BODY_MAX_BYTES))
        .layer(axum::middleware::from_fn_with_state(origins.clone(), cors::check_site_origin))
        .layer(cors::layer(origins))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // gzip or brotli as the client asks, for answers over 32 bytes; never for the live
        // stream (tower-http leaves `text/event-stream` alone) or images.
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// A handler panic is a bug: answer 500 with the JSON error body and log it.
fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    ApiError::Internal(format!("handler panicked: {detail}")).into_response()
}
