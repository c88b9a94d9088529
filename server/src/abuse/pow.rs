//! The optional proof-of-work challenge, in the ALTCHA PoW v2 format through the official
//! `altcha` crate.
//!
//! Challenges are *deterministic*: the server picks the counter the client must find (in
//! `difficulty / 2 ..= difficulty`), signs the parameters and the derived key with two
//! secrets, and so verifies a solution with two HMACs and no key derivation. The key
//! derivation is one SHA-256 (`"SHA-256"`, cost 1) of `salt ‖ nonce ‖ counter` (the counter
//! as 4 big-endian bytes), so a browser needs about `0.75 × difficulty` hashes.

use std::fmt;

use altcha::{
    create_challenge, verify_solution, Challenge, CreateChallengeOptions, Payload, VerifySolutionOptions,
};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;

use crate::store::SpentChallenge;

/// How long a challenge may be solved and used, in seconds.
pub const CHALLENGE_TTL_SECS: i64 = 10 * 60;
/// The difficulty `--pow` uses when `--pow-difficulty` is not given.
pub const DEFAULT_DIFFICULTY: u32 = 100_000;
/// The key derivation the challenges ask for.
pub const ALGORITHM: &str = "SHA-256";
/// The request header that may carry the solution (instead of the body field `altcha`).
pub const HEADER: &str = "altcha";

/// Issues and checks challenges.
#[derive(Clone)]
pub struct Pow {
    secret: String,
    key_secret: String,
    difficulty: u32,
}

impl fmt::Debug for Pow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pow").field("difficulty", &self.difficulty).finish_non_exhaustive()
    }
}

/// Why a submitted solution was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PowError {
    /// The request carried no solution.
    #[error("no proof-of-work solution")]
    Missing,
    /// The challenge's time is up.
    #[error("the challenge expired")]
    Expired,
    /// Not base64 JSON of `{challenge, solution}`, not signed by this server, or wrong.
    #[error("the solution is invalid")]
    Invalid,
}

impl Pow {
    /// A challenger signing with `secret` (the challenge) and `key_secret` (the expected
    /// key); `difficulty` is the largest counter a client may have to reach (at least 1).
    pub fn new(secret: String, key_secret: String, difficulty: u32) -> Self {
        Self { secret, key_secret, difficulty: difficulty.max(1) }
    }

    /// A fresh challenge, valid for [`CHALLENGE_TTL_SECS`] from `now_ms`.
    pub fn challenge(&self, now_ms: i64) -> Result<Challenge, altcha::Error> {
        let low = self.difficulty / 2;
        let counter = low + random_u32() % (self.difficulty - low + 1);
        create_challenge(CreateChallengeOptions {
            algorithm: ALGORITHM.into(),
            cost: 1,
            counter: Some(counter),
            expires_at: Some(now_ms.div_euclid(1000) + CHALLENGE_TTL_SECS),
            hmac_signature_secret: Some(self.secret.clone()),
            hmac_key_signature_secret: Some(self.key_secret.clone()),
            ..CreateChallengeOptions::default()
        })
    }

    /// Checks `submitted`: base64 of the JSON `{"challenge": …, "solution": …}` (what the
    /// ALTCHA widget puts in its `altcha` form field). On success, returns what must be
    /// recorded so that the same solution is not accepted twice.
    pub fn verify(&self, submitted: Option<&str>) -> Result<SpentChallenge, PowError> {
        let raw = submitted.map(str::trim).filter(|s| !s.is_empty()).ok_or(PowError::Missing)?;
        let bytes =
            STANDARD.decode(raw).or_else(|_| STANDARD_NO_PAD.decode(raw)).map_err(|_| PowError::Invalid)?;
        let payload: Payload = serde_json::from_slice(&bytes).map_err(|_| PowError::Invalid)?;
        let options = VerifySolutionOptions {
            hmac_key_signature_secret: Some(self.key_secret.clone()),
            ..VerifySolutionOptions::new(&payload.challenge, &payload.solution, self.secret.as_str())
        };
        let result = verify_solution(options).map_err(|_| PowError::Invalid)?;
        if result.expired {
            return Err(PowError::Expired);
        }
        // Every challenge this server signs has an expiry; a signed one without is not ours.
        match (result.verified, payload.challenge.signature, payload.challenge.parameters.expires_at) {
            (true, Some(signature), Some(expires_at)) => {
                Ok(SpentChallenge { signature, expires_ms: expires_at.saturating_mul(1000) })
            }
            _ => Err(PowError::Invalid),
        }
    }
}

fn random_u32() -> u32 {
    let mut bytes = [0; 4];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    u32::from_le_bytes(bytes)
}

/// Encodes a solved challenge the way a client submits it: base64 of the JSON payload.
pub fn encode_submission(challenge: &Challenge, solution: &altcha::Solution) -> String {
    let payload = Payload { challenge: challenge.clone(), solution: solution.clone() };
    STANDARD.encode(serde_json::to_vec(&payload).expect("a payload always serializes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use altcha::{solve_challenge, SolveChallengeOptions};

    fn pow() -> Pow {
        Pow::new("secret".into(), "key-secret".into(), 50)
    }

    fn solved(pow: &Pow, now_ms: i64) -> String {
        let challenge = pow.challenge(now_ms).unwrap();
        let solution = solve_challenge(SolveChallengeOptions::new(&challenge)).unwrap().unwrap();
        assert!((25..=50).contains(&solution.counter), "{}", solution.counter);
        encode_submission(&challenge, &solution)
    }

    #[test]
    fn accepts_a_solution_once_signed_by_us() {
        let pow = pow();
        let submission = solved(&pow, crate::clock::now_ms());
        let spent = pow.verify(Some(&submission)).unwrap();
        assert!(spent.expires_ms > crate::clock::now_ms());
        let other = Pow::new("another".into(), "key-secret".into(), 50);
        assert_eq!(other.verify(Some(&submission)), Err(PowError::Invalid));
    }

    /// The derivation as docs/protocol.md describes it, with nothing but SHA-256, so that a
    /// client can solve without the `altcha` crate.
    #[test]
    fn a_solver_written_from_the_docs_is_accepted() {
        use sha2::{Digest, Sha256};
        let pow = pow();
        let challenge = pow.challenge(crate::clock::now_ms()).unwrap();
        let p = &challenge.parameters;
        let (salt, nonce) = (hex::decode(&p.salt).unwrap(), hex::decode(&p.nonce).unwrap());
        let (counter, key) = (0u32..)
            .map(|n| {
                (
                    n,
                    hex::encode(
                        Sha256::new()
                            .chain_update(&salt)
                            .chain_update(&nonce)
                            .chain_update(n.to_be_bytes())
                            .finalize(),
                    ),
                )
            })
            .find(|(_, key)| key.starts_with(&p.key_prefix))
            .unwrap();
        let payload = serde_json::json!({
            "challenge": serde_json::to_value(&challenge).unwrap(),
            "solution": {"counter": counter, "derivedKey": key},
        });
        let submission = STANDARD.encode(payload.to_string());
        assert!(pow.verify(Some(&submission)).is_ok());
    }

    #[test]
    fn refuses_missing_junk_wrong_and_expired() {
        let pow = pow();
        assert_eq!(pow.verify(None), Err(PowError::Missing));
        assert_eq!(pow.verify(Some("  ")), Err(PowError::Missing));
        for junk in ["%%%", "e30=", "bnVsbA=="] {
            assert_eq!(pow.verify(Some(junk)), Err(PowError::Invalid), "{junk}");
        }
        let challenge = pow.challenge(crate::clock::now_ms()).unwrap();
        let wrong = altcha::Solution { counter: 1, derived_key: "00".repeat(32), time: None };
        assert_eq!(pow.verify(Some(&encode_submission(&challenge, &wrong))), Err(PowError::Invalid));
        let old = solved(&pow, 0);
        assert_eq!(pow.verify(Some(&old)), Err(PowError::Expired));
    }
}
