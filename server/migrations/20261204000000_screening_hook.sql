-- The optional screening hook of a site (issue 11): each new comment that the built-in
-- screen did not hold or reject is POSTed to `hook_url`, which answers allow, hold or
-- reject. Append-only migrations: never edit this file once released; add a new one instead.

-- NULL: no hook.
ALTER TABLE sites ADD COLUMN hook_url TEXT;
-- How long the hook may take to answer, in milliseconds.
ALTER TABLE sites ADD COLUMN hook_timeout_ms INTEGER NOT NULL DEFAULT 800;
-- What happens to a comment when the hook times out, fails or answers nonsense.
ALTER TABLE sites ADD COLUMN hook_fail TEXT NOT NULL DEFAULT 'hold'
    CHECK (hook_fail IN ('hold', 'allow', 'reject'));
