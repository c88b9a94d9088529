//! `cargo xtask test`: every check, in a fixed order, going on past failures, ending with the
//! line `N passed, N failed` and a non-zero exit when anything failed.
//!
//! fmt, clippy and the build steps count as one check each; test runs count their tests, read
//! from cargo's `test result:` lines and from node's TAP `# pass` / `# fail` / `# cancelled`
//! lines. A run that fails without reporting a failed test (it did not compile, say) counts as
//! one failure.

use std::path::Path;
use std::process::Command;

use crate::{cmd, dist, peers, tools, Result};

/// The outcome of one stage.
struct Stage {
    name: String,
    passed: u64,
    failed: u64,
    note: String,
}

/// Collects the stages as they run.
#[derive(Default)]
struct Report {
    stages: Vec<Stage>,
}

impl Report {
    /// Records a pass/fail check such as fmt or clippy.
    fn check(&mut self, name: &str, outcome: Result<bool>) -> bool {
        let (ok, note) = match outcome {
            Ok(true) => (true, String::new()),
            Ok(false) => (false, "exited non-zero".to_owned()),
            Err(error) => (false, error.to_string()),
        };
        self.stages.push(Stage {
            name: name.to_owned(),
            passed: u64::from(ok),
            failed: u64::from(!ok),
            note,
        });
        ok
    }

    /// Like [`Report::check`], for a step whose value later steps need.
    fn check_value<T>(&mut self, name: &str, outcome: Result<T>) -> Option<T> {
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
    fn tests(&mut self, name: &str, outcome: Result<(bool, Counts)>) {
        let stage = match outcome {
            Ok((ok, counts)) => {
                let silent_failure = !ok && counts.failed == 0;
                Stage {
                    name: name.to_owned(),
                    passed: counts.passed,
                    failed: counts.failed + u64::from(silent_failure),
                    note: if silent_failure { "exited non-zero".to_owned() } else { String::new() },
                }
            }
            Err(error) => Stage { name: name.to_owned(), passed: 0, failed: 1, note: error.to_string() },
        };
        self.stages.push(stage);
    }

    /// Records a stage that could not run because an earlier one failed.
    fn not_run(&mut self, name: &str, why: &str) {
        self.stages.push(Stage { name: name.to_owned(), passed: 0, failed: 1, note: why.to_owned() });
    }

    /// Records a stage with nothing to run, counted neither way.
    fn skipped(&mut self, name: &str, why: &str) {
        self.stages.push(Stage { name: name.to_owned(), passed: 0, failed: 0, note: why.to_owned() });
    }

    fn totals(&self) -> (u64, u64) {
        (self.stages.iter().map(|s| s.passed).sum(), self.stages.iter().map(|s| s.failed).sum())
    }

    fn print(&self) {
        crate::header("test: summary");
        for s in &self.stages {
            let mark = if s.failed > 0 { "FAIL" } else { "ok  " };
            let note = if s.note.is_empty() { String::new() } else { format!("  ({})", s.note) };
            println!("{mark} {:<34} {:>5} passed {:>4} failed{note}", s.name, s.passed, s.failed);
        }
        let (passed, failed) = self.totals();
        println!("\n{passed} passed, {failed} failed");
    }
}

/// Test counts read from a runner's output.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
}

/// Runs everything and prints the summary; `Ok(false)` when anything failed.
pub fn run() -> Result<bool> {
    let mut report = Report::default();
    let root = crate::root();

    crate::header("test: install tools");
    let tools_ok = report.check(
        "install tools",
        tools::ensure_build_tools().and_then(|()| tools::ensure_browser()).map(|()| true),
    );

    crate::header("test: cargo fmt --all --check");
    report.check("cargo fmt", cmd::status(&mut cmd::cargo(["fmt", "--all", "--check"])));

    crate::header("test: clippy (native)");
    report.check(
        "clippy native",
        cmd::status(&mut cmd::cargo(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])),
    );

    // Each backend's bundle is the widget built with only that backend's feature; code that only
    // one bundle leaves unused must still be clean there.
    for features in std::iter::once("").chain(crate::bundles::FOREIGN) {
        let name = if features.is_empty() { "threadline" } else { features };
        crate::header(&format!("test: clippy (wasm32, the {name} bundle)"));
        let mut clippy = cmd::cargo(["clippy", "-p", "threadline", "--lib", "--target", tools::WASM_TARGET]);
        clippy.args(["--no-default-features", "--features", features, "--", "-D", "warnings"]);
        report.check(&format!("clippy wasm32 ({name} bundle)"), cmd::status(&mut clippy));
    }

    crate::header("test: clippy (wasm32)");
    report.check(
        "clippy wasm32",
        cmd::status(&mut cmd::cargo([
            "clippy",
            "-p",
            "threadline",
            "-p",
            "threadline-protocol",
            "--target",
            tools::WASM_TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );

    crate::header("test: native unit tests");
    report.tests("unit tests (native)", cargo_tests(cmd::cargo(["test", "--workspace", "--lib", "--bins"])));

    crate::header("test: server integration tests");
    if has_test_targets(&root.join("server").join("tests")) {
        // `--test '*'` runs only the integration targets: the unit tests ran above.
        report.tests(
            "server integration tests",
            cargo_tests(cmd::cargo(["test", "-p", "threadline-server", "--test", "*"])),
        );
    } else {
        println!("no integration tests in server/tests/");
        report.skipped("server integration tests", "none in server/tests/");
    }

    crate::header("test: wasm-bindgen tests in headless Chromium");
    if tools_ok {
        report.tests("wasm tests (Chromium)", wasm_tests());
    } else {
        report.not_run("wasm tests (Chromium)", "tools are missing");
    }

    let dist_files = if tools_ok { report.check_value("dist", dist::build_measured()) } else { None };
    let dist_ok = dist_files.is_some();
    if !tools_ok {
        report.not_run("dist", "tools are missing");
    }
    match &dist_files {
        Some(files) => {
            crate::header("test: the size budget of every bundle");
            report.check("size budget", dist::check_widget_budget(files).map(|()| true));
        }
        None => report.not_run("size budget", "dist was not built"),
    }

    crate::header("test: cargo build -p threadline-server");
    let server_ok =
        report.check("build server", cmd::status(&mut cmd::cargo(["build", "-p", "threadline-server"])));

    crate::header("test: install the peer servers (Isso, Waline, WordPress)");
    report.check(
        "install peers",
        peers::ensure_isso()
            .and_then(|()| peers::ensure_waline())
            .and_then(|()| peers::ensure_wordpress())
            .map(|()| true),
    );

    crate::header("test: end-to-end tests (node --test, Chromium)");
    if dist_ok && server_ok {
        report.tests("end-to-end tests", e2e_tests());
    } else {
        report.not_run("end-to-end tests", "dist or the server did not build");
    }

    report.print();
    Ok(report.totals().1 == 0)
}

/// Runs a `cargo test` command, returning its success and the summed `test result:` counts.
fn cargo_tests(mut command: Command) -> Result<(bool, Counts)> {
    let (ok, output) = cmd::tee(&mut command)?;
    Ok((ok, cargo_counts(&output)))
}

fn wasm_tests() -> Result<(bool, Counts)> {
    // The runner adds --headless --no-sandbox --disable-dev-shm-usage itself; chromedriver gives
    // each session a fresh profile. These keep Chromium from calling hosts it cannot reach.
    let config = crate::target_dir().join("xtask").join("webdriver.json");
    std::fs::create_dir_all(config.parent().expect("has a parent"))?;
    std::fs::write(
        &config,
        r#"{
  "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["disable-gpu", "disable-background-networking", "disable-component-update",
             "disable-sync", "no-first-run"]
  }
}
"#,
    )?;
    let mut command = cmd::cargo(["test", "-p", "threadline", "--target", tools::WASM_TARGET]);
    command
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &config)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    cargo_tests(command)
}

fn e2e_tests() -> Result<(bool, Counts)> {
    let target = crate::target_dir();
    let tap = target.join("xtask").join("e2e.tap");
    std::fs::create_dir_all(tap.parent().expect("has a parent"))?;
    let _ = std::fs::remove_file(&tap);
    let server = target.join("debug").join("threadline-server");
    let mut command = cmd::program(
        "node",
        [
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
            "--test-reporter=tap",
        ],
    );
    command
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .arg("tests/e2e/")
        .env("THREADLINE_SERVER_BIN", &server)
        .env("THREADLINE_DIST", dist::dist_dir())
        .env("THREADLINE_SCREENSHOTS", target.join("screenshots"))
        .env("THREADLINE_ISSO_BIN", peers::isso_bin())
        .env("THREADLINE_WALINE_DIR", peers::waline_dir());
    let ok = cmd::status(&mut command)?;
    let output = std::fs::read_to_string(&tap).unwrap_or_default();
    Ok((ok, tap_counts(&output)))
}

/// Sums every `test result: ok. N passed; M failed; …` line.
fn cargo_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines().filter(|line| line.contains("test result:")) {
        counts.passed += number_before(line, " passed").unwrap_or(0);
        counts.failed += number_before(line, " failed").unwrap_or(0);
    }
    counts
}

/// Reads the closing `# pass N`, `# fail N` and `# cancelled N` lines of node's TAP report.
fn tap_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        if let Some(n) = line.strip_prefix("# pass ").and_then(|n| n.trim().parse().ok()) {
            counts.passed = n;
        }
        // Tests cancelled because their hook failed did not pass either.
        for prefix in ["# fail ", "# cancelled "] {
            if let Some(n) = line.strip_prefix(prefix).and_then(|n| n.trim().parse::<u64>().ok()) {
                counts.failed += n;
            }
        }
    }
    counts
}

/// The number just before `suffix` in `line`, as in `"3 passed"`.
fn number_before(line: &str, suffix: &str) -> Option<u64> {
    let head = &line[..line.find(suffix)?];
    let digits = head.rsplit(|c: char| !c.is_ascii_digit()).next()?;
    digits.parse().ok()
}

/// Whether `dir` holds integration test targets as cargo finds them: `*.rs` or `*/main.rs`.
fn has_test_targets(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .any(|path| path.extension().is_some_and(|ext| ext == "rs") || path.join("main.rs").is_file())
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let output = "\
running 2 tests
test a ... ok
test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
test result: FAILED. 10 passed; 3 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s
";
        assert_eq!(cargo_counts(output), Counts { passed: 12, failed: 3 });
        assert_eq!(cargo_counts("error: could not compile"), Counts::default());
    }

    #[test]
    fn reads_tap_summary() {
        let output = "TAP version 13\nok 1 - a\n# tests 7\n# suites 0\n# pass 4\n# fail 1\n# cancelled 2\n";
        assert_eq!(tap_counts(output), Counts { passed: 4, failed: 3 });
    }

    #[test]
    fn silent_failure_counts_once() {
        let mut report = Report::default();
        report.tests("x", Ok((false, Counts::default())));
        report.tests("y", Ok((false, Counts { passed: 2, failed: 2 })));
        report.check("z", Ok(true));
        assert_eq!(report.totals(), (3, 3));
    }
}
