//! Posting with and without screening, for the `screening` part of `cargo xtask bench`.
//!
//! Issue 11 asks that posting with screening on runs at no less than 0.8× the rate without it.
//! Two threadline-server instances, identical but for their `default` site's screening (the
//! built-in screen, and `--screening off`), run the load part's `post` scenario side by side:
//! same seeding, same warm-up, and their wrk runs interleaved run by run so that background
//! load hits both alike. The ratio is taken at every connection count.

use serde_json::{json, Value};

use super::data::seed_comments;
use super::install::ensure_wrk;
use super::report::{loadavg, row_json};
use super::scenarios::{run_scenario, Row};
use super::servers::Bins;
use super::{build_servers, fresh_dir, Plan, Server, CONNECTIONS, WARMUP_SECS};
use crate::Result;

/// The least rate with screening on, as a share of the rate with it off (issue 11).
const MIN_RATIO: f64 = 0.8;

/// Runs of every cell. More than the load part's 5: the goal is a ratio of two close rates
/// on a noisy machine, and each extra pair of runs costs only two 2-second runs per cell.
const RUNS: usize = 7;

/// Measures posts with screening on and off and returns the `posts` rows (one per connection
/// count, each with both servers' row in `load.json`'s shape and their ratio), the goals and
/// notes.
pub fn screening_posts() -> Result<Value> {
    ensure_wrk()?;
    let (threadline, floor) = build_servers()?;
    let plan = Plan::from_env(RUNS);
    let work = fresh_dir("screening-work")?;
    let bins = Bins { threadline, floor, work: work.clone() };
    let servers = [Server::Threadline, Server::ThreadlineUnscreened];
    let load_before = loadavg();
    let rows = run_scenario(&bins, &servers, "post", &seed_comments(), plan)?;
    let load_after = loadavg();
    std::fs::remove_dir_all(&work)?;

    let mut posts = Vec::new();
    let mut goals = Vec::new();
    let mut held = 0;
    for connections in CONNECTIONS {
        let row = |server| rows.iter().find(|r| r.server == server && r.connections == connections);
        let (Some(on), Some(off)) = (row(Server::Threadline), row(Server::ThreadlineUnscreened)) else {
            return Err(format!("no post rows at {connections} connections").into());
        };
        let ratio = if off.req_s.median > 0.0 { on.req_s.median / off.req_s.median } else { 0.0 };
        let ratio = (ratio * 1000.0).round() / 1000.0;
        let met = ratio >= MIN_RATIO;
        held += held_posts(on) + held_posts(off);
        posts.push(json!({
            "connections": connections,
            "ratio": ratio,
            "target": format!(">= {MIN_RATIO}"),
            "met": met,
            "on": serde_json::from_str::<Value>(&row_json(on))?,
            "off": serde_json::from_str::<Value>(&row_json(off))?,
        }));
        goals.push(json!({
            "name": format!("post req/s at {}, screening on ÷ off", connections_text(connections)),
            "value": ratio,
            "target": format!(">= {MIN_RATIO}"),
            "met": met,
            "on_req_s": on.req_s.median,
            "off_req_s": off.req_s.median,
        }));
    }
    let answered: u64 = rows.iter().map(|r| r.requests - r.non2xx).sum();
    goals.push(json!({
        "name": "bench posts held by screening",
        "value": held,
        "target": "== 0",
        "met": held == 0,
        "answered_2xx": answered,
    }));
    let notes = notes(&rows, plan, [load_before, load_after]);
    Ok(json!({ "posts": posts, "goals": goals, "notes": notes }))
}

/// Posts of `row` answered 2xx that readers cannot see: held by the screen (never negative:
/// a post whose answer wrk did not wait for at the end of a run is stored but not counted).
fn held_posts(row: &Row) -> u64 {
    let answered = row.requests.saturating_sub(row.non2xx);
    row.published.map_or(0, |published| answered.saturating_sub(published))
}

fn notes(rows: &[Row], plan: Plan, load: [String; 2]) -> Vec<String> {
    let cpu = |server, c| {
        rows.iter().find(|r| r.server == server && r.connections == c).map_or(f64::NAN, |r| r.cpu_us_per_req)
    };
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut notes = vec![
        format!(
            "Posts: the load part's post scenario (wrk with bench/load/wrk.lua: every request a new top-level comment \
             of about 260 characters of ordinary prose, unique text and Idempotency-Key) against two threadline-server \
             instances started fresh, with the same flags as in the load part (--post-rate 0 --duplicate-window-mins 0 \
             --exempt-loopback, default logging): 'threadline-server' with the built-in screening of every site without \
             settings, and 'threadline-server screening off', whose database got `site set default --screening off` \
             before it started. Each cell is {} runs of {} s, the two servers taking turns run by run after a \
             {WARMUP_SECS} s warm-up; req/s is the median of the runs, the ratio is the median with screening on ÷ \
             the median with it off.",
            plan.runs, plan.secs
        ),
        "Published: the posts of the cell that readers see afterwards (the thread's total less its seed comment). It \
         equals the 2xx answers (or exceeds them by the posts still in flight when a run ended) when the screen held \
         none of the bench's posts, so the 'on' figures measure screened posts that are published, the usual path."
            .to_owned(),
        format!(
            "Background: the 1-minute load average was {} before these runs and {} after them, on {cores} cores.",
            load[0], load[1]
        ),
    ];
    for c in CONNECTIONS {
        let (on, off) = (cpu(Server::Threadline, c), cpu(Server::ThreadlineUnscreened, c));
        notes.push(format!(
            "Server CPU per post at {} (steadier than req/s on a busy machine): {on:.0} µs with \
             screening, {off:.0} µs without, so screening costs about {:.0} µs of CPU per post here, and CPU-bound \
             posting would run at about {:.2}× the unscreened rate.",
            connections_text(c),
            on - off,
            off / on
        ));
    }
    // The screen's tables (rustrict's, and our word lists' automaton) live as long as the server.
    let rss = |server| rows.iter().filter(|r| r.server == server).map(|r| r.rss_mb).fold(f64::NAN, f64::max);
    notes.push(format!(
        "Memory: the server's peak resident set over the cells was {:.1} MB with screening and {:.1} MB without it.",
        rss(Server::Threadline),
        rss(Server::ThreadlineUnscreened)
    ));
    notes
}

/// `1 connection`, `16 connections`.
fn connections_text(c: u32) -> String {
    format!("{c} connection{}", if c == 1 { "" } else { "s" })
}
