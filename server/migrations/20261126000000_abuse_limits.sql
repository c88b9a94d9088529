-- Abuse limits: salted IP hashes, duplicate detection, idempotency keys and spent
-- proof-of-work challenges. Append-only migrations: never edit this file once released.

-- The poster's IP address as a keyed hash (HMAC-SHA-256 with the salt in `settings`,
-- truncated to 128 bits, hex); the address itself is never stored. NULL for comments from
-- before this migration and for the demo seed.
ALTER TABLE comments ADD COLUMN ip_hash TEXT;
-- SHA-256 (hex) of the text with its whitespace collapsed, for duplicate detection.
ALTER TABLE comments ADD COLUMN text_hash TEXT;

CREATE INDEX comments_duplicates ON comments (thread, text_hash, created_ms) WHERE text_hash IS NOT NULL;
CREATE INDEX comments_by_ip_hash ON comments (ip_hash) WHERE ip_hash IS NOT NULL;

-- Server secrets generated at first start: `ip_salt` and `pow_secret`.
CREATE TABLE settings (
    name   TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);

-- One row per `Idempotency-Key` seen with a stored comment. The primary key is what makes
-- two concurrent requests with one key create one comment.
CREATE TABLE idempotency_keys (
    key           TEXT PRIMARY KEY NOT NULL,
    -- SHA-256 (hex) of the request's comment fields, to refuse the key with another body.
    request_hash  TEXT NOT NULL,
    comment_id    INTEGER NOT NULL REFERENCES comments (id),
    -- Milliseconds since the Unix epoch; older rows are ignored and deleted.
    expires_ms    INTEGER NOT NULL
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_ms);

-- Proof-of-work challenges already spent on a comment, until they expire anyway.
CREATE TABLE spent_challenges (
    signature   TEXT PRIMARY KEY NOT NULL,
    expires_ms  INTEGER NOT NULL
);
CREATE INDEX spent_challenges_expiry ON spent_challenges (expires_ms);
