//! The moderation API under `/api/moderation`: sign-in and sessions ([`auth`]), the queue,
//! bans and the audit log ([`views`]), and actions on comments and threads ([`actions`]).
//! Every call but sign-in takes `Authorization: Bearer <session>`: 401 without a live
//! session, 403 when the target belongs to another site, and nothing changes then.

pub mod actions;
pub mod auth;
pub mod mail;
pub mod views;

use axum::body::Bytes;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::extract::parse_json;

/// How many items one page of the queue or the audit log holds.
pub const PAGE: u32 = 50;

/// An optional JSON body: empty means `T::default()`.
pub(crate) fn optional_json<T: DeserializeOwned + Default>(body: &Bytes) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        parse_json(body)
    }
}

/// 403 unless `asked` (a site named by the request, `default` when absent) is `own`.
pub(crate) fn same_site(asked: Option<&str>, own: &str) -> Result<(), ApiError> {
    let asked = asked.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(crate::site::DEFAULT_SITE);
    if asked == own {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}
