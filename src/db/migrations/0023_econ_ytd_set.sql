-- 0023: 1–N月累计 同比 on the same months (同口径). An enterprise is in the 累计 same set of month m
-- only when it has a value in the same months of January..m in both years; otherwise its cell's
-- base_ytd is NULL, so that it counts in the 累计 totals but not in their 同比 (econ_cell_of,
-- src/economy/economy_cells.c, keeps the cells so from now on). Before, an enterprise that entered
-- during the base year (or missed a month) had its 1–N月 compared with a base of fewer months.
-- Here the cells kept before are brought to the rule, from the values of the reports not returned
-- as 0021 reads them, and the zones' kept sums (0022), made from the cells, are dropped: each
-- zone's month is built again on the first read that needs it.
--
-- The two years' months up to m differ when some month j <= m has a value in one year and none in
-- the other. econ_cell_gap holds, per enterprise, indicator and year, the first such month: from
-- each value with no value in the same month a year before (a gap of its year), and each value
-- with no value in the same month a year after (a gap of the next year). A cell of month m loses
-- its base_ytd when its year's first gap is at or before m.
--
-- Cost: one pass over the values not returned, with two probes of the index econ_value_ent
-- (enterprise, indicator, period: the same month a year before and a year after) and the report
-- of any value found; a grouping of the values without a counterpart (at least every series'
-- first year, and the year after its last); then one pass over the cells with a base_ytd, each
-- with one probe of econ_cell_gap's primary key, and a write of the cells that change. That is
-- about three index probes a value, where 0021 ran five range scans of up to 12 months a value;
-- no cell whose months agree is written.
CREATE TABLE econ_cell_gap (
	enterprise_id BIGINT NOT NULL,
	indicator_id BIGINT NOT NULL,
	year TEXT NOT NULL,
	period TEXT NOT NULL,
	PRIMARY KEY (enterprise_id, indicator_id, year)
);

INSERT INTO econ_cell_gap (enterprise_id, indicator_id, year, period)
SELECT g.enterprise_id, g.indicator_id, SUBSTR(g.period, 1, 4), MIN(g.period) FROM (
	SELECT v.enterprise_id, v.indicator_id, v.period
	FROM econ_value v JOIN econ_report r ON r.id = v.report_id
	WHERE r.status <> 'returned' AND NOT EXISTS (
		SELECT 1 FROM econ_value w JOIN econ_report q ON q.id = w.report_id
		WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
		AND q.status <> 'returned'
		AND w.period = CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) - 1 AS TEXT) || SUBSTR(v.period, 5))
	UNION ALL
	SELECT v.enterprise_id, v.indicator_id,
		CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) + 1 AS TEXT) || SUBSTR(v.period, 5)
	FROM econ_value v JOIN econ_report r ON r.id = v.report_id
	WHERE r.status <> 'returned' AND NOT EXISTS (
		SELECT 1 FROM econ_value w JOIN econ_report q ON q.id = w.report_id
		WHERE w.enterprise_id = v.enterprise_id AND w.indicator_id = v.indicator_id
		AND q.status <> 'returned'
		AND w.period = CAST(CAST(SUBSTR(v.period, 1, 4) AS INTEGER) + 1 AS TEXT) || SUBSTR(v.period, 5))
) g
GROUP BY g.enterprise_id, g.indicator_id, SUBSTR(g.period, 1, 4);

UPDATE econ_cell SET base_ytd = NULL
WHERE base_ytd IS NOT NULL AND EXISTS (
	SELECT 1 FROM econ_cell_gap g
	WHERE g.enterprise_id = econ_cell.enterprise_id AND g.indicator_id = econ_cell.indicator_id
	AND g.year = SUBSTR(econ_cell.period, 1, 4) AND g.period <= econ_cell.period);

DROP TABLE econ_cell_gap;
DELETE FROM econ_zone_sum;
