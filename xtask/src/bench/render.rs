//! Part 2 of `cargo xtask bench`: render time in headless Chromium.
//!
//! Threadline (on its own server, on Isso and on Waline), Isso's own embed, Waline's own client
//! and the vanilla-DOM floor (`bench/vanilla/`) render the same generated threads of 100, 1,000
//! and 5,000 comments, plus a 10,000-comment thread with 2,000 of them under one comment, whose
//! first page Threadline must render about as fast as a small thread's (the server caps each
//! subtree of a page). The work is done by `bench/render/run.mjs` (Node, playwright-core; its
//! `--cells` runs a few cells alone); this module installs what it needs, builds the release
//! server, runs it and checks that it wrote `render.json`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::{cmd, peers, tools, Result};

/// The `@waline/client` release whose published files are measured and run.
pub const WALINE_CLIENT_VERSION: &str = "3.15.2";
/// The `artalk` release whose published files are measured.
pub const ARTALK_VERSION: &str = "2.9.1";

/// Runs the render benchmark and writes `<out>/render.json`.
pub fn run(out: &Path) -> Result {
    crate::header("bench: render time in Chromium");
    let server = prepare()?;
    let json = out.join("render.json");
    let started = SystemTime::now();
    let mut node = node_script("bench/render/run.mjs", &json, &server);
    cmd::run(&mut node)?;
    check_json(&json, started, &["\"goals\"", "\"cells\""])
}

/// Everything both browser parts need: the build tools and `dist/`, Chromium, Isso, Waline, the
/// peers' client packages and the release server. Returns the server binary.
pub(super) fn prepare() -> Result<PathBuf> {
    ensure_dist()?;
    tools::ensure_browser()?;
    peers::ensure_isso()?;
    peers::ensure_waline()?;
    ensure_npm_clients()?;
    server_bin()
}

/// What `dist/` is built from: a change to any of these makes it stale.
const WIDGET_SOURCES: [&str; 7] =
    ["src", "protocol", "styles", "index.html", "Trunk.toml", "Cargo.toml", "Cargo.lock"];

/// Installs the build tools, and builds `dist/` when it is missing or older than the widget's
/// sources: the render benchmark measures the widget as the tree is, not an earlier build.
fn ensure_dist() -> Result {
    tools::ensure_build_tools()?;
    let root = crate::root();
    if dist_is_fresh(&root.join("dist"), &WIDGET_SOURCES.map(|s| root.join(s))) {
        println!("dist/ is newer than the widget's sources: not rebuilt");
        Ok(())
    } else {
        crate::dist::build()
    }
}

/// True when `dist/threadline.js` (the loader, written last by every build) exists and no file
/// under `sources` (files or folders, walked without recursion) was modified after it.
fn dist_is_fresh(dist: &Path, sources: &[PathBuf]) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(built) = modified(&dist.join("threadline.js")) else { return false };
    let mut stack: Vec<PathBuf> = sources.to_vec();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
                Err(_) => return false,
            }
        } else if modified(&path).is_some_and(|t| t > built) {
            return false;
        }
    }
    true
}

/// `target/bench/npm`: the peers' published browser packages, installed with npm.
pub(super) fn npm_dir() -> PathBuf {
    crate::target_dir().join("bench").join("npm")
}

/// Installs `@waline/client` and `artalk` at their pinned versions into [`npm_dir`], unless
/// they are there already.
fn ensure_npm_clients() -> Result {
    let dir = npm_dir();
    let modules = dir.join("node_modules");
    let wanted = [("@waline/client", WALINE_CLIENT_VERSION), ("artalk", ARTALK_VERSION)];
    if wanted.iter().all(|(name, version)| package_version(&modules.join(name)).as_deref() == Some(*version))
    {
        return Ok(());
    }
    std::fs::create_dir_all(&dir)?;
    let manifest = dir.join("package.json");
    if !manifest.is_file() {
        std::fs::write(
            &manifest,
            "{\n  \"private\": true,\n  \"description\": \"Peers' published clients, measured by cargo xtask bench\"\n}\n",
        )?;
    }
    let specs: Vec<String> = wanted.iter().map(|(name, version)| format!("{name}@{version}")).collect();
    cmd::run(
        cmd::program("npm", ["install", "--no-audit", "--no-fund"])
            .args(&specs)
            .current_dir(&dir)
            .env("TMPDIR", std::env::temp_dir()),
    )
}

/// The `"version"` of `<dir>/package.json`, if it can be read.
fn package_version(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let line = text.lines().find(|line| line.trim_start().starts_with("\"version\""))?;
    Some(line.split('"').nth(3)?.to_owned())
}

/// Builds `threadline-server` with the `server` profile (a no-op when it is up to date).
pub(super) fn server_bin() -> Result<PathBuf> {
    cmd::run(&mut cmd::cargo(["build", "--profile", "server", "-p", "threadline-server"]))?;
    Ok(crate::target_dir().join("server").join("threadline-server"))
}

/// `node <script> --out <json>` at the workspace root, with the paths the scripts read.
pub(super) fn node_script(script: &str, json: &Path, server: &Path) -> Command {
    let mut node = cmd::program("node", [script]);
    node.arg("--out")
        .arg(json)
        .env("THREADLINE_SERVER_BIN", server)
        .env("THREADLINE_DIST", crate::root().join("dist"))
        .env("THREADLINE_ISSO_BIN", peers::isso_bin())
        .env("THREADLINE_WALINE_DIR", peers::waline_dir())
        .env(
            "BENCH_WALINE_CLIENT",
            npm_dir().join("node_modules").join("@waline").join("client").join("dist"),
        )
        .env("BENCH_NPM_MODULES", npm_dir().join("node_modules"));
    node
}

/// Checks that `path` was written after `started` and looks like the JSON object the script
/// writes (its first and last characters, and the top-level keys in `keys`).
pub(super) fn check_json(path: &Path, started: SystemTime, keys: &[&str]) -> Result {
    let fresh = std::fs::metadata(path).and_then(|m| m.modified()).is_ok_and(|modified| modified >= started);
    if !fresh {
        return Err(format!("{} was not written by this run", path.display()).into());
    }
    let text = std::fs::read_to_string(path)?;
    let trimmed = text.trim();
    if !(trimmed.starts_with('{') && trimmed.ends_with('}')) {
        return Err(format!("{} is not a JSON object", path.display()).into());
    }
    if let Some(key) = keys.iter().find(|key| !text.contains(*key)) {
        return Err(format!("{} lacks {key}", path.display()).into());
    }
    println!("checked {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_package_version() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("package.json"), "{\n  \"name\": \"x\",\n  \"version\": \"3.15.2\",\n}\n")
            .unwrap();
        assert_eq!(package_version(&dir).as_deref(), Some("3.15.2"));
        assert_eq!(package_version(&dir.join("missing")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn dist_older_than_a_widget_source_is_stale() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-dist-{}", std::process::id()));
        let (dist, src) = (dir.join("dist"), dir.join("src").join("api"));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::create_dir_all(&src).unwrap();
        let sources = [dir.join("src"), dir.join("Cargo.toml")];
        let at = |path: &Path, secs: u64| {
            let file =
                std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path).unwrap();
            file.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs)).unwrap();
        };
        assert!(!dist_is_fresh(&dist, &sources), "no dist/ yet");
        at(&dist.join("threadline.js"), 2_000);
        at(&dir.join("Cargo.toml"), 1_000);
        at(&src.join("isso.rs"), 1_500);
        assert!(dist_is_fresh(&dist, &sources));
        // An adapter edited after the last build, deep in src/: the bench must not measure the old one.
        at(&src.join("isso.rs"), 2_500);
        assert!(!dist_is_fresh(&dist, &sources));
        at(&dist.join("threadline.js"), 3_000);
        assert!(dist_is_fresh(&dist, &sources));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn json_check_wants_a_fresh_object_with_the_keys() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-json-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.json");
        let before = SystemTime::now() - std::time::Duration::from_secs(5);
        std::fs::write(&path, "{\"goals\": []}\n").unwrap();
        assert!(check_json(&path, before, &["\"goals\""]).is_ok());
        assert!(check_json(&path, before, &["\"cells\""]).is_err());
        std::fs::write(&path, "[]").unwrap();
        assert!(check_json(&path, before, &[]).is_err());
        let later = SystemTime::now() + std::time::Duration::from_secs(60);
        assert!(check_json(&path, later, &[]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
