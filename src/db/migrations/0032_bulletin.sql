-- 0032: scheduled bulletins (定时简报): the documents the server generated on its schedule — the
-- daily request briefing, the weekly project bulletin with its 龙虎榜, the monthly economic
-- bulletin — and each zone's schedule. The PDF is kept in the content-addressed file store under
-- the data directory (as attachments are), by its SHA-256.
CREATE TABLE bulletin (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	kind TEXT NOT NULL,
	period TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	file_name TEXT NOT NULL DEFAULT '',
	sha256 TEXT NOT NULL,
	size BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX bulletin_period ON bulletin(zone_id, kind, period);
CREATE INDEX bulletin_zone ON bulletin(zone_id, created_at);

-- When each kind is generated, in China Standard Time: at `at_time` (HH:MM) every day
-- (briefing, about the day before), every week on `day` 1–7 (Monday = 1; projects, about the
-- week before) or every month on `day` 1–28 (economy, about the month before). No row: off.
CREATE TABLE bulletin_schedule (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	kind TEXT NOT NULL,
	enabled INTEGER NOT NULL DEFAULT 0,
	at_time TEXT NOT NULL DEFAULT '08:00',
	day BIGINT NOT NULL DEFAULT 1,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (zone_id, kind)
);
