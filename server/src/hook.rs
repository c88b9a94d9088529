//! A site's optional screening hook (Coral calls it an external moderation phase): each new
//! comment that the built-in screen let through is POSTed as JSON to a URL the site
//! configures, such as its own local model, which answers `allow`, `hold` or `reject`.
//!
//! The hook runs in the post handler, before the comment queues for the writer: it never
//! holds a transaction open, and a site without a hook pays nothing for it. A hook that
//! does not answer in time, answers with a non-2xx status or answers something unreadable
//! applies the site's failure action instead, with a reason naming the failure.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::screen::Action;

/// The most bytes of a hook's answer that are read; a longer answer is a failure.
pub const ANSWER_MAX_BYTES: usize = 16 * 1024;
/// The most characters of a hook's `reason` that are kept.
pub const REASON_MAX_CHARS: usize = 200;

/// A configured hook: where, how long to wait, and what a failure does.
#[derive(Debug, Clone)]
pub struct Hook {
    url: reqwest::Url,
    /// The URL without its query (which may carry a key), for the log.
    shown: String,
    timeout: Duration,
    on_failure: Action,
    client: reqwest::Client,
}

/// What the hook is sent: the site, the thread key and the fields readers would see, as the
/// comment would be stored.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct HookRequest<'a> {
    /// The site's id.
    pub site: &'a str,
    /// The thread key.
    pub thread: &'a str,
    /// The author's display name.
    pub author: &'a str,
    /// The author's website, or `null`.
    pub website: Option<&'a str>,
    /// The comment text.
    pub text: &'a str,
}

/// What a hook answers.
#[derive(Debug, Deserialize)]
struct HookAnswer {
    action: Action,
    #[serde(default)]
    reason: Option<String>,
}

/// What the hook made of a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookVerdict {
    /// What to do with the comment.
    pub action: Action,
    /// Why, naming the hook: `hook: <its reason>`, or the failure (`hook timed out after
    /// 800 ms`); stored with a held comment.
    pub reason: String,
    /// The reason the hook itself gave, cleaned up, if it answered with one.
    pub answer_reason: Option<String>,
    /// Whether the hook failed, so that `action` is the site's failure action.
    pub failed: bool,
}

impl Hook {
    /// A hook POSTing to `url` (`http://…`), waiting at most `timeout_ms` for the whole
    /// answer, and applying `on_failure` when it fails.
    pub fn new(url: &str, timeout_ms: u32, on_failure: Action) -> Result<Self, String> {
        let url = parse_url(url)?;
        // Straight to the configured address: no proxy from the environment, and a redirect
        // is an answer like any other non-2xx (a failure), never followed.
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot set up the hook's HTTP client: {e}"))?;
        let mut shown = url.clone();
        shown.set_query(None);
        let shown = shown.to_string();
        Ok(Self {
            url,
            shown,
            timeout: Duration::from_millis(u64::from(timeout_ms.max(1))),
            on_failure,
            client,
        })
    }

    /// The URL the hook POSTs to.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// Asks the hook about a comment; never fails: a failure is the failure action.
    pub async fn consult(&self, request: &HookRequest<'_>) -> HookVerdict {
        let failure = match tokio::time::timeout(self.timeout, self.exchange(request)).await {
            Ok(Ok(answer)) => {
                let answer_reason = answer.reason.as_deref().map(clean).filter(|r| !r.is_empty());
                let reason = match &answer_reason {
                    Some(reason) => format!("hook: {reason}"),
                    None => format!("hook: {}", action_name(answer.action)),
                };
                return HookVerdict { action: answer.action, reason, answer_reason, failed: false };
            }
            Ok(Err(failure)) => failure,
            Err(_) => format!("hook timed out after {} ms", self.timeout.as_millis()),
        };
        tracing::warn!(
            site = request.site,
            hook = %self.shown,
            failure = %failure,
            applied = action_name(self.on_failure),
            "screening hook failed"
        );
        HookVerdict { action: self.on_failure, reason: failure, answer_reason: None, failed: true }
    }

    /// One POST and its answer, read up to [`ANSWER_MAX_BYTES`].
    async fn exchange(&self, request: &HookRequest<'_>) -> Result<HookAnswer, String> {
        let mut response = self
            .client
            .post(self.url.clone())
            .json(request)
            .send()
            .await
            .map_err(|e| format!("hook unreachable: {}", root_cause(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("hook answered HTTP {}", status.as_u16()));
        }
        let mut body = Vec::new();
        while let Some(chunk) =
            response.chunk().await.map_err(|e| format!("hook answer cut off: {}", root_cause(&e)))?
        {
            if body.len() + chunk.len() > ANSWER_MAX_BYTES {
                return Err(format!("hook answer longer than {ANSWER_MAX_BYTES} bytes"));
            }
            body.extend_from_slice(&chunk);
        }
        serde_json::from_slice(&body).map_err(|e| format!("hook answer unreadable: {e}"))
    }
}

/// Parses a `--hook-url`: an absolute `http://` URL with a host. `https://` needs a TLS
/// stack, which this server leaves out: the hook is meant for a service on the same machine
/// or network.
pub fn parse_url(raw: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| format!("`{raw}` is not a URL: {e}"))?;
    match url.scheme() {
        "http" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
        "http" => Err(format!("`{raw}` has no host")),
        "https" => Err(format!(
            "`{raw}`: https hooks are not supported (this server has no TLS client); use http:// to a \
             service on this machine or network"
        )),
        other => Err(format!("`{raw}`: the hook must be an http:// URL, not {other}:")),
    }
}

/// The word for an action, as the hook and the command line spell it.
pub fn action_name(action: Action) -> &'static str {
    match action {
        Action::Allow => "allow",
        Action::Hold => "hold",
        Action::Reject => "reject",
    }
}

/// The action a `--hook-fail` value names.
pub fn parse_action(raw: &str) -> Result<Action, String> {
    match raw {
        "allow" => Ok(Action::Allow),
        "hold" => Ok(Action::Hold),
        "reject" => Ok(Action::Reject),
        _ => Err(format!("`{raw}` is not one of hold, allow, reject")),
    }
}

/// A hook's reason as stored: one line, no control characters, at most
/// [`REASON_MAX_CHARS`] characters.
fn clean(reason: &str) -> String {
    let one_line: String =
        reason.split_whitespace().collect::<Vec<_>>().join(" ").chars().filter(|c| !c.is_control()).collect();
    match one_line.char_indices().nth(REASON_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// The innermost cause of an HTTP client error (`Connection refused`, …), without the URL,
/// which may carry a secret.
fn root_cause(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string();
    match err.url() {
        Some(url) => text.replace(url.as_str(), "…"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(parse_url("http://127.0.0.1:9000/screen").is_ok());
        assert!(parse_url("http://localhost/screen?key=1").is_ok());
        for bad in ["127.0.0.1:9000", "https://model.example/screen", "ftp://x/", "http://", "/screen"] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn actions_and_reasons() {
        for action in [Action::Allow, Action::Hold, Action::Reject] {
            assert_eq!(parse_action(action_name(action)), Ok(action));
        }
        assert!(parse_action("maybe").is_err());
        assert_eq!(clean("  toxic\n\tinsult\u{7} "), "toxic insult");
        let long = clean(&"é".repeat(REASON_MAX_CHARS + 5));
        assert_eq!(long.chars().count(), REASON_MAX_CHARS + 1);
        assert!(long.ends_with('…'));
    }
}
