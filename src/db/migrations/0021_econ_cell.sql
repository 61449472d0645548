-- 0021: the economy's figures read kept cells (src/economy/economy_cells.c): for each month an
-- enterprise reported (a report not returned) and each indicator, its value, its 1–N月累计, and
-- last year's same month, 1–N月累计, whole year and number of months with a value: one row per
-- enterprise and indicator for a zone's month, instead of every month of two years. Kept in the
-- transaction of every filing, revision, import and return (from the month changed to the end of
-- the next year); built here from the values already stored. The covering index of 0019 is no
-- longer read.
CREATE TABLE econ_cell (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	period TEXT NOT NULL,
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	indicator_id BIGINT NOT NULL REFERENCES econ_indicator(id),
	report_id BIGINT NOT NULL REFERENCES econ_report(id),
	month DOUBLE PRECISION NOT NULL,
	ytd DOUBLE PRECISION NOT NULL,
	base_month DOUBLE PRECISION,
	base_ytd DOUBLE PRECISION,
	base_year DOUBLE PRECISION,
	base_months BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (zone_id, period, enterprise_id, indicator_id)
);
-- a zone's month read from the index alone (SQLite and PostgreSQL index-only scans)
CREATE INDEX econ_cell_read ON econ_cell(zone_id, period, enterprise_id, indicator_id, month, ytd,
	base_month, base_ytd, base_year, base_months);
CREATE INDEX econ_cell_ent ON econ_cell(enterprise_id, period);
DROP INDEX econ_value_cells;

INSERT INTO econ_cell (zone_id, period, enterprise_id, indicator_id, report_id, month, ytd,
	base_month, base_ytd, base_year, base_months)
SELECT v.zone_id, v.period, v.enterprise_id, v.indicator_id, v.report_id, v.value,
	(SELECT SUM(w.value) FROM econ_value w JOIN econ_report q ON q.id = w.report_id
	 WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
	 AND q.status <> 'returned' AND w.period >= SUBSTR(v.period, 1, 4) || '-01'
	 AND w.period <= v.period),
	(SELECT SUM(w.value) FROM econ_value w JOIN econ_report q ON q.id = w.report_id
	 WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
	 AND q.status <> 'returned'
	 AND w.period = CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || SUBSTR(v.period, 5)),
	(SELECT SUM(w.value) FROM econ_value w JOIN econ_report q ON q.id = w.report_id
	 WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
	 AND q.status <> 'returned'
	 AND w.period >= CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || '-01'
	 AND w.period <= CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || SUBSTR(v.period, 5)),
	(SELECT SUM(w.value) FROM econ_value w JOIN econ_report q ON q.id = w.report_id
	 WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
	 AND q.status <> 'returned'
	 AND w.period >= CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || '-01'
	 AND w.period <= CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || '-12'),
	(SELECT COUNT(*) FROM econ_value w JOIN econ_report q ON q.id = w.report_id
	 WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
	 AND q.status <> 'returned'
	 AND w.period >= CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || '-01'
	 AND w.period <= CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || '-12')
FROM econ_value v JOIN econ_report r ON r.id = v.report_id WHERE r.status <> 'returned';
