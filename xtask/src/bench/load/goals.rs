//! The goals of issue 6, as ratios of the same run.

use super::race::Race;
use super::scenarios::Row;
use super::{Server, RACERS, RACE_ROUNDS};

pub(super) struct Goal {
    pub(super) name: String,
    pub(super) value: f64,
    pub(super) target: String,
    pub(super) met: bool,
}

pub(super) fn find<'a>(rows: &'a [Row], server: Server, scenario: &str, connections: u32) -> Option<&'a Row> {
    rows.iter().find(|r| r.server == server && r.scenario == scenario && r.connections == connections)
}

/// The goals of issue 6 for the server, as ratios of this run.
pub(super) fn goals(rows: &[Row], races: &[Race]) -> Vec<Goal> {
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
