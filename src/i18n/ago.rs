//! Relative time ("5 minutes ago") as a pure function of two instants.

use super::plural::{english, Plural};

/// How long ago something happened, in the largest unit that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ago {
    /// Less than a minute ago, or in the future (clock skew between reader and server).
    JustNow,
    /// Whole minutes, 1–59.
    Minutes(i64),
    /// Whole hours, 1–23.
    Hours(i64),
    /// Whole days, 1–29.
    Days(i64),
    /// Whole months of 30 days, 1–11.
    Months(i64),
    /// Whole years of 365 days.
    Years(i64),
}

/// The relative time between `then_ms` and `now_ms` (both epoch milliseconds).
pub fn ago(now_ms: i64, then_ms: i64) -> Ago {
    let secs = now_ms.saturating_sub(then_ms) / 1000;
    let (min, hour, day) = (60, 3_600, 86_400);
    match secs {
        s if s < min => Ago::JustNow,
        s if s < hour => Ago::Minutes(s / min),
        s if s < day => Ago::Hours(s / hour),
        s if s < 30 * day => Ago::Days(s / day),
        s if s < 365 * day => Ago::Months(s / (30 * day)),
        s => Ago::Years(s / (365 * day)),
    }
}

impl std::fmt::Display for Ago {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, one, other) = match *self {
            Ago::JustNow => return f.write_str("just now"),
            Ago::Minutes(n) => (n, "minute", "minutes"),
            Ago::Hours(n) => (n, "hour", "hours"),
            Ago::Days(1) => return f.write_str("yesterday"),
            Ago::Days(n) => (n, "day", "days"),
            Ago::Months(n) => (n, "month", "months"),
            Ago::Years(n) => (n, "year", "years"),
        };
        let unit = match english(usize::try_from(n).unwrap_or(usize::MAX)) {
            Plural::One => one,
            Plural::Other => other,
        };
        write!(f, "{n} {unit} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn picks_the_largest_unit() {
        let now = 1_000_000_000_000;
        assert_eq!(ago(now, now + 5 * MIN).to_string(), "just now");
        assert_eq!(ago(now, now - 59_000).to_string(), "just now");
        assert_eq!(ago(now, now - MIN).to_string(), "1 minute ago");
        assert_eq!(ago(now, now - 59 * MIN).to_string(), "59 minutes ago");
        assert_eq!(ago(now, now - 60 * MIN).to_string(), "1 hour ago");
        assert_eq!(ago(now, now - 25 * 60 * MIN).to_string(), "yesterday");
        assert_eq!(ago(now, now - 3 * 1440 * MIN).to_string(), "3 days ago");
        assert_eq!(ago(now, now - 40 * 1440 * MIN).to_string(), "1 month ago");
        assert_eq!(ago(now, now - 800 * 1440 * MIN).to_string(), "2 years ago");
        assert_eq!(ago(i64::MAX, i64::MIN), Ago::Years(i64::MAX / 1000 / (365 * 86_400)));
    }
}
