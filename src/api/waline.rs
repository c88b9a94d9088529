//! The Waline preset: `/api/comment` under the Waline server. Answers are wrapped in
//! `{errno, errmsg, data}` and errors come with HTTP 200 and `errno` ≠ 0. Top-level comments
//! carry their replies flat in `children`, each naming its parent in `pid` and its top-level
//! comment in `rid`, which a new reply must send itself.

use super::foreign::{encode, html_comment, next_page, page_of};
use super::json::{id_of, list_of, parse_body, str_field};
use super::{fetch, get, post_json, Capabilities, Draft, Page, RawResponse};
use crate::error::{ClientError, Refusal};
use crate::model::time::{parse_time, TimeFormat};
use crate::model::{Comment, Status};
use serde_json::{json, Value};

/// What Waline can do.
pub const CAPABILITIES: Capabilities =
    Capabilities { name: "Waline", markdown_input: true, votes: true, ..Capabilities::BASE };

/// A Waline server at a base URL (its `serverURL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalineApi {
    base: String,
}

impl WalineApi {
    /// Waline at `base`.
    pub fn new(base: &str) -> Self {
        WalineApi { base: base.trim_end_matches('/').into() }
    }

    /// One page of top-level comments with their replies, oldest first.
    pub async fn list(&self, thread: &str, cursor: Option<&str>, limit: u32) -> Result<Page, ClientError> {
        parse_list(&fetch(get(&list_url(&self.base, thread, page_of(cursor), limit))?).await?)
    }

    /// Posts a comment; for a reply, sends `pid` and the top-level `rid`.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        let ua = web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
        let url = format!("{}/api/comment", self.base);
        let data = unwrap(&fetch(post_json(&url, &post_body(thread, draft, &ua))?).await?)?;
        comment_from(&data, None)
            .ok_or_else(|| ClientError::Decode("Waline answered without a comment".into()))
    }
}

/// The list URL of one page (Waline allows at most 100 per page).
pub fn list_url(base: &str, thread: &str, page: u32, limit: u32) -> String {
    format!(
        "{base}/api/comment?path={}&page={page}&pageSize={}&sortBy=insertedAt_asc",
        encode(thread),
        limit.clamp(1, 100)
    )
}

/// Checks the HTTP status and the `errno` wrapper; returns `data`.
pub fn unwrap(response: &RawResponse) -> Result<Value, ClientError> {
    let mut body = match parse_body("Waline", &response.body) {
        Ok(b) => b,
        Err(_) if !response.ok() => return Err(ClientError::status(response.status)),
        Err(e) => return Err(e),
    };
    let errno = body.get("errno").and_then(Value::as_i64);
    if errno.is_none_or(|e| e != 0) || !response.ok() {
        return Err(error_from(body.get("errmsg"), response.status, errno));
    }
    Ok(body.get_mut("data").map(Value::take).unwrap_or(Value::Null))
}

/// Waline's `errmsg`, a string or `{field: message}`, as a reason; its own words for the
/// messages we do not know.
fn error_from(errmsg: Option<&Value>, status: u16, errno: Option<i64>) -> ClientError {
    let field_name = |k: &str| match k {
        "nick" => Some("author"),
        "mail" => Some("email"),
        "link" => Some("website"),
        "comment" => Some("text"),
        _ => None,
    };
    match errmsg {
        Some(Value::Object(map)) => {
            let (key, msg) =
                map.iter().next().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or(k))).unwrap_or(("", ""));
            ClientError::said(status, Some(msg.to_string()), field_name(key).map(str::to_string))
        }
        Some(Value::String(s)) if !s.trim().is_empty() => match s.as_str() {
            "Duplicate Content" => Refusal::Duplicate.into(),
            "Comment too fast!" => Refusal::TooFast.into(),
            other => ClientError::said(status, Some(other.to_string()), None),
        },
        _ if errno.is_none() && (200..300).contains(&status) => {
            ClientError::Decode("Waline answered without its errno wrapper".into())
        }
        _ => ClientError::said(status, None, None),
    }
}

/// Reads a list answer: `data.data` holds top-level comments, each with flat `children`.
pub fn parse_list(response: &RawResponse) -> Result<Page, ClientError> {
    let data = unwrap(response)?;
    let Some(items) = data.get("data").filter(|d| d.is_array()) else {
        return Err(ClientError::Decode("Waline answered something other than a comment page".into()));
    };
    let mut comments = Vec::new();
    for root in list_of(Some(items)) {
        let Some(top) = comment_from(root, None) else { continue };
        let root_id = top.id.clone();
        comments.push(top);
        for child in list_of(root.get("children")) {
            comments.extend(comment_from(child, Some(root_id.clone())));
        }
    }
    let page = data.get("page").and_then(Value::as_u64).unwrap_or(1);
    let pages = data.get("totalPages").and_then(Value::as_u64).unwrap_or(1);
    Ok(Page {
        comments,
        next_cursor: next_page(page, pages),
        total: data.get("count").and_then(Value::as_u64),
        features: None,
        order: None,
    })
}

/// One Waline comment; `root` is the top-level comment it was listed under.
pub fn comment_from(v: &Value, root: Option<std::rc::Rc<str>>) -> Option<Comment> {
    let id = id_of(v.get("objectId").or_else(|| v.get("id"))?)?;
    let parent = v.get("pid").and_then(id_of).filter(|p| *p != id).or(root);
    let status = match v.get("status").and_then(Value::as_str) {
        Some("waiting") => Status::Pending,
        _ => Status::Published,
    };
    let html = v.get("comment").and_then(Value::as_str).unwrap_or_default();
    Some(Comment {
        parent,
        created_ms: v
            .get("time")
            .or_else(|| v.get("insertedAt"))
            .and_then(|t| parse_time(t, TimeFormat::Auto, 0)),
        status,
        avatar: str_field(v, "avatar"),
        ..html_comment(id, str_field(v, "nick"), str_field(v, "link"), html)
    })
}

/// The body of a new comment; Waline does not work out `rid` itself.
pub fn post_body(thread: &str, d: &Draft, ua: &str) -> Value {
    let id = |p: &Option<std::rc::Rc<str>>| match p.as_deref() {
        None => Value::Null,
        Some(s) => s.parse::<i64>().map(Value::from).unwrap_or_else(|_| json!(s)),
    };
    let mut body = json!({
        "comment": d.text,
        "nick": d.author.trim(),
        "mail": d.email.trim(),
        "link": d.website.trim(),
        "url": thread,
        "ua": ua,
    });
    if d.parent.is_some() {
        body["pid"] = id(&d.parent);
        body["rid"] = id(&d.root.clone().or_else(|| d.parent.clone()));
    }
    body
}

#[cfg(test)]
mod tests;
