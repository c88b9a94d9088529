//! The read queries on SQLite: a page of a thread, comment counts, the replay look-up of an
//! `Idempotency-Key`, and the highest comment id. They run on the pool of reader
//! connections and never write.

use std::collections::BTreeMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row as _, SqliteConnection, SqlitePool};
use threadline_protocol::{Comment, MoreReplies, ThreadPage};

use crate::store::model::{IdempotencyClaim, StoredComment};
use crate::store::read::cap::cap_replies;
use crate::store::read::order::thread_order;
use crate::store::read::visibility::public_only;
use crate::store::read::{Cursor, PageShape, Sort};
use crate::store::StoreError;

/// A row of [`thread_page`]'s statement, by the `kind` column: the thread's total, a
/// top-level comment of the page (or the one after it), or a reply below one.
#[derive(Debug)]
enum PageRow {
    Total(i64),
    Top(StoredComment),
    Reply(StoredComment),
}

impl FromRow<'_, SqliteRow> for PageRow {
    fn from_row(row: &SqliteRow) -> Result<Self, sqlx::Error> {
        Ok(match row.try_get::<i64, _>("kind")? {
            0 => Self::Total(row.try_get("total")?),
            1 => Self::Top(StoredComment::from_row(row)?),
            _ => Self::Reply(StoredComment::from_row(row)?),
        })
    }
}

/// How many comments of a thread readers see: approved ones with no held or report-hidden
/// ancestor. The walk starts from the thread's held comments only, which are few, so a
/// thread without any costs one indexed count. `?1` is the site, `?2` the thread.
macro_rules! visible_count {
    () => {
        "(SELECT COUNT(*) FROM comments WHERE site = ?1 AND thread = ?2 AND status = 'approved')
  - (WITH RECURSIVE blocked(id) AS (
         SELECT id FROM comments WHERE site = ?1 AND thread = ?2 AND status IN ('pending', 'hidden')
         UNION SELECT c.id FROM comments c JOIN blocked b ON c.parent_id = b.id)
     SELECT COUNT(*) FROM comments WHERE id IN (SELECT id FROM blocked) AND status = 'approved')"
    };
}

/// The page statement of one order: `$after` keeps the top-level comments after the cursor
/// (`?3` created, `?4` id, and `?7` the negated score for the top order), `$order` orders
/// them, and `$total` counts the thread (see [`thread_page`]). The total's row pads every
/// column of [`crate::comment_columns`] with a NULL: a new column needs one more here.
macro_rules! page_sql {
    (($($after:tt)*), ($($order:tt)*), $($total:tt)*) => {
        concat!(
            "WITH tops AS (
                 SELECT ", crate::comment_columns!(), " FROM comments c
                 WHERE site = ?1 AND thread = ?2 AND parent_id IS NULL AND ", $($after)*, "
                   AND (?6 OR status = 'approved'
                        OR (status IN ('rejected', 'deleted') AND EXISTS (
                            SELECT 1 FROM comments r WHERE r.root_id = c.id AND r.parent_id IS NOT NULL
                              AND r.status = 'approved')))
                 ORDER BY ", $($order)*, " LIMIT ?5 + 1
             )
             SELECT 1 AS kind, NULL AS total, ", crate::comment_columns!(), " FROM tops
             UNION ALL
             SELECT 2, NULL, ", crate::comment_columns!(), " FROM comments
             WHERE root_id IN (SELECT id FROM tops ORDER BY ", $($order)*, " LIMIT ?5)
               AND parent_id IS NOT NULL
             UNION ALL
             SELECT 0, ", $($total)*, ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        )
    };
}

/// [`page_sql`] for each order, with the given total.
macro_rules! page_sql_by_sort {
    ($sort:expr, $($total:tt)*) => {
        match $sort {
            Sort::Oldest => page_sql!(("(created_ms, id) > (?3, ?4)"), ("created_ms, id"), $($total)*),
            Sort::Newest => page_sql!(("(created_ms, id) < (?3, ?4)"), ("created_ms DESC, id DESC"), $($total)*),
            Sort::Top => page_sql!(
                ("(downvotes - upvotes, created_ms, id) > (?7, ?3, ?4)"),
                ("downvotes - upvotes, created_ms, id"),
                $($total)*
            ),
        }
    };
}

/// The sort key of a top-level comment in `sort`'s order, ascending.
fn sort_key(sort: Sort, c: &StoredComment) -> (i64, i64, i64) {
    match sort {
        Sort::Oldest => (0, c.created_ms, c.id),
        Sort::Newest => (0, -c.created_ms, -c.id),
        Sort::Top => (c.downvotes - c.upvotes, c.created_ms, c.id),
    }
}

/// Who reads a page: readers see what [`public_only`] keeps, moderators every status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Audience {
    /// The public.
    Readers,
    /// A moderator of the site.
    Moderators,
}

/// One page of `thread` of `site`: up to `shape.limit` top-level comments after `after` in
/// the cursor's order (oldest first when there is none), each with all of its replies (for
/// readers, at most `shape.replies` of them when given, the rest counted in
/// `more_replies`), in thread order.
///
/// One statement, so one snapshot and one round trip to the connection's worker thread:
/// the top-level comments plus one to tell whether a next page exists (kind 1), the replies
/// below the page's roots (kind 2) and the thread's total in a column of its own (kind 0).
/// For readers, the top-level comments are the approved ones and the removed ones with an
/// approved reply; [`public_only`] then drops what waits with a held comment.
pub(in crate::store) async fn thread_page(
    pool: &SqlitePool,
    site: &str,
    thread: &str,
    after: Option<Cursor>,
    shape: PageShape,
    audience: Audience,
) -> Result<ThreadPage, StoreError> {
    let PageShape { limit, replies: reply_cap } = shape;
    let after = after.unwrap_or_default();
    let sort = after.sort;
    let everything = audience == Audience::Moderators;
    // The comment rows come first, so that the compound statement's columns take their
    // types from real comments; the total row fills them with NULLs, which are never read.
    let sql = if everything {
        page_sql_by_sort!(sort, "(SELECT COUNT(*) FROM comments WHERE site = ?1 AND thread = ?2)")
    } else {
        page_sql_by_sort!(sort, visible_count!())
    };
    let mut query = sqlx::query_as(sql)
        .bind(site)
        .bind(thread)
        .bind(after.created_ms)
        .bind(after.id)
        .bind(i64::from(limit))
        .bind(everything);
    // Only the top order's statement has a `?7`.
    if sort == Sort::Top {
        query = query.bind(after.neg_score);
    }
    let rows: Vec<PageRow> = query.fetch_all(pool).await?;
    let mut total = 0;
    let (mut tops, mut replies) = (Vec::new(), Vec::new());
    for row in rows {
        match row {
            PageRow::Total(n) => total = n,
            PageRow::Top(top) => tops.push(top),
            PageRow::Reply(reply) => replies.push(reply),
        }
    }
    // A compound SELECT promises no order: sort the tops here (replies are ordered by
    // `thread_order`).
    tops.sort_by_key(|t| sort_key(sort, t));
    // The cursor comes from the tops as queried, before any is dropped below.
    let next_cursor = if tops.len() > limit as usize {
        tops.truncate(limit as usize);
        tops.last().map(|t| {
            Cursor { sort, neg_score: t.downvotes - t.upvotes, created_ms: t.created_ms, id: t.id }
                .to_string()
        })
    } else {
        None
    };
    let comments: Vec<Comment> = if everything {
        thread_order(tops, replies).into_iter().map(Comment::from).collect()
    } else {
        let (tops, replies) = public_only(tops, replies);
        // Readers who ask get a bounded number of replies per subtree; the rest load on demand.
        let (replies, cuts) = match reply_cap {
            Some(cap) => cap_replies(&tops, replies, cap as usize),
            None => (replies, Default::default()),
        };
        let mut comments: Vec<Comment> =
            thread_order(tops, replies).into_iter().map(StoredComment::into_public).collect();
        for c in comments.iter_mut().filter(|c| c.parent.is_none()) {
            if let Some(cut) = cuts.get(&c.id) {
                c.more_replies = Some(MoreReplies { count: cut.count, cursor: cut.after.to_string() });
            }
        }
        comments
    };
    Ok(ThreadPage { comments, next_cursor, total: total.max(0) as u64, features: None })
}

/// The comments of `thread` posted with the author token hashed as `token_hash` that are
/// still held, oldest first.
pub(in crate::store) async fn own_pending(
    pool: &SqlitePool,
    site: &str,
    thread: &str,
    token_hash: &str,
) -> Result<Vec<Comment>, StoreError> {
    let rows: Vec<StoredComment> = sqlx::query_as(concat!(
        "SELECT ",
        crate::comment_columns!(),
        " FROM comments WHERE author_token_hash = ?1 AND site = ?2 AND thread = ?3
          AND status = 'pending' ORDER BY id"
    ))
    .bind(token_hash)
    .bind(site)
    .bind(thread)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Comment::from).collect())
}

/// Number of comments of `thread` that readers see, replies included.
pub(in crate::store) async fn count(pool: &SqlitePool, site: &str, thread: &str) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar(concat!("SELECT ", visible_count!()))
        .bind(site)
        .bind(thread)
        .fetch_one(pool)
        .await?;
    Ok(n.max(0) as u64)
}

/// Comment counts of several threads of `site` in one query, as [`count`] counts; every
/// requested key is in the answer (0 for unknown threads). Keys are looked up trimmed, as
/// they are stored.
pub(in crate::store) async fn counts(
    pool: &SqlitePool,
    site: &str,
    threads: &[String],
) -> Result<BTreeMap<String, u64>, StoreError> {
    let keys: Vec<&str> = threads.iter().map(|t| t.trim()).collect();
    let json = serde_json::to_string(&keys).expect("a list of strings always serializes");
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "WITH RECURSIVE keys(thread) AS (SELECT value FROM json_each(?2)),
         blocked(id) AS (
             SELECT id FROM comments
             WHERE site = ?1 AND thread IN (SELECT thread FROM keys) AND status IN ('pending', 'hidden')
             UNION SELECT c.id FROM comments c JOIN blocked b ON c.parent_id = b.id)
         SELECT thread, COUNT(*) FROM comments
         WHERE site = ?1 AND thread IN (SELECT thread FROM keys) AND status = 'approved'
           AND id NOT IN (SELECT id FROM blocked)
         GROUP BY thread",
    )
    .bind(site)
    .bind(json)
    .fetch_all(pool)
    .await?;
    let found: BTreeMap<String, u64> = rows.into_iter().map(|(t, n)| (t, n.max(0) as u64)).collect();
    Ok(threads.iter().map(|t| (t.clone(), found.get(t.trim()).copied().unwrap_or(0))).collect())
}

/// The comment stored under `claim`'s key, if the key is known and not expired at
/// `now_ms`; [`StoreError::IdempotencyKeyReused`] if it was stored with another body.
pub(in crate::store) async fn find_replay(
    conn: &mut SqliteConnection,
    claim: &IdempotencyClaim,
    now_ms: i64,
) -> Result<Option<Comment>, StoreError> {
    let found: Option<(String, i64)> = sqlx::query_as(
        "SELECT request_hash, comment_id FROM idempotency_keys WHERE key = ?1 AND expires_ms > ?2",
    )
    .bind(&claim.key)
    .bind(now_ms)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((request_hash, comment_id)) = found else {
        return Ok(None);
    };
    if request_hash != claim.request_hash {
        return Err(StoreError::IdempotencyKeyReused);
    }
    let row: Option<StoredComment> =
        sqlx::query_as(concat!("SELECT ", crate::comment_columns!(), " FROM comments WHERE id = ?1"))
            .bind(comment_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(Comment::from))
}

/// The highest comment id so far (0 for an empty database).
pub(in crate::store) async fn max_id(pool: &SqlitePool) -> Result<i64, StoreError> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM comments").fetch_one(pool).await?;
    Ok(max.unwrap_or(0))
}
