//! Rich comment text: a tiny document model with only the elements a comment may contain, built
//! either by our markdown parser (text readers typed) or by the sanitizer (HTML from backends),
//! and rendered by one component. Nothing here is ever turned into an HTML string: the DOM is
//! built from these nodes, element by element, with text as text nodes.

#[cfg(feature = "foreign")]
pub mod defuse;
#[cfg(all(feature = "foreign", target_arch = "wasm32"))]
pub mod dom;
#[cfg(feature = "custom")]
pub mod links;
pub mod markdown;
#[cfg(feature = "foreign")]
pub mod sanitize;
pub mod url;

/// The only elements a comment can contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Paragraph.
    P,
    /// Emphasis.
    Em,
    /// Strong emphasis.
    Strong,
    /// Inline code.
    Code,
    /// Preformatted block (holds a `Code`).
    Pre,
    /// Quotation block.
    Blockquote,
    /// Bulleted list.
    Ul,
    /// Numbered list.
    Ol,
    /// List item.
    Li,
    /// Link; its `href` has passed [`url::safe_href`].
    A,
}

impl Tag {
    /// The element name.
    pub fn name(self) -> &'static str {
        match self {
            Tag::P => "p",
            Tag::Em => "em",
            Tag::Strong => "strong",
            Tag::Code => "code",
            Tag::Pre => "pre",
            Tag::Blockquote => "blockquote",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::A => "a",
        }
    }
}

/// A node of rich text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rich {
    /// Text, shown as a text node.
    Text(String),
    /// A line break.
    Br,
    /// An element with its children; `href` only on links, always checked.
    Elem {
        /// Which element.
        tag: Tag,
        /// The link target, for `Tag::A`.
        href: Option<String>,
        /// Contents.
        children: Vec<Rich>,
    },
}

impl Rich {
    /// An element without attributes.
    pub fn elem(tag: Tag, children: Vec<Rich>) -> Rich {
        Rich::Elem { tag, href: None, children }
    }

    /// All text below this node, for tests and accessible names.
    pub fn text_content(nodes: &[Rich]) -> String {
        let mut out = String::new();
        let mut stack: Vec<&Rich> = nodes.iter().rev().collect();
        while let Some(n) = stack.pop() {
            match n {
                Rich::Text(t) => out.push_str(t),
                Rich::Br => out.push('\n'),
                Rich::Elem { children, .. } => stack.extend(children.iter().rev()),
            }
        }
        out
    }
}

/// Deepest element nesting kept; deeper content is flattened into its ancestor, so rendering
/// (which recurses) stays bounded whatever the input.
pub const MAX_DEPTH: usize = 24;
