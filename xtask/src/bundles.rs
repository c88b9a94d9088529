//! One wasm bundle per backend. Trunk builds the Threadline bundle (the widget with only its
//! own protocol); this module builds one more per foreign backend, each with only that
//! backend's cargo feature, so a page downloads the adapter it uses and nothing else. The
//! loader picks the bundle from `data-backend`.

use std::path::{Path, PathBuf};

use crate::hashed_names::content_hash;
use crate::{cmd, tools, Result};

/// The cargo features of the reader's bundle, which Trunk builds (`index.html` names the same):
/// Threadline's own protocol and nothing else.
pub const READER_FEATURES: &str = "native";

/// What `wasm-opt` runs on every bundle (`index.html` gives Trunk the same: `data-wasm-opt="z"`
/// and `data-wasm-opt-params`). `--converge` repeats the passes while they still shrink the
/// module: about 1 KB brotli per bundle for some seconds of build; the `producers` and
/// `target_features` sections are tooling metadata no browser reads (docs/size.md).
pub const WASM_OPT_FLAGS: [&str; 4] = ["-Oz", "--converge", "--strip-producers", "--strip-target-features"];

/// The foreign backends, each a cargo feature of the widget and a bundle in `dist/`.
pub const FOREIGN: [&str; 4] = ["wordpress", "isso", "waline", "custom"];

/// Moderator mode (issue 11): the Threadline bundle plus the moderator's actions and Queue, a
/// cargo feature of the widget and a bundle of its own, which the loader fetches only for a
/// moderator of a Threadline server. Built like a foreign backend's.
pub const MODERATOR: &str = "moderator";

/// Every bundle built here, after Trunk's Threadline bundle.
pub fn built_here() -> impl Iterator<Item = &'static str> {
    FOREIGN.into_iter().chain([MODERATOR])
}

/// One built bundle: the JS glue and the wasm it loads, both in `dist/` with hashed names.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The `data-backend` value that selects it: `threadline`, `wordpress`, ...
    pub backend: &'static str,
    /// `dist/threadline[-<backend>]-<hash>.js`
    pub js: PathBuf,
    /// `dist/threadline[-<backend>]-<hash>_bg.wasm`
    pub wasm: PathBuf,
}

/// Builds the bundle of one foreign backend (or [`MODERATOR`]) into `dist/`: cargo with only that feature, then
/// `wasm-bindgen --target web` and `wasm-opt -Oz`, as Trunk builds the Threadline bundle.
pub fn build_foreign(backend: &'static str, dist: &Path) -> Result<Bundle> {
    crate::header(&format!("dist: the {backend} bundle"));
    let mut build = cmd::cargo(["build", "--release", "--lib", "--target", tools::WASM_TARGET]);
    build.args(["--no-default-features", "--features", backend]);
    cmd::run(&mut build)?;

    let wasm = crate::target_dir().join(tools::WASM_TARGET).join("release").join("threadline.wasm");
    let staging = crate::target_dir().join("bundles").join(backend);
    let _ = std::fs::remove_dir_all(&staging);
    let name = format!("threadline-{backend}");
    bindgen(&wasm, &staging, &name)?;
    let bg = staging.join(format!("{name}_bg.wasm"));
    wasm_opt(&bg, &bg, false)?;

    // Both names carry the wasm's hash: the glue is only ever fetched beside its own wasm.
    let hash = content_hash(&std::fs::read(&bg)?);
    let js_out = dist.join(format!("{name}-{hash}.js"));
    let wasm_out = dist.join(format!("{name}-{hash}_bg.wasm"));
    std::fs::copy(staging.join(format!("{name}.js")), &js_out)?;
    std::fs::copy(&bg, &wasm_out)?;
    Ok(Bundle { backend, js: js_out, wasm: wasm_out })
}

/// `wasm-bindgen --target web` into `out_dir`, naming the outputs `<name>.js` and `<name>_bg.wasm`.
pub fn bindgen(wasm: &Path, out_dir: &Path, name: &str) -> Result {
    let mut command =
        cmd::program("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-name", name]);
    command.arg("--out-dir").arg(out_dir).arg(wasm);
    cmd::run(&mut command)
}

/// `wasm-opt -Oz` (with `-g`: keep the names) from npm's binaryen, as Trunk runs it.
pub fn wasm_opt(input: &Path, output: &Path, keep_names: bool) -> Result {
    let mut command = cmd::program("wasm-opt", WASM_OPT_FLAGS);
    if keep_names {
        command.arg("-g");
    }
    command.arg(format!("--output={}", output.display())).arg(input);
    cmd::run(&mut command)
}

/// The loader's table of bundles, as a JavaScript object literal:
/// `{"threadline":["threadline-1.js","threadline-1_bg.wasm"],...}`.
pub fn loader_table(bundles: &[Bundle]) -> String {
    let file = |p: &Path| p.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let entries: Vec<String> = bundles
        .iter()
        .map(|b| format!("\"{}\":[\"{}\",\"{}\"]", b.backend, file(&b.js), file(&b.wasm)))
        .collect();
    format!("{{{}}}", entries.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_builds_the_reader_bundle_as_this_module_builds_the_others() {
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../index.html")).unwrap();
        let tag = page.lines().find(|l| l.contains(r#"rel="rust""#)).expect("index.html's rust link");
        assert!(tag.contains(&format!(r#"data-cargo-features="{READER_FEATURES}""#)), "{tag}");
        assert!(tag.contains("data-cargo-no-default-features"), "{tag}");
        assert!(tag.contains(r#"data-wasm-opt="z""#) && WASM_OPT_FLAGS[0] == "-Oz", "{tag}");
        let params = WASM_OPT_FLAGS[1..].join(" ");
        assert!(tag.contains(&format!(r#"data-wasm-opt-params="{params}""#)), "{tag}");
    }

    #[test]
    fn loader_table_names_each_bundle_by_file_name() {
        let bundles = [
            Bundle {
                backend: "threadline",
                js: "/d/threadline-a.js".into(),
                wasm: "/d/threadline-a_bg.wasm".into(),
            },
            Bundle {
                backend: "isso",
                js: "/d/threadline-isso-b.js".into(),
                wasm: "/d/threadline-isso-b_bg.wasm".into(),
            },
        ];
        assert_eq!(
            loader_table(&bundles),
            r#"{"threadline":["threadline-a.js","threadline-a_bg.wasm"],"isso":["threadline-isso-b.js","threadline-isso-b_bg.wasm"]}"#
        );
    }
}
