//! Who is posting: the client's IP address ([`ClientIp`]) and its salted hash ([`IpHash`]),
//! the only form in which an address is ever stored or used as a rate-limit key.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::error::ApiError;
use crate::AppState;

/// The standard header a reverse proxy appends the client's address to.
pub const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's IP address: the socket peer, or with `--trust-forwarded-for` the last
/// address of `X-Forwarded-For` (the one the trusted proxy appended; the ones before it
/// are whatever the client chose to send).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if state.guards.trust_forwarded_for {
            if let Some(ip) = forwarded_for(&parts.headers) {
                return Ok(Self(ip));
            }
        }
        // Untrusted forwarding headers are reported by `super::forwarded`, for every route.
        match parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(peer)) => Ok(Self(peer.ip())),
            None => Err(ApiError::Internal(
                "no peer address: serve the router with into_make_service_with_connect_info".into(),
            )),
        }
    }
}

/// The last address in the last `X-Forwarded-For` header, if it is one.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all(X_FORWARDED_FOR).iter().next_back()?.to_str().ok()?;
    let entry = last.rsplit(',').next()?.trim();
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// A salted hash of a client address: HMAC-SHA-256 keyed with the server's salt, cut to
/// 128 bits. Without the salt the address cannot be recovered by hashing all 2³² IPv4
/// addresses.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpHash([u8; 16]);

impl fmt::Display for IpHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for IpHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IpHash({self})")
    }
}

/// Turns addresses into [`IpHash`]es with the server's salt.
#[derive(Clone)]
pub struct IpHasher {
    mac: Hmac<Sha256>,
}

impl fmt::Debug for IpHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IpHasher { .. }")
    }
}

impl IpHasher {
    /// A hasher keyed with `salt` (any length; HMAC accepts every key).
    pub fn new(salt: &[u8]) -> Self {
        Self { mac: Hmac::new_from_slice(salt).expect("HMAC takes keys of any length") }
    }

    /// The hash of `ip`, after [`canonical_ip`].
    pub fn hash(&self, ip: IpAddr) -> IpHash {
        let mut mac = self.mac.clone();
        match canonical_ip(ip) {
            IpAddr::V4(v4) => mac.update(&v4.octets()),
            IpAddr::V6(v6) => mac.update(&v6.octets()),
        }
        let digest = mac.finalize().into_bytes();
        let mut out = [0; 16];
        out.copy_from_slice(&digest[..16]);
        IpHash(out)
    }

    /// The author token for a post that sent `idempotency_key` and no token of the site's:
    /// derived from the key, so that a retry whose first answer was lost gets the same token
    /// back without the server keeping it.
    pub fn token_for_key(&self, idempotency_key: &str) -> String {
        use base64::Engine as _;
        let mut mac = self.mac.clone();
        mac.update(b"author-token:");
        mac.update(idempotency_key.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The keyed hash (hex) of an email address, trimmed and lower-cased, for bans and for
    /// approving known authors: comparable, never reversible without the salt. The prefix
    /// keeps it apart from address hashes.
    pub fn hash_email(&self, email: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(b"email:");
        mac.update(email.trim().to_lowercase().as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }
}

/// The address that identifies one client: an IPv4-mapped IPv6 address becomes IPv4, and an
/// IPv6 address keeps only its /64 prefix, since one home or phone usually gets a whole /64
/// and could otherwise take a fresh address for every post.
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(bits))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_last_forwarded_address_counts() {
        let mut h = HeaderMap::new();
        assert_eq!(forwarded_for(&h), None);
        h.append(X_FORWARDED_FOR, HeaderValue::from_static("198.51.100.7, 203.0.113.9"));
        assert_eq!(forwarded_for(&h), Some(ip("203.0.113.9")));
        h.append(X_FORWARDED_FOR, HeaderValue::from_static(" 2001:db8::1 "));
        assert_eq!(forwarded_for(&h), Some(ip("2001:db8::1")));
        h.insert(X_FORWARDED_FOR, HeaderValue::from_static("198.51.100.7:5555"));
        assert_eq!(forwarded_for(&h), Some(ip("198.51.100.7")));
        h.insert(X_FORWARDED_FOR, HeaderValue::from_static("unknown"));
        assert_eq!(forwarded_for(&h), None);
    }

    #[test]
    fn hashes_are_salted_and_group_an_ipv6_64() {
        let a = IpHasher::new(b"salt-a");
        let b = IpHasher::new(b"salt-b");
        assert_eq!(a.hash(ip("203.0.113.9")), a.hash(ip("::ffff:203.0.113.9")));
        assert_ne!(a.hash(ip("203.0.113.9")), b.hash(ip("203.0.113.9")));
        assert_ne!(a.hash(ip("203.0.113.9")), a.hash(ip("203.0.113.10")));
        assert_eq!(a.hash(ip("2001:db8:1:2::1")), a.hash(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(a.hash(ip("2001:db8:1:2::1")), a.hash(ip("2001:db8:1:3::1")));
        let shown = a.hash(ip("203.0.113.9")).to_string();
        assert_eq!(shown.len(), 32);
        assert!(!shown.contains("203"));
    }
}
