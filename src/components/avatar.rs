//! A locally drawn identicon: no request to any third party. With `data-avatars="remote"`, a
//! backend's own avatar picture instead, loaded lazily and without a referrer, falling back to
//! the identicon if it fails.

use crate::model::identicon::Identicon;
use yew::prelude::*;

/// Props of [`Avatar`].
#[derive(Properties, PartialEq)]
pub struct AvatarProps {
    /// The author name the identicon is derived from.
    pub name: AttrValue,
    /// A remote picture to show instead, already checked ([`crate::model::remote_avatar`]).
    #[cfg(feature = "foreign")]
    #[prop_or_default]
    pub url: Option<AttrValue>,
}

/// An SVG identicon; colour is a presentation attribute, which a strict CSP allows.
#[function_component]
pub fn Avatar(props: &AvatarProps) -> Html {
    #[cfg(feature = "foreign")]
    {
        let failed = use_state(|| false);
        if let (Some(url), false) = (&props.url, *failed) {
            let onerror = Callback::from(move |_: Event| failed.set(true));
            return html! {
                <img class="tl-avatar tl-avatar-remote" src={url.clone()} alt="" loading="lazy"
                    referrerpolicy="no-referrer" decoding="async" {onerror} />
            };
        }
    }
    let icon = Identicon::for_author(&props.name);
    let fill = format!("hsl({} 55% 48%)", icon.hue);
    html! {
        <svg class="tl-avatar" viewBox="0 0 5 5" aria-hidden="true" focusable="false">
            <path fill={fill} d={icon.path()} />
        </svg>
    }
}
