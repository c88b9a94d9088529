//! The background worker that sends queued mail over SMTP.
//!
//! It claims one due row at a time (one atomic `UPDATE`, so several workers, even in several
//! processes, never take the same row), sends it with lettre, then marks it sent. A
//! temporary failure (a 4xx answer, a refused or dropped connection, a timeout) releases the
//! row for a retry after [`backoff`]; a permanent one (5xx) or the [`MAX_ATTEMPTS`]th
//! failure gives it up. The worker sleeps until the next row is due, until mail is queued,
//! or [`POLL`] at most.
//!
//! ## A crash between sending and marking sent
//!
//! The SMTP server may have accepted a message whose row still reads "claimed". Retrying it
//! could send it twice; not retrying could lose it. We never send twice: a claim older than
//! [`CLAIM_LEASE`] with no outcome is given up (`failed_ms`, with the reason, and a warning
//! in the log), not retried. The lease is far longer than a send can take (each SMTP step
//! times out after [`SMTP_TIMEOUT`]), so only a sender that died leaves such a row; a
//! graceful shutdown lets the send in hand finish first ([`Worker::shutdown`]). Each message
//! also carries a Message-ID derived from its row, so that a receiver could tell copies apart.

use std::time::Duration;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::{Mail, MailConfig, MailError};
use crate::clock;
use crate::store::mail::ClaimedMail;
use crate::store::Store;

/// The SMTP client: a new connection per message (no pool: a notification now and then).
pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Sends before an email is given up.
pub const MAX_ATTEMPTS: i64 = 10;

/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// How long each SMTP step (connect, each command) may take.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A claim without an outcome after this long belongs to a sender that died.
pub const CLAIM_LEASE: Duration = Duration::from_secs(600);

/// The longest the worker sleeps without looking at the queue (rows queued by another
/// process, claims to give up).
pub const POLL: Duration = Duration::from_secs(5);

/// The transport `--smtp-url` describes; checked at start, connects only when sending.
pub fn transport(url: &str) -> Result<Transport, MailError> {
    let builder = Transport::from_url(url).map_err(|e| MailError::SmtpUrl(e.to_string()))?;
    Ok(builder.timeout(Some(SMTP_TIMEOUT)).build())
}

/// The wait after the `attempts`th failed send: `base`, doubled each time, at most
/// [`MAX_BACKOFF`].
pub fn backoff(base: Duration, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    base.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

/// The running worker.
#[derive(Debug)]
pub struct Worker {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl Worker {
    /// Starts the worker for `mail` (which must be on) on the runtime.
    pub fn spawn(mail: Mail, transport: Transport, store: Store) -> Self {
        let (stop, stopped) = watch::channel(false);
        let handle = tokio::spawn(run(mail, transport, store, stopped));
        Self { stop, handle }
    }

    /// Stops the worker once the send in hand (if any) has its outcome stored.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.handle.await {
            tracing::error!(%err, "mail worker failed");
        }
    }
}

async fn run(mail: Mail, transport: Transport, store: Store, mut stopped: watch::Receiver<bool>) {
    let Some(config) = mail.config() else { return };
    tracing::info!("mail worker started");
    while !*stopped.borrow() {
        let now = clock::now_ms();
        let lease = i64::try_from(CLAIM_LEASE.as_millis()).unwrap_or(i64::MAX);
        match store.abandon_mail_claims(now.saturating_sub(lease), now).await {
            Ok(ids) if !ids.is_empty() => tracing::warn!(
                ?ids,
                "emails whose sender stopped mid-send are given up, not retried: they may or may not have been delivered"
            ),
            Ok(_) => {}
            Err(err) => tracing::warn!(%err, "mail queue: cannot look for abandoned claims"),
        }
        while !*stopped.borrow() {
            match store.claim_mail(clock::now_ms()).await {
                Ok(Some(row)) => send_one(config, &transport, &store, row).await,
                Ok(None) => break,
                Err(err) => {
                    tracing::warn!(%err, "mail queue: cannot claim");
                    break;
                }
            }
        }
        let wait = match store.next_mail_due().await {
            Ok(Some(due)) => {
                Duration::from_millis(u64::try_from(due - clock::now_ms()).unwrap_or(0)).min(POLL)
            }
            _ => POLL,
        };
        tokio::select! {
            () = config.wake.notified() => {}
            () = tokio::time::sleep(wait) => {}
            _ = stopped.changed() => {}
        }
    }
    tracing::info!("mail worker stopped");
}

/// Sends one claimed row and stores the outcome.
async fn send_one(config: &MailConfig, transport: &Transport, store: &Store, row: ClaimedMail) {
    let message = match message(config, &row) {
        Ok(message) => message,
        Err(err) => {
            tracing::error!(id = row.id, %err, "email cannot be built; given up");
            record(store.mail_give_up(row.id, clock::now_ms(), &err).await, row.id);
            return;
        }
    };
    let outcome = transport.send(message).await;
    let now = clock::now_ms();
    let stored = match outcome {
        Ok(_) => {
            tracing::info!(id = row.id, attempts = row.attempts, "email sent");
            store.mail_sent(row.id, now).await
        }
        Err(err) if err.is_permanent() || row.attempts >= MAX_ATTEMPTS => {
            tracing::warn!(id = row.id, attempts = row.attempts, %err, "email given up");
            store.mail_give_up(row.id, now, &err.to_string()).await
        }
        Err(err) => {
            let wait = backoff(config.retry_base, row.attempts);
            tracing::warn!(id = row.id, attempts = row.attempts, %err, retry_in_ms = wait.as_millis() as u64, "email not sent; will retry");
            let next = now.saturating_add(i64::try_from(wait.as_millis()).unwrap_or(i64::MAX));
            store.mail_retry(row.id, next, &err.to_string()).await
        }
    };
    record(stored, row.id);
}

fn record(stored: Result<(), crate::store::StoreError>, id: i64) {
    if let Err(err) = stored {
        // The claim stays; after the lease it is given up, never sent again.
        tracing::error!(id, %err, "cannot record an email's outcome");
    }
}

/// The message of a row: plain text, with the RFC 8058 one-click unsubscribe headers and a
/// Message-ID of its own.
fn message(config: &MailConfig, row: &ClaimedMail) -> Result<Message, String> {
    let to: Mailbox = row.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
    let domain = config.from.email.domain().to_owned();
    Message::builder()
        .from(config.from.clone())
        .to(to)
        .subject(row.subject.as_str())
        .message_id(Some(format!("<threadline-mail-{}@{domain}>", row.id)))
        .header(ListUnsubscribe(format!("<{}>", row.unsubscribe_url)))
        .header(ListUnsubscribePost)
        .header(ContentType::TEXT_PLAIN)
        .body(row.body.clone())
        .map_err(|e| e.to_string())
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a POST to the
/// `List-Unsubscribe` URL unsubscribes, with no other input.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (1..=5).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480]);
        assert_eq!(backoff(base, 40), MAX_BACKOFF);
        assert_eq!(backoff(base, 0), base);
    }

    #[test]
    fn messages_carry_the_one_click_headers() {
        let config = MailConfig {
            from: "Threadline <t@c.example>".parse().unwrap(),
            public_url: "https://c.example".into(),
            retry_base: Duration::from_secs(1),
            wake: tokio::sync::Notify::new(),
        };
        let row = ClaimedMail {
            id: 7,
            recipient: "ann@example.org".into(),
            subject: "Ben replied to your comment".into(),
            body: "Hello\n--\nhttps://c.example/api/mail/unsubscribe?token=abc\n".into(),
            unsubscribe_url: "https://c.example/api/mail/unsubscribe?token=abc".into(),
            attempts: 1,
        };
        let raw = String::from_utf8(message(&config, &row).unwrap().formatted()).unwrap();
        assert!(
            raw.contains("List-Unsubscribe: <https://c.example/api/mail/unsubscribe?token=abc>\r\n"),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{raw}");
        assert!(raw.contains("Message-ID: <threadline-mail-7@c.example>\r\n"), "{raw}");
        assert!(raw.contains("To: ann@example.org\r\n"), "{raw}");
        let bad = ClaimedMail { recipient: "not an address".into(), ..row };
        assert!(message(&config, &bad).is_err());
    }
}
