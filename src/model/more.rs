//! "N more replies": the replies of a subtree that an answer did not carry, announced on
//! their parent. Threadline's own server caps every top-level comment's subtree per page
//! (`more_replies`); a custom mapping reads continuation stubs (Reddit's `more`).

use std::rc::Rc;

/// Replies an answer announced without carrying them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Continuation {
    /// The comment whose replies they are.
    pub parent: Rc<str>,
    /// How many, when the stub says (else the number of ids).
    pub count: u64,
    /// Their ids, when a custom mapping's stub lists them.
    #[cfg(feature = "custom")]
    pub ids: Vec<String>,
    /// Where to fetch them, when a custom mapping's stub gives a URL.
    #[cfg(feature = "custom")]
    pub url: Option<String>,
    /// Threadline's own server: where the next batch starts
    /// (`GET /comments/{id}/replies?cursor=…`).
    pub cursor: Option<String>,
    /// Whether the widget is fetching them, or failed to (then the button offers a retry).
    pub fetch: Fetch,
}

/// Where fetching the replies behind a [`Continuation`] stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Fetch {
    /// Not asked for, or done.
    #[default]
    Idle,
    /// In flight.
    Loading,
    /// Failed; the reader can retry.
    Failed(crate::error::ClientError),
}
