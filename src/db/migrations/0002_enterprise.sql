-- 0002: the enterprise registry (企业库): master data, dated flags, contacts, 包保 and visits.

ALTER TABLE enterprise ADD COLUMN short_name TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN industry_code TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN industry_section TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN building TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN registered_capital DOUBLE PRECISION;
ALTER TABLE enterprise ADD COLUMN established_on TEXT;
ALTER TABLE enterprise ADD COLUMN ent_type TEXT NOT NULL DEFAULT 'domestic';
ALTER TABLE enterprise ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE enterprise ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE enterprise ADD COLUMN dept_id BIGINT REFERENCES dept(id);
ALTER TABLE enterprise ADD COLUMN leader_user_id BIGINT REFERENCES app_user(id);
ALTER TABLE enterprise ADD COLUMN liaison_user_id BIGINT REFERENCES app_user(id);
CREATE INDEX enterprise_zone_name ON enterprise(zone_id, archived, name);
CREATE INDEX enterprise_zone_industry ON enterprise(zone_id, industry_code);
CREATE INDEX enterprise_leader ON enterprise(leader_user_id);

-- A flag holds from valid_from to valid_to (inclusive; NULL = still holds), so
-- "规上 enterprises as of 2021-06" is a date comparison.
CREATE TABLE enterprise_flag (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	flag TEXT NOT NULL,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	cert_no TEXT NOT NULL DEFAULT ''
);
CREATE INDEX enterprise_flag_ent ON enterprise_flag(enterprise_id, flag);
CREATE INDEX enterprise_flag_zone ON enterprise_flag(zone_id, flag, valid_from);

-- 包保 visits: the 摸底 / 服务 / 挖潜 record.
CREATE TABLE enterprise_visit (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	visited_on TEXT NOT NULL,
	visitor_user_id BIGINT REFERENCES app_user(id),
	visitor_name TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL,
	findings TEXT NOT NULL DEFAULT '',
	follow_ups TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL
);
CREATE INDEX enterprise_visit_ent ON enterprise_visit(enterprise_id, visited_on);
