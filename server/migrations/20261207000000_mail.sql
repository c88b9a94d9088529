-- Reply notifications by email (issue 13): readers' opt-ins, confirmed addresses, one-click
-- unsubscribe tokens, moderators' held-comment mail, and the outgoing mail queue that a
-- background worker sends over SMTP. Append-only migrations: never edit this file once
-- released; add a new one instead.

-- The author asked to be emailed about replies to this comment ("Email me when someone
-- replies"); mail goes out only once the address is confirmed (`mail_addresses`).
ALTER TABLE comments ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;

-- One row per address and site: double opt-in and unsubscription apply to an address on a
-- site, whatever comment or moderator asked. `email` is trimmed and lower-cased.
CREATE TABLE mail_addresses (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    site             TEXT NOT NULL,
    email            TEXT NOT NULL,
    -- SHA-256 (hex) of the token in the last confirmation email; NULL once confirmed.
    confirm_hash     TEXT,
    -- When that confirmation email was queued: at most one a day goes to an address.
    confirm_sent_ms  INTEGER,
    confirmed_ms     INTEGER,
    -- Set by an unsubscribe link: no more mail to this address from this site until it
    -- opts in and confirms again.
    unsubscribed_ms  INTEGER,
    created_ms       INTEGER NOT NULL,
    UNIQUE (site, email)
);
CREATE INDEX mail_addresses_by_confirm ON mail_addresses (confirm_hash);

-- A fresh token goes with every email (its link and List-Unsubscribe header); only its
-- SHA-256 is kept.
CREATE TABLE mail_unsubscribe_tokens (
    hash        TEXT PRIMARY KEY NOT NULL,
    address_id  INTEGER NOT NULL REFERENCES mail_addresses (id),
    created_ms  INTEGER NOT NULL
);

-- A moderator's address for held-comment mail (confirmed like a reader's, in
-- `mail_addresses`), and whether they want that mail.
ALTER TABLE moderators ADD COLUMN email TEXT;
ALTER TABLE moderators ADD COLUMN notify_held INTEGER NOT NULL DEFAULT 0;

-- Outgoing mail. A row is claimed by one worker (`claimed_ms`, in one UPDATE), then either
-- marked sent, rescheduled (`next_attempt_ms`, exponential backoff) or given up
-- (`failed_ms`). A claim that never came back (the process died while sending) is given
-- up, not retried: mail is sent at most once (see server/src/mail/worker.rs).
CREATE TABLE mail_queue (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    -- What the mail is about, e.g. `reply:42` or `held:42:3`: an event queues one mail,
    -- however often it is reported (a replayed post, a comment approved twice).
    dedupe_key       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'reply', 'held')),
    address_id       INTEGER NOT NULL REFERENCES mail_addresses (id),
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    -- The plain-text body, links included; emptied once sent.
    body             TEXT NOT NULL,
    unsubscribe_url  TEXT NOT NULL,
    created_ms       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms  INTEGER NOT NULL,
    claimed_ms       INTEGER,
    sent_ms          INTEGER,
    failed_ms        INTEGER,
    last_error       TEXT
);
CREATE INDEX mail_queue_waiting ON mail_queue (next_attempt_ms) WHERE sent_ms IS NULL AND failed_ms IS NULL;
