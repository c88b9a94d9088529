//! `cargo xtask dist`: the release build of the widget in `dist/`, with cache-busting names,
//! one bundle per backend, and a size report.
//!
//! Trunk builds `index.html` (the demo article) and the Threadline bundle
//! (`threadline-<hash>.js` + `threadline-<hash>_bg.wasm`, the widget with only its own
//! protocol), and copies `styles/threadline.css`. This task then builds a bundle per foreign
//! backend ([`crate::bundles`]), gives the stylesheet a content hash in its name and writes the
//! loader `dist/threadline.js` from `src/loader/threadline.js`: the one file embedders reference
//! by a fixed name, which fetches the bundle its `data-backend` needs.

use std::path::{Path, PathBuf};

use crate::bundles::{self, Bundle};
use crate::hashed_names::hash_name;
use crate::sizes::{self, FileSizes};
use crate::{cmd, tools, Result};

/// The loader must stay this small (gzip -9 bytes): it is on every embedding page.
const LOADER_GZIP_LIMIT: usize = 2048;
/// The count script must stay under 1 KB gzipped (issue 13): it is on index pages, which
/// show no comments.
const COUNT_GZIP_LIMIT: usize = 1024;

/// Each language's reader messages must stay this small (brotli bytes, issue 14): a page pays
/// for its own language's file only.
const LANGUAGE_BROTLI_LIMIT: usize = 2048;

/// The goal for what a page downloads once the reader reaches the comments: one bundle's wasm
/// + JS glue + the stylesheet, brotli. See [`WIDGET_BROTLI_LIMITS`] for what CI enforces.
pub const WIDGET_BROTLI_GOAL: usize = 90 * 1024;

/// The ceiling CI enforces per bundle (wasm + js + css, brotli bytes). The goal is
/// [`WIDGET_BROTLI_GOAL`]; no bundle meets it yet (Yew's runtime, serde and core's formatting
/// take most of the bytes: see BENCHMARKS.md's twiggy table), so these ceilings sit about 2 %
/// above what each bundle weighs today and stop it from growing. BENCHMARKS.md reports the
/// goal as missed and by how much; lower a ceiling whenever a bundle shrinks.
///
/// Moderation (issue 11) took the reader bundle from 137 482 B to 145 310 B, within the
/// 8 KiB that issue allows. Issue 12's patched `serde_core` (`vendor/README.md`) then took
/// core's float printing out of every bundle (−7.9 KB), and the rest of issue 12 added
/// nothing to the reader: 138 357 B. Every ceiling sits about 2 % above the build measured
/// at the end of issue 12 (wordpress 174 992 B, isso 174 204 B, waline 173 543 B, custom
/// 219 072 B, moderator 179 414 B).
///
/// Issue 13 may add up to 10 KiB to the reader for everything it brings: its ceiling is that
/// cap, 141 100 + 10 240 B, not 2 % above a build. Content warnings on the native server
/// (issue 12), the reader's edit, delete and votes (issue 13) and the identity kept as typed
/// took it to 150 645 B; the rest of issue 13 has to make room first.
///
/// Then the bundles of other backends lost Threadline's own protocol (the `native` feature: the
/// loader never gives them a Threadline thread), and every bundle gets `wasm-opt --converge`
/// ([`crate::bundles::WASM_OPT_FLAGS`]): reader 149 746 B, wordpress 165 311 B, isso
/// 162 635 B, waline 163 250 B, custom 208 490 B (219 136 B when issue 12 began), moderator
/// 189 035 B. Every ceiling but the reader's sits about 2 % above that (docs/size.md).
///
/// Issue 13's sorting, permalinks, reply notifications and live updates then fit the reader's
/// cap only after taking bytes back (serde's error formatting, components made functions or
/// hooks, the stylesheet minified, docs/size.md): reader 151 220 B, wordpress 162 741 B, isso
/// 160 606 B, waline 160 978 B, custom 206 091 B, moderator 190 125 B; the ceilings of the
/// other backends' bundles sit 2 % above those, the moderator's where it was (1.5 % above).
///
/// Then every bundle lost about 8 KB to the build alone (the glue minified, wasm-bindgen's
/// hashed import names shortened, Talc as the allocator: docs/size.md), and issue 13 finished
/// in the room that made: big threads, Copy link, the offline outbox and the early first page.
/// Issue 13 is done, so the reader's ceiling comes down to about 1 % above its weight
/// (149 314 B, against 141 100 B when the issue began: +8.2 KB for all of it), and the others'
/// to about 2 % above theirs: wordpress 156 185 B, isso 153 854 B, waline 154 580 B, custom
/// 199 788 B, moderator 188 171 B.
///
/// Issue 14 took every word out of the wasm into one file per language, which a page fetches
/// beside its bundle, so a bundle's weight now counts its English file too (the moderator's
/// counts the moderator's words as well). Messages are named by index (`k!`) and shipped as
/// arrays, so no key string ships either: reader 152 368 B (149 538 B before: +1 371 B of
/// messages, +1 333 B of wasm for the catalogue, `Intl`, the language context and the live
/// region), wordpress 159 445 B, isso 157 267 B, waline 157 875 B, custom 202 847 B, moderator
/// 191 989 B. The reader's ceiling sits 1 % above, the others' 2 % (docs/size.md).
pub const WIDGET_BROTLI_LIMITS: [(&str, usize); 6] = [
    ("threadline", 153_900),
    ("wordpress", 162_600),
    ("isso", 160_400),
    ("waline", 161_000),
    ("custom", 206_900),
    // Moderators only: readers never download it.
    ("moderator", MODERATOR_CEILING),
];

/// The moderator bundle's ceiling (brotli bytes), about 2 % above its weight: 191 989 B with
/// its English words (issue 14); 188 171 B at the
/// end of issue 13, with the build's savings (docs/size.md); 189 035 B with
/// `wasm-opt --converge` (189 934 B with the reader's edit, delete and votes of issue 13;
/// 179 414 B with the reject, edit and ban dialogs, the thread lock, the Bans view and Queue
/// paging; 165 405 B before them, less the float printing issue 12 took out of every bundle).
const MODERATOR_CEILING: usize = 195_800;

/// The file names substituted into the loader template.
const BUNDLES_PLACEHOLDER: &str = "__TL_BUNDLES__";
const CSS_PLACEHOLDER: &str = "__TL_CSS__";
const LANGS_PLACEHOLDER: &str = "__TL_LANGS__";

/// Installs what is missing, then [`build`]s.
pub fn run() -> Result {
    tools::ensure_build_tools()?;
    build()
}

/// Builds `dist/`, assuming the tools are installed and on `PATH`, and checks the loader's budget.
pub fn build() -> Result {
    build_measured().map(|_| ())
}

/// Builds `dist/` and returns the sizes of every shipped file, for the budget check.
pub fn build_measured() -> Result<Vec<FileSizes>> {
    crate::header("dist: trunk build --release");
    // Trunk.toml sets `offline = true`, so Trunk's cargo cannot download: fetch first.
    cmd::run(&mut cmd::cargo(["fetch"]))?;
    cmd::run(&mut cmd::program("trunk", ["build", "--release"]))?;

    let dist = dist_dir();
    let native = Bundle {
        backend: "threadline",
        wasm: find_one(&dist, |name| is_native(name, "_bg.wasm"))?,
        js: find_one(&dist, |name| is_native(name, ".js"))?,
    };
    let mut all = vec![native];
    for backend in bundles::built_here() {
        all.push(bundles::build_foreign(backend, &dist)?);
    }
    for bundle in &all {
        crate::wasm_names::shorten(&bundle.wasm, &bundle.js)?;
        crate::js::minify(&bundle.js, true)?;
    }
    let stylesheet = dist.join("threadline.css");
    let source = std::fs::read_to_string(&stylesheet)?;
    std::fs::write(
        &stylesheet,
        crate::css::minify(&source).map_err(|e| format!("styles/threadline.css: {e}"))?,
    )?;
    let css = hash_name(&stylesheet)?;
    let languages = crate::messages::write(&dist)?;
    let loader = write_loader(
        &dist,
        &bundles::loader_table(&all),
        &file_name(&css),
        &crate::messages::loader_table(&languages),
    )?;
    crate::js::minify(&loader, false)?;
    let count = dist.join("threadline-count.js");
    std::fs::copy(crate::root().join("src").join("loader").join("threadline-count.js"), &count)
        .map_err(|e| format!("cannot copy the count script: {e}"))?;

    crate::header("dist: sizes");
    let mut files = vec![FileSizes::measure("loader", "", &loader)?, FileSizes::measure("css", "", &css)?];
    let mut heavy = Vec::new();
    for language in &languages {
        let reader = FileSizes::measure("lang", "", &language.reader)?;
        if reader.brotli > LANGUAGE_BROTLI_LIMIT {
            heavy.push(format!("{}: {} B", language.lang, reader.brotli));
        }
        files.push(reader);
        files.push(FileSizes::measure("lang-mod", "", &language.moderator)?);
    }
    if !heavy.is_empty() {
        return Err(format!(
            "messages over the {LANGUAGE_BROTLI_LIMIT} B brotli each language may cost: {}",
            heavy.join(", ")
        )
        .into());
    }
    let count_gzip = FileSizes::measure("count", "", &count)?.gzip;
    println!("count script: {count_gzip} B gzip (budget {COUNT_GZIP_LIMIT})");
    if count_gzip > COUNT_GZIP_LIMIT {
        return Err(format!(
            "the count script is {count_gzip} bytes gzipped; the budget is {COUNT_GZIP_LIMIT}"
        )
        .into());
    }
    for bundle in &all {
        files.push(FileSizes::measure("wasm", bundle.backend, &bundle.wasm)?);
        files.push(FileSizes::measure("js", bundle.backend, &bundle.js)?);
    }
    let json = sizes::report(&files)?;
    println!("\nwrote {}", json.display());

    let loader_gzip = files[0].gzip;
    if loader_gzip > LOADER_GZIP_LIMIT {
        return Err(
            format!("the loader is {loader_gzip} bytes gzipped; the budget is {LOADER_GZIP_LIMIT}").into()
        );
    }
    println!("dist ready in {}", dist.display());
    Ok(files)
}

/// Checks every bundle against its ceiling in [`WIDGET_BROTLI_LIMITS`], and says how far each
/// is from [`WIDGET_BROTLI_GOAL`]. `cargo xtask test` fails when a ceiling is exceeded.
pub fn check_widget_budget(files: &[FileSizes]) -> Result {
    let mut over = Vec::new();
    for (backend, limit) in WIDGET_BROTLI_LIMITS {
        let total = sizes::bundle_brotli(files, backend)
            .ok_or_else(|| format!("dist has no {backend} bundle to measure"))?;
        println!(
            "size budget: {backend:<10} wasm + js + css = {total} B brotli (ceiling {limit}, goal {WIDGET_BROTLI_GOAL}: {:.2}x)",
            total as f64 / WIDGET_BROTLI_GOAL as f64
        );
        if total > limit {
            over.push(format!("{backend}: {total} B > {limit} B"));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("widget bundles over their brotli ceiling: {}", over.join("; ")).into())
    }
}

/// `threadline-<hex>.js` / `threadline-<hex>_bg.wasm`: Trunk's Threadline bundle, not a
/// backend's (those have the backend's name after `threadline-`).
fn is_native(name: &str, suffix: &str) -> bool {
    name.strip_prefix("threadline-")
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `dist/` at the workspace root, where Trunk writes.
pub fn dist_dir() -> PathBuf {
    crate::root().join("dist")
}

/// Writes `dist/threadline.js` from the template with the bundle table and stylesheet filled in.
fn write_loader(dist: &Path, bundles: &str, css: &str, langs: &str) -> Result<PathBuf> {
    let template_path = crate::root().join("src").join("loader").join("threadline.js");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("cannot read the loader template {}: {e}", template_path.display()))?;
    let loader = fill_template(&template, bundles, css, langs)?;
    let path = dist.join("threadline.js");
    std::fs::write(&path, loader)?;
    Ok(path)
}

/// Replaces the placeholders; each must occur in the template.
fn fill_template(template: &str, bundles: &str, css: &str, langs: &str) -> Result<String> {
    let mut text = template.to_owned();
    for (placeholder, value) in
        [(BUNDLES_PLACEHOLDER, bundles), (CSS_PLACEHOLDER, css), (LANGS_PLACEHOLDER, langs)]
    {
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
        if name != "threadline.js" && name != "threadline-count.js" && matches(&name) {
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
        let template = "var B=__TL_BUNDLES__,L=__TL_LANGS__;c('__TL_CSS__');d('__TL_CSS__')";
        let filled = fill_template(template, "{}", "t-2.css", "{\"en\":[]}").unwrap();
        assert_eq!(filled, "var B={},L={\"en\":[]};c('t-2.css');d('t-2.css')");
    }

    #[test]
    fn missing_placeholder_is_an_error() {
        assert!(fill_template("__TL_BUNDLES__ __TL_LANGS__", "{}", "c", "{}").is_err());
    }

    #[test]
    fn every_bundle_has_a_ceiling() {
        let limited: Vec<&str> = WIDGET_BROTLI_LIMITS.iter().map(|(name, _)| *name).collect();
        let built: Vec<&str> = std::iter::once("threadline").chain(crate::bundles::built_here()).collect();
        assert_eq!(limited, built);
    }

    #[test]
    fn issue_budgets_hold_in_the_ceilings() {
        let limit = |name: &str| WIDGET_BROTLI_LIMITS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l);
        // Issue 12: the custom-mapping bundle (219 136 B when it began) must not grow, and
        // should shrink; the dist stage holds every build to these ceilings.
        assert!(limit("custom").unwrap() < 219_136);
        // Issue 13: the reader gets at most 10 KiB over its ceiling then, for everything. Issue 14
        // then moved the words into a file per language, which the reader's weight now counts
        // (English, 1 371 B), and added 1 333 B of wasm for twelve languages: no more than that,
        // with the usual 1 % above the build.
        assert!(limit("threadline").unwrap() <= (141_100 + 10_240 + 1_371 + 1_333) * 101 / 100);
        // Issue 14: at most 6 KB over the reader at the end of issue 13 (149 314 B), with one
        // language loaded.
        assert!(limit("threadline").unwrap() <= 149_314 + 6 * 1024);
    }

    #[test]
    fn tells_trunks_bundle_from_the_backends() {
        assert!(is_native("threadline-0123abcd_bg.wasm", "_bg.wasm"));
        assert!(is_native("threadline-0123abcd.js", ".js"));
        assert!(!is_native("threadline-isso-0123abcd.js", ".js"));
        assert!(!is_native("threadline-custom-0123abcd_bg.wasm", "_bg.wasm"));
        assert!(!is_native("threadline.js", ".js"));
        assert!(!is_native("threadline-moderator-0123abcd.js", ".js"));
    }
}
