//! Identicons drawn locally from a hash of the author's name: a 5×5 mirrored pattern and a
//! hue. No request leaves the page, unlike Gravatar-style avatars.

/// A symmetric 5×5 pattern plus the hue (0–359) it is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identicon {
    /// Hue in degrees for the filled cells.
    pub hue: u16,
    /// Row-major 5×5 cells; columns 3 and 4 mirror columns 1 and 0.
    pub cells: [bool; 25],
}

/// FNV-1a, 64-bit: tiny, stable across platforms and versions, good enough to spread names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

impl Identicon {
    /// The identicon of an author name; ASCII case and surrounding spaces do not matter.
    /// (Full Unicode case folding would bring core's 22 KB case tables into the wasm for a
    /// picture.)
    pub fn for_author(name: &str) -> Self {
        let h = fnv1a(name.trim().to_ascii_lowercase().as_bytes());
        let mut cells = [false; 25];
        for row in 0..5 {
            for col in 0..3 {
                let on = (h >> (row * 3 + col)) & 1 == 1;
                cells[row * 5 + col] = on;
                cells[row * 5 + (4 - col)] = on;
            }
        }
        if !cells.iter().any(|c| *c) {
            cells[12] = true; // never draw an empty square
        }
        Identicon { hue: ((h >> 32) % 360) as u16, cells }
    }

    /// An SVG path (in a 0 0 5 5 view box) covering the filled cells.
    pub fn path(&self) -> String {
        let mut d = String::new();
        for (i, on) in self.cells.iter().enumerate() {
            if *on {
                d.push_str(&format!("M{} {}h1v1h-1z", i % 5, i / 5));
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable_and_symmetric() {
        let a = Identicon::for_author("Maya Lindqvist");
        assert_eq!(a, Identicon::for_author("  maya lindqvist "));
        for row in 0..5 {
            assert_eq!(a.cells[row * 5], a.cells[row * 5 + 4]);
            assert_eq!(a.cells[row * 5 + 1], a.cells[row * 5 + 3]);
        }
        assert!(a.hue < 360);
    }

    #[test]
    fn different_names_usually_differ() {
        let names = ["Ann", "Bo", "Cyd", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"];
        let distinct: std::collections::HashSet<_> =
            names.iter().map(|n| Identicon::for_author(n).cells).collect();
        assert!(distinct.len() >= 8, "only {} distinct patterns", distinct.len());
    }

    #[test]
    fn path_has_one_square_per_cell() {
        let icon = Identicon::for_author("x");
        let filled = icon.cells.iter().filter(|c| **c).count();
        assert_eq!(icon.path().matches('z').count(), filled);
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
