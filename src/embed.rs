//! The browser entry point the `threadline.js` loader calls: reads the embed's settings,
//! sets up the shadow root, and renders the widget into it.

use crate::components::states::error_box;
use crate::components::thread::{Thread, ThreadProps};
use crate::config::Config;
use crate::i18n::catalogue::Table;
use crate::i18n::{Catalogue, Tr};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::prelude::*;

/// Mounts the widget in `container`. `options` holds the merged `data-` settings (camelCase
/// keys, string values) plus `css`, the stylesheet URL, and the reader's language (`lang`,
/// `locale`, `messages`), set by the loader.
#[wasm_bindgen]
pub fn mount(container: HtmlElement, options: &js_sys::Object) -> Result<(), JsValue> {
    let mut attrs = Vec::new();
    for entry in js_sys::Object::entries(options).iter() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            attrs.push((k, v));
        }
    }
    #[cfg(feature = "native")]
    crate::api::prefetch::keep(options);
    let root = shadow_root(&container)?;
    let tr = catalogue(options, &attrs);
    let config = Config::from_attrs(&attrs);
    let document = container.owner_document().ok_or("no document")?;
    if let Some(css) = config.as_ref().ok().and_then(|c| c.css.clone()) {
        if root.query_selector("link[data-tl-css]")?.is_none() {
            let link = document.create_element("link")?;
            link.set_attribute("rel", "stylesheet")?;
            link.set_attribute("href", &css)?;
            link.set_attribute("data-tl-css", "")?;
            root.append_child(&link)?;
        }
    }
    // The loader's placeholder gives way to the widget's own skeleton.
    let placeholders = root.query_selector_all(".tl-boot")?;
    for i in 0..placeholders.length() {
        if let Some(node) = placeholders.get(i) {
            if let Some(parent) = node.parent_node() {
                parent.remove_child(&node)?;
            }
        }
    }
    let mount_point = document.create_element("div")?;
    mount_point.set_class_name("tl-mount");
    root.append_child(&mount_point)?;
    // The moderator bundle: moderator mode for a Threadline server (the loader fetches this
    // bundle only there), with its own stylesheet.
    #[cfg(feature = "moderator")]
    if let Some(c) = config.as_ref().ok().filter(|c| c.backend == crate::config::BackendKind::Threadline) {
        crate::components::moderator::adopt_styles(&root);
        let props = crate::components::moderator::ModeratorProps {
            api: c.api.clone().into(),
            thread: c.thread.clone().into(),
            max_depth: c.max_depth,
            page_size: c.page_size,
            site: c.site.clone().into(),
            tr: tr.clone(),
        };
        yew::Renderer::<crate::components::moderator::ModeratorApp>::with_root_and_props(mount_point, props)
            .render();
        return Ok(());
    }
    match config.and_then(|c| crate::api::Backend::from_config(&c).map(|b| (c, b))) {
        Ok((c, backend)) => {
            #[cfg(feature = "foreign")]
            crate::components::adopt_backend_styles(&root);
            let props = ThreadProps {
                api: c.api.into(),
                thread: c.thread.into(),
                max_depth: c.max_depth,
                page_size: c.page_size,
                site: c.site.into(),
                #[cfg(feature = "native")]
                backend: Some(std::rc::Rc::new(backend)),
                #[cfg(not(feature = "native"))]
                backend: std::rc::Rc::new(backend),
                #[cfg(feature = "foreign")]
                remote_avatars: c.remote_avatars,
                tr,
            };
            yew::Renderer::<Thread>::with_root_and_props(mount_point, props).render();
        }
        Err(e) => {
            let props = ConfigErrorProps { message: e.reader_message(&tr).into(), tr };
            yew::Renderer::<ConfigError>::with_root_and_props(mount_point, props).render();
        }
    }
    Ok(())
}

fn shadow_root(container: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    match container.shadow_root() {
        Some(root) => Ok(root),
        None => container.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}

#[derive(Properties, PartialEq)]
struct ConfigErrorProps {
    message: AttrValue,
    tr: Tr,
}

#[function_component]
fn ConfigError(props: &ConfigErrorProps) -> Html {
    let tr = &props.tr;
    html! {
        <section class="tl-root" data-state="error" lang={tr.lang().to_string()} dir={tr.dir()}>
            { error_box(tr, props.message.clone(), None) }
        </section>
    }
}

/// The reader's catalogue, as the loader hands it over: `lang` (one of
/// [`crate::i18n::catalogue::LANGUAGES`], chosen from `data-lang` or the page's `<html lang>`),
/// `locale` (the page's own tag, for dates and numbers) and `messages` (the parsed file: an
/// array in the keys' order).
fn catalogue(options: &js_sys::Object, attrs: &[(String, String)]) -> Tr {
    let get = |k: &str| attrs.iter().find(|(name, _)| name == k).map(|(_, v)| v.as_str()).unwrap_or("");
    let messages = js_sys::Reflect::get(options, &JsValue::from_str("messages"))
        .ok()
        .and_then(|m| m.dyn_into::<js_sys::Array>().ok());
    let lang = match get("lang") {
        "" => "en",
        lang => lang,
    };
    Tr(std::rc::Rc::new(Catalogue::new(
        lang,
        get("locale"),
        messages.map(Table::from_js).unwrap_or_default(),
    )))
}
