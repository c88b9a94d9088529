//! One comment: byline, text, actions, an in-place reply form, and its replies.

#[cfg(feature = "foreign")]
use super::avatar::Avatar;
use super::reply_form::ReplyForm;
use super::report::use_report_button;
use crate::effects::ThreadCtx;
use crate::i18n;
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

    let author = match &c.website {
        Some(url) => html! {
            <a class="tl-author" href={url.clone()} rel="nofollow ugc noopener" target="_blank">{ c.author.clone() }</a>
        },
        None => html! { <span class="tl-author">{ c.author.clone() }</span> },
    };
    let time = c.created_ms.map(|ms| {
        let title = local_date_time(ms);
        let ago = i18n::ago::ago(js_sys::Date::now() as i64, ms).to_string();
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
    let close_form = {
        let replying = replying.clone();
        Callback::from(move |_| replying.set(false))
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
                { i18n::reply_count(props.node.descendants + left_out as usize) }
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
                            <span class="tl-badge">{ i18n::PENDING }</span>
                        }
                        if c.pinned {
                            <span class="tl-badge tl-pinned">{ i18n::PINNED }</span>
                        }
                        <a class="tl-permalink" href={format!("#comment-{}", c.id)} onclick={reveal}>
                            { time.unwrap_or_else(|| html! { <span class="tl-time">{ "#" }</span> }) }
                        </a>
                        if c.edited && !gone {
                            <span class="tl-edited">{ i18n::EDITED }</span>
                        }
                    </span>
                </header>
                if let Some(name) = props.answers.clone().or_else(|| c.in_reply_to.clone().map(AttrValue::from)) {
                    <p class="tl-in-reply-to">{ "↳ " }{ i18n::IN_REPLY_TO }{ " " }<span>{ name }</span></p>
                }
                if gone {
                    <p class="tl-body tl-deleted">
                        { if c.status == Status::Removed { i18n::REMOVED } else { i18n::DELETED } }
                    </p>
                } else if let Some(form) = talk.edit_form.clone() {
                    { form }
                } else {
                    { super::body::comment_body(c, &warning_shown) }
                }
                <footer class="tl-actions">
                    { talk.votes.clone() }
                    if can_reply {
                        <button type="button" class="tl-reply tl-link-button" aria-expanded={super::bool_attr(*replying)}
                            onclick={toggle_reply}>{ i18n::REPLY }</button>
                    }
                    if has_replies {
                        <button type="button" class="tl-collapse tl-link-button" aria-expanded={super::bool_attr(!*collapsed)}
                            aria-label={i18n::toggle_label(*collapsed, &c.author)} onclick={toggle_collapse}>
                            { if *collapsed { i18n::SHOW_REPLIES } else { i18n::HIDE_REPLIES } }
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
                <ReplyForm parent={Some(c.id.clone())} replying_to={Some(AttrValue::from(c.author.clone()))}
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
                { super::more::more_replies(ctx, more) }
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

thread_local! {
    /// One `Intl.DateTimeFormat` for every comment: `Date.toLocaleString` builds a new one per
    /// call, which cost about 33 ms for the 190 comments of a page here, against 0.6 ms.
    static DATE_TIME: js_sys::Function = {
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| js_sys::Reflect::set(&options, &k.into(), &v.into());
        let _ = set("dateStyle", "medium").and_then(|_| set("timeStyle", "short"));
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
    };
}

/// The reader's own date and time of `ms`, e.g. "Nov 25, 2026, 3:20 PM", for the tooltip.
fn local_date_time(ms: i64) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    DATE_TIME
        .with(|format| format.call1(&wasm_bindgen::JsValue::NULL, &date).ok().and_then(|s| s.as_string()))
        .unwrap_or_default()
}
