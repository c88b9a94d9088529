//! What `cargo xtask test` runs: its stages, the arguments that pick some of them, and the
//! stages a picked one needs run first.
//!
//! Parsing is pure (no file system, no processes) so that the unit tests below cover every rule.

use std::fmt::Write as _;
use std::path::Path;

/// One stage of `cargo xtask test`. The declaration order is the order of a full run, which is
/// what CI runs; [`Plan`] sorts by it, so a selection never reorders stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The build tools and Chromium.
    Install,
    /// `cargo fmt --all --check`.
    Fmt,
    /// Clippy for the native target.
    Clippy,
    /// Clippy for wasm32: each backend's bundle, then every target.
    ClippyWasm,
    /// Native unit tests.
    Unit,
    /// The server's integration tests.
    Server,
    /// wasm-bindgen tests in headless Chromium.
    Wasm,
    /// The release build of `dist/` and the size budget.
    Dist,
    /// The peer servers the end-to-end tests run against.
    Peers,
    /// The server build and the end-to-end tests.
    E2e,
}

impl Stage {
    /// Every stage, in the order of a full run.
    pub const ALL: [Stage; 10] = [
        Stage::Install,
        Stage::Fmt,
        Stage::Clippy,
        Stage::ClippyWasm,
        Stage::Unit,
        Stage::Server,
        Stage::Wasm,
        Stage::Dist,
        Stage::Peers,
        Stage::E2e,
    ];

    /// `--quick`: answers in a minute or two; installs nothing, builds no bundle, starts no browser.
    pub const QUICK: [Stage; 4] = [Stage::Fmt, Stage::Clippy, Stage::Unit, Stage::Server];

    /// The name `--only` takes and the summary prints. These are part of the CLI: keep them stable.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Install => "install",
            Stage::Fmt => "fmt",
            Stage::Clippy => "clippy",
            Stage::ClippyWasm => "clippy-wasm",
            Stage::Unit => "unit",
            Stage::Server => "server",
            Stage::Wasm => "wasm",
            Stage::Dist => "dist",
            Stage::Peers => "peers",
            Stage::E2e => "e2e",
        }
    }

    /// One line for `--help`.
    fn about(self) -> &'static str {
        match self {
            Stage::Install => "wasm32 target, wasm-bindgen, Trunk, npm packages, Chromium (when missing)",
            Stage::Fmt => "cargo fmt --all --check",
            Stage::Clippy => "clippy -D warnings, native: the whole workspace, all targets",
            Stage::ClippyWasm => "clippy -D warnings, wasm32: each backend's bundle, then all targets",
            Stage::Unit => "native unit tests of every crate (--lib --bins)",
            Stage::Server => "the server's integration tests (server/tests/, real HTTP, SQLite)",
            Stage::Wasm => "wasm-bindgen tests in headless Chromium",
            Stage::Dist => "the release build of dist/ (every bundle), then each bundle's size ceiling",
            Stage::Peers => "install the peer servers: Isso, Waline, WordPress (when missing)",
            Stage::E2e => "build the server, then the end-to-end tests (node --test, Chromium)",
        }
    }

    /// The stage called `name`, if any.
    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.name() == name)
    }

    /// The stages whose results this one uses: a selection that lacks them runs them first.
    /// Complete by itself (not transitive), so that [`Plan`] needs no closure loop.
    pub fn needs(self) -> &'static [Stage] {
        match self {
            // The wasm32 target comes with the build tools.
            Stage::ClippyWasm => &[Stage::Install],
            // wasm-bindgen-test-runner, chromedriver and Chromium.
            Stage::Wasm => &[Stage::Install],
            Stage::Dist => &[Stage::Install],
            // playwright-core, dist/ and the peers' servers.
            Stage::E2e => &[Stage::Install, Stage::Dist, Stage::Peers],
            Stage::Install | Stage::Fmt | Stage::Clippy | Stage::Unit | Stage::Server | Stage::Peers => &[],
        }
    }
}

/// One stage to run, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The stage.
    pub stage: Stage,
    /// `None` when the stage was asked for; otherwise the first asked-for stage that needs it.
    /// A needed stage runs only as far as the other needs it (`dist` skips the size budget).
    pub needed_by: Option<Stage>,
}

/// What one invocation runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The stages in the order of a full run, each once.
    pub steps: Vec<Step>,
    /// End-to-end test files to run instead of all of `tests/e2e/` (paths from the workspace root).
    pub e2e_files: Vec<String>,
}

impl Plan {
    /// The stages in `selected`, each once, with those they need, in the order of a full run.
    pub fn new(selected: &[Stage], e2e_files: Vec<String>) -> Plan {
        let mut steps: Vec<Step> = Vec::new();
        for stage in Stage::ALL {
            if selected.contains(&stage) {
                steps.push(Step { stage, needed_by: None });
            } else if let Some(&by) = selected.iter().filter(|s| s.needs().contains(&stage)).min() {
                steps.push(Step { stage, needed_by: Some(by) });
            }
        }
        Plan { steps, e2e_files }
    }

    /// The end-to-end files that do not exist under `root`: checked before anything runs, so
    /// that a typo costs nothing rather than a release build of `dist/` first.
    pub fn missing_files(&self, root: &Path) -> Vec<&str> {
        self.e2e_files.iter().map(String::as_str).filter(|file| !root.join(file).exists()).collect()
    }
}

/// What the arguments ask for.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// Run these stages.
    Run(Plan),
    /// Print [`usage`].
    Help,
}

/// Parses the arguments after `test`. No arguments is the full run.
pub fn parse(args: &[String]) -> Result<Request, String> {
    let (flags, files) = match args.iter().position(|a| a == "--") {
        Some(at) => (&args[..at], args[at + 1..].to_vec()),
        None => (args, Vec::new()),
    };
    let mut quick = false;
    let mut only: Option<Vec<Stage>> = None;
    let mut rest = flags.iter();
    let mut next = rest.next();
    while let Some(arg) = next {
        next = rest.next();
        match arg.as_str() {
            "-h" | "--help" => return Ok(Request::Help),
            "--quick" => quick = true,
            "--only" => {
                let stages = only.get_or_insert_with(Vec::new);
                let before = stages.len();
                // Names run up to the next flag; `--only fmt,clippy` works too.
                while let Some(names) = next.filter(|a| !a.starts_with('-')) {
                    for name in names.split(',').filter(|n| !n.is_empty()) {
                        stages.push(Stage::from_name(name).ok_or_else(|| unknown_stage(name))?);
                    }
                    next = rest.next();
                }
                if stages.len() == before {
                    return Err(format!("--only needs at least one stage: {}", stage_names()));
                }
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let selected = match (quick, only) {
        (true, Some(_)) => return Err("--quick and --only do not combine: pick one".into()),
        (true, None) => Stage::QUICK.to_vec(),
        (false, Some(stages)) => stages,
        (false, None) => Stage::ALL.to_vec(),
    };
    if !files.is_empty() && !selected.contains(&Stage::E2e) {
        return Err("test files after `--` are end-to-end tests: add the e2e stage (--only e2e)".into());
    }
    Ok(Request::Run(Plan::new(&selected, files)))
}

fn unknown_stage(name: &str) -> String {
    let hint = if name.contains('/') || name.ends_with(".mjs") {
        " (end-to-end test files go after `--`: --only e2e -- FILE)"
    } else {
        ""
    };
    format!("unknown stage {name:?}{hint}; the stages are: {}", stage_names())
}

/// The stage names, comma-separated, in the order of a full run.
fn stage_names() -> String {
    Stage::ALL.map(Stage::name).join(", ")
}

/// The text of `cargo xtask test --help`.
pub fn usage() -> String {
    let mut text = String::from(
        "\
usage: cargo xtask test [--quick | --only STAGE...] [-- E2E_FILE...]

With no arguments every stage runs, in the order below: that is what CI runs (.ci/run).
The summary gives each check's result and wall time, and ends with `N passed, N failed`.

  --quick          fmt, clippy, unit, server: no installs, no bundles, no browser
  --only STAGE...  these stages (space- or comma-separated), after any stage they need;
                   the summary marks those \"needed by\"
  -- E2E_FILE...   with the e2e stage: only these test files, e.g.
                   cargo xtask test --only e2e -- tests/e2e/custom-backend.test.mjs

stages:
",
    );
    for stage in Stage::ALL {
        let _ = write!(text, "  {:<12} {}", stage.name(), stage.about());
        let needs = stage.needs();
        if !needs.is_empty() {
            let names: Vec<&str> = needs.iter().map(|s| s.name()).collect();
            let _ = write!(text, "\n  {:<12} (needs {})", "", names.join(", "));
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    fn plan(line: &str) -> Plan {
        match parse(&args(line)) {
            Ok(Request::Run(plan)) => plan,
            other => panic!("{line:?} parsed to {other:?}"),
        }
    }

    /// `(stage name, needed by)` for each step.
    fn steps(line: &str) -> Vec<(&'static str, Option<&'static str>)> {
        plan(line).steps.iter().map(|s| (s.stage.name(), s.needed_by.map(Stage::name))).collect()
    }

    #[test]
    fn no_arguments_is_every_stage_in_ci_order() {
        let full = plan("");
        assert_eq!(full.steps.iter().map(|s| s.stage).collect::<Vec<_>>(), Stage::ALL);
        assert!(full.steps.iter().all(|s| s.needed_by.is_none()));
        assert!(full.e2e_files.is_empty());
    }

    #[test]
    fn quick_needs_nothing_installed_built_or_started() {
        assert_eq!(steps("--quick"), [("fmt", None), ("clippy", None), ("unit", None), ("server", None)]);
        for stage in Stage::QUICK {
            assert!(stage.needs().is_empty(), "{stage:?} would pull in {:?}", stage.needs());
        }
    }

    #[test]
    fn only_runs_the_named_stages_in_ci_order_whatever_the_argument_order() {
        assert_eq!(steps("--only unit fmt"), [("fmt", None), ("unit", None)]);
        assert_eq!(steps("--only unit,fmt"), [("fmt", None), ("unit", None)]);
        assert_eq!(steps("--only fmt --only fmt"), [("fmt", None)]);
    }

    #[test]
    fn e2e_alone_brings_the_tools_dist_and_peers_first() {
        assert_eq!(
            steps("--only e2e"),
            [("install", Some("e2e")), ("dist", Some("e2e")), ("peers", Some("e2e")), ("e2e", None)]
        );
        // Asked for, dist runs in full (with its size budget), not as e2e's helper.
        assert_eq!(
            steps("--only dist e2e"),
            [("install", Some("dist")), ("dist", None), ("peers", Some("e2e")), ("e2e", None)]
        );
    }

    #[test]
    fn every_stage_that_needs_tools_gets_them() {
        for stage in [Stage::ClippyWasm, Stage::Wasm, Stage::Dist] {
            let plan = Plan::new(&[stage], Vec::new());
            assert_eq!(
                plan.steps,
                [Step { stage: Stage::Install, needed_by: Some(stage) }, Step { stage, needed_by: None }]
            );
        }
    }

    #[test]
    fn needs_are_complete_without_a_closure() {
        // Plan::new follows one level of needs; that is enough only if needs are closed.
        for stage in Stage::ALL {
            for need in stage.needs() {
                assert!(need < &stage, "{stage:?} needs {need:?}, which a full run takes later");
                for second in need.needs() {
                    assert!(stage.needs().contains(second), "{stage:?} needs {need:?} needs {second:?}");
                }
            }
        }
    }

    #[test]
    fn names_round_trip_and_are_all_listed_in_help() {
        let help = usage();
        for stage in Stage::ALL {
            assert_eq!(Stage::from_name(stage.name()), Some(stage));
            assert!(help.contains(&format!("\n  {:<12} ", stage.name())), "--help lacks {stage:?}");
        }
    }

    #[test]
    fn an_unknown_stage_is_refused_with_the_list() {
        let error = parse(&args("--only fmt lint")).unwrap_err();
        assert!(error.contains("\"lint\""), "{error}");
        assert!(error.contains(&stage_names()), "{error}");
        let error = parse(&args("--only tests/e2e/csp.test.mjs")).unwrap_err();
        assert!(error.contains("go after `--`"), "{error}");
    }

    #[test]
    fn malformed_arguments_are_refused() {
        for line in ["--only", "--only --quick", "--quick --only fmt", "fmt", "--fast", "--only e2e -x"] {
            assert!(parse(&args(line)).is_err(), "{line:?} was accepted");
        }
    }

    #[test]
    fn help_wins_wherever_it_stands() {
        assert_eq!(parse(&args("--help")), Ok(Request::Help));
        assert_eq!(parse(&args("--only fmt -h")), Ok(Request::Help));
    }

    #[test]
    fn files_after_the_separator_filter_e2e() {
        let p = plan("--only e2e -- tests/e2e/csp.test.mjs tests/e2e/xss.test.mjs");
        assert_eq!(p.e2e_files, ["tests/e2e/csp.test.mjs", "tests/e2e/xss.test.mjs"]);
        assert_eq!(p.steps.last(), Some(&Step { stage: Stage::E2e, needed_by: None }));
        assert!(parse(&args("--only unit -- tests/e2e/csp.test.mjs")).is_err());
        assert!(parse(&args("--quick -- tests/e2e/csp.test.mjs")).is_err());
    }

    #[test]
    fn missing_files_are_found_before_anything_runs() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let p = Plan::new(&[Stage::E2e], vec!["Cargo.toml".into(), "src/".into(), "tests/nope.mjs".into()]);
        assert_eq!(p.missing_files(root), ["tests/nope.mjs"]);
    }
}
