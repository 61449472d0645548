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

/* Each key file: its name beside the database, the variables that take precedence
 * (keyfile_load), its name in an error ("yuanqu: <what>: <reason>") and the log line of its
 * creation ("<tag>: created the <label> file <path> (mode 0600): <hint>"). */
static const struct key_file {
	const char *file, *env_hex, *env_file, *what, *tag, *label, *hint;
} keys[] = {
    [CLI_KEY_AUDIT] = {"audit.key", "YUANQU_AUDIT_KEY", "YUANQU_AUDIT_KEY_FILE", "audit key",
                       "audit", "audit-chain key", "back it up apart from the database"},
    [CLI_KEY_GM] = {"gm.key", "YUANQU_GM_KEY", "YUANQU_GM_KEY_FILE", "国密 key", "gm", "国密 key",
                    "back it up apart from the database"},
    [CLI_KEY_METRICS] = {"metrics.key", "YUANQU_METRICS_TOKEN", "YUANQU_METRICS_TOKEN_FILE",
                         "metrics token", "metrics", "scrape token",
                         "/metrics answers to \"Authorization: Bearer <its content>\""},
};

int cli_key_load(const struct cli_env *env, enum cli_key which, int create,
                 uint8_t key[KEYFILE_KEY_LEN], char *path, size_t pathlen)
{
	char err[1400];
	const struct key_file *k = &keys[which];
	keyfile_path(env->db_url, env->data_dir, k->file, path, pathlen);
	int created = 0;
	int rc =
	    keyfile_load(path, k->env_hex, k->env_file, create, key, &created, err, sizeof err);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: %s: %s\n", k->what, err);
		return -1;
	}
	if (created)
		log_info("%s: created the %s file %s (mode 0600): %s", k->tag, k->label, path,
		         k->hint);
	return rc;
}

static int load_audit_key(const struct cli_env *env, struct db *c)
{
	char path[1200], err[1400];
	int64_t rows = audit_chain_length(c);
	if (rows < 0) {
		fprintf(stderr, "yuanqu: cannot read the audit chain: %s\n", db_errmsg(c));
		return -1;
	}
	uint8_t key[AUDIT_KEY_LEN];
	int rc = cli_key_load(env, CLI_KEY_AUDIT, 0, key, path, sizeof path);
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
		rc = cli_key_load(env, CLI_KEY_AUDIT, 1, key, path, sizeof path);
	}
	if (rc != 0)
		return -1;
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
	if (crypto_gm_check_get(c, recorded) < 0) {
		fprintf(stderr, "yuanqu: cannot read the 国密 settings: %s\n", db_errmsg(c));
		return -1;
	}
	uint8_t key[GM_KEY_LEN];
	int rc = cli_key_load(env, CLI_KEY_GM, !recorded[0], key, path, sizeof path);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		fprintf(stderr,
		        "yuanqu: the 国密 key file %s is missing, but this database holds data "
		        "sealed with it: restore the key file (or set YUANQU_GM_KEY)\n",
		        path);
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
