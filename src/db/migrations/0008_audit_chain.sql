-- 0008: audit and login-log rows chained with an HMAC (see src/audit/audit_chain.c).
-- Each row gets its position `seq` in one chain shared by both tables and
-- mac = HMAC-SHA256(key, previous mac || canonical form of the row). audit_head holds the chain
-- head (locked by every writer: UPDATE … RETURNING), the anchor left by retention purges and a
-- check value of the key. Rows written before this migration are chained at the next start.

ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN mac TEXT;
ALTER TABLE login_log ADD COLUMN seq BIGINT;
ALTER TABLE login_log ADD COLUMN mac TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);
CREATE UNIQUE INDEX login_log_seq ON login_log(seq);

CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL DEFAULT 0,
	mac TEXT NOT NULL DEFAULT '',
	anchor_seq BIGINT NOT NULL DEFAULT 0,
	anchor_mac TEXT NOT NULL DEFAULT '',
	anchor_at BIGINT NOT NULL DEFAULT 0,
	anchor_tag TEXT NOT NULL DEFAULT '',
	key_check TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_head (id) VALUES (1);
