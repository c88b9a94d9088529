use super::*;

fn c(id: &str, parent: Option<&str>, t: i64) -> Comment {
    Comment {
        id: id.into(),
        parent: parent.map(Into::into),
        author: format!("author {id}"),
        website: None,
        text: String::new(),
        created_ms: Some(t),
        ..Default::default()
    }
}

/// (id, depth) in reading order.
fn outline(f: &Forest) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(Shared<Node>, usize)> = f.roots.iter().rev().map(|r| (r.clone(), 0)).collect();
    while let Some((n, d)) = stack.pop() {
        out.push((n.comment.id.to_string(), d));
        stack.extend(n.replies.iter().rev().map(|r| (r.clone(), d + 1)));
    }
    out
}

fn ids(v: &[(String, usize)]) -> Vec<&str> {
    v.iter().map(|(i, _)| i.as_str()).collect()
}

#[test]
fn pinned_conversations_come_first_and_replies_keep_their_time_order() {
    let pinned = |mut c: Comment| {
        c.pinned = true;
        c
    };
    let f = Forest::build(vec![
        c("1", None, 10),
        pinned(c("2", None, 20)),
        c("3", Some("2"), 30),
        pinned(c("4", Some("2"), 35)),
    ]);
    assert_eq!(ids(&outline(&f)), ["2", "3", "4", "1"]);
}

#[test]
fn nests_and_orders_by_time() {
    let f = Forest::build(vec![
        c("3", Some("1"), 30),
        c("1", None, 10),
        c("2", Some("1"), 20),
        c("4", Some("3"), 5),
        c("0", None, 1),
    ]);
    assert_eq!(
        outline(&f),
        vec![("0".into(), 0), ("1".into(), 0), ("2".into(), 1), ("3".into(), 1), ("4".into(), 2)]
    );
    assert_eq!(f.roots[1].descendants, 3);
}

#[test]
fn orphans_go_to_the_top_and_duplicates_are_dropped() {
    let f = Forest::build(vec![c("1", Some("missing"), 1), c("1", None, 2), c("2", Some("2"), 3)]);
    assert_eq!(outline(&f), vec![("1".into(), 0), ("2".into(), 0)]);
    assert_eq!(f.len(), 2);
}

#[test]
fn cycles_are_broken_not_lost() {
    let f = Forest::build(vec![c("a", Some("b"), 1), c("b", Some("a"), 2), c("c", Some("b"), 3)]);
    let o = outline(&f);
    assert_eq!(ids(&o), vec!["a", "b", "c"]);
    assert_eq!(o[0].1, 0);
}

#[test]
fn insert_copies_only_the_path() {
    let mut f = Forest::build(vec![
        c("1", None, 1),
        c("2", Some("1"), 2),
        c("3", Some("2"), 3),
        c("9", None, 4),
        c("5", Some("1"), 5),
    ]);
    let before = f.clone();
    f.insert(c("new", Some("3"), 9));
    assert_eq!(ids(&outline(&f)), vec!["1", "2", "3", "new", "5", "9"]);
    assert!(f.roots[1] == before.roots[1], "an untouched thread keeps its pointer");
    assert!(f.roots[0] != before.roots[0]);
    assert!(f.roots[0].replies[1] == before.roots[0].replies[1], "an untouched sibling keeps its pointer");
    assert_eq!(f.roots[0].descendants, 4);
    f.insert(c("new", None, 10));
    assert_eq!(f.len(), 6, "a second insert of the same id is ignored");
}

#[test]
fn deep_chains_do_not_overflow() {
    let n = 20_000;
    let list: Vec<Comment> =
        (0..n).map(|i| c(&i.to_string(), (i > 0).then(|| (i - 1).to_string()).as_deref(), i)).collect();
    let mut f = Forest::build(list);
    assert_eq!(f.roots[0].descendants, n as usize - 1);
    f.insert(c("tail", Some(&(n - 1).to_string()), n));
    assert_eq!(flatten_descendants(&f.roots[0]).len(), n as usize);
    drop(f); // must not overflow the stack either
}

#[test]
fn append_adds_a_page_and_late_replies() {
    let mut f = Forest::build(vec![c("1", None, 1)]);
    f.append(vec![c("2", None, 2), c("3", Some("2"), 3), c("4", Some("1"), 4), c("1", None, 1)]);
    assert_eq!(outline(&f), vec![("1".into(), 0), ("4".into(), 1), ("2".into(), 0), ("3".into(), 1)]);
}

#[test]
fn flatten_names_whom_each_reply_answers() {
    let f = Forest::build(vec![
        c("1", None, 1),
        c("2", Some("1"), 2),
        c("3", Some("2"), 3),
        c("4", Some("1"), 4),
    ]);
    let flat = flatten_descendants(&f.roots[0]);
    let got: Vec<(&str, &str, usize)> =
        flat.iter().map(|f| (&*f.node.comment.id, f.answers.as_str(), f.depth)).collect();
    assert_eq!(got, vec![("2", "author 1", 1), ("3", "author 2", 2), ("4", "author 1", 1)]);
}

// proptest needs OS randomness, which wasm32 lacks; these run natively.
#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_comment_appears_once_after_its_parent(parents in proptest::collection::vec(proptest::option::of(0usize..60), 0..60)) {
            let list: Vec<Comment> = parents.iter().enumerate()
                .map(|(i, p)| c(&i.to_string(), p.map(|p| p.to_string()).as_deref(), (i * 7 % 13) as i64))
                .collect();
            let f = Forest::build(list);
            let o = outline(&f);
            let mut seen: Vec<&str> = ids(&o);
            prop_assert_eq!(seen.len(), parents.len());
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), parents.len());
            // A comment at depth d > 0 comes after a comment at depth d - 1 (its parent).
            for (k, (_, d)) in o.iter().enumerate() {
                if *d > 0 {
                    prop_assert!(o[..k].iter().any(|(_, pd)| *pd == d - 1));
                }
            }
        }
    }
}

mod scale {
    use super::*;

    #[test]
    fn a_hundred_thousand_comments_with_orphans_and_cycles() {
        let n = 100_000usize;
        let list: Vec<Comment> = (0..n)
            .map(|i| Comment {
                id: i.to_string().into(),
                // Parents: earlier comments, some missing ids, and a few pointing forward (cycles).
                parent: match i % 7 {
                    0 => None,
                    1 => Some(format!("missing-{i}").into()),
                    2 => Some(((i + 3) % n).to_string().into()),
                    _ => Some((i / 2).to_string().into()),
                },
                created_ms: Some((i % 1000) as i64),
                ..Default::default()
            })
            .collect();
        let forest = Forest::build(list);
        assert_eq!(forest.len(), n);
        let shown: usize = forest.roots.iter().map(|r| r.descendants + 1).sum();
        assert_eq!(shown, n, "every comment is shown exactly once");
    }
}

#[test]
fn a_sorted_thread_keeps_the_backends_order_of_top_level_comments_across_pages() {
    // Newest first, as the server sent it; replies stay oldest first below each.
    let mut f = Forest::build_sorted(
        vec![c("3", None, 30), c("5", Some("3"), 50), c("4", Some("3"), 40), c("2", None, 20)],
        Some(Sort::Newest),
    );
    f.append(vec![c("1", None, 10), c("6", Some("2"), 60)]);
    assert_eq!(ids(&outline(&f)), ["3", "4", "5", "2", "6", "1"]);
    // The reader's new top-level comment goes first; a reply goes under its parent as ever.
    f.insert(c("7", None, 70));
    f.insert(c("8", Some("1"), 80));
    assert_eq!(ids(&outline(&f)), ["7", "3", "4", "5", "2", "6", "1", "8"]);

    // Oldest first keeps the server's order too, and a new comment goes last.
    let mut f = Forest::build_sorted(vec![c("1", None, 10), c("2", None, 10)], Some(Sort::Oldest));
    f.insert(c("3", None, 5));
    assert_eq!(ids(&outline(&f)), ["1", "2", "3"]);
    // Without an order the time decides, whatever the backend's order was.
    let f = Forest::build(vec![c("2", None, 20), c("1", None, 10)]);
    assert_eq!(ids(&outline(&f)), ["1", "2"]);
}

#[test]
fn deep_or_busy_subtrees_start_collapsed_unless_a_permalink_points_inside() {
    // a ─ b ─ c ─ d, and e with six direct replies.
    let mut comments =
        vec![c("a", None, 1), c("b", Some("a"), 2), c("c", Some("b"), 3), c("d", Some("c"), 4)];
    comments.push(c("e", None, 5));
    comments.extend((0..6).map(|i| c(&format!("e{i}"), Some("e"), 6 + i)));
    let f = Forest::build(comments);
    let (a, e) = (&f.roots[0], &f.roots[1]);
    let (b, cc) = (&a.replies[0], &a.replies[0].replies[0]);
    // Levels 2 and 3 open; d, at level 4, sits behind its parent's "1 reply".
    assert!(!starts_collapsed(a, 0, 0, None));
    assert!(!starts_collapsed(b, 1, 0, None));
    assert!(starts_collapsed(cc, 2, 0, None));
    // Five replies show; a sixth, loaded or left out by the page, closes the subtree.
    assert!(starts_collapsed(e, 0, 0, None));
    assert!(!starts_collapsed(&e.replies[0], 1, 5, None));
    assert!(starts_collapsed(&e.replies[0], 1, 6, None));
    // A permalink to a reply inside keeps every subtree on its way open, and no other.
    assert!(!starts_collapsed(e, 0, 0, Some("e5")));
    assert!(!starts_collapsed(cc, 2, 0, Some("d")));
    assert!(starts_collapsed(cc, 2, 0, Some("e5")));
    assert!(
        starts_collapsed(e, 0, 0, Some("e")),
        "the linked comment itself is shown; its replies need not be"
    );
}
