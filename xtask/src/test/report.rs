//! The summary of `cargo xtask test`: one row per check with its counts and wall time, the time
//! of each stage, and the closing `N passed, N failed` line.
//!
//! fmt, clippy and the build steps count as one check each; a test run counts its tests. A run
//! that fails without reporting a failed test (it did not compile, say) counts as one failure,
//! so that a broken build can never read as "0 failed".

use std::time::{Duration, Instant};

use super::counts::Counts;
use super::plan::Stage;
use crate::Result;

/// The outcome of one check.
struct Row {
    stage: Stage,
    /// The stage that needed this one, when it was not asked for itself.
    needed_by: Option<Stage>,
    name: String,
    passed: u64,
    failed: u64,
    note: String,
    time: Duration,
}

/// Collects the rows as the checks run, timing each.
pub struct Report {
    rows: Vec<Row>,
    stage: Stage,
    needed_by: Option<Stage>,
    /// When the current row began: at [`Report::begin`], or when the previous row ended. Rows
    /// follow one another, so each row's time is its own and the times add up to the run's.
    lap: Instant,
}

impl Report {
    /// An empty report; rows belong to [`Stage::Install`] until [`Report::begin`] says otherwise.
    pub fn new() -> Report {
        Report { rows: Vec::new(), stage: Stage::Install, needed_by: None, lap: Instant::now() }
    }

    /// Starts `stage`: the rows that follow belong to it, and its clock starts now.
    pub fn begin(&mut self, stage: Stage, needed_by: Option<Stage>) {
        self.stage = stage;
        self.needed_by = needed_by;
        self.lap = Instant::now();
    }

    fn push(&mut self, name: &str, passed: u64, failed: u64, note: String) {
        let now = Instant::now();
        self.rows.push(Row {
            stage: self.stage,
            needed_by: self.needed_by,
            name: name.to_owned(),
            passed,
            failed,
            note,
            time: now - self.lap,
        });
        self.lap = now;
    }

    /// Records a pass/fail check such as fmt or clippy; returns whether it passed.
    pub fn check(&mut self, name: &str, outcome: Result<bool>) -> bool {
        let (ok, note) = match outcome {
            Ok(true) => (true, String::new()),
            Ok(false) => (false, "exited non-zero".to_owned()),
            Err(error) => (false, error.to_string()),
        };
        self.push(name, u64::from(ok), u64::from(!ok), note);
        ok
    }

    /// Like [`Report::check`], for a step whose value later steps need.
    pub fn check_value<T>(&mut self, name: &str, outcome: Result<T>) -> Option<T> {
        match outcome {
            Ok(value) => {
                self.check(name, Ok(true));
                Some(value)
            }
            Err(error) => {
                self.check(name, Err(error));
                None
            }
        }
    }

    /// Records a test run from its exit status and the counts found in its output.
    pub fn tests(&mut self, name: &str, outcome: Result<(bool, Counts)>) {
        match outcome {
            Ok((ok, counts)) => {
                let silent_failure = !ok && counts.failed == 0;
                let note = if silent_failure { "exited non-zero".to_owned() } else { String::new() };
                self.push(name, counts.passed, counts.failed + u64::from(silent_failure), note);
            }
            Err(error) => self.push(name, 0, 1, error.to_string()),
        }
    }

    /// Records a check that could not run because one it depends on failed: a failure, since
    /// what it checks was not shown to work.
    pub fn not_run(&mut self, name: &str, why: &str) {
        self.push(name, 0, 1, why.to_owned());
    }

    /// Records a check with nothing to run, counted neither way.
    pub fn skipped(&mut self, name: &str, why: &str) {
        self.push(name, 0, 0, why.to_owned());
    }

    /// Tests passed and failed over every row.
    pub fn totals(&self) -> (u64, u64) {
        (self.rows.iter().map(|r| r.passed).sum(), self.rows.iter().map(|r| r.failed).sum())
    }

    /// Each stage's wall time (the sum of its rows), in the order the stages ran.
    fn stage_times(&self) -> Vec<(Stage, Duration)> {
        let mut times: Vec<(Stage, Duration)> = Vec::new();
        for row in &self.rows {
            match times.iter_mut().find(|(stage, _)| *stage == row.stage) {
                Some((_, time)) => *time += row.time,
                None => times.push((row.stage, row.time)),
            }
        }
        times
    }

    /// Prints the summary. Its last line is `N passed, N failed`; nothing may follow it.
    pub fn print(&self) {
        crate::header("test: summary");
        for row in &self.rows {
            let mark = if row.failed > 0 { "FAIL" } else { "ok  " };
            let mut notes: Vec<String> = Vec::new();
            if let Some(by) = row.needed_by {
                notes.push(format!("needed by {}", by.name()));
            }
            if !row.note.is_empty() {
                notes.push(row.note.clone());
            }
            let note = if notes.is_empty() { String::new() } else { format!("  ({})", notes.join("; ")) };
            println!(
                "{mark} {:<34} {:>5} passed {:>4} failed {:>8}{note}",
                row.name,
                row.passed,
                row.failed,
                wall(row.time)
            );
        }
        let stages: Vec<String> = self
            .stage_times()
            .iter()
            .map(|(stage, time)| format!("{} {}", stage.name(), wall(*time)))
            .collect();
        let total: Duration = self.rows.iter().map(|row| row.time).sum();
        println!("\ntime by stage: {}; total {}", stages.join(", "), wall(total));
        let (passed, failed) = self.totals();
        println!("\n{passed} passed, {failed} failed");
    }
}

/// A wall time as people read it: `12.3s` under a minute, `4m05s` above.
fn wall(time: Duration) -> String {
    let secs = time.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = time.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_failure_counts_once() {
        let mut report = Report::new();
        report.tests("x", Ok((false, Counts::default())));
        report.tests("y", Ok((false, Counts { passed: 2, failed: 2 })));
        report.check("z", Ok(true));
        assert_eq!(report.totals(), (3, 3));
    }

    #[test]
    fn not_run_fails_and_skipped_counts_neither_way() {
        let mut report = Report::new();
        report.not_run("e2e", "dist did not build");
        report.skipped("server", "none in server/tests/");
        assert_eq!(report.totals(), (0, 1));
        assert_eq!(report.check_value("dist", Err::<(), _>("boom".into())), None);
        assert_eq!(report.totals(), (0, 2));
    }

    #[test]
    fn rows_go_to_the_stage_begun_last_and_stage_times_add_up() {
        let mut report = Report::new();
        report.begin(Stage::ClippyWasm, None);
        report.check("a", Ok(true));
        report.check("b", Ok(true));
        report.begin(Stage::Unit, None);
        report.check("c", Ok(true));
        let secs = [3, 4, 5];
        for (row, secs) in report.rows.iter_mut().zip(secs) {
            row.time = Duration::from_secs(secs);
        }
        assert_eq!(
            report.stage_times(),
            [(Stage::ClippyWasm, Duration::from_secs(7)), (Stage::Unit, Duration::from_secs(5))]
        );
    }

    #[test]
    fn wall_times_read_as_seconds_then_minutes() {
        assert_eq!(wall(Duration::from_millis(1234)), "1.2s");
        assert_eq!(wall(Duration::from_millis(59_940)), "59.9s");
        assert_eq!(wall(Duration::from_secs(245)), "4m05s");
    }
}
