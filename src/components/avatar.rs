//! A locally drawn identicon: no request to any third party. With `data-avatars="remote"`, a
//! backend's own avatar picture instead, loaded lazily and without a referrer, falling back to
//! the identicon if it fails.

use crate::model::identicon::Identicon;
use yew::prelude::*;

/// Props of [`Avatar`].
#[cfg(feature = "foreign")]
#[derive(Properties, PartialEq)]
pub struct AvatarProps {
    /// The author name the identicon is derived from.
    pub name: AttrValue,
    /// A remote picture to show instead, already checked ([`crate::model::remote_avatar`]).
    #[prop_or_default]
    pub url: Option<AttrValue>,
}

/// A backend's avatar picture, or the identicon when there is none or it fails to load (the
/// bundles of other backends, with `data-avatars="remote"`).
#[cfg(feature = "foreign")]
#[function_component]
pub fn Avatar(props: &AvatarProps) -> Html {
    let failed = use_state(|| false);
    if let (Some(url), false) = (&props.url, *failed) {
        let onerror = Callback::from(move |_: Event| failed.set(true));
        return html! {
            <img class="tl-avatar tl-avatar-remote" src={url.clone()} alt="" loading="lazy"
                referrerpolicy="no-referrer" decoding="async" {onerror} />
        };
    }
    identicon(&props.name)
}

/// An SVG identicon for `name`; colour is a presentation attribute, which a strict CSP allows.
/// A plain function, not a component: it holds no state, and a component costs the bundle its
/// own copy of Yew's lifecycle (docs/size.md).
pub fn identicon(name: &str) -> Html {
    let icon = Identicon::for_author(name);
    let fill = format!("hsl({} 55% 48%)", icon.hue);
    html! {
        <svg class="tl-avatar" viewBox="0 0 5 5" aria-hidden="true" focusable="false">
            <path fill={fill} d={icon.path()} />
        </svg>
    }
}
