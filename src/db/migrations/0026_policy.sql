-- 0026: 惠企政策 (src/policy/): the zone's policy library and the enterprises' applications.
-- A policy's conditions are JSON lists of codes (industries, flags, enterprise types, buildings)
-- and numbers (capital, years since founding); publishing it stores one policy_match row per
-- eligible enterprise of the zone. An application moves draft → submitted → reviewing →
-- approved / rejected, and an approved one is paid (兑现) by payments. Money in 万元, dates
-- "YYYY-MM-DD" text, times unix seconds.
CREATE TABLE policy (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	title TEXT NOT NULL DEFAULT '',
	issuer TEXT NOT NULL DEFAULT '',
	doc_no TEXT NOT NULL DEFAULT '',
	summary TEXT NOT NULL DEFAULT '',
	benefit TEXT NOT NULL DEFAULT '',
	max_amount DOUBLE PRECISION,
	apply_from TEXT,
	deadline TEXT,
	materials TEXT NOT NULL DEFAULT '[]',
	industries TEXT NOT NULL DEFAULT '[]',
	flags TEXT NOT NULL DEFAULT '[]',
	ent_types TEXT NOT NULL DEFAULT '[]',
	min_capital DOUBLE PRECISION,
	min_age BIGINT NOT NULL DEFAULT 0,
	max_age BIGINT NOT NULL DEFAULT 0,
	buildings TEXT NOT NULL DEFAULT '[]',
	status TEXT NOT NULL DEFAULT 'draft',
	published_at BIGINT,
	closed_at BIGINT,
	created_by BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX policy_zone ON policy(zone_id, status, id);

CREATE TABLE policy_match (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	policy_id BIGINT NOT NULL REFERENCES policy(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX policy_match_pair ON policy_match(policy_id, enterprise_id);
CREATE INDEX policy_match_ent ON policy_match(enterprise_id, policy_id);

CREATE TABLE policy_application (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	policy_id BIGINT NOT NULL REFERENCES policy(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	amount_requested DOUBLE PRECISION,
	note TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'draft',
	approved_amount DOUBLE PRECISION,
	review_note TEXT NOT NULL DEFAULT '',
	reject_reason TEXT NOT NULL DEFAULT '',
	submitted_at BIGINT,
	reviewed_at BIGINT,
	created_by BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX policy_application_policy ON policy_application(policy_id, status);
CREATE INDEX policy_application_ent ON policy_application(enterprise_id, id);
CREATE INDEX policy_application_zone ON policy_application(zone_id, status, id);

CREATE TABLE policy_payment (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	policy_id BIGINT NOT NULL REFERENCES policy(id),
	application_id BIGINT NOT NULL REFERENCES policy_application(id),
	amount DOUBLE PRECISION NOT NULL,
	paid_on TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL
);
CREATE INDEX policy_payment_app ON policy_payment(application_id, id);
CREATE INDEX policy_payment_policy ON policy_payment(policy_id);
