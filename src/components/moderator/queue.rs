//! The Queue view: held and reported comments of the whole site, newest first, each with why
//! it waits, its reports, a link into its thread, and the moderator's actions.

use super::actions::label;
use super::dialog::RejectDialog;
use crate::api::moderation::Verb;
use crate::components::avatar::identicon;
use crate::components::body::rich_body;
use crate::components::states::{error_box, skeleton};
use crate::i18n::moderation as words;
use crate::k;
use crate::model::time::parse_rfc3339_ms;
use crate::state::moderation::QueueState;
use crate::state::Phase;
use threadline_protocol::moderation::QueueItem;
use threadline_protocol::{CommentId, CommentStatus};
use yew::prelude::*;

/// Props of [`QueueView`].
#[derive(Properties, PartialEq)]
pub struct QueueProps {
    /// The queue as it stands.
    pub state: UseReducerHandle<QueueState>,
    /// Loads it again.
    pub reload: Callback<()>,
    /// Acts on an entry.
    pub act: Callback<(CommentId, Verb, Option<String>)>,
    /// Loads the next page.
    pub more: Callback<()>,
}

/// A link into the comment's thread, when its key is a path on this site: a key such as
/// `//evil.example` or `/\evil.example` would leave it, so it gets no link.
pub fn thread_href(thread: &str, id: CommentId) -> Option<String> {
    let rest = thread.strip_prefix('/')?;
    (!rest.starts_with(['/', '\\'])).then(|| format!("{thread}#comment-{id}"))
}

/// The entry's status, as the moderator reads it, and its style.
pub fn status_label(status: CommentStatus) -> (crate::i18n::Key, &'static str) {
    match status {
        CommentStatus::Pending => (k!("mod.status_held"), "held"),
        CommentStatus::Hidden => (k!("mod.status_hidden"), "hidden"),
        _ => (k!("mod.status_reported"), "reported"),
    }
}

/// The site's queue.
#[function_component]
pub fn QueueView(props: &QueueProps) -> Html {
    let tr = crate::i18n::use_tr();
    let s = &props.state;
    // The entry whose Reject dialog is open.
    let rejecting = use_state(|| None::<CommentId>);
    let refresh = props.reload.reform(|_: MouseEvent| ());
    let (state, content) = match &s.phase {
        Phase::Loading => ("loading", skeleton(&tr)),
        Phase::Failed(e) => {
            ("error", error_box(&tr, e.reader_message(&tr).into(), Some(props.reload.clone())))
        }
        Phase::Ready if s.items.is_empty() => {
            ("ready", html! { <p class="tl-empty">{ tr.t(k!("mod.queue_empty")) }</p> })
        }
        Phase::Ready => (
            "ready",
            html! {
                <>
                    <ol class="tl-queue-list">
                        { for s.items.iter().map(|item| entry(&tr, item, s, &props.act, &rejecting)) }
                    </ol>
                    { more_button(&tr, s, &props.more) }
                </>
            },
        ),
    };
    html! {
        <section class="tl-root tl-queue" data-state={state} aria-label={tr.t(k!("mod.tab_queue"))}>
            <header class="tl-header">
                <h2 class="tl-title">{ tr.t(k!("mod.queue_title")) }</h2>
                <button type="button" class="tl-link-button tl-queue-refresh" onclick={refresh}>{ tr.t(k!("mod.refresh")) }</button>
            </header>
            { content }
            if let Some(id) = *rejecting {
                { reject_dialog(id, &props.act, &rejecting) }
            }
        </section>
    }
}

/// "Load more" while the queue has a next page ("Could not load more. Retry" after a failure).
fn more_button(tr: &crate::i18n::Catalogue, s: &QueueState, more: &Callback<()>) -> Html {
    if s.next_cursor.is_none() {
        return html! {};
    }
    let text =
        if s.more_failed.is_some() { tr.t(k!("mod.load_more_retry")) } else { tr.t(k!("mod.load_more")) };
    let text = if s.loading_more { tr.t(k!("mod.working")) } else { text };
    html! {
        <div class="tl-more">
            <button type="button" class="tl-button tl-button-quiet tl-queue-more" aria-busy={s.loading_more.to_string()}
                disabled={s.loading_more} onclick={more.reform(|_: MouseEvent| ())}>{ text }</button>
        </div>
    }
}

fn reject_dialog(
    id: CommentId,
    act: &Callback<(CommentId, Verb, Option<String>)>,
    rejecting: &UseStateHandle<Option<CommentId>>,
) -> Html {
    let close = {
        let rejecting = rejecting.clone();
        Callback::from(move |()| rejecting.set(None))
    };
    let on_send = {
        let (act, close) = (act.clone(), close.clone());
        Callback::from(move |reason: Option<String>| {
            close.emit(());
            act.emit((id, Verb::Reject, reason));
        })
    };
    html! { <RejectDialog id={format!("q{id}")} {on_send} on_cancel={close} /> }
}

fn entry(
    tr: &crate::i18n::Catalogue,
    item: &QueueItem,
    s: &QueueState,
    act: &Callback<(CommentId, Verb, Option<String>)>,
    rejecting: &UseStateHandle<Option<CommentId>>,
) -> Html {
    let c = &item.comment;
    let id = c.id;
    let (status, style) = status_label(c.status);
    let status = tr.t(status);
    let busy = s.busy == Some(id);
    let button = |verb: Verb| {
        let (act, rejecting) = (act.clone(), rejecting.clone());
        let onclick = Callback::from(move |_: MouseEvent| match verb {
            Verb::Reject => rejecting.set(Some(id)),
            _ => act.emit((id, verb, None)),
        });
        html! {
            <button type="button" class={classes!("tl-mod-button", format!("tl-mod-{}", verb.path()))}
                disabled={busy} {onclick}>{ tr.t(label(verb)) }</button>
        }
    };
    let when = parse_rfc3339_ms(&c.created_at).map(|ms| {
        let ago = tr.ago(js_sys::Date::now() as i64, ms);
        html! { <time class="tl-time" datetime={c.created_at.clone()} title={tr.date_time(ms)}>{ ago }</time> }
    });
    let place = match thread_href(&item.thread, id) {
        Some(href) => {
            html! { <a class="tl-queue-thread" {href} title={tr.t(k!("mod.open_in_thread"))}>{ item.thread.clone() }</a> }
        }
        None => html! { <span class="tl-queue-thread">{ item.thread.clone() }</span> },
    };
    let failed = s.failed.as_ref().filter(|(f, _)| *f == id).map(|(_, e)| e.reader_message(tr));
    let in_thread = tr.around(k!("mod.in_thread"), "thread");
    html! {
        <li class="tl-queue-item" data-id={id.to_string()} data-status={style}>
            <article class="tl-card">
                <header class="tl-meta">
                    { identicon(&c.author) }
                    <span class="tl-byline">
                        <bdi class="tl-author">{ c.author.clone() }</bdi>
                        <span class={classes!("tl-badge", format!("tl-status-{style}"))}>{ status }</span>
                        { when.unwrap_or_default() }
                    </span>
                </header>
                <p class="tl-queue-where">{ in_thread.0 }{ place }{ in_thread.1 }</p>
                { rich_body(&c.text, None, true) }
                if let Some(reason) = item.reason.clone() {
                    <p class="tl-queue-reason" dir="auto">{ tr.t_with(k!("mod.why"), &[("reason", &reason)]) }</p>
                }
                if !item.reports.is_empty() {
                    <div class="tl-queue-reports">
                        <strong>{ tr.count(k!("mod.report_count"), item.reports.len() as u64) }</strong>
                        <ul>
                            { for item.reports.iter().map(|r| html! {
                                <li>
                                    <span class="tl-badge">{ words::report_reason(tr, r.reason) }</span>
                                    if let Some(note) = r.note.clone() { { " " }{ note } }
                                </li>
                            }) }
                        </ul>
                    </div>
                }
                <footer class="tl-actions">
                    <span class="tl-mod-actions" role="group" aria-label={tr.t(k!("mod.actions"))} aria-busy={busy.to_string()}>
                        { for [Verb::Approve, Verb::Reject, Verb::Delete].into_iter().map(button) }
                    </span>
                    if let Some(message) = failed {
                        <span class="tl-form-error" role="alert">{ message }</span>
                    }
                </footer>
            </article>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_get_a_link() {
        assert_eq!(thread_href("/2026/a", 7).as_deref(), Some("/2026/a#comment-7"));
        assert_eq!(thread_href("//evil.example/x", 7), None);
        assert_eq!(thread_href("/\\evil.example", 7), None);
        assert_eq!(thread_href("javascript:alert(1)", 7), None);
        assert_eq!(status_label(CommentStatus::Hidden).1, "hidden");
    }
}
