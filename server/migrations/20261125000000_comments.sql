-- Comments of every thread. Append-only migrations: never edit this file once released;
-- add a new one instead.
CREATE TABLE comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    thread      TEXT    NOT NULL,
    parent_id   INTEGER REFERENCES comments (id),
    -- The top-level ancestor (its own id for a top-level comment), so that a page of whole
    -- subtrees is two indexed queries instead of a recursive walk. Set by the trigger below
    -- for top-level comments, whose id is not known before the insert.
    root_id     INTEGER,
    author      TEXT    NOT NULL,
    -- Stored for the site owner, never returned by the API.
    email       TEXT,
    website     TEXT,
    text        TEXT    NOT NULL,
    -- Milliseconds since the Unix epoch, UTC.
    created_ms  INTEGER NOT NULL
);

CREATE TRIGGER comments_top_level_root AFTER INSERT ON comments
WHEN NEW.parent_id IS NULL
BEGIN
    UPDATE comments SET root_id = NEW.id WHERE id = NEW.id;
END;

-- Pages of top-level comments, oldest first, by keyset (created_ms, id).
CREATE INDEX comments_top_level ON comments (thread, created_ms, id) WHERE parent_id IS NULL;
-- All replies below the top-level comments of one page.
CREATE INDEX comments_by_root ON comments (root_id);
-- Counts per thread.
CREATE INDEX comments_by_thread ON comments (thread);
