//! Browser tests of the widget's components in headless Chromium (wasm-bindgen-test).
//! Run by `cargo xtask test`; each waits for a DOM condition with a deadline, never a fixed sleep.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use threadline::components::avatar::identicon;
use threadline::components::body::rich_body;
use threadline::i18n::catalogue::Table;
use threadline::i18n::{Catalogue, Tr};
use threadline::{k, Thread, ThreadProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_div() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Polls `find` until it returns something or ten seconds pass.
async fn wait_for<T>(what: &str, mut find: impl FnMut() -> Option<T>) -> T {
    let deadline = js_sys::Date::now() + 10_000.0;
    loop {
        if let Some(found) = find() {
            return found;
        }
        assert!(js_sys::Date::now() < deadline, "timed out waiting for {what}");
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A catalogue file, keyed, as it is written.
fn keyed(lang: &str) -> js_sys::Object {
    let text = match lang {
        "ar" => include_str!("../src/i18n/messages/ar.json"),
        "de" => include_str!("../src/i18n/messages/de.json"),
        "ru" => include_str!("../src/i18n/messages/ru.json"),
        _ => include_str!("../src/i18n/messages/en.json"),
    };
    js_sys::JSON::parse(text).unwrap().unchecked_into()
}

/// A catalogue as the loader hands it over: the messages in the keys' order (`cargo xtask
/// dist` ships them so).
fn messages(lang: &str) -> js_sys::Array {
    let object = keyed(lang);
    threadline::i18n::keys::KEYS
        .iter()
        .map(|k| js_sys::Reflect::get(&object, &(*k).into()).unwrap())
        .collect()
}

fn catalogue(lang: &str) -> Tr {
    Tr(std::rc::Rc::new(Catalogue::new(lang, lang, Table::from_js(messages(lang)))))
}

fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Renders a piece of view (the widget's view functions are not components of their own).
#[derive(Properties, PartialEq)]
struct ShowProps {
    html: Html,
}

#[function_component]
fn Show(props: &ShowProps) -> Html {
    props.html.clone()
}

fn show(div: &HtmlElement, html: Html) {
    yew::Renderer::<Show>::with_root_and_props(div.clone().into(), ShowProps { html }).render();
}

#[wasm_bindgen_test]
async fn body_renders_markup_as_text_with_paragraphs() {
    let div = fresh_div();
    let text = "<b onclick=\"x()\">bold</b> line one\nline two\n\nsecond <script>paragraph</script>";
    show(&div, rich_body(text, None, false));
    let body = wait_for("the body", || query(&div, ".tl-body")).await;
    assert_eq!(body.query_selector_all("p").unwrap().length(), 2);
    assert_eq!(body.query_selector_all("br").unwrap().length(), 1);
    assert!(query(&body, "b, script, [onclick]").is_none(), "markup must not become elements");
    assert!(body.text_content().unwrap().contains("<b onclick=\"x()\">bold</b>"));
}

#[wasm_bindgen_test]
async fn avatar_is_a_local_svg() {
    let div = fresh_div();
    show(&div, identicon("Ann"));
    let svg = wait_for("the identicon", || query(&div, "svg.tl-avatar")).await;
    let path = query(&svg, "path").expect("a path");
    assert!(path.get_attribute("d").unwrap().starts_with('M'));
    assert!(query(&div, "img, image, [href]").is_none(), "no request to any third party");
}

#[wasm_bindgen_test]
async fn unreachable_backend_shows_message_and_retry() {
    let div = fresh_div();
    // Port 9 (discard) is closed on loopback: the fetch fails at once.
    let props = ThreadProps {
        api: "http://127.0.0.1:9/api".into(),
        thread: "/t".into(),
        max_depth: 5,
        page_size: 50,
        site: "default".into(),
        backend: None,
        #[cfg(feature = "foreign")]
        remote_avatars: false,
        tr: catalogue("en"),
    };
    yew::Renderer::<Thread>::with_root_and_props(div.clone().into(), props).render();
    let skeleton_or_error =
        wait_for("a skeleton or an error", || query(&div, ".tl-skeleton, .tl-error")).await;
    assert!(skeleton_or_error.class_name().contains("tl-"), "never a blank box");
    let retry = wait_for("the retry button", || query(&div, ".tl-error button.tl-retry")).await;
    let message = query(&div, ".tl-error-message").unwrap().text_content().unwrap();
    assert!(message.contains("couldn't reach"), "{message}");
    let first_error = query(&div, ".tl-error").unwrap();
    retry.unchecked_into::<HtmlElement>().click();
    // Retry goes back through the loading state, which replaces the error box; the closed
    // port then fails again and a new error box appears.
    wait_for("the old error to go", || (!first_error.is_connected()).then_some(())).await;
    wait_for("the error again", || query(&div, ".tl-root[data-state=error] .tl-retry")).await;
}

#[wasm_bindgen_test]
async fn mount_renders_inside_a_shadow_root_with_its_stylesheet() {
    let div = fresh_div();
    let options = js_sys::Object::new();
    for (k, v) in [("api", "http://127.0.0.1:9/api"), ("thread", "/t"), ("css", "http://127.0.0.1:9/x.css")] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    js_sys::Reflect::set(&options, &"lang".into(), &"ar".into()).unwrap();
    js_sys::Reflect::set(&options, &"messages".into(), &messages("ar")).unwrap();
    threadline::mount(div.clone(), &options).unwrap();
    let shadow = div.shadow_root().expect("a shadow root");
    let link = shadow.query_selector("link[data-tl-css]").unwrap().expect("the stylesheet link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("http://127.0.0.1:9/x.css"));
    let root = wait_for("the widget root", || shadow.query_selector(".tl-root").ok().flatten()).await;
    assert!(div.query_selector(".tl-root").unwrap().is_none(), "nothing renders into the light DOM");
    assert_eq!(
        (root.get_attribute("lang"), root.get_attribute("dir")),
        (Some("ar".into()), Some("rtl".into()))
    );
}

#[wasm_bindgen_test]
async fn mount_explains_a_missing_api() {
    let div = fresh_div();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"thread".into(), &"/t".into()).unwrap();
    js_sys::Reflect::set(&options, &"messages".into(), &messages("en")).unwrap();
    threadline::mount(div.clone(), &options).unwrap();
    let shadow = div.shadow_root().unwrap();
    let msg =
        wait_for("the config error", || shadow.query_selector(".tl-error-message").ok().flatten()).await;
    assert!(msg.text_content().unwrap().contains("data-api"));
}

/// In the browser, JSON is read by `JSON.parse` (so no JSON parser ships in the wasm); it must
/// read what serde_json reads, refuse what serde_json refuses, and never panic.
#[wasm_bindgen_test]
fn browser_json_reads_the_protocol_like_serde_json() {
    use threadline::api::{decode, from_json};
    use threadline_protocol::{ErrorBody, ThreadPage};
    let page = r#"{"comments":[{"id":7,"thread":"/t","parent":null,"author":"Ann","website":null,
        "text":"Hi \u00e9 \ud83d\ude00","created_at":"2026-11-25T10:00:00Z","replies":0,"extra":[1,{"x":2}]}],
        "next_cursor":"abc","total":1}"#;
    let ours: Result<ThreadPage, String> = from_json(page);
    let reference: ThreadPage = serde_json::from_str(page).unwrap();
    assert_eq!(ours, Ok(reference));

    let error = r#"{"error":{"code":"invalid_field","message":"Please enter your name.","field":"author"}}"#;
    assert_eq!(from_json::<ErrorBody>(error).ok(), serde_json::from_str::<ErrorBody>(error).ok());

    for hostile in
        ["", "{", "null", "[]", r#"{"comments":7}"#, r#"{"comments":[{"id":"x"}]}"#, "\"\\ud800\"", "1e999"]
    {
        assert!(from_json::<ThreadPage>(hostile).is_err(), "{hostile} must not decode");
        assert!(serde_json::from_str::<ThreadPage>(hostile).is_err(), "{hostile}: serde_json agrees");
        assert!(decode::<ThreadPage>(200, hostile).is_err());
    }
}

/// Routes the page's `fetch` of `http://late.invalid/api/comments` to canned answers: thread
/// `/slow` answers after 300 ms, any other thread at once. `window.__tlSlowRead` turns true in
/// the task after the widget has read the slow answer's body, so that a test can tell that the
/// late answer has been handled without guessing a delay.
fn stub_late_backend() {
    let install = js_sys::Function::new_no_args(
        r#"
        if (window.__tlStubbed) return;
        window.__tlStubbed = true;
        const real = window.fetch.bind(window);
        const page = (thread, id, text) => JSON.stringify({ comments: [{ id, thread, parent: null,
            author: "Ann", website: null, text, created_at: "2026-11-25T10:00:00Z", replies: 0 }],
            next_cursor: null, total: 1 });
        window.fetch = (input, init) => {
            const url = new URL(typeof input === "string" ? input : input.url);
            if (url.origin !== "http://late.invalid") return real(input, init);
            const thread = url.searchParams.get("thread");
            const slow = thread === "/slow";
            const response = new Response(page(thread, slow ? 1 : 2, slow ? "from the old thread" : "from the new thread"),
                { status: 200, headers: { "Content-Type": "application/json" } });
            if (!slow) return Promise.resolve(response);
            const text = response.text.bind(response);
            response.text = () => text().then(body => { setTimeout(() => { window.__tlSlowRead = true; }, 0); return body; });
            return new Promise(resolve => setTimeout(() => resolve(response), 300));
        };
        "#,
    );
    install.call0(&wasm_bindgen::JsValue::NULL).unwrap();
}

#[wasm_bindgen_test]
async fn a_late_answer_for_the_previous_thread_is_dropped() {
    stub_late_backend();
    let div = fresh_div();
    let props = |thread: &str| ThreadProps {
        api: "http://late.invalid/api".into(),
        thread: thread.to_string().into(),
        max_depth: 5,
        page_size: 50,
        site: "default".into(),
        backend: None,
        #[cfg(feature = "foreign")]
        remote_avatars: false,
        tr: catalogue("en"),
    };
    let mut app = yew::Renderer::<Thread>::with_root_and_props(div.clone().into(), props("/slow")).render();
    wait_for("the skeleton", || query(&div, ".tl-root[data-state=loading]")).await;
    // The page switches threads while the first thread's answer is still on its way.
    app.update(props("/fast"));
    let body = wait_for("the new thread", || query(&div, ".tl-root[data-state=ready] .tl-comment")).await;
    assert!(body.text_content().unwrap().contains("from the new thread"));
    let read = || js_sys::Reflect::get(&web_sys::window().unwrap(), &"__tlSlowRead".into()).ok();
    wait_for("the old thread's late answer to be read", || read().filter(|v| v.is_truthy())).await;
    let text = query(&div, ".tl-list").unwrap().text_content().unwrap();
    assert!(text.contains("from the new thread") && !text.contains("from the old thread"), "{text}");
}

/// A mapping's regex capture runs on the browser's own `RegExp` (no engine in the wasm), and
/// reads the shared syntax as the native engine does (`src/mapping/pattern.rs` tests the same).
#[cfg(feature = "custom")]
#[wasm_bindgen_test]
fn regex_captures_run_on_the_browsers_engine_like_the_native_one() {
    use threadline::mapping::pattern::Pattern;
    let id = Pattern::new(r"/comments/(\d+)$").unwrap();
    assert_eq!(id.capture("https://x.example/api/comments/4512").as_deref(), Some("4512"));
    assert_eq!(id.capture("https://x.example/api/comments/4512/replies"), None);
    assert_eq!(Pattern::new(r"[A-Z]{2,}").unwrap().capture("ref: ABC-12").as_deref(), Some("ABC"));
    assert_eq!(Pattern::new(r"^a(b)?").unwrap().capture("ac"), None);
    assert_eq!(Pattern::new(r"^t\d_(\w+)").unwrap().capture("t1_k3x9").as_deref(), Some("k3x9"));
    // Non-ASCII text: the `u` flag reads characters, not UTF-16 halves.
    assert_eq!(Pattern::new(r"^(.)").unwrap().capture("😀x").as_deref(), Some("😀"));
    let err = Pattern::new(r"(\d+").unwrap_err();
    assert!(!err.is_empty(), "a syntax error says why");
}

/// Plurals, numbers and times come from the browser's `Intl`: Arabic's six plural forms, its
/// digits, and relative and absolute times in the reader's language.
#[wasm_bindgen_test]
fn counts_and_times_follow_the_readers_language() {
    let ar = catalogue("ar");
    let forms: Vec<String> =
        [0, 1, 2, 3, 11, 100].into_iter().map(|n| ar.count(k!("comment_count"), n)).collect();
    let distinct: std::collections::BTreeSet<&String> = forms.iter().collect();
    assert_eq!(distinct.len(), 6, "Arabic has six plural forms: {forms:?}");
    let few = js_sys::Reflect::get(
        &js_sys::Reflect::get(&keyed("ar"), &"comment_count".into()).unwrap(),
        &"few".into(),
    )
    .unwrap()
    .as_string()
    .unwrap();
    assert_eq!(forms[3], few.replace("{n}", &ar.number(3)), "3 takes the few form, in the language's digits");
    let now = js_sys::Date::now() as i64;
    let ago = ar.ago(now, now - 5 * 60_000);
    assert!(ago.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) && !ago.contains("ago"), "{ago}");
    let ru = catalogue("ru");
    assert_ne!(
        ru.count(k!("reply_count"), 2),
        ru.count(k!("reply_count"), 5),
        "Russian: few and many differ"
    );
    let de = catalogue("de");
    // 24 December 2026, noon UTC.
    let date = de.date_time(1_798_113_600_000);
    assert!(date.starts_with("24.12.2026"), "a German date: {date}");
    assert_eq!(de.ago(now, now - 86_400_000 - 1000), "gestern");
    assert_eq!(catalogue("en").ago(now, now - 2 * 3_600_000), "2 hours ago");
}
