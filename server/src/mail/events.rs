//! What queues an email: an opt-in that needs confirming, a visible reply to a comment whose
//! author asked to hear of replies, a comment held for review. The handlers call the
//! `comment_*` methods right after the comment is stored and before they answer: a few
//! indexed queries, and an insert only when there is mail to queue. SMTP is the worker's
//! business ([`super::worker`]); no answer waits for it.

use threadline_protocol::{Comment, CommentStatus};

use super::compose::{self, Links};
use super::Mail;
use crate::site::SiteRegistry;
use crate::store::mail::{normalize_email, MailKind, NewMail, OptIn};
use crate::store::{Store, StoreError};
use crate::{clock, tokens};

/// Where an event happened, for the links in its email.
#[derive(Debug, Clone)]
pub struct Place {
    /// The store.
    pub store: Store,
    /// The sites, for each site's origin (the article's address).
    pub sites: SiteRegistry,
    /// The site of the comment.
    pub site: String,
}

impl Mail {
    /// A comment was stored: queues its author's confirmation when `notify_email` asks for
    /// notifications, the parent's notification when it is a visible reply, and the
    /// moderators' email when it is held. Only database work: the post's answer waits for
    /// the mail to be queued (so that a crash after the answer loses none), never for SMTP.
    /// A failure here is logged; the comment is stored all the same.
    pub async fn comment_posted(&self, place: Place, comment: &Comment, notify_email: Option<String>) {
        if !self.enabled() {
            return;
        }
        if let Some(email) = notify_email {
            if let Err(err) = self.opt_in(&place, &comment.thread, &email).await {
                tracing::warn!(%err, id = comment.id, "could not queue the confirmation email");
            }
        }
        let queued = match comment.status {
            CommentStatus::Approved if comment.parent.is_some() => self.queue_reply(&place, comment.id).await,
            CommentStatus::Pending => self.queue_held(&place, comment.id).await,
            _ => Ok(()),
        };
        if let Err(err) = queued {
            tracing::warn!(%err, id = comment.id, "could not queue notification email");
        }
    }

    /// A moderator approved a comment: if it is a reply, it is visible now, so its parent's
    /// author hears of it (once: a second approval queues nothing).
    pub async fn comment_approved(&self, place: Place, id: i64) {
        if !self.enabled() {
            return;
        }
        if let Err(err) = self.queue_reply(&place, id).await {
            tracing::warn!(%err, id, "could not queue the reply notification");
        }
    }

    /// An author's edit was held by screening: the moderators hear of it, once.
    pub async fn comment_held(&self, place: Place, id: i64) {
        if !self.enabled() {
            return;
        }
        if let Err(err) = self.queue_held(&place, id).await {
            tracing::warn!(%err, id, "could not queue the held-comment email");
        }
    }

    /// Registers an opt-in of `email` on the place's site and queues its confirmation when
    /// one is due (see [`OptIn`]). `thread` is named in the email. Off: `Confirmed`.
    pub async fn opt_in(&self, place: &Place, thread: &str, email: &str) -> Result<OptIn, StoreError> {
        let Some(config) = self.config() else { return Ok(OptIn::Confirmed) };
        let email = normalize_email(email);
        let token = tokens::new_secret();
        let now = clock::now_ms();
        let answer = place.store.mail_opt_in(&place.site, &email, &tokens::hash(&token), now).await?;
        if let OptIn::SendConfirmation { address_id } = answer {
            let confirm_url = compose::action_url(&config.public_url, "confirm", &token);
            self.queue(
                place,
                &format!("confirm:{address_id}:{now}"),
                MailKind::Confirm,
                address_id,
                &email,
                |links| compose::confirmation(thread, &confirm_url, links),
            )
            .await?;
            tracing::info!(site = %place.site, address_id, "confirmation email queued");
        }
        Ok(answer)
    }

    async fn queue_reply(&self, place: &Place, reply_id: i64) -> Result<(), StoreError> {
        let Some(n) = place.store.reply_notice(reply_id).await? else { return Ok(()) };
        let url = self.comment_url(place, &n.thread, n.reply_id);
        let key = format!("reply:{}", n.reply_id);
        self.queue(place, &key, MailKind::Reply, n.address_id, &n.email, |links| {
            compose::reply(&n.reply_author, &n.reply_text, &n.parent_text, &url, links)
        })
        .await
    }

    async fn queue_held(&self, place: &Place, id: i64) -> Result<(), StoreError> {
        for n in place.store.held_notices(id).await? {
            let url = self.comment_url(place, &n.thread, n.comment_id);
            let key = format!("held:{}:{}", n.comment_id, n.moderator_id);
            self.queue(place, &key, MailKind::Held, n.address_id, &n.email, |links| {
                compose::held(&n.site, &n.author, &n.text, n.moderation_reason.as_deref(), &url, links)
            })
            .await?;
        }
        Ok(())
    }

    fn comment_url(&self, place: &Place, thread: &str, id: i64) -> String {
        let public_url = self.config().map_or("", |c| c.public_url.as_str());
        let sites = place.sites.snapshot();
        let origin = sites.find(Some(&place.site)).and_then(|s| s.origins.first().cloned());
        compose::comment_url(origin.as_deref(), public_url, thread, id)
    }

    /// Renders and queues one email with a fresh unsubscribe token, and wakes the worker.
    async fn queue(
        &self,
        place: &Place,
        dedupe_key: &str,
        kind: MailKind,
        address_id: i64,
        recipient: &str,
        render: impl FnOnce(&Links) -> (String, String),
    ) -> Result<(), StoreError> {
        let Some(config) = self.config() else { return Ok(()) };
        let token = tokens::new_secret();
        let links = Links { unsubscribe: compose::action_url(&config.public_url, "unsubscribe", &token) };
        let (subject, body) = render(&links);
        let mail = NewMail {
            dedupe_key: dedupe_key.to_owned(),
            kind,
            address_id,
            recipient: recipient.to_owned(),
            subject,
            body,
            unsubscribe_url: links.unsubscribe,
        };
        if place.store.enqueue_mail(&mail, &tokens::hash(&token), clock::now_ms()).await? {
            tracing::info!(kind = kind.as_str(), key = dedupe_key, "email queued");
            self.wake_worker();
        }
        Ok(())
    }
}
