/* yuanqu audit verify|purge|logins and yuanqu crypto enable-gm (the keys themselves are loaded
 * by cli/keys.c for every command that opens a database). */
#include "cli/cli.h"
#include "audit/audit.h"
#include "audit/crypto_mode.h"
#include "enterprise/enterprise.h"
#include "org/org.h"
#include "lib/gm.h"
#include "lib/keyfile.h"
#include "lib/log.h"
#include "lib/util.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SYNOPSIS[] =
    "audit verify [--db URL]\n"
    "       yuanqu audit purge [--db URL] [--retention-days N]\n"
    "       yuanqu audit logins [--db URL] [--user NAME] [--failed] [--limit N]";
_Static_assert(AUDIT_RETENTION_MIN_DAYS == 180, "the help below names the minimum");
static const char HELP[] =
    "verify  walks the HMAC chain of the audit and login logs from the purge anchor to\n"
    "        the head; prints 'audit chain ok: N rows' (exit 0) or the first broken\n"
    "        position and why: row changed, row missing, reordered (exit 1).\n"
    "purge   deletes rows older than the retention (default and minimum 180 days) from\n"
    "        the start of the chain, keeping it verifiable (the server does this in\n"
    "        its maintenance, see serve --audit-retention-days).\n"
    "logins  the login log of the whole installation, newest first (default 50 rows):\n"
    "        every zone, users without a zone (province) and names that are no account,\n"
    "        which are kept as '?' and a keyed digest, never as typed; --user NAME finds\n"
    "        the attempts on NAME, an account or not. A zone's administrators see only\n"
    "        their users' logins in the console.\n\n"
    "The key: audit.key beside the SQLite database (else in YUANQU_DATA_DIR), or\n"
    "YUANQU_AUDIT_KEY (64 hex digits) / YUANQU_AUDIT_KEY_FILE.\n";

static int audit_verify_cmd(const struct cli_env *env)
{
	struct db *c;
	if (cli_open_db(env, &c) < 0)
		return 1;
	struct audit_verify v;
	int rc = audit_chain_verify(c, &v);
	db_close(c);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: audit verify: database error\n");
		return 1;
	}
	if (!v.ok) {
		if (v.broken_seq)
			printf("audit chain broken at seq %lld: %s\n", (long long)v.broken_seq,
			       v.why);
		else
			printf("audit chain broken: %s\n", v.why);
		return 1;
	}
	printf("audit chain ok: %lld rows\n", (long long)v.rows);
	printf("positions %lld..%lld, purge anchor at %lld, head mac %s\n", (long long)v.first_seq,
	       (long long)v.head_seq, (long long)v.anchor_seq,
	       v.head_mac[0] ? v.head_mac : "(none)");
	return 0;
}

static int audit_purge_cmd(const struct cli_env *env, int64_t days)
{
	struct db *c;
	if (cli_open_db(env, &c) < 0)
		return 1;
	db_close(c);
	struct db_pool *pool;
	if (cli_open_pool(env, &pool) < 0)
		return 1;
	int64_t purged;
	int rc = audit_purge(pool, now_unix() - days * 86400, 5000, &purged);
	db_pool_free(pool);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: audit purge failed\n");
		return 1;
	}
	printf("purged %lld rows older than %lld days\n", (long long)purged, (long long)days);
	return 0;
}

static void login_row_print(void *ctx, const void *log_row)
{
	const struct login_row *row = log_row;
	(void)ctx;
	char at[32];
	time_t t = (time_t)row->at;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("%s  %-34s %-5s %-7s %-20s %-15s zone=%lld\n", at, row->username,
	       row->success ? "ok" : "fail", row->user_id ? "account" : "-",
	       row->reason && *row->reason ? row->reason : "-", row->ip ? row->ip : "",
	       (long long)row->zone_id);
}

/* yuanqu audit logins: the installation-wide login log. */
static int audit_logins_cmd(const struct cli_env *env, const char *user, int failed, int64_t limit)
{
	struct db *c;
	if (cli_open_db(env, &c) < 0)
		return 1;
	char masked[AUDIT_UNKNOWN_NAME_LEN + 1];
	struct audit_filter f = {.success = failed ? 0 : -1, .page = 1, .page_size = limit};
	if (user) {
		int64_t id = 0;
		if (user_find(c, user, &id) < 0) {
			db_close(c);
			fprintf(stderr, "yuanqu: audit logins: database error\n");
			return 1;
		}
		/* a name that is no account was logged as its digest */
		if (!id)
			audit_unknown_name(user, masked);
		f.username = id ? user : masked;
	}
	int64_t total = 0;
	int rc = audit_page(c, NULL, AUDIT_LOG_LOGINS, &f, login_row_print, NULL, &total);
	db_close(c);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: audit logins: database error\n");
		return 1;
	}
	printf("%lld of %lld row(s)\n", (long long)(total < limit ? total : limit),
	       (long long)total);
	return 0;
}

int cli_retention_days(const char *v, int *out)
{
	int64_t d;
	if (parse_int64(v, 0, 100000, &d) < 0) {
		fprintf(stderr, "yuanqu: the audit retention must be a number of days\n");
		return -1;
	}
	if (d < AUDIT_RETENTION_MIN_DAYS) {
		fprintf(
		    stderr,
		    "yuanqu: the audit retention must be at least %d days (等保 2.0 keeps audit "
		    "records at least six months), not %lld\n",
		    AUDIT_RETENTION_MIN_DAYS, (long long)d);
		return -1;
	}
	*out = (int)d;
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	const char *sub = argv[1];
	int days = AUDIT_RETENTION_MIN_DAYS;
	const char *user = NULL, *retention = NULL;
	int failed = 0;
	int64_t limit = 50;
	const struct cli_option purge_opts[] = {CLI_OPT_STR("--retention-days", &retention), {0}};
	const struct cli_option logins_opts[] = {CLI_OPT_STR("--user", &user),
	                                         CLI_OPT_INT64("--limit", &limit, 1, 100000),
	                                         CLI_OPT_FLAG("--failed", &failed),
	                                         {0}};
	if (strcmp(sub, "purge") == 0)
		cmd.opts = purge_opts;
	else if (strcmp(sub, "logins") == 0)
		cmd.opts = logins_opts;
	st = cli_parse(&cmd, &env, argc, argv, 2);
	if (st >= 0)
		return st;
	if (retention && cli_retention_days(retention, &days) < 0)
		return 2;
	if (strcmp(sub, "verify") == 0)
		return audit_verify_cmd(&env);
	if (strcmp(sub, "purge") == 0)
		return audit_purge_cmd(&env, days);
	if (strcmp(sub, "logins") == 0)
		return audit_logins_cmd(&env, user, failed, limit);
	fprintf(stderr, "yuanqu: unknown audit command '%s'\n", sub);
	cli_usage(&cmd, stderr);
	return 2;
}

/* yuanqu crypto enable-gm: the one-way switch of a standard database to the 国密 mode. In one
 * transaction: the mode is recorded, the 国密 key is created (or taken from the environment) and
 * its check value recorded, every stored phone number is sealed and an audit row written.
 * Passwords are rehashed with PBKDF2-HMAC-SM3 at each user's next login. */
static int enable_gm(const struct cli_env *env)
{
	struct cli_env e = *env;
	e.crypto = NULL;
	struct db *c;
	if (cli_open_db(&e, &c) < 0)
		return 1;
	if (gm_enabled()) {
		printf("database %s is in the 国密 mode already\n", env->db_url);
		db_close(c);
		return 0;
	}
	if (!audit_chain_has_key()) {
		fprintf(stderr, "yuanqu: the switch is audited and needs the audit key\n");
		db_close(c);
		return 1;
	}
	char path[1200], err[1400], check[65];
	keyfile_path(env->db_url, env->data_dir, "gm.key", path, sizeof path);
	uint8_t key[GM_KEY_LEN];
	int created = 0;
	if (keyfile_load(path, "YUANQU_GM_KEY", "YUANQU_GM_KEY_FILE", 1, key, &created, err,
	                 sizeof err) != 0) {
		fprintf(stderr, "yuanqu: 国密 key: %s\n", err);
		db_close(c);
		return 1;
	}
	gm_key_check(key, check);
	gm_enable(key);
	sodium_memzero(key, sizeof key);
	/* the personal data: the F_SEALED fields of these entities, and the requests' contact
	 * phone (spelled here until requests run on their field table) */
	static const struct {
		const struct entity *en;
		const char *count; /* the audit row's member */
	} sealed[] = {{&ENTITY_USER, "user_phones_sealed"},
	              {&ENTITY_ENTERPRISE, "enterprise_contacts_sealed"}};
	int64_t counts[2] = {0, 0}, tickets = 0, zone = 0;
	struct principal cli;
	int rc = db_begin(c, 1);
	if (rc == DB_OK)
		rc = crypto_mode_switch_to_gm(c);
	if (rc == DB_OK)
		rc = crypto_gm_check_put(c, check);
	for (size_t i = 0; rc == DB_OK && i < sizeof sealed / sizeof sealed[0]; i++)
		rc = crypto_seal_entity(c, sealed[i].en, &counts[i]);
	if (rc == DB_OK)
		rc = crypto_seal_column(c, "ticket", "contact_phone", &tickets);
	if (rc == DB_OK)
		rc = db_query_int(c, "SELECT COALESCE(MIN(id), 0) FROM zone", &zone, 0);
	if (rc == DB_OK) {
		org_cli_principal(&cli, zone);
		struct audit_changes ch;
		audit_changes_init(&ch);
		audit_change_str(&ch, "crypto_mode", "std", "gm");
		for (size_t i = 0; i < sizeof sealed / sizeof sealed[0]; i++)
			audit_change_int(&ch, sealed[i].count, 0, counts[i]);
		audit_change_int(&ch, "ticket_phones_sealed", 0, tickets);
		rc = audit_write(c, &cli, zone, "update", "crypto_mode", 0, &ch);
		audit_changes_release(&ch);
	}
	if (rc != DB_OK || db_commit(c) != DB_OK) {
		fprintf(stderr, "yuanqu: the switch to the 国密 mode failed, nothing changed: %s\n",
		        db_errmsg(c));
		db_rollback(c);
		db_close(c);
		return 1;
	}
	/* rewrite the files so the plain values of the old row versions are gone as well */
	int vac = DB_OK;
	if (db_engine_of(c) == DB_SQLITE) {
		vac = db_exec(c, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)");
	} else {
		char sql[96];
		for (size_t i = 0; vac == DB_OK && i < sizeof sealed / sizeof sealed[0]; i++) {
			snprintf(sql, sizeof sql, "VACUUM FULL %s", sealed[i].en->table);
			vac = db_exec(c, sql);
		}
		if (vac == DB_OK)
			vac = db_exec(c, "VACUUM FULL ticket");
	}
	db_close(c);
	printf(
	    "database %s switched to the 国密 mode: %lld user phone numbers, the contacts of "
	    "%lld enterprises and %lld request phone numbers sealed%s; passwords are rehashed at "
	    "each user's next login\n",
	    env->db_url, (long long)counts[0], (long long)counts[1], (long long)tickets,
	    created ? "; new key file created" : "");
	if (vac != DB_OK)
		fprintf(stderr, "yuanqu: warning: VACUUM failed: old row versions may still hold "
		                "plain values until the next VACUUM\n");
	return 0;
}

static const char CRYPTO_HELP[] =
    "Switches a standard database to the 国密 mode, one way: records the mode, creates the\n"
    "key file gm.key (or uses YUANQU_GM_KEY), seals the stored phone numbers of users and\n"
    "enterprise contacts with SM4, and rehashes each password with PBKDF2-HMAC-SM3 at its\n"
    "next login. Stop the server first. Audit rows written before keep their values.\n";

int cmd_crypto(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	struct cli_cmd cmd = {.synopsis = "crypto enable-gm [--db URL]", .help = CRYPTO_HELP};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	st = cli_parse(&cmd, &env, argc, argv, 2);
	if (st >= 0)
		return st;
	if (strcmp(argv[1], "enable-gm") != 0) {
		cli_usage(&cmd, stderr);
		return 2;
	}
	return enable_gm(&env);
}
