//! Templates: URLs, header values and JSON bodies with `{name}` placeholders.
//!
//! A placeholder is `{name}`, `{name:number}` or `{name:string}` (a type cast), optionally
//! followed by `|default`, e.g. `{parent|0}`. The default is read as JSON when it parses
//! (`0`, `null`, `"0"`) and as a plain string otherwise (`root`). `{{` and `}}` stand for
//! literal braces. A default may itself be a placeholder (`{parent|{thread}}`).
//!
//! Post templates also know `{parent./pointer}` and `{root./pointer}`: a field of the raw
//! object of the comment answered, or of the thread's root (see `Mapping::post_vars`).
//!
//! In URLs every value except `{api}` is percent-encoded. In a JSON body, a string leaf that is
//! exactly one placeholder takes the value's own type (a numeric id stays a number); a
//! placeholder with no value and no default removes its key from an object (it becomes `null`
//! in an array); inside a longer string it becomes empty.

use serde_json::{Map, Value};

/// Which placeholders a template may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Headers sent with every request: only what every request knows.
    Any,
    /// List and count requests.
    List,
    /// The post request.
    Post,
    /// `tree.quote`: the text of a reply on a flat API.
    Quote,
    /// `list.continuation.request`.
    More,
}

const ANY: &[&str] = &["api", "thread", "url", "title"];
const LIST: &[&str] = &["api", "thread", "url", "title", "page", "offset", "limit", "cursor"];
const POST: &[&str] = &[
    "api", "thread", "url", "title", "text", "author", "email", "website", "parent", "root", "now",
    "parent./", "root./",
];
const QUOTE: &[&str] = &["text", "author", "parent_author"];
const MORE: &[&str] = &["api", "thread", "url", "title", "more_ids", "more_url", "more_parent"];

impl Scope {
    fn names(self) -> &'static [&'static str] {
        match self {
            Scope::Any => ANY,
            Scope::List => LIST,
            Scope::Post => POST,
            Scope::Quote => QUOTE,
            Scope::More => MORE,
        }
    }
}

/// A type cast on a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cast {
    Number,
    String,
}

#[derive(Debug, Clone, PartialEq)]
struct Placeholder<'a> {
    name: &'a str,
    cast: Option<Cast>,
    default: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment<'a> {
    Text(&'a str),
    Var(Placeholder<'a>),
}

fn parse(template: &str) -> Result<Vec<Segment<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{{") {
            out.push(Segment::Text("{"));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("}}") {
            out.push(Segment::Text("}"));
            rest = after;
        } else if let Some(after) = rest.strip_prefix('{') {
            let end = closing(after).ok_or_else(|| format!("has a '{{' with no '}}' in {template:?}"))?;
            out.push(Segment::Var(placeholder(&after[..end])?));
            rest = &after[end + 1..];
        } else {
            let end = rest.find(['{', '}']).map_or(rest.len(), |i| i.max(1));
            out.push(Segment::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    Ok(out)
}

/// The index of the `}` closing a placeholder, past any nested `{…}` in its default.
fn closing(after: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in after.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Some(i),
            b'}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The field cited by `{parent./p}` or `{root./p}`: (`parent` or `root`, the pointer).
pub fn cited(name: &str) -> Option<(&str, &str)> {
    let (whose, pointer) = name.split_once('.')?;
    (matches!(whose, "parent" | "root") && pointer.starts_with('/')).then_some((whose, pointer))
}

fn placeholder(inner: &str) -> Result<Placeholder<'_>, String> {
    let (spec, default) = match inner.split_once('|') {
        Some((spec, d)) => (spec, Some(serde_json::from_str(d).unwrap_or_else(|_| Value::String(d.into())))),
        None => (inner, None),
    };
    if cited(spec).is_some() {
        return Ok(match spec.rsplit_once(':') {
            Some((name, "number")) => Placeholder { name, cast: Some(Cast::Number), default },
            Some((name, "string")) => Placeholder { name, cast: Some(Cast::String), default },
            _ => Placeholder { name: spec, cast: None, default },
        });
    }
    let (name, cast) = match spec.split_once(':') {
        None => (spec, None),
        Some((name, "number")) => (name, Some(Cast::Number)),
        Some((name, "string")) => (name, Some(Cast::String)),
        Some((_, other)) => return Err(format!("has an unknown cast :{other} (use :number or :string)")),
    };
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err(format!("has a malformed placeholder {{{inner}}}"));
    }
    Ok(Placeholder { name, cast, default })
}

/// Checks a template string: well-formed, and only placeholders known in `scope`.
pub fn check(key: &str, template: &str, scope: Scope) -> Result<(), String> {
    for segment in parse(template).map_err(|e| format!("{key} {e}"))? {
        if let Segment::Var(p) = segment {
            if let Some(Value::String(d)) = &p.default {
                check(key, d, scope)?;
            }
            let known = match cited(p.name) {
                Some((whose, _)) => scope.names().iter().any(|n| n.strip_suffix("./") == Some(whose)),
                None => scope.names().contains(&p.name),
            };
            if !known {
                return Err(format!(
                    "{key} uses {{{}}}, which is not known there (known: {})",
                    p.name,
                    scope.names().iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    Ok(())
}

/// Checks every string leaf of a JSON body template.
pub fn check_value(key: &str, template: &Value, scope: Scope) -> Result<(), String> {
    match template {
        Value::String(s) => check(key, s, scope),
        Value::Array(items) => {
            items.iter().enumerate().try_for_each(|(i, v)| check_value(&format!("{key}[{i}]"), v, scope))
        }
        Value::Object(map) => map.iter().try_for_each(|(k, v)| check_value(&format!("{key}.{k}"), v, scope)),
        _ => Ok(()),
    }
}

/// The values placeholders stand for. A name that is not set has no value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vars {
    entries: Vec<(&'static str, Value)>,
    /// The raw object of the comment answered (`{parent./p}`).
    pub parent_obj: Option<std::rc::Rc<Value>>,
    /// The raw object of the thread's root (`{root./p}`).
    pub root_obj: Option<std::rc::Rc<Value>>,
}

impl Vars {
    /// Sets a value, replacing any earlier one.
    pub fn set(&mut self, name: &'static str, value: impl Into<Value>) -> &mut Self {
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name, value)),
        }
        self
    }

    /// Sets a string value unless it is blank, so that an empty field counts as no value.
    pub fn set_text(&mut self, name: &'static str, value: &str) -> &mut Self {
        if !value.trim().is_empty() {
            self.set(name, value.trim());
        }
        self
    }

    /// The value of a name, if it has one.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        let Some((whose, pointer)) = cited(name) else { return self.get(name).cloned() };
        let obj = if whose == "parent" { &self.parent_obj } else { &self.root_obj };
        obj.as_ref()?.pointer(pointer).filter(|v| !v.is_null()).cloned()
    }

    fn resolve(&self, p: &Placeholder<'_>) -> Option<Value> {
        let value = match self.lookup(p.name) {
            Some(v) => v,
            // A default that is a template: `{parent|{thread}}`.
            None => match &p.default {
                Some(Value::String(d)) if d.contains('{') => render_value(&Value::String(d.clone()), self)?,
                other => other.clone()?,
            },
        };
        Some(match (p.cast, value) {
            (Some(Cast::Number), Value::String(s)) => number(&s).unwrap_or(Value::String(s)),
            (Some(Cast::String), v) if !v.is_string() => Value::String(as_text(&v)),
            (_, v) => v,
        })
    }
}

fn number(s: &str) -> Option<Value> {
    let s = s.trim();
    if let Ok(i) = s.parse::<i64>() {
        return Some(i.into());
    }
    s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number)
}

/// A JSON value as text: strings as they are, `null` as nothing, the rest as JSON.
pub fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Renders a URL template: values are percent-encoded, except `{api}`, the base URL.
pub fn render_url(template: &str, vars: &Vars) -> String {
    render(template, vars, true)
}

/// Renders a template string without encoding (header values, string leaves of bodies).
pub fn render_text(template: &str, vars: &Vars) -> String {
    render(template, vars, false)
}

fn render(template: &str, vars: &Vars, encode: bool) -> String {
    let Ok(segments) = parse(template) else { return template.to_string() };
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Text(t) => out.push_str(t),
            Segment::Var(p) => {
                let text = vars.resolve(&p).map(|v| as_text(&v)).unwrap_or_default();
                if encode && p.name != "api" {
                    out.push_str(&encode_component(&text));
                } else {
                    out.push_str(&text);
                }
            }
        }
    }
    out
}

/// Renders a JSON body template; `None` means "no value" (the caller drops the key).
pub fn render_value(template: &Value, vars: &Vars) -> Option<Value> {
    match template {
        Value::String(s) => match parse(s).as_deref() {
            Ok([Segment::Var(p)]) => vars.resolve(p),
            _ => Some(Value::String(render_text(s, vars))),
        },
        Value::Array(items) => {
            Some(Value::Array(items.iter().map(|v| render_value(v, vars).unwrap_or(Value::Null)).collect()))
        }
        Value::Object(map) => {
            let rendered: Map<String, Value> =
                map.iter().filter_map(|(k, v)| render_value(v, vars).map(|v| (k.clone(), v))).collect();
            Some(Value::Object(rendered))
        }
        other => Some(other.clone()),
    }
}

/// Encodes the top-level keys of a rendered body as `application/x-www-form-urlencoded`;
/// `null` values are left out.
pub fn form_encode(body: &Value) -> String {
    let Some(map) = body.as_object() else { return String::new() };
    map.iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(&as_text(v))))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars() -> Vars {
        let mut v = Vars::default();
        v.set("api", "https://h/api").set("thread", "/a b?c").set("page", 2).set("parent", 42);
        v.set("author", "Ann").set("root", "7");
        v
    }

    #[test]
    fn urls_encode_everything_but_the_base() {
        let url = render_url("{api}/c?t={thread}&p={page}&c={cursor}&x={{y}}", &vars());
        assert_eq!(url, "https://h/api/c?t=%2Fa%20b%3Fc&p=2&c=&x={y}");
        assert_eq!(encode_component("é&="), "%C3%A9%26%3D");
    }

    #[test]
    fn whole_leaves_keep_their_type_and_missing_values_drop_their_key() {
        let body = json!({
            "parent": "{parent}", "root": "{root:number}", "pid": "{parent:string}",
            "email": "{email}", "site": "{email|}", "rid": "{cursor|0}", "hex": "{cursor|root}",
            "who": "Re: {author} {email}", "list": ["{email}", 1], "n": null
        });
        assert_eq!(
            render_value(&body, &vars()).unwrap(),
            json!({
                "parent": 42, "root": 7, "pid": "42", "site": "", "rid": 0, "hex": "root",
                "who": "Re: Ann ", "list": [null, 1], "n": null
            })
        );
        assert_eq!(form_encode(&json!({"a b": "x&y", "n": null, "k": 3})), "a%20b=x%26y&k=3");
    }

    #[test]
    fn checks_name_the_key_and_the_placeholder() {
        assert!(check("post.url", "{api}/new?uri={thread}", Scope::Post).is_ok());
        let e = check("list.url", "{api}?t={text}", Scope::List).unwrap_err();
        assert!(e.starts_with("list.url uses {text}"), "{e}");
        assert!(check("list.url", "{api", Scope::List).unwrap_err().contains("no '}'"));
        assert!(check("list.url", "{Thread}", Scope::List).unwrap_err().contains("malformed"));
        assert!(check("list.url", "{thread:int}", Scope::List).unwrap_err().contains("cast"));
        let e = check_value("post.body", &json!({"a": ["{x}"]}), Scope::Post).unwrap_err();
        assert!(e.starts_with("post.body.a[0] uses {x}"), "{e}");
    }
}
