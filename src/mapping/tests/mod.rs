//! Native tests of the mapping engine: every feature on small made-up shapes (`features`,
//! `paging`, `posting`), load-time errors (`validation`), hostile input (`adversarial`,
//! `props`), the worked mappings of `docs/backends.md` on hand-written fixtures (`worked`), and what
//! the docs say about rendering and the form (`docs`).

mod adversarial;
mod docs;
mod features;
mod language;
mod paging;
mod posting;
#[cfg(not(target_arch = "wasm32"))]
mod props;
mod validation;
mod worked;

use super::{Env, ListAnswer, Mapping, Seen};
use crate::api::RawResponse;
use crate::model::Comment;
use serde_json::Value;

/// A mapping that must be valid.
pub fn mapping(v: Value) -> Mapping {
    match Mapping::from_value(v) {
        Ok(m) => m,
        Err(e) => panic!("mapping refused: {e}"),
    }
}

/// The environment of the tests: thread `/t`, page `https://blog.example/t`, UTC.
pub fn env() -> Env<'static> {
    Env {
        api: "https://api.example",
        thread: "/t",
        url: "https://blog.example/t",
        title: "T",
        local_offset_min: 0,
        now_ms: 1_733_331_352_123,
    }
}

/// Reads a first page of 50 from a parsed answer, with no headers.
pub fn read(m: &Mapping, doc: &Value) -> ListAnswer {
    read_with(m, doc, &mut Seen::default())
}

/// [`read`] remembering into `seen`.
pub fn read_with(m: &Mapping, doc: &Value, seen: &mut Seen) -> ListAnswer {
    let req = m.page_request(None, 50);
    match m.read_list_doc(doc, &|_| None, &req, &env(), seen) {
        Ok(a) => a,
        Err(e) => panic!("list refused: {e:?}"),
    }
}

/// `(id, parent)` of each comment, in order.
pub fn outline(comments: &[Comment]) -> Vec<(&str, Option<&str>)> {
    comments.iter().map(|c| (&*c.id, c.parent.as_deref())).collect()
}

/// An answer with a status, a body and headers.
pub fn response(status: u16, body: &str, headers: &[(&str, &str)]) -> RawResponse {
    RawResponse {
        status,
        headers: headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.to_string())).collect(),
        body: body.to_string(),
    }
}
