/* The security keys of a database — the audit-chain key, the crypto mode and the 国密 key —
 * loaded for every command that opens one (cli_open_db) and for serve.
 *
 * Key files live beside the SQLite database (else in YUANQU_DATA_DIR): audit.key and gm.key,
 * 64 hex digits, mode 0600; YUANQU_AUDIT_KEY / YUANQU_GM_KEY (hex) or YUANQU_AUDIT_KEY_FILE /
 * YUANQU_GM_KEY_FILE (path) take precedence. A missing key file is created only while nothing
 * depends on it (an empty audit chain; no field sealed with a 国密 key); otherwise the command
 * refuses to start rather than continue with a new key. Uses only the layers below the CLI. */
#include "cli/cli.h"
#include "audit/audit.h"
#include "audit/crypto_mode.h"
#include "lib/gm.h"
#include "lib/keyfile.h"
#include "lib/log.h"
#include "lib/util.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load_audit_key(const struct cli_env *env, struct db *c)
{
	char path[1200], err[1400];
	keyfile_path(env->db_url, env->data_dir, "audit.key", path, sizeof path);
	int64_t rows = audit_chain_length(c);
	if (rows < 0) {
		fprintf(stderr, "yuanqu: cannot read the audit chain: %s\n", db_errmsg(c));
		return -1;
	}
	uint8_t key[AUDIT_KEY_LEN];
	int created = 0;
	int rc = keyfile_load(path, "YUANQU_AUDIT_KEY", "YUANQU_AUDIT_KEY_FILE", 0, key, &created,
	                      err, sizeof err);
	if (rc == 1) {
		/* no key file: create one, unless rows were already chained with a lost key */
		if (rows > 0) {
			/* reading goes on; every audited write fails, and serve refuses to start */
			fprintf(stderr,
			        "yuanqu: warning: the audit key file %s is missing, but the audit "
			        "chain "
			        "of this database has %lld rows: restore the key file (or set "
			        "YUANQU_AUDIT_KEY); until then every change fails\n",
			        path, (long long)rows);
			return 0;
		}
		rc = keyfile_load(path, "YUANQU_AUDIT_KEY", "YUANQU_AUDIT_KEY_FILE", 1, key,
		                  &created, err, sizeof err);
	}
	if (rc != 0) {
		fprintf(stderr, "yuanqu: audit key: %s\n", err);
		return -1;
	}
	if (created)
		log_info("audit: created the audit-chain key file %s (mode 0600): back it up apart "
		         "from the database",
		         path);
	audit_chain_set_key(key);
	sodium_memzero(key, sizeof key);
	if (audit_chain_init(c, err, sizeof err) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err);
		return -1;
	}
	return 0;
}

static int load_gm(const struct cli_env *env, struct db *c)
{
	char err[1400];
	int gm;
	if (crypto_mode_resolve(c, env->crypto, &gm, err, sizeof err) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err);
		return -1;
	}
	if (!gm) {
		gm_disable();
		return 0;
	}
	char path[1200], recorded[65], check[65];
	keyfile_path(env->db_url, env->data_dir, "gm.key", path, sizeof path);
	if (crypto_gm_check_get(c, recorded) < 0) {
		fprintf(stderr, "yuanqu: cannot read the 国密 settings: %s\n", db_errmsg(c));
		return -1;
	}
	uint8_t key[GM_KEY_LEN];
	int created = 0;
	int rc = keyfile_load(path, "YUANQU_GM_KEY", "YUANQU_GM_KEY_FILE", !recorded[0], key,
	                      &created, err, sizeof err);
	if (rc == 1) {
		fprintf(stderr,
		        "yuanqu: the 国密 key file %s is missing, but this database holds data "
		        "sealed with it: restore the key file (or set YUANQU_GM_KEY)\n",
		        path);
		return -1;
	}
	if (rc != 0) {
		fprintf(stderr, "yuanqu: 国密 key: %s\n", err);
		return -1;
	}
	gm_key_check(key, check);
	if (recorded[0] && strcmp(recorded, check) != 0) {
		sodium_memzero(key, sizeof key);
		fprintf(stderr,
		        "yuanqu: the 国密 key %s does not match the key this database was "
		        "sealed with\n",
		        path);
		return -1;
	}
	if (!recorded[0] && crypto_gm_check_put(c, check) < 0) {
		sodium_memzero(key, sizeof key);
		fprintf(stderr, "yuanqu: cannot record the 国密 key check: %s\n", db_errmsg(c));
		return -1;
	}
	if (created)
		log_info("gm: created the 国密 key file %s (mode 0600): back it up apart from the "
		         "database",
		         path);
	gm_enable(key);
	sodium_memzero(key, sizeof key);
	return 0;
}

int cli_security_init(const struct cli_env *env, struct db *c)
{
	const char *off = getenv("YUANQU_TEST_AUDIT_TIME_OFFSET");
	int64_t v;
	if (off && *off && parse_int64(off, -100LL * 365 * 86400, 0, &v) == 0) {
		audit_test_time_offset = v;
		log_warn("audit: test hook: audit rows dated %lld s in the past", (long long)-v);
	}
	const char *batch = getenv("YUANQU_TEST_AUDIT_BATCH");
	if (batch && *batch && parse_int64(batch, 1, 100000, &v) == 0)
		audit_test_batch = (int)v;
	if (load_gm(env, c) < 0)
		return -1;
	return load_audit_key(env, c);
}
