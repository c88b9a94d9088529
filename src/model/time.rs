//! Backend timestamps in every format they come in, read into epoch milliseconds. RFC 3339
//! itself is the protocol crate's, shared with the server.

pub use threadline_protocol::time::{format_rfc3339, parse_rfc3339_ms};

/// How a backend writes its timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFormat {
    /// Guess: numbers below 10^11 are epoch seconds, larger ones milliseconds; strings are
    /// RFC 3339, or a date and time with no zone read as UTC.
    #[default]
    Auto,
    /// `2026-11-25T15:20:00Z`, `…+02:00`; no zone means UTC.
    Rfc3339,
    /// Seconds since the Unix epoch, integer or fractional, as a number or a string.
    EpochSeconds,
    /// Milliseconds since the Unix epoch.
    EpochMillis,
    /// `2026-11-25 15:20:00` in the reader's own time zone (WordPress's `date`).
    Local,
}

/// Reads a timestamp from a JSON value in the given format. `local_offset_min` is the reader's
/// offset from UTC in minutes (east positive), used only by [`TimeFormat::Local`].
pub fn parse_time(value: &serde_json::Value, format: TimeFormat, local_offset_min: i64) -> Option<i64> {
    let number = || match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    let from_secs = |s: f64| (s.is_finite() && s.abs() < 1e14).then(|| (s * 1000.0).round() as i64);
    let from_millis = |ms: f64| (ms.is_finite() && ms.abs() < 1e17).then(|| ms.round() as i64);
    match format {
        TimeFormat::EpochSeconds => number().and_then(from_secs),
        TimeFormat::EpochMillis => number().and_then(from_millis),
        TimeFormat::Rfc3339 => value.as_str().and_then(parse_rfc3339_ms),
        TimeFormat::Local => {
            let s = value.as_str()?;
            let naive = s.get(..19).filter(|_| s.len() == 19 || s[19..].starts_with('.'))?;
            parse_rfc3339_ms(naive).map(|ms| ms - local_offset_min * 60_000)
        }
        TimeFormat::Auto => match number() {
            Some(n) if n.abs() < 1e11 => from_secs(n),
            Some(n) => from_millis(n),
            None => value.as_str().and_then(parse_rfc3339_ms),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_backend_format() {
        use serde_json::json;
        let want = parse_rfc3339_ms("2026-11-25T15:20:00Z");
        assert_eq!(parse_time(&json!(1_795_620_000), TimeFormat::EpochSeconds, 0), want);
        assert_eq!(parse_time(&json!(1_795_620_000.0), TimeFormat::Auto, 0), want);
        assert_eq!(parse_time(&json!(1_795_620_000_000i64), TimeFormat::Auto, 0), want);
        assert_eq!(parse_time(&json!("1795620000000"), TimeFormat::EpochMillis, 0), want);
        assert_eq!(parse_time(&json!("2026-11-25T15:20:00"), TimeFormat::Auto, 0), want);
        assert_eq!(parse_time(&json!("2026-11-25T16:20:00"), TimeFormat::Local, 60), want);
        assert_eq!(
            parse_time(&json!("2026-11-25 15:20:00.25"), TimeFormat::Local, 0),
            want,
            "fractions are dropped"
        );
        assert_eq!(parse_time(&json!(null), TimeFormat::Auto, 0), None);
        assert_eq!(parse_time(&json!([1]), TimeFormat::EpochSeconds, 0), None);
        assert_eq!(parse_time(&json!(f64::MAX), TimeFormat::Auto, 0), None);
        assert_eq!(parse_time(&json!("soon"), TimeFormat::Local, 0), None);
    }
}
