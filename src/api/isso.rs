//! The Isso preset. Isso nests replies under `replies`, keeps only two levels (a reply to a reply
//! is filed under the top-level comment), marks comments with a `mode` (1 public, 2 awaiting
//! moderation, 4 deleted but kept for its replies), and says how many replies it left out in
//! `hidden_replies`.

use super::foreign::{encode, html_comment};
use super::json::{id_of, list_of, parse_body, str_field};
use super::{fetch, get, post_json, Capabilities, Draft, Page, RawResponse};
use crate::error::{ClientError, Refusal};
use crate::model::time::{parse_time, TimeFormat};
use crate::model::{Comment, Status};
use serde_json::{json, Value};

/// What Isso can do: two levels, three characters at least, votes and edits we do not offer yet.
pub const CAPABILITIES: Capabilities = Capabilities {
    name: "Isso",
    nesting: Some(2),
    min_text: 3,
    votes: true,
    editing: true,
    markdown_input: true,
    ..Capabilities::BASE
};

/// Follow-up requests one page may make for replies Isso held back, beyond one per top-level
/// comment (Isso 0.14 sends no replies at all on pages after the first).
const EXTRA_FOLLOW_UPS: usize = 20;

/// An Isso server at a base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssoApi {
    base: String,
    title: Option<String>,
}

impl IssoApi {
    /// Isso at `base`; `title` names the thread when its first comment creates it.
    pub fn new(base: &str, title: Option<String>) -> Self {
        IssoApi { base: base.trim_end_matches('/').into(), title }
    }

    /// One page of top-level comments with all their replies.
    pub async fn list(&self, thread: &str, cursor: Option<&str>, limit: u32) -> Result<Page, ClientError> {
        let mut walk = PageWalk::new(&self.base, thread, cursor, limit);
        while let Some(url) = walk.next_url() {
            walk.feed(&fetch(get(&url)?).await?)?;
        }
        Ok(walk.into_page())
    }

    /// Posts to `/new?uri=…`. A reply to a reply is stored by Isso under the top-level comment,
    /// so the returned comment says whom it answered.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        let url = format!("{}/new?uri={}", self.base, encode(thread));
        let response = fetch(post_json(&url, &post_body(draft, self.title.as_deref()))?).await?;
        if !response.ok() {
            return Err(error_from(&response));
        }
        let value = parse_body("Isso", &response.body)?;
        let mut comment = comment_from(&value, None)
            .ok_or_else(|| ClientError::Decode("Isso answered without a comment".into()))?;
        if draft.parent.is_some() && comment.parent != draft.parent {
            comment.in_reply_to = draft.parent_author.clone();
        }
        Ok(comment)
    }
}

/// The requests of one page, without the network: the list, then one per comment whose
/// replies Isso held back, until the thread is whole. Call [`PageWalk::next_url`], fetch it,
/// [`PageWalk::feed`] the answer, and repeat while there is a URL.
#[derive(Debug)]
pub struct PageWalk {
    base: String,
    thread: String,
    offset: u64,
    limit: u32,
    /// `None` until the list itself has been answered.
    page: Option<Page>,
    held_back: Vec<(String, u64)>,
    /// Follow-ups still allowed (bounded, in case a server never stops holding back).
    follow_ups: usize,
}

impl PageWalk {
    /// The page after `cursor` (an offset) of `limit` top-level comments.
    pub fn new(base: &str, thread: &str, cursor: Option<&str>, limit: u32) -> Self {
        PageWalk {
            base: base.into(),
            thread: thread.into(),
            offset: cursor.and_then(|c| c.parse().ok()).unwrap_or(0),
            limit,
            page: None,
            held_back: Vec::new(),
            follow_ups: limit as usize + EXTRA_FOLLOW_UPS,
        }
    }

    /// The next request to make, or `None` when the page is whole (or the budget spent).
    pub fn next_url(&self) -> Option<String> {
        if self.page.is_none() {
            return Some(list_url(&self.base, &self.thread, None, self.limit, self.offset));
        }
        let (parent, already) = self.held_back.last().filter(|_| self.follow_ups > 0)?;
        Some(list_url(&self.base, &self.thread, Some(parent), 0, *already))
    }

    /// Reads the answer to the last [`PageWalk::next_url`].
    pub fn feed(&mut self, response: &RawResponse) -> Result<(), ClientError> {
        let Some(page) = &mut self.page else {
            let (page, held_back) = parse_list(response, self.offset)?;
            (self.page, self.held_back) = (Some(page), held_back);
            return Ok(());
        };
        self.held_back.pop();
        self.follow_ups = self.follow_ups.saturating_sub(1);
        let (more, rest) = parse_list(response, 0)?;
        page.comments.extend(more.comments);
        self.held_back.extend(rest);
        Ok(())
    }

    /// The page, with every reply fetched so far.
    pub fn into_page(self) -> Page {
        self.page.unwrap_or_default()
    }
}

/// The list URL: top-level comments (`limit`, `offset`), or the replies of `parent`.
pub fn list_url(base: &str, thread: &str, parent: Option<&str>, limit: u32, offset: u64) -> String {
    let mut url = format!("{base}/?uri={}&sort=oldest&offset={offset}", encode(thread));
    if let Some(p) = parent {
        url.push_str(&format!("&parent={}", encode(p)));
    }
    if limit > 0 {
        url.push_str(&format!("&limit={limit}"));
    }
    url
}

/// Reads a list answer: the page, and the comments whose replies Isso held back, each with how
/// many of its replies are already here.
pub fn parse_list(response: &RawResponse, offset: u64) -> Result<(Page, Vec<(String, u64)>), ClientError> {
    if !response.ok() {
        return Err(error_from(response));
    }
    let root = parse_body("Isso", &response.body)?;
    if !root.is_object() {
        return Err(ClientError::Decode("Isso answered something other than a thread".into()));
    }
    let mut comments = Vec::new();
    let mut held_back = Vec::new();
    // Depth-first over `replies` with an explicit stack: no recursion, whatever the nesting.
    let mut stack: Vec<(&Value, Option<std::rc::Rc<str>>)> =
        list_of(root.get("replies")).iter().rev().map(|v| (v, None)).collect();
    while let Some((v, parent)) = stack.pop() {
        let Some(c) = comment_from(v, parent) else { continue };
        let replies = list_of(v.get("replies"));
        let hidden = v.get("hidden_replies").and_then(Value::as_u64).unwrap_or(0);
        if hidden > 0 {
            held_back.push((c.id.to_string(), replies.len() as u64));
        }
        stack.extend(replies.iter().rev().map(|r| (r, Some(c.id.clone()))));
        comments.push(c);
    }
    let top_returned = list_of(root.get("replies")).len() as u64;
    let more = root.get("hidden_replies").and_then(Value::as_u64).unwrap_or(0) > 0 && top_returned > 0;
    let total = root.get("total_replies").and_then(Value::as_u64);
    let page = Page {
        comments,
        next_cursor: more.then(|| (offset + top_returned).to_string()),
        total,
        features: None,
        order: None,
    };
    Ok((page, held_back))
}

/// One Isso comment; `parent` is where it was found, used when Isso's own field is missing.
pub fn comment_from(v: &Value, parent: Option<std::rc::Rc<str>>) -> Option<Comment> {
    let id = id_of(v.get("id")?)?;
    let status = match v.get("mode").and_then(Value::as_u64) {
        Some(2) => Status::Pending,
        Some(4) => Status::Deleted,
        _ => Status::Published,
    };
    let html = match status {
        Status::Deleted => "",
        _ => v.get("text").and_then(Value::as_str).unwrap_or_default(),
    };
    Some(Comment {
        parent: v.get("parent").and_then(id_of).or(parent),
        created_ms: v.get("created").and_then(|t| parse_time(t, TimeFormat::EpochSeconds, 0)),
        status,
        // Only when the server has `[gravatar] enabled`.
        avatar: str_field(v, "gravatar_image"),
        ..html_comment(id, str_field(v, "author"), str_field(v, "website"), html)
    })
}

/// The JSON body of `/new`.
pub fn post_body(d: &Draft, title: Option<&str>) -> Value {
    let parent: Option<i64> = d.parent.as_deref().and_then(|p| p.parse().ok());
    let blank_to_null = |s: &str| if s.trim().is_empty() { Value::Null } else { json!(s.trim()) };
    json!({
        "text": d.text,
        "author": blank_to_null(&d.author),
        "email": blank_to_null(&d.email),
        "website": blank_to_null(&d.website),
        "parent": parent,
        "title": title.unwrap_or(""),
        "notification": 0,
    })
}

/// Isso answers errors as HTML pages: the status says what happened.
pub fn error_from(response: &RawResponse) -> ClientError {
    let reason = match response.status {
        400 => Refusal::BrokeRules { min_text: CAPABILITIES.min_text },
        403 => Refusal::OriginNotAllowed,
        404 => Refusal::UnknownArticle,
        s => return ClientError::status(s),
    };
    reason.into()
}

#[cfg(test)]
mod tests;
