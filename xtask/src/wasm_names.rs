//! Short import names for every bundle. wasm-bindgen names each import of the wasm after the
//! JS function it calls plus a hash (`__wbg_setattribute_2e4ab1b3c0d5f8a9`), and the glue's
//! import object repeats each name as a key: about 190 names in the reader, whose hashes
//! brotli cannot compress. Renamed to `_a`, `_b`, … in both files, the reader bundle lost
//! 4.8 KB brotli (docs/size.md). Only the import section of the wasm changes; every other
//! section is copied byte for byte, so what wasm-opt made of the code stays as it was.

use std::path::Path;

use wasm_encoder::{EntityType, ImportSection, RawSection};
use wasmparser::{Parser, Payload};

use crate::Result;

/// Renames the wasm-bindgen imports of the wasm at `wasm` and the keys of the glue at `js`,
/// both in place. Run before the glue is minified (the keys are then still whole words).
pub fn shorten(wasm: &Path, js: &Path) -> Result {
    let bytes = std::fs::read(wasm)?;
    let (module, renames) = rename_imports(&bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let glue = std::fs::read_to_string(js)?;
    let glue = rename_in_glue(&glue, &renames).map_err(|e| format!("{}: {e}", js.display()))?;
    std::fs::write(wasm, module)?;
    std::fs::write(js, glue)?;
    Ok(())
}

/// The short name of the `index`-th import: `_a` … `_z`, then `_ba`, … (base 26, then base
/// 36, so that it stays an identifier).
fn short_name(index: usize) -> String {
    const DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut name = String::from("_");
    let mut rest = index;
    name.push(DIGITS[rest % 26] as char);
    rest /= 26;
    while rest > 0 {
        name.push(DIGITS[rest % 36] as char);
        rest /= 36;
    }
    name
}

/// True for the names wasm-bindgen gives its imports (the glue defines each one).
fn is_bindgen_import(name: &str) -> bool {
    name.starts_with("__wbg_") || name.starts_with("__wbindgen_")
}

/// Each renamed import: (its wasm-bindgen name, its short name).
type Renames = Vec<(String, String)>;

/// The module with its wasm-bindgen imports renamed, and the renames.
fn rename_imports(bytes: &[u8]) -> std::result::Result<(Vec<u8>, Renames), String> {
    let mut module = wasm_encoder::Module::new();
    let mut renames = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| e.to_string())?;
        if let Payload::ImportSection(reader) = payload {
            let mut section = ImportSection::new();
            for (index, import) in reader.into_imports().enumerate() {
                let import = import.map_err(|e| e.to_string())?;
                let ty = EntityType::try_from(import.ty).map_err(|e| e.to_string())?;
                let name = if is_bindgen_import(import.name) {
                    let short = short_name(index);
                    renames.push((import.name.to_string(), short.clone()));
                    short
                } else {
                    import.name.to_string()
                };
                section.import(import.module, &name, ty);
            }
            module.section(&section);
        } else if let Some((id, range)) = payload.as_section() {
            module.section(&RawSection { id, data: &bytes[range] });
        }
    }
    Ok((module.finish(), renames))
}

/// The glue with each renamed import's name replaced where it stands as a whole word.
fn rename_in_glue(glue: &str, renames: &[(String, String)]) -> std::result::Result<String, String> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut text = glue.to_string();
    for (old, new) in renames {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        let mut found = false;
        while let Some(at) = rest.find(old.as_str()) {
            let before = rest[..at].chars().next_back();
            let after = rest[at + old.len()..].chars().next();
            out.push_str(&rest[..at]);
            if before.is_some_and(is_word) || after.is_some_and(is_word) {
                out.push_str(old);
            } else {
                out.push_str(new);
                found = true;
            }
            rest = &rest[at + old.len()..];
        }
        out.push_str(rest);
        if !found {
            return Err(format!("the glue never names the import {old}"));
        }
        text = out;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{CodeSection, Function, FunctionSection, Instruction, TypeSection, ValType};

    /// A module importing two wasm-bindgen functions and one other, and calling the first.
    fn sample() -> Vec<u8> {
        let mut module = wasm_encoder::Module::new();
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], []);
        module.section(&types);
        let mut imports = ImportSection::new();
        imports.import("./b_bg.js", "__wbg_log_0123456789abcdef", EntityType::Function(0));
        imports.import("./b_bg.js", "__wbindgen_throw_fedcba9876543210", EntityType::Function(0));
        imports.import("env", "memory_hook", EntityType::Function(0));
        module.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        body.instruction(&Instruction::LocalGet(0))
            .instruction(&Instruction::Call(0))
            .instruction(&Instruction::End);
        code.function(&body);
        module.section(&code);
        module.finish()
    }

    #[test]
    fn imports_get_short_names_and_the_rest_is_copied() {
        let original = sample();
        let (renamed, renames) = rename_imports(&original).unwrap();
        assert_eq!(
            renames,
            [
                ("__wbg_log_0123456789abcdef".to_string(), "_a".to_string()),
                ("__wbindgen_throw_fedcba9876543210".to_string(), "_b".to_string()),
            ]
        );
        wasmparser::validate(&renamed).expect("still a valid module");
        let mut names = Vec::new();
        let mut code = Vec::new();
        for payload in Parser::new(0).parse_all(&renamed) {
            match payload.unwrap() {
                Payload::ImportSection(r) => {
                    names.extend(r.into_imports().map(|i| i.unwrap().name.to_string()));
                }
                Payload::CodeSectionEntry(body) => code.push(body.as_bytes().to_vec()),
                _ => {}
            }
        }
        assert_eq!(names, ["_a", "_b", "memory_hook"], "another module's import keeps its name");
        let original_code: Vec<Vec<u8>> = Parser::new(0)
            .parse_all(&original)
            .filter_map(|p| match p.unwrap() {
                Payload::CodeSectionEntry(body) => Some(body.as_bytes().to_vec()),
                _ => None,
            })
            .collect();
        assert_eq!(code, original_code, "the code is copied byte for byte");
    }

    #[test]
    fn the_glue_renames_whole_words_only() {
        let renames = [("__wbg_log_01".to_string(), "_a".to_string())];
        let glue = "const i = { __wbg_log_01: function(a) { console.log(a); } }; x.__wbg_log_012 = 1;";
        assert_eq!(
            rename_in_glue(glue, &renames).unwrap(),
            "const i = { _a: function(a) { console.log(a); } }; x.__wbg_log_012 = 1;"
        );
        let missing = [("__wbg_gone_02".to_string(), "_b".to_string())];
        assert!(rename_in_glue(glue, &missing).unwrap_err().contains("__wbg_gone_02"));
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..2000).map(short_name).collect();
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert_eq!((names[0].as_str(), names[25].as_str(), names[26].as_str()), ("_a", "_z", "_ab"));
        assert!(names.iter().all(|n| n[1..].starts_with(|c: char| c.is_ascii_lowercase())));
    }
}
