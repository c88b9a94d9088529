//! HTTP handlers: plain async functions taking extractors. The route table is in
//! [`crate::app::app`].

pub mod challenge;
pub mod comments;
pub mod counts;
pub mod feeds;
pub mod health;
pub mod mail;
pub mod moderation;
pub mod own;
mod reader;
pub mod replies;
pub mod reports;
pub mod stream;
pub mod votes;
