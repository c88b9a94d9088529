//! Yew components, one per file. They stay thin: data shaping lives in `model`, wording in
//! `i18n`, transitions in `state`.

pub mod avatar;
pub mod body;
pub mod comment;
pub mod copy_link;
#[cfg(feature = "moderator")]
pub mod moderator;
#[cfg(any(feature = "native", feature = "custom"))]
pub mod more;
#[cfg(not(feature = "foreign"))]
pub mod own;
pub mod reply_form;
pub mod report;
#[cfg(feature = "native")]
pub mod sort;
pub mod states;
pub mod thread;
#[cfg(not(feature = "foreign"))]
pub mod votes;

/// Adopts the stylesheet of what the other backends' bundles add (remote avatars) into the
/// widget's shadow root; the reader bundle has none.
#[cfg(feature = "foreign")]
pub fn adopt_backend_styles(root: &web_sys::ShadowRoot) {
    let Ok(sheet) = web_sys::CssStyleSheet::new() else { return };
    if sheet.replace_sync(include_str!("../../styles/backends.css")).is_ok() {
        let sheets = root.adopted_style_sheets();
        sheets.push(&sheet);
        root.set_adopted_style_sheets(&sheets);
    }
}

/// `"true"` or `"false"`, for an ARIA state such as `aria-expanded`: a static string, where
/// `bool::to_string` would format and allocate one on every render.
pub(crate) fn bool_attr(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn aria_states_read_as_bool_to_string() {
        assert_eq!([super::bool_attr(true), super::bool_attr(false)], [true.to_string(), false.to_string()]);
    }
}
