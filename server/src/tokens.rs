//! Secrets handed to clients (author tokens, one-time sign-in tokens, moderator sessions)
//! and the only form in which the server keeps them: their SHA-256.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// 32 random bytes, base64url without padding (43 characters): a new secret.
pub fn new_secret() -> String {
    let mut bytes = [0; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 (hex) of a secret, as stored. Secrets are long and random, so an unsalted hash
/// is enough: a copy of the database yields no usable token.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A secret as a client may send it: 16 to 128 URL-safe characters. Anything else is
/// ignored rather than looked up.
pub fn well_formed(secret: &str) -> bool {
    (16..=128).contains(&secret.len())
        && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_well_formed_and_hashed() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(well_formed(&a) && a.len() == 43);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), hash(&b));
        for bad in ["", "short", "has space in it!!!!", &"x".repeat(129)] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
