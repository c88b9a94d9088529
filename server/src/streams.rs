//! Open live-update streams, counted per client address, so that one client cannot hold
//! every connection of the server open; and the signal that ends them all when the server
//! shuts down (a graceful shutdown waits for open responses, and a stream never ends by
//! itself).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::error::ApiError;

/// The open streams by client (a hashed address), and the bound.
#[derive(Debug, Clone)]
pub struct Streams {
    open: Arc<Mutex<HashMap<String, usize>>>,
    per_client: usize,
    closing: Arc<tokio::sync::watch::Sender<bool>>,
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
        Self { open: Arc::default(), per_client, closing: Arc::new(tokio::sync::watch::channel(false).0) }
    }

    /// Ends every open stream (clients reconnect, with `Last-Event-ID`, to whatever serves
    /// next); streams opened after this end at once.
    pub fn close_all(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves once [`Streams::close_all`] was called.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.closing.subscribe();
        async move {
            // An error means the sender is gone: nothing can close us any more.
            if closing.wait_for(|closed| *closed).await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }

    /// How many streams are open, over every client (`GET /metrics`).
    pub fn open_count(&self) -> usize {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).values().sum()
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
