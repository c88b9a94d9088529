//! The administration subcommands of `threadline-server`, run against the database and
//! then exit: `site set|list` and `moderator add|list|revoke`. A running server picks up
//! `site set` within `--sites-reload-secs` (2 s by default); moderators take effect at once.

use std::path::PathBuf;

use crate::routes::moderation::auth::sign_in_expiry;
use crate::site::parse_origin;
use crate::site::{SiteArgs, SiteSettings, DEFAULT_REPORT_THRESHOLD};
use crate::store::{SiteRow, Store, DEFAULT_HOOK_TIMEOUT_MS};
use crate::{clock, tokens};

/// An administration subcommand.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Configure the sites this server keeps comments for.
    #[command(subcommand)]
    Site(SiteCommand),
    /// Add, list and revoke moderators.
    #[command(subcommand)]
    Moderator(ModeratorCommand),
}

/// `threadline-server site …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum SiteCommand {
    /// Create or replace a site: every setting not given gets its default.
    Set(SiteSet),
    /// List the stored sites.
    List,
}

/// `threadline-server site set ID …`.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteSet {
    /// The site's id, as the widget's `data-site` names it (`default` is the site of pages
    /// that name none).
    pub id: String,
    /// A browser origin allowed to call the API for this site (repeatable).
    #[arg(long = "origin", value_name = "ORIGIN", value_parser = parse_origin)]
    pub origins: Vec<String>,
    /// Hold every new comment for review.
    #[arg(long)]
    pub premoderation: bool,
    /// With --premoderation: approve authors (same email or author token) who had a comment
    /// approved before.
    #[arg(long)]
    pub approve_known: bool,
    /// Let readers downvote as well as upvote (off by default).
    #[arg(long)]
    pub downvotes: bool,
    /// Reports that hide a comment pending review.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_REPORT_THRESHOLD,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub report_threshold: u32,
    /// Screening settings: a JSON file (see `ScreenConfig`), or `off` for no screening. By
    /// default the built-in settings apply.
    #[arg(long, value_name = "FILE.json|off")]
    pub screening: Option<String>,
    /// Screening hook: POST each new comment that the built-in screen neither held nor
    /// rejected to this `http://` URL (e.g. the site's own model), which answers
    /// `{"action":"allow|hold|reject","reason":"…"}`.
    #[arg(long, value_name = "URL")]
    pub hook_url: Option<String>,
    /// With --hook-url: how long the hook may take to answer, in milliseconds [default: 800].
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u32).range(1..=60_000))]
    pub hook_timeout_ms: Option<u32>,
    /// With --hook-url: what happens to a comment when the hook times out, answers a non-2xx
    /// status or something unreadable [default: hold].
    #[arg(long, value_name = "ACTION", value_parser = ["hold", "allow", "reject"])]
    pub hook_fail: Option<String>,
}

/// `threadline-server moderator …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ModeratorCommand {
    /// Add a moderator (or re-enable one) and print a one-time sign-in link.
    Add {
        /// The site.
        #[arg(long)]
        site: String,
        /// The moderator's name, shown in the audit log.
        #[arg(long)]
        name: String,
        /// The article page the link opens (the widget reads the token from its hash).
        #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080/")]
        base_url: String,
    },
    /// List every moderator.
    List,
    /// Revoke a moderator and end their sessions.
    Revoke {
        /// The site.
        #[arg(long)]
        site: String,
        /// The moderator's name.
        #[arg(long)]
        name: String,
    },
}

/// Whether `id` is a usable site id: 1 to 64 of `a-z 0-9 . _ -`.
pub fn valid_site_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
}

/// Runs `command` on `store`; returns what to print on stdout.
pub async fn run(store: &Store, command: Command) -> Result<String, Box<dyn std::error::Error>> {
    let now = clock::now_ms();
    match command {
        Command::Site(SiteCommand::Set(set)) => {
            if !valid_site_id(&set.id) {
                return Err(format!("`{}` is not a site id: use 1 to 64 of a-z 0-9 . _ -", set.id).into());
            }
            let screening = match set.screening.as_deref() {
                None => None,
                Some("off") => Some("off".to_owned()),
                Some(file) => Some(
                    std::fs::read_to_string(PathBuf::from(file))
                        .map_err(|e| format!("cannot read {file}: {e}"))?,
                ),
            };
            if set.hook_url.is_none() && (set.hook_timeout_ms.is_some() || set.hook_fail.is_some()) {
                return Err("--hook-timeout-ms and --hook-fail need --hook-url".into());
            }
            let row = SiteRow {
                id: set.id,
                origins: set.origins,
                premoderation: set.premoderation,
                approve_known: set.approve_known,
                report_threshold: set.report_threshold,
                downvotes: set.downvotes,
                screening,
                hook_url: set.hook_url.map(|url| url.trim().to_owned()),
                hook_timeout_ms: set.hook_timeout_ms.unwrap_or(DEFAULT_HOOK_TIMEOUT_MS),
                hook_fail: set.hook_fail.unwrap_or_else(|| "hold".into()),
            };
            // Compiled once here, so that a bad file or hook URL fails now and not at the next
            // start.
            SiteSettings::from_row(&row, &SiteArgs::default())?;
            store.put_site(&row, now).await?;
            Ok(format!(
                "site {} saved; a running server applies it within --sites-reload-secs (2 s by default)\n",
                row.id
            ))
        }
        Command::Site(SiteCommand::List) => {
            let mut out = String::new();
            for s in store.sites().await? {
                let hook = match &s.hook_url {
                    Some(url) => {
                        format!("{url}\thook_timeout_ms={}\thook_fail={}", s.hook_timeout_ms, s.hook_fail)
                    }
                    None => "none".to_owned(),
                };
                out.push_str(&format!(
                    "{}\torigins={}\tpremoderation={}\tapprove_known={}\treport_threshold={}\tdownvotes={}\tscreening={}\thook={}\n",
                    s.id,
                    s.origins.join(","),
                    s.premoderation,
                    s.approve_known,
                    s.report_threshold,
                    s.downvotes,
                    match s.screening.as_deref() {
                        None => "default",
                        Some("off") => "off",
                        Some(_) => "custom",
                    },
                    hook,
                ));
            }
            Ok(out)
        }
        Command::Moderator(ModeratorCommand::Add { site, name, base_url }) => {
            let link = add_moderator(store, &site, &name, &base_url).await?;
            Ok(format!("{link}\n"))
        }
        Command::Moderator(ModeratorCommand::List) => {
            let mut out = String::new();
            for m in store.moderators().await? {
                let state = if m.revoked_ms.is_some() { "revoked" } else { "active" };
                out.push_str(&format!("{}\t{}\t{state}\n", m.site, m.name));
            }
            Ok(out)
        }
        Command::Moderator(ModeratorCommand::Revoke { site, name }) => {
            store.revoke_moderator(&site, &name, now).await.map_err(|e| format!("{site}/{name}: {e}"))?;
            Ok(format!("moderator {name} of {site} revoked\n"))
        }
    }
}

/// Adds (or re-enables) moderator `name` of `site` and returns a one-time sign-in link to
/// `base_url`, valid for a day: `<base_url>#threadline-signin=<token>`.
pub async fn add_moderator(
    store: &Store,
    site: &str,
    name: &str,
    base_url: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let name = name.trim();
    if !valid_site_id(site) || name.is_empty() || name.chars().count() > 64 {
        return Err("give a site id and a name of 1 to 64 characters".into());
    }
    let token = tokens::new_secret();
    let now = clock::now_ms();
    store.add_moderator(site, name, &tokens::hash(&token), now, sign_in_expiry(now)).await?;
    let base = base_url.split('#').next().unwrap_or(base_url);
    Ok(format!("{base}#threadline-signin={token}"))
}
