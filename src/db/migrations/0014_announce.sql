-- 0014: 通知公告, the zone's announcements to its enterprises (src/announce/). An announcement is
-- written as a draft, published to an audience fixed at that moment (announcement_target: one
-- row per enterprise, which also holds its read receipt), and may be withdrawn. Attachments and
-- notifications are the shared work services' (kind 'announcement').
CREATE TABLE announcement (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	title TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL DEFAULT 'notice',
	audience TEXT NOT NULL DEFAULT 'all',
	audience_flags TEXT NOT NULL DEFAULT '[]',
	audience_industry TEXT NOT NULL DEFAULT '',
	audience_building TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'draft',
	author_id BIGINT REFERENCES app_user(id),
	author_name TEXT NOT NULL DEFAULT '',
	dept_id BIGINT REFERENCES dept(id),
	audience_size BIGINT NOT NULL DEFAULT 0,
	published_at BIGINT,
	withdrawn_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX announcement_zone ON announcement(zone_id, status, id);

-- the audience of a published announcement, and each enterprise's receipt (read_at, read_by:
-- its first reader)
CREATE TABLE announcement_target (
	announcement_id BIGINT NOT NULL REFERENCES announcement(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	read_at BIGINT,
	read_by BIGINT REFERENCES app_user(id),
	PRIMARY KEY (announcement_id, enterprise_id)
);
CREATE INDEX announcement_target_ent ON announcement_target(enterprise_id, announcement_id);
