//! Installs the tools the tasks need, each only when it is missing or the wrong version.
//!
//! Versions and commands follow `shared/TOOLCHAIN.md`: the wasm-bindgen CLI must match the
//! `wasm-bindgen` in `Cargo.lock`, Trunk is pinned to 0.21.14 (0.22 needs a newer rustc), and
//! `wasm-opt` comes from npm's `binaryen` because Debian's is too old to read rustc's output.

use std::path::PathBuf;
use std::time::SystemTime;

use crate::cmd;
use crate::Result;

/// The Trunk release that builds with this toolchain.
const TRUNK_VERSION: &str = "0.21.14";

/// Used only when `Cargo.lock` names no `wasm-bindgen` yet.
const DEFAULT_WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The Rust target of the widget.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the end-to-end tests and the wasm-bindgen test runner find the browser.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The WebDriver server that drives [`CHROMIUM`] for wasm-bindgen tests.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Puts `node_modules/.bin` (for `wasm-opt`) and Cargo's bin directory (for `trunk`,
/// `wasm-bindgen`) first on this process's `PATH`, so every child sees them.
pub fn setup_path() {
    let mut dirs = vec![crate::root().join("node_modules").join(".bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    let path = std::env::join_paths(dirs).expect("PATH entries contain no separator");
    // Set once at start-up, before any thread exists.
    std::env::set_var("PATH", path);
}

/// What `dist` and `demo` need: the wasm target, wasm-bindgen, Trunk and the npm packages.
pub fn ensure_build_tools() -> Result {
    setup_path();
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    ensure_npm_packages()
}

/// What `test` needs on top of [`ensure_build_tools`]: Chromium and its WebDriver.
pub fn ensure_browser() -> Result {
    if PathBuf::from(CHROMIUM).is_file() && PathBuf::from(CHROMEDRIVER).is_file() {
        return Ok(());
    }
    println!("xtask: installing chromium and chromium-driver with apt-get");
    cmd::run(cmd::program("apt-get", ["update"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    cmd::run(
        cmd::program("apt-get", ["install", "-y", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn ensure_wasm_target() -> Result {
    let installed = cmd::stdout_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    cmd::run(&mut cmd::program("rustup", ["target", "add", WASM_TARGET]))
}

fn ensure_wasm_bindgen() -> Result {
    let wanted = wasm_bindgen_version()?;
    let have = cmd::stdout_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = cmd::on_path("wasm-bindgen-test-runner");
    if have == format!("wasm-bindgen {wanted}") && runner {
        return Ok(());
    }
    println!("xtask: installing wasm-bindgen-cli {wanted} (found: {have:?}); this takes a few minutes");
    // No `--locked`: the CLI's own lock file names a crate version the registry no longer has.
    cmd::run(&mut cmd::cargo(["install", "wasm-bindgen-cli", "--version", &format!("={wanted}")]))
}

fn ensure_trunk() -> Result {
    let have = cmd::stdout_of("trunk", &["--version"]).unwrap_or_default();
    if have == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    println!("xtask: installing trunk {TRUNK_VERSION} (found: {have:?}); this takes several minutes");
    cmd::run(&mut cmd::cargo(["install", "trunk", "--version", &format!("={TRUNK_VERSION}"), "--locked"]))
}

/// Runs `npm ci` when `node_modules` is missing or older than `package-lock.json`.
fn ensure_npm_packages() -> Result {
    let root = crate::root();
    let lock = modified(&root.join("package-lock.json"))
        .ok_or("package-lock.json is missing at the workspace root")?;
    // npm rewrites this file on every install, so its age is the age of node_modules.
    let installed = modified(&root.join("node_modules").join(".package-lock.json"));
    if installed.is_some_and(|installed| installed >= lock) {
        return Ok(());
    }
    if !cmd::on_path("npm") {
        return Err("npm is not installed (Node.js 20 is expected on this machine)".into());
    }
    cmd::run(&mut cmd::program("npm", ["ci", "--no-audit", "--no-fund"]))
}

/// The `wasm-bindgen` version in `Cargo.lock`: the CLI must be exactly this one.
fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Ok(DEFAULT_WASM_BINDGEN_VERSION.to_owned())
}

fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo").join("bin"),
    }
}

fn modified(path: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|meta| meta.modified()).ok()
}
