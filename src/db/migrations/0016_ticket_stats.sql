-- 0016: request figures kept as summaries (src/ticket/ticket_summary.c), so that a zone's
-- statistics over a year read one row per group instead of every request. For each zone,
-- dimension (dim: dept, category, channel), level (lvl: y year, m month, d day) and period
-- (day0: the China Standard Time day number of the period's first day), one row per group
-- (gkey: the department's id, 0 when unassigned; the category; the channel code) with the
-- counters of the requests registered in that period, and a histogram of their handling times
-- in tenths of a working day. Kept in the transaction of every change of a request; built from
-- the requests (with the working-day calendar, which SQL cannot compute) by the first statistics
-- read of a zone or by `yuanqu stats rebuild`: this migration only creates the tables.
CREATE TABLE ticket_stat (
	zone_id BIGINT NOT NULL,
	dim TEXT NOT NULL,
	lvl TEXT NOT NULL,
	day0 BIGINT NOT NULL,
	gkey TEXT NOT NULL,
	received BIGINT NOT NULL DEFAULT 0,
	accepted BIGINT NOT NULL DEFAULT 0,
	resolved BIGINT NOT NULL DEFAULT 0,
	on_time BIGINT NOT NULL DEFAULT 0,
	rated BIGINT NOT NULL DEFAULT 0,
	satisfied BIGINT NOT NULL DEFAULT 0,
	unrated BIGINT NOT NULL DEFAULT 0,
	handled BIGINT NOT NULL DEFAULT 0,
	work_s BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (zone_id, dim, lvl, day0, gkey)
);
CREATE TABLE ticket_stat_hist (
	zone_id BIGINT NOT NULL,
	dim TEXT NOT NULL,
	lvl TEXT NOT NULL,
	day0 BIGINT NOT NULL,
	gkey TEXT NOT NULL,
	tenths BIGINT NOT NULL,
	n BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (zone_id, dim, lvl, day0, gkey, tenths)
);
-- a zone's summaries: present once built; cal_hash the fingerprint of the calendar they were
-- computed with ('' : to be rebuilt)
CREATE TABLE ticket_stat_zone (
	zone_id BIGINT PRIMARY KEY REFERENCES zone(id),
	cal_hash TEXT NOT NULL DEFAULT '',
	built_at BIGINT NOT NULL DEFAULT 0
);
-- overdue_now is counted live from the open requests (it depends on the present): the index of
-- open requests by deadline now also covers their creation time and groups, so that count
-- reads the index alone
DROP INDEX ticket_zone_status;
CREATE INDEX ticket_zone_status ON ticket(zone_id, status, due_resolve, created_at, dept_id,
                                          category, channel);
