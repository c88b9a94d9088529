//! `cargo xtask demo [--listen ADDR]`: build the widget and the server, then serve the demo
//! article with seeded comments until Ctrl-C.
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
    let listen = parse_listen(args)?;
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
        return Some(format!("\n    >>> demo article: {article}  <<<\n\n    Ctrl-C stops the server.\n"));
    }
    let link = line.trim().strip_prefix(MODERATOR_PREFIX)?;
    Some(format!("\n    >>> moderator sign-in (one use): {link}  <<<\n"))
}

/// `--listen ADDR` or `--listen=ADDR`; nothing else is accepted.
fn parse_listen(args: &[String]) -> Result<String> {
    match args {
        [] => Ok(DEFAULT_LISTEN.to_owned()),
        [flag, addr] if flag == "--listen" => Ok(addr.clone()),
        [flag] if flag.starts_with("--listen=") => Ok(flag["--listen=".len()..].to_owned()),
        _ => Err(format!("usage: cargo xtask demo [--listen ADDR], got {args:?}").into()),
    }
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
        let link = "http://127.0.0.1:8080/#threadline-signin=abc";
        let signin = pointer(&format!("demo moderator sign-in: {link}")).unwrap();
        assert!(signin.contains(&format!(">>> moderator sign-in (one use): {link}  <<<")), "{signin}");
        assert_eq!(pointer("INFO threadline_server: demo seed added=15"), None);
    }

    #[test]
    fn listen_defaults_and_overrides() {
        assert_eq!(parse_listen(&[]).unwrap(), DEFAULT_LISTEN);
        assert_eq!(parse_listen(&strings(&["--listen", "0.0.0.0:9000"])).unwrap(), "0.0.0.0:9000");
        assert_eq!(parse_listen(&strings(&["--listen=127.0.0.1:1"])).unwrap(), "127.0.0.1:1");
        assert!(parse_listen(&strings(&["--port", "1"])).is_err());
        assert!(parse_listen(&strings(&["--listen"])).is_err());
    }
}
