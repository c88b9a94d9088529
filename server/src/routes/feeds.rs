//! Atom feeds (RFC 4287) of what readers can see, for feed readers and site owners:
//!
//! - `GET /api/feeds/thread.atom?site=…&thread=…`: the newest comments of one thread;
//! - `GET /api/feeds/site.atom?site=…`: the newest comments of the whole site.
//!
//! Each holds the [`FEED_ENTRIES`] newest comments that a reader would see on the page (no
//! held comment, nor a reply waiting below one), newest first. Texts go out as Atom `text`
//! content, never HTML, so a feed reader shows them as written. When the site has an
//! origin and the thread key is a path, entries link to the comment on the article
//! (`https://news.example/2026/11/story#comment-7`).

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use threadline_protocol::Comment;

use super::comments::parse_thread;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::site::SiteSettings;
use crate::{clock, AppState};

/// Entries per feed.
pub const FEED_ENTRIES: u32 = 50;

/// The query string of both feeds.
#[derive(Debug, Default, Deserialize)]
pub struct FeedParams {
    /// The site; `default` when absent.
    pub site: Option<String>,
    /// The thread key (thread feed only).
    pub thread: Option<String>,
}

/// `GET /api/feeds/thread.atom?site=…&thread=…`.
pub async fn thread_feed(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<FeedParams>,
) -> Result<Response, ApiError> {
    let site = state.sites.get(params.site.as_deref())?;
    let thread = parse_thread(params.thread.as_deref())?;
    let comments = state.store.newest_comments(&site.id, Some(thread), FEED_ENTRIES).await?;
    let feed = FeedMeta {
        id: format!("urn:threadline:{}:thread:{}", site.id, encode(thread)),
        title: format!("Comments on {thread}"),
        link: article_url(&site, thread),
    };
    Ok(atom(feed.build(&site, &comments)))
}

/// `GET /api/feeds/site.atom?site=…`.
pub async fn site_feed(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<FeedParams>,
) -> Result<Response, ApiError> {
    let site = state.sites.get(params.site.as_deref())?;
    let comments = state.store.newest_comments(&site.id, None, FEED_ENTRIES).await?;
    let feed = FeedMeta {
        id: format!("urn:threadline:{}:site", site.id),
        title: format!(
            "Latest comments on {}",
            site.origins.first().map_or(site.id.as_str(), String::as_str)
        ),
        link: site.origins.first().cloned(),
    };
    Ok(atom(feed.build(&site, &comments)))
}

/// What differs between the two feeds.
struct FeedMeta {
    id: String,
    title: String,
    link: Option<String>,
}

impl FeedMeta {
    fn build(self, site: &SiteSettings, comments: &[Comment]) -> Feed {
        let entries = comments
            .iter()
            .map(|c| {
                let when = time(&c.created_at);
                let link = article_url(site, &c.thread).map(|url| format!("{url}#comment-{}", c.id));
                Entry {
                    id: format!("urn:threadline:comment:{}", c.id),
                    title: Text::plain(format!("{} on {}", c.author, c.thread)),
                    authors: vec![Person {
                        name: c.author.clone(),
                        uri: c.website.clone(),
                        ..Person::default()
                    }],
                    published: Some(when),
                    updated: when,
                    links: link.into_iter().map(alternate).collect(),
                    // A feed reader cannot hide a text behind its warning, so a warned comment's
                    // entry carries only the warning; the link opens the comment.
                    summary: c.warning.as_ref().map(|w| Text::plain(format!("Content warning: {w}"))),
                    content: c.warning.is_none().then(|| Content {
                        value: Some(c.text.clone()),
                        content_type: Some("text".into()),
                        ..Content::default()
                    }),
                    ..Entry::default()
                }
            })
            .collect();
        // Atom wants the feed's own update time: its newest entry's, or now for an empty one.
        let newest =
            comments.first().map_or_else(|| clock::rfc3339(clock::now_ms()), |c| c.created_at.clone());
        Feed {
            id: self.id,
            title: Text::plain(self.title),
            updated: time(&newest),
            links: self.link.into_iter().map(alternate).collect(),
            generator: Some(Generator { value: "Threadline".into(), ..Generator::default() }),
            entries,
            ..Feed::default()
        }
    }
}

fn alternate(href: String) -> Link {
    Link { href, rel: "alternate".into(), ..Link::default() }
}

/// The comment time as Atom wants it; the server writes RFC 3339 itself, so it parses.
fn time(rfc3339: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(rfc3339).unwrap_or_default()
}

/// The article's address, when the site has an origin and the thread key is a path.
fn article_url(site: &SiteSettings, thread: &str) -> Option<String> {
    let origin = site.origins.first()?;
    thread.starts_with('/').then(|| format!("{origin}{thread}"))
}

/// The thread key inside a URN: everything but unreserved characters percent-encoded.
fn encode(thread: &str) -> String {
    thread
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn atom(feed: Feed) -> Response {
    (
        [(CONTENT_TYPE, "application/atom+xml; charset=utf-8"), (CACHE_CONTROL, "public, max-age=60")],
        feed.to_string(),
    )
        .into_response()
}
