//! The writes: a single writer task with group commit. Reads never come here (see
//! [`super::read`]).
//!
//! Every post goes through one task that owns the write connection. While it stores one
//! batch, new posts queue in its channel; it then takes all of them (up to [`MAX_BATCH`]) and
//! stores them in one transaction ([`run_batch`]), commits once, bumps the page cache's
//! version of every thread it wrote to, and only then answers each poster. An answered post
//! is therefore committed (WAL with `synchronous=NORMAL`: it survives a crash of this
//! process) and visible to every page built afterwards.
//!
//! Batching costs a lone poster nothing (a batch of one starts at once) and saves many
//! worker-thread round trips per post under load: see [`batch`].

mod batch;
mod post;

use std::slice;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use crate::store::model::{PostJob, PostResult, Posted};
use crate::store::read::{page_key, PageCache};
use crate::store::StoreError;
use batch::run_batch;

/// The most posts stored in one transaction; more wait for the next one.
pub const MAX_BATCH: usize = 256;

/// Posts that may wait for the writer before senders wait too (backpressure).
const QUEUE: usize = 4096;

/// How often expired idempotency keys, spent challenges and thread starts are deleted.
/// Between purges they are only garbage: look-ups ignore expired rows, and a new key or
/// challenge overwrites an expired one.
const PURGE_EVERY: Duration = Duration::from_secs(60);

struct Envelope {
    job: PostJob,
    reply: oneshot::Sender<PostResult>,
}

/// What a group commit tells the rest of the store once it committed.
#[derive(Debug)]
struct Outcome {
    /// Forgets every thread that got a comment.
    cache: Arc<PageCache>,
    /// Counts group commits, for the checkpoint task.
    commits: Arc<AtomicU64>,
    /// The highest comment id stored, for the honeypot's make-believe ids.
    last_id: Arc<AtomicI64>,
}

/// The queue of the writer task; clones share it.
#[derive(Debug, Clone)]
pub(in crate::store) struct Writer {
    queue: mpsc::Sender<Envelope>,
    outcome: Arc<Outcome>,
}

impl Writer {
    /// Starts the writer task on `pool` (which should hold exactly one connection).
    pub(in crate::store) fn spawn(
        pool: SqlitePool,
        cache: Arc<PageCache>,
        commits: Arc<AtomicU64>,
        last_id: Arc<AtomicI64>,
    ) -> Self {
        let (queue, inbox) = mpsc::channel(QUEUE);
        let outcome = Arc::new(Outcome { cache, commits, last_id });
        tokio::spawn(run(pool, Arc::clone(&outcome), inbox));
        Self { queue, outcome }
    }

    /// Stores `jobs` as one group commit at once, on `pool`, as the task does with the
    /// posts it finds queued (for tests that choose a batch).
    pub(in crate::store) async fn group_commit_now(
        &self,
        pool: &SqlitePool,
        jobs: &[PostJob],
    ) -> Vec<PostResult> {
        group_commit(pool, &self.outcome, jobs, None).await
    }

    /// Queues `job` and waits for its answer.
    pub(in crate::store) async fn post(&self, job: PostJob) -> PostResult {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Envelope { job, reply }).await.map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }
}

async fn run(pool: SqlitePool, outcome: Arc<Outcome>, mut inbox: mpsc::Receiver<Envelope>) {
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
        let answers = group_commit(&pool, &outcome, &jobs, purge).await;
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
async fn group_commit(
    pool: &SqlitePool,
    outcome: &Outcome,
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
    outcome.commits.fetch_add(1, Ordering::Relaxed);
    for (job, answer) in jobs.iter().zip(&answers) {
        if let Ok(Posted::Created(comment)) = answer {
            // A held comment changes no public page.
            if comment.status.is_approved() {
                outcome.cache.invalidate(&page_key(job.meta.site(), &comment.thread));
            }
            outcome.last_id.fetch_max(comment.id, Ordering::Relaxed);
        }
    }
    answers
}
