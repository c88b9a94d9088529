//! Relative time ("5 minutes ago") as a pure function of two instants: the unit and value;
//! the browser's `Intl.RelativeTimeFormat` words them ([`super::intl`]).

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

impl Ago {
    /// The value and unit for `Intl.RelativeTimeFormat` (negative: in the past). "Just now" is
    /// 0 seconds, which the browser words "now" in every language.
    pub fn as_unit(self) -> (i64, &'static str) {
        match self {
            Ago::JustNow => (0, "second"),
            Ago::Minutes(n) => (-n, "minute"),
            Ago::Hours(n) => (-n, "hour"),
            Ago::Days(n) => (-n, "day"),
            Ago::Months(n) => (-n, "month"),
            Ago::Years(n) => (-n, "year"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn picks_the_largest_unit() {
        let now = 1_000_000_000_000;
        let unit = |then| ago(now, then).as_unit();
        assert_eq!(unit(now + 5 * MIN), (0, "second"));
        assert_eq!(unit(now - 59_000), (0, "second"));
        assert_eq!(unit(now - MIN), (-1, "minute"));
        assert_eq!(unit(now - 59 * MIN), (-59, "minute"));
        assert_eq!(unit(now - 60 * MIN), (-1, "hour"));
        assert_eq!(unit(now - 25 * 60 * MIN), (-1, "day"));
        assert_eq!(unit(now - 3 * 1440 * MIN), (-3, "day"));
        assert_eq!(unit(now - 40 * 1440 * MIN), (-1, "month"));
        assert_eq!(unit(now - 800 * 1440 * MIN), (-2, "year"));
        assert_eq!(ago(i64::MAX, i64::MIN), Ago::Years(i64::MAX / 1000 / (365 * 86_400)));
    }
}
