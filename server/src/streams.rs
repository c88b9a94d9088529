//! Open live-update streams, counted per client address, so that one client cannot hold
//! every connection of the server open.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::error::ApiError;

/// The open streams by client (a hashed address), and the bound.
#[derive(Debug, Clone)]
pub struct Streams {
    open: Arc<Mutex<HashMap<String, usize>>>,
    per_client: usize,
}

/// One open stream; dropping it (the client went away) frees its place.
#[derive(Debug)]
pub struct StreamSlot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    client: String,
}

impl Streams {
    /// At most `per_client` streams per client.
    pub fn new(per_client: usize) -> Self {
        Self { open: Arc::default(), per_client }
    }

    /// A place for one more stream of `client`; 429 when it has `per_client` open.
    pub fn open(&self, client: String) -> Result<StreamSlot, ApiError> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(client.clone()).or_default();
        if *count >= self.per_client {
            return Err(ApiError::RateLimited { retry_after_secs: 30 });
        }
        *count += 1;
        Ok(StreamSlot { open: Arc::clone(&self.open), client })
    }

    /// Streams open now, all clients together.
    pub fn total(&self) -> usize {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).values().sum()
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_bound_and_closing_frees_a_place() {
        let streams = Streams::new(2);
        let a = streams.open("a".into()).unwrap();
        let _b = streams.open("a".into()).unwrap();
        assert!(streams.open("a".into()).is_err());
        let _other = streams.open("b".into()).unwrap();
        assert_eq!(streams.total(), 3);
        drop(a);
        assert!(streams.open("a".into()).is_ok());
    }
}
