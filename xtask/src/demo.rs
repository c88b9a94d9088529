//! `cargo xtask demo [--listen ADDR] [--smtp-url URL]`: build the widget and the server, then
//! serve the demo article with seeded comments until Ctrl-C. `--smtp-url` goes on to the
//! server and turns reply emails on; without it the demo says how to.
//!
//! Ctrl-C in the terminal reaches the whole foreground process group, so it stops the server and
//! this task together.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use crate::{cmd, dist, tools, Result};

/// Where the demo listens unless `--listen` says otherwise.
const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// What the server prints once its socket is bound.
const LISTENING_PREFIX: &str = "threadline-server listening on ";

/// What the server prints with `--demo-moderator`: a fresh one-time sign-in link.
const MODERATOR_PREFIX: &str = "demo moderator sign-in: ";

/// Builds everything and runs the server in the foreground.
pub fn run(args: &[String]) -> Result {
    let DemoArgs { listen, smtp_url } = parse_args(args)?;
    // The server also reads THREADLINE_SMTP_URL: the hint below must say what it will do.
    let mail_on =
        smtp_url.is_some() || std::env::var_os("THREADLINE_SMTP_URL").is_some_and(|v| !v.is_empty());
    tools::ensure_build_tools()?;
    dist::build()?;

    crate::header("demo: cargo build -p threadline-server");
    cmd::run(&mut cmd::cargo(["build", "-p", "threadline-server"]))?;

    let target = crate::target_dir();
    let db_dir = target.join("demo");
    std::fs::create_dir_all(&db_dir)?;
    let server = target.join("debug").join("threadline-server");
    let db = db_dir.join("threadline.db");
    let dist = dist::dist_dir();

    crate::header(&format!("demo: serving on {listen}"));
    let mut command = cmd::program(&server.to_string_lossy(), ["--listen", listen.as_str()]);
    command.arg("--db").arg(&db).arg("--dist").arg(&dist).arg("--seed-demo").arg("--demo-moderator");
    // The demo's reader is on this machine: spare them the per-address limits.
    command.arg("--exempt-loopback");
    if let Some(url) = &smtp_url {
        command.arg("--smtp-url").arg(url);
    }
    println!("{}", mail_line(mail_on));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", server.display()))?;

    // Pass the server's output through, and point at the article once it is listening.
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut out = std::io::stdout();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        writeln!(out, "{line}")?;
        if let Some(pointer) = pointer(&line) {
            writeln!(out, "{pointer}")?;
        }
        out.flush()?;
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("threadline-server exited with {status}").into())
    }
}

/// What the demo prints after a line of the server's output, if anything: the article's URL
/// once the server listens, and the demo moderator's one-time sign-in link.
fn pointer(line: &str) -> Option<String> {
    if let Some(url) = line.trim().strip_prefix(LISTENING_PREFIX) {
        let article = format!("{}/", url.trim_end_matches('/'));
        return Some(format!(
            "\n    >>> demo article: {article}  <<<\n\n    Open it in two windows and post in one: \
             the other shows \"1 new comment — show\" (live updates).\n    Ctrl-C stops the server.\n"
        ));
    }
    let link = line.trim().strip_prefix(MODERATOR_PREFIX)?;
    Some(format!("\n    >>> moderator sign-in (one use): {link}  <<<\n"))
}

/// The one line on reply emails: how to turn them on when they are off.
fn mail_line(on: bool) -> &'static str {
    if on {
        "    Reply emails are on: readers can ask to be emailed about replies (see the server's log)."
    } else {
        "    Reply emails are off: pass --smtp-url smtp://127.0.0.1:2525 (any SMTP server, e.g. \
         `python3 -m aiosmtpd -n -l 127.0.0.1:2525`, which prints each email) to turn them on."
    }
}

/// What `cargo xtask demo` accepts.
#[derive(Debug, PartialEq, Eq)]
struct DemoArgs {
    listen: String,
    smtp_url: Option<String>,
}

/// `--listen ADDR` and `--smtp-url URL` (or `--flag=value`), in any order; nothing else.
fn parse_args(args: &[String]) -> Result<DemoArgs> {
    let usage = || format!("usage: cargo xtask demo [--listen ADDR] [--smtp-url URL], got {args:?}");
    let mut parsed = DemoArgs { listen: DEFAULT_LISTEN.to_owned(), smtp_url: None };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let value = match inline {
            Some(value) => value,
            None => rest.next().cloned().ok_or_else(usage)?,
        };
        match flag {
            "--listen" => parsed.listen = value,
            "--smtp-url" => parsed.smtp_url = Some(value),
            _ => return Err(usage().into()),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn points_at_the_article_and_the_moderators_sign_in_link() {
        // The lines as threadline-server prints them (the moderator e2e test reads the same one).
        let listening = pointer("threadline-server listening on http://127.0.0.1:8080").unwrap();
        assert!(listening.contains(">>> demo article: http://127.0.0.1:8080/  <<<"), "{listening}");
        assert!(listening.contains("two windows") && listening.contains("live updates"), "{listening}");
        let link = "http://127.0.0.1:8080/#threadline-signin=abc";
        let signin = pointer(&format!("demo moderator sign-in: {link}")).unwrap();
        assert!(signin.contains(&format!(">>> moderator sign-in (one use): {link}  <<<")), "{signin}");
        assert_eq!(pointer("INFO threadline_server: demo seed added=15"), None);
    }

    #[test]
    fn listen_defaults_and_overrides() {
        let listen = |args: &[&str]| parse_args(&strings(args)).map(|a| a.listen);
        assert_eq!(listen(&[]).unwrap(), DEFAULT_LISTEN);
        assert_eq!(listen(&["--listen", "0.0.0.0:9000"]).unwrap(), "0.0.0.0:9000");
        assert_eq!(listen(&["--listen=127.0.0.1:1"]).unwrap(), "127.0.0.1:1");
        assert!(listen(&["--port", "1"]).is_err());
        assert!(listen(&["--listen"]).is_err());
    }

    #[test]
    fn smtp_url_is_passed_on_and_its_absence_explained() {
        let args =
            parse_args(&strings(&["--smtp-url", "smtp://127.0.0.1:2525", "--listen=127.0.0.1:1"])).unwrap();
        let want = DemoArgs { listen: "127.0.0.1:1".into(), smtp_url: Some("smtp://127.0.0.1:2525".into()) };
        assert_eq!(args, want);
        assert_eq!(parse_args(&[]).unwrap().smtp_url, None);
        assert!(parse_args(&strings(&["--smtp-url"])).is_err());
        let off = mail_line(false);
        assert!(off.contains("Reply emails are off") && off.contains("--smtp-url smtp://"), "{off}");
        assert_eq!(off.lines().count(), 1, "one line");
        assert!(!mail_line(true).contains("--smtp-url"));
    }
}
