-- 0011: Open311 as real clients use it (src/ticket/open311.h).
--
-- What a POST requests carries besides the description gets its own columns. Until now it was
-- appended to the description as labelled lines (【地址】, 【坐标】, 【邮箱】, 【附件】) and read
-- back out of any request's text, a console user's included. lat/lon are NULL together when no
-- location was sent.
ALTER TABLE ticket ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE ticket ADD COLUMN lon DOUBLE PRECISION;
ALTER TABLE ticket ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket ADD COLUMN media_url TEXT NOT NULL DEFAULT '';

-- Requests whose description may end in such a block: only the hotline channel, the one Open311
-- files with (enterprises always file online). The program moves a block out of each of them
-- once, at its next start, where every line is a valid value of its field
-- (ticket_split_legacy_blocks), and deletes the row; the rest keep their text as it is.
CREATE TABLE ticket_block_pending (
	ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id)
);
INSERT INTO ticket_block_pending (ticket_id)
SELECT id FROM ticket WHERE channel = 'hotline' AND description LIKE '%【%】%';

-- Request numbers name one request in the whole installation (SQ20261203-0001 existed in two
-- zones): one counter per day replaces the counter per zone and day. A number that an earlier
-- request (lower id) of another zone already holds moves after the day's highest number, in id
-- order; the earliest holder keeps it.
CREATE TABLE ticket_no_seq (
	day TEXT PRIMARY KEY,
	n INTEGER NOT NULL
);
CREATE TABLE ticket_renumber (
	id BIGINT PRIMARY KEY,
	day TEXT NOT NULL,
	k INTEGER NOT NULL
);
INSERT INTO ticket_renumber (id, day, k)
SELECT id, day, ROW_NUMBER() OVER (PARTITION BY day ORDER BY id)
FROM (SELECT id, substr(no, 3, 8) AS day, ROW_NUMBER() OVER (PARTITION BY no ORDER BY id) AS nth
      FROM ticket) x
WHERE nth > 1;
INSERT INTO ticket_no_seq (day, n)
SELECT substr(no, 3, 8), MAX(CAST(substr(no, 12) AS INTEGER)) FROM ticket GROUP BY substr(no, 3, 8);
UPDATE ticket SET no = (
	SELECT 'SQ' || r.day || '-' ||
	       CASE WHEN s.n + r.k < 10 THEN '000' WHEN s.n + r.k < 100 THEN '00'
	            WHEN s.n + r.k < 1000 THEN '0' ELSE '' END || CAST(s.n + r.k AS TEXT)
	FROM ticket_renumber r JOIN ticket_no_seq s ON s.day = r.day
	WHERE r.id = ticket.id)
WHERE id IN (SELECT id FROM ticket_renumber);
UPDATE ticket_no_seq SET n = n + (SELECT COUNT(*) FROM ticket_renumber r WHERE r.day = ticket_no_seq.day);
DROP TABLE ticket_renumber;
DROP TABLE ticket_seq;
CREATE UNIQUE INDEX ticket_no ON ticket(no);

-- Service request updates (GET / POST servicerequestupdates, FixMyStreet's Open311 extension):
-- a picture link sent with an update, the update's reference (the client's update_id, or one
-- of ours; a client that sends the same update twice gets the first one back), and the index
-- the updates of a zone are read by.
ALTER TABLE ticket_event ADD COLUMN media_url TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_event ADD COLUMN ref TEXT;
CREATE UNIQUE INDEX ticket_event_ref ON ticket_event(ticket_id, ref);
CREATE INDEX ticket_event_zone_at ON ticket_event(zone_id, at);
