//! Generates the message keys (`$OUT_DIR/keys.rs`) from the English catalogue, in its order: the
//! widget names a message by key in its code (`k!("reply")`), which compiles to the message's
//! index, and the shipped catalogues are arrays in this order (`xtask/src/messages.rs`). So no
//! key string ships, neither in the wasm nor in the files, and an unknown key does not compile.

fn main() {
    let path = "src/i18n/messages/en.json";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("src/i18n/messages/en.json");
    // The catalogue's top-level keys are the lines indented by exactly two spaces (the files are
    // written that way; a native test checks these keys against a JSON parser's).
    let keys: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("  \"") && !line.starts_with("   "))
        .filter_map(|line| line[3..].split_once('"').map(|(key, _)| key))
        .collect();
    let list: String = keys.iter().map(|k| format!("    {k:?},\n")).collect();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("keys.rs");
    let code = format!("/// Every message key, in the English catalogue's order.\npub const KEYS: [&str; {}] = [\n{list}];\n", keys.len());
    std::fs::write(out, code).expect("write keys.rs");
}
