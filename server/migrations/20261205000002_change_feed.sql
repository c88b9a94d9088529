-- The change feed behind live updates (issue 13): every insert into `comments`, and every
-- change of what readers see of one, stamps the row with the next number of one
-- server-wide sequence. A stream resumes by asking for rows stamped after the last number it
-- sent (its SSE `Last-Event-ID`), so a reconnect, even across a server restart, misses
-- nothing; it gets each changed comment's current state. Triggers stamp the rows, so that
-- every write path (posts, edits, votes, moderation, imports) is covered.
-- Append-only migrations: never edit this file once released; add a new one instead.

CREATE TABLE change_seq (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO change_seq (id, n) VALUES (1, 0);

ALTER TABLE comments ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_by_change ON comments (site, thread, change_seq);

CREATE TRIGGER comments_stamp_insert AFTER INSERT ON comments
BEGIN
    UPDATE change_seq SET n = n + 1 WHERE id = 1;
    UPDATE comments SET change_seq = (SELECT n FROM change_seq WHERE id = 1) WHERE id = NEW.id;
END;

CREATE TRIGGER comments_stamp_update
AFTER UPDATE OF text, status, pinned, edited_ms, withdrawn_ms, upvotes, downvotes, author, website ON comments
BEGIN
    UPDATE change_seq SET n = n + 1 WHERE id = 1;
    UPDATE comments SET change_seq = (SELECT n FROM change_seq WHERE id = 1) WHERE id = NEW.id;
END;
