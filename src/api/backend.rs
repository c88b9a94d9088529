//! [`Backend`]: the configured backend, and the one dispatch from the widget's calls to the
//! adapter that speaks that backend's protocol.

#[cfg(feature = "custom")]
use super::custom;
#[cfg(feature = "isso")]
use super::isso;
#[cfg(feature = "native")]
use super::native;
#[cfg(feature = "waline")]
use super::waline;
#[cfg(feature = "wordpress")]
use super::wordpress;
use super::{Capabilities, Draft, Page, Posted};
use crate::error::ClientError;

/// A configured backend. An enum rather than a trait object: the set is closed and known at
/// build time, and static dispatch keeps the wasm small.
#[derive(Debug, Clone, PartialEq)]
pub enum Backend {
    /// Threadline's own protocol (`docs/protocol.md`).
    #[cfg(feature = "native")]
    Native(native::NativeApi),
    /// The WordPress REST API.
    #[cfg(feature = "wordpress")]
    WordPress(wordpress::WordPressApi),
    /// An Isso server.
    #[cfg(feature = "isso")]
    Isso(isso::IssoApi),
    /// A Waline server.
    #[cfg(feature = "waline")]
    Waline(waline::WalineApi),
    /// Any JSON API described by a declarative mapping (`docs/backends.md`).
    #[cfg(feature = "custom")]
    Custom(custom::CustomApi),
}

impl Backend {
    /// The backend a configuration asks for.
    pub fn from_config(c: &crate::config::Config) -> Result<Backend, ClientError> {
        use crate::config::BackendKind;
        Ok(match c.backend {
            #[cfg(feature = "native")]
            BackendKind::Threadline => Backend::Native(native::NativeApi::new(&c.api).with_site(&c.site)),
            #[cfg(feature = "wordpress")]
            BackendKind::WordPress => {
                Backend::WordPress(wordpress::WordPressApi::new(&c.api, c.post_id, c.page_url.clone()))
            }
            #[cfg(feature = "isso")]
            BackendKind::Isso => Backend::Isso(isso::IssoApi::new(&c.api, c.title.clone())),
            #[cfg(feature = "waline")]
            BackendKind::Waline => Backend::Waline(waline::WalineApi::new(&c.api)),
            #[cfg(feature = "custom")]
            BackendKind::Custom => {
                let mapping = c.mapping.as_deref().unwrap_or_default();
                let api = custom::CustomApi::new(&c.api, mapping)?;
                Backend::Custom(api.with_page(c.page_url.clone(), c.title.clone()))
            }
            // The loader fetches the bundle that `data-backend` names, so this is reached only
            // when a page loads a bundle by hand.
            #[allow(unreachable_patterns)]
            other => return Err(missing_backend(other)),
        })
    }

    /// What this backend can do.
    pub fn capabilities(&self) -> Capabilities {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(_) => Capabilities {
                name: "Threadline",
                markdown_input: true,
                reports: true,
                warnings: true,
                sorting: true,
                ..Capabilities::BASE
            },
            #[cfg(feature = "wordpress")]
            Backend::WordPress(_) => wordpress::CAPABILITIES,
            #[cfg(feature = "isso")]
            Backend::Isso(_) => isso::CAPABILITIES,
            #[cfg(feature = "waline")]
            Backend::Waline(_) => waline::CAPABILITIES,
            #[cfg(feature = "custom")]
            Backend::Custom(api) => Capabilities { name: "custom", ..api.capabilities() },
        }
    }

    /// Where the reader's author token belongs: the native API's base URL, so that a reader
    /// has one token per API. `None` for backends that issue none.
    pub fn author_scope(&self) -> Option<&str> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => Some(api.base()),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    #[cfg(not(feature = "foreign"))]
    /// The author edits their comment `id` (Threadline's own server only, with the author token).
    pub async fn edit_own(
        &self,
        id: &str,
        text: &str,
        warning: &str,
        author: &str,
    ) -> Result<crate::model::Comment, ClientError> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.edit_own(id, text, warning, author).await,
            #[allow(unreachable_patterns)]
            _ => Err(ClientError::Status(405)),
        }
    }

    #[cfg(not(feature = "foreign"))]
    /// The author deletes their comment `id`: answers the placeholder.
    pub async fn delete_own(&self, id: &str, author: &str) -> Result<crate::model::Comment, ClientError> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.delete_own(id, author).await,
            #[allow(unreachable_patterns)]
            _ => Err(ClientError::Status(405)),
        }
    }

    #[cfg(not(feature = "foreign"))]
    /// The reader votes on comment `id` (1, -1, or 0 to take it back): answers the counts.
    pub async fn vote(
        &self,
        id: &str,
        value: i8,
        author: Option<&str>,
    ) -> Result<threadline_protocol::VoteCount, ClientError> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.vote(id, value, author).await,
            #[allow(unreachable_patterns)]
            _ => Err(ClientError::Status(405)),
        }
    }

    /// Loads one page of a thread; `cursor` is `None` for the first page. `author` is the
    /// reader's author token, for the backends that have them ([`Self::author_scope`]);
    /// `sort` is the reader's order, for those that sort ([`Capabilities::sorting`]);
    /// `around` a permalinked comment, whose page the first page should be (Threadline's own
    /// server finds it, however deep in the thread; other backends start at the start).
    // Without the native backend no adapter takes an author token.
    #[cfg_attr(not(feature = "native"), allow(unused_variables))]
    pub async fn list(
        &self,
        thread: &str,
        cursor: Option<&str>,
        limit: u32,
        author: Option<&str>,
        sort: threadline_protocol::Sort,
        around: Option<&str>,
    ) -> Result<Page, ClientError> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.list(thread, cursor, limit, author, sort, around).await,
            #[cfg(feature = "wordpress")]
            Backend::WordPress(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "isso")]
            Backend::Isso(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "waline")]
            Backend::Waline(api) => api.list(thread, cursor, limit).await,
            #[cfg(feature = "custom")]
            Backend::Custom(api) => api.list(thread, cursor, limit).await,
        }
    }

    /// Posts a new comment and returns it as stored, with the author token to keep, if any.
    // Without the native backend no adapter takes an author token.
    #[cfg_attr(not(feature = "native"), allow(unused_variables))]
    pub async fn post(
        &self,
        thread: &str,
        draft: &Draft,
        author: Option<&str>,
    ) -> Result<Posted, ClientError> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.post(thread, draft, author).await,
            #[cfg(feature = "wordpress")]
            Backend::WordPress(api) => api.post(thread, draft).await.map(Posted::from),
            #[cfg(feature = "isso")]
            Backend::Isso(api) => api.post(thread, draft).await.map(Posted::from),
            #[cfg(feature = "waline")]
            Backend::Waline(api) => api.post(thread, draft).await.map(Posted::from),
            #[cfg(feature = "custom")]
            Backend::Custom(api) => api.post(thread, draft).await.map(Posted::from),
        }
    }

    /// Reports comment `id` to the site's moderators.
    /// Only backends whose [`Capabilities::reports`] is true take reports, and the widget
    /// offers the action on no other.
    // Without the native backend no adapter takes an author token.
    #[cfg_attr(not(feature = "native"), allow(unused_variables))]
    pub async fn report(
        &self,
        id: &str,
        report: &threadline_protocol::moderation::NewReport,
        author: Option<&str>,
    ) -> Result<(), ClientError> {
        match self {
            #[cfg(feature = "native")]
            Backend::Native(api) => api.report(id, report, author).await,
            // 405 Method Not Allowed: what such a backend would answer.
            #[allow(unreachable_patterns)]
            _ => Err(ClientError::Status(405)),
        }
    }
}

/// The error of a bundle built without the backend a page asks for.
fn missing_backend(kind: crate::config::BackendKind) -> ClientError {
    ClientError::Config(format!(
        "this bundle of the widget has no {} backend: embed threadline.js, which loads the right one",
        kind.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backend_kind_builds_from_its_attributes() {
        let attrs = |extra: &[(&str, &str)]| {
            let mut m: Vec<(String, String)> = [("api", "https://h.example"), ("thread", "/t")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            m.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            crate::config::Config::from_attrs(&m).unwrap()
        };
        let name =
            |extra: &[(&str, &str)]| Backend::from_config(&attrs(extra)).map(|b| b.capabilities().name);
        assert_eq!(name(&[]), Ok("Threadline"));
        let reports =
            |extra: &[(&str, &str)]| Backend::from_config(&attrs(extra)).unwrap().capabilities().reports;
        assert!(reports(&[]), "readers report comments to Threadline's moderators");
        assert!(!reports(&[("backend", "isso")]) && !reports(&[("backend", "wordpress")]));
        let native = Backend::from_config(&attrs(&[("site", "news")])).unwrap();
        assert_eq!(native, Backend::Native(native::NativeApi::new("https://h.example").with_site("news")));
        assert_eq!(native.author_scope(), Some("https://h.example"));
        assert_eq!(name(&[("backend", "wordpress")]), Ok("WordPress"));
        assert_eq!(name(&[("backend", "isso")]), Ok("Isso"));
        assert_eq!(name(&[("backend", "waline")]), Ok("Waline"));
        let mapping = r#"{"list": {"url": "{api}/c?t={thread}", "items": "/"}, "comment": {"id": "/id", "body": "/text"}}"#;
        assert_eq!(name(&[("backend", "custom"), ("mapping", mapping)]), Ok("custom"));
        assert!(name(&[("backend", "custom"), ("mapping", "{not json")]).is_err());
    }
}
