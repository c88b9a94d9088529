//! The scenarios: every server started, seeded and warmed up, then measured with wrk cell by cell.

use std::fs;

use super::data::{post_thread, SeedComment};
use super::http::http;
use super::servers::{clock_ticks_per_sec, Bins, Running};
use super::wrk::{wrk, WrkResult};
use super::{Plan, Server, CONNECTIONS, LIST_THREAD, PAGE, WARMUP_SECS, WARMUP_THREAD};
use crate::Result;

/// One measured cell.
pub(super) struct Row {
    pub(super) server: Server,
    pub(super) scenario: &'static str,
    pub(super) connections: u32,
    pub(super) runs: usize,
    /// Answers over all runs.
    pub(super) requests: u64,
    pub(super) req_s: Stat,
    pub(super) p50_ms: Stat,
    pub(super) p99_ms: Stat,
    /// Sums over all runs.
    pub(super) non2xx: u64,
    pub(super) errors_5xx: u64,
    pub(super) socket_errors: u64,
    pub(super) statuses: String,
    pub(super) rss_mb: f64,
    /// CPU time of the server (all its threads and processes) per answer, in µs: unlike
    /// req/s, this hardly moves with the machine's background load.
    pub(super) cpu_us_per_req: f64,
    /// Context switches of all the server's threads per answer.
    pub(super) switches_per_req: f64,
    /// Posts of the cell that readers can see afterwards (the thread's `total` less its seed
    /// comment), on threadline-server's posts only: fewer than the 2xx answers means the
    /// screen held some of the bench's posts, which would then measure the wrong path.
    pub(super) published: Option<u64>,
}

/// The median, least and greatest of a figure over the runs of one cell.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stat {
    pub(super) median: f64,
    pub(super) min: f64,
    pub(super) max: f64,
}

impl Stat {
    fn of(values: impl IntoIterator<Item = f64>) -> Stat {
        let mut v: Vec<f64> = values.into_iter().collect();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return Stat { median: f64::NAN, min: f64::NAN, max: f64::NAN };
        }
        let mid = v.len() / 2;
        let median = if v.len() % 2 == 1 { v[mid] } else { (v[mid - 1] + v[mid]) / 2.0 };
        Stat { median, min: v[0], max: v[v.len() - 1] }
    }
}

/// Starts every server of `servers` fresh and seeds it (the listed thread with [`PAGE`]
/// comments, and one comment in each thread the scenario posts into, so that Isso's
/// first-comment race stays out of this measurement), warms each up, then measures each of
/// [`CONNECTIONS`] on every server in turn. Interleaving the servers cell by cell keeps their
/// ratios fair when the machine's background load drifts; the idle ones cost nothing.
pub(super) fn run_scenario(
    bins: &Bins,
    servers: &[Server],
    scenario: &'static str,
    comments: &[SeedComment],
    plan: Plan,
) -> Result<Vec<Row>> {
    println!("\n-- {scenario}: starting and seeding {} servers", servers.len());
    let mut running = Vec::new();
    for &server in servers {
        let r = Running::start(bins, server, scenario)?;
        for c in comments {
            r.post(LIST_THREAD, c)?;
        }
        if scenario != "list" {
            for thread in
                CONNECTIONS.iter().map(|&n| post_thread(scenario, n)).chain([WARMUP_THREAD.to_owned()])
            {
                r.post(&thread, &comments[0])?;
            }
        }
        check_page(&r)?;
        running.push(r);
    }
    for r in &running {
        wrk(r, scenario, WARMUP_THREAD, 16, WARMUP_SECS)?;
    }
    let mut rows = Vec::new();
    for connections in CONNECTIONS {
        let thread = post_thread(scenario, connections);
        let mut results: Vec<Vec<WrkResult>> = running.iter().map(|_| Vec::new()).collect();
        // Run by run, every server in turn: a burst of background load hits them all alike.
        for _ in 0..plan.runs {
            for (r, results) in running.iter().zip(&mut results) {
                let before = r.counters();
                let mut result = wrk(r, scenario, &thread, connections, plan.secs)?;
                let after = r.counters();
                result.cpu_ticks = after.0.saturating_sub(before.0);
                result.context_switches = after.1.saturating_sub(before.1);
                results.push(result);
            }
        }
        for (r, results) in running.iter().zip(results) {
            let published = if scenario == "post" && r.server.is_threadline() {
                Some(visible_total(r, &thread)?.saturating_sub(1))
            } else {
                None
            };
            let sum = |f: fn(&WrkResult) -> u64| results.iter().map(f).sum::<u64>();
            let mut statuses: Vec<&str> =
                results.iter().flat_map(|x| x.statuses.split(',')).filter(|s| !s.is_empty()).collect();
            statuses.sort_unstable();
            let row = Row {
                server: r.server,
                scenario,
                connections,
                runs: results.len(),
                requests: sum(|x| x.requests),
                req_s: Stat::of(
                    results.iter().map(|x| x.requests as f64 / (x.duration_us.max(1) as f64 / 1e6)),
                ),
                p50_ms: Stat::of(results.iter().map(|x| x.p50_us as f64 / 1000.0)),
                p99_ms: Stat::of(results.iter().map(|x| x.p99_us as f64 / 1000.0)),
                non2xx: sum(|x| x.non2xx),
                errors_5xx: sum(|x| x.s5xx),
                socket_errors: sum(|x| x.socket_errors),
                statuses: statuses.join(","),
                rss_mb: r.peak_rss_mb(),
                cpu_us_per_req: sum(|x| x.cpu_ticks) as f64 * 1e6
                    / clock_ticks_per_sec()
                    / sum(|x| x.requests).max(1) as f64,
                switches_per_req: sum(|x| x.context_switches) as f64 / sum(|x| x.requests).max(1) as f64,
                published,
            };
            println!(
                "   {:<32} {scenario} c={:<3} {:>9.1} req/s ({:.1}–{:.1})  p50 {:>8.2} ms  p99 {:>8.2} ms  non-2xx {:>5}  5xx {:>5}  socket errors {:>4}  rss {:>6.1} MB",
                r.server.name(),
                row.connections,
                row.req_s.median,
                row.req_s.min,
                row.req_s.max,
                row.p50_ms.median,
                row.p99_ms.median,
                row.non2xx,
                row.errors_5xx,
                row.socket_errors,
                row.rss_mb
            );
            rows.push(row);
        }
    }
    for r in running {
        let log = r.log.clone();
        let clean = rows.iter().filter(|row| row.server == r.server).all(|row| row.errors_5xx == 0);
        drop(r);
        // The logs of clean runs are large and tell nothing; keep them only after a 5xx.
        if clean {
            let _ = fs::remove_file(log);
        }
    }
    Ok(rows)
}

/// The `total` of `thread` on threadline-server: the comments readers can see, replies included.
fn visible_total(running: &Running, thread: &str) -> Result<u64> {
    let (status, body) = http(running.port, "GET", &running.server.list_path(thread), None)?;
    let total = body
        .rsplit_once("\"total\":")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok());
    match total {
        Some(total) if status == 200 => Ok(total),
        _ => {
            Err(format!("{}: no total in the page of {thread} (status {status})", running.server.name())
                .into())
        }
    }
}

/// Checks that the listed page holds exactly the [`PAGE`] seeded comments.
fn check_page(running: &Running) -> Result {
    let (status, body) = http(running.port, "GET", &running.server.list_path(LIST_THREAD), None)?;
    let count = if running.server.is_isso() {
        body.matches("\"hash\":").count()
    } else {
        body.matches("\"created_at\":").count()
    };
    if status != 200 || count != PAGE {
        return Err(format!(
            "{}: the listed page has {count} comments (status {status}), not {PAGE}",
            running.server.name()
        )
        .into());
    }
    Ok(())
}
