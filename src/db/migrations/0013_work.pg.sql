-- 0013 (PostgreSQL): the shared work services (src/work/) keyed by (kind, ref_id), so that every
-- module that tracks work (requests today, kind 'ticket') keeps its timeline, attachments,
-- notifications and 督办 in the same tables. The tables are renamed and altered in place, so
-- rows keep their ids and sequences (an event id is an Open311 update_id, an attachment id is in
-- its download URL); the SQLite version (0013_work.sqlite.sql) copies them.

-- the timeline: ticket_event → work_event (from_status/to_status → from_state/to_state)
ALTER TABLE ticket_event RENAME TO work_event;
ALTER TABLE work_event DROP CONSTRAINT ticket_event_ticket_id_fkey;
ALTER TABLE work_event RENAME COLUMN ticket_id TO ref_id;
ALTER TABLE work_event RENAME COLUMN from_status TO from_state;
ALTER TABLE work_event RENAME COLUMN to_status TO to_state;
ALTER TABLE work_event ADD COLUMN kind TEXT NOT NULL DEFAULT 'ticket';
ALTER TABLE work_event ALTER COLUMN kind DROP DEFAULT;
ALTER SEQUENCE ticket_event_id_seq RENAME TO work_event_id_seq;
ALTER INDEX ticket_event_pkey RENAME TO work_event_pkey;
DROP INDEX ticket_event_ticket;
DROP INDEX ticket_event_ref;
ALTER INDEX ticket_event_zone_at RENAME TO work_event_zone_at;
CREATE INDEX work_event_item ON work_event(kind, ref_id, id);
CREATE UNIQUE INDEX work_event_ref ON work_event(kind, ref_id, ref);

-- attachments: ticket_attachment → work_attachment
ALTER TABLE ticket_attachment RENAME TO work_attachment;
ALTER TABLE work_attachment DROP CONSTRAINT ticket_attachment_ticket_id_fkey;
ALTER TABLE work_attachment RENAME COLUMN ticket_id TO ref_id;
ALTER TABLE work_attachment ADD COLUMN kind TEXT NOT NULL DEFAULT 'ticket';
ALTER TABLE work_attachment ALTER COLUMN kind DROP DEFAULT;
ALTER SEQUENCE ticket_attachment_id_seq RENAME TO work_attachment_id_seq;
ALTER INDEX ticket_attachment_pkey RENAME TO work_attachment_pkey;
DROP INDEX ticket_attachment_ticket;
CREATE INDEX work_attachment_item ON work_attachment(kind, ref_id, id);

-- notifications: the item as (kind, ref_id) with its number; the event (was `kind`) as event;
-- those addressed to an enterprise's account carry the enterprise they are about
ALTER TABLE notification DROP CONSTRAINT notification_ticket_id_fkey;
ALTER TABLE notification RENAME COLUMN kind TO event;
ALTER TABLE notification RENAME COLUMN ticket_id TO ref_id;
ALTER TABLE notification ADD COLUMN kind TEXT NOT NULL DEFAULT 'ticket';
ALTER TABLE notification ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE notification ADD COLUMN ref_no TEXT NOT NULL DEFAULT '';
ALTER TABLE notification ADD COLUMN enterprise_id BIGINT;
UPDATE notification SET ref_no = t.no,
	enterprise_id = CASE WHEN notification.user_id IS NULL THEN NULL ELSE t.enterprise_id END
FROM ticket t WHERE t.id = notification.ref_id;
DROP INDEX notification_ticket;
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
