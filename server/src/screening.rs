//! What a new comment's screening means for its post: the adapter between the pure screen
//! ([`crate::screen`]), the site's optional hook ([`crate::hook`]) and the post path. It
//! runs in the handler, before the comment queues for the writer, so that the writer's
//! transactions never wait on it.

use threadline_protocol::NewComment;

use crate::error::ApiError;
use crate::hook::{HookRequest, HookVerdict};
use crate::screen::{Action, Field, Submission, Verdict};
use crate::site::SiteSettings;

/// Why a comment is held when the site holds every comment.
pub const PREMODERATION: &str = "pre-moderation";

/// How a post is to be stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// Hold it for review with this reason (stored with the comment, shown to moderators).
    pub hold: Option<String>,
    /// Approve it all the same if its author had a comment approved before (only for holds
    /// by pre-moderation: a comment that screening held waits whoever wrote it).
    pub approve_known: bool,
}

/// Screens `new` with `site`'s screen, then, unless the screen held or rejected it, with the
/// site's hook: a reject is a 422 naming the field that matched (`text` for the hook); a
/// hold, or the site's pre-moderation, holds it. A site without a hook awaits nothing.
pub async fn decide(site: &SiteSettings, new: &NewComment) -> Result<Decision, ApiError> {
    let author = new.author.trim();
    let website = new.website.as_deref().map(str::trim).filter(|w| !w.is_empty());
    // Readers see a content warning before the text, so it is screened with the text, as its
    // first paragraph: a match in it is reported as a match in the comment.
    let text = match threadline_protocol::validate::non_blank(&new.warning) {
        Some(warning) => std::borrow::Cow::Owned(format!("{warning}\n\n{}", new.text)),
        None => std::borrow::Cow::Borrowed(new.text.as_str()),
    };
    let verdict = match &site.screen {
        Some(screen) => screen.check(&Submission { text: &text, author, website }),
        // Not `Verdict::default()`: its action is the default action, `Hold`.
        None => Verdict { action: Action::Allow, reasons: Vec::new() },
    };
    match verdict.action {
        Action::Reject => return Err(rejection(&verdict)),
        Action::Hold => return Ok(Decision { hold: Some(verdict.reason_text()), approve_known: false }),
        Action::Allow => {}
    }
    if let Some(hook) = &site.hook {
        let request =
            HookRequest { site: &site.id, thread: new.thread.trim(), author, website, text: text.trim_end() };
        let verdict = hook.consult(&request).await;
        match verdict.action {
            Action::Reject => return Err(hook_rejection(&verdict)),
            // Like a hold by the screen, it waits whoever wrote it.
            Action::Hold => return Ok(Decision { hold: Some(verdict.reason), approve_known: false }),
            Action::Allow => {}
        }
    }
    if site.premoderation {
        return Ok(Decision { hold: Some(PREMODERATION.into()), approve_known: site.approve_known });
    }
    Ok(Decision::default())
}

/// The 422 for a comment the hook rejected, or that its failure rejected.
fn hook_rejection(verdict: &HookVerdict) -> ApiError {
    tracing::info!(reason = %verdict.reason, "comment rejected by the screening hook");
    let message = if verdict.failed {
        "This site could not check your comment just now, and publishes no comment unchecked. \
         Please try again in a moment."
            .to_owned()
    } else {
        let why = verdict.answer_reason.as_deref().unwrap_or("its own check");
        format!("This site does not publish comments like this: your comment was refused by its screening ({why}). \
                 Please rephrase it.")
    };
    ApiError::CommentRejected { field: "text", message }
}

/// The 422 for a rejected comment: the strongest rejecting reason, in words a reader
/// understands (the rule itself is for moderators and logs).
fn rejection(verdict: &Verdict) -> ApiError {
    let reason = verdict.reasons.iter().find(|r| r.action == Action::Reject);
    let (field, what) = match reason {
        Some(r) => (
            match r.field {
                Field::Text => "text",
                Field::Author => "author",
                Field::Website => "website",
            },
            r.category.as_str(),
        ),
        None => ("text", "abuse"),
    };
    let place = match field {
        "author" => "your name",
        "website" => "your website",
        _ => "your comment",
    };
    tracing::info!(reasons = %verdict.reason_text(), "comment rejected by screening");
    ApiError::CommentRejected {
        field,
        message: format!(
            "This site does not publish comments like this: {place} was refused by its screening ({what}). \
             Please rephrase it."
        ),
    }
}
