//! Small DOM chores that the shadow root makes necessary: the browser's own fragment
//! navigation does not look inside it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// Scrolls the element behind `node` into view and focuses it.
pub fn reveal(node: &NodeRef) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        show(&el);
    }
}

fn show(el: &web_sys::HtmlElement) {
    el.scroll_into_view();
    let _ = el.focus();
}

/// The id of the comment the page URL's fragment links to (`#comment-<id>`), if any.
pub fn linked_comment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#comment-").filter(|id| !id.is_empty()).map(str::to_string)
}

/// The address of comment `id`: the page's own, with `#comment-<id>` for its fragment.
fn permalink(id: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let page = href.split('#').next().unwrap_or_default();
    Some(format!("{page}#comment-{id}"))
}

/// Puts comment `id`'s address on the clipboard; false when the browser refuses (the
/// clipboard needs a secure page and, in some browsers, a permission).
pub async fn copy_permalink(id: &str) -> bool {
    let (Some(window), Some(link)) = (web_sys::window(), permalink(id)) else { return false };
    let written = window.navigator().clipboard().write_text(&link);
    wasm_bindgen_futures::JsFuture::from(written).await.is_ok()
}

/// Shows comment `id`'s address in the address bar, for the reader to copy from there.
pub fn link_in_address_bar(id: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&format!("comment-{id}"));
    }
}

/// If the page URL's fragment names a comment (`#comment-<id>`) inside the shadow root that
/// holds `inside`, scrolls to that comment and focuses it.
pub fn reveal_linked_comment(inside: &NodeRef) {
    let Some(id) = linked_comment() else { return };
    let Some(el) = inside.cast::<web_sys::Element>() else { return };
    let Ok(root) = el.get_root_node().dyn_into::<web_sys::ShadowRoot>() else { return };
    let target = root.get_element_by_id(&format!("comment-{id}"));
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        show(&target);
    }
}

/// Keeps a `hashchange` listener on the window for as long as it lives.
pub struct HashListener {
    callback: Option<Closure<dyn FnMut()>>,
}

impl HashListener {
    /// Calls `f` whenever the page URL's fragment changes.
    pub fn new(f: impl FnMut() + 'static) -> Self {
        let callback = Closure::<dyn FnMut()>::new(f);
        let added = web_sys::window().map(|w| {
            w.add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref()).is_ok()
        });
        HashListener { callback: added.unwrap_or(false).then_some(callback) }
    }
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let (Some(cb), Some(w)) = (self.callback.take(), web_sys::window()) {
            let _ = w.remove_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
        }
    }
}
