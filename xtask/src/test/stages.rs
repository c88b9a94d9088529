//! What each stage of `cargo xtask test` runs, recording its checks in the [`Report`].
//!
//! A stage whose inputs are missing (the tools did not install, `dist/` did not build) records
//! its checks as not run, which counts as failed: nothing it checks was shown to work.

use std::path::Path;
use std::process::Command;

use super::counts::{cargo_counts, tap_counts, Counts};
use super::report::Report;
use crate::{bundles, cmd, dist, peers, tools, Result};

/// The build tools and Chromium; whether they are all there now.
pub fn install(report: &mut Report) -> bool {
    crate::header("test: install tools");
    report.check(
        "install tools",
        tools::ensure_build_tools().and_then(|()| tools::ensure_browser()).map(|()| true),
    )
}

/// `cargo fmt --all --check`.
pub fn fmt(report: &mut Report) {
    crate::header("test: cargo fmt --all --check");
    report.check("cargo fmt", cmd::status(&mut cmd::cargo(["fmt", "--all", "--check"])));
}

/// Clippy over the whole workspace for the native target.
pub fn clippy(report: &mut Report) {
    crate::header("test: clippy (native)");
    report.check(
        "clippy native",
        cmd::status(&mut cmd::cargo(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])),
    );
}

/// Clippy for wasm32: each bundle's feature set, then every target of the wasm crates.
pub fn clippy_wasm(report: &mut Report) {
    // Each backend's bundle is the widget built with only that backend's feature; code that only
    // one bundle leaves unused must still be clean there.
    for features in std::iter::once(bundles::READER_FEATURES).chain(bundles::built_here()) {
        let name = if features == bundles::READER_FEATURES { "threadline" } else { features };
        crate::header(&format!("test: clippy (wasm32, the {name} bundle)"));
        let mut clippy = cmd::cargo(["clippy", "-p", "threadline", "--lib", "--target", tools::WASM_TARGET]);
        clippy.args(["--no-default-features", "--features", features, "--", "-D", "warnings"]);
        report.check(&format!("clippy wasm32 ({name} bundle)"), cmd::status(&mut clippy));
    }

    crate::header("test: clippy (wasm32)");
    let mut clippy = cmd::cargo(["clippy", "-p", "threadline", "-p", "threadline-protocol"]);
    clippy.args(["--target", tools::WASM_TARGET, "--all-targets", "--", "-D", "warnings"]);
    report.check("clippy wasm32", cmd::status(&mut clippy));
}

/// The native unit tests of every crate.
pub fn unit(report: &mut Report) {
    crate::header("test: native unit tests");
    report.tests("unit tests (native)", cargo_tests(cmd::cargo(["test", "--workspace", "--lib", "--bins"])));
}

/// The server's integration tests (its unit tests run in [`unit`]).
pub fn server(report: &mut Report) {
    crate::header("test: server integration tests");
    if has_test_targets(&crate::root().join("server").join("tests")) {
        // `--test '*'` runs only the integration targets: the unit tests run in `unit`.
        report.tests(
            "server integration tests",
            cargo_tests(cmd::cargo(["test", "-p", "threadline-server", "--test", "*"])),
        );
    } else {
        println!("no integration tests in server/tests/");
        report.skipped("server integration tests", "none in server/tests/");
    }
}

/// The wasm-bindgen tests in headless Chromium.
pub fn wasm(report: &mut Report, tools_ok: bool) {
    crate::header("test: wasm-bindgen tests in headless Chromium");
    if tools_ok {
        report.tests("wasm tests (Chromium)", wasm_tests());
    } else {
        report.not_run("wasm tests (Chromium)", "tools are missing");
    }
}

/// Builds `dist/` and, when `budget`, checks each bundle's size ceiling; whether `dist/` built.
pub fn dist(report: &mut Report, tools_ok: bool, budget: bool) -> bool {
    if !tools_ok {
        report.not_run("dist", "tools are missing");
        if budget {
            report.not_run("size budget", "dist was not built");
        }
        return false;
    }
    let Some(files) = report.check_value("dist", dist::build_measured()) else {
        if budget {
            report.not_run("size budget", "dist was not built");
        }
        return false;
    };
    if budget {
        crate::header("test: the size budget of every bundle");
        report.check("size budget", dist::check_widget_budget(&files).map(|()| true));
    }
    true
}

/// Installs the peer servers the end-to-end tests start.
pub fn peers(report: &mut Report) {
    crate::header("test: install the peer servers (Isso, Waline, WordPress)");
    report.check(
        "install peers",
        peers::ensure_isso()
            .and_then(|()| peers::ensure_waline())
            .and_then(|()| peers::ensure_wordpress())
            .map(|()| true),
    );
}

/// Builds the server, then runs the end-to-end tests: all of `tests/e2e/`, or only `files`.
pub fn e2e(report: &mut Report, dist_ok: bool, files: &[String]) {
    crate::header("test: cargo build -p threadline-server");
    let server_ok =
        report.check("build server", cmd::status(&mut cmd::cargo(["build", "-p", "threadline-server"])));

    crate::header("test: end-to-end tests (node --test, Chromium)");
    let name = match files.len() {
        0 => "end-to-end tests".to_owned(),
        1 => "end-to-end tests (1 file)".to_owned(),
        n => format!("end-to-end tests ({n} files)"),
    };
    if dist_ok && server_ok {
        report.tests(&name, e2e_tests(files));
    } else {
        report.not_run(&name, "dist or the server did not build");
    }
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

fn e2e_tests(files: &[String]) -> Result<(bool, Counts)> {
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
    command.arg(format!("--test-reporter-destination={}", tap.display()));
    if files.is_empty() {
        // The benchmarks' pure helpers have their tests there too (no browser, milliseconds).
        command.args(["tests/e2e/", "bench/"]);
    } else {
        command.args(files);
    }
    command
        .env("THREADLINE_SERVER_BIN", &server)
        .env("THREADLINE_DIST", dist::dist_dir())
        .env("THREADLINE_SCREENSHOTS", target.join("screenshots"))
        .env("THREADLINE_ISSO_BIN", peers::isso_bin())
        .env("THREADLINE_WALINE_DIR", peers::waline_dir());
    let ok = cmd::status(&mut command)?;
    let output = std::fs::read_to_string(&tap).unwrap_or_default();
    Ok((ok, tap_counts(&output)))
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
