//! The live-updates section: open streams, the server's memory with them, and the delay from a
//! post to its event (all from `streams.json`).

use super::{mb, num, text};
use serde_json::Value;
use std::fmt::Write as _;

/// Appends the section for `s`, the `streams` part of the results (nothing before it ran).
pub(super) fn section(md: &mut String, s: &Value) {
    if !s.is_object() {
        return;
    }
    let d = &s["delay_ms"];
    let _ = writeln!(
        md,
        "\n## Live updates\n\n{}.\n\n| streams | posts | deliveries | missed | server RSS idle (MB) | with the streams (MB) \
         | bytes per stream | post answered, median (ms) | post → event p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        text(&s["what"])
    );
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        num(&s["streams"]),
        num(&s["posts"]),
        num(&s["deliveries"]),
        num(&s["missed"]),
        mb(&s["rss_idle_bytes"]),
        mb(&s["rss_streams_bytes"]),
        num(&s["bytes_per_stream"]),
        num(&s["post_answer_ms"]["p50"]),
        num(&d["p50"]),
        num(&d["p90"]),
        num(&d["p99"]),
        num(&d["max"])
    );
    let notes = s["notes"].as_array().map_or(&[][..], Vec::as_slice);
    if !notes.is_empty() {
        let _ = writeln!(md, "\nNotes:\n");
        for n in notes {
            let _ = writeln!(md, "- {}", n.as_str().unwrap_or(""));
        }
    }
}
