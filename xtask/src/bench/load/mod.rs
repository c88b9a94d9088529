//! Part 3 of `cargo xtask bench`: the servers under load.
//!
//! Three servers, each started fresh on loopback with the same data: Threadline's
//! `threadline-server` (release build, rate limit and duplicate detection off), the real Isso
//! 0.14.0 under gunicorn with 2 workers, and the server floor (`bench/server-floor`, a minimal
//! axum + sqlx endpoint with no features). Debian's `wrk` drives three scenarios with
//! `bench/load/wrk.lua`: one 50-comment page (`list`), a new comment (`post`), and 95 % reads
//! with 5 % writes (`mix`), at 1, 16 and 64 connections. Then 20 first comments race on a new
//! thread on each server.
//!
//! Everything is bounded: each wrk cell runs [`DEFAULT_SECS`] seconds (`THREADLINE_BENCH_LOAD_SECS`
//! overrides it) and at most [`MAX_REQUESTS`] answers, wrk itself is killed if it overruns,
//! and every server is stopped by a guard, also on errors.
//!
//! Writes `load.json` (see [`run`]) with the rows, the race, the goals of issue 6 as ratios of
//! the same run, and notes.
//!
//! [`screening_posts`] (in `screening`) reuses the same scenario for the `screening` part of the
//! bench: posts to threadline-server with its built-in screening beside the same server whose
//! default site has screening off.

mod data;
mod goals;
mod http;
mod install;
mod race;
mod report;
mod scenarios;
mod screening;
mod servers;
mod wrk;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::Result;
use data::{seed_comments, SeedComment};
use goals::goals;
use http::{json_str, url_encode};
use install::{build_servers, ensure_gunicorn, ensure_wrk};
use race::run_race;
use report::{loadavg, notes, print_table, to_json};
use scenarios::run_scenario;
use servers::Bins;

pub use screening::screening_posts;

/// Seconds of every measured wrk run (`THREADLINE_BENCH_LOAD_SECS` overrides it).
const DEFAULT_SECS: u64 = 2;
/// Measured runs of every cell (`THREADLINE_BENCH_LOAD_RUNS` overrides it); the report gives
/// their median, min and max.
const DEFAULT_RUNS: usize = 5;
/// Seconds of the warm-up run at the start of every server instance (not recorded).
const WARMUP_SECS: u64 = 1;
/// The most answers one measured run may collect (all wrk threads together).
const MAX_REQUESTS: u64 = 1_000_000;
/// Connection counts of every scenario.
const CONNECTIONS: [u32; 3] = [1, 16, 64];
/// First comments sent at once to a new thread.
const RACERS: usize = 20;
/// Rounds of the race, each on a thread of its own.
const RACE_ROUNDS: usize = 10;
/// Top-level comments of the listed thread; the page asks for exactly this many.
const PAGE: usize = 50;
/// The gunicorn release Isso runs under, installed into Isso's venv.
const GUNICORN_VERSION: &str = "23.0.0";
/// How long a server may take to answer its first request.
const START_DEADLINE: Duration = Duration::from_secs(30);

const LIST_THREAD: &str = "/bench/list";
const WARMUP_THREAD: &str = "/bench/warmup";
const RACE_THREAD: &str = "/bench/race";

/// The servers under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Server {
    /// `threadline-server` as shipped (default logging), limits off.
    Threadline,
    /// The same with `RUST_LOG=warn`, to show what per-request logging costs.
    ThreadlineQuiet,
    /// Isso 0.14.0 under gunicorn, 2 sync workers.
    Isso,
    /// `threadline-bench-floor`.
    Floor,
    /// `threadline-server` as shipped, but its `default` site stored with screening off
    /// (`site set default --screening off` on the fresh database before it starts).
    ThreadlineUnscreened,
}

impl Server {
    fn name(self) -> &'static str {
        match self {
            Server::Threadline => "threadline-server",
            Server::ThreadlineQuiet => "threadline-server RUST_LOG=warn",
            Server::Isso => "isso-0.14.0-gunicorn-2w",
            Server::Floor => "floor",
            Server::ThreadlineUnscreened => "threadline-server screening off",
        }
    }

    fn is_isso(self) -> bool {
        self == Server::Isso
    }

    /// Whether this is `threadline-server`, whose pages count the visible comments (`total`).
    fn is_threadline(self) -> bool {
        matches!(self, Server::Threadline | Server::ThreadlineQuiet | Server::ThreadlineUnscreened)
    }

    /// The request path of one page of `thread`.
    fn list_path(self, thread: &str) -> String {
        if self.is_isso() {
            format!("/?uri={}&limit={PAGE}&nested_limit=5", url_encode(thread))
        } else {
            format!("/api/comments?thread={}&limit={PAGE}", url_encode(thread))
        }
    }

    /// The request path of a post into `thread`.
    fn post_path(self, thread: &str) -> String {
        if self.is_isso() {
            format!("/new?uri={}", url_encode(thread))
        } else {
            "/api/comments".to_owned()
        }
    }

    /// The JSON body of a post. Isso files it under the `uri` of the path and needs a title
    /// for the first comment of a thread (else it fetches the page to find one).
    fn post_body(self, thread: &str, c: &SeedComment) -> String {
        let email = c.email.as_deref().map_or("null".to_owned(), json_str);
        let website = c.website.as_deref().map_or("null".to_owned(), json_str);
        if self.is_isso() {
            format!(
                r#"{{"text":{},"author":{},"email":{email},"website":{website},"parent":null,"title":"Benchmark"}}"#,
                json_str(&c.text),
                json_str(&c.author)
            )
        } else {
            format!(
                r#"{{"thread":{},"parent":null,"author":{},"email":{email},"website":{website},"text":{}}}"#,
                json_str(thread),
                json_str(&c.author),
                json_str(&c.text)
            )
        }
    }
}

/// How long and how often each cell is measured.
#[derive(Debug, Clone, Copy)]
struct Plan {
    secs: u64,
    runs: usize,
}

impl Plan {
    /// [`DEFAULT_SECS`] per run and `default_runs` runs, unless `THREADLINE_BENCH_LOAD_SECS` or
    /// `THREADLINE_BENCH_LOAD_RUNS` say otherwise.
    fn from_env(default_runs: usize) -> Plan {
        let env =
            |name: &str| std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok()).filter(|&n| n > 0);
        Plan {
            secs: env("THREADLINE_BENCH_LOAD_SECS").unwrap_or(DEFAULT_SECS),
            runs: env("THREADLINE_BENCH_LOAD_RUNS").map_or(default_runs, |n| n as usize),
        }
    }
}

/// `target/bench/<name>`, emptied: the servers' databases and logs of one part.
fn fresh_dir(name: &str) -> Result<std::path::PathBuf> {
    let dir = crate::target_dir().join("bench").join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Builds the servers as the load part runs them and returns `threadline-server`.
pub fn build_threadline() -> Result<std::path::PathBuf> {
    Ok(build_servers()?.0)
}

/// The three scenarios.
const SCENARIOS: [&str; 3] = ["list", "post", "mix"];

/// Runs the whole part and writes the results to `out`: `out` itself when it ends in
/// `.json`, else `out/load.json`. Installs wrk (apt-get) and gunicorn (pip, into Isso's venv)
/// when missing, and builds the two Rust servers for release.
pub fn run(out: &Path) -> Result {
    let started = Instant::now();
    let json_path =
        if out.extension().is_some_and(|e| e == "json") { out.to_path_buf() } else { out.join("load.json") };
    crate::header("bench: servers under load");
    ensure_wrk()?;
    crate::peers::ensure_isso()?;
    ensure_gunicorn()?;
    let (threadline_bin, floor_bin) = build_servers()?;
    let plan = Plan::from_env(DEFAULT_RUNS);
    let work = fresh_dir("load-work")?;
    let bins = Bins { threadline: threadline_bin, floor: floor_bin, work: work.clone() };
    let comments = seed_comments();
    let load_before = loadavg();

    let mut rows = Vec::new();
    for scenario in SCENARIOS {
        let mut servers = vec![Server::Threadline, Server::Floor, Server::Isso];
        if scenario != "mix" {
            servers.push(Server::ThreadlineQuiet);
        }
        rows.extend(run_scenario(&bins, &servers, scenario, &comments, plan)?);
    }
    let order = |s: Server| {
        [
            Server::Threadline,
            Server::Floor,
            Server::Isso,
            Server::ThreadlineQuiet,
            Server::ThreadlineUnscreened,
        ]
        .iter()
        .position(|&x| x == s)
    };
    rows.sort_by_key(|r| (order(r.server), SCENARIOS.iter().position(|&s| s == r.scenario), r.connections));
    let mut races = Vec::new();
    for server in [Server::Threadline, Server::Floor, Server::Isso] {
        races.push(run_race(&bins, server)?);
    }

    let goals = goals(&rows, &races);
    let notes = notes(&rows, &races, plan, [load_before, loadavg()]);
    print_table(&rows, &races, &goals);
    if let Some(dir) = json_path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&json_path, to_json(&rows, &races, &goals, &notes, started.elapsed()))?;
    fs::remove_dir_all(&work)?;
    println!("\nwrote {} in {:.0} s", json_path.display(), started.elapsed().as_secs_f64());
    Ok(())
}
