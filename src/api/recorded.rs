//! Recorded answers of the real servers (`tests/fixtures/<backend>/`), for the adapters' native tests.

use super::RawResponse;

/// `tests/fixtures/<backend>/<name>` with the status and headers of its `.meta.json`.
pub fn response(backend: &str, name: &str) -> RawResponse {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(backend);
    let body = std::fs::read_to_string(dir.join(name)).expect("fixture exists");
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{stem}.meta.json"))).expect("meta exists"),
    )
    .expect("meta is JSON");
    let headers = meta["headers"]
        .as_object()
        .map(|h| {
            h.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.as_str().unwrap_or("").to_string())).collect()
        })
        .unwrap_or_default();
    RawResponse { status: meta["status"].as_u64().unwrap_or(0) as u16, headers, body }
}

/// The same answer with another body, for adversarial variants.
pub fn with_body(mut r: RawResponse, body: impl Into<String>) -> RawResponse {
    r.body = body.into();
    r
}

/// `(id, parent)` pairs, for comparing nesting.
pub fn shape(comments: &[crate::model::Comment]) -> Vec<(String, Option<String>)> {
    comments.iter().map(|c| (c.id.to_string(), c.parent.as_deref().map(str::to_string))).collect()
}
