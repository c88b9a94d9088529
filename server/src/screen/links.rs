//! Counting links: `http(s)://` and `www.` addresses and bare domains (`cheap-pills.ru`).

use regex::Regex;

/// Top-level domains that count in a bare domain. Two-letter ones that are also common
/// words or abbreviations (`in`, `to`, `it`, `me`, `us`, `no`, `be`, `at`) only count with a
/// scheme or `www.`.
const TLDS: &str = "com|net|org|info|biz|io|co|ru|de|fr|es|tr|uk|eu|xyz|top|site|online|shop|club|app|dev|ly|gl|cc|tv|cn|nl|pl|br|ua|su|ir|sa|ae|eg|ma|dz|ch|se|dk|fi|pt|gr|ro|cz|hu|jp|kr|vn|ng|za|ca|au|nz|link|click|live|store|vip|win|bid|loan|work|pro|ai|gg|ws|pw|icu|buzz|fun|space|website|tk|ml|ga|cf|rf|рф";

/// Finds links in text.
#[derive(Debug)]
pub(crate) struct LinkCounter {
    re: Regex,
}

impl LinkCounter {
    /// Compiles the link pattern.
    pub fn new() -> Self {
        let pattern = format!(
            r"(?i)(?:https?://|www\.)[^\s<>]+|\b(?:[\p{{L}}\d](?:[\p{{L}}\d-]*[\p{{L}}\d])?\.)+(?:{TLDS})\b(?:/[^\s<>]*)?"
        );
        LinkCounter { re: Regex::new(&pattern).expect("link pattern compiles") }
    }

    /// Number of links in `text`.
    pub fn count(&self, text: &str) -> usize {
        // Most comments have no dot followed by a letter at all.
        if !text.contains('.') {
            return 0;
        }
        self.re.find_iter(text).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_urls_www_and_bare_domains() {
        let c = LinkCounter::new();
        assert_eq!(c.count("see https://a.example/x?y=1 and www.b.org, or buy at cheap-pills.ru/now"), 3);
        assert_eq!(c.count("Visit EXAMPLE.COM today"), 1);
        assert_eq!(c.count("сайт.рф"), 1);
    }

    #[test]
    fn ordinary_prose_has_no_links() {
        let c = LinkCounter::new();
        assert_eq!(c.count("It rose 3.5% in the U.S. (e.g. in Texas). Fine.No. node.js is a tool."), 0);
        assert_eq!(c.count("He went to.Then he left; get.in the car"), 0);
    }
}
