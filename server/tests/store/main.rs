//! Tests of the store's page cache, group commit and shared change-feed reads against a real
//! SQLite file (the library's API, no HTTP): what a reader sees right after a write, what each
//! poster of a batch is told, and when live-update streams share a read.

mod cache;
mod group_commit;
mod shared_reads;
mod support;
