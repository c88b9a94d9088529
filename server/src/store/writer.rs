//! The single writer with group commit.
//!
//! Every post goes through one task that owns the write connection. While it stores one
//! batch, new posts queue in its channel; it then takes all of them (up to [`MAX_BATCH`]) and
//! stores them in one transaction ([`run_batch`]), commits once, bumps the page cache's
//! version of every thread it wrote to, and only then answers each poster. An answered post
//! is therefore committed (WAL with `synchronous=NORMAL`: it survives a crash of this
//! process) and visible to every page built afterwards.
//!
//! Batching costs a lone poster nothing (a batch of one starts at once) and saves many
//! worker-thread round trips per post under load: see [`super::batch`].

use std::slice;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::batch::{run_batch, PostJob, PostResult};
use super::cache::PageCache;
use super::{Posted, StoreError};

/// The most posts stored in one transaction; more wait for the next one.
pub const MAX_BATCH: usize = 256;

/// Posts that may wait for the writer before senders wait too (backpressure).
const QUEUE: usize = 4096;

/// How often expired idempotency keys and spent challenges are deleted. Between purges they
/// are only garbage: look-ups ignore expired rows and inserts overwrite them.
const PURGE_EVERY: Duration = Duration::from_secs(60);

struct Envelope {
    job: PostJob,
    reply: oneshot::Sender<PostResult>,
}

/// The queue of the writer task; clones share it.
#[derive(Debug, Clone)]
pub(super) struct Writer {
    queue: mpsc::Sender<Envelope>,
}

impl Writer {
    /// Starts the writer task on `pool` (which should hold exactly one connection).
    pub(super) fn spawn(pool: SqlitePool, cache: Arc<PageCache>, commits: Arc<AtomicU64>) -> Self {
        let (queue, inbox) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, cache, commits, inbox));
        Self { queue }
    }

    /// Queues `job` and waits for its answer.
    pub(super) async fn post(&self, job: PostJob) -> PostResult {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Envelope { job, reply }).await.map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }
}

async fn run(
    pool: SqlitePool,
    cache: Arc<PageCache>,
    commits: Arc<AtomicU64>,
    mut inbox: mpsc::Receiver<Envelope>,
) {
    let mut last_purge: Option<Instant> = None;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while inbox.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (jobs, replies): (Vec<PostJob>, Vec<_>) = batch.drain(..).map(|e| (e.job, e.reply)).unzip();
        let purge = match last_purge {
            Some(at) if at.elapsed() < PURGE_EVERY => None,
            _ => {
                last_purge = Some(Instant::now());
                jobs.iter().map(|j| j.created_ms).min()
            }
        };
        let answers = group_commit(&pool, &cache, &commits, &jobs, purge).await;
        for (reply, answer) in replies.into_iter().zip(answers) {
            // A poster who went away (closed connection) does not need the answer.
            let _ = reply.send(answer);
        }
    }
}

/// Stores `jobs` as one group commit and returns one answer per job, in order, after the
/// page cache has forgotten every thread that got a comment.
///
/// If the transaction fails (a database error, not a refused post), nothing of it is stored
/// and each post is tried again in a transaction of its own, so that one post that trips the
/// database fails only itself.
pub(super) async fn group_commit(
    pool: &SqlitePool,
    cache: &PageCache,
    commits: &AtomicU64,
    jobs: &[PostJob],
    purge_before: Option<i64>,
) -> Vec<PostResult> {
    let mut conn = match pool.acquire().await {
        Ok(conn) => conn,
        Err(err) => {
            tracing::error!(%err, "no write connection");
            return jobs.iter().map(|_| Err(StoreError::WriterStopped)).collect();
        }
    };
    let answers = match run_batch(&mut conn, jobs, purge_before).await {
        Ok(answers) => answers,
        Err(err) if jobs.len() == 1 => vec![Err(err)],
        Err(err) => {
            tracing::warn!(posts = jobs.len(), %err, "group commit failed: storing its posts one by one");
            let mut answers = Vec::with_capacity(jobs.len());
            for job in jobs {
                answers.push(match run_batch(&mut conn, slice::from_ref(job), None).await {
                    Ok(mut one) => one.pop().expect("one answer per post"),
                    Err(err) => Err(err),
                });
            }
            answers
        }
    };
    commits.fetch_add(1, Ordering::Relaxed);
    for answer in &answers {
        if let Ok(Posted::Created(comment)) = answer {
            cache.invalidate(&comment.thread);
        }
    }
    answers
}
