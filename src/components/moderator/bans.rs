//! The Bans view: the site's live bans, newest first, each with what it matches, until when,
//! why and the comment it came from, and an Unban button.

use crate::components::states::{error_box, skeleton};
use crate::i18n::moderation as words;
use crate::k;
use crate::model::time::parse_rfc3339_ms;
use crate::state::desk::BansState;
use crate::state::Phase;
use threadline_protocol::moderation::Ban;
use yew::prelude::*;

/// Props of [`BansView`].
#[derive(Properties, PartialEq)]
pub struct BansProps {
    /// The list as it stands.
    pub state: UseReducerHandle<BansState>,
    /// Loads it again.
    pub reload: Callback<()>,
    /// Lifts a ban.
    pub unban: Callback<i64>,
}

/// The site's live bans.
#[function_component]
pub fn BansView(props: &BansProps) -> Html {
    let tr = crate::i18n::use_tr();
    let s = &props.state;
    let (state, content) = match &s.phase {
        Phase::Loading => ("loading", skeleton(&tr)),
        Phase::Failed(e) => {
            ("error", error_box(&tr, e.reader_message(&tr).into(), Some(props.reload.clone())))
        }
        Phase::Ready if s.items.is_empty() => {
            ("ready", html! { <p class="tl-empty">{ tr.t(k!("mod.bans_empty")) }</p> })
        }
        Phase::Ready => (
            "ready",
            html! {
                <ul class="tl-bans-list">
                    { for s.items.iter().map(|ban| row(&tr, ban, s, &props.unban)) }
                </ul>
            },
        ),
    };
    html! {
        <section class="tl-root tl-bans" data-state={state} aria-label={tr.t(k!("mod.tab_bans"))}>
            <header class="tl-header">
                <h2 class="tl-title">{ tr.t(k!("mod.bans_title")) }</h2>
                <button type="button" class="tl-link-button tl-bans-refresh"
                    onclick={props.reload.reform(|_: MouseEvent| ())}>{ tr.t(k!("mod.refresh")) }</button>
            </header>
            { content }
        </section>
    }
}

/// A date as the moderator reads it: `2026-12-04 10:00` (UTC, as the server gives it).
pub fn short_date(rfc3339: &str) -> String {
    let mut s = rfc3339.get(..16).unwrap_or(rfc3339).replacen('T', " ", 1);
    if parse_rfc3339_ms(rfc3339).is_some() && rfc3339.len() >= 16 {
        s.push_str(" UTC");
    }
    s
}

fn row(tr: &crate::i18n::Catalogue, ban: &Ban, s: &BansState, unban: &Callback<i64>) -> Html {
    let id = ban.id;
    let busy = s.busy == Some(id);
    let until = match &ban.expires_at {
        Some(at) => {
            let date = parse_rfc3339_ms(at).map_or_else(|| short_date(at), |ms| tr.date_time(ms));
            tr.t_with(k!("mod.until"), &[("date", &date)])
        }
        None => tr.t(k!("mod.forever")),
    };
    let failed = s.failed.as_ref().filter(|(f, _)| *f == id).map(|(_, e)| e.reader_message(tr));
    let by = words::ban_by(tr, ban.by);
    // The short form: the words before the parenthesis that explains them.
    let by = by.split([' ', '（']).take_while(|w| !w.starts_with('(')).collect::<Vec<_>>().join(" ");
    html! {
        <li class="tl-ban" data-id={id.to_string()}>
            <div class="tl-ban-what">
                <span class="tl-badge tl-ban-by">{ by }</span>
                <span class={classes!("tl-ban-until", ban.expires_at.is_none().then_some("tl-ban-forever"))}>{ until }</span>
                if let Some(c) = ban.comment_id {
                    <span class="tl-ban-from">{ tr.t_with(k!("mod.from_comment"), &[("id", &format!("#{c}"))]) }</span>
                }
            </div>
            if let Some(reason) = ban.reason.clone() {
                <p class="tl-ban-reason">{ reason }</p>
            }
            <div class="tl-actions">
                <button type="button" class="tl-mod-button tl-mod-unban" disabled={busy}
                    onclick={unban.reform(move |_: MouseEvent| id)}>{ if busy { tr.t(k!("mod.working")) } else { tr.t(k!("mod.unban")) } }</button>
                if let Some(message) = failed {
                    <span class="tl-form-error" role="alert">{ message }</span>
                }
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_short() {
        assert_eq!(short_date("2026-12-04T10:00:00Z"), "2026-12-04 10:00 UTC");
        assert_eq!(short_date("soon"), "soon");
    }
}
