//! What this reader did through one API, remembered in `localStorage` so that later pages show
//! it: the comments they posted (Edit and Delete, within the site's window) and their votes.
//! The server keeps the truth (it checks the author token, and counts one vote per reader);
//! this only decides what the page offers. Pure: the effects layer reads and writes it.
//!
//! Stored as one line of `o<id>=<ms>` and `v<id>=<vote>` entries separated by `;` rather than
//! as JSON of two maps: that needs no map type or deserializer in the wasm, which measured
//! about 4 KB brotli. Ids never hold `;` or `=` (the native server's are integers).

use crate::model::Comment;

/// Most own comments remembered; the oldest go first (their window closed long ago).
pub const OWN_MAX: usize = 200;
/// Most votes remembered; past it, the oldest votes go first.
pub const VOTES_MAX: usize = 1000;

/// The reader's own comments and votes on one API, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mine {
    /// Comment id and when it was posted (epoch milliseconds).
    pub own: Vec<(String, i64)>,
    /// Comment id and the reader's vote (1 or -1).
    pub votes: Vec<(String, i8)>,
}

/// Storage key of what the reader did through the API at `api` (its base URL).
pub fn mine_key(api: &str) -> String {
    format!("threadline:mine:{api}")
}

impl Mine {
    /// Reads a stored record; entries that do not read are skipped.
    pub fn parse(stored: Option<&str>) -> Mine {
        let mut mine = Mine::default();
        for entry in stored.unwrap_or_default().split(';') {
            let Some((key, value)) = entry.split_once('=') else { continue };
            match (key.get(..1), key.get(1..).filter(|id| !id.is_empty())) {
                (Some("o"), Some(id)) => {
                    if let Ok(at) = value.parse() {
                        mine.own.push((id.to_string(), at));
                    }
                }
                (Some("v"), Some(id)) => {
                    if let Ok(v @ (-1 | 1)) = value.parse::<i8>() {
                        mine.votes.push((id.to_string(), v));
                    }
                }
                _ => {}
            }
        }
        mine
    }

    /// The stored form, for [`Mine::parse`].
    pub fn to_stored(&self) -> String {
        let own = self.own.iter().map(|(id, at)| format!("o{id}={at}"));
        let votes = self.votes.iter().map(|(id, v)| format!("v{id}={v}"));
        own.chain(votes).collect::<Vec<_>>().join(";")
    }

    /// Remembers a comment the reader posted at `at_ms`.
    pub fn posted(&mut self, id: &str, at_ms: i64) {
        self.own.retain(|(known, _)| known != id);
        self.own.push((id.to_string(), at_ms));
        if self.own.len() > OWN_MAX {
            self.own.remove(0);
        }
    }

    /// Remembers the reader's vote on `id`; 0 forgets it.
    pub fn voted(&mut self, id: &str, value: i8) {
        self.votes.retain(|(known, _)| known != id);
        if value != 0 {
            self.votes.push((id.to_string(), value.signum()));
        }
        if self.votes.len() > VOTES_MAX {
            self.votes.remove(0);
        }
    }

    /// Marks `c` as the reader's own, and with their vote, as remembered.
    pub fn mark(&self, c: &mut Comment) {
        c.own = self.own.iter().any(|(id, _)| **id == *c.id);
        c.my_vote = self.votes.iter().find(|(id, _)| **id == *c.id).map_or(0, |(_, v)| *v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_own_comments_and_votes_and_marks_them() {
        let mut mine = Mine::default();
        mine.posted("7", 1_000);
        mine.voted("3", 1);
        mine.voted("4", -5);
        let stored = mine.to_stored();
        assert_eq!(stored, "o7=1000;v3=1;v4=-1");
        let back = Mine::parse(Some(&stored));
        assert_eq!(back, mine, "round trip");
        let mark = |id: &str| {
            let mut c = Comment { id: id.into(), ..Comment::default() };
            back.mark(&mut c);
            (c.own, c.my_vote)
        };
        assert_eq!(
            [mark("7"), mark("3"), mark("4"), mark("9")],
            [(true, 0), (false, 1), (false, -1), (false, 0)]
        );
        mine.voted("3", 0);
        mine.voted("4", 1);
        assert_eq!(mine.votes, [("4".to_string(), 1)], "taken back is forgotten; changed is moved");
    }

    #[test]
    fn stays_bounded_and_tolerates_junk() {
        let mut mine = Mine::default();
        for i in 0..(OWN_MAX + 5) {
            mine.posted(&i.to_string(), i as i64);
        }
        assert_eq!(mine.own.len(), OWN_MAX);
        assert!(mine.own.iter().all(|(id, _)| id != "0"), "the oldest go first");
        for i in 0..(VOTES_MAX + 3) {
            mine.voted(&i.to_string(), 1);
        }
        assert_eq!(mine.votes.len(), VOTES_MAX);
        let junk = Mine::parse(Some("{not json;o=5;ox=;v9=7;v8=-1;q1=1;;o12=abc;o13=99"));
        assert_eq!(junk, Mine { own: vec![("13".into(), 99)], votes: vec![("8".into(), -1)] });
        assert_eq!(Mine::parse(None), Mine::default());
        assert_ne!(mine_key("https://a.example/api"), mine_key("https://b.example/api"));
    }
}
