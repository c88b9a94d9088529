//! The per-client posting rate limit: a GCRA token bucket per [`IpHash`] (the `governor`
//! crate), in memory.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::client_ip::IpHash;

/// Every this many checks, buckets that are full again are dropped, so memory follows the
/// number of recent posters rather than of all posters ever.
const PRUNE_EVERY: u64 = 1024;

/// Allows each client a burst of `posts` posts, refilled at `posts` per `window` (one every
/// `window / posts`). So a client that waits a whole window may post `posts` times in a
/// row again, and a steady poster gets one post every `window / posts`.
pub struct PostRateLimiter {
    limiter: DefaultKeyedRateLimiter<IpHash>,
    checks: AtomicU64,
}

impl fmt::Debug for PostRateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostRateLimiter").field("clients", &self.limiter.len()).finish()
    }
}

/// A refused post: the client may try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// Whole seconds for the `Retry-After` header, rounded up and at least 1.
    pub fn secs(self) -> u64 {
        let secs = self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0);
        secs.max(1)
    }
}

impl PostRateLimiter {
    /// A limiter for `posts` per `window`; `None` when the window is zero.
    pub fn new(posts: NonZeroU32, window: Duration) -> Option<Self> {
        let quota = Quota::with_period(window / posts.get())?.allow_burst(posts);
        Some(Self { limiter: RateLimiter::keyed(quota), checks: AtomicU64::new(0) })
    }

    /// Takes one post from `client`'s bucket, or says how long until there is one.
    pub fn check(&self, client: IpHash) -> Result<(), RetryAfter> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        self.limiter
            .check_key(&client)
            .map_err(|not_until| RetryAfter(not_until.wait_time_from(self.limiter.clock().now())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abuse::client_ip::IpHasher;

    #[test]
    fn a_burst_then_refusal_with_a_wait_per_client() {
        let limiter = PostRateLimiter::new(NonZeroU32::new(3).unwrap(), Duration::from_secs(3600)).unwrap();
        let hasher = IpHasher::new(b"s");
        let (a, b) = (hasher.hash([10, 0, 0, 1].into()), hasher.hash([10, 0, 0, 2].into()));
        for _ in 0..3 {
            assert_eq!(limiter.check(a), Ok(()));
        }
        let wait = limiter.check(a).unwrap_err();
        assert!((1190..=1200).contains(&wait.secs()), "one post per 20 minutes: {wait:?}");
        assert_eq!(limiter.check(b), Ok(()), "another client has its own bucket");
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(RetryAfter(Duration::from_millis(1)).secs(), 1);
        assert_eq!(RetryAfter(Duration::ZERO).secs(), 1);
        assert_eq!(RetryAfter(Duration::from_millis(2001)).secs(), 3);
        assert_eq!(RetryAfter(Duration::from_secs(5)).secs(), 5);
    }
}
