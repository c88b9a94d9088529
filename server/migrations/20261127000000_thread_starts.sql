-- New threads per client address (`--new-threads-per-hour`). Append-only migrations: never
-- edit this file once released.

-- One row per thread whose first comment came from a limited client, for as long as it
-- counts against that client: `expires_ms` is its creation time plus one hour. Rows are only
-- written while the limit is on; older rows are ignored and deleted.
CREATE TABLE thread_starts (
    ip_hash     TEXT    NOT NULL,
    thread      TEXT    NOT NULL,
    expires_ms  INTEGER NOT NULL
);
CREATE INDEX thread_starts_by_ip_hash ON thread_starts (ip_hash, expires_ms);
CREATE INDEX thread_starts_expiry ON thread_starts (expires_ms);
