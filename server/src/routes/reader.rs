//! Who a reader is, for what readers may do once per comment (report, vote): their author
//! token when it is one this server issued, so that made-up tokens cannot stuff reports or
//! votes, else their address, hashed (even a loopback one exempt from the rate limits).

use std::net::IpAddr;

use crate::error::ApiError;
use crate::{tokens, AppState};

/// `token:<hash>` or `address:<hash>`.
pub(crate) async fn reader_key(
    state: &AppState,
    token: Option<String>,
    ip: IpAddr,
) -> Result<String, ApiError> {
    Ok(match token.map(|t| tokens::hash(&t)) {
        Some(hash) if state.store.author_token_site(&hash).await?.is_some() => format!("token:{hash}"),
        _ => format!("address:{}", state.guards.ip_hasher.hash(ip)),
    })
}
