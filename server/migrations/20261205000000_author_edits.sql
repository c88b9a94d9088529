-- Authors edit and delete their own comments within a window (issue 13). Append-only
-- migrations: never edit this file once released; add a new one instead.

-- When the author deleted the comment (epoch ms); its status is then 'deleted', and a
-- placeholder with visible replies reads "deleted" rather than "removed by a moderator".
ALTER TABLE comments ADD COLUMN withdrawn_ms INTEGER;
