-- Sites, moderation statuses, author tokens, reports, moderators and their sessions, bans,
-- locked threads and the audit log (issue 11). Append-only migrations: never edit this file
-- once released; add a new one instead.

-- Thread keys are per site; comments from before this migration belong to `default`.
ALTER TABLE comments ADD COLUMN site TEXT NOT NULL DEFAULT 'default';
-- approved: public; pending: held for review (screening, pre-moderation); hidden: hidden
-- by readers' reports pending review; rejected, deleted: removed by a moderator. Pending and
-- hidden comments hide their replies with them; removed ones with visible replies show as
-- placeholders.
ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'approved'
    CHECK (status IN ('approved', 'pending', 'hidden', 'rejected', 'deleted'));
-- Why screening held or rejected it, or why a moderator rejected it.
ALTER TABLE comments ADD COLUMN moderation_reason TEXT;
-- SHA-256 (hex) of the author token the comment was posted with.
ALTER TABLE comments ADD COLUMN author_token_hash TEXT;
-- Keyed hash of the lower-cased email (bans by email, approving known authors): the
-- address itself stays in `email` for the site owner, and is never compared in the clear.
ALTER TABLE comments ADD COLUMN email_hash TEXT;
ALTER TABLE comments ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
-- When a moderator last edited the text (epoch ms).
ALTER TABLE comments ADD COLUMN edited_ms INTEGER;

-- The per-thread indexes gain the site.
DROP INDEX comments_top_level;
DROP INDEX comments_by_thread;
CREATE INDEX comments_top_level ON comments (site, thread, created_ms, id) WHERE parent_id IS NULL;
CREATE INDEX comments_by_thread ON comments (site, thread, status);
-- Walking down from a held comment to the replies that wait with it.
CREATE INDEX comments_by_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
-- The moderation queue, and the held comments of a thread.
CREATE INDEX comments_unapproved ON comments (site, status, created_ms) WHERE status <> 'approved';
CREATE INDEX comments_by_author_token ON comments (author_token_hash) WHERE author_token_hash IS NOT NULL;
CREATE INDEX comments_by_email_hash ON comments (email_hash) WHERE email_hash IS NOT NULL;

-- Sites other than `default` (which exists without a row, and takes the server's flags).
CREATE TABLE sites (
    id                TEXT PRIMARY KEY NOT NULL,
    -- JSON array of allowed browser origins.
    origins           TEXT NOT NULL DEFAULT '[]',
    premoderation     INTEGER NOT NULL DEFAULT 0,
    -- Approve, even under pre-moderation, authors with an approved comment before.
    approve_known     INTEGER NOT NULL DEFAULT 0,
    report_threshold  INTEGER NOT NULL DEFAULT 3,
    -- The screening configuration as JSON; NULL for the built-in defaults, 'off' for none.
    screening         TEXT,
    created_ms        INTEGER NOT NULL
);

-- Author tokens handed out with posts; only their SHA-256 is kept.
CREATE TABLE author_tokens (
    hash        TEXT PRIMARY KEY NOT NULL,
    site        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL
);

-- One report per reader (author token hash, else address hash) per comment.
CREATE TABLE reports (
    comment_id  INTEGER NOT NULL REFERENCES comments (id),
    reporter    TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'other')),
    note        TEXT,
    created_ms  INTEGER NOT NULL,
    -- Set when a moderator acted on the comment: reviewed reports no longer count.
    reviewed_ms INTEGER,
    PRIMARY KEY (comment_id, reporter)
);
CREATE INDEX reports_open ON reports (comment_id) WHERE reviewed_ms IS NULL;

CREATE TABLE moderators (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    site        TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    revoked_ms  INTEGER,
    UNIQUE (site, name)
);

-- One-time sign-in tokens (SHA-256); `used_ms` is set when one is spent.
CREATE TABLE sign_in_tokens (
    hash          TEXT PRIMARY KEY NOT NULL,
    moderator_id  INTEGER NOT NULL REFERENCES moderators (id),
    expires_ms    INTEGER NOT NULL,
    used_ms       INTEGER
);

-- Moderator sessions (SHA-256 of the bearer token).
CREATE TABLE sessions (
    hash          TEXT PRIMARY KEY NOT NULL,
    moderator_id  INTEGER NOT NULL REFERENCES moderators (id),
    created_ms    INTEGER NOT NULL,
    expires_ms    INTEGER NOT NULL,
    revoked_ms    INTEGER
);

CREATE TABLE bans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    site        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('email', 'address', 'author')),
    hash        TEXT NOT NULL,
    comment_id  INTEGER,
    reason      TEXT,
    created_ms  INTEGER NOT NULL,
    -- NULL: for ever.
    expires_ms  INTEGER,
    lifted_ms   INTEGER
);
CREATE INDEX bans_by_hash ON bans (site, hash);

CREATE TABLE locked_threads (
    site        TEXT NOT NULL,
    thread      TEXT NOT NULL,
    locked_ms   INTEGER NOT NULL,
    PRIMARY KEY (site, thread)
);

-- Every moderator action (and every hide by reports, with moderator NULL).
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    site          TEXT NOT NULL,
    moderator_id  INTEGER REFERENCES moderators (id),
    action        TEXT NOT NULL,
    comment_id    INTEGER,
    thread        TEXT,
    reason        TEXT,
    before        TEXT,
    created_ms    INTEGER NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site, id);
