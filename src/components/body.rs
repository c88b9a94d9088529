//! A comment's body: markdown through our parser, backend HTML through the sanitizer, plain text
//! as paragraphs. Every path builds [`Rich`] nodes, rendered here element by element; no string
//! ever reaches the DOM as HTML.

use crate::k;
use crate::rich::{markdown, Rich, Tag};
use yew::prelude::*;

/// Renders a comment body: `html` (untrusted, from a backend) sanitized when there is some,
/// else `text`, as markdown when `markdown`. A function, not a component: parsing a comment
/// again when its view re-renders costs microseconds, a component about 400 B of the bundle.
pub fn rich_body(text: &str, html: Option<&str>, markdown: bool) -> Html {
    let nodes = match html {
        Some(h) => from_html(h),
        None if markdown => markdown::parse(text),
        None => markdown::plain(text),
    };
    html! { <div class="tl-body" dir="auto">{ for nodes.iter().map(render) }</div> }
}

/// Backend HTML, parsed inert and cut down to the whitelist.
#[cfg(all(feature = "foreign", target_arch = "wasm32"))]
fn from_html(html: &str) -> Vec<Rich> {
    crate::rich::sanitize::sanitize(&crate::rich::dom::parse_html(html))
}

/// Off the browser there is no inert parser: show the HTML's text.
#[cfg(all(feature = "foreign", not(target_arch = "wasm32")))]
fn from_html(html: &str) -> Vec<Rich> {
    use crate::rich::sanitize::{sanitize, Untrusted};
    sanitize(&[Untrusted::Text(crate::model::html_text::html_to_text(html))])
}

/// A bundle without an HTML backend never receives HTML; should one arrive, it is only text.
#[cfg(not(feature = "foreign"))]
fn from_html(html: &str) -> Vec<Rich> {
    markdown::plain(html)
}

/// One node; depth is bounded by how the nodes were built (`rich::MAX_DEPTH`).
fn render(node: &Rich) -> Html {
    match node {
        Rich::Text(t) => html! { { t.clone() } },
        Rich::Br => html! { <br /> },
        Rich::Elem { tag: Tag::A, href, children } => html! {
            <a href={href.clone()} rel="nofollow ugc noopener" target="_blank">{ for children.iter().map(render) }</a>
        },
        Rich::Elem { tag, children, .. } => {
            html! { <@{tag.name()}>{ for children.iter().map(render) }</@> }
        }
    }
}

/// A comment's body, behind its content warning until the reader asks (a real button with
/// `aria-expanded`; `shown` is the comment's own state). A custom mapping's plain text carries
/// its link ranges as links. A function of the comment's view, not a component: smaller.
pub fn comment_body(
    tr: &crate::i18n::Catalogue,
    c: &crate::model::Comment,
    shown: &UseStateHandle<bool>,
) -> Html {
    #[cfg(feature = "custom")]
    let linked = c.html.is_none() && !c.markdown && !c.extra.links.is_empty();
    #[cfg(not(feature = "custom"))]
    let linked = false;
    let body = if linked {
        #[cfg(feature = "custom")]
        {
            let nodes = crate::rich::links::linked(&c.text, &c.extra.links);
            html! { <div class="tl-body" dir="auto">{ for nodes.iter().map(render) }</div> }
        }
        #[cfg(not(feature = "custom"))]
        html! {}
    } else {
        rich_body(&c.text, c.html.as_deref(), c.markdown)
    };
    let Some(warning) = &c.warning else { return body };
    let id = format!("tl-cw-{}", c.id);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    html! {
        <>
            <p class="tl-warning">
                <strong>{ tr.t(k!("warning")) }</strong>{ " " }<span class="tl-warning-text" dir="auto">{ warning.clone() }</span>{ " " }
                <button type="button" class="tl-warning-toggle tl-link-button" aria-expanded={super::bool_attr(**shown)}
                    aria-controls={id.clone()} onclick={toggle}>
                    { if **shown { tr.t(k!("hide_warned")) } else { tr.t(k!("show_warned")) } }
                </button>
            </p>
            <div {id} class="tl-warned" hidden={!**shown}>
                if **shown {
                    { body }
                }
            </div>
        </>
    }
}
