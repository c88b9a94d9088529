//! The browser's `Intl` for plural categories, numbers, relative and absolute times: the locale
//! data stays in the browser, none ships in the wasm. Each formatter is made once per
//! catalogue (making one per call cost about 33 ms for a page of 190 comments here).
//!
//! Natively (unit tests, tools) there is no `Intl`: English rules stand in, so the pure code
//! around them stays testable; the browser tests and the end-to-end tests cover the real ones.

/// The formatters of one locale.
pub struct Intl {
    #[cfg(target_arch = "wasm32")]
    browser: browser::Formatters,
}

impl Intl {
    /// The formatters for `locale`, a BCP 47 tag. An unknown tag gets the browser's default.
    pub fn new(locale: &str) -> Intl {
        #[cfg(target_arch = "wasm32")]
        {
            Intl { browser: browser::Formatters::new(locale) }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = locale;
            Intl {}
        }
    }

    /// The CLDR plural category of `n`: `zero`, `one`, `two`, `few`, `many` or `other`.
    pub fn plural(&self, n: u64) -> &'static str {
        #[cfg(target_arch = "wasm32")]
        {
            self.browser.plural(n)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }

    /// `n` with the locale's digits and grouping.
    pub fn number(&self, n: u64) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            self.browser.number(n)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            n.to_string()
        }
    }

    /// `value` `unit`s from now (negative: ago), in words; 0 seconds is "now" and -1 day
    /// "yesterday" (`numeric: "auto"`).
    pub fn relative(&self, value: i64, unit: &str) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            self.browser.relative(value, unit)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            match (value, unit) {
                (0, _) => "now".to_string(),
                (-1, "day") => "yesterday".to_string(),
                (v, u) => format!("{} {u}{} ago", -v, if v == -1 { "" } else { "s" }),
            }
        }
    }

    /// The instant `ms` (epoch milliseconds) as a medium date and a short time.
    pub fn date_time(&self, ms: i64) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            self.browser.date_time(ms)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            threadline_protocol::time::format_rfc3339(ms)
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::JsValue;

    /// `Intl.PluralRules`, `NumberFormat`, `RelativeTimeFormat` and `DateTimeFormat` of one
    /// locale.
    pub struct Formatters {
        plural: js_sys::Intl::PluralRules,
        number: Function,
        relative: js_sys::Intl::RelativeTimeFormat,
        date_time: Function,
    }

    /// An options object from pairs.
    fn options(pairs: &[(&str, &str)]) -> Object {
        let options = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        options
    }

    impl Formatters {
        pub fn new(locale: &str) -> Formatters {
            let locales = Array::of1(&JsValue::from_str(locale));
            Formatters {
                plural: js_sys::Intl::PluralRules::new(&locales, &Object::new()),
                number: js_sys::Intl::NumberFormat::new(&locales, &Object::new()).format(),
                relative: js_sys::Intl::RelativeTimeFormat::new(&locales, &options(&[("numeric", "auto")])),
                date_time: js_sys::Intl::DateTimeFormat::new(
                    &locales,
                    &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
                )
                .format(),
            }
        }

        pub fn plural(&self, n: u64) -> &'static str {
            let category: String = self.plural.select(n as f64).into();
            // The categories as `'static` names, so a catalogue lookup needs no allocation.
            match category.as_str() {
                "zero" => "zero",
                "one" => "one",
                "two" => "two",
                "few" => "few",
                "many" => "many",
                _ => "other",
            }
        }

        pub fn number(&self, n: u64) -> String {
            self.number
                .call1(&JsValue::NULL, &JsValue::from_f64(n as f64))
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        }

        pub fn relative(&self, value: i64, unit: &str) -> String {
            self.relative.format(value as f64, unit).into()
        }

        pub fn date_time(&self, ms: i64) -> String {
            let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
            self.date_time.call1(&JsValue::NULL, &date).ok().and_then(|s| s.as_string()).unwrap_or_default()
        }
    }
}
