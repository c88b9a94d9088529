//! The widget's stylesheet as shipped: `styles/threadline.css` without its comments and
//! indentation (about 0.5 KB brotli of a 3 KB file). Deliberately conservative: it only drops
//! comments and collapses whitespace, and removes spaces where CSS never needs them (around
//! `{`, `}` and `;`, after `,`). It keeps every other space (a space before `:` can be a
//! descendant selector), and refuses a stylesheet with quotes in a value or `/*` in a string,
//! which its rules do not cover, rather than risk changing what the CSS means.

/// The minified stylesheet, or why this stylesheet is outside what the minifier handles.
pub fn minify(css: &str) -> Result<String, String> {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("*/").ok_or("an unterminated comment")?;
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    if out.contains('\'') || out.contains("\"/*") || out.contains("url(") {
        return Err("quotes or url() outside attribute selectors: minify by hand".into());
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut tight = String::with_capacity(collapsed.len());
    let chars: Vec<char> = collapsed.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let needless =
                matches!(before, Some('{' | '}' | ';' | ',')) || matches!(after, Some('{' | '}' | ';'));
            if needless {
                continue;
            }
        }
        tight.push(c);
    }
    Ok(tight.replace(";}", "}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_comments_and_needless_spaces_and_keeps_the_meaningful_ones() {
        let css = "/* Buttons */\n.a :focus-visible, .b > .c {\n  color: red;\n  margin: 0 auto;\n}\n\n.d[aria-x=\"true\"] { }\n";
        assert_eq!(
            minify(css).unwrap(),
            ".a :focus-visible,.b > .c{color: red;margin: 0 auto}.d[aria-x=\"true\"]{}"
        );
    }

    #[test]
    fn refuses_what_it_does_not_handle() {
        assert!(minify("a { content: '/* x */' }").is_err());
        assert!(minify("a { background: url(x.png) }").is_err());
        assert!(minify("/* open").is_err());
    }

    #[test]
    fn the_widgets_stylesheet_shrinks_and_keeps_every_rule() {
        let css = std::fs::read_to_string(crate::root().join("styles").join("threadline.css")).unwrap();
        let small = minify(&css).unwrap();
        assert!(small.len() < css.len() * 9 / 10, "{} -> {}", css.len(), small.len());
        // The source without its comments, cut at each `/*` and `*/` (its odd pieces).
        let code: String =
            css.split("/*").map(|piece| piece.split_once("*/").map_or(piece, |(_, after)| after)).collect();
        let rules = |s: &str| s.matches('{').count();
        assert_eq!(rules(&small), rules(&code), "every rule is still there");
        assert_eq!(small.matches("var(--tl-").count(), code.matches("var(--tl-").count());
        assert_eq!(
            small.matches(':').count(),
            code.matches(':').count(),
            "every declaration and pseudo-class"
        );
    }
}
