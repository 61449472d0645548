/* Commands on the database as a whole: init, migrate, backup. */
#include "cli/cli.h"
#include "economy/economy.h"
#include "access/password.h"
#include "db/migrate.h"
#include "lib/log.h"
#include "org/org.h"
#include <errno.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char SQL_ZONE_COUNT[] = "SELECT COUNT(*) FROM zone";

static const char INIT_HELP[] =
    "Creates or migrates the database. On an empty database creates the first zone and\n"
    "its administrator 'admin' with a generated password, printed once, which must be\n"
    "changed at first login; --password-stdin reads the password instead (not forced\n"
    "to change).\n"
    "--crypto gm (or YUANQU_CRYPTO=gm) selects the 国密 mode for good: passwords\n"
    "hashed with PBKDF2-HMAC-SM3, phone numbers sealed with SM4 (key file gm.key).\n";

int cmd_init(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *code = "zone1", *name = "示范开发区";
	int pw_stdin = 0;
	const struct cli_option opts[] = {CLI_OPT_STR("--zone-code", &code),
	                                  CLI_OPT_STR("--zone-name", &name),
	                                  CLI_OPT_FLAG("--password-stdin", &pw_stdin),
	                                  {0}};
	struct cli_cmd cmd = {
	    .synopsis = "init [--db URL] [--zone-code CODE] [--zone-name NAME] [--password-stdin]",
	    .help = INIT_HELP,
	    .opts = opts};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	struct db *c;
	if (cli_open_db(&env, &c) < 0)
		return 1;
	int64_t zones;
	if (db_query_int(c, SQL_ZONE_COUNT, &zones, 0) < 0)
		goto out_close;
	if (zones > 0) {
		printf("database %s is initialised (schema version %d)\n", env.db_url,
		       db_schema_version(c));
		db_close(c);
		return 0;
	}
	char password[130];
	if (cli_password(pw_stdin, password, sizeof password) < 0)
		goto out_close;
	struct principal cli;
	struct yq_err e = {0};
	int64_t zone_id;
	if (db_begin(c, 1) != DB_OK)
		goto out_close;
	if (zone_create(c, code, name, &zone_id) != DB_OK || econ_zone_init(c, zone_id) != DB_OK)
		goto out_rollback;
	org_cli_principal(&cli, zone_id);
	struct user in = {
	    .username = "admin",
	    .display_name = "系统管理员",
	    .role = "admin",
	    .password = password,
	    .must_change = !pw_stdin,
	};
	if (user_add_in(c, &cli, zone_id, &in, &e) < 0) {
		fprintf(stderr, "yuanqu: %s: %s\n", e.field ? e.field : "admin",
		        e.message_en ? e.message_en : "cannot create admin");
		goto out_rollback;
	}
	if (db_commit(c) != DB_OK)
		goto out_close;
	printf("created zone %s (%s) and user admin in %s\n", code, name, env.db_url);
	if (!pw_stdin)
		printf("admin password (shown once, change it at first login): %s\n", password);
	sodium_memzero(password, sizeof password);
	db_close(c);
	return 0;
out_rollback:
	db_rollback(c);
out_close:
	db_close(c);
	return 1;
}

int cmd_migrate(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	struct cli_cmd cmd = {.synopsis = "migrate [--db URL]",
	                      .help =
	                          "Applies the database migrations compiled into this program.\n"};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	char err[512];
	struct db *c;
	if (db_open(env.db_url, &c, err, sizeof err) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err);
		return 1;
	}
	int applied = 0;
	int rc = cli_migrate(c, &applied);
	if (rc == 0)
		printf("schema version %d (%d migration%s applied)\n", db_schema_version(c),
		       applied, applied == 1 ? "" : "s");
	db_close(c);
	return rc == 0 ? 0 : 1;
}

int cmd_backup(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *out = NULL;
	struct cli_cmd cmd = {
	    .synopsis = "backup [--db URL] FILE",
	    .help = "Writes a consistent copy of a SQLite database to FILE while the "
	            "server\nkeeps running (SQLite online backup). For PostgreSQL use "
	            "pg_dump.\n",
	    .words = &out,
	    .max_words = 1};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	if (!out) {
		cli_usage(&cmd, stderr);
		return 2;
	}
	if (db_engine_of_url(env.db_url) == DB_POSTGRES) {
		fprintf(stderr, "yuanqu: for PostgreSQL use pg_dump, e.g. pg_dump -Fc -f %s '%s'\n",
		        out, env.db_url);
		return 2;
	}
	const char *src_path = strncmp(env.db_url, "sqlite:", 7) == 0 ? env.db_url + 7 : env.db_url;
	/* the copy is as secret as the database: a new file is created 0600 (umask 077), an older
	 * one it replaces is made 0600 before anything is written into it */
	if (chmod(out, 0600) < 0 && errno != ENOENT) {
		fprintf(stderr, "yuanqu: backup: cannot make %s private: %s\n", out,
		        strerror(errno));
		return 1;
	}
	sqlite3 *src = NULL, *dst = NULL;
	int rc = sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_open(out, &dst);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "yuanqu: backup: %s\n", sqlite3_errmsg(dst ? dst : src));
		sqlite3_close(src);
		sqlite3_close(dst);
		return 1;
	}
	sqlite3_busy_timeout(src, 5000);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		fprintf(stderr, "yuanqu: backup: %s\n", sqlite3_errmsg(dst));
		sqlite3_close(src);
		sqlite3_close(dst);
		return 1;
	}
	/* copy every page in one step, inside one read transaction: the database is in WAL mode,
	 * so the server's writers are not blocked meanwhile, and the copy is the snapshot of the
	 * moment the step began. (Copying in several steps restarts from the first page whenever
	 * another process writes between two steps: under steady load it never finished.) */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	int ok = rc == SQLITE_DONE;
	if (!ok)
		fprintf(stderr, "yuanqu: backup failed: %s\n", sqlite3_errstr(rc));
	else
		printf("backup of %s written to %s\n", src_path, out);
	sqlite3_close(src);
	sqlite3_close(dst);
	return ok ? 0 : 1;
}
