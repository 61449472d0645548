-- 0030: 用工 (src/jobs/): the enterprises' job demands (用工需求: a post, how many, the monthly pay
-- range in 元, skills, education, where, until when), the hires the zone's human-resources team
-- records against them (招用: how many, when, by which channel, at which job fair or through which
-- school partnership), the job fairs (招聘会) and the enterprises taking part, and the school
-- partnerships (校企合作: a school's major sending interns to an enterprise). A demand is open,
-- filled (its hires reached its count) or closed; "expired" is read, not stored (open and past
-- its deadline). Dates are "YYYY-MM-DD" text, times unix seconds.
CREATE TABLE job_demand (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	title TEXT NOT NULL DEFAULT '',
	headcount BIGINT NOT NULL DEFAULT 1,
	pay_min BIGINT NOT NULL DEFAULT 0,
	pay_max BIGINT NOT NULL DEFAULT 0,
	skills TEXT NOT NULL DEFAULT '',
	education TEXT NOT NULL DEFAULT 'any',
	location TEXT NOT NULL DEFAULT '',
	deadline TEXT NOT NULL,
	posted_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'open',
	contact TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX job_demand_zone ON job_demand(zone_id, status, deadline);
CREATE INDEX job_demand_posted ON job_demand(zone_id, posted_on);
CREATE INDEX job_demand_ent ON job_demand(enterprise_id, id);

CREATE TABLE job_fair (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	title TEXT NOT NULL DEFAULT '',
	fair_date TEXT NOT NULL,
	venue TEXT NOT NULL DEFAULT '',
	mode TEXT NOT NULL DEFAULT 'offline',
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX job_fair_zone ON job_fair(zone_id, fair_date);

CREATE TABLE job_fair_enterprise (
	fair_id BIGINT NOT NULL REFERENCES job_fair(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	joined_at BIGINT NOT NULL,
	PRIMARY KEY (fair_id, enterprise_id)
);
CREATE INDEX job_fair_enterprise_ent ON job_fair_enterprise(enterprise_id);

CREATE TABLE job_partnership (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	school TEXT NOT NULL DEFAULT '',
	major TEXT NOT NULL DEFAULT '',
	year BIGINT NOT NULL,
	planned BIGINT NOT NULL DEFAULT 0,
	arrived BIGINT NOT NULL DEFAULT 0,
	signed_on TEXT,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX job_partnership_zone ON job_partnership(zone_id, year);
CREATE INDEX job_partnership_ent ON job_partnership(enterprise_id);

CREATE TABLE job_hire (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	demand_id BIGINT NOT NULL REFERENCES job_demand(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	headcount BIGINT NOT NULL,
	hired_on TEXT NOT NULL,
	channel TEXT NOT NULL DEFAULT 'other',
	fair_id BIGINT REFERENCES job_fair(id),
	partnership_id BIGINT REFERENCES job_partnership(id),
	notes TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX job_hire_demand ON job_hire(demand_id);
CREATE INDEX job_hire_zone ON job_hire(zone_id, hired_on);
CREATE INDEX job_hire_fair ON job_hire(fair_id);
CREATE INDEX job_hire_ent ON job_hire(enterprise_id, id);
