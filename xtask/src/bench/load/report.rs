//! The report: notes on the run, the table on the terminal, and `load.json`.

use std::fmt::Write as _;
use std::fs;
use std::time::Duration;

use super::goals::{find, Goal};
use super::http::json_str;
use super::race::Race;
use super::scenarios::Row;
use super::{Plan, Server, GUNICORN_VERSION, MAX_REQUESTS, PAGE, RACERS, RACE_ROUNDS, WARMUP_SECS};

/// The 1-minute load average, as /proc/loadavg says.
pub(super) fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

pub(super) fn notes(rows: &[Row], races: &[Race], plan: Plan, load: [String; 2]) -> Vec<String> {
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
        "threadline-server: built with the workspace's `server` profile (opt-level 3 everywhere, thin LTO), run with --post-rate 0 --duplicate-window-mins 0 --exempt-loopback (rate limit, duplicate \
         detection and the new-thread bound OFF for the benchmark), no proof of work, default logging (RUST_LOG unset = info: one log line per \
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
        "How threadline-server gets its figures: a page is one SQL statement (the total, the top-level comments and \
         all their replies together), and its finished JSON is cached in memory under a per-thread version that every \
         write bumps before the poster's 201, so a repeated list is a version check and a memory copy; the floor \
         queries SQLite on every request. Posts go to one writer task that stores every queued post in a single \
         transaction (group commit: one look-up of all Idempotency-Keys, one INSERT per post with its parent check, \
         one INSERT of the new keys, one COMMIT) and then answers each poster, where the floor commits each INSERT \
         on its own through a pool. Before these (the previous results), over half of the server's CPU was kernel \
         time handing each of a page's five and a post's seven statements between tokio's workers and sqlx's SQLite \
         worker thread."
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
            "For scale: at 64 connections the floor, which queries SQLite for every request, lists at {:.0}× Isso's \
             rate here; the 100× goal takes a server that does not, such as threadline-server's page cache.",
            floor.req_s.median / isso.req_s.median.max(1e-9)
        ));
        }
    }
    notes.push(
        "Both Rust servers and all their dependencies (tokio, hyper, sqlx, libsqlite3, serde_json) are built with the \
         workspace's `server` profile: opt-level 3 and thin LTO (the release profile is tuned for the wasm widget's \
         size). Both share it, so their ratio is fair."
            .to_owned(),
    );
    notes
}

pub(super) fn print_table(rows: &[Row], races: &[Race], goals: &[Goal]) {
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

pub(super) fn to_json(
    rows: &[Row],
    races: &[Race],
    goals: &[Goal],
    notes: &[String],
    elapsed: Duration,
) -> String {
    let mut s = String::from("{\n  \"load\": [\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(s, "    {}{}", row_json(r), if i + 1 < rows.len() { "," } else { "" });
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

/// One row as a JSON object on one line: the keys of `load.json`'s rows, which the screening
/// part's rows share.
pub(super) fn row_json(r: &Row) -> String {
    let published = r.published.map_or(String::new(), |n| format!(", \"published\": {n}"));
    format!(
        "{{\"server\": {}, \"scenario\": {}, \"connections\": {}, \"req_s\": {}, \"p50_ms\": {}, \"p99_ms\": {}, \
         \"req_s_min\": {}, \"req_s_max\": {}, \"p50_ms_min\": {}, \"p50_ms_max\": {}, \"p99_ms_min\": {}, \"p99_ms_max\": {}, \"runs\": {}, \"cpu_us_per_req\": {}, \"context_switches_per_req\": {}, \
         \"non2xx\": {}, \"errors_5xx\": {}, \"rss_mb\": {}, \"requests\": {}, \"socket_errors\": {}, \"non2xx_statuses\": {}{published}}}",
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
    )
}
