//! Message keys. Code names a message with [`k!`](crate::k), e.g. `k!("reply")`, which becomes
//! the message's index in the English catalogue's order at compile time: no key string ships in
//! the wasm, the shipped catalogues are plain arrays in that order (`xtask/src/messages.rs`), and
//! a key that no catalogue has does not compile.

include!(concat!(env!("OUT_DIR"), "/keys.rs"));

/// A message, by its index in [`KEYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Key(pub u16);

impl Key {
    /// The key's name, as the catalogues write it (tests and tools; the wasm has no use for it).
    pub fn name(self) -> &'static str {
        KEYS.get(usize::from(self.0)).copied().unwrap_or("")
    }
}

/// The index of `key` in [`KEYS`]; evaluated at compile time by [`k!`](crate::k), where a key
/// that is not there stops the build.
pub const fn index(key: &str) -> u16 {
    let mut i = 0;
    while i < KEYS.len() {
        if same(KEYS[i].as_bytes(), key.as_bytes()) {
            return i as u16;
        }
        i += 1;
    }
    panic!("no message has this key: add it to src/i18n/messages/en.json")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The [`Key`] of a message, checked and turned into its index at compile time.
#[macro_export]
macro_rules! k {
    ($key:literal) => {
        $crate::i18n::keys::Key(const { $crate::i18n::keys::index($key) })
    };
}
