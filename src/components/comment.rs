//! One comment: byline, text, actions, an in-place reply form, and its replies.

#[cfg(feature = "foreign")]
use super::avatar::Avatar;
use super::reply_form::ReplyForm;
use super::report::use_report_button;
use crate::effects::ThreadCtx;
use crate::k;
use crate::model::time::format_rfc3339;
use crate::model::tree::{flatten_descendants, starts_collapsed, Node, Shared};
use crate::model::Status;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CommentView`].
#[derive(Properties, PartialEq)]
pub struct CommentProps {
    /// The comment and its subtree; compared by pointer, so untouched subtrees skip rendering.
    pub node: Shared<Node>,
    /// Real depth in the thread (0 for top-level).
    pub depth: usize,
    /// Id of the top-level comment this one sits under (its own id at the top level).
    pub root: Rc<str>,
    /// Whose comment this answers, shown for replies listed flat past the indentation cap.
    #[prop_or_default]
    pub answers: Option<AttrValue>,
    /// True when an ancestor lists this comment's replies flat, so it must not render them.
    #[prop_or_default]
    pub flat: bool,
}

/// A comment in the thread.
#[function_component]
pub fn CommentView(props: &CommentProps) -> Html {
    let ctx = use_context::<Rc<ThreadCtx>>();
    let tr = crate::i18n::use_tr();
    // Replies the page left out count towards "N replies" and the collapse rules.
    #[cfg(any(feature = "native", feature = "custom"))]
    let left_out = props.node.comment.more.as_ref().map_or(0, |m| m.count);
    #[cfg(not(any(feature = "native", feature = "custom")))]
    let left_out = 0;
    let collapsed = use_state(|| {
        let linked = crate::embed_dom::linked_comment();
        // Nothing to collapse where no reply is loaded (a custom mapping's bare stub).
        !props.flat
            && !props.node.replies.is_empty()
            && starts_collapsed(&props.node, props.depth, left_out, linked.as_deref())
    });
    // A reply that waits in the offline outbox reopens its form, which sends it.
    #[cfg(feature = "native")]
    let replying = use_state(|| {
        let thread = ctx.as_ref().map(|x| x.thread.to_string()).unwrap_or_default();
        let form = crate::state::draft::text_key(&thread, Some(&props.node.comment.id));
        crate::effects::outbox::waiting(&form).is_some()
    });
    #[cfg(not(feature = "native"))]
    let replying = use_state(|| false);
    // A content warning: the body shows once the reader asks.
    let warning_shown = use_state(|| false);
    let article = use_node_ref();
    let report = use_report_button(&props.node.comment.id, ctx.clone());
    let copy_link = super::copy_link::use_copy_link(&props.node.comment.id);
    {
        // The reader's own new comment takes focus, so keyboard and screen-reader users land on it.
        let (article, fresh) = (article.clone(), props.node.comment.fresh);
        use_effect_with((), move |_| {
            if fresh {
                if let Some(el) = article.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let c = &props.node.comment;
    let max_depth = ctx.as_ref().map_or(crate::config::DEFAULT_MAX_DEPTH, |x| x.max_depth);
    let has_replies = !props.flat && !props.node.replies.is_empty();
    let gone = matches!(c.status, Status::Deleted | Status::Removed);
    let nameless = c.status == Status::Removed || gone && c.author.is_empty();
    let can_reply = !gone && ctx.as_ref().is_none_or(|x| x.caps.posting);
    // A flat API takes no replies (unless its mapping says how to quote the comment answered).
    #[cfg(feature = "custom")]
    let can_reply = can_reply && ctx.as_ref().is_none_or(|x| x.caps.nesting != Some(1));
    // Only what everyone can see can be reported: not a held comment (its author's own).
    let can_report = c.status == Status::Published && ctx.as_ref().is_some_and(|x| x.caps.reports);
    // Votes, and the author's Edit and Delete: Threadline's own server only, so the bundles of
    // other backends leave them out.
    #[cfg(not(feature = "foreign"))]
    let talk = super::own::use_conversation(c, ctx.as_ref());
    #[cfg(feature = "foreign")]
    let talk = Conversation::default();

    // A backend may send no name: "Anonymous" in the reader's language.
    let name = if c.author.is_empty() { tr.t(k!("anonymous")) } else { c.author.to_string() };
    let author = match &c.website {
        Some(url) => html! {
            <a class="tl-author" href={url.clone()} rel="nofollow ugc noopener" target="_blank"><bdi>{ name.clone() }</bdi></a>
        },
        // `<bdi>`: a name keeps its own direction (an Arabic name in an English thread).
        None => html! { <bdi class="tl-author">{ name.clone() }</bdi> },
    };
    let time = c.created_ms.map(|ms| {
        let title = tr.date_time(ms);
        let ago = tr.ago(js_sys::Date::now() as i64, ms);
        html! { <time class="tl-time" datetime={format_rfc3339(ms)} title={title}>{ ago }</time> }
    });
    let toggle_reply = {
        let replying = replying.clone();
        Callback::from(move |_| replying.set(!*replying))
    };
    let toggle_collapse = {
        let collapsed = collapsed.clone();
        Callback::from(move |_: MouseEvent| collapsed.set(!*collapsed))
    };
    let reveal = {
        let article = article.clone();
        Callback::from(move |_: MouseEvent| crate::embed_dom::reveal(&article))
    };
    // Cancel or Escape closes the form and gives focus back to the Reply button that opened it.
    let reply_button = use_node_ref();
    let close_form = {
        let (replying, button) = (replying.clone(), reply_button.clone());
        Callback::from(move |_| {
            replying.set(false);
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    // The reader's new reply must be seen: a collapsed subtree opens for it.
    let posted = {
        let (replying, collapsed) = (replying.clone(), collapsed.clone());
        Callback::from(move |_| {
            replying.set(false);
            collapsed.set(false);
        })
    };

    let replies = if !has_replies {
        html! {}
    } else if *collapsed {
        html! {
            <button type="button" class="tl-collapsed-count" onclick={toggle_collapse.clone()}>
                { tr.count(k!("reply_count"), props.node.descendants as u64 + left_out) }
            </button>
        }
    } else if props.depth + 1 < max_depth {
        html! {
            <div class="tl-replies">
                { for props.node.replies.iter().map(|r| html! {
                    <CommentView key={&*r.comment.id} node={r.clone()} depth={props.depth + 1} root={props.root.clone()} />
                }) }
            </div>
        }
    } else {
        // Past the indentation cap, every deeper reply is listed flat and names whom it answers.
        html! {
            <div class="tl-replies tl-replies-flat">
                { for flatten_descendants(&props.node).into_iter().map(|f| html! {
                    <CommentView key={&*f.node.comment.id} node={f.node.clone()} depth={props.depth + f.depth} root={props.root.clone()}
                        answers={Some(AttrValue::from(f.answers))} flat=true />
                }) }
            </div>
        }
    };

    // Hooks for other bundles, so that the reader's build is the view as it was, to the byte:
    // the moderator bundle adds each comment's actions after Report; the bundles of other
    // backends may show remote avatars; the custom bundle adds "N more replies". Each stage below fills its hooks and hands on.
    macro_rules! view { ([$($avatar:tt)*] [$($after:tt)*] [$($moderate:tt)*]) => {
    html! {
        <article ref={article} class={classes!("tl-comment", c.fresh.then_some("tl-fresh"))}
            id={format!("comment-{}", c.id)} data-id={AttrValue::from(c.id.clone())}
            data-parent={c.parent.clone().map(AttrValue::from).unwrap_or_default()}
            data-depth={props.depth.to_string()} tabindex="-1">
            <div class="tl-card">
                <header class="tl-meta">
                    // A removed comment has no author left to show, nor has one its author
                    // deleted (the native server clears it; other backends may keep it).
                    if !nameless {
                        $($avatar)*
                    }
                    <span class="tl-byline">
                        if !nameless {
                            { author }
                        }
                        if c.status == Status::Pending {
                            <span class="tl-badge">{ tr.t(k!("pending")) }</span>
                        }
                        if c.pinned {
                            <span class="tl-badge tl-pinned">{ tr.t(k!("pinned")) }</span>
                        }
                        <a class="tl-permalink" href={format!("#comment-{}", c.id)} onclick={reveal}>
                            { time.unwrap_or_else(|| html! { <span class="tl-time">{ "#" }</span> }) }
                        </a>
                        if c.edited && !gone {
                            <span class="tl-edited">{ tr.t(k!("edited")) }</span>
                        }
                    </span>
                </header>
                if let Some(name) = props.answers.clone().or_else(|| c.in_reply_to.clone().map(AttrValue::from)) {
                    { in_reply_to(&tr, name) }
                }
                if gone {
                    <p class="tl-body tl-deleted">
                        { if c.status == Status::Removed { tr.t(k!("removed")) } else { tr.t(k!("deleted")) } }
                    </p>
                } else if let Some(form) = talk.edit_form.clone() {
                    { form }
                } else {
                    { super::body::comment_body(&tr, c, &warning_shown) }
                }
                <footer class="tl-actions">
                    { talk.votes.clone() }
                    if can_reply {
                        <button type="button" class="tl-reply tl-link-button" aria-expanded={super::bool_attr(*replying)}
                            onclick={toggle_reply} ref={reply_button}>{ tr.t(k!("reply")) }</button>
                    }
                    if has_replies {
                        <button type="button" class="tl-collapse tl-link-button" aria-expanded={super::bool_attr(!*collapsed)}
                            aria-label={toggle_label(&tr, *collapsed, &name)} onclick={toggle_collapse}>
                            { if *collapsed { tr.t(k!("show_replies")) } else { tr.t(k!("hide_replies")) } }
                        </button>
                    }
                    if !gone {
                        { copy_link }
                    }
                    { talk.own.clone() }
                    if can_report {
                        { report }
                    }
                    $($moderate)*
                </footer>
            </div>
            if *replying {
                <ReplyForm parent={Some(c.id.clone())} replying_to={Some(AttrValue::from(name.clone()))}
                    root={Some(props.root.clone())} parent_depth={props.depth}
                    on_cancel={Some(close_form)} on_posted={Some(posted)} />
            }
            { replies }
            $($after)*
        </article>
    }
    } }
    #[cfg(feature = "moderator")]
    macro_rules! moderated { ($($hooks:tt)*) => {
        view!($($hooks)* [<super::moderator::actions::ModActions comment={c.clone()} />])
    } }
    #[cfg(not(feature = "moderator"))]
    macro_rules! moderated { ($($hooks:tt)*) => { view!($($hooks)* []) } }
    #[cfg(any(feature = "native", feature = "custom"))]
    macro_rules! customised { ($($hooks:tt)*) => { moderated!($($hooks)*
        [
            if let (Some(more), Some(ctx), false) = (&c.more, &ctx, *collapsed) {
                { super::more::more_replies(&tr, ctx, more) }
            }
        ]
    ) } }
    #[cfg(not(any(feature = "native", feature = "custom")))]
    macro_rules! customised { ($($hooks:tt)*) => { moderated!($($hooks)* []) } }
    #[cfg(feature = "foreign")]
    let remote = ctx
        .as_ref()
        .filter(|x| x.remote_avatars)
        .and_then(|_| crate::model::remote_avatar(c.avatar.as_deref()));
    #[cfg(feature = "foreign")]
    return customised!([<Avatar name={c.author.clone()} url={remote.map(AttrValue::from)} />]);
    #[cfg(not(feature = "foreign"))]
    customised!([{ super::avatar::identicon(&c.author) }])
}

/// "↳ in reply to Ann", for a reply listed flat past the indentation cap; the name isolated in
/// its own direction. Worded only for the comments that show it, not on every render.
fn in_reply_to(tr: &crate::i18n::Catalogue, name: AttrValue) -> Html {
    let (before, after) = tr.around(k!("in_reply_to"), "name");
    let arrow = if tr.dir() == "rtl" { "↲ " } else { "↳ " };
    html! { <p class="tl-in-reply-to">{ arrow }{ before }<bdi>{ name }</bdi>{ after }</p> }
}

/// The collapse toggle's accessible name, with whose replies it shows or hides.
fn toggle_label(tr: &crate::i18n::Catalogue, collapsed: bool, name: &str) -> String {
    let key = if collapsed { k!("show_replies_to") } else { k!("hide_replies_to") };
    tr.t_with(key, &[("name", name)])
}

/// What a comment shows of the reader's conversation: the edit form (in place of the body,
/// while the author edits), the vote buttons, and the author's Edit and Delete. The bundles of
/// other backends have none of it (the default).
#[derive(Default)]
pub struct Conversation {
    /// The edit form, while the author edits.
    pub edit_form: Option<Html>,
    /// The vote buttons (empty where the backend takes no votes).
    pub votes: Html,
    /// Edit and Delete, on the reader's own comment within the window.
    pub own: Html,
}
