//! Tests of the store's page cache and group commit against a real SQLite file (the
//! library's API, no HTTP): what a reader sees right after a write, and what each poster of
//! a batch is told.

mod cache;
mod group_commit;
mod support;
