//! Running wrk with `bench/load/wrk.lua` and parsing what it reports.

use std::fs::{self, File};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::servers::{nanos_now, Running};
use super::{LIST_THREAD, MAX_REQUESTS};
use crate::Result;

/// What one wrk run reported.
#[derive(Debug, Default)]
pub(super) struct WrkResult {
    pub(super) requests: u64,
    pub(super) duration_us: u64,
    pub(super) p50_us: u64,
    pub(super) p99_us: u64,
    pub(super) non2xx: u64,
    pub(super) s5xx: u64,
    pub(super) socket_errors: u64,
    pub(super) statuses: String,
    /// Filled in by the caller: the server's CPU ticks and context switches during the run.
    pub(super) cpu_ticks: u64,
    pub(super) context_switches: u64,
}

/// Runs wrk with `bench/load/wrk.lua` for `secs` seconds, killing it if it overruns.
pub(super) fn wrk(
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
