-- 0012: a login back-off per name instead of a hard lock (src/auth/auth.c).
-- app_user.failed_count counts the failed attempts since the last success (logins, and the
-- password or code a live session re-checks); failed_at is the time of the last one (a count
-- older than a day starts over); locked_until is the end of the back-off they earned.
ALTER TABLE app_user ADD COLUMN failed_at BIGINT NOT NULL DEFAULT 0;

-- The same counters for names that are no account, so that they back off like real ones and
-- the answers do not tell which names exist. name_key is a keyed hash of the name (the name
-- itself, often a password typed into the wrong box, is never stored). Rows a day old are
-- deleted by the maintenance pass.
CREATE TABLE login_backoff (
	name_key TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	failed_at BIGINT NOT NULL,
	locked_until BIGINT NOT NULL
);
