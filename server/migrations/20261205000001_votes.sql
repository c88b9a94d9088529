-- Votes on comments (issue 13): one per reader per comment, enforced by the primary key.
-- Append-only migrations: never edit this file once released; add a new one instead.

-- A reader is `token:<hash>` (an author token this server issued) or `address:<hash>`.
CREATE TABLE votes (
    comment_id  INTEGER NOT NULL REFERENCES comments (id),
    voter       TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_ms  INTEGER NOT NULL,
    PRIMARY KEY (comment_id, voter)
) WITHOUT ROWID;

-- The counts, kept with the comment in the same transaction as each vote, so that a page
-- (and the "top" order) reads them without a join.
ALTER TABLE comments ADD COLUMN upvotes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN downvotes INTEGER NOT NULL DEFAULT 0;

-- Downvotes are off unless a site turns them on (`site set --downvotes`).
ALTER TABLE sites ADD COLUMN downvotes INTEGER NOT NULL DEFAULT 0;
