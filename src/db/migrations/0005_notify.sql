-- 0005: in-app notifications of enterprise requests for the responsible department, and
-- outgoing webhooks with their delivery queue (src/ticket/notify.c, src/ticket/webhook.c).
CREATE TABLE notification (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	dept_id BIGINT NOT NULL REFERENCES dept(id),
	user_id BIGINT REFERENCES app_user(id),
	ticket_id BIGINT NOT NULL REFERENCES ticket(id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	read_at BIGINT
);
CREATE INDEX notification_dept ON notification(dept_id, created_at);
CREATE INDEX notification_ticket ON notification(ticket_id, kind);

CREATE TABLE webhook (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	url TEXT NOT NULL,
	secret TEXT NOT NULL,
	enabled INTEGER NOT NULL DEFAULT 1,
	created_at BIGINT NOT NULL
);
CREATE INDEX webhook_zone ON webhook(zone_id, enabled);

-- status: 'pending' (waiting for next_at), 'delivered', 'failed' (gave up after 6 attempts)
CREATE TABLE webhook_delivery (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	webhook_id BIGINT NOT NULL REFERENCES webhook(id),
	event TEXT NOT NULL,
	payload TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending',
	attempts INTEGER NOT NULL DEFAULT 0,
	next_at BIGINT NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	last_status INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	delivered_at BIGINT
);
CREATE INDEX webhook_delivery_due ON webhook_delivery(status, next_at);
CREATE INDEX webhook_delivery_zone ON webhook_delivery(zone_id, status, id);
