-- 0001: platform core: zones, departments, users, sessions, API tokens, throttling, audit and
-- login logs, and the minimal enterprise table that the registry module extends.
-- Written once for SQLite and PostgreSQL: "BIGSERIAL PRIMARY KEY" becomes "INTEGER PRIMARY KEY"
-- on SQLite (see migrate.c); times are integer unix seconds; booleans are 0/1 integers.

CREATE TABLE zone (
	id BIGSERIAL PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

CREATE TABLE dept (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	parent_id BIGINT REFERENCES dept(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'other',
	path TEXT NOT NULL DEFAULT '/',
	sort INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX dept_zone ON dept(zone_id, path);

CREATE TABLE enterprise (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	uscc TEXT NOT NULL,
	name TEXT NOT NULL,
	archived INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (zone_id, uscc)
);

CREATE TABLE app_user (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT REFERENCES zone(id),
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL,
	data_scope TEXT NOT NULL,
	dept_id BIGINT REFERENCES dept(id),
	enterprise_id BIGINT REFERENCES enterprise(id),
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	must_change INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT 'active',
	failed_count INTEGER NOT NULL DEFAULT 0,
	locked_until BIGINT NOT NULL DEFAULT 0,
	password_changed_at BIGINT NOT NULL,
	last_login_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX app_user_zone ON app_user(zone_id, dept_id);

CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES app_user(id),
	zone_id BIGINT REFERENCES zone(id),
	csrf_token TEXT NOT NULL,
	ip TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	last_seen BIGINT NOT NULL
);
CREATE INDEX session_by_user ON session(user_id);

CREATE TABLE api_token (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	user_id BIGINT NOT NULL REFERENCES app_user(id),
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	expires_at BIGINT,
	revoked_at BIGINT,
	last_used_at BIGINT
);

CREATE TABLE login_throttle (
	ip TEXT PRIMARY KEY,
	window_start BIGINT NOT NULL,
	failures INTEGER NOT NULL
);

CREATE TABLE audit_log (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT,
	at BIGINT NOT NULL,
	user_id BIGINT,
	username TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	obj_type TEXT NOT NULL,
	obj_id TEXT NOT NULL DEFAULT '',
	changes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_zone_at ON audit_log(zone_id, at);

CREATE TABLE login_log (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT,
	at BIGINT NOT NULL,
	username TEXT NOT NULL,
	user_id BIGINT,
	ip TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT '',
	success INTEGER NOT NULL,
	reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_log_at ON login_log(at);
