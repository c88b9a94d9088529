//! The offline outbox: a comment posted while the browser is offline waits until the
//! connection returns, and survives a reload meanwhile. Its words, warning and the reader's
//! identity are kept already, as the form's draft (`state::draft`); the outbox adds the
//! idempotency key it was first sent with, under the form's own key, so that however many
//! times it is sent (by the tab that comes back online, by another tab that loads it) it makes
//! one comment. Pure; `effects::outbox` stores it.

/// Storage key of the idempotency key of the comment that form `text_key` (its draft's key)
/// has waiting: the same key under its own prefix, so that it can never be a form's text.
pub fn outbox_key(text_key: &str) -> String {
    text_key.replacen("threadline:draft:", "threadline:outbox:", 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::draft::{text_key, warning_key};

    #[test]
    fn each_form_has_its_own_outbox_key_apart_from_its_drafts() {
        let top = text_key("/t", None);
        let reply = text_key("/t", Some("7"));
        assert_eq!(outbox_key(&top), "threadline:outbox:top:/t");
        assert_ne!(outbox_key(&top), outbox_key(&reply));
        assert!(![top.clone(), warning_key(&top)].contains(&outbox_key(&top)));
    }
}
