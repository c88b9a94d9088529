//! The data: the seeded comments and the threads the scenarios post into.

use super::PAGE;

/// One comment of the seeded thread.
pub(super) struct SeedComment {
    pub(super) author: String,
    pub(super) email: Option<String>,
    pub(super) website: Option<String>,
    pub(super) text: String,
}

/// The [`PAGE`] top-level comments of the listed thread, from a fixed seed: mixed lengths
/// (one to four paragraphs of 6 to 70 words), some with an email or a website.
pub(super) fn seed_comments() -> Vec<SeedComment> {
    const NAMES: [&str; 12] =
        ["Ann", "Bo", "Chidi", "Dana", "Eun-ji", "Farid", "Greta", "Hiro", "Ines", "Jon", "Kemal", "Lena"];
    const WORDS: [&str; 32] = [
        "the", "article", "server", "really", "comment", "thread", "because", "reply", "fast", "sqlite",
        "page", "agree", "point", "about", "which", "would", "however", "widget", "reader", "think", "data",
        "load", "with", "more", "than", "that", "this", "and", "not", "good", "question", "example",
    ];
    let mut rng = 0x5EED_u64;
    let mut next = move |n: u64| {
        // xorshift64*
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    };
    (0..PAGE)
        .map(|i| {
            let name = NAMES[next(NAMES.len() as u64) as usize];
            let paragraphs: Vec<String> = (0..1 + next(4))
                .map(|_| {
                    let words: Vec<&str> = (0..6 + next(65)).map(|_| WORDS[next(32) as usize]).collect();
                    let mut p = words.join(" ");
                    p[..1].make_ascii_uppercase();
                    p + "."
                })
                .collect();
            SeedComment {
                author: format!("{name} {i}"),
                email: (i % 2 == 0).then(|| format!("{}{i}@example.org", name.to_lowercase())),
                website: (i % 3 == 0).then(|| format!("https://example.org/~{}", name.to_lowercase())),
                text: paragraphs.join("\n\n"),
            }
        })
        .collect()
}

/// The threads a scenario posts into, one per connection count, so that every cell posts
/// into a thread of its own.
pub(super) fn post_thread(scenario: &str, connections: u32) -> String {
    format!("/bench/{scenario}-c{connections}")
}
