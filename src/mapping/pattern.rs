//! The regular expression of a `{"at": spec, "regex": "…"}` value spec, compiled by the engine
//! at hand: in the browser its own `RegExp` (with the `u` flag), so that no regex engine ships
//! in the wasm (`regex-lite` measured +17.6 KB brotli on the custom bundle); natively, for the
//! mapping checker and the tests, the `regex` crate the server already links. Mappings keep to
//! the syntax both engines read alike: literals, escapes, classes (`[^/]`, `\d`, `\w`), groups,
//! `(?:…)`, alternation, quantifiers and anchors. The checker compiles every pattern natively,
//! so a pattern that only one engine reads is refused before a page sees it.

use std::fmt;

/// A compiled pattern; equal when the sources are.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    engine: Engine,
}

#[cfg(target_arch = "wasm32")]
type Engine = js_sys::RegExp;
#[cfg(not(target_arch = "wasm32"))]
type Engine = regex::Regex;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `RegExp(source, flags)`: called without `new` it builds one all the same, and a syntax
    /// error comes back as `Err` instead of unwinding through the wasm.
    #[wasm_bindgen(catch, js_name = RegExp)]
    fn compile(source: &str, flags: &str) -> Result<js_sys::RegExp, wasm_bindgen::JsValue>;
}

impl Pattern {
    /// Compiles `source`; the error says why it does not compile.
    pub fn new(source: &str) -> Result<Pattern, String> {
        #[cfg(target_arch = "wasm32")]
        let engine = compile(source, "u").map_err(|e| {
            js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "invalid regular expression".into())
        })?;
        #[cfg(not(target_arch = "wasm32"))]
        let engine = regex::Regex::new(source).map_err(|e| match e {
            // The last line says what is wrong ("error: unclosed group"); the lines above draw it.
            regex::Error::Syntax(s) => {
                let last = s.lines().last().unwrap_or_default().trim();
                last.strip_prefix("error: ").unwrap_or(last).to_string()
            }
            other => other.to_string(),
        })?;
        Ok(Pattern { source: source.to_string(), engine })
    }

    /// The pattern as written in the mapping.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The first capture group of the first match in `text`, or the whole match when the
    /// pattern has no group; `None` when nothing matches (or the group took no part).
    pub fn capture(&self, text: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            let found = self.engine.exec(text)?;
            let index = if found.length() > 1 { 1 } else { 0 };
            found.get(index).as_string()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let found = self.engine.captures(text)?;
            let index = if found.len() > 1 { 1 } else { 0 };
            found.get(index).map(|m| m.as_str().to_string())
        }
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn captures_the_first_group_or_the_whole_match() {
        let id = Pattern::new(r"/comments/(\d+)$").unwrap();
        assert_eq!(id.capture("https://x.example/api/comments/4512").as_deref(), Some("4512"));
        assert_eq!(id.capture("https://x.example/api/comments/4512/replies"), None);
        let whole = Pattern::new(r"[A-Z]{2,}").unwrap();
        assert_eq!(whole.capture("ref: ABC-12").as_deref(), Some("ABC"));
        // An optional group that took no part reads as nothing.
        assert_eq!(Pattern::new(r"^a(b)?").unwrap().capture("ac"), None);
        assert_eq!(Pattern::new(r"^t\d_(\w+)").unwrap().capture("t1_k3x9").as_deref(), Some("k3x9"));
        assert_eq!(Pattern::new(r"^(.)").unwrap().capture("😀x").as_deref(), Some("😀"));
    }

    #[test]
    fn a_pattern_that_does_not_compile_says_why() {
        let err = Pattern::new(r"(\d+").unwrap_err();
        assert!(err.contains("unclosed"), "{err}");
        assert!(Pattern::new(r"a{2").is_err());
    }

    #[test]
    fn patterns_are_equal_by_their_source() {
        assert_eq!(Pattern::new("a+").unwrap(), Pattern::new("a+").unwrap());
        assert_ne!(Pattern::new("a+").unwrap(), Pattern::new("a*").unwrap());
        assert_eq!(format!("{:?}", Pattern::new("a+").unwrap()), "Pattern(\"a+\")");
    }
}
