//! Abuse limits on posting: the command-line options ([`LimitArgs`]) and what they become at
//! start-up ([`Guards`]): the client-address hasher, the rate limiter, the duplicate window,
//! the bound on new threads, the optional proof-of-work and the warning about forwarding
//! headers that are not trusted ([`forwarded`]). The checks that need the database (duplicates,
//! idempotency keys, spent challenges) are in [`crate::store`]; the order in which a post
//! meets them is in [`crate::routes::comments`].

pub mod client_ip;
pub mod forwarded;
pub mod pow;
pub mod rate;

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use crate::store::{Store, StoreError};
use client_ip::{IpHash, IpHasher};
use forwarded::UntrustedForwarding;
use pow::Pow;
use rate::PostRateLimiter;

/// The honeypot: a JSON field of a new comment that people never see (the widget renders it
/// hidden) and bots fill in. A post with a non-empty value is answered as if stored.
pub const HONEYPOT_FIELD: &str = "homepage";

/// How long an `Idempotency-Key` is remembered.
pub const IDEMPOTENCY_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Command-line options of the abuse limits (each also read from the environment).
#[derive(Debug, Clone, clap::Args)]
pub struct LimitArgs {
    /// Posts one client may make in a burst, refilled at this many per --post-window;
    /// 0 turns the rate limit off.
    #[arg(long, env = "THREADLINE_POST_RATE", value_name = "N", default_value_t = 30)]
    pub post_rate: u32,
    /// The window of --post-rate, in seconds.
    #[arg(long, env = "THREADLINE_POST_WINDOW", value_name = "SECS", default_value_t = 600,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub post_window: u64,
    /// Take the client address from the last X-Forwarded-For entry. Needed behind a reverse
    /// proxy (which must set it), and only there: otherwise every client can pick its own
    /// address.
    #[arg(long, env = "THREADLINE_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Exempt clients on this machine (127.0.0.0/8, ::1) from the per-address limits (rate,
    /// new threads, the address half of duplicate detection); they get no address hash. For
    /// the demo, tests and local scripts: never behind a reverse proxy on the same machine
    /// without --trust-forwarded-for, where every reader would be exempt.
    #[arg(long, env = "THREADLINE_EXEMPT_LOOPBACK")]
    pub exempt_loopback: bool,
    /// Salt for hashing client addresses; by default a random salt made at first start and
    /// kept in the database.
    #[arg(long, env = "THREADLINE_IP_SALT", value_name = "SALT", hide_env_values = true)]
    pub ip_salt: Option<String>,
    /// Refuse the same text by the same author in the same thread within this many minutes;
    /// 0 turns duplicate detection off.
    #[arg(long, env = "THREADLINE_DUPLICATE_WINDOW_MINS", value_name = "MINS", default_value_t = 10)]
    pub duplicate_window_mins: u64,
    /// New threads (the first comment under a thread key) one client may start per hour;
    /// 0 turns the bound off.
    #[arg(long, env = "THREADLINE_NEW_THREADS_PER_HOUR", value_name = "N", default_value_t = 20)]
    pub new_threads_per_hour: u32,
    /// Require a solved proof-of-work challenge (GET /api/challenge) with every post.
    #[arg(long, env = "THREADLINE_POW")]
    pub pow: bool,
    /// Proof-of-work difficulty: the largest counter a client may have to reach (it tries
    /// about 0.75 × N hashes); implies --pow.
    #[arg(long, env = "THREADLINE_POW_DIFFICULTY", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub pow_difficulty: Option<u32>,
}

impl Default for LimitArgs {
    fn default() -> Self {
        Self {
            post_rate: 30,
            post_window: 600,
            trust_forwarded_for: false,
            exempt_loopback: false,
            ip_salt: None,
            duplicate_window_mins: 10,
            new_threads_per_hour: 20,
            pow: false,
            pow_difficulty: None,
        }
    }
}

/// The abuse limits in force, shared by every request.
#[derive(Debug)]
pub struct Guards {
    /// Whether the client address comes from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// Whether loopback clients skip the per-address limits.
    pub exempt_loopback: bool,
    /// Warns about forwarding headers that are not trusted (when they are not).
    pub untrusted_forwarding: UntrustedForwarding,
    /// Hashes client addresses with the server's salt.
    pub ip_hasher: IpHasher,
    /// The posting rate limit, when on.
    pub rate: Option<PostRateLimiter>,
    /// The duplicate window in milliseconds, when on.
    pub duplicate_window_ms: Option<i64>,
    /// New threads per client and hour, when bounded.
    pub new_threads_per_hour: Option<u32>,
    /// The proof-of-work challenger, when on.
    pub pow: Option<Pow>,
}

impl Guards {
    /// Builds the limits from `args`, reading (or creating, at first start) the salt and the
    /// proof-of-work secrets in `store`.
    pub async fn new(args: &LimitArgs, store: &Store) -> Result<Self, StoreError> {
        let salt = match &args.ip_salt {
            Some(salt) => salt.clone(),
            None => store.setting_or_insert("ip_salt", random_hex).await?,
        };
        let rate = NonZeroU32::new(args.post_rate)
            .and_then(|n| PostRateLimiter::new(n, Duration::from_secs(args.post_window)));
        let duplicate_window_ms = match args.duplicate_window_mins {
            0 => None,
            mins => Some(i64::try_from(mins.saturating_mul(60_000)).unwrap_or(i64::MAX)),
        };
        let pow = match (args.pow, args.pow_difficulty) {
            (false, None) => None,
            (_, difficulty) => Some(Pow::new(
                store.setting_or_insert("pow_secret", random_hex).await?,
                store.setting_or_insert("pow_key_secret", random_hex).await?,
                difficulty.unwrap_or(pow::DEFAULT_DIFFICULTY),
            )),
        };
        Ok(Self {
            trust_forwarded_for: args.trust_forwarded_for,
            exempt_loopback: args.exempt_loopback,
            untrusted_forwarding: UntrustedForwarding::new(),
            ip_hasher: IpHasher::new(salt.as_bytes()),
            rate,
            duplicate_window_ms,
            new_threads_per_hour: (args.new_threads_per_hour > 0).then_some(args.new_threads_per_hour),
            pow,
        })
    }
}

impl Guards {
    /// The hash that identifies `ip` for the per-address limits and moderation, or `None`
    /// for an exempt loopback client (see [`LimitArgs::exempt_loopback`]).
    pub fn client_hash(&self, ip: IpAddr) -> Option<IpHash> {
        let exempt = self.exempt_loopback && (ip.is_loopback() || client_ip::canonical_ip(ip).is_loopback());
        (!exempt).then(|| self.ip_hasher.hash(ip))
    }
}

/// 32 random bytes as hex: a fresh salt or secret.
pub fn random_hex() -> String {
    let mut bytes = [0; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    hex::encode(bytes)
}

/// Whether the honeypot value (of any JSON type) counts as filled in: anything but absent,
/// `null` or a blank string.
pub fn honeypot_filled(value: Option<&serde_json::Value>) -> bool {
    match value {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn honeypot_values() {
        assert!(!honeypot_filled(None));
        for empty in [json!(null), json!(""), json!("  ")] {
            assert!(!honeypot_filled(Some(&empty)), "{empty}");
        }
        for filled in [json!("http://spam.example"), json!(0), json!(false), json!([]), json!({})] {
            assert!(honeypot_filled(Some(&filled)), "{filled}");
        }
    }

    #[tokio::test]
    async fn secrets_survive_and_limits_turn_off() {
        let store = Store::open_in_memory().await.unwrap();
        let off = LimitArgs {
            post_rate: 0,
            duplicate_window_mins: 0,
            new_threads_per_hour: 0,
            ..LimitArgs::default()
        };
        let guards = Guards::new(&off, &store).await.unwrap();
        assert!(guards.rate.is_none() && guards.duplicate_window_ms.is_none() && guards.pow.is_none());
        assert!(guards.new_threads_per_hour.is_none());
        let again = Guards::new(&LimitArgs { pow_difficulty: Some(7), ..off }, &store).await.unwrap();
        let ip = "192.0.2.1".parse().unwrap();
        assert_eq!(guards.ip_hasher.hash(ip), again.ip_hasher.hash(ip), "the stored salt is reused");
        assert!(again.pow.is_some(), "--pow-difficulty implies --pow");
        let locals = ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"];
        for local in locals {
            assert!(guards.client_hash(local.parse().unwrap()).is_some(), "limited by default: {local}");
        }
        let exempt =
            Guards::new(&LimitArgs { exempt_loopback: true, ..LimitArgs::default() }, &store).await.unwrap();
        for local in locals {
            assert_eq!(exempt.client_hash(local.parse().unwrap()), None, "{local}");
        }
        assert!(exempt.client_hash(ip).is_some(), "only loopback is exempt");
    }
}
