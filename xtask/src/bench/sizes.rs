//! Part 1 of `cargo xtask bench`: transfer sizes.
//!
//! Raw, gzip -9 and brotli sizes of Threadline's `dist/` beside the peers' published files
//! (Isso 0.14.0 from PyPI, `@waline/client` and `artalk` from npm) and a Yew "hello world"
//! floor built here with the same release profile, wasm-bindgen and `wasm-opt -Oz`; the top 15
//! of `twiggy top` on a names-kept copy of our wasm, and every item of it and of the custom
//! bundle's summed by crate and module (where each bundle's bytes go); and the bytes each system fetches on a long
//! article before the reader scrolls to the comments (Chromium). The measuring is done by
//! `bench/sizes/measure.mjs`; this module builds and installs what it needs, runs it and
//! checks that it wrote `sizes.json`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::render;
use crate::bundles::{bindgen, wasm_opt};
use crate::{cmd, tools, Result};

/// The twiggy release installed when `twiggy` is missing.
const TWIGGY_VERSION: &str = "0.8.0";

/// The floor: the smallest Yew app, with the widget's release profile. `[workspace]` keeps it
/// out of Threadline's workspace, although it is built under `target/`.
const FLOOR_MANIFEST: &str = r#"[package]
name = "yew-floor"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
yew = { version = "0.23", features = ["csr"] }
wasm-bindgen = "=0.2.130"

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"

[workspace]
"#;

const FLOOR_LIB: &str = r#"//! Yew "hello world": the size floor of any Yew widget.
use wasm_bindgen::prelude::wasm_bindgen;
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! { <p>{ "Hello, world" }</p> }
}

#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<App>::new().render();
}
"#;

/// Runs the size benchmark and writes `<out>/sizes.json`.
pub fn run(out: &Path) -> Result {
    crate::header("bench: transfer sizes");
    let server = render::prepare()?;
    let floor = build_floor(out)?;
    let (twiggy_json, twiggy_wasm) = twiggy_top(out)?;
    let owners = twiggy_owners(out, &twiggy_wasm)?;

    let json = out.join("sizes.json");
    let started = SystemTime::now();
    let mut node = render::node_script("bench/sizes/measure.mjs", &json, &server);
    node.env("BENCH_ISSO_PACKAGE", isso_package()?)
        .env("BENCH_YEW_FLOOR", &floor)
        .env("BENCH_TWIGGY_JSON", &twiggy_json)
        .env("BENCH_TWIGGY_WASM", &twiggy_wasm)
        .env("BENCH_TWIGGY_OWNERS", owners);
    cmd::run(&mut node)?;
    render::check_json(&json, started, &["\"systems\"", "\"goals\"", "\"twiggy\"", "\"bytes_before_thread\""])
}

/// Builds the Yew floor in `<out>/yew-floor` (its own target directory) the way Trunk builds
/// the widget: cargo, `wasm-bindgen --target web`, `wasm-opt -Oz`. Returns its `dist/`.
fn build_floor(out: &Path) -> Result<PathBuf> {
    let dir = out.join("yew-floor");
    std::fs::create_dir_all(dir.join("src"))?;
    write_if_changed(&dir.join("Cargo.toml"), FLOOR_MANIFEST)?;
    write_if_changed(&dir.join("src").join("lib.rs"), FLOOR_LIB)?;
    // Threadline's lock file pins the same yew, wasm-bindgen and web-sys; cargo drops the rest.
    if !dir.join("Cargo.lock").is_file() {
        std::fs::copy(crate::root().join("Cargo.lock"), dir.join("Cargo.lock"))?;
    }
    let target = dir.join("target");
    let mut build = cmd::cargo(["build", "--release", "--target", tools::WASM_TARGET, "--manifest-path"]);
    build.arg(dir.join("Cargo.toml")).arg("--target-dir").arg(&target).current_dir(&dir);
    cmd::run(&mut build)?;

    let wasm = target.join(tools::WASM_TARGET).join("release").join("yew_floor.wasm");
    let dist = dir.join("dist");
    bindgen(&wasm, &dist, "yew_floor")?;
    let bg = dist.join("yew_floor_bg.wasm");
    wasm_opt(&bg, &bg, false)?;
    Ok(dist)
}

/// `twiggy top -n 16 --format json` of a copy of the Threadline bundle's release wasm that keeps its function
/// names (wasm-bindgen, then `wasm-opt -Oz -g`): the names section itself is one of the 16 rows
/// and is left out by the measuring script. Returns the JSON file and that wasm.
fn twiggy_top(out: &Path) -> Result<(PathBuf, PathBuf)> {
    ensure_twiggy()?;
    // The backend bundles of `dist` share this output path: rebuild the Threadline bundle's
    // wasm (only the widget crate recompiles).
    let mut build = cmd::cargo(["build", "--release", "--lib", "--target", tools::WASM_TARGET]);
    cmd::run(build.args(["--no-default-features", "--features", crate::bundles::READER_FEATURES]))?;
    let release = crate::target_dir().join(tools::WASM_TARGET).join("release").join("threadline.wasm");
    let dir = out.join("twiggy");
    bindgen(&release, &dir, "threadline_names")?;
    let wasm = dir.join("threadline_names_bg.wasm");
    wasm_opt(&wasm, &wasm, true)?;
    let json = out.join("twiggy-top.json");
    let mut twiggy = cmd::program("twiggy", ["top", "-n", "16", "--format", "json", "-o"]);
    twiggy.arg(&json).arg(&wasm);
    cmd::run(&mut twiggy)?;
    Ok((json, wasm))
}

/// Every item of the reader bundle's names-kept wasm (`reader_wasm`, from [`twiggy_top`]) and
/// of the custom-mapping bundle's, as `twiggy top --format json` lists them, for the table of
/// where each bundle's bytes go by crate and module. Returns `bundle=file` pairs, comma-separated,
/// for `BENCH_TWIGGY_OWNERS`.
fn twiggy_owners(out: &Path, reader_wasm: &Path) -> Result<String> {
    let dir = out.join("twiggy");
    let mut build = cmd::cargo(["build", "--release", "--lib", "--target", tools::WASM_TARGET]);
    cmd::run(build.args(["--no-default-features", "--features", "custom"]))?;
    let release = crate::target_dir().join(tools::WASM_TARGET).join("release").join("threadline.wasm");
    bindgen(&release, &dir, "threadline_custom_names")?;
    let custom_wasm = dir.join("threadline_custom_names_bg.wasm");
    wasm_opt(&custom_wasm, &custom_wasm, true)?;
    let mut pairs = Vec::new();
    for (bundle, wasm) in [("reader", reader_wasm), ("custom", custom_wasm.as_path())] {
        let json = out.join(format!("twiggy-all-{bundle}.json"));
        // Every item (`-n` larger than any wasm has), so the sums are whole.
        let mut twiggy = cmd::program("twiggy", ["top", "-n", "1000000", "--format", "json", "-o"]);
        cmd::run(twiggy.arg(&json).arg(wasm))?;
        pairs.push(format!("{bundle}={}", json.display()));
    }
    Ok(pairs.join(","))
}

fn ensure_twiggy() -> Result {
    if cmd::stdout_of("twiggy", &["--version"]).is_some() {
        return Ok(());
    }
    println!("xtask: installing twiggy {TWIGGY_VERSION}; this takes a few minutes");
    cmd::run(&mut cmd::cargo(["install", "twiggy", "--version", &format!("={TWIGGY_VERSION}"), "--locked"]))
}

/// The installed `isso` package (it holds `js/embed.min.js` and `css/isso.css`).
fn isso_package() -> Result<PathBuf> {
    let lib = crate::peers::isso_bin().parent().and_then(Path::parent).map(|venv| venv.join("lib"));
    let lib = lib.ok_or("the Isso venv has no lib/")?;
    for entry in std::fs::read_dir(&lib).map_err(|e| format!("cannot read {}: {e}", lib.display()))? {
        let package = entry?.path().join("site-packages").join("isso");
        if package.join("js").join("embed.min.js").is_file() {
            return Ok(package);
        }
    }
    Err(format!("no isso package with js/embed.min.js under {}", lib.display()).into())
}

/// Writes `text` to `path` unless it already holds exactly that (keeps cargo's mtimes).
fn write_if_changed(path: &Path, text: &str) -> Result {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)?;
    Ok(())
}
