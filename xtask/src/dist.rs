//! `cargo xtask dist`: the release build of the widget in `dist/`, with cache-busting names
//! and a size report.
//!
//! Trunk builds `index.html` (the demo article), `threadline-<hash>.js` and
//! `threadline-<hash>_bg.wasm`, and copies `styles/threadline.css`. This task then gives the
//! stylesheet a content hash in its name and writes the loader `dist/threadline.js` from
//! `src/loader/threadline.js`, the one file embedders reference by a fixed name.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::sizes::{self, FileSizes};
use crate::{cmd, tools, Result};

/// The loader must stay this small (gzip -9 bytes): it is on every embedding page.
const LOADER_GZIP_LIMIT: usize = 2048;

/// The file names substituted into the loader template.
const JS_PLACEHOLDER: &str = "__TL_JS__";
const WASM_PLACEHOLDER: &str = "__TL_WASM__";
const CSS_PLACEHOLDER: &str = "__TL_CSS__";

/// Installs what is missing, then [`build`]s.
pub fn run() -> Result {
    tools::ensure_build_tools()?;
    build()
}

/// Builds `dist/`, assuming the tools are installed and on `PATH`.
pub fn build() -> Result {
    crate::header("dist: trunk build --release");
    // Trunk.toml sets `offline = true`, so Trunk's cargo cannot download: fetch first.
    cmd::run(&mut cmd::cargo(["fetch"]))?;
    cmd::run(&mut cmd::program("trunk", ["build", "--release"]))?;

    let dist = dist_dir();
    let wasm = find_one(&dist, |name| name.starts_with("threadline-") && name.ends_with("_bg.wasm"))?;
    let js = find_one(&dist, |name| name.starts_with("threadline-") && name.ends_with(".js"))?;
    let css = hash_name(&dist.join("threadline.css"))?;
    let loader = write_loader(&dist, &file_name(&js), &file_name(&wasm), &file_name(&css))?;

    crate::header("dist: sizes");
    let files = [
        FileSizes::measure("loader", &loader)?,
        FileSizes::measure("wasm", &wasm)?,
        FileSizes::measure("js", &js)?,
        FileSizes::measure("css", &css)?,
    ];
    let json = sizes::report(&files)?;
    println!("\nwrote {}", json.display());

    let loader_gzip = files[0].gzip;
    if loader_gzip > LOADER_GZIP_LIMIT {
        return Err(
            format!("the loader is {loader_gzip} bytes gzipped; the budget is {LOADER_GZIP_LIMIT}").into()
        );
    }
    println!("dist ready in {}", dist.display());
    Ok(())
}

/// `dist/` at the workspace root, where Trunk writes.
pub fn dist_dir() -> PathBuf {
    crate::root().join("dist")
}

/// Renames `path` to `<stem>-<first 16 hex digits of its SHA-256>.<ext>`.
fn hash_name(path: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let digest = Sha256::digest(&bytes);
    let hash: String = digest.iter().take(8).map(|byte| format!("{byte:02x}")).collect();
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path.extension().unwrap_or_default().to_string_lossy();
    let hashed = path.with_file_name(format!("{stem}-{hash}.{ext}"));
    std::fs::rename(path, &hashed)?;
    Ok(hashed)
}

/// Writes `dist/threadline.js` from the template with the hashed file names filled in.
fn write_loader(dist: &Path, js: &str, wasm: &str, css: &str) -> Result<PathBuf> {
    let template_path = crate::root().join("src").join("loader").join("threadline.js");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("cannot read the loader template {}: {e}", template_path.display()))?;
    let loader = fill_template(&template, js, wasm, css)?;
    let path = dist.join("threadline.js");
    std::fs::write(&path, loader)?;
    Ok(path)
}

/// Replaces the three placeholders; each must occur in the template.
fn fill_template(template: &str, js: &str, wasm: &str, css: &str) -> Result<String> {
    let mut text = template.to_owned();
    for (placeholder, value) in [(JS_PLACEHOLDER, js), (WASM_PLACEHOLDER, wasm), (CSS_PLACEHOLDER, css)] {
        if !text.contains(placeholder) {
            return Err(format!("the loader template has no {placeholder}").into());
        }
        text = text.replace(placeholder, value);
    }
    Ok(text)
}

/// The single file in `dir` whose name satisfies `matches`; the fixed-name loader never counts.
fn find_one(dir: &Path, matches: impl Fn(&str) -> bool) -> Result<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))? {
        let path = entry?.path();
        let name = file_name(&path);
        if name != "threadline.js" && matches(&name) {
            found.push(path);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("expected one matching file in {}, found {n}: {found:?}", dir.display()).into()),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder() {
        let template = "a('__TL_JS__');b('__TL_WASM__');c('__TL_CSS__');d('__TL_CSS__')";
        let filled = fill_template(template, "t-1.js", "t-1_bg.wasm", "t-2.css").unwrap();
        assert_eq!(filled, "a('t-1.js');b('t-1_bg.wasm');c('t-2.css');d('t-2.css')");
    }

    #[test]
    fn missing_placeholder_is_an_error() {
        assert!(fill_template("__TL_JS__ __TL_WASM__", "a", "b", "c").is_err());
    }

    #[test]
    fn hashed_name_is_stable_and_sixteen_hex_digits() {
        let dir = std::env::temp_dir().join(format!("xtask-hash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("threadline.css");
        std::fs::write(&path, "a{}").unwrap();
        let hashed = hash_name(&path).unwrap();
        // `printf 'a{}' | sha256sum` starts with these 16 hex digits.
        assert_eq!(file_name(&hashed), "threadline-5f546eb4606b5c2b.css");
        assert!(!path.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
