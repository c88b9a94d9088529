//! `cargo xtask test`: every check, in a fixed order, going on past failures, ending with the
//! line `N passed, N failed` and a non-zero exit when anything failed.
//!
//! With no arguments it runs every stage, which is what CI runs. `--only STAGE…` and `--quick`
//! run some of them (see [`plan`]): each selected stage brings the stages it needs, so it works
//! on a fresh clone too. The stages themselves live in [`stages`], the summary in [`report`],
//! and reading the runners' test counts in [`counts`].

mod counts;
mod plan;
mod report;
mod stages;

use plan::{Request, Stage};
use report::Report;

use crate::Result;

/// Runs the stages `args` select and prints the summary; `Ok(false)` when anything failed.
pub fn run(args: &[String]) -> Result<bool> {
    let plan = match plan::parse(args) {
        Ok(Request::Run(plan)) => plan,
        Ok(Request::Help) => {
            print!("{}", plan::usage());
            return Ok(true);
        }
        Err(error) => return Err(format!("{error}\n\n{}", plan::usage()).into()),
    };
    let missing = plan.missing_files(crate::root());
    if !missing.is_empty() {
        let root = "paths are from the workspace root";
        return Err(format!("no such end-to-end test file or folder ({root}): {missing:?}").into());
    }

    let mut report = Report::new();
    // Each stage that reads these runs after the stage that sets them: Plan adds what is needed.
    let mut tools_ok = false;
    let mut dist_ok = false;
    for step in &plan.steps {
        report.begin(step.stage, step.needed_by);
        match step.stage {
            Stage::Install => tools_ok = stages::install(&mut report),
            Stage::Fmt => stages::fmt(&mut report),
            Stage::Clippy => stages::clippy(&mut report),
            Stage::ClippyWasm => stages::clippy_wasm(&mut report),
            Stage::Unit => stages::unit(&mut report),
            Stage::Server => stages::server(&mut report),
            Stage::Wasm => stages::wasm(&mut report, tools_ok),
            // Only when asked for does dist check the size budget; e2e needs just the files.
            Stage::Dist => dist_ok = stages::dist(&mut report, tools_ok, step.needed_by.is_none()),
            Stage::Peers => stages::peers(&mut report),
            Stage::E2e => stages::e2e(&mut report, dist_ok, &plan.e2e_files),
        }
    }
    report.print();
    Ok(report.totals().1 == 0)
}
