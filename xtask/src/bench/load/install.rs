//! Installs and builds: wrk, gunicorn in Isso's venv, and the two Rust servers.

use std::path::PathBuf;

use super::GUNICORN_VERSION;
use crate::{cmd, Result};

/// Installs Debian's `wrk` unless it is on `PATH`.
pub(super) fn ensure_wrk() -> Result {
    if cmd::on_path("wrk") {
        return Ok(());
    }
    println!("xtask: installing wrk with apt-get");
    let apt = |args: &[&str]| {
        let mut command = cmd::program("apt-get", args);
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if !cmd::status(&mut apt(&["install", "-y", "wrk"]))? {
        cmd::run(&mut apt(&["update"]))?;
        cmd::run(&mut apt(&["install", "-y", "wrk"]))?;
    }
    Ok(())
}

/// `bin/` of Isso's venv (`target/peers/isso-venv/bin`).
pub(super) fn isso_venv_bin() -> PathBuf {
    crate::peers::isso_bin().parent().expect("isso lives in the venv's bin/").to_path_buf()
}

/// Installs gunicorn [`GUNICORN_VERSION`] into Isso's venv unless it is there.
pub(super) fn ensure_gunicorn() -> Result {
    let bin = isso_venv_bin();
    let have = cmd::stdout_of(&bin.join("gunicorn").to_string_lossy(), &["--version"]).unwrap_or_default();
    if have.contains(&format!("(version {GUNICORN_VERSION})")) {
        return Ok(());
    }
    println!("xtask: installing gunicorn {GUNICORN_VERSION} into Isso's venv (found: {have:?})");
    cmd::run(&mut cmd::program(
        &bin.join("pip").to_string_lossy(),
        ["install", "--disable-pip-version-check", "--no-input", &format!("gunicorn=={GUNICORN_VERSION}")],
    ))
}

/// Builds `threadline-server` and the floor with the workspace's `server` profile (opt-level 3
/// for them and every dependency) in one cargo run, so that they share every dependency build.
/// Returns both binaries.
pub(super) fn build_servers() -> Result<(PathBuf, PathBuf)> {
    cmd::run(&mut cmd::cargo([
        "build",
        "--profile",
        "server",
        "-p",
        "threadline-server",
        "-p",
        "threadline-bench-floor",
    ]))?;
    let release = crate::target_dir().join("server");
    Ok((release.join("threadline-server"), release.join("threadline-bench-floor")))
}
