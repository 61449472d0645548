-- 0009: the crypto mode of the database, recorded once ('std' or 'gm', 国密), and the check
-- value of the 国密 key, so neither can change silently (see src/audit/crypto_mode.c).

CREATE TABLE crypto_setting (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
