//! The declarative mapping: a JSON description of any comment API (`data-backend="custom"`
//! with `data-mapping`), and the pure engine that follows it. `docs/backends.md` is the
//! reference for site owners; this module holds the types ([`schema`], checked by
//! [`validate`]), placeholders ([`template`]), requests ([`request`]), paging ([`paging`]),
//! reading answers ([`answer`], [`extract`], [`read`]), value specs ([`value`]), conditions
//! ([`condition`]), continuations ([`more`]), link ranges ([`ranges`]) and posting ([`post`]);
//! [`check`] is the mapping checker's engine. No I/O here:
//! `api::custom` sends the requests.

pub mod answer;
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
pub mod condition;
pub mod cycles;
pub mod extract;
pub mod manual;
pub mod more;
pub mod paging;
pub mod parse;
pub mod pattern;
pub mod post;
pub mod ranges;
pub mod read;
pub mod request;
pub mod schema;
pub mod sections;
pub mod seen;
pub mod template;
pub mod validate;
pub mod value;

pub use answer::ListAnswer;
pub use paging::PageRequest;
pub use request::{Env, HttpRequest};
pub use schema::Mapping;
pub use seen::Seen;

use crate::error::ClientError;
use serde_json::Value;

const TOP_KEYS: &[&str] =
    &["name", "headers", "credentials", "list", "tree", "comment", "authors", "error", "post", "count"];

impl Mapping {
    /// Parses and validates a mapping from JSON text; errors name the key at fault.
    pub fn parse(text: &str) -> Result<Mapping, ClientError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| ClientError::Config(format!("data-mapping is not valid JSON: {e}")))?;
        Mapping::from_value(value)
    }

    /// Validates a mapping given as a JSON value.
    pub fn from_value(value: Value) -> Result<Mapping, ClientError> {
        let Some(top) = value.as_object() else {
            return Err(ClientError::Config("data-mapping must be a JSON object".into()));
        };
        if let Some(unknown) = top.keys().find(|k| !TOP_KEYS.contains(&k.as_str())) {
            return Err(ClientError::Config(format!(
                "data-mapping has an unknown key {unknown:?} (known: {})",
                TOP_KEYS.join(", ")
            )));
        }
        let mapping = parse::mapping(&value).map_err(|e| ClientError::Config(format!("data-mapping {e}")))?;
        mapping.validate().map_err(|e| ClientError::Config(format!("data-mapping {e}")))?;
        Ok(mapping)
    }
}

#[cfg(test)]
mod tests;
