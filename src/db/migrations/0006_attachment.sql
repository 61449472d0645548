-- 0006: files attached to enterprise requests (src/ticket/attachment*.c). The bytes live under
-- the data directory, named by their SHA-256 (attachments/ab/abcdef…); a row says which request
-- holds which file under which name. Deleting sets deleted_at: the row and the file stay for the
-- audit trail, and the list leaves it out.
CREATE TABLE ticket_attachment (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	ticket_id BIGINT NOT NULL REFERENCES ticket(id),
	sha256 TEXT NOT NULL,
	name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	uploaded_by BIGINT REFERENCES app_user(id),
	uploader_name TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	deleted_at BIGINT
);
CREATE INDEX ticket_attachment_ticket ON ticket_attachment(ticket_id, id);
