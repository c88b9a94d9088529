//! Link checking: a comment may link to `http:`, `https:` and `mailto:` only. The check runs on
//! the value after entity decoding (the browser's parser or ours has already done that) and
//! strips what browsers strip (ASCII tab and newline anywhere, C0 controls and spaces at the
//! ends), so `java&#x09;script:`, ` JaVaScRiPt:` and friends are caught. In the browser the
//! result is parsed once more with `URL` and its protocol checked again.

/// The link to use for `raw`, or `None` if it is not an absolute http(s) or mailto URL.
pub fn safe_href(raw: &str) -> Option<String> {
    let cleaned: String =
        raw.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.is_empty() || cleaned.len() > 4096 || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    let colon = cleaned.find(':')?;
    let scheme = cleaned[..colon].to_ascii_lowercase();
    let rest = &cleaned[colon + 1..];
    let ok = match scheme.as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2 && !rest[2..].starts_with('/'),
        "mailto" => rest.contains('@'),
        _ => false,
    };
    if !ok {
        return None;
    }
    browser_check(&cleaned)
}

#[cfg(target_arch = "wasm32")]
fn browser_check(url: &str) -> Option<String> {
    let parsed = web_sys::Url::new(url).ok()?;
    matches!(parsed.protocol().as_str(), "http:" | "https:" | "mailto:").then(|| parsed.href())
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_check(url: &str) -> Option<String> {
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_and_mail_links() {
        assert_eq!(safe_href(" https://example.org/a?b#c ").as_deref(), Some("https://example.org/a?b#c"));
        assert!(safe_href("HTTP://EXAMPLE.ORG").is_some());
        assert!(safe_href("mailto:ann@example.org").is_some());
    }

    #[test]
    fn refuses_every_other_scheme_and_disguise() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example",
            "/relative",
            "#top",
            "https:/evil",
            "https:///evil",
            "http:",
            "mailto:nobody",
            "javascript://%0aalert(1)",
            "",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }
}
