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

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use crate::{cmd, Result};

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
}

impl Server {
    fn name(self) -> &'static str {
        match self {
            Server::Threadline => "threadline-server",
            Server::ThreadlineQuiet => "threadline-server RUST_LOG=warn",
            Server::Isso => "isso-0.14.0-gunicorn-2w",
            Server::Floor => "floor",
        }
    }

    fn is_isso(self) -> bool {
        self == Server::Isso
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
    let env = |name: &str| std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok()).filter(|&n| n > 0);
    let plan = Plan {
        secs: env("THREADLINE_BENCH_LOAD_SECS").unwrap_or(DEFAULT_SECS),
        runs: env("THREADLINE_BENCH_LOAD_RUNS").map_or(DEFAULT_RUNS, |n| n as usize),
    };

    let work = crate::target_dir().join("bench").join("load-work");
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&work)?;
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
        [Server::Threadline, Server::Floor, Server::Isso, Server::ThreadlineQuiet]
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

// ---------------------------------------------------------------------------------------------
// Installs and builds

/// Installs Debian's `wrk` unless it is on `PATH`.
fn ensure_wrk() -> Result {
    if cmd::on_path("wrk") {
        return Ok(());
    }
    println!("xtask: installing wrk with apt-get");
    let apt = |args: &[&str]| {
        let mut command = cmd::program("apt-get", args);
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if !cmd::status(&mut apt(&["install", "-y", "wrk"]))? {
        cmd::run(&mut apt(&["update"]))?;
        cmd::run(&mut apt(&["install", "-y", "wrk"]))?;
    }
    Ok(())
}

/// `bin/` of Isso's venv (`target/peers/isso-venv/bin`).
fn isso_venv_bin() -> PathBuf {
    crate::peers::isso_bin().parent().expect("isso lives in the venv's bin/").to_path_buf()
}

/// Installs gunicorn [`GUNICORN_VERSION`] into Isso's venv unless it is there.
fn ensure_gunicorn() -> Result {
    let bin = isso_venv_bin();
    let have = cmd::stdout_of(&bin.join("gunicorn").to_string_lossy(), &["--version"]).unwrap_or_default();
    if have.contains(&format!("(version {GUNICORN_VERSION})")) {
        return Ok(());
    }
    println!("xtask: installing gunicorn {GUNICORN_VERSION} into Isso's venv (found: {have:?})");
    cmd::run(&mut cmd::program(
        &bin.join("pip").to_string_lossy(),
        ["install", "--disable-pip-version-check", "--no-input", &format!("gunicorn=={GUNICORN_VERSION}")],
    ))
}

/// Builds `threadline-server` and the floor for release in one cargo run, so that they share
/// every dependency build. The floor gets opt-level 3 as `threadline-server` does in the
/// workspace's release profile. Returns both binaries.
fn build_servers() -> Result<(PathBuf, PathBuf)> {
    cmd::run(&mut cmd::cargo([
        "build",
        "--release",
        "-p",
        "threadline-server",
        "-p",
        "threadline-bench-floor",
        "--config",
        "profile.release.package.threadline-bench-floor.opt-level=3",
    ]))?;
    let release = crate::target_dir().join("release");
    Ok((release.join("threadline-server"), release.join("threadline-bench-floor")))
}

// ---------------------------------------------------------------------------------------------
// The data

/// One comment of the seeded thread.
struct SeedComment {
    author: String,
    email: Option<String>,
    website: Option<String>,
    text: String,
}

/// The [`PAGE`] top-level comments of the listed thread, from a fixed seed: mixed lengths
/// (one to four paragraphs of 6 to 70 words), some with an email or a website.
fn seed_comments() -> Vec<SeedComment> {
    const NAMES: [&str; 12] =
        ["Ann", "Bo", "Chidi", "Dana", "Eun-ji", "Farid", "Greta", "Hiro", "Ines", "Jon", "Kemal", "Lena"];
    const WORDS: [&str; 32] = [
        "the", "article", "server", "really", "comment", "thread", "because", "reply", "fast", "sqlite",
        "page", "agree", "point", "about", "which", "would", "however", "widget", "reader", "think", "data",
        "load", "with", "more", "than", "that", "this", "and", "not", "good", "question", "example",
    ];
    let mut rng = 0x5EED_u64;
    let mut next = move |n: u64| {
        // xorshift64*
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    };
    (0..PAGE)
        .map(|i| {
            let name = NAMES[next(NAMES.len() as u64) as usize];
            let paragraphs: Vec<String> = (0..1 + next(4))
                .map(|_| {
                    let words: Vec<&str> = (0..6 + next(65)).map(|_| WORDS[next(32) as usize]).collect();
                    let mut p = words.join(" ");
                    p[..1].make_ascii_uppercase();
                    p + "."
                })
                .collect();
            SeedComment {
                author: format!("{name} {i}"),
                email: (i % 2 == 0).then(|| format!("{}{i}@example.org", name.to_lowercase())),
                website: (i % 3 == 0).then(|| format!("https://example.org/~{}", name.to_lowercase())),
                text: paragraphs.join("\n\n"),
            }
        })
        .collect()
}

/// The threads a scenario posts into, one per connection count, so that every cell posts
/// into a thread of its own.
fn post_thread(scenario: &str, connections: u32) -> String {
    format!("/bench/{scenario}-c{connections}")
}

// ---------------------------------------------------------------------------------------------
// Servers

struct Bins {
    threadline: PathBuf,
    floor: PathBuf,
    work: PathBuf,
}

/// A running server; dropping it stops the server (and, for gunicorn, its workers).
struct Running {
    server: Server,
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Running {
    fn start(bins: &Bins, server: Server, label: &str) -> Result<Running> {
        let dir = bins.work.join(format!("{}-{label}", server.name().replace(' ', "-")));
        fs::create_dir_all(&dir)?;
        let port = free_port()?;
        let listen = format!("127.0.0.1:{port}");
        let log = dir.join("server.log");
        let mut command = match server {
            Server::Threadline | Server::ThreadlineQuiet => {
                let mut c = Command::new(&bins.threadline);
                c.args(["--listen", &listen, "--post-rate", "0", "--duplicate-window-mins", "0", "--db"])
                    .arg(dir.join("threadline.db"));
                // Whatever the caller's environment says: shipped default, or quiet.
                c.env_remove("RUST_LOG").env_remove("THREADLINE_POW").env_remove("THREADLINE_POW_DIFFICULTY");
                if server == Server::ThreadlineQuiet {
                    c.env("RUST_LOG", "warn");
                }
                c
            }
            Server::Floor => {
                let mut c = Command::new(&bins.floor);
                c.args(["--listen", &listen, "--db"]).arg(dir.join("floor.db"));
                c
            }
            Server::Isso => {
                let config = dir.join("isso.cfg");
                fs::write(
                    &config,
                    format!(
                        "[general]\ndbpath = {}\nhost =\n    http://{listen}\n\n[server]\nlisten = http://{listen}/\n\n\
                         [guard]\nenabled = false\n",
                        dir.join("comments.db").display()
                    ),
                )?;
                let mut c = Command::new(isso_venv_bin().join("gunicorn"));
                c.args([
                    "--workers",
                    "2",
                    "--bind",
                    &listen,
                    "--log-level",
                    "warning",
                    "isso.run:application",
                ])
                .env("ISSO_SETTINGS", &config);
                c
            }
        };
        let out = File::create(&log)?;
        command.current_dir(&dir).stdin(Stdio::null()).stdout(out.try_clone()?).stderr(out);
        let child = command.spawn().map_err(|e| format!("cannot start {}: {e}", server.name()))?;
        let mut running = Running { server, child, port, log };
        running.wait_ready()?;
        Ok(running)
    }

    fn wait_ready(&mut self) -> Result {
        let deadline = Instant::now() + START_DEADLINE;
        let path = self.server.list_path("/bench/ready");
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(format!(
                    "{} exited at start ({status}); see {}",
                    self.server.name(),
                    self.log.display()
                )
                .into());
            }
            if matches!(http(self.port, "GET", &path, None), Ok((200, _))) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{} did not answer within {START_DEADLINE:?}", self.server.name()).into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Peak resident memory (VmHWM) of the server and all its descendants, in MiB.
    fn peak_rss_mb(&self) -> f64 {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        let kb: u64 = pids.iter().filter_map(|&pid| vm_hwm_kb(pid)).sum();
        kb as f64 / 1024.0
    }

    /// [`process_counters`] summed over the server and its descendants.
    fn counters(&self) -> (u64, u64) {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        pids.into_iter().map(process_counters).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// Posts `c` into `thread`; an error unless the server answers 201.
    fn post(&self, thread: &str, c: &SeedComment) -> Result {
        let (status, body) =
            http(self.port, "POST", &self.server.post_path(thread), Some(&self.server.post_body(thread, c)))?;
        if status != 201 {
            return Err(format!("{}: seeding {thread} got {status}: {body:.300}", self.server.name()).into());
        }
        Ok(())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let pid = self.child.id();
        let family = descendants(pid);
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).stderr(Stdio::null()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // gunicorn's workers leave with their master; make sure of it.
        for child in family {
            if Path::new(&format!("/proc/{child}")).exists() {
                let _ =
                    Command::new("kill").args(["-KILL", &child.to_string()]).stderr(Stdio::null()).status();
            }
        }
    }
}

/// Nanoseconds since the Unix epoch, to make request bodies unique across runs.
fn nanos_now() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}

/// The pids whose parent chain leads to `pid`.
fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else { continue };
            // `pid (comm) state ppid …`; comm may contain spaces and parentheses.
            let ppid =
                stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse().ok());
            if let Some(ppid) = ppid {
                parents.push((child, ppid));
            }
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|&&(_, p)| p == parent).map(|&(c, _)| c));
        i += 1;
    }
    found.remove(0);
    found
}

/// Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux).
fn clock_ticks_per_sec() -> f64 {
    cmd::stdout_of("getconf", &["CLK_TCK"]).and_then(|s| s.parse().ok()).unwrap_or(100.0)
}

/// CPU ticks (user + system, all threads) and context switches (voluntary and not, all
/// threads) of `pid` so far.
fn process_counters(pid: u32) -> (u64, u64) {
    let ticks = fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            // After `pid (comm)`: state is field 3, utime 14 and stime 15 (1-based).
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0);
    let mut switches = 0;
    if let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let Ok(status) = fs::read_to_string(task.path().join("status")) else { continue };
            switches += status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>();
        }
    }
    (ticks, switches)
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/// One measured cell.
struct Row {
    server: Server,
    scenario: &'static str,
    connections: u32,
    runs: usize,
    /// Answers over all runs.
    requests: u64,
    req_s: Stat,
    p50_ms: Stat,
    p99_ms: Stat,
    /// Sums over all runs.
    non2xx: u64,
    errors_5xx: u64,
    socket_errors: u64,
    statuses: String,
    rss_mb: f64,
    /// CPU time of the server (all its threads and processes) per answer, in µs: unlike
    /// req/s, this hardly moves with the machine's background load.
    cpu_us_per_req: f64,
    /// Context switches of all the server's threads per answer.
    switches_per_req: f64,
}

/// The median, least and greatest of a figure over the runs of one cell.
#[derive(Debug, Clone, Copy)]
struct Stat {
    median: f64,
    min: f64,
    max: f64,
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
fn run_scenario(
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

/// What one wrk run reported.
#[derive(Debug, Default)]
struct WrkResult {
    requests: u64,
    duration_us: u64,
    p50_us: u64,
    p99_us: u64,
    non2xx: u64,
    s5xx: u64,
    socket_errors: u64,
    statuses: String,
    /// Filled in by the caller: the server's CPU ticks and context switches during the run.
    cpu_ticks: u64,
    context_switches: u64,
}

/// Runs wrk with `bench/load/wrk.lua` for `secs` seconds, killing it if it overruns.
fn wrk(
    running: &Running,
    scenario: &str,
    post_thread: &str,
    connections: u32,
    secs: u64,
) -> Result<WrkResult> {
    let server = running.server;
    let threads = connections.min(2);
    let script = crate::root().join("bench").join("load").join("wrk.lua");
    let out_path = running.log.with_file_name(format!("wrk-{scenario}-c{connections}.txt"));
    let mut child = Command::new("wrk")
        .arg("--script")
        .arg(&script)
        .args(["--threads", &threads.to_string(), "--connections", &connections.to_string()])
        .args(["--duration", &format!("{secs}s"), "--timeout", "5s"])
        .arg(format!("http://127.0.0.1:{}", running.port))
        .env("BENCH_SCENARIO", scenario)
        .env("BENCH_LIST_PATH", server.list_path(LIST_THREAD))
        .env("BENCH_POST_PATH", server.post_path(post_thread))
        .env("BENCH_POST_THREAD", post_thread)
        .env("BENCH_POST_KIND", if server.is_isso() { "isso" } else { "native" })
        .env("BENCH_MAX_REQUESTS", (MAX_REQUESTS / u64::from(threads)).to_string())
        .env("BENCH_RUN", format!("{scenario}-c{connections}-{}", nanos_now()))
        .stdin(Stdio::null())
        .stdout(File::create(&out_path)?)
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start wrk: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(secs + 30);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("wrk overran {secs} s by 30 s against {}", server.name()).into());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = fs::read_to_string(&out_path)?;
    let line = output.lines().find_map(|l| l.strip_prefix("BENCH "));
    let (true, Some(line)) = (status.success(), line) else {
        return Err(format!("wrk failed ({status}) against {}:\n{output}", server.name()).into());
    };
    let mut result = WrkResult::default();
    for pair in line.split_whitespace() {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let n = || value.parse::<u64>().unwrap_or(0);
        match key {
            "requests" => result.requests = n(),
            "duration_us" => result.duration_us = n(),
            "p50_us" => result.p50_us = n(),
            "p99_us" => result.p99_us = n(),
            "non2xx" => result.non2xx = n(),
            "s5xx" => result.s5xx = n(),
            "connect" | "read" | "write" | "timeout" => result.socket_errors += n(),
            "statuses" => result.statuses = value.to_owned(),
            _ => {}
        }
    }
    Ok(result)
}

/// The first-comment race on one server.
struct Race {
    server: Server,
    requests: usize,
    status_5xx: usize,
    statuses: String,
}

/// Starts `server` fresh and, [`RACE_ROUNDS`] times, sends [`RACERS`] first comments to a new
/// thread at once: each racer connects first, then all send together.
fn run_race(bins: &Bins, server: Server) -> Result<Race> {
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

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client (one request per connection)

fn connect(port: u16) -> std::io::Result<TcpStream> {
    let stream =
        TcpStream::connect_timeout(&SocketAddr::from((Ipv4Addr::LOCALHOST, port)), Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    Ok(stream)
}

fn request_bytes(method: &str, path: &str, json: Option<&str>) -> Vec<u8> {
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept: application/json\r\n"
    );
    if let Some(body) = json {
        let _ =
            write!(request, "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len());
    } else {
        request.push_str("\r\n");
    }
    request.into_bytes()
}

fn read_status(stream: &mut TcpStream) -> std::io::Result<(u16, String)> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    Ok((status, body))
}

/// One request on a new connection: the status and the (raw) body.
fn http(port: u16, method: &str, path: &str, json: Option<&str>) -> Result<(u16, String)> {
    let mut stream = connect(port)?;
    stream.write_all(&request_bytes(method, path, json))?;
    Ok(read_status(&mut stream)?)
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Goals, notes, report

struct Goal {
    name: String,
    value: f64,
    target: String,
    met: bool,
}

fn find<'a>(rows: &'a [Row], server: Server, scenario: &str, connections: u32) -> Option<&'a Row> {
    rows.iter().find(|r| r.server == server && r.scenario == scenario && r.connections == connections)
}

/// The goals of issue 6 for the server, as ratios of this run.
fn goals(rows: &[Row], races: &[Race]) -> Vec<Goal> {
    let mut goals = Vec::new();
    let ratio = |a: Option<&Row>, b: Option<&Row>| match (a, b) {
        (Some(a), Some(b)) if b.req_s.median > 0.0 => a.req_s.median / b.req_s.median,
        _ => 0.0,
    };
    let tl = |scenario, c| find(rows, Server::Threadline, scenario, c);
    let list64 = tl("list", 64);
    let v = ratio(list64, find(rows, Server::Isso, "list", 64));
    goals.push(Goal {
        name: "list req/s at 64 connections ÷ Isso's".into(),
        value: v,
        target: ">= 100".into(),
        met: v >= 100.0,
    });
    let v = ratio(list64, find(rows, Server::Floor, "list", 64));
    goals.push(Goal {
        name: "list req/s at 64 connections ÷ the floor's".into(),
        value: v,
        target: ">= 0.8".into(),
        met: v >= 0.8,
    });
    let v = list64.map_or(f64::INFINITY, |r| r.p99_ms.median);
    goals.push(Goal {
        name: "list p99 at 64 connections (ms)".into(),
        value: v,
        target: "<= 10".into(),
        met: v <= 10.0,
    });
    let post16 = tl("post", 16);
    let v = ratio(post16, find(rows, Server::Isso, "post", 16));
    goals.push(Goal {
        name: "post req/s at 16 connections ÷ Isso's".into(),
        value: v,
        target: ">= 10".into(),
        met: v >= 10.0,
    });
    let v = post16.map_or(f64::INFINITY, |r| r.p99_ms.median);
    goals.push(Goal {
        name: "post p99 at 16 connections (ms)".into(),
        value: v,
        target: "<= 50".into(),
        met: v <= 50.0,
    });
    let v = rows.iter().filter(|r| r.server == Server::Threadline).map(|r| r.errors_5xx).sum::<u64>() as f64;
    goals.push(Goal {
        name: "threadline-server 5xx answers under load".into(),
        value: v,
        target: "== 0".into(),
        met: v == 0.0,
    });
    let v =
        races.iter().filter(|r| r.server == Server::Threadline).map(|r| r.status_5xx).sum::<usize>() as f64;
    goals.push(Goal {
        name: format!("threadline-server 5xx among {RACE_ROUNDS} × {RACERS} concurrent first comments"),
        value: v,
        target: "== 0".into(),
        met: v == 0.0,
    });
    goals
}

/// The 1-minute load average, as /proc/loadavg says.
fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

fn notes(rows: &[Row], races: &[Race], plan: Plan, load: [String; 2]) -> Vec<String> {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut notes = vec![
        format!(
            "Same machine ({cores} cores), everything on 127.0.0.1; wrk shares the cores with the server under test. \
             Each cell is {} runs of {} s (each at most {MAX_REQUESTS} answers), the servers taking turns run by run, after a \
             {WARMUP_SECS} s warm-up at 16 connections per server; req_s, p50_ms and p99_ms are the medians of the runs, with \
             their min and max beside them. wrk uses min(connections, 2) threads.",
            plan.runs,
            plan.secs
        ),
        "threadline-server: release build, run with --post-rate 0 --duplicate-window-mins 0 (rate limit and duplicate \
         detection OFF for the benchmark), no proof of work, default logging (RUST_LOG unset = info: one log line per \
         request, to a file). The row 'threadline-server RUST_LOG=warn' is the same binary with request logging off."
            .to_owned(),
        format!(
            "Isso 0.14.0 under gunicorn {GUNICORN_VERSION} with 2 sync workers (isso.run:application, ISSO_SETTINGS), \
             [guard] enabled = false. gunicorn's sync workers close the connection after every answer, so wrk reconnects for each request."
        ),
        "floor: bench/server-floor, axum 0.8 + sqlx 0.9 on SQLite with the same settings (WAL, synchronous=NORMAL, 5 s busy \
         timeout), one pool of 8 connections for reads and writes, one SELECT per page and one INSERT per post; no paging \
         cursor, total, CORS, validation, limits, idempotency or logging. Built with opt-level 3 as threadline-server is."
            .to_owned(),
        format!(
            "Data: the listed thread holds {PAGE} top-level comments of mixed lengths from a fixed seed, posted through each \
             server's API; the page asks for {PAGE}. Posts go to a thread of their own per cell, created with one comment \
             beforehand so that Isso's first-comment race stays out of the post load (it is measured in first_comment_race). \
             Every post body is unique and carries a unique Idempotency-Key, as the widget sends (Threadline checks and \
             stores it; the others ignore it). mix = every 20th request of a wrk thread is a post."
        ),
        "rss_mb is VmHWM (peak resident set) from /proc/<pid>/status, read after each cell of a server started fresh for \
         its scenario; for Isso it is the sum over the gunicorn master and its 2 workers (pages they share count in each)."
            .to_owned(),
        "p50/p99 are wrk's (per request, from send to complete answer); mix latencies combine reads and writes.".to_owned(),
    ];
    notes.push(format!(
        "Background: the 1-minute load average was {} before the load runs and {} after them, on {cores} cores; \
         other work on the machine shifts absolute numbers (servers are interleaved cell by cell so ratios suffer less).",
        load[0], load[1]
    ));
    notes.push(format!(
        "first_comment_race: {RACE_ROUNDS} rounds of {RACERS} first comments, each round on a new thread; every racer connects, \
         then all send at once. Statuses seen: {}.",
        races.iter().map(|r| format!("{} {}", r.server.name(), r.statuses)).collect::<Vec<_>>().join("; ")
    ));
    // Where the time goes, from this run's numbers.
    let get = |s, sc, c| find(rows, s, sc, c);
    let cpu = |server, scenario, c| get(server, scenario, c).map_or(f64::NAN, |r| r.cpu_us_per_req);
    let switches = |server, scenario, c| get(server, scenario, c).map_or(f64::NAN, |r| r.switches_per_req);
    for (scenario, c) in [("list", 16), ("post", 16)] {
        notes.push(format!(
            "Server CPU per answer ({scenario}, {c} connections; steadier than req/s on a busy machine): threadline-server \
             {:.0} µs ({:.0} µs with RUST_LOG=warn, so per-request logging costs about the difference), floor {:.0} µs, \
             Isso {:.0} µs; context switches per answer: threadline-server {:.1}, floor {:.1}.",
            cpu(Server::Threadline, scenario, c),
            cpu(Server::ThreadlineQuiet, scenario, c),
            cpu(Server::Floor, scenario, c),
            cpu(Server::Isso, scenario, c),
            switches(Server::Threadline, scenario, c),
            switches(Server::Floor, scenario, c),
        ));
    }
    notes.push(
        "Where threadline-server's time goes (a perf profile of the list at 16 connections, taken while writing this \
         bench): over half of the server's CPU is the kernel (futex wake-ups and task switches), handing work between \
         tokio's workers and sqlx's per-connection SQLite worker threads: every statement is a round trip to that \
         thread. The floor's profile looks the same, but its page is one SELECT; threadline-server's is a read \
         transaction of five statements (BEGIN, the top-level page, the replies of its roots through json_each, \
         COUNT(*) for the total, COMMIT), hence its extra context switches per answer. A post is worse: the \
         Idempotency-Key look-up on the read pool, then BEGIN IMMEDIATE on the single writer, expired-key DELETE, \
         key SELECT, INSERT (and its root_id trigger), key INSERT, COMMIT, against the floor's one INSERT. SQLite \
         itself (sqlite3VdbeExec), JSON (serde_json) and malloc are a few per cent each; the CORS, nosniff and \
         catch-panic layers do not show in the profile."
            .to_owned(),
    );
    if let Some(p64) = get(Server::Threadline, "list", 64) {
        if p64.p99_ms.median > 10.0 {
            notes.push(format!(
                "64 connections on {cores} cores: by Little's law the mean latency is at least 64 ÷ throughput, so a p99 \
                 under 10 ms needs well over 6,400 req/s; threadline-server answered {:.0} req/s here (p50 {:.2} ms) and \
                 the floor {:.0} req/s (p99 {:.2} ms).",
                p64.req_s.median,
                p64.p50_ms.median,
                get(Server::Floor, "list", 64).map_or(0.0, |r| r.req_s.median),
                get(Server::Floor, "list", 64).map_or(0.0, |r| r.p99_ms.median)
            ));
        }
    }
    if let (Some(floor), Some(isso)) = (get(Server::Floor, "list", 64), get(Server::Isso, "list", 64)) {
        if floor.req_s.median < 100.0 * isso.req_s.median {
            notes.push(format!(
            "For scale: at 64 connections even the floor lists at {:.0}× Isso's rate here, so the 100× goal is out of \
             reach of any axum + sqlx SQLite server on this machine, not only of threadline-server.",
            floor.req_s.median / isso.req_s.median.max(1e-9)
        ));
        }
    }
    notes.push(
        "Both Rust servers' dependencies (tokio, hyper, sqlx, libsqlite3, serde_json) are compiled with the workspace \
         release profile's opt-level \"z\" (chosen for the wasm widget); only the threadline-server crate itself gets \
         opt-level 3. Both Rust servers share this, so their ratio is fair; what opt-level 3 everywhere would gain is not measured here."
            .to_owned(),
    );
    notes
}

fn print_table(rows: &[Row], races: &[Race], goals: &[Goal]) {
    crate::header("bench: servers under load");
    println!(
        "{:<32} {:<5} {:>5} {:>10} {:>9} {:>9} {:>7} {:>6} {:>8} {:>9}",
        "server", "scen.", "conn", "req/s", "p50 ms", "p99 ms", "non2xx", "5xx", "rss MB", "cpu µs/r"
    );
    for r in rows {
        println!(
            "{:<32} {:<5} {:>5} {:>10.1} {:>9.2} {:>9.2} {:>7} {:>6} {:>8.1} {:>9.0}",
            r.server.name(),
            r.scenario,
            r.connections,
            r.req_s.median,
            r.p50_ms.median,
            r.p99_ms.median,
            r.non2xx,
            r.errors_5xx,
            r.rss_mb,
            r.cpu_us_per_req
        );
    }
    println!("\nfirst-comment race ({RACE_ROUNDS} rounds of {RACERS} at once, each on a new thread):");
    for race in races {
        println!("  {:<32} 5xx {:>3}  statuses {}", race.server.name(), race.status_5xx, race.statuses);
    }
    println!("\ngoals:");
    for g in goals {
        println!(
            "  [{}] {:<58} {:>10.2}  (target {})",
            if g.met { "met " } else { "MISS" },
            g.name,
            g.value,
            g.target
        );
    }
}

fn num(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        "null".to_owned()
    }
}

fn to_json(rows: &[Row], races: &[Race], goals: &[Goal], notes: &[String], elapsed: Duration) -> String {
    let mut s = String::from("{\n  \"load\": [\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(
            s,
            "    {{\"server\": {}, \"scenario\": {}, \"connections\": {}, \"req_s\": {}, \"p50_ms\": {}, \"p99_ms\": {}, \
             \"req_s_min\": {}, \"req_s_max\": {}, \"p50_ms_min\": {}, \"p50_ms_max\": {}, \"p99_ms_min\": {}, \"p99_ms_max\": {}, \"runs\": {}, \"cpu_us_per_req\": {}, \"context_switches_per_req\": {}, \
             \"non2xx\": {}, \"errors_5xx\": {}, \"rss_mb\": {}, \"requests\": {}, \"socket_errors\": {}, \"non2xx_statuses\": {}}}{}",
            json_str(r.server.name()),
            json_str(r.scenario),
            r.connections,
            num(r.req_s.median, 1),
            num(r.p50_ms.median, 3),
            num(r.p99_ms.median, 3),
            num(r.req_s.min, 1),
            num(r.req_s.max, 1),
            num(r.p50_ms.min, 3),
            num(r.p50_ms.max, 3),
            num(r.p99_ms.min, 3),
            num(r.p99_ms.max, 3),
            r.runs,
            num(r.cpu_us_per_req, 1),
            num(r.switches_per_req, 2),
            r.non2xx,
            r.errors_5xx,
            num(r.rss_mb, 1),
            r.requests,
            r.socket_errors,
            json_str(&r.statuses),
            if i + 1 < rows.len() { "," } else { "" }
        );
    }
    s.push_str("  ],\n  \"first_comment_race\": [\n");
    for (i, r) in races.iter().enumerate() {
        let _ = writeln!(
            s,
            "    {{\"server\": {}, \"requests\": {}, \"status_5xx\": {}, \"statuses\": {}}}{}",
            json_str(r.server.name()),
            r.requests,
            r.status_5xx,
            json_str(&r.statuses),
            if i + 1 < races.len() { "," } else { "" }
        );
    }
    s.push_str("  ],\n  \"goals\": [\n");
    for (i, g) in goals.iter().enumerate() {
        let _ = writeln!(
            s,
            "    {{\"name\": {}, \"value\": {}, \"target\": {}, \"met\": {}}}{}",
            json_str(&g.name),
            num(g.value, 3),
            json_str(&g.target),
            g.met,
            if i + 1 < goals.len() { "," } else { "" }
        );
    }
    s.push_str("  ],\n  \"notes\": [\n");
    for (i, n) in notes.iter().enumerate() {
        let _ = writeln!(s, "    {}{}", json_str(n), if i + 1 < notes.len() { "," } else { "" });
    }
    let _ = write!(s, "  ],\n  \"seconds\": {:.0}\n}}\n", elapsed.as_secs_f64());
    s
}
