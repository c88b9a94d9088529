//! Test-only checks of the source layout, run with xtask's unit tests: no source
//! file over [`MAX_LINES`], and no import cycle between sibling modules of the folders whose
//! layout the project promises (the server's store, xtask itself).
//!
//! The import reading is textual: `super::name`, `super::{a, b}` and `crate::path::name` at
//! the right depth. That is how every module in those folders names its siblings, and it keeps
//! xtask free of a Rust parser.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest source file the style guide allows.
pub const MAX_LINES: usize = 400;

/// Every `.rs`, `.mjs` and `.js` file under `dir`, skipping build output and dependencies.
fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | "dist" | ".git") {
                source_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs" || e == "mjs" || e == "js") {
            out.push(path);
        }
    }
}

/// The source files of `root` longer than [`MAX_LINES`], with their lengths.
pub fn long_files(root: &Path) -> Vec<(PathBuf, usize)> {
    let mut files = Vec::new();
    for top in ["src", "server", "protocol", "xtask", "tests", "bench"] {
        source_files(&root.join(top), &mut files);
    }
    files
        .into_iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(&f).ok()?.lines().count();
            (n > MAX_LINES).then_some((f, n))
        })
        .collect()
}

/// The names that follow `prefix` in `text`: `prefix name` or `prefix {a, b::c}`.
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        // `super::` inside `super::super::` names another level, and so does a prefix that
        // ends a longer path (`x::super::`).
        let (before, rest) = (&text[..at], &text[at + prefix.len()..]);
        let deeper = rest.starts_with("super::");
        if deeper
            || before.ends_with("super::")
            || before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut word, mut top) = (0usize, String::new(), true);
            for c in group.chars() {
                if depth == 0 && (c.is_alphanumeric() || c == '_') {
                    if top {
                        word.push(c);
                    }
                    continue;
                }
                // A name ends at its first other character; what follows it (`::x`, `as y`)
                // until the next comma is not a sibling.
                if !word.is_empty() {
                    names.insert(std::mem::take(&mut word));
                    top = false;
                }
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => top = true,
                    _ => {}
                }
            }
            if !word.is_empty() {
                names.insert(word);
            }
        } else {
            let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            names.insert(word);
        }
    }
    names
}

/// The modules directly in `dir` (files and folders), each with the siblings it imports.
/// `crate_path` is how the crate names `dir` (`crate::store`, or `crate` for a crate root).
fn sibling_imports(dir: &Path, crate_path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let roots = ["mod.rs", "main.rs", "lib.rs"];
    let mut nodes: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut files = Vec::new();
            source_files(&path, &mut files);
            nodes.entry(name).or_default().extend(files);
        } else if name.ends_with(".rs") && !roots.contains(&name.as_str()) {
            nodes.entry(name.trim_end_matches(".rs").to_owned()).or_default().push(path);
        }
    }
    let names: BTreeSet<String> = nodes.keys().cloned().collect();
    nodes
        .iter()
        .map(|(node, files)| {
            let mut uses = BTreeSet::new();
            for file in files {
                let Ok(text) = std::fs::read_to_string(file) else { continue };
                // `super::` from `dir/x.rs` and `dir/x/mod.rs`; one more per folder below.
                let rel = file.strip_prefix(dir).expect("below dir");
                let dirs = rel.components().count() - 1;
                let is_mod = rel.file_name().is_some_and(|f| f == "mod.rs");
                let depth = dirs + usize::from(!is_mod);
                let prefixes = [("super::".repeat(depth)), format!("{crate_path}::")];
                for prefix in prefixes {
                    uses.extend(
                        names_after(&text, &prefix).into_iter().filter(|n| names.contains(n) && n != node),
                    );
                }
            }
            (node.clone(), uses)
        })
        .collect()
}

/// One import cycle among `graph`'s nodes, if there is any.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

/// Import cycles in `dir` and in every folder below it, as `a -> b -> a`.
pub fn cycles(dir: &Path, crate_path: &str) -> Vec<String> {
    let mut found: Vec<String> =
        find_cycle(&sibling_imports(dir, crate_path)).map(|c| c.join(" -> ")).into_iter().collect();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            found.extend(cycles(&entry.path(), &format!("{crate_path}::{name}")));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_source_file_is_over_the_limit() {
        assert_eq!(long_files(crate::root()), Vec::new());
    }

    #[test]
    fn the_store_and_xtask_have_no_import_cycle() {
        let root = crate::root();
        assert_eq!(cycles(&root.join("server/src/store"), "crate::store"), Vec::<String>::new());
        assert_eq!(cycles(&root.join("xtask/src"), "crate"), Vec::<String>::new());
    }

    #[test]
    fn imports_are_read_at_the_right_depth() {
        let text = "use super::{a, b::{X, Y}, c as d};\nuse super::super::e;\nuse crate::store::f::G;";
        assert_eq!(names_after(text, "super::"), ["a", "b", "c"].map(String::from).into());
        assert_eq!(names_after(text, "super::super::"), ["e"].map(String::from).into());
        assert_eq!(names_after(text, "crate::store::"), ["f"].map(String::from).into());
    }

    #[test]
    fn a_cycle_is_found_and_named() {
        let dir = std::env::temp_dir().join(format!("tl-layout-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b")).unwrap();
        std::fs::write(dir.join("a.rs"), "use super::b::Thing;").unwrap();
        std::fs::write(dir.join("b/mod.rs"), "mod inner;").unwrap();
        std::fs::write(dir.join("b/inner.rs"), "use super::super::a::Other;").unwrap();
        std::fs::write(dir.join("c.rs"), "use crate::x::a;").unwrap();
        let found = cycles(&dir, "crate::x");
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found, vec!["a -> b -> a".to_string()]);
    }
}
