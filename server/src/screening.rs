//! What a new comment's screening means for its post: the adapter between the pure screen
//! ([`crate::screen`]) and the post path. It runs in the handler, before the comment
//! queues for the writer, so that the writer's transactions never wait on it.

use threadline_protocol::NewComment;

use crate::error::ApiError;
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

/// Screens `new` with `site`'s screen: a reject is a 422 naming the field that matched; a
/// hold, or the site's pre-moderation, holds it.
pub fn decide(site: &SiteSettings, new: &NewComment) -> Result<Decision, ApiError> {
    let verdict = match &site.screen {
        Some(screen) => screen.check(&Submission {
            text: &new.text,
            author: new.author.trim(),
            website: new.website.as_deref().map(str::trim).filter(|w| !w.is_empty()),
        }),
        // Not `Verdict::default()`: its action is the default action, `Hold`.
        None => Verdict { action: Action::Allow, reasons: Vec::new() },
    };
    match verdict.action {
        Action::Reject => Err(rejection(&verdict)),
        Action::Hold => Ok(Decision { hold: Some(verdict.reason_text()), approve_known: false }),
        Action::Allow if site.premoderation => {
            Ok(Decision { hold: Some(PREMODERATION.into()), approve_known: site.approve_known })
        }
        Action::Allow => Ok(Decision::default()),
    }
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
