-- 0013 (SQLite): the shared work services (src/work/) keyed by (kind, ref_id), so that every
-- module that tracks work (requests today, kind 'ticket') keeps its timeline, attachments,
-- notifications and 督办 in the same tables. Rows keep their ids: an event id is an Open311
-- update_id, an attachment id is in its download URL, a notification id in its read URL.
-- SQLite cannot drop a column that holds a foreign key, so the tables are copied; the
-- PostgreSQL version (0013_work.pg.sql) renames and alters them in place.

-- the timeline: ticket_event → work_event (from_status/to_status → from_state/to_state)
CREATE TABLE work_event (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	ref_id BIGINT NOT NULL,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	at BIGINT NOT NULL,
	user_id BIGINT,
	user_name TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	from_state TEXT NOT NULL DEFAULT '',
	to_state TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL DEFAULT '',
	internal INTEGER NOT NULL DEFAULT 0,
	media_url TEXT NOT NULL DEFAULT '',
	ref TEXT
);
INSERT INTO work_event (id, kind, ref_id, zone_id, at, user_id, user_name, action, from_state,
	to_state, body, internal, media_url, ref)
SELECT id, 'ticket', ticket_id, zone_id, at, user_id, user_name, action, from_status, to_status,
	body, internal, media_url, ref FROM ticket_event;
DROP TABLE ticket_event;
CREATE INDEX work_event_item ON work_event(kind, ref_id, id);
CREATE UNIQUE INDEX work_event_ref ON work_event(kind, ref_id, ref);
CREATE INDEX work_event_zone_at ON work_event(zone_id, at);

-- attachments: ticket_attachment → work_attachment
CREATE TABLE work_attachment (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	ref_id BIGINT NOT NULL,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	sha256 TEXT NOT NULL,
	name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	uploaded_by BIGINT REFERENCES app_user(id),
	uploader_name TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	deleted_at BIGINT
);
INSERT INTO work_attachment (id, kind, ref_id, zone_id, sha256, name, content_type, size,
	uploaded_by, uploader_name, created_at, deleted_at)
SELECT id, 'ticket', ticket_id, zone_id, sha256, name, content_type, size, uploaded_by,
	uploader_name, created_at, deleted_at FROM ticket_attachment;
DROP TABLE ticket_attachment;
CREATE INDEX work_attachment_item ON work_attachment(kind, ref_id, id);

-- notifications: the item as (kind, ref_id) with its number; the event (was `kind`) as event;
-- those addressed to an enterprise's account carry the enterprise they are about
CREATE TABLE notification_0013 (
	id INTEGER PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	dept_id BIGINT NOT NULL REFERENCES dept(id),
	user_id BIGINT REFERENCES app_user(id),
	enterprise_id BIGINT,
	kind TEXT NOT NULL,
	ref_id BIGINT NOT NULL,
	ref_no TEXT NOT NULL DEFAULT '',
	event TEXT NOT NULL,
	title TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	read_at BIGINT
);
INSERT INTO notification_0013 (id, zone_id, dept_id, user_id, enterprise_id, kind, ref_id,
	ref_no, event, title, created_at, read_at)
SELECT n.id, n.zone_id, n.dept_id, n.user_id,
	CASE WHEN n.user_id IS NULL THEN NULL ELSE t.enterprise_id END, 'ticket', n.ticket_id,
	t.no, n.kind, n.title, n.created_at, n.read_at
FROM notification n JOIN ticket t ON t.id = n.ticket_id;
DROP TABLE notification;
ALTER TABLE notification_0013 RENAME TO notification;
CREATE INDEX notification_dept ON notification(dept_id, created_at);
CREATE INDEX notification_user ON notification(user_id, created_at);
CREATE INDEX notification_item ON notification(kind, ref_id, event);

-- 督办: one row per escalated item; state 1 in force (挂牌), 2 settled with its item (销号)
CREATE TABLE work_escalation (
	kind TEXT NOT NULL,
	ref_id BIGINT NOT NULL,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	state INTEGER NOT NULL,
	level TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	deadline TEXT,
	at BIGINT NOT NULL,
	user_id BIGINT,
	closed_at BIGINT,
	PRIMARY KEY (kind, ref_id)
);
CREATE INDEX work_escalation_zone ON work_escalation(kind, zone_id, state);
INSERT INTO work_escalation (kind, ref_id, zone_id, state, level, note, deadline, at, user_id,
	closed_at)
SELECT 'ticket', t.id, t.zone_id, t.escalated, t.esc_level, t.esc_note, t.esc_deadline,
	COALESCE((SELECT MAX(e.at) FROM work_event e WHERE e.kind = 'ticket' AND e.ref_id = t.id
	          AND e.action = 'escalate'), t.updated_at),
	(SELECT e.user_id FROM work_event e WHERE e.kind = 'ticket' AND e.ref_id = t.id AND
	 e.action = 'escalate' ORDER BY e.id DESC LIMIT 1),
	CASE WHEN t.escalated = 2 THEN t.closed_at END
FROM ticket t WHERE t.escalated IN (1, 2);
ALTER TABLE ticket DROP COLUMN escalated;
ALTER TABLE ticket DROP COLUMN esc_level;
ALTER TABLE ticket DROP COLUMN esc_note;
ALTER TABLE ticket DROP COLUMN esc_deadline;

-- webhooks: the message format (json, wecom, dingtalk)
ALTER TABLE webhook ADD COLUMN format TEXT NOT NULL DEFAULT 'json';
