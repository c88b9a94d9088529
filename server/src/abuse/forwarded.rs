//! The warning about forwarding headers the server was not told to trust.
//!
//! A request that carries `X-Forwarded-For` or `Forwarded` usually came through a reverse
//! proxy. Without `--trust-forwarded-for` the server takes the proxy's address for the
//! reader's, so every reader behind that proxy shares one rate limit, one bound on new
//! threads and one address for duplicate detection. That is safe (a header from anyone else
//! could name any address), but nothing else would tell the operator, so it is logged
//! loudly: at the first such request and then at most once per [`PERIOD`], with the number
//! of such requests since the previous warning.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::header::FORWARDED;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

use super::client_ip::X_FORWARDED_FOR;
use crate::AppState;

/// At most one warning per this period.
pub const PERIOD: Duration = Duration::from_secs(10 * 60);

/// `last_warned_ms` before the first warning.
const NEVER: u64 = u64::MAX;

/// Counts requests with untrusted forwarding headers and says when to warn about them.
#[derive(Debug)]
pub struct UntrustedForwarding {
    started: Instant,
    /// When the last warning was logged, in milliseconds since `started`, or [`NEVER`].
    last_warned_ms: AtomicU64,
    /// Such requests not yet reported in a warning.
    unreported: AtomicU64,
}

impl Default for UntrustedForwarding {
    fn default() -> Self {
        Self::new()
    }
}

impl UntrustedForwarding {
    /// Nothing seen yet.
    pub fn new() -> Self {
        Self { started: Instant::now(), last_warned_ms: AtomicU64::new(NEVER), unreported: AtomicU64::new(0) }
    }

    /// Notes a request that carries `headers`; logs the warning when one is due.
    pub fn observe(&self, headers: &HeaderMap) {
        let Some(header) = forwarding_header(headers) else { return };
        let now_ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(NEVER - 1);
        if let Some(requests) = self.seen(now_ms) {
            tracing::warn!(
                header,
                requests,
                "requests carry the {header} header, but --trust-forwarded-for is not set: the server \
                 takes the connecting peer (the proxy) as the client, so every reader behind it shares \
                 one rate limit and one address for the other per-address limits. If this server runs \
                 behind a reverse proxy, pass --trust-forwarded-for (and make the proxy set \
                 X-Forwarded-For). {requests} such request(s) since the last warning; the next \
                 warning comes in 10 minutes at the earliest."
            );
        }
    }

    /// Counts one request at `now_ms`; `Some(n)` when a warning is due now, `n` being the
    /// requests it reports (this one included).
    fn seen(&self, now_ms: u64) -> Option<u64> {
        self.unreported.fetch_add(1, Ordering::Relaxed);
        let last = self.last_warned_ms.load(Ordering::Relaxed);
        let due = last == NEVER || now_ms.saturating_sub(last) >= PERIOD.as_millis() as u64;
        // Of requests arriving together, the one that moves the clock warns.
        let won = due
            && self
                .last_warned_ms
                .compare_exchange(last, now_ms, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok();
        won.then(|| self.unreported.swap(0, Ordering::Relaxed))
    }
}

/// The name of the forwarding header `headers` carry, if any.
fn forwarding_header(headers: &HeaderMap) -> Option<&'static str> {
    if headers.contains_key(X_FORWARDED_FOR) {
        Some("X-Forwarded-For")
    } else if headers.contains_key(FORWARDED) {
        Some("Forwarded")
    } else {
        None
    }
}

/// Middleware for servers without `--trust-forwarded-for`: notes every request's forwarding
/// headers (see [`UntrustedForwarding`]) and passes it on unchanged.
pub async fn warn_untrusted(State(state): State<AppState>, request: Request, next: Next) -> Response {
    state.guards.untrusted_forwarding.observe(request.headers());
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_first_request_warns_then_one_warning_per_period_with_the_count() {
        let period = PERIOD.as_millis() as u64;
        let forwarding = UntrustedForwarding::new();
        assert_eq!(forwarding.seen(5), Some(1), "at once");
        assert_eq!(forwarding.seen(6), None);
        assert_eq!(forwarding.seen(5 + period - 1), None);
        assert_eq!(forwarding.seen(5 + period), Some(3), "the two quiet ones and this one");
        assert_eq!(forwarding.seen(6 + period), None);
        assert_eq!(forwarding.seen(5 + 3 * period), Some(2));
    }

    #[test]
    fn both_headers_count_and_others_do_not() {
        let mut headers = HeaderMap::new();
        assert_eq!(forwarding_header(&headers), None);
        headers.insert("x-real-ip", HeaderValue::from_static("203.0.113.9"));
        assert_eq!(forwarding_header(&headers), None);
        headers.insert(FORWARDED, HeaderValue::from_static("for=203.0.113.9"));
        assert_eq!(forwarding_header(&headers), Some("Forwarded"));
        headers.insert(X_FORWARDED_FOR, HeaderValue::from_static("203.0.113.9"));
        assert_eq!(forwarding_header(&headers), Some("X-Forwarded-For"));
        // Without a forwarding header nothing is counted.
        let forwarding = UntrustedForwarding::new();
        forwarding.observe(&HeaderMap::new());
        assert_eq!(forwarding.unreported.load(Ordering::Relaxed), 0);
    }
}
