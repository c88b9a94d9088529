//! One post inside the writer's transaction: the abuse checks that need the database
//! (spent proof-of-work challenges, duplicates, new threads per address), then the insert.
//!
//! The batch's transaction starts with `BEGIN IMMEDIATE` on the single writer connection,
//! so checks and inserts cannot interleave with another post, even from another process. Idempotency keys and spent challenges are primary keys all the same.

use sqlx::SqliteConnection;
use threadline_protocol::validate::non_blank;

use crate::store::model::{
    status, text_hash, PostJob, PostMeta, PostResult, Posted, StoredComment, NEW_THREAD_WINDOW_MS,
};
use crate::store::StoreError;

/// The checks and the insert of one post that no known key answered. Every check comes
/// before the first write, so a refused post leaves nothing behind in the transaction.
pub(super) async fn post_one(conn: &mut SqliteConnection, job: &PostJob) -> PostResult {
    let (new, meta, created_ms) = (&job.new, &job.meta, job.created_ms);
    if let Some(challenge) = &meta.challenge {
        // Earlier posts of the same batch are visible here: same connection, same transaction.
        let spent: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM spent_challenges WHERE signature = ?1 AND expires_ms > ?2)",
        )
        .bind(&challenge.signature)
        .bind(created_ms)
        .fetch_one(&mut *conn)
        .await?;
        if spent {
            return Err(StoreError::ChallengeSpent);
        }
    }
    let mut row = StoredComment {
        id: 0,
        thread: new.thread.trim().to_owned(),
        parent_id: new.parent,
        author: new.author.trim().to_owned(),
        website: non_blank(&new.website).map(str::to_owned),
        text: new.text.trim_end().to_owned(),
        warning: non_blank(&new.warning).map(str::to_owned),
        created_ms,
        site: meta.site().to_owned(),
        status: status::APPROVED.to_owned(),
        pinned: false,
        ..StoredComment::default()
    };
    row.status = gate(conn, &row, meta).await?.to_owned();
    let text_hash = text_hash(&new.text);
    if let Some(window) = meta.duplicate_window_ms {
        let duplicate: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM comments
             WHERE thread = ?1 AND text_hash = ?2 AND created_ms > ?3
               AND (author = ?4 COLLATE NOCASE OR ip_hash = ?5) AND site = ?6)",
        )
        .bind(&row.thread)
        .bind(&text_hash)
        .bind(created_ms.saturating_sub(window))
        .bind(&row.author)
        .bind(&meta.ip_hash)
        .bind(&row.site)
        .fetch_one(&mut *conn)
        .await?;
        if duplicate {
            return Err(StoreError::Duplicate);
        }
    }
    let starter = match (meta.new_threads_per_window, &meta.ip_hash) {
        // A reply never opens a thread: its parent must already be in it.
        (Some(limit), Some(ip_hash)) if row.parent_id.is_none() => {
            check_new_thread(conn, &row.site, &row.thread, ip_hash, limit, created_ms).await?
        }
        _ => None,
    };
    // The parent check is part of the insert: an unknown parent inserts nothing.
    let id = insert_row(conn, &row, non_blank(&new.email), new.notify, &text_hash, meta).await?;
    if let (Some(hash), true) = (&meta.author_token_hash, meta.new_author_token) {
        sqlx::query("INSERT OR IGNORE INTO author_tokens (hash, site, created_ms) VALUES (?1, ?2, ?3)")
            .bind(hash)
            .bind(&row.site)
            .bind(created_ms)
            .execute(&mut *conn)
            .await?;
    }
    if let Some(challenge) = &meta.challenge {
        // An expired row under the same signature (not purged yet) is free again.
        sqlx::query(
            "INSERT INTO spent_challenges (signature, expires_ms) VALUES (?1, ?2)
             ON CONFLICT (signature) DO UPDATE SET expires_ms = excluded.expires_ms",
        )
        .bind(&challenge.signature)
        .bind(challenge.expires_ms)
        .execute(&mut *conn)
        .await?;
    }
    if let Some(ip_hash) = starter {
        sqlx::query("INSERT INTO thread_starts (ip_hash, thread, expires_ms) VALUES (?1, ?2, ?3)")
            .bind(ip_hash)
            .bind(&row.thread)
            .bind(created_ms.saturating_add(NEW_THREAD_WINDOW_MS))
            .execute(&mut *conn)
            .await?;
    }
    Ok(Posted::Created(StoredComment { id, ..row }.into()))
}

/// The moderation checks of a post, in one statement: a locked thread fails with
/// [`StoreError::ThreadLocked`], a live ban of its email, address or author token with
/// [`StoreError::Banned`]; otherwise the status it is stored with (`pending` when held,
/// unless `approve_known` and its author had a comment approved on this site before).
async fn gate(
    conn: &mut SqliteConnection,
    row: &StoredComment,
    meta: &PostMeta,
) -> Result<&'static str, StoreError> {
    let check_known = meta.hold.is_some() && meta.approve_known;
    let (locked, banned, ban_until, known): (bool, bool, Option<i64>, bool) = sqlx::query_as(
        "SELECT
           EXISTS (SELECT 1 FROM locked_threads WHERE site = ?1 AND thread = ?2),
           EXISTS (SELECT 1 FROM bans b WHERE b.site = ?1 AND b.lifted_ms IS NULL
                     AND (b.expires_ms IS NULL OR b.expires_ms > ?3)
                     AND b.hash IN (?4, ?5, ?6)),
           (SELECT MAX(COALESCE(b.expires_ms, 9223372036854775807)) FROM bans b
             WHERE b.site = ?1 AND b.lifted_ms IS NULL AND (b.expires_ms IS NULL OR b.expires_ms > ?3)
               AND b.hash IN (?4, ?5, ?6)),
           ?7 AND EXISTS (SELECT 1 FROM comments c WHERE c.site = ?1 AND c.status = 'approved'
                     AND (c.email_hash = ?4 OR c.author_token_hash = ?6))",
    )
    .bind(&row.site)
    .bind(&row.thread)
    .bind(row.created_ms)
    .bind(&meta.email_hash)
    .bind(&meta.ip_hash)
    .bind(&meta.author_token_hash)
    .bind(check_known)
    .fetch_one(&mut *conn)
    .await?;
    if locked {
        return Err(StoreError::ThreadLocked);
    }
    if banned {
        let until_ms = ban_until.filter(|&t| t != i64::MAX);
        return Err(StoreError::Banned { until_ms });
    }
    Ok(if meta.hold.is_some() && !known { status::PENDING } else { status::APPROVED })
}

/// When `thread` has no comment yet, whether `ip_hash` may start it: `Some(ip_hash)` (to be
/// recorded once the comment is in) if it started fewer than `limit` threads in the last
/// [`NEW_THREAD_WINDOW_MS`], [`StoreError::TooManyNewThreads`] if not. `None` when the
/// thread exists already.
async fn check_new_thread<'a>(
    conn: &mut SqliteConnection,
    site: &str,
    thread: &str,
    ip_hash: &'a str,
    limit: u32,
    now_ms: i64,
) -> Result<Option<&'a str>, StoreError> {
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM comments WHERE site = ?2 AND thread = ?1)")
            .bind(thread)
            .bind(site)
            .fetch_one(&mut *conn)
            .await?;
    if exists {
        return Ok(None);
    }
    let (started, first_expiry): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(expires_ms) FROM thread_starts WHERE ip_hash = ?1 AND expires_ms > ?2",
    )
    .bind(ip_hash)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    if started >= i64::from(limit) {
        // The oldest start leaves the window first; with more than `limit` (the limit was
        // lowered) this is a lower bound, and the client is refused again then.
        let retry_after_ms = first_expiry.map_or(NEW_THREAD_WINDOW_MS, |at| at.saturating_sub(now_ms));
        return Err(StoreError::TooManyNewThreads { retry_after_ms });
    }
    Ok(Some(ip_hash))
}

/// Inserts `row` and returns its id; [`StoreError::UnknownParent`] when the parent is not a
/// comment of the same thread and site (checked by the statement itself, so it cannot race).
async fn insert_row(
    conn: &mut SqliteConnection,
    row: &StoredComment,
    email: Option<&str>,
    notify: bool,
    text_hash: &str,
    meta: &PostMeta,
) -> Result<i64, StoreError> {
    // A top-level comment selects from a one-row table; a reply from its parent, so that an
    // unknown parent inserts nothing.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO comments
         (thread, parent_id, root_id, author, email, website, text, created_ms, text_hash, ip_hash,
          site, status, moderation_reason, author_token_hash, email_hash, warning, notify)
         SELECT ?1, p.id, COALESCE(p.root_id, p.id), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11, ?12, ?13, ?14, ?15, ?16
         FROM (SELECT NULL AS id, NULL AS root_id) p WHERE ?9 IS NULL
         UNION ALL
         SELECT ?1, p.id, COALESCE(p.root_id, p.id), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11, ?12, ?13, ?14, ?15, ?16
         FROM comments p WHERE ?9 IS NOT NULL AND p.id = ?9 AND p.thread = ?1 AND p.site = ?10
         RETURNING id",
    )
    .bind(&row.thread)
    .bind(&row.author)
    .bind(email)
    .bind(&row.website)
    .bind(&row.text)
    .bind(row.created_ms)
    .bind(text_hash)
    .bind(meta.ip_hash.as_deref())
    .bind(row.parent_id)
    .bind(&row.site)
    .bind(&row.status)
    .bind(if row.status == status::PENDING { meta.hold.as_deref() } else { None })
    .bind(&meta.author_token_hash)
    .bind(&meta.email_hash)
    .bind(&row.warning)
    .bind(notify && email.is_some())
    .fetch_optional(&mut *conn)
    .await?;
    id.ok_or(StoreError::UnknownParent)
}

#[cfg(test)]
mod tests {
    use threadline_protocol::NewComment;

    use crate::store::{IdempotencyClaim, PostMeta, Posted, Store, StoreError};

    fn new(thread: &str, parent: Option<i64>, author: &str, text: &str) -> NewComment {
        NewComment {
            thread: thread.into(),
            parent,
            author: author.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    fn meta(ip: &str) -> PostMeta {
        PostMeta { ip_hash: Some(ip.into()), duplicate_window_ms: Some(60_000), ..Default::default() }
    }

    #[tokio::test]
    async fn replies_share_their_root_and_stay_in_thread() {
        let store = Store::open_in_memory().await.unwrap();
        let top = store.insert_comment(&new("/a", None, " Ann ", "top  \n"), 1).await.unwrap();
        assert_eq!((top.author.as_str(), top.text.as_str()), ("Ann", "top"));
        let reply = store.insert_comment(&new("/a", Some(top.id), "Ann", "re"), 2).await.unwrap();
        let deeper = store.insert_comment(&new("/a", Some(reply.id), "Ann", "re re"), 3).await.unwrap();
        for (thread, parent) in [("/b", top.id), ("/a", 999)] {
            let orphan = store.insert_comment(&new(thread, Some(parent), "Ann", "x"), 4).await;
            assert!(matches!(orphan, Err(StoreError::UnknownParent)), "{thread} {parent}: {orphan:?}");
        }
        let roots: Vec<(i64, i64)> = sqlx::query_as("SELECT id, root_id FROM comments ORDER BY id")
            .fetch_all(&store.db.reads)
            .await
            .unwrap();
        assert_eq!(roots, [(top.id, top.id), (reply.id, top.id), (deeper.id, top.id)]);
        let page = store.thread_page("/a", None, 10).await.unwrap();
        assert_eq!(page.total, 3);
        assert_eq!(page.comments.iter().map(|c| c.id).collect::<Vec<_>>(), [top.id, reply.id, deeper.id]);
        let counts = store.counts(&["/a".into(), "/zzz".into()]).await.unwrap();
        assert_eq!((counts["/a"], counts["/zzz"]), (3, 0));
        assert_eq!(store.likely_next_id(), deeper.id + 1, "kept up by the writer, no query");
    }

    #[tokio::test]
    async fn duplicates_by_name_or_ip_within_the_window() {
        let store = Store::open_in_memory().await.unwrap();
        let first = store.post_comment(&new("/t", None, "Ann", "Hello  there"), 1_000, &meta("ip1")).await;
        assert!(matches!(first, Ok(Posted::Created(_))));
        for (author, ip) in [("ann", "ip2"), ("Bob", "ip1")] {
            let again = store.post_comment(&new("/t", None, author, "Hello\nthere"), 2_000, &meta(ip)).await;
            assert!(matches!(again, Err(StoreError::Duplicate)), "{author} {ip}: {again:?}");
        }
        let other = store.post_comment(&new("/t", None, "Bob", "Hello there"), 2_000, &meta("ip2")).await;
        assert!(matches!(other, Ok(Posted::Created(_))), "another author on another IP");
        let later = store.post_comment(&new("/t", None, "Ann", "Hello there"), 61_001, &meta("ip1")).await;
        assert!(matches!(later, Ok(Posted::Created(_))), "after the window");
    }

    #[tokio::test]
    async fn idempotency_keys_replay_and_expire() {
        let store = Store::open_in_memory().await.unwrap();
        let claim = IdempotencyClaim { key: "k1".into(), request_hash: "h1".into(), expires_ms: 10_000 };
        let with =
            |claim: &IdempotencyClaim| PostMeta { idempotency: Some(claim.clone()), ..PostMeta::default() };
        let one = new("/t", None, "Ann", "one");
        let Posted::Created(first) = store.post_comment(&one, 1, &with(&claim)).await.unwrap() else {
            panic!("first post must create");
        };
        let again = store.post_comment(&one, 2, &with(&claim)).await.unwrap();
        assert_eq!(again, Posted::Replayed(first.clone()));
        assert_eq!(store.idempotent_replay(&claim, 3).await.unwrap(), Some(first));
        let other = IdempotencyClaim { request_hash: "h2".into(), ..claim.clone() };
        assert!(matches!(store.idempotent_replay(&other, 3).await, Err(StoreError::IdempotencyKeyReused)));
        let expired =
            store.post_comment(&new("/t", None, "Ann", "two"), 10_000, &with(&other)).await.unwrap();
        assert!(matches!(expired, Posted::Created(c) if c.text == "two"), "an expired key is free again");
    }

    #[tokio::test]
    async fn new_threads_per_address_are_bounded_within_the_window() {
        use crate::store::model::NEW_THREAD_WINDOW_MS as HOUR;
        let store = Store::open_in_memory().await.unwrap();
        let limited = |ip: &str| PostMeta { new_threads_per_window: Some(2), ..meta(ip) };
        for (i, thread) in ["/n1", "/n2"].into_iter().enumerate() {
            let started = store
                .post_comment(&new(thread, None, "Ann", "first"), 1_000 + i as i64, &limited("ip1"))
                .await;
            assert!(matches!(started, Ok(Posted::Created(_))), "{thread}");
        }
        let third = store.post_comment(&new("/n3", None, "Ann", "first"), 5_000, &limited("ip1")).await;
        let Err(StoreError::TooManyNewThreads { retry_after_ms }) = third else { panic!("{third:?}") };
        assert_eq!(retry_after_ms, 1_000 + HOUR - 5_000, "until the oldest start leaves the window");
        // Existing threads, other addresses and exempt posters are not limited.
        let Ok(Posted::Created(top)) =
            store.post_comment(&new("/n1", None, "Ann", "again"), 6_000, &limited("ip1")).await
        else {
            panic!("a comment in an existing thread")
        };
        let reply = store.post_comment(&new("/n1", Some(top.id), "Ann", "re"), 6_001, &limited("ip1")).await;
        assert!(matches!(reply, Ok(Posted::Created(_))));
        let other = store.post_comment(&new("/n3", None, "Bob", "first"), 6_002, &limited("ip2")).await;
        assert!(matches!(other, Ok(Posted::Created(_))), "another address");
        let exempt = PostMeta { new_threads_per_window: Some(2), ..PostMeta::default() };
        let unhashed = store.post_comment(&new("/n4", None, "Ann", "x"), 6_003, &exempt).await;
        assert!(matches!(unhashed, Ok(Posted::Created(_))), "no IP hash, no bound: {unhashed:?}");
        let later =
            store.post_comment(&new("/n5", None, "Ann", "first"), 1_000 + HOUR, &limited("ip1")).await;
        assert!(matches!(later, Ok(Posted::Created(_))), "once the oldest start left the window: {later:?}");
        let refused =
            store.post_comment(&new("/n6", None, "Ann", "first"), 1_000 + HOUR, &limited("ip1")).await;
        assert!(matches!(refused, Err(StoreError::TooManyNewThreads { .. })), "{refused:?}");
    }
}
