//! One language's messages, looked up by key.
//!
//! The messages are not compiled into the wasm: the loader fetches the one file the page's
//! language needs (`src/i18n/messages/<lang>.json`, shipped as an array in `dist/lang/`) beside
//! the bundle and hands it to `mount` parsed; the code names each message by its [`Key`], an
//! index. Plural categories, numbers and dates come from the browser's `Intl` ([`super::intl`]),
//! so no locale data ships either.
//!
//! A message is a string, or an object of CLDR plural categories (`one`, `few`, …, always
//! `other`). `{name}` in a message is a placeholder. A message the catalogue lacks is empty
//! (natively: its key's name), which the loader never lets happen: it falls back to English, and
//! without English it shows its own error.

use super::intl::Intl;
use super::keys::Key;
use std::rc::Rc;

/// The languages with a catalogue, as the loader names them (`src/loader/threadline.js` picks
/// one from `data-lang` or the page's `<html lang>`).
pub const LANGUAGES: [&str; 12] = ["en", "ar", "fa", "he", "de", "fr", "es", "pt", "ru", "tr", "zh", "ja"];

/// The languages written right to left.
const RIGHT_TO_LEFT: [&str; 3] = ["ar", "fa", "he"];

/// One language's messages with its formatting rules. Shared by a thread's components through
/// Yew's context ([`super::use_tr`]).
pub struct Catalogue {
    lang: String,
    table: Table,
    intl: Intl,
}

/// Catalogues compare by identity: one is made per mount and never changes.
#[derive(Clone)]
pub struct Tr(pub Rc<Catalogue>);

impl PartialEq for Tr {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Tr {
    type Target = Catalogue;
    fn deref(&self) -> &Catalogue {
        &self.0
    }
}

impl Catalogue {
    /// A catalogue for `lang` (one of [`LANGUAGES`]), formatting numbers and dates for
    /// `locale` (the page's own tag, e.g. `pt-PT`, when it is of that language).
    pub fn new(lang: &str, locale: &str, table: Table) -> Catalogue {
        let locale = if locale.trim().is_empty() { lang } else { locale };
        Catalogue { lang: lang.to_string(), intl: Intl::new(locale), table }
    }

    /// A catalogue without messages: every message shows as its key. For a widget mounted
    /// without the loader's messages.
    pub fn empty() -> Catalogue {
        Catalogue::new("en", "en", Table::default())
    }

    /// The language's tag, for the widget's `lang` attribute.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// `rtl` for Arabic, Persian and Hebrew, else `ltr`: the widget's `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if RIGHT_TO_LEFT.contains(&self.lang.as_str()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The message `key`.
    pub fn t(&self, key: Key) -> String {
        self.table.get(key, None).unwrap_or_else(|| missing(key))
    }

    /// The message `key` with its placeholders filled in.
    pub fn t_with(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(&self.t(key), args)
    }

    /// The plural message `key` for the count `n`, `{n}` written in the language's digits.
    pub fn count(&self, key: Key, n: u64) -> String {
        self.count_with(key, n, &[])
    }

    /// [`Self::count`] with more placeholders.
    pub fn count_with(&self, key: Key, n: u64, args: &[(&str, &str)]) -> String {
        let category = self.intl.plural(n);
        let text = self
            .table
            .get(key, Some(category))
            .or_else(|| self.table.get(key, Some("other")))
            .unwrap_or_else(|| missing(key));
        let number = self.intl.number(n);
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(&text, &all)
    }

    /// The message `key` cut around its placeholder `{name}`: the text before and after it,
    /// so that a component can put the value in its own element (a `<bdi>` for a name).
    pub fn around(&self, key: Key, name: &str) -> (String, String) {
        around(&self.t(key), name)
    }

    /// A number in the language's digits and grouping ("1,980", "١٬٩٨٠").
    pub fn number(&self, n: u64) -> String {
        self.intl.number(n)
    }

    /// How long ago `then_ms` was at `now_ms` (epoch milliseconds), in words: "5 minutes
    /// ago", "yesterday".
    pub fn ago(&self, now_ms: i64, then_ms: i64) -> String {
        let (value, unit) = super::ago::ago(now_ms, then_ms).as_unit();
        self.intl.relative(value, unit)
    }

    /// An instant (epoch milliseconds) as a date and time: a comment's exact time.
    pub fn date_time(&self, ms: i64) -> String {
        self.intl.date_time(ms)
    }
}

/// What a message the catalogue lacks shows: natively its key's name (tests can tell), in the
/// browser nothing (the key names are not in the wasm).
fn missing(key: Key) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        key.name().to_string()
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = key;
        String::new()
    }
}

/// Replaces each `{name}` of `args` in `text`, in one pass: a value is never read again for
/// placeholders, and braces that name no argument stay as they are.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` cut around `{name}`: before and after. Without the placeholder, all of it is before.
pub fn around(text: &str, name: &str) -> (String, String) {
    let at = text
        .match_indices('{')
        .find(|(i, _)| text[i + 1..].strip_prefix(name).is_some_and(|rest| rest.starts_with('}')));
    match at {
        Some((i, _)) => (text[..i].to_string(), text[i + name.len() + 2..].to_string()),
        None => (text.to_string(), String::new()),
    }
}

/// The messages themselves, in [`super::keys::KEYS`]' order: in the browser the array the
/// loader parsed, natively (tests, tools) read from a catalogue file.
#[derive(Default)]
pub struct Table {
    #[cfg(target_arch = "wasm32")]
    array: Option<js_sys::Array>,
    #[cfg(not(target_arch = "wasm32"))]
    messages: Vec<serde_json::Value>,
}

impl Table {
    /// The message `key`: the string, or for a plural message the form for `category`.
    fn get(&self, key: Key, category: Option<&str>) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            let value = self.array.as_ref()?.get(u32::from(key.0));
            if let Some(text) = value.as_string() {
                return Some(text);
            }
            let form = js_sys::Reflect::get(&value, &wasm_bindgen::JsValue::from_str(category?)).ok()?;
            form.as_string()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            match self.messages.get(usize::from(key.0))? {
                serde_json::Value::String(text) => Some(text.clone()),
                serde_json::Value::Object(forms) => forms.get(category?)?.as_str().map(str::to_string),
                _ => None,
            }
        }
    }

    /// The loader's parsed catalogue: an array in the keys' order.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(array: js_sys::Array) -> Table {
        Table { array: Some(array) }
    }

    /// A catalogue file's text (keyed, as in `src/i18n/messages/`), natively.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(text: &str) -> Result<Table, serde_json::Error> {
        let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)?;
        let messages = super::keys::KEYS.iter().map(|k| map.remove(*k).unwrap_or_default()).collect();
        Ok(Table { messages })
    }
}

/// The English catalogue, as the widget gets it, for tests.
#[cfg(test)]
pub fn english() -> Catalogue {
    const TEXT: &str = include_str!("messages/en.json");
    #[cfg(target_arch = "wasm32")]
    let table = {
        // As `cargo xtask dist` ships it: the messages in the keys' order.
        let object = js_sys::JSON::parse(TEXT).expect("en.json parses");
        let array: js_sys::Array = super::keys::KEYS
            .iter()
            .map(|k| js_sys::Reflect::get(&object, &wasm_bindgen::JsValue::from_str(k)).unwrap_or_default())
            .collect();
        Table::from_js(array)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let table = Table::from_json(TEXT).expect("en.json parses");
    Catalogue::new("en", "en", table)
}

// The catalogue files are read from disk and the code scanned: natively only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
