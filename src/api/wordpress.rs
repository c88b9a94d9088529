//! The WordPress REST API preset: `/wp/v2/comments` under the site's REST root
//! (`data-api="https://blog.example/wp-json"`). Comments are flat with `parent` (0 at the top),
//! bodies are HTML, pages are counted in `X-WP-TotalPages`.

use super::foreign::{encode, html_comment, next_page, page_of};
use super::json::{id_of, list_of, parse_body, str_field};
use super::{fetch, get, post_json, Capabilities, Draft, Page, RawResponse};
use crate::error::{ClientError, Refusal};
use crate::model::html_text::html_to_text;
use crate::model::time::{parse_time, TimeFormat};
use crate::model::{Comment, Status};
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use threadline_protocol::ValidationError;

/// What WordPress can do for anonymous readers.
pub const CAPABILITIES: Capabilities =
    Capabilities { name: "WordPress", email_required: true, ..Capabilities::BASE };

/// WordPress returns at most 100 comments per request.
const PER_PAGE: u32 = 100;

/// A WordPress site's REST API.
#[derive(Debug, Clone, PartialEq)]
pub struct WordPressApi {
    base: String,
    post_id: Rc<Cell<Option<u64>>>,
    page_url: Option<String>,
}

impl WordPressApi {
    /// The REST root (`…/wp-json`), the post id when the page knows it, and the page URL to
    /// resolve otherwise.
    pub fn new(base: &str, post_id: Option<u64>, page_url: Option<String>) -> Self {
        WordPressApi {
            base: base.trim_end_matches('/').into(),
            post_id: Rc::new(Cell::new(post_id)),
            page_url,
        }
    }

    /// Lists one page of the post's comments, oldest first, so that parents precede replies.
    pub async fn list(&self, thread: &str, cursor: Option<&str>, _limit: u32) -> Result<Page, ClientError> {
        let post = self.resolve_post(thread).await?;
        let page = page_of(cursor);
        parse_list(&fetch(get(&comments_url(&self.base, post, page))?).await?, page)
    }

    /// Posts a comment with `author_name`, `author_email`, `content`, `parent` and `post`.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        let post = self.resolve_post(thread).await?;
        let url = format!("{}/wp/v2/comments", self.base);
        let response = fetch(post_json(&url, &post_body(post, draft))?).await?;
        if !response.ok() {
            return Err(error_from(&response));
        }
        let value = parse_body("WordPress", &response.body)?;
        comment_from(&value).ok_or_else(|| ClientError::Decode("WordPress answered without a comment".into()))
    }

    /// The post id: given, numeric thread key, `?p=123`, or looked up by the URL's slug.
    async fn resolve_post(&self, thread: &str) -> Result<u64, ClientError> {
        if let Some(id) = self.post_id.get() {
            return Ok(id);
        }
        let source = self.page_url.as_deref().filter(|_| thread.starts_with('/')).unwrap_or(thread);
        let id = match post_id_in(thread).or_else(|| post_id_in(source)) {
            Some(id) => id,
            None => {
                let slug = slug_of(thread).or_else(|| slug_of(source)).ok_or_else(|| {
                    ClientError::Config(
                        "give data-post-id, or a data-thread URL that ends in the post's slug".into(),
                    )
                })?;
                self.lookup_slug(&slug).await?
            }
        };
        self.post_id.set(Some(id));
        Ok(id)
    }

    async fn lookup_slug(&self, slug: &str) -> Result<u64, ClientError> {
        for kind in ["posts", "pages"] {
            let url = format!("{}/wp/v2/{kind}?slug={}&_fields=id", self.base, encode(slug));
            let response = fetch(get(&url)?).await?;
            if !response.ok() {
                return Err(error_from(&response));
            }
            let found = parse_body("WordPress", &response.body)?;
            if let Some(id) = list_of(Some(&found)).first().and_then(|p| p.get("id")).and_then(Value::as_u64)
            {
                return Ok(id);
            }
        }
        Err(Refusal::NoPostAt(slug.to_string()).into())
    }
}

/// The list URL of one page.
pub fn comments_url(base: &str, post: u64, page: u32) -> String {
    format!("{base}/wp/v2/comments?post={post}&per_page={PER_PAGE}&page={page}&orderby=id&order=asc")
}

/// A post id written in a thread key: a bare number, or `?p=123` / `?page_id=123` in a URL.
pub fn post_id_in(thread: &str) -> Option<u64> {
    let t = thread.trim();
    t.parse().ok().or_else(|| {
        let query = t.split_once('?')?.1.split('#').next()?;
        query.split('&').find_map(|kv| match kv.split_once('=')? {
            ("p" | "page_id", v) => v.parse().ok(),
            _ => None,
        })
    })
}

/// The slug of a post URL or path: its last non-empty path segment.
pub fn slug_of(url: &str) -> Option<String> {
    let no_scheme =
        url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = no_scheme.split(['?', '#']).next()?;
    path.split('/').rfind(|s| !s.is_empty()).map(str::to_string)
}

/// Reads one page of the flat comment list.
pub fn parse_list(response: &RawResponse, page: u32) -> Result<Page, ClientError> {
    if !response.ok() {
        return Err(error_from(response));
    }
    let value = parse_body("WordPress", &response.body)?;
    if !value.is_array() {
        return Err(ClientError::Decode("WordPress answered something other than a comment list".into()));
    }
    let comments = list_of(Some(&value)).iter().filter_map(comment_from).collect();
    let pages = response.header("x-wp-totalpages").and_then(|v| v.trim().parse().ok()).unwrap_or(1);
    Ok(Page {
        comments,
        next_cursor: next_page(page.into(), pages),
        total: response.header("x-wp-total").and_then(|v| v.trim().parse().ok()),
        features: None,
        order: None,
    })
}

/// One WordPress comment in the internal model; `None` without a usable id.
pub fn comment_from(v: &Value) -> Option<Comment> {
    let id = id_of(v.get("id")?)?;
    let html = v.pointer("/content/rendered").and_then(Value::as_str).unwrap_or_default();
    // `date_gmt` has no zone and is UTC; `date` is the site's local time, which we cannot know.
    let created_ms = v.get("date_gmt").and_then(|d| parse_time(d, TimeFormat::Auto, 0));
    let status = match v.get("status").and_then(Value::as_str) {
        Some("hold" | "unapproved") => Status::Pending,
        _ => Status::Published,
    };
    // Gravatar sizes keyed by pixels: 48 suits the widget's avatars on dense screens.
    let avatars = v.get("author_avatar_urls");
    let avatar = ["48", "96", "24"].iter().find_map(|size| avatars?.get(size)?.as_str().map(str::to_string));
    Some(Comment {
        parent: v.get("parent").and_then(id_of).filter(|p| &**p != "0"),
        created_ms,
        status,
        avatar,
        ..html_comment(id, str_field(v, "author_name"), str_field(v, "author_url"), html)
    })
}

/// The body of a new comment.
pub fn post_body(post: u64, d: &Draft) -> Value {
    let parent: u64 = d.parent.as_deref().and_then(|p| p.parse().ok()).unwrap_or(0);
    json!({
        "post": post,
        "parent": parent,
        "author_name": d.author.trim(),
        "author_email": d.email.trim(),
        "author_url": d.website.trim(),
        "content": d.text,
    })
}

/// WordPress's `{code, message}` errors as reasons; its own sentence (HTML, read as text) only
/// for codes we do not know.
pub fn error_from(response: &RawResponse) -> ClientError {
    let body: Option<Value> = serde_json::from_str(&response.body).ok();
    let code = body.as_ref().and_then(|b| str_field(b, "code")).unwrap_or_default();
    let reason = match code.as_str() {
        "rest_comment_login_required" => Refusal::LoginRequired,
        "comment_duplicate" => Refusal::Duplicate,
        "comment_flood" => Refusal::TooFast,
        "rest_comment_closed" => Refusal::Closed,
        "rest_comment_author_data_required" => Refusal::NameAndEmailRequired,
        "rest_comment_content_invalid" => return ValidationError::Required("text").into(),
        "rest_post_invalid_id" | "rest_comment_invalid_post_id" => Refusal::UnknownArticle,
        _ => {
            let message = body.as_ref().and_then(|b| str_field(b, "message")).map(|m| html_to_text(&m));
            return ClientError::said(response.status, message, None);
        }
    };
    reason.into()
}

#[cfg(test)]
mod tests;
