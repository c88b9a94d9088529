//! The first-comment race: many first comments sent at once to a new thread.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::sync::{Arc, Barrier};

use super::data::{seed_comments, SeedComment};
use super::http::{connect, read_status, request_bytes};
use super::servers::{Bins, Running};
use super::{Server, RACERS, RACE_ROUNDS, RACE_THREAD};
use crate::Result;

/// The first-comment race on one server.
pub(super) struct Race {
    pub(super) server: Server,
    pub(super) requests: usize,
    pub(super) status_5xx: usize,
    pub(super) statuses: String,
}

/// Starts `server` fresh and, [`RACE_ROUNDS`] times, sends [`RACERS`] first comments to a new
/// thread at once: each racer connects first, then all send together.
pub(super) fn run_race(bins: &Bins, server: Server) -> Result<Race> {
    println!("\n-- {} / first-comment race ({RACE_ROUNDS} × {RACERS} at once)", server.name());
    let running = Running::start(bins, server, "race")?;
    let comments = seed_comments();
    let mut statuses: Vec<String> = Vec::new();
    let mut status_5xx = 0;
    for round in 1..=RACE_ROUNDS {
        let thread = format!("{RACE_THREAD}-{round}");
        let barrier = Arc::new(Barrier::new(RACERS));
        let handles: Vec<_> = (0..RACERS)
            .map(|i| {
                let barrier = Arc::clone(&barrier);
                let c = &comments[i % comments.len()];
                let body = server.post_body(
                    &thread,
                    &SeedComment {
                        author: format!("Racer {i}"),
                        email: None,
                        website: None,
                        text: format!("First! Racer {i} says: {}", c.text),
                    },
                );
                let request = request_bytes("POST", &server.post_path(&thread), Some(&body));
                let port = running.port;
                std::thread::spawn(move || -> std::result::Result<u16, String> {
                    let stream = connect(port);
                    barrier.wait();
                    let mut stream = stream.map_err(|e| e.to_string())?;
                    stream.write_all(&request).map_err(|e| e.to_string())?;
                    read_status(&mut stream).map(|(status, _)| status).map_err(|e| e.to_string())
                })
            })
            .collect();
        for handle in handles {
            match handle.join().map_err(|_| "a racer panicked")? {
                Ok(status) => {
                    status_5xx += usize::from(status >= 500);
                    statuses.push(status.to_string());
                }
                Err(e) => statuses.push(format!("error ({e})")),
            }
        }
    }
    let mut summary = String::new();
    for status in statuses.iter().collect::<std::collections::BTreeSet<_>>() {
        let n = statuses.iter().filter(|s| *s == status).count();
        let _ = write!(summary, "{}{status}:{n}", if summary.is_empty() { "" } else { "," });
    }
    println!("   {summary}");
    let log = running.log.clone();
    drop(running);
    if status_5xx == 0 {
        let _ = fs::remove_file(log);
    }
    Ok(Race { server, requests: RACE_ROUNDS * RACERS, status_5xx, statuses: summary })
}
