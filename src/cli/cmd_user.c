/* yuanqu user add|passwd|lock|unlock|list: account administration from the command line. */
#include "cli/cli.h"
#include "access/password.h"
#include "lib/util.h"
#include "org/org.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char SQL_USER_ZONE[] = "SELECT COALESCE(zone_id, 0) FROM app_user WHERE id = ?";
static const char SQL_ZONE_FIRST[] = "SELECT COALESCE(MIN(id), 0) FROM zone";

static const char SYNOPSIS[] =
    "user add NAME --role ROLE [--zone CODE] [--dept-id N] [--enterprise-id N]\n"
    "                      [--region CODE] [--display-name NAME] [--data-scope SCOPE]\n"
    "                      [--password-stdin]\n"
    "       yuanqu user passwd NAME [--password-stdin]\n"
    "       yuanqu user lock NAME | unlock NAME\n"
    "       yuanqu user contacts NAME [--off]\n"
    "       yuanqu user list [--zone CODE]";
static const char HELP[] = "Roles: admin, leader, dept_head, staff, enterprise, province.\n"
                           "A province user reads the zones of its --region (a GB/T 2260 "
                           "code: 220000\nfor 吉林省, 220100 for 长春市; every zone without "
                           "one); see yuanqu region. It is not shown the enterprises' contact\n"
                           "details unless granted (add --contacts, or user contacts NAME;\n"
                           "--off revokes).\n"
                           "An admin with --data-scope all is a platform administrator: it "
                           "switches zones,\nadministers each, and manages the province and "
                           "city users in the console.\n"
                           "Without --password-stdin a password is generated, printed once "
                           "and must be\nchanged at first login. All take --db URL.\n";

struct list_ctx {
	int n;
};

static void print_user(void *ctx, const struct user *u)
{
	struct list_ctx *l = ctx;
	l->n++;
	printf("%-6lld %-20s %-10s %-8s %s%s\n", (long long)u->id, u->username, u->role, u->status,
	       u->display_name, u->must_change ? " (must change password)" : "");
}

/* Finds a user and its zone; prints an error when absent. */
static int find_user(struct db *c, const char *name, int64_t *id, int64_t *zone)
{
	if (user_find(c, name, id) < 0)
		return -1;
	if (!*id) {
		fprintf(stderr, "yuanqu: no user named '%s'\n", name);
		return -1;
	}
	return db_query_int(c, SQL_USER_ZONE, zone, 1, *id) < 0 ? -1 : 0;
}

int cmd_user(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .max_words = 1};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	const char *verb = argv[1], *name = NULL, *zone_code = NULL;
	struct user in = {0};
	int pw_stdin = 0, off = 0;
	const struct cli_option opts[] = {
	    CLI_OPT_STR("--role", &in.role),
	    CLI_OPT_STR("--zone", &zone_code),
	    CLI_OPT_STR("--display-name", &in.display_name),
	    CLI_OPT_STR("--region", &in.region_code),
	    CLI_OPT_STR("--data-scope", &in.data_scope),
	    CLI_OPT_FLAG("--contacts", &in.contact_access),
	    CLI_OPT_FLAG("--off", &off),
	    CLI_OPT_INT64("--dept-id", &in.dept_id, 0, INT64_MAX),
	    CLI_OPT_INT64("--enterprise-id", &in.enterprise_id, 0, INT64_MAX),
	    CLI_OPT_FLAG("--password-stdin", &pw_stdin),
	    {0},
	};
	cmd.opts = opts;
	cmd.words = &name;
	st = cli_parse(&cmd, &env, argc, argv, 2);
	if (st >= 0)
		return st;
	struct db *c;
	if (cli_open_db(&env, &c) < 0)
		return 1;
	struct db_pool *pool = NULL;
	char password[130] = "";
	int rc = 1;
	int64_t zone = 0, id = 0;
	struct principal cli;
	struct yq_err e = {0};
	if (zone_code ? cli_zone(c, zone_code, &zone) != 0
	              : db_query_int(c, SQL_ZONE_FIRST, &zone, 0) < 0)
		goto out;
	if (strcmp(verb, "list") == 0) {
		org_cli_principal(&cli, zone);
		struct user_filter f = {.page = 1, .page_size = 100000};
		struct list_ctx l = {0};
		int64_t total;
		if (user_list(c, &cli, &f, print_user, &l, &total) < 0)
			goto out;
		printf("%d user%s\n", l.n, l.n == 1 ? "" : "s");
		rc = 0;
		goto out;
	}
	if (!name) {
		cli_usage(&cmd, stderr);
		rc = 2;
		goto out;
	}
	if (cli_open_pool(&env, &pool) < 0)
		goto out;
	if ((strcmp(verb, "add") == 0 || strcmp(verb, "passwd") == 0) &&
	    cli_password(pw_stdin, password, sizeof password) < 0)
		goto out;
	if (strcmp(verb, "add") == 0) {
		if (!in.role) {
			fprintf(stderr, "yuanqu: --role is required\n");
			rc = 2;
			goto out;
		}
		org_cli_principal(&cli, zone);
		in.username = name;
		in.password = password;
		in.must_change = !pw_stdin;
		if (user_create(pool, &cli, &in, &e) < 0) {
			rc = cli_report(&e);
			goto out;
		}
		id = in.id;
		printf("created user %s (id %lld, role %s)\n", name, (long long)id, in.role);
	} else if (strcmp(verb, "contacts") == 0) {
		if (find_user(c, name, &id, &zone) < 0)
			goto out;
		org_cli_principal(&cli, zone);
		if (user_set_contacts(pool, &cli, id, !off, &e) < 0) {
			rc = cli_report(&e);
			goto out;
		}
		printf("%s: contact details %s\n", name, off ? "revoked" : "granted");
	} else if (strcmp(verb, "passwd") == 0 || strcmp(verb, "lock") == 0 ||
	           strcmp(verb, "unlock") == 0) {
		if (find_user(c, name, &id, &zone) < 0)
			goto out;
		org_cli_principal(&cli, zone);
		int r;
		if (strcmp(verb, "passwd") == 0)
			r = user_set_password(pool, &cli, id, password, !pw_stdin, &e);
		else
			r = user_set_status(pool, &cli, id,
			                    strcmp(verb, "lock") == 0 ? "locked" : "active", &e);
		if (r < 0) {
			rc = cli_report(&e);
			goto out;
		}
		printf("user %s: %s done\n", name, verb);
	} else {
		cli_usage(&cmd, stderr);
		rc = 2;
		goto out;
	}
	if (!pw_stdin && password[0])
		printf("password (shown once, must be changed at first login): %s\n", password);
	rc = 0;
out:
	sodium_memzero(password, sizeof password);
	db_pool_free(pool);
	db_close(c);
	return rc;
}
