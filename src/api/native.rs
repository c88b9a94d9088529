//! The native Threadline protocol: `GET /comments`, `POST /comments`, an author's `PATCH` and
//! `DELETE /comments/{id}`, `POST /comments/{id}/vote` and `POST /comments/{id}/reports`
//! (see `docs/protocol.md`).

use super::{send_json, Draft, Page, Posted};
use crate::error::ClientError;
use crate::model::Comment;
use gloo_net::http::{Request, RequestBuilder};
use threadline_protocol::moderation::NewReport;
use threadline_protocol::{validate_new_comment, AuthorEdit, NewComment, Sort, ThreadPage, Vote, VoteCount};

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
        if let Some(id) = around.filter(|id| cursor.is_none() && id.bytes().all(|b| b.is_ascii_digit())) {
            query.push(("around", id));
        }
        let request = as_author(Request::get(&format!("{}/comments", self.base)).query(query), author);
        #[cfg(feature = "moderator")]
        let request = self.as_moderator(request);
        let page: ThreadPage = send_json(request.build()?).await?;
        Ok(Page { order: Some(sort), ..page_from_native(page) })
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
mod tests {
    use super::*;
    use threadline_protocol::PostedComment;

    #[test]
    fn the_post_body_is_the_new_comment_plus_a_filled_honeypot() {
        let draft = Draft { author: "Ann".into(), text: "Hi".into(), ..Default::default() };
        let body = |homepage: &str| {
            let body = PostBody { comment: new_comment("/t", &draft).unwrap(), site: "news", homepage };
            serde_json::to_value(&body).unwrap()
        };
        assert_eq!(
            body(""),
            serde_json::json!({"thread": "/t", "parent": null, "author": "Ann", "text": "Hi", "site": "news"})
        );
        assert_eq!(body("http://spam.example")["homepage"], "http://spam.example");
        // The server reads exactly what the protocol type says.
        let back: NewComment = serde_json::from_value(body("x")).unwrap();
        assert_eq!(back.author, "Ann");
    }

    #[test]
    fn builds_a_valid_body_or_names_the_field() {
        let mut d = Draft {
            author: " Ann ".into(),
            text: "Hello".into(),
            parent: Some("42".into()),
            ..Default::default()
        };
        let body = new_comment("/t", &d).unwrap();
        assert_eq!((body.author.as_str(), body.parent, body.email), ("Ann", Some(42), None));
        d.author.clear();
        assert_eq!(new_comment("/t", &d).unwrap_err().field(), Some("author"));
    }

    #[test]
    fn a_content_warning_is_sent_trimmed_and_only_when_given() {
        let mut d = Draft { author: "Ann".into(), text: "It was the butler".into(), ..Default::default() };
        assert_eq!(new_comment("/t", &d).unwrap().warning, None);
        d.warning = "  Spoilers  ".into();
        assert_eq!(new_comment("/t", &d).unwrap().warning.as_deref(), Some("Spoilers"));
        d.warning = "x".repeat(threadline_protocol::limits::WARNING_MAX + 1);
        assert_eq!(new_comment("/t", &d).unwrap_err().field(), Some("warning"));
    }

    #[test]
    fn a_held_post_keeps_its_status_and_the_author_token() {
        let answer = PostedComment {
            comment: threadline_protocol::Comment {
                id: 7,
                thread: "/t".into(),
                parent: None,
                author: "A".into(),
                website: None,
                text: "t".into(),
                warning: None,
                created_at: "2026-01-01T00:00:00Z".into(),
                status: threadline_protocol::CommentStatus::Pending,
                pinned: false,
                edited: false,
                upvotes: 0,
                downvotes: 0,
                more_replies: None,
            },
            author_token: Some("s3cret".into()),
            moderation_reason: Some("held for review".into()),
        };
        let posted = posted_from_answer(201, &serde_json::to_string(&answer).unwrap()).unwrap();
        assert_eq!(posted.author_token.as_deref(), Some("s3cret"));
        assert_eq!((&*posted.comment.id, posted.comment.status), ("7", crate::model::Status::Pending));
    }

    #[test]
    fn a_report_is_the_protocols_body() {
        use threadline_protocol::moderation::ReportReason;
        let report = NewReport { reason: ReportReason::OffTopic, note: None };
        assert_eq!(serde_json::to_value(report).unwrap(), serde_json::json!({"reason": "off_topic"}));
    }

    #[test]
    fn drops_non_http_websites_from_the_server() {
        let c = threadline_protocol::Comment {
            id: 1,
            thread: "/t".into(),
            parent: None,
            author: "A".into(),
            website: Some("javascript:alert(1)".into()),
            text: "t".into(),
            warning: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            status: Default::default(),
            pinned: false,
            edited: false,
            upvotes: 0,
            downvotes: 0,
            more_replies: None,
        };
        assert_eq!(Comment::from_native(c).website, None);
    }
}
