//! Demo data for `--seed-demo`: a lively thread under the demo article "After the flood: how
//! Alder Falls rebuilt its riverfront", so the widget has something real to show.

use std::collections::HashMap;

use threadline_protocol::moderation::{NewReport, ReportReason};
use threadline_protocol::NewComment;

use crate::site::DEFAULT_REPORT_THRESHOLD;
use crate::store::{PostMeta, Store, StoreError};
use crate::DEMO_THREAD;

/// The name of the demo moderator (`--demo-moderator`).
pub const DEMO_MODERATOR: &str = "Demo moderator";

/// One demo comment. `key` and `parent` are names local to this table; times are relative to
/// the moment of seeding, so the demo always looks recent.
struct DemoComment {
    key: &'static str,
    parent: Option<&'static str>,
    author: &'static str,
    email: Option<&'static str>,
    website: Option<&'static str>,
    minutes_ago: i64,
    text: &'static str,
    /// A content warning, shown instead of the text until a reader opens it.
    warning: Option<&'static str>,
}

/// In posting order: every parent comes before its replies and is older than them.
const DEMO_COMMENTS: &[DemoComment] = &[
    DemoComment {
        key: "maren",
        parent: None,
        author: "Maren Holt",
        email: Some("maren.holt@example.org"),
        website: None,
        minutes_ago: 5520,
        text: "I live two streets up from Mill Street, and the first time I walked the new levee path I \
honestly teared up. Three years ago the water stopped one block from our porch, and for months the \
riverfront was nothing but fencing and mud.\n\nNow there are kids sitting on the steps by the water and \
people eating lunch on the grass where the old parking lot used to be. Whatever you think of the budget, \
it feels like the town got its front yard back.",
        warning: None,
    },
    DemoComment {
        key: "dev-terraces",
        parent: Some("maren"),
        author: "Dev Okafor",
        email: Some("d.okafor@example.org"),
        website: Some("https://devokafor.example/levee-notes"),
        minutes_ago: 5400,
        text: "Thanks, Maren. A note for anyone curious about the levee-park, since I worked on it for the \
city: the grass terraces are not just decoration. They sit on a compacted clay core, and the lowest \
terrace is meant to flood during high water, so the current slows down before it reaches the wall.\n\n\
So if you see the bottom steps under water next spring, that means it is working.",
        warning: None,
    },
    DemoComment {
        key: "tom-cleanup",
        parent: Some("dev-terraces"),
        author: "Tom Reyes",
        email: None,
        website: None,
        minutes_ago: 5200,
        text: "Does the lowest terrace have to be cleaned after every flood? And who pays for that?",
        warning: None,
    },
    DemoComment {
        key: "dev-cleanup",
        parent: Some("tom-cleanup"),
        author: "Dev Okafor",
        email: Some("d.okafor@example.org"),
        website: Some("https://devokafor.example/levee-notes"),
        minutes_ago: 5000,
        text: "It comes out of the parks maintenance budget: about two crew-days after a typical high-water \
event, mostly raking silt and checking the drains. The drains are sized so the terrace empties within a \
day.",
        warning: None,
    },
    DemoComment {
        key: "tom-thanks",
        parent: Some("dev-cleanup"),
        author: "Tom Reyes",
        email: None,
        website: None,
        minutes_ago: 4800,
        text: "Two crew-days is less than I expected. Fair enough, thanks for the straight answer.",
        warning: None,
    },
    DemoComment {
        key: "gary",
        parent: None,
        author: "Gary Lindqvist",
        email: Some("glindqvist@example.net"),
        website: None,
        minutes_ago: 4300,
        text: "Nice pictures, but the article never mentions that the bond will sit on our property tax \
bills for the next twenty years. My assessment went up six percent last year and I am on a fixed \
income.\n\nI am not against the floodgates. I am against treating the repair café and the splash pad as \
if they were part of the same emergency. Those should have been separate votes.",
        warning: None,
    },
    DemoComment {
        key: "maren-splash",
        parent: Some("gary"),
        author: "Maren Holt",
        email: Some("maren.holt@example.org"),
        website: None,
        minutes_ago: 4100,
        text: "For what it is worth, the splash pad was paid for by the Rotary fundraiser, not the bond. It \
is in the council minutes from March.",
        warning: None,
    },
    DemoComment {
        key: "gary-breakdown",
        parent: Some("maren-splash"),
        author: "Gary Lindqvist",
        email: Some("glindqvist@example.net"),
        website: None,
        minutes_ago: 3900,
        text: "I did not know that about the splash pad, thank you. I would still like to see the full cost \
breakdown posted somewhere people can actually find it, not in a 200-page PDF.",
        warning: None,
    },
    DemoComment {
        key: "priya",
        parent: None,
        author: "Priya Anand",
        email: None,
        website: Some("https://priya-anand.example"),
        minutes_ago: 2600,
        text:
            "Reading this from Rotterdam, where I have lived for eleven years. I grew up on Ferry Lane and \
still remember the smell of the bakery drifting over the river every morning.\n\nThe floodgates in the \
photo look like a small cousin of the ones here. People here like to say you do not fight the water, you \
make room for it. It sounds like Alder Falls learned the same lesson.\n\nSay hello to the Kessler family \
for me if they are still running the bakery.",
        warning: None,
    },
    DemoComment {
        key: "hannah",
        parent: Some("priya"),
        author: "Hannah Kessler",
        email: None,
        website: None,
        minutes_ago: 1900,
        text: "We are! Third generation now. My dad says hello back, and that your mother still owes him \
her recipe for cardamom rolls.",
        warning: None,
    },
    DemoComment {
        key: "luis",
        parent: None,
        author: "Luis Ferreira",
        email: Some("luis@example.com"),
        website: None,
        minutes_ago: 1300,
        text: "The repair café is open every second Saturday in the old pump house. Last month we fixed 41 \
things: mostly lamps, a few bikes and one very stubborn espresso machine. Bring your broken stuff!",
        warning: None,
    },
    DemoComment {
        key: "ruth",
        parent: Some("luis"),
        author: "Ruth Abernathy",
        email: None,
        website: None,
        minutes_ago: 600,
        text: "Can you fix a sewing machine? It was my mother's. It stood in our basement the night the \
water came in, and I have not had the heart to open the case since.",
        warning: Some("The flood, and a family loss"),
    },
    DemoComment {
        key: "luis-sewing",
        parent: Some("ruth"),
        author: "Luis Ferreira",
        email: Some("luis@example.com"),
        website: None,
        minutes_ago: 420,
        text: "Probably! One of our volunteers used to repair them for a living. Bring the power cord and \
the foot pedal too.",
        warning: None,
    },
    DemoComment {
        key: "sam",
        parent: None,
        author: "Sam Whitaker",
        email: None,
        website: None,
        minutes_ago: 60,
        text: "Walked the whole loop with the dog this morning. Forty minutes, plenty of benches, no \
puddles. Good work, everyone.",
        warning: None,
    },
];

fn new_comment(demo: &DemoComment, parent: Option<i64>) -> NewComment {
    NewComment {
        thread: DEMO_THREAD.into(),
        parent,
        author: demo.author.into(),
        email: demo.email.map(Into::into),
        website: demo.website.map(Into::into),
        text: demo.text.into(),
        warning: demo.warning.map(Into::into),
        notify: false,
    }
}

/// Fills [`DEMO_THREAD`] with the demo comments, dated relative to `now_ms`, unless the
/// thread already has comments. Returns how many comments were added (0 when it was not
/// empty), so seeding twice never duplicates.
pub async fn seed_demo(store: &Store, now_ms: i64) -> Result<usize, StoreError> {
    if store.count(DEMO_THREAD).await? > 0 {
        return Ok(0);
    }
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for demo in DEMO_COMMENTS {
        let parent = match demo.parent {
            Some(key) => Some(*ids.get(key).ok_or(StoreError::UnknownParent)?),
            None => None,
        };
        let stored =
            store.insert_comment(&new_comment(demo, parent), now_ms - demo.minutes_ago * 60_000).await?;
        ids.insert(demo.key, stored.id);
    }
    // Something for the demo moderator's queue: a reply held by screening (readers never
    // see it) and a comment a reader reported (still public, below the threshold).
    let held = NewComment {
        parent: ids.get("gary").copied(),
        author: "Anon".into(),
        text: HELD_TEXT.into(),
        ..new_comment(&DEMO_COMMENTS[0], None)
    };
    let meta = PostMeta { hold: Some(HELD_REASON.into()), ..PostMeta::default() };
    store.post_comment(&held, now_ms - 20 * 60_000, &meta).await?;
    let report = NewReport { reason: ReportReason::OffTopic, note: Some("Not about the riverfront.".into()) };
    let reported = *ids.get(REPORTED).ok_or(StoreError::UnknownParent)?;
    store.report(reported, "demo-reader", &report, DEFAULT_REPORT_THRESHOLD, now_ms).await?;
    Ok(DEMO_COMMENTS.len() + 1)
}

/// The demo comment that a reader reported.
const REPORTED: &str = "sam";

/// The demo reply held for review.
const HELD_TEXT: &str = "Gary, you are a clueless idiot. People like you should be run out of town.";

/// Why it is held, in the words screening uses.
const HELD_REASON: &str = "insult (pattern:en:insult-at-person: \"you are a clueless idiot\")";

#[cfg(test)]
mod tests {
    use super::*;
    use threadline_protocol::validate_new_comment;

    #[test]
    fn demo_comments_are_valid_and_parents_are_older() {
        let mut minutes: HashMap<&str, i64> = HashMap::new();
        let mut depth: HashMap<&str, usize> = HashMap::new();
        for demo in DEMO_COMMENTS {
            validate_new_comment(&new_comment(demo, None)).unwrap();
            let d = demo.parent.map_or(0, |p| {
                assert!(minutes[p] > demo.minutes_ago, "{} is older than its parent", demo.key);
                depth[p] + 1
            });
            assert!(minutes.insert(demo.key, demo.minutes_ago).is_none(), "duplicate key {}", demo.key);
            depth.insert(demo.key, d);
        }
        assert!(depth.values().copied().max() >= Some(4));
        assert!(DEMO_COMMENTS.iter().any(|d| d.text.contains("\n\n")));
    }

    #[tokio::test]
    async fn seeding_is_idempotent() {
        let store = Store::open_in_memory().await.unwrap();
        assert_eq!(seed_demo(&store, 10_000_000_000).await.unwrap(), DEMO_COMMENTS.len() + 1);
        assert_eq!(seed_demo(&store, 10_000_000_000).await.unwrap(), 0);
        assert_eq!(
            store.count(DEMO_THREAD).await.unwrap(),
            DEMO_COMMENTS.len() as u64,
            "the held one is hidden"
        );
        let queue = store.queue(crate::site::DEFAULT_SITE, None, 10).await.unwrap();
        let reasons: Vec<Option<&str>> = queue.items.iter().map(|i| i.reason.as_deref()).collect();
        assert_eq!(reasons, [Some(HELD_REASON), Some("reported")]);
    }
}
