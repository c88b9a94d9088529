//! `threadline-server mapping check`, run as a site owner runs it: on each worked mapping of
//! `docs/backends.md` with its sample answer (no warnings, exit 0), and on the broken mappings
//! and answers of `tests/fixtures/custom/broken/` (each warning appears, exit 1; unreadable
//! input names the key, the line or the pointer, exit 2).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository's `tests/fixtures/custom/` folder.
fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/custom")
}

/// What one run printed, and its exit code.
struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs `mapping check` on fixture paths (relative to `tests/fixtures/custom/`).
fn check(mapping: &str, answer: &str, extra: &[&str]) -> Run {
    let mut args = vec!["mapping".to_string(), "check".into(), "--mapping".into()];
    args.push(fixtures().join(mapping).display().to_string());
    args.push("--answer".into());
    args.push(fixtures().join(answer).display().to_string());
    args.extend(extra.iter().map(|a| a.to_string()));
    run_in(Path::new("."), &args)
}

/// Runs `threadline-server ARGS…` in a directory.
fn run_in(dir: &Path, args: &[String]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_threadline-server"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run threadline-server");
    Run {
        code: output.status.code().expect("an exit code"),
        out: String::from_utf8(output.stdout).unwrap(),
        err: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Each worked mapping, its API and thread key (as its unit test uses them), and a line of the
/// tree that the check must print.
const WORKED: &[(&str, &str, &str, &str)] = &[
    ("remark42", "https://remark.example.org", "https://blog.example.org/posts/trees/", "· Grace ·"),
    ("commento", "https://commento.example.org", "/posts/hex/", "· Margaret ·"),
    ("artalk", "https://artalk.example.com", "/posts/paging/", "[pending]"),
    ("cusdis", "https://cusdis.com", "posts-nesting", "(reply to"),
    ("reddit", "https://www.reddit.example", "abc123", "[+3 more replies]"),
    ("github", "https://api.github.example", "7", "[html]"),
    ("discourse", "https://forum.example.org", "4242", "[placeholder]"),
    ("lemmy", "https://lemmy.example.org", "77", "(reply to 12)"),
    (
        "bluesky",
        "https://public.api.bsky.example",
        "at://did:plc:blogowner/app.bsky.feed.post/3kroot",
        "[warning: ",
    ),
];

#[test]
fn worked_mappings_check_clean() {
    for (name, api, thread, expect) in WORKED {
        let r = check(
            &format!("{name}/mapping.json"),
            &format!("{name}/list.json"),
            &["--api", api, "--thread", thread, "--post-sample"],
        );
        assert_eq!(r.code, 0, "{name}:\n{}{}", r.out, r.err);
        assert!(r.out.contains("No warnings."), "{name}:\n{}", r.out);
        assert!(r.out.contains(expect), "{name}: no {expect:?} in\n{}", r.out);
        assert!(
            r.out.contains("The first page is asked for with:\n  ") && r.out.contains(&format!(" {api}/")),
            "{name}: the list request\n{}",
            r.out
        );
    }
}

#[test]
fn the_tree_and_the_posts_are_printed() {
    let r = check(
        "lemmy/mapping.json",
        "lemmy/list.json",
        &["--api", "https://lemmy.example.org", "--thread", "77", "--post-sample"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let out = &r.out;
    assert!(
        out.contains("\n  - 12 · Ada · 2024-05-01T09:00:00.000Z · \"Does **Lemmy** nest by path?\""),
        "{out}"
    );
    assert!(out.contains("\n    - 45 (reply to 12) · "), "replies are indented by depth:\n{out}");
    assert!(
        out.contains(
            "A top-level comment is posted with:\n  POST https://lemmy.example.org/api/v3/comment\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(r#"{"content":"A sample comment from the mapping checker.","post_id":77}"#),
        "{out}"
    );
    assert!(out.contains("A reply to \"12\" is posted with:"), "{out}");
    assert!(out.contains(r#""parent_id":12"#), "{out}");
    let quiet = check("lemmy/mapping.json", "lemmy/list.json", &["--thread", "77"]);
    assert!(!quiet.out.contains("A reply to"), "replies only with --post-sample");
}

#[test]
fn response_headers_given_with_the_answer_are_read() {
    let args = ["--api", "https://api.github.example", "--thread", "7"];
    let bare = check("github/mapping.json", "github/list.json", &args);
    assert!(bare.out.contains("next page: none"), "{}", bare.out);
    let link = "Link: <https://api.github.example/repositories/1/issues/7/comments?page=2>; rel=\"next\", \
                <https://api.github.example/repositories/1/issues/7/comments?page=3>; rel=\"last\"";
    let with = check("github/mapping.json", "github/list.json", &[&args[..], &["--header", link]].concat());
    assert_eq!(with.code, 0, "{}", with.err);
    assert!(
        with.out
            .contains(r#"next page: "https://api.github.example/repositories/1/issues/7/comments?page=2""#),
        "the Link header's next page:\n{}",
        with.out
    );
    let bad =
        check("github/mapping.json", "github/list.json", &[&args[..], &["--header", "no colon"]].concat());
    assert_eq!(bad.code, 2);
    assert!(bad.err.contains("--header \"no colon\" must be NAME: VALUE"), "{}", bad.err);
}

#[test]
fn skipped_items_stubs_and_placeholders_are_counted() {
    let reddit = check("reddit/mapping.json", "reddit/list.json", &["--thread", "abc123"]);
    assert!(reddit.out.contains("continuation stubs: 3 (on 2 comments)"), "{}", reddit.out);
    let discourse = check("discourse/mapping.json", "discourse/list.json", &["--thread", "4242"]);
    assert!(discourse.out.contains("skipped by list.skip: 1; placeholders: 1."), "{}", discourse.out);
}

#[test]
fn each_broken_answer_warns_and_exits_1() {
    let cases = [
        ("broken/flat.mapping.json", "broken/no-id.json", "2 item(s) have no id at comment.id \"/id\""),
        ("broken/flat.mapping.json", "broken/duplicates.json", "2 items share the id \"1\""),
        ("broken/flat.mapping.json", "broken/missing-parent.json", "comment \"2\" names parent \"41\" at tree.parent"),
        ("broken/flat.mapping.json", "broken/bad-time.json", "comment \"2\": comment.created holds \"2024-05-20T10:15:00Z\""),
        (
            "broken/nested.mapping.json",
            "broken/children.json",
            "tree.children \"/replies\" matched nothing in any item, but items declare replies at \"/children\"",
        ),
    ];
    for (mapping, answer, warning) in cases {
        let r = check(mapping, answer, &[]);
        assert_eq!(r.code, 1, "{answer}:\n{}{}", r.out, r.err);
        assert!(r.out.contains(&format!("  warning: {warning}")), "{answer}: no {warning:?} in\n{}", r.out);
        assert!(r.out.contains("1 warning(s):"), "{answer}: one warning only\n{}", r.out);
    }
}

#[test]
fn unreadable_input_exits_2_naming_the_key_the_line_or_the_pointer() {
    let cases = [
        ("broken/invalid.mapping.json", "broken/no-id.json", "list.items must be a JSON pointer"),
        (
            "broken/flat.mapping.json",
            "broken/not-json.json",
            "the answer is not JSON: EOF while parsing an object at line 4",
        ),
        ("broken/flat.mapping.json", "broken/no-list.json", "list.items \"/comments\" matched nothing"),
        ("broken/flat.mapping.json", "broken/missing-file.json", "cannot read"),
    ];
    for (mapping, answer, error) in cases {
        let r = check(mapping, answer, &[]);
        assert_eq!(r.code, 2, "{mapping} {answer}:\n{}{}", r.out, r.err);
        assert!(r.err.starts_with("error: ") && r.err.contains(error), "{answer}: no {error:?} in {}", r.err);
        assert!(r.out.is_empty(), "nothing on stdout: {}", r.out);
    }
}

/// The fenced block that follows a marker in `docs/backends.md`.
fn documented(docs: &str, marker: &str) -> String {
    let after = &docs[docs.find(marker).unwrap_or_else(|| panic!("no {marker} in docs/backends.md"))..];
    let start = after.find("```").expect("a block after the marker");
    let start = start + after[start..].find('\n').expect("a fence line") + 1;
    let end = after[start..].find("```").expect("the block ends");
    after[start..start + end].to_string()
}

#[test]
fn the_five_minute_example_prints_what_the_docs_show() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/backends.md")).unwrap();
    assert!(
        docs.starts_with("# Backends\n\n## Writing a mapping in five minutes\n"),
        "docs/backends.md starts with the five-minute guide"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sample.json"), documented(&docs, "<!-- answer: five-minutes -->"))
        .unwrap();
    std::fs::write(dir.path().join("m.json"), documented(&docs, "<!-- mapping: five-minutes -->")).unwrap();
    let command = documented(&docs, "<!-- check: five-minutes -->").replace("\\\n", " ");
    let words: Vec<String> = command.split_whitespace().map(str::to_string).collect();
    assert_eq!(words.first().map(String::as_str), Some("threadline-server"));
    let r = run_in(dir.path(), &words[1..]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert_eq!(r.out, documented(&docs, "<!-- output: five-minutes -->"), "the docs show another output");
}
