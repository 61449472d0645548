-- 0022: each zone's figures of a month kept as sums (struct econ_sums, src/economy/economy_sums.c),
-- so that a province's month is one row per zone and indicator instead of every enterprise's cell.
-- Built on the first read of a zone's month and dropped, for the months it moves, by every change
-- of the zone's kept cells (econ_cells_update): a read never meets a stale sum. The row of
-- indicator 0 marks a zone's month as built (a month with no figures has only that row).
CREATE TABLE econ_zone_sum (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	period TEXT NOT NULL,
	indicator_id BIGINT NOT NULL,
	reporting BIGINT NOT NULL DEFAULT 0,
	ytd_n BIGINT NOT NULL DEFAULT 0,
	same_m BIGINT NOT NULL DEFAULT 0,
	same_y BIGINT NOT NULL DEFAULT 0,
	incomplete BIGINT NOT NULL DEFAULT 0,
	month DOUBLE PRECISION NOT NULL DEFAULT 0,
	ytd DOUBLE PRECISION NOT NULL DEFAULT 0,
	cur_m DOUBLE PRECISION NOT NULL DEFAULT 0,
	base_m DOUBLE PRECISION NOT NULL DEFAULT 0,
	cur_y DOUBLE PRECISION NOT NULL DEFAULT 0,
	base_y DOUBLE PRECISION NOT NULL DEFAULT 0,
	base_full DOUBLE PRECISION NOT NULL DEFAULT 0,
	PRIMARY KEY (period, zone_id, indicator_id)
);
CREATE INDEX econ_zone_sum_zone ON econ_zone_sum(zone_id, period);
-- one row a zone: on PostgreSQL a build takes it for update and every change of the zone's cells
-- for share, so that a build never stores sums of cells a transaction in flight is changing
CREATE TABLE econ_zone_state (
	zone_id BIGINT PRIMARY KEY REFERENCES zone(id)
);
INSERT INTO econ_zone_state (zone_id) SELECT id FROM zone;
