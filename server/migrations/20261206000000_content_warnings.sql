-- Content warnings (issue 12): an author can put a one-line warning on a comment; readers see
-- the warning and open the text themselves. NULL for none.
-- A changed warning is a change readers see, so the change feed stamps it like the text: the
-- update trigger is recreated with the new column in its list.
-- Append-only migrations: never edit this file once released; add a new one instead.

ALTER TABLE comments ADD COLUMN warning TEXT;

DROP TRIGGER comments_stamp_update;
CREATE TRIGGER comments_stamp_update
AFTER UPDATE OF text, warning, status, pinned, edited_ms, withdrawn_ms, upvotes, downvotes, author, website ON comments
BEGIN
    UPDATE change_seq SET n = n + 1 WHERE id = 1;
    UPDATE comments SET change_seq = (SELECT n FROM change_seq WHERE id = 1) WHERE id = NEW.id;
END;
