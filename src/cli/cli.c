/* Common command-line settings (see cli.h). */
#include "cli/cli.h"
#include "access/password.h"
#include "db/migrate.h"
#include "lib/err.h"
#include "lib/log.h"
#include "lib/util.h"
#include "org/org.h"
#include "ticket/ticket_store.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char default_url[1100];

int cli_env_init(struct cli_env *env)
{
	env->data_dir = getenv("YUANQU_DATA_DIR");
	if (!env->data_dir || !*env->data_dir)
		env->data_dir = "data";
	env->db_url = getenv("YUANQU_DB");
	if (!env->db_url || !*env->db_url) {
		snprintf(default_url, sizeof default_url, "sqlite:%s/yuanqu.db", env->data_dir);
		env->db_url = default_url;
	}
	env->crypto = getenv("YUANQU_CRYPTO");
	return 0;
}

const char *cli_opt(const char *name, int argc, char **argv, int *i)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] == 0 && *i + 1 < argc) {
		(*i)++;
		return argv[*i];
	}
	return NULL;
}

int cli_common_opt(struct cli_env *env, int argc, char **argv, int *i)
{
	const char *v = cli_opt("--db", argc, argv, i);
	if (v) {
		env->db_url = v;
		return 1;
	}
	if ((v = cli_opt("--crypto", argc, argv, i))) {
		env->crypto = v;
		return 1;
	}
	return 0;
}

static int opt_value(const struct cli_option *o, const char *v)
{
	if (o->type == CLI_STR) {
		*(const char **)o->dest = v;
		return 0;
	}
	int64_t x;
	if (parse_int64(v, o->min, o->max, &x) < 0) {
		fprintf(stderr, "yuanqu: %s must be a number from %lld to %lld\n", o->name,
		        (long long)o->min, (long long)o->max);
		return -1;
	}
	if (o->type == CLI_INT64)
		*(int64_t *)o->dest = x;
	else
		*(int *)o->dest = (int)x;
	return 0;
}

void cli_usage(const struct cli_cmd *cmd, FILE *f)
{
	fprintf(f, "usage: yuanqu %s\n", cmd->synopsis);
	if (f == stdout && cmd->help)
		fprintf(f, "\n%s", cmd->help);
}

int cli_verb(const struct cli_cmd *cmd, int argc, char **argv)
{
	if (argc >= 2 && argv[1][0] != '-')
		return -1;
	int help = argc >= 2 && strcmp(argv[1], "--help") == 0;
	cli_usage(cmd, help ? stdout : stderr);
	return help ? 0 : 2;
}

int cli_parse(struct cli_cmd *cmd, struct cli_env *env, int argc, char **argv, int first)
{
	cmd->n_words = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i], *v;
		if (strcmp(a, "--help") == 0) {
			cli_usage(cmd, stdout);
			return 0;
		}
		if (cli_common_opt(env, argc, argv, &i))
			continue;
		const struct cli_option *o = cmd->opts;
		for (; o && o->name; o++) {
			if (o->type == CLI_SET) {
				if (strcmp(a, o->name) == 0) {
					*(int *)o->dest = (int)o->max;
					break;
				}
			} else if ((v = cli_opt(o->name, argc, argv, &i))) {
				if (opt_value(o, v) < 0) {
					cli_usage(cmd, stderr);
					return 2;
				}
				break;
			}
		}
		if (o && o->name)
			continue;
		if (a[0] == '-' || cmd->n_words >= cmd->max_words) {
			if (a[0] == '-')
				fprintf(stderr, "yuanqu: unknown option '%s'\n", a);
			else
				fprintf(stderr, "yuanqu: unexpected argument '%s'\n", a);
			cli_usage(cmd, stderr);
			return 2;
		}
		cmd->words[cmd->n_words++] = a;
	}
	return -1;
}

int cli_zone(struct db *c, const char *code, int64_t *zone)
{
	*zone = 0;
	if (code ? zone_find_by_code(c, code, zone)
	         : db_query_int(c, "SELECT COALESCE(MIN(id), 0) FROM zone", zone, 0)) {
		fprintf(stderr, "yuanqu: %s\n", db_errmsg(c));
		return 1;
	}
	if (*zone)
		return 0;
	if (code)
		fprintf(stderr, "yuanqu: no zone with code %s\n", code);
	else
		fprintf(stderr, "yuanqu: no zone yet (run yuanqu init first)\n");
	return 1;
}

int cli_open_zone(const struct cli_env *env, const char *code, struct db **c, struct principal *p)
{
	int64_t zone;
	if (cli_open_db(env, c) < 0)
		return -1;
	if (cli_zone(*c, code, &zone)) {
		db_close(*c);
		*c = NULL;
		return -1;
	}
	org_cli_principal(p, zone);
	return 0;
}

int cli_migrate(struct db *c, int *applied)
{
	if (db_migrate(c, applied) < 0)
		return -1;
	int moved = ticket_split_legacy_blocks(c);
	if (moved < 0)
		return error("migrate: cannot move the Open311 location blocks of old requests: %s",
		             db_errmsg(c));
	if (moved > 0)
		log_info(
		    "migrate: moved the location block of %d Open311 request%s into its fields",
		    moved, moved == 1 ? "" : "s");
	return 0;
}

int cli_open_db(const struct cli_env *env, struct db **out)
{
	char err[512];
	if (db_engine_of_url(env->db_url) == DB_SQLITE) {
		/* create the data directory of a default database path */
		const char *path =
		    strncmp(env->db_url, "sqlite:", 7) == 0 ? env->db_url + 7 : env->db_url;
		char dir[1024];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = 0;
			if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
				fprintf(stderr, "yuanqu: cannot create %s: %s\n", dir,
				        strerror(errno));
				return -1;
			}
		}
	}
	if (db_open(env->db_url, out, err, sizeof err) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err);
		return -1;
	}
	int applied;
	if (cli_migrate(*out, &applied) < 0) {
		fprintf(stderr, "yuanqu: database migration failed\n");
		db_close(*out);
		*out = NULL;
		return -1;
	}
	if (cli_security_init(env, *out) < 0) {
		db_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int cli_open_pool(const struct cli_env *env, struct db_pool **out)
{
	char err[512];
	if (db_pool_new(env->db_url, out, err, sizeof err) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err);
		return -1;
	}
	return 0;
}

int cli_password(int from_stdin, char *buf, size_t n)
{
	if (!from_stdin) {
		password_generate(buf);
		return 0;
	}
	if (cli_read_stdin_line(buf, n) < 0) {
		fprintf(stderr, "yuanqu: no password on standard input\n");
		return -1;
	}
	return 0;
}

int cli_read_stdin_line(char *buf, size_t n)
{
	if (!fgets(buf, (int)n, stdin))
		return -1;
	size_t len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = 0;
	return 0;
}

int cli_report(const struct yq_err *e)
{
	fprintf(stderr, "yuanqu: %s%s%s\n", e->field ? e->field : "", e->field ? ": " : "",
	        e->message_en ? e->message_en : (e->message ? e->message : "failed"));
	return 1;
}
