//! The native Threadline protocol: `GET /comments`, `POST /comments`, an author's `PATCH` and
//! `DELETE /comments/{id}`, `POST /comments/{id}/vote` and `POST /comments/{id}/reports`
//! (see `docs/protocol.md`).

use super::{send_json, Draft, Page, Posted};
use crate::error::ClientError;
use crate::model::more::Continuation;
use crate::model::Comment;
use gloo_net::http::{Request, RequestBuilder};
use threadline_protocol::moderation::NewReport;
use threadline_protocol::{
    validate_new_comment, AuthorEdit, NewComment, RepliesPage, Sort, ThreadPage, Vote, VoteCount,
};

/// Replies per top-level comment on a page, as text for the query: the server's batch.
const REPLY_BATCH: &str = "20";

/// The header that names the reader to the server: their author token.
pub const AUTHOR_HEADER: &str = "X-Threadline-Author";

/// A native API rooted at a base URL such as `https://example.org/api`, for one site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeApi {
    base: String,
    pub(super) site: String,
    /// A moderator's session, sent as `Authorization` (the moderator bundle only).
    #[cfg(feature = "moderator")]
    pub(super) session: Option<String>,
}

impl NativeApi {
    /// An API at `base` (no trailing slash), for the server's default site.
    pub fn new(base: impl Into<String>) -> Self {
        NativeApi {
            base: base.into(),
            site: crate::config::DEFAULT_SITE.into(),
            #[cfg(feature = "moderator")]
            session: None,
        }
    }

    /// The same API, for the site `data-site` names.
    pub fn with_site(self, site: impl Into<String>) -> Self {
        NativeApi { site: site.into(), ..self }
    }

    /// The base URL: the reader's author token is kept per API, under this.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `{base}/comments/stream?site=…&thread=…[&after=…]`: the thread's live updates, from the
    /// change stamp `after` when a new stream resumes where an old one stopped.
    pub fn stream_url(&self, thread: &str, after: Option<&str>) -> String {
        let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
        let mut url =
            format!("{}/comments/stream?site={}&thread={}", self.base, encode(&self.site), encode(thread));
        if let Some(after) = after {
            url.push_str("&after=");
            url.push_str(&encode(after));
        }
        url
    }

    /// `GET {base}/comments?site=…&thread=…&limit=…&cursor=…&sort=…`. With the reader's author
    /// token, the first page also holds their own comments that wait for a moderator. The
    /// default order (oldest first) is not named, so its URL stays what caches already hold.
    /// `around` (a permalinked comment's id, first page only) asks for the page that holds it.
    pub async fn list(
        &self,
        thread: &str,
        cursor: Option<&str>,
        limit: u32,
        author: Option<&str>,
        sort: Sort,
        around: Option<&str>,
    ) -> Result<Page, ClientError> {
        let limit = limit.to_string();
        let mut query = vec![("site", self.site.as_str()), ("thread", thread), ("limit", limit.as_str())];
        if let Some(c) = cursor {
            query.push(("cursor", c));
        }
        if sort != Sort::Oldest {
            query.push(("sort", sort.as_str()));
        }
        // The server wants a number; anything else would be a 400 for a link a reader followed.
        match around.filter(|id| cursor.is_none() && id.bytes().all(|b| b.is_ascii_digit())) {
            // The page of a permalink holds its subtrees whole: the linked reply may be past
            // the cap, and only this page says where it is.
            Some(id) => query.push(("around", id)),
            // A comment with thousands of replies must not make the page huge: the rest of a
            // subtree comes with "N more replies" (`replies`).
            None => query.push(("replies", REPLY_BATCH)),
        }
        let request = as_author(Request::get(&format!("{}/comments", self.base)).query(query), author);
        #[cfg(feature = "moderator")]
        let request = self.as_moderator(request);
        let request = request.build()?;
        // The first page may be on its way already: the loader asked for it with the wasm.
        #[cfg(target_arch = "wasm32")]
        let early = match cursor {
            None => super::prefetch::take(&request.url(), author).await,
            Some(_) => None,
        };
        #[cfg(not(target_arch = "wasm32"))]
        let early = None;
        let answer = match early {
            Some(answer) => answer,
            None => super::fetch(request).await?,
        };
        let page: ThreadPage = super::decode(answer.status, &answer.body)?;
        Ok(Page { order: Some(sort), ..page_from_native(page) })
    }

    /// `GET {base}/comments/{root}/replies?site=…&cursor=…`: the next batch of a top-level
    /// comment's replies that its page left out, and the continuation after them, if any.
    pub async fn replies(&self, more: &Continuation) -> Result<(Page, Option<Continuation>), ClientError> {
        let mut query = vec![("site", self.site.as_str())];
        if let Some(cursor) = &more.cursor {
            query.push(("cursor", cursor));
        }
        let url = format!("{}/comments/{}/replies", self.base, more.parent);
        let answer = super::fetch(Request::get(&url).query(query).build()?).await?;
        super::check(answer.status, &answer.body)?;
        let answer = replies_page(&answer.body).map_err(ClientError::Decode)?;
        let next = answer.more.map(|m| Continuation {
            parent: more.parent.clone(),
            count: m.count,
            cursor: Some(m.cursor),
            ..Default::default()
        });
        let comments = answer.comments.into_iter().map(Comment::from_native).collect();
        Ok((Page { comments, ..Default::default() }, next))
    }

    /// `POST {base}/comments`, after the same validation the server applies. The answer
    /// carries the reader's author token, to keep.
    pub async fn post(
        &self,
        thread: &str,
        draft: &Draft,
        author: Option<&str>,
    ) -> Result<Posted, ClientError> {
        let body =
            PostBody { comment: new_comment(thread, draft)?, site: &self.site, homepage: &draft.homepage };
        let response = self.send_post(&body, draft, author, None).await?;
        // A server with the optional proof-of-work asks for it; solve once and send again.
        #[cfg(target_arch = "wasm32")]
        let response = if super::pow::is_challenge_required(&response) {
            let solution = super::pow::solve(&self.base).await?;
            self.send_post(&body, draft, author, Some(&solution)).await?
        } else {
            response
        };
        posted_from_answer(response.status, &response.body)
    }

    /// `POST {base}/comments/{id}/reports`: tells the site's moderators about a comment. The
    /// answer's count of reports is not read (a reader is not told how many others reported),
    /// so a success is its status alone and only a refusal's body is parsed.
    pub async fn report(
        &self,
        id: &str,
        report: &NewReport,
        author: Option<&str>,
    ) -> Result<(), ClientError> {
        let builder = as_author(Request::post(&format!("{}/comments/{id}/reports", self.base)), author);
        let answer = super::fetch(super::with_json(builder, report)?).await?;
        super::check(answer.status, &answer.body)
    }

    /// `PATCH {base}/comments/{id}?site=…`: the author's new text and warning, with their
    /// author token; answers the comment as it is now (`edited`, perhaps held again).
    pub async fn edit_own(
        &self,
        id: &str,
        text: &str,
        warning: &str,
        author: &str,
    ) -> Result<Comment, ClientError> {
        let warning = Some(warning.trim().to_string()).filter(|w| !w.is_empty());
        let edit = AuthorEdit { text: text.to_string(), warning };
        threadline_protocol::validate::validate_text(&edit.text)?;
        threadline_protocol::validate::validate_warning(&edit.warning)?;
        let url = format!("{}/comments/{id}", self.base);
        let builder = as_author(Request::patch(&url).query([("site", self.site.as_str())]), Some(author));
        let comment: threadline_protocol::Comment = send_json(super::with_json(builder, &edit)?).await?;
        Ok(Comment::from_native(comment))
    }

    /// `DELETE {base}/comments/{id}?site=…` with the author token: answers the placeholder.
    pub async fn delete_own(&self, id: &str, author: &str) -> Result<Comment, ClientError> {
        let url = format!("{}/comments/{id}", self.base);
        let builder = as_author(Request::delete(&url).query([("site", self.site.as_str())]), Some(author));
        let comment: threadline_protocol::Comment = send_json(builder.build()?).await?;
        Ok(Comment::from_native(comment))
    }

    /// `POST {base}/comments/{id}/vote?site=…`: `1` up, `-1` down, `0` takes the vote back;
    /// answers the comment's counts.
    pub async fn vote(&self, id: &str, value: i8, author: Option<&str>) -> Result<VoteCount, ClientError> {
        let url = format!("{}/comments/{id}/vote", self.base);
        let builder = as_author(Request::post(&url).query([("site", self.site.as_str())]), author);
        send_json(super::with_json(builder, &Vote { value })?).await
    }

    async fn send_post(
        &self,
        body: &PostBody<'_>,
        draft: &Draft,
        author: Option<&str>,
        altcha: Option<&str>,
    ) -> Result<super::RawResponse, ClientError> {
        let mut builder = as_author(Request::post(&format!("{}/comments", self.base)), author);
        if let Some(key) = &draft.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        if let Some(solution) = altcha {
            builder = builder.header("Altcha", solution);
        }
        super::fetch(super::with_json(builder, body)?).await
    }
}

/// Adds the author token, when the reader has one. Without one no header is sent at all: a
/// custom header makes a cross-origin request wait for a CORS preflight, which a reader who
/// never posted should not pay for on every page.
fn as_author(builder: RequestBuilder, author: Option<&str>) -> RequestBuilder {
    match author {
        Some(token) => builder.header(AUTHOR_HEADER, token),
        None => builder,
    }
}

/// What `POST /comments` sends: the comment and its site, plus the honeypot field when a bot
/// filled it in.
#[derive(serde::Serialize)]
pub struct PostBody<'a> {
    #[serde(flatten)]
    comment: NewComment,
    site: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    homepage: &'a str,
}

/// Reads the answer to a post: the stored comment and the reader's author token. The answer
/// is a [`threadline_protocol::PostedComment`], read here in two passes over the same JSON
/// instead: that type flattens the comment into itself, and reading a flattened struct
/// would ship serde's buffering deserializer in the wasm.
pub fn posted_from_answer(status: u16, body: &str) -> Result<Posted, ClientError> {
    let comment: threadline_protocol::Comment = super::decode(status, body)?;
    Ok(Posted { comment: Comment::from_native(comment), author_token: author_token(body) })
}

/// The author token in the answer to a post, if it has one: in the browser, read straight off
/// the parsed object, which ships no deserializer for a one-field struct.
#[cfg(target_arch = "wasm32")]
fn author_token(body: &str) -> Option<String> {
    let answer = js_sys::JSON::parse(body).ok()?;
    js_sys::Reflect::get(&answer, &"author_token".into()).ok()?.as_string()
}

/// The author token in the answer to a post, if it has one (natively, for tests).
#[cfg(not(target_arch = "wasm32"))]
fn author_token(body: &str) -> Option<String> {
    let answer: serde_json::Value = serde_json::from_str(body).ok()?;
    answer.get("author_token")?.as_str().map(str::to_string)
}

/// Reads the answer to `GET /comments/{id}/replies`: in the browser, with the decoder of a
/// page (the answer's `comments` are a page's), and `more` read straight off the parsed
/// object. A decoder for the answer's own type would be one more in the wasm, about 1 KB
/// brotli.
#[cfg(target_arch = "wasm32")]
fn replies_page(body: &str) -> Result<RepliesPage, String> {
    use js_sys::Reflect;
    let answer = js_sys::JSON::parse(body).map_err(|_| "not JSON".to_string())?;
    let get = |from: &wasm_bindgen::JsValue, name: &str| Reflect::get(from, &name.into()).unwrap_or_default();
    let more = get(&answer, "more");
    let more = get(&more, "cursor").as_string().map(|cursor| threadline_protocol::MoreReplies {
        count: get(&more, "count").as_f64().unwrap_or(0.0) as u64,
        cursor,
    });
    // A page's decoder wants the thread's total, which this answer does not have.
    let _ = Reflect::set(&answer, &"total".into(), &0.into());
    let page: ThreadPage = serde_wasm_bindgen::from_value(answer).map_err(|e| e.to_string())?;
    Ok(RepliesPage { comments: page.comments, more })
}

/// Reads the answer to `GET /comments/{id}/replies` (natively, for tests).
#[cfg(not(target_arch = "wasm32"))]
fn replies_page(body: &str) -> Result<RepliesPage, String> {
    super::from_json(body)
}

/// Converts a native page into the internal model.
pub fn page_from_native(page: ThreadPage) -> Page {
    Page {
        comments: page.comments.into_iter().map(Comment::from_native).collect(),
        next_cursor: page.next_cursor,
        total: Some(page.total),
        features: page.features,
        order: None,
    }
}

/// Builds and validates the wire body from a draft; a native parent id must be an integer.
pub fn new_comment(thread: &str, draft: &Draft) -> Result<NewComment, ClientError> {
    let optional = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let parent = match &draft.parent {
        None => None,
        Some(p) => Some(p.parse().map_err(|_| ClientError::Config(format!("comment id {p} is not native")))?),
    };
    let body = NewComment {
        thread: thread.to_string(),
        parent,
        author: draft.author.trim().to_string(),
        email: optional(&draft.email),
        website: optional(&draft.website),
        text: draft.text.clone(),
        warning: optional(&draft.warning),
        notify: draft.notify,
    };
    validate_new_comment(&body)?;
    Ok(body)
}

#[cfg(test)]
mod tests;
