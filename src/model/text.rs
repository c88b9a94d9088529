//! Plain-text layout: a comment's text split into paragraphs and lines. Rendering builds text
//! nodes from these slices, so nothing a reader wrote is ever parsed as HTML.

/// Splits `text` into paragraphs (separated by one or more blank lines), each a list of lines.
/// Leading and trailing blank lines are dropped; lines keep their inner whitespace.
pub fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paragraphs_and_lines() {
        let text = "\nFirst line\nsecond line\n\n\n  \nNext paragraph  \r\n";
        assert_eq!(paragraphs(text), vec![vec!["First line", "second line"], vec!["Next paragraph"]]);
    }

    #[test]
    fn markup_is_kept_as_text() {
        assert_eq!(paragraphs("<b>hi</b>"), vec![vec!["<b>hi</b>"]]);
        assert!(paragraphs("   \n \n").is_empty());
    }
}
