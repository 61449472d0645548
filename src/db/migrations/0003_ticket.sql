-- 0003: enterprise requests (企业诉求): the request, its departments, its timeline, deadline
-- rules per category and priority, and the holiday calendar admins extend each year.

CREATE TABLE ticket (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	no TEXT NOT NULL,
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	channel TEXT NOT NULL,
	category TEXT NOT NULL,
	priority TEXT NOT NULL DEFAULT 'normal',
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	contact_name TEXT NOT NULL DEFAULT '',
	contact_phone TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	dept_id BIGINT REFERENCES dept(id),
	created_by BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL,
	accepted_at BIGINT,
	first_contact_at BIGINT,
	resolved_at BIGINT,
	closed_at BIGINT,
	due_first_contact BIGINT,
	due_resolve BIGINT,
	paused_at BIGINT,
	ext_days INTEGER NOT NULL DEFAULT 0,
	ext_reason TEXT NOT NULL DEFAULT '',
	answer TEXT NOT NULL DEFAULT '',
	rating TEXT NOT NULL DEFAULT '',
	rating_comment TEXT NOT NULL DEFAULT '',
	rated_at BIGINT,
	unrated INTEGER NOT NULL DEFAULT 0,
	reject_reason TEXT NOT NULL DEFAULT '',
	merged_into BIGINT REFERENCES ticket(id),
	escalated INTEGER NOT NULL DEFAULT 0,
	esc_level TEXT NOT NULL DEFAULT '',
	esc_note TEXT NOT NULL DEFAULT '',
	esc_deadline TEXT,
	updated_at BIGINT NOT NULL,
	UNIQUE (zone_id, no)
);
CREATE INDEX ticket_zone_status ON ticket(zone_id, status, due_resolve);
CREATE INDEX ticket_zone_created ON ticket(zone_id, created_at);
CREATE INDEX ticket_zone_dept ON ticket(zone_id, dept_id, status);
CREATE INDEX ticket_enterprise ON ticket(enterprise_id);
-- requests resolved and waiting for a rating, for the 7-day automatic close
CREATE INDEX ticket_status_resolved ON ticket(status, resolved_at);

-- the last request number given per zone and day (SQ20261123-0001 …): an upsert on this row
-- serialises concurrent numbering on both engines
CREATE TABLE ticket_seq (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	day TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (zone_id, day)
);

-- lead ('lead') and co-handling ('co', 协办) departments: the data scope of a department user
CREATE TABLE ticket_dept (
	ticket_id BIGINT NOT NULL REFERENCES ticket(id),
	dept_id BIGINT NOT NULL REFERENCES dept(id),
	role TEXT NOT NULL,
	PRIMARY KEY (ticket_id, dept_id)
);
CREATE INDEX ticket_dept_dept ON ticket_dept(dept_id);

CREATE TABLE ticket_event (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	ticket_id BIGINT NOT NULL REFERENCES ticket(id),
	at BIGINT NOT NULL,
	user_id BIGINT,
	user_name TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	from_status TEXT NOT NULL DEFAULT '',
	to_status TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL DEFAULT '',
	internal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ticket_event_ticket ON ticket_event(ticket_id, id);

CREATE TABLE ticket_rule (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	category TEXT NOT NULL,
	priority TEXT NOT NULL,
	first_contact_hours INTEGER NOT NULL,
	interim_days INTEGER NOT NULL,
	resolve_days INTEGER NOT NULL,
	PRIMARY KEY (zone_id, category, priority)
);

-- dates added by admins beyond the shipped 2025–2026 table (国务院办公厅 notices)
CREATE TABLE holiday (
	day TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT ''
);
