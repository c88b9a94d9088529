//! The native Threadline protocol: `GET /comments`, `POST /comments` (see `docs/protocol.md`).

use super::{send_json, Draft, Page};
use crate::error::ClientError;
use crate::model::Comment;
use gloo_net::http::Request;
use threadline_protocol::{validate_new_comment, NewComment, ThreadPage};

/// A native API rooted at a base URL such as `https://example.org/api`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeApi {
    base: String,
}

impl NativeApi {
    /// An API at `base` (no trailing slash).
    pub fn new(base: impl Into<String>) -> Self {
        NativeApi { base: base.into() }
    }

    /// `GET {base}/comments?thread=…&limit=…&cursor=…`
    pub async fn list(&self, thread: &str, cursor: Option<&str>, limit: u32) -> Result<Page, ClientError> {
        let limit = limit.to_string();
        let mut query = vec![("thread", thread), ("limit", limit.as_str())];
        if let Some(c) = cursor {
            query.push(("cursor", c));
        }
        let request = Request::get(&format!("{}/comments", self.base)).query(query);
        let page: ThreadPage = send_json(request.build()?).await?;
        Ok(page_from_native(page))
    }

    /// `POST {base}/comments`, after the same validation the server applies.
    pub async fn post(&self, thread: &str, draft: &Draft) -> Result<Comment, ClientError> {
        let body = PostBody { comment: new_comment(thread, draft)?, homepage: &draft.homepage };
        let response = self.send_post(&body, draft, None).await?;
        // A server with the optional proof-of-work asks for it; solve once and send again.
        #[cfg(target_arch = "wasm32")]
        let response = if super::pow::is_challenge_required(&response) {
            let solution = super::pow::solve(&self.base).await?;
            self.send_post(&body, draft, Some(&solution)).await?
        } else {
            response
        };
        let stored: threadline_protocol::Comment = super::decode(response.status, &response.body)?;
        Ok(Comment::from_native(stored))
    }

    async fn send_post(
        &self,
        body: &PostBody<'_>,
        draft: &Draft,
        altcha: Option<&str>,
    ) -> Result<super::RawResponse, ClientError> {
        let mut builder = Request::post(&format!("{}/comments", self.base));
        if let Some(key) = &draft.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        if let Some(solution) = altcha {
            builder = builder.header("Altcha", solution);
        }
        super::fetch(super::with_json(builder, body)?).await
    }
}

/// What `POST /comments` sends: the comment, plus the honeypot field when a bot filled it in.
#[derive(serde::Serialize)]
pub struct PostBody<'a> {
    #[serde(flatten)]
    comment: NewComment,
    #[serde(skip_serializing_if = "str::is_empty")]
    homepage: &'a str,
}

/// Converts a native page into the internal model.
pub fn page_from_native(page: ThreadPage) -> Page {
    Page {
        comments: page.comments.into_iter().map(Comment::from_native).collect(),
        next_cursor: page.next_cursor,
        total: Some(page.total),
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
    };
    validate_new_comment(&body)?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_post_body_is_the_new_comment_plus_a_filled_honeypot() {
        let draft = Draft { author: "Ann".into(), text: "Hi".into(), ..Default::default() };
        let body = |homepage: &str| {
            let body = PostBody { comment: new_comment("/t", &draft).unwrap(), homepage };
            serde_json::to_value(&body).unwrap()
        };
        assert_eq!(
            body(""),
            serde_json::json!({"thread": "/t", "parent": null, "author": "Ann", "text": "Hi"})
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
    fn drops_non_http_websites_from_the_server() {
        let c = threadline_protocol::Comment {
            id: 1,
            thread: "/t".into(),
            parent: None,
            author: "A".into(),
            website: Some("javascript:alert(1)".into()),
            text: "t".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            status: Default::default(),
            pinned: false,
            edited: false,
        };
        assert_eq!(Comment::from_native(c).website, None);
    }
}
