//! The browser's inert HTML parser: `DOMParser` builds a document in which nothing runs and
//! nothing loads; this walks it into an [`Untrusted`] tree for the sanitizer.

use super::sanitize::{Untrusted, MAX_NODES};
use super::MAX_DEPTH;
use wasm_bindgen::JsCast;

/// Parses an HTML fragment without running or loading anything.
pub fn parse_html(html: &str) -> Vec<Untrusted> {
    let Ok(parser) = web_sys::DomParser::new() else { return vec![Untrusted::Text(html.into())] };
    let defused = super::defuse::defuse(html);
    let Ok(doc) = parser.parse_from_string(&defused, web_sys::SupportedType::TextHtml) else {
        return vec![Untrusted::Text(html.into())];
    };
    let Some(body) = doc.body() else { return Vec::new() };
    let mut budget = MAX_NODES;
    children_of(&body, 0, &mut budget)
}

fn children_of(parent: &web_sys::Node, depth: usize, budget: &mut usize) -> Vec<Untrusted> {
    let nodes = parent.child_nodes();
    let mut out = Vec::new();
    for i in 0..nodes.length() {
        if *budget == 0 {
            break;
        }
        let Some(node) = nodes.get(i) else { continue };
        *budget -= 1;
        match node.node_type() {
            web_sys::Node::TEXT_NODE => out.push(Untrusted::Text(node.text_content().unwrap_or_default())),
            web_sys::Node::ELEMENT_NODE => {
                let Ok(el) = node.dyn_into::<web_sys::Element>() else { continue };
                let name = el.local_name().to_ascii_lowercase();
                if depth >= MAX_DEPTH {
                    // Too deep to keep its structure: keep its text.
                    out.push(Untrusted::Text(el.text_content().unwrap_or_default()));
                    continue;
                }
                let attrs = el.get_attribute_names();
                let attrs = (0..attrs.length())
                    .filter_map(|k| attrs.get(k).as_string())
                    .map(|k| {
                        let v = el.get_attribute(&k).unwrap_or_default();
                        (k.to_ascii_lowercase(), v)
                    })
                    .collect();
                let children = children_of(&el, depth + 1, budget);
                out.push(Untrusted::Elem { name, attrs, children });
            }
            _ => {}
        }
    }
    out
}
