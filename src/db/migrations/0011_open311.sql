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

