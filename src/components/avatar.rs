//! A locally drawn identicon: no request to any third party.

use crate::model::identicon::Identicon;
use yew::prelude::*;

/// Props of [`Avatar`].
#[derive(Properties, PartialEq)]
pub struct AvatarProps {
    /// The author name the identicon is derived from.
    pub name: AttrValue,
}

/// An SVG identicon; colour is a presentation attribute, which a strict CSP allows.
#[function_component]
pub fn Avatar(props: &AvatarProps) -> Html {
    let icon = Identicon::for_author(&props.name);
    let fill = format!("hsl({} 55% 48%)", icon.hue);
    html! {
        <svg class="tl-avatar" viewBox="0 0 5 5" aria-hidden="true" focusable="false">
            <path fill={fill} d={icon.path()} />
        </svg>
    }
}
