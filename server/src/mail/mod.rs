//! Reply notifications by email (issue 13).
//!
//! - A reader who posts with `notify` and an email address opts in. The first opt-in of an
//!   address on a site queues a confirmation email (double opt-in, [`events`]); only a
//!   confirmed address gets notifications.
//! - Once a reply to such a comment is visible (posted approved, or approved later by a
//!   moderator), its parent's author gets an email linking to it, unless they wrote the
//!   reply themselves.
//! - Moderators who opt in (`PUT /api/moderation/mail`, with a confirmed address) get an
//!   email when a comment is held on their site.
//! - Every email carries a one-click unsubscribe link and the RFC 8058 headers; tokens are
//!   random and kept hashed.
//!
//! SMTP is never on a post's path: right after the comment is stored, the handler looks up
//! who is to hear of it and queues the mail (`mail_queue`, [`events`]), then answers; the
//! worker ([`worker`]) sends it over SMTP with `lettre`, retrying with exponential backoff.
//! A crash between the commit of a post and the queueing loses that email (the comment is
//! safe); a crash after the answer loses none.

pub mod compose;
pub mod events;
pub mod worker;

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use tokio::sync::Notify;

/// Command-line options of mail (each also read from the environment).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct MailArgs {
    /// SMTP server for notification email, e.g. `smtp://127.0.0.1:2525` (plain, a relay on
    /// this machine), `smtp://USER:PASS@mail.example.org:587?tls=required` (STARTTLS) or
    /// `smtps://USER:PASS@mail.example.org:465`. Without it no mail is sent and the widget
    /// offers no reply notifications.
    #[arg(long, env = "THREADLINE_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The sender of every email, `Name <address>` or an address.
    #[arg(
        long,
        env = "THREADLINE_MAIL_FROM",
        value_name = "MAILBOX",
        default_value = "Threadline <threadline@localhost>"
    )]
    pub mail_from: String,
    /// The server's address as readers reach it (e.g. `https://comments.example.org`), for
    /// the confirm and unsubscribe links in emails, and for links to threads of a site
    /// without an origin. Default: the address it listens on.
    #[arg(long, env = "THREADLINE_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Wait before retrying a failed send, in milliseconds; doubled at each further attempt
    /// (at most an hour); after 10 attempts the email is given up.
    #[arg(long, env = "THREADLINE_MAIL_RETRY_MS", value_name = "MS", default_value_t = 30_000)]
    pub mail_retry_ms: u64,
}

/// Why the mail options cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// `--smtp-url` is not an SMTP URL lettre can use.
    #[error("--smtp-url: {0}")]
    SmtpUrl(String),
    /// `--mail-from` is not a mailbox.
    #[error("--mail-from {0:?} is not an email address (write `Name <name@example.org>`)")]
    From(String),
    /// `--public-url` is not an `http(s)://` URL.
    #[error("--public-url {0:?} must start with http:// or https://")]
    PublicUrl(String),
}

/// The mail settings shared by the handlers and the worker; cheap to clone. Off (every
/// method a no-op) without `--smtp-url`.
#[derive(Clone, Debug, Default)]
pub struct Mail {
    inner: Option<Arc<MailConfig>>,
}

#[derive(Debug)]
struct MailConfig {
    from: Mailbox,
    public_url: String,
    retry_base: Duration,
    /// Wakes the worker when mail is queued.
    wake: Notify,
}

impl Mail {
    /// No mail: the server has no `--smtp-url`.
    pub fn off() -> Self {
        Self::default()
    }

    /// Mail as `args` configure it, and the SMTP transport for the worker; off (and `None`)
    /// without `--smtp-url`. `listening` is the public URL when `--public-url` is not given.
    pub fn from_args(
        args: &MailArgs,
        listening: &str,
    ) -> Result<(Self, Option<worker::Transport>), MailError> {
        let Some(url) = args.smtp_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok((Self::off(), None));
        };
        let transport = worker::transport(url)?;
        let from: Mailbox = args.mail_from.parse().map_err(|_| MailError::From(args.mail_from.clone()))?;
        let public_url = args.public_url.clone().unwrap_or_else(|| listening.to_owned());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(MailError::PublicUrl(public_url));
        }
        let config = MailConfig {
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
            retry_base: Duration::from_millis(args.mail_retry_ms.max(1)),
            wake: Notify::new(),
        };
        Ok((Self { inner: Some(Arc::new(config)) }, Some(transport)))
    }

    /// Whether this server sends mail (the thread page's `features.mail`).
    pub fn enabled(&self) -> bool {
        self.inner.is_some()
    }

    /// Whether `email` is an address the mailer can send to.
    pub fn deliverable(email: &str) -> bool {
        email.trim().parse::<lettre::Address>().is_ok()
    }

    fn config(&self) -> Option<&MailConfig> {
        self.inner.as_deref()
    }

    /// Tells the worker that mail was queued.
    fn wake_worker(&self) {
        if let Some(config) = self.config() {
            config.wake.notify_one();
        }
    }
}
