//! Yew components, one per file. They stay thin: data shaping lives in `model`, wording in
//! `i18n`, transitions in `state`.

pub mod avatar;
pub mod body;
pub mod comment;
#[cfg(feature = "moderator")]
pub mod moderator;
pub mod reply_form;
pub mod report;
pub mod states;
pub mod thread;
