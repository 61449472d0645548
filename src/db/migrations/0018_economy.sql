-- 0018: 经济运行, the zone's monthly economic figures (src/economy/). Each zone has a catalogue of
-- indicators (flows are summed over the months of a year, stocks are the month's value); an
-- enterprise files one report per month (YYYY-MM) with a value per indicator, open from the 1st
-- of the next month to its deadline (default the 8th; econ_period holds a zone's other date for
-- a month), then locked; the 经发局 accepts or returns it. Yearly targets per indicator.
CREATE TABLE econ_indicator (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	code TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	unit TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL DEFAULT 'flow',
	required_of TEXT NOT NULL DEFAULT 'above_industrial',
	may_be_negative INTEGER NOT NULL DEFAULT 0,
	sort BIGINT NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (zone_id, code)
);

CREATE TABLE econ_period (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	period TEXT NOT NULL,
	deadline TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (zone_id, period)
);

CREATE TABLE econ_report (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	period TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'submitted',
	note TEXT NOT NULL DEFAULT '',
	review_note TEXT NOT NULL DEFAULT '',
	revision BIGINT NOT NULL DEFAULT 1,
	submitted_by BIGINT REFERENCES app_user(id),
	submitter_name TEXT NOT NULL DEFAULT '',
	submitted_at BIGINT NOT NULL,
	reviewed_by BIGINT REFERENCES app_user(id),
	reviewer_name TEXT NOT NULL DEFAULT '',
	reviewed_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (zone_id, enterprise_id, period)
);
CREATE INDEX econ_report_period ON econ_report(zone_id, period, status);

-- a report's values; zone, enterprise and month repeated so that the figures read one table
CREATE TABLE econ_value (
	report_id BIGINT NOT NULL REFERENCES econ_report(id),
	indicator_id BIGINT NOT NULL REFERENCES econ_indicator(id),
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	period TEXT NOT NULL,
	value DOUBLE PRECISION NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (report_id, indicator_id)
);
CREATE INDEX econ_value_zone ON econ_value(zone_id, period, indicator_id);
CREATE INDEX econ_value_ent ON econ_value(enterprise_id, indicator_id, period);

CREATE TABLE econ_target (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	year BIGINT NOT NULL,
	indicator_id BIGINT NOT NULL REFERENCES econ_indicator(id),
	target DOUBLE PRECISION NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (zone_id, year, indicator_id)
);

-- the catalogue a zone starts with (copied for every zone, now and when a zone is made:
-- econ_zone_init); a zone's admin adds its own indicators beside them
CREATE TABLE econ_indicator_default (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	unit TEXT NOT NULL,
	kind TEXT NOT NULL,
	required_of TEXT NOT NULL,
	may_be_negative INTEGER NOT NULL,
	sort BIGINT NOT NULL
);
INSERT INTO econ_indicator_default VALUES
	('output', '工业总产值', '万元', 'flow', 'above_industrial', 0, 10),
	('revenue', '营业收入', '万元', 'flow', 'above_size', 0, 20),
	('taxable_sales', '应税销售', '万元', 'flow', 'above_industrial', 0, 30),
	('tax', '税收', '万元', 'flow', 'above_size', 0, 40),
	('profit', '利润', '万元', 'flow', 'above_size', 1, 50),
	('power', '用电量', '万千瓦时', 'flow', 'above_industrial', 0, 60),
	('employees', '从业人员', '人', 'stock', 'above_size', 0, 70),
	('fixed_investment', '固定资产投资', '万元', 'flow', 'none', 0, 80),
	('trade', '进出口额', '万美元', 'flow', 'none', 0, 90),
	('rd', '研发投入', '万元', 'flow', 'none', 0, 100);
INSERT INTO econ_indicator (zone_id, code, name, unit, kind, required_of, may_be_negative, sort,
	active, created_at, updated_at)
	SELECT z.id, d.code, d.name, d.unit, d.kind, d.required_of, d.may_be_negative, d.sort, 1,
	z.created_at, z.created_at FROM zone z CROSS JOIN econ_indicator_default d;
