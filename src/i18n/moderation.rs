//! Moderator mode's wording (the moderator bundle only): the messages whose keys start with
//! `mod.`, which `cargo xtask dist` ships in a file of their own that only moderators fetch.

use super::Catalogue;
use crate::k;
use threadline_protocol::moderation::{BanBy, ReportReason};

/// "Queue (3)": the tab names how many entries wait ("Queue (50+)" when more pages follow).
pub fn queue_tab(tr: &Catalogue, waiting: Option<usize>, more: bool) -> String {
    match waiting {
        Some(n) if more => tr.count(k!("mod.tab_queue_more"), n as u64),
        Some(n) => tr.count(k!("mod.tab_queue_count"), n as u64),
        None => tr.t(k!("mod.tab_queue")),
    }
}

/// What a ban matches, as the moderator chooses it.
pub fn ban_by(tr: &Catalogue, by: BanBy) -> String {
    tr.t(match by {
        BanBy::Author => k!("mod.ban_by_author"),
        BanBy::Email => k!("mod.ban_by_email"),
        BanBy::Address => k!("mod.ban_by_address"),
    })
}

/// How long a ban lasts.
pub fn ban_length(tr: &Catalogue, hours: Option<u32>) -> String {
    match hours {
        None => tr.t(k!("mod.forever")),
        Some(h) if h % 24 == 0 => tr.count(k!("mod.ban_days"), u64::from(h / 24)),
        Some(h) => tr.count(k!("mod.ban_hours"), u64::from(h)),
    }
}

/// Said once the author is banned.
pub fn banned(tr: &Catalogue, hours: Option<u32>) -> String {
    match hours {
        None => tr.t(k!("mod.banned_forever")),
        Some(_) => tr.t_with(k!("mod.banned_for"), &[("length", &ban_length(tr, hours))]),
    }
}

/// A report's reason, as a moderator reads it.
pub fn report_reason(tr: &Catalogue, reason: ReportReason) -> String {
    tr.t(match reason {
        ReportReason::Spam => k!("mod.reason_spam"),
        ReportReason::Abuse => k!("mod.reason_abuse"),
        ReportReason::OffTopic => k!("mod.reason_off_topic"),
        ReportReason::Other => k!("mod.reason_other"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::catalogue::english;

    #[test]
    fn counts_and_reasons_read_well() {
        let tr = english();
        assert_eq!(queue_tab(&tr, Some(3), false), "Queue (3)");
        assert_eq!(queue_tab(&tr, Some(50), true), "Queue (50+)");
        assert_eq!(queue_tab(&tr, None, false), "Queue");
        assert_eq!(tr.count(k!("mod.report_count"), 1), "1 report");
        assert_eq!(tr.count(k!("mod.report_count"), 2), "2 reports");
        assert_eq!(report_reason(&tr, ReportReason::OffTopic), "Off topic");
        let lengths: Vec<String> =
            crate::state::desk::EXPIRIES.into_iter().map(|h| ban_length(&tr, h)).collect();
        assert_eq!(lengths, ["1 day", "7 days", "30 days", "Permanent"]);
        assert_eq!(ban_length(&tr, Some(5)), "5 hours");
        assert_eq!(banned(&tr, Some(24)), "Author banned for 1 day.");
        assert_eq!(ban_by(&tr, BanBy::Email), "Email address");
    }
}
