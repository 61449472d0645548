-- 0007: TOTP second factor per user, the roles an administrator requires it for, and an index
-- for the dormant-account sweep (src/auth/mfa.c, src/auth/auth.c).
-- totp_secret: base32 text; with totp_enabled = 0 a secret is an enrolment waiting for its first
-- code. totp_last_step: the last 30-second step a code was accepted for (a code works once).
ALTER TABLE app_user ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- roles whose users must use TOTP, per zone (zone_id 0: users without a zone)
CREATE TABLE totp_role (
	zone_id BIGINT NOT NULL,
	role TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (zone_id, role)
);

CREATE INDEX app_user_status ON app_user(status, last_login_at);
