//! Waline (npm `@waline/vercel`) installed into `target/peers/waline/node_modules`.

use std::path::{Path, PathBuf};

use crate::{cmd, Result};

/// The `@waline/vercel` release the adapter and its fixtures are written against.
const WALINE_VERSION: &str = "1.39.3";

/// `target/peers/waline`, passed to the end-to-end tests as `THREADLINE_WALINE_DIR`: the
/// folder whose `node_modules/@waline/vercel` the test harness loads.
pub fn waline_dir() -> PathBuf {
    super::peers_dir().join("waline")
}

/// Runs `npm install @waline/vercel@VERSION` unless that version and its compiled `sqlite3`
/// binding are already there. The install takes about 95 s: `sqlite3` finds no prebuilt
/// binary it can download here and compiles itself from source.
pub fn ensure_waline() -> Result {
    let dir = waline_dir();
    if installed(&dir) {
        return Ok(());
    }
    println!(
        "xtask: installing @waline/vercel {WALINE_VERSION} into {}; this takes a minute or two",
        dir.display()
    );
    let tmp = super::peers_dir().join("tmp");
    std::fs::create_dir_all(&tmp)?;
    std::fs::create_dir_all(&dir)?;
    // A package.json of its own, so npm installs here rather than in the workspace's node_modules.
    let manifest = dir.join("package.json");
    if !manifest.is_file() {
        std::fs::write(
            &manifest,
            "{\n  \"private\": true,\n  \"description\": \"Waline for Threadline's peer tests, installed by cargo xtask\"\n}\n",
        )?;
    }
    cmd::run(
        cmd::program(
            "npm",
            ["install", "--no-audit", "--no-fund", &format!("@waline/vercel@{WALINE_VERSION}")],
        )
        .current_dir(&dir)
        .env("TMPDIR", &tmp),
    )?;
    if installed(&dir) {
        Ok(())
    } else {
        Err(format!(
            "npm install finished but {} lacks @waline/vercel {WALINE_VERSION} or its sqlite3 binding",
            dir.display()
        )
        .into())
    }
}

/// Whether `dir` holds the wanted `@waline/vercel` and a built `sqlite3` binding (an
/// interrupted install can leave the first without the second).
fn installed(dir: &Path) -> bool {
    let modules = dir.join("node_modules");
    let manifest = std::fs::read_to_string(modules.join("@waline").join("vercel").join("package.json"))
        .unwrap_or_default();
    let version_ok = manifest
        .lines()
        .any(|line| line.trim().trim_end_matches(',') == format!("\"version\": \"{WALINE_VERSION}\""));
    version_ok && modules.join("sqlite3").join("build").join("Release").join("node_sqlite3.node").is_file()
}
