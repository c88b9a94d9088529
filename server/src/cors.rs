//! CORS, per site: a request's allowed origins are those of the site it names, plus the
//! server's own origins (allowed for every site). `default` has `--allowed-origin`s; other
//! sites their `site set ID --origin`s.
//!
//! What tower-http's `CorsLayer` can see decides how this is enforced. Its origin predicate
//! sees the request line and headers but never the body, and a preflight (`OPTIONS`) carries
//! no body at all; yet `POST /api/comments` and `POST /api/counts` name their site in the
//! body. So, in two parts:
//!
//! - [`layer`]: when the URL names the site (the `site` query parameter, or `GET
//!   /api/comments`, whose site is `default` without one), the CORS headers, preflight
//!   included, are those of that site: an origin another site allows gets none. Otherwise
//!   (the site is in the body, or the request names none), preflights pass for the union of
//!   every site's origins.
//! - [`check_site_origin`]: then the actual request, whose body is there, is refused with 403
//!   `forbidden` when its `Origin` is one that another site allows but not the site it names
//!   (in the URL or in a JSON body's `site` field). Same-origin requests (`Origin` is the
//!   `Host` the request was sent to), origins no site allows (they get no CORS headers, as
//!   before) and requests that name no site (reports, the challenge, moderator calls by
//!   comment id) are not checked here.
//!
//! A server with one site (or whose sites all allow the same origins) takes a fast path:
//! no body is buffered twice.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, HOST, ORIGIN, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use threadline_protocol::limits::BODY_MAX_BYTES;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::abuse::pow;
use crate::error::ApiError;
use crate::extract::{AUTHOR_HEADER, IDEMPOTENCY_KEY};
use crate::routes::comments::IDEMPOTENT_REPLAYED;
use crate::site::{SiteRegistry, SiteSettings, DEFAULT_SITE};
use crate::AppState;

/// How long browsers may cache a CORS preflight answer.
pub const CORS_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Which origins may call the API for which site.
#[derive(Debug)]
pub struct OriginPolicy {
    /// The server's own origins: every site's.
    own: Vec<String>,
    sites: SiteRegistry,
}

impl OriginPolicy {
    /// The policy of `state`'s sites and own origins.
    pub fn new(state: &AppState) -> Self {
        Self { own: state.own_origins.clone(), sites: state.sites.clone() }
    }

    fn own(&self, origin: &[u8]) -> bool {
        self.own.iter().any(|o| o.as_bytes() == origin)
    }

    /// Whether `origin` may call the API for `site`.
    pub fn allows(&self, site: &SiteSettings, origin: &[u8]) -> bool {
        self.own(origin) || site.allows_origin(origin)
    }

    /// Whether some site allows `origin`.
    pub fn allows_somewhere(&self, origin: &[u8]) -> bool {
        self.own(origin) || self.sites.snapshot().iter().any(|s| s.allows_origin(origin))
    }

    /// The CORS decision on `origin` for a request (or its preflight).
    fn cors(&self, origin: &HeaderValue, parts: &Parts) -> bool {
        let origin = origin.as_bytes();
        match site_in_url(parts) {
            // An unknown site is answered 400 by the handler; let the widget read it.
            Some(id) => match self.sites.snapshot().find(Some(&id)) {
                Some(site) => self.allows(site, origin),
                None => self.allows_somewhere(origin),
            },
            None => self.allows_somewhere(origin),
        }
    }
}

/// The site a request's URL names: its `site` query parameter (blank is `default`), or
/// `default` for `GET /api/comments` without one. For a preflight, the method is the one it
/// asks about.
fn site_in_url(parts: &Parts) -> Option<String> {
    if let Some(query) = parts.uri.query() {
        let site = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "site").map(|(_, v)| v));
        if let Some(site) = site {
            return Some(site);
        }
    }
    let method = if parts.method == Method::OPTIONS {
        parts.headers.get("access-control-request-method").map(HeaderValue::as_bytes)
    } else {
        Some(parts.method.as_str().as_bytes())
    };
    (parts.uri.path() == "/api/comments" && method == Some(b"GET")).then(|| DEFAULT_SITE.to_owned())
}

/// Whether the request is same-origin: its `Origin` is `http(s)://` + the `Host` it was sent
/// to. CORS does not apply to those, whatever site they name.
fn same_origin(origin: &HeaderValue, parts: &Parts) -> bool {
    let origin = origin.as_bytes();
    let host = origin.strip_prefix(b"https://").or_else(|| origin.strip_prefix(b"http://"));
    host.is_some_and(|host| parts.headers.get(HOST).is_some_and(|h| h.as_bytes() == host))
}

/// The `site` field of a JSON body, when it is a string.
#[derive(Deserialize)]
struct SiteField {
    #[serde(default)]
    site: Option<serde_json::Value>,
}

/// CORS for the API: GET, POST and DELETE with a JSON body, the `Idempotency-Key`, `Altcha`,
/// `X-Threadline-Author` and `Authorization` (moderators) request headers, and `Retry-After`
/// and `Idempotent-Replayed` readable by the widget; the origins as the module says.
pub fn layer(policy: Arc<OriginPolicy>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, parts| policy.cors(origin, parts)))
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE, Method::OPTIONS])
        .allow_headers([
            CONTENT_TYPE,
            AUTHORIZATION,
            HeaderName::from_static(AUTHOR_HEADER),
            HeaderName::from_static(IDEMPOTENCY_KEY),
            HeaderName::from_static(pow::HEADER),
        ])
        .expose_headers([RETRY_AFTER, HeaderName::from_static(IDEMPOTENT_REPLAYED)])
        .max_age(CORS_MAX_AGE)
}

/// Refuses, with 403 `forbidden`, an API request whose `Origin` is not allowed for the site
/// it names in its URL or in its JSON body (see the module). Runs inside the CORS layer, so
/// that a widget on another site's origin can read why.
pub async fn check_site_origin(
    State(policy): State<Arc<OriginPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    if policy.sites.snapshot().uniform_origins()
        || request.method() == Method::OPTIONS
        || !request.uri().path().starts_with("/api/")
    {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Some(origin) = parts.headers.get(ORIGIN).cloned() else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    // An origin no site allows gets no CORS headers, which is refusal enough: the browser
    // blocks the answer (and sends no JSON POST at all after the failed preflight).
    if same_origin(&origin, &parts)
        || policy.own(origin.as_bytes())
        || !policy.allows_somewhere(origin.as_bytes())
    {
        return next.run(Request::from_parts(parts, body)).await;
    }
    // Every site the request names must allow the origin: a POST could name one in its URL
    // (which the CORS headers followed) and another in its body (which the handler takes).
    let mut named: Vec<String> = site_in_url(&parts).into_iter().collect();
    let body = if parts.method == Method::POST {
        // The handler reads the body after this, within the same limit.
        let Ok(bytes) = axum::body::to_bytes(body, BODY_MAX_BYTES).await else {
            return ApiError::PayloadTooLarge.into_response();
        };
        match serde_json::from_slice::<SiteField>(&bytes).ok().and_then(|f| f.site) {
            Some(serde_json::Value::String(site)) => named.push(site),
            // Not a string: the handler answers 400.
            Some(_) => {}
            None if matches!(parts.uri.path(), "/api/comments" | "/api/counts") => {
                named.push(DEFAULT_SITE.to_owned());
            }
            None => {}
        }
        Body::from(bytes)
    } else {
        body
    };
    let sites = policy.sites.snapshot();
    for site in named.iter().filter_map(|id| sites.find(Some(id))) {
        if !policy.allows(site, origin.as_bytes()) {
            let origin = String::from_utf8_lossy(origin.as_bytes()).into_owned();
            tracing::info!(site = %site.id, %origin, path = parts.uri.path(), "origin not allowed for its site");
            return ApiError::OriginForbidden { site: site.id.clone(), origin }.into_response();
        }
    }
    next.run(Request::from_parts(parts, body)).await
}
