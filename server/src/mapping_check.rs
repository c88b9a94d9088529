//! `threadline-server mapping check`: runs the widget's own mapping engine (the `threadline`
//! crate, built natively) on a sample answer, and prints what the widget would make of it:
//! the list request, the tree it extracted, the requests a post and a reply would send, and
//! what looks wrong. Opens no database.
//!
//! Exit codes: 0 when nothing looks wrong, 1 with warnings, 2 when the mapping or the answer
//! cannot be read at all (the error names the key, the pointer or the line).

use std::fmt::Write as _;
use std::path::PathBuf;

use threadline::mapping::check::{check_with_headers, Report};
use threadline::mapping::post::rfc3339;
use threadline::mapping::{Env, HttpRequest, Mapping};
use threadline::model::{Comment, Status};

/// `threadline-server mapping …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum MappingCommand {
    /// Read a sample answer with a mapping, as the widget would, and print the tree, the post
    /// requests and what looks wrong. Exit code 0: no warning; 1: warnings; 2: unreadable.
    Check(CheckArgs),
}

/// `threadline-server mapping check --mapping M --answer A …`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The mapping (the JSON given to the widget's `data-mapping`).
    #[arg(long, value_name = "FILE.json")]
    pub mapping: PathBuf,
    /// A list answer of the API, saved from a real request or written from its docs.
    #[arg(long, value_name = "FILE.json")]
    pub answer: PathBuf,
    /// Also print the request a reply to the first comment would send.
    #[arg(long)]
    pub post_sample: bool,
    /// The thread key (`data-thread`, `{thread}`).
    #[arg(long, value_name = "KEY", default_value = "sample-thread")]
    pub thread: String,
    /// The API's base URL (`data-api`, `{api}`).
    #[arg(long, value_name = "URL", default_value = "https://api.example.org")]
    pub api: String,
    /// The page's URL (`{url}`).
    #[arg(long, value_name = "URL", default_value = "")]
    pub url: String,
    /// The page's title (`{title}`).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub title: String,
    /// A response header that came with the answer, for what the mapping reads from
    /// `header:Name` (a total, a page count, a `Link`); repeat for several.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
}

/// What `mapping check` printed, and whether it warned.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The text for stdout.
    pub out: String,
    /// Warnings were printed (exit code 1).
    pub warned: bool,
}

/// Runs the check. `Err` is the message of exit code 2.
pub fn run(args: &CheckArgs, now_ms: i64) -> Result<Checked, String> {
    let read =
        |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let mapping_text = read(&args.mapping)?;
    let answer_text = read(&args.answer)?;
    let m = Mapping::parse(&mapping_text).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.strip_prefix("configuration: ").unwrap_or(&detail).to_string();
        format!("{}: {detail}", args.mapping.display())
    })?;
    let env = Env {
        api: &args.api,
        thread: &args.thread,
        url: &args.url,
        title: &args.title,
        local_offset_min: 0,
        now_ms,
    };
    let headers = args
        .headers
        .iter()
        .map(|h| match h.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => {
                Ok((name.trim().to_string(), value.trim().to_string()))
            }
            _ => Err(format!("--header {h:?} must be NAME: VALUE, e.g. \"X-Total-Count: 12\"")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let report = check_with_headers(&m, &answer_text, headers, &env)
        .map_err(|e| format!("{}: {e}", args.answer.display()))?;
    let mut out = String::new();
    print(&mut out, &m, args, &report);
    Ok(Checked { out, warned: !report.warnings.is_empty() })
}

fn print(out: &mut String, m: &Mapping, args: &CheckArgs, r: &Report) {
    let _ = writeln!(
        out,
        "Mapping {:?} on {} (thread {:?}, api {:?})\n",
        m.display_name(),
        args.answer.display(),
        args.thread,
        args.api
    );
    request(out, "The first page is asked for with", &r.list_request);
    let c = r.counts;
    let _ = writeln!(out, "Tree: {} comments from {} items", c.comments, c.items);
    for (depth, comment) in &r.tree {
        let _ = writeln!(out, "{}- {}", "  ".repeat(depth + 1), line(comment));
    }
    let counted = [
        ("items without an id", c.no_id, String::new()),
        ("items with an id seen before", c.duplicates, String::new()),
        ("skipped by list.skip", c.skipped, String::new()),
        ("continuation stubs", c.stubs, format!(" (on {} comments)", c.continued)),
        ("placeholders", c.placeholders, String::new()),
    ];
    let counted: Vec<String> = counted
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(what, n, more)| format!("{what}: {n}{more}"))
        .collect();
    if counted.is_empty() {
        let _ = writeln!(out, "\nEvery item was read as a comment.");
    } else {
        let _ = writeln!(out, "\n{}.", counted.join("; "));
    }
    let total = r.total.map_or("not in the answer".to_string(), |t| t.to_string());
    let next = r.next_cursor.as_deref().map_or("none".to_string(), |n| format!("{n:?}"));
    let _ = writeln!(out, "Total: {total}; next page: {next}\n");
    match &r.post {
        None => {
            let _ = writeln!(out, "No post: the mapping has no `post`, so the widget shows no form.\n");
        }
        Some(post) => request(out, "A top-level comment is posted with", post),
    }
    if args.post_sample && r.post.is_some() {
        match &r.reply {
            Some((id, reply)) => request(out, &format!("A reply to {id:?} is posted with"), reply),
            None => {
                let _ = writeln!(
                    out,
                    "No reply: no comment to answer, or tree.kind is none without tree.quote.\n"
                );
            }
        }
    }
    if r.warnings.is_empty() {
        let _ = writeln!(out, "No warnings.");
    } else {
        let _ = writeln!(out, "{} warning(s):", r.warnings.len());
        for w in &r.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
    }
}

fn request(out: &mut String, what: &str, req: &HttpRequest) {
    let _ = writeln!(out, "{what}:\n  {} {}", req.method.as_str(), req.url);
    for (name, value) in &req.headers {
        let _ = writeln!(out, "  {name}: {value}");
    }
    if let Some(body) = &req.body {
        let _ = writeln!(out, "  {body}");
    }
    out.push('\n');
}

/// One comment: id, parent, author, time, the first words of its text, and its marks.
fn line(c: &Comment) -> String {
    let mut s = format!("{}", c.id);
    if let Some(p) = &c.parent {
        let _ = write!(s, " (reply to {p})");
    }
    let author = if c.author.trim().is_empty() { "(no author)" } else { c.author.trim() };
    let time = c.created_ms.map_or("(no time)".to_string(), rfc3339);
    let _ = write!(s, " · {author} · {time} · {}", first_words(&c.text));
    let marks = [
        (c.status == Status::Pending, "pending".to_string()),
        (c.status == Status::Deleted, "deleted".to_string()),
        (c.status == Status::Removed, "placeholder".to_string()),
        (c.pinned, "pinned".to_string()),
        (c.edited, "edited".to_string()),
        (c.html.is_some(), "html".to_string()),
        (c.markdown, "markdown".to_string()),
        (!c.extra.links.is_empty(), format!("{} links", c.extra.links.len())),
    ];
    for (on, mark) in marks {
        if on {
            let _ = write!(s, " [{mark}]");
        }
    }
    if let Some(w) = &c.warning {
        let _ = write!(s, " [warning: {w}]");
    }
    if let Some(more) = &c.more {
        let _ = write!(s, " [+{} more replies]", more.count);
    }
    s
}

/// The first eight words of a text, quoted; `(no text)` when blank.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.len() {
        0 => "(no text)".to_string(),
        n if n <= 8 => format!("{:?}", words.join(" ")),
        _ => format!("{:?}", format!("{} …", words[..8].join(" "))),
    }
}
