//! `localStorage` access that never fails loudly: private browsing or a full quota just
//! means drafts are not remembered.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a stored string.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Stores a string, or removes the key when `value` is empty.
pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = if value.is_empty() { s.remove_item(key) } else { s.set_item(key, value) };
    }
}
