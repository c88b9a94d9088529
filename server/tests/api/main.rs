//! End-to-end tests of `threadline-server` over real HTTP: each test starts the binary on
//! `127.0.0.1:0` against a fresh temporary SQLite file.

mod big_threads;
mod caching;
mod comments;
mod cors;
mod errors;
mod feeds;
mod hook;
mod http;
mod junk;
mod limits;
mod mail;
mod moderation;
mod modsupport;
mod own;
mod pow;
mod proxy;
mod sites;
mod smtp_sink;
mod sorting;
mod stream;
mod support;
mod threads;
mod visibility;
mod votes;
mod warnings;
