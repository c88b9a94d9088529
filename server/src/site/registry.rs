//! The sites a running server enforces, kept current: `threadline-server site set` writes the
//! `sites` table from another process, and [`SiteRegistry::watch`] reads it every few seconds
//! and swaps in the new settings when a row changed.
//!
//! Handlers take a [`snapshot`](SiteRegistry::snapshot) once per request, so one request sees
//! one consistent set of sites even while a reload happens. A reload that fails (the
//! database is busy, or a row no longer compiles) keeps the sites in force and logs why:
//! a server never drops its screening because an edit went wrong.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::{SiteArgs, SiteSettings, Sites};
use crate::error::ApiError;
use crate::store::Store;

/// The current [`Sites`], shared by every handler; cheap to clone.
#[derive(Debug, Clone)]
pub struct SiteRegistry {
    current: Arc<RwLock<Arc<Sites>>>,
}

impl SiteRegistry {
    /// A registry holding `sites` until the first reload.
    pub fn new(sites: Sites) -> Self {
        Self { current: Arc::new(RwLock::new(Arc::new(sites))) }
    }

    /// The sites in force now.
    pub fn snapshot(&self) -> Arc<Sites> {
        // A poisoned lock only means a panic elsewhere while swapping an Arc: the value is whole.
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The site a request names (`default` when it names none), as [`Sites::get`] answers.
    pub fn get(&self, id: Option<&str>) -> Result<Arc<SiteSettings>, ApiError> {
        self.snapshot().get(id).cloned()
    }

    /// Reads the stored sites and swaps them in if any row changed; `Ok(true)` when it did.
    pub async fn reload(&self, store: &Store, args: &SiteArgs) -> Result<bool, String> {
        let rows = Sites::rows(store).await.map_err(|e| e.to_string())?;
        let before = self.snapshot();
        if rows == before.rows {
            return Ok(false);
        }
        let sites = Sites::build(rows, args, Some(&before))?;
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(sites);
        Ok(true)
    }

    /// Reloads every `args.sites_reload_secs` seconds, for as long as the server runs; does
    /// nothing when that is 0.
    pub fn watch(&self, store: Store, args: SiteArgs) {
        if args.sites_reload_secs == 0 {
            return;
        }
        let registry = self.clone();
        let every = Duration::from_secs(args.sites_reload_secs);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                match registry.reload(&store, &args).await {
                    Ok(true) => {
                        let ids: Vec<String> = registry.snapshot().iter().map(|s| s.id.clone()).collect();
                        tracing::info!(sites = ?ids, "site settings reloaded");
                    }
                    Ok(false) => {}
                    Err(error) => {
                        tracing::warn!(%error, "site settings not reloaded; the previous ones stay in force")
                    }
                }
            }
        });
    }
}
