//! A comment's text as paragraphs and line breaks, built from text nodes only.

use crate::model::text::paragraphs;
use yew::prelude::*;

/// Props of [`Body`].
#[derive(Properties, PartialEq)]
pub struct BodyProps {
    /// The plain text.
    pub text: AttrValue,
}

/// Renders plain text; markup in it stays visible as text.
#[function_component]
pub fn Body(props: &BodyProps) -> Html {
    let paras = paragraphs(&props.text);
    html! {
        <div class="tl-body">
            { for paras.into_iter().map(|lines| html! {
                <p>{ for lines.into_iter().enumerate().map(|(i, line)| html! {
                    <>{ if i > 0 { html! { <br /> } } else { html! {} } }{ line.to_string() }</>
                }) }</p>
            }) }
        </div>
    }
}
