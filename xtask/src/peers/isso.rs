//! Isso (Python, PyPI) in a virtual environment under `target/peers/isso-venv`.

use std::path::PathBuf;

use crate::{cmd, Result};

/// The Isso release the adapter and its fixtures are written against.
const ISSO_VERSION: &str = "0.14.0";

/// `target/peers/isso-venv/bin/isso`, passed to the end-to-end tests as `THREADLINE_ISSO_BIN`.
pub fn isso_bin() -> PathBuf {
    venv().join("bin").join("isso")
}

/// Creates the venv and installs Isso into it, unless `isso --version` already names
/// [`ISSO_VERSION`].
pub fn ensure_isso() -> Result {
    let bin = isso_bin();
    let have = cmd::stdout_of(&bin.to_string_lossy(), &["--version"]).unwrap_or_default();
    if have == format!("isso {ISSO_VERSION}") {
        return Ok(());
    }
    println!("xtask: installing isso {ISSO_VERSION} into {} (found: {have:?})", venv().display());
    let venv = venv();
    if !venv.join("bin").join("pip").is_file() {
        cmd::run(cmd::program("python3", ["-m", "venv"]).arg(&venv))?;
    }
    cmd::run(&mut cmd::program(
        &venv.join("bin").join("pip").to_string_lossy(),
        ["install", "--disable-pip-version-check", "--no-input", &format!("isso=={ISSO_VERSION}")],
    ))
}

fn venv() -> PathBuf {
    super::peers_dir().join("isso-venv")
}
