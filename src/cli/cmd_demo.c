/* yuanqu demo and yuanqu gen: demo zones from the seed reports; a province-scale data set. */
#include "cli/cli.h"
#include "demo/demo.h"
#include "lib/util.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char SQL_ENT_COUNT[] = "SELECT COUNT(*) FROM enterprise";
static const char SQL_ZONE_COUNT[] = "SELECT COUNT(*) FROM zone";

/* Opens the database, refusing one that already holds zones other than an empty first zone. */
static int open_empty(const struct cli_env *env, struct db_pool **pool)
{
	struct db *c;
	if (cli_open_db(env, &c) < 0)
		return -1;
	int64_t zones = 0, ents = 0;
	db_query_int(c, SQL_ZONE_COUNT, &zones, 0);
	db_query_int(c, SQL_ENT_COUNT, &ents, 0);
	db_close(c);
	if (zones > 0 || ents > 0) {
		fprintf(stderr, "yuanqu: the database already holds data; use a new database\n");
		return -1;
	}
	return cli_open_pool(env, pool);
}

static const char DEMO_HELP[] =
    "Loads the four zones of the seed reports (长春经开区, 长春装备制造产业开发区,\n"
    "海门开发区, 望城经开区) into a new database: departments with the requests each\n"
    "handles, the listed accounts (one per role, printed) and the zones' cadres,\n"
    "the enterprises the reports name and a synthetic fill whose figures are the\n"
    "reports', 包保, visits, and requests of the years the reports speak of and of\n"
    "this year; investment projects (招商引资, 项目建设) whose signings, 开工率,\n"
    "investment and targets are the reports', with their contracts' scans stored under\n"
    "YUANQU_DATA_DIR as uploads are. The listed accounts' passwords are generated and\n"
    "printed once (to be changed at first login), or read from standard input with\n"
    "--password-stdin for every account. --now fixes the present the requests and\n"
    "projects are played out to (default: now), so two runs give the same rows.\n";

int cmd_demo(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	int pw_stdin = 0;
	int64_t seed = 20261123, now = 0;
	const struct cli_option opts[] = {CLI_OPT_FLAG("--password-stdin", &pw_stdin),
	                                  CLI_OPT_INT64("--seed", &seed, 0, INT64_MAX),
	                                  CLI_OPT_INT64("--now", &now, 1577836800, 4102444800),
	                                  {0}};
	struct cli_cmd cmd = {.synopsis =
	                          "demo [--db URL] [--password-stdin] [--seed N] [--now UNIXTIME]",
	                      .help = DEMO_HELP,
	                      .opts = opts};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	char pw[130];
	if (pw_stdin && cli_read_stdin_line(pw, sizeof pw) < 0) {
		fprintf(stderr, "yuanqu: no password on standard input\n");
		return 1;
	}
	struct db_pool *pool;
	if (open_empty(&env, &pool) < 0)
		return 1;
	static struct demo_result res;
	int64_t t0 = now_mono_us();
	int rc = demo_load(pool, pw_stdin ? pw : NULL, (uint64_t)seed, now, env.data_dir, &res);
	db_pool_free(pool);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: loading the demo data failed\n");
		return 1;
	}
	printf("demo loaded into %s in %.1f s: %d zones, %d departments, %d users, %d enterprises, "
	       "%d requests, %d projects\n\n",
	       env.db_url, (double)(now_mono_us() - t0) / 1e6, res.zones, res.depts, res.users,
	       res.enterprises, res.tickets, res.projects);
	printf("%-20s %-11s %-18s %s\n", "user", "role", pw_stdin ? "" : "password", "zone");
	for (int i = 0; i < res.n_accounts; i++) {
		const struct demo_account *a = &res.accounts[i];
		printf("%-20s %-11s %-18s %s\n", a->username, a->role, pw_stdin ? "" : a->password,
		       a->zone);
	}
	if (!pw_stdin)
		printf("\nThe passwords are shown once; each user changes it at first login.\n");
	return 0;
}

static void gen_progress(void *ctx, int zone, int zones)
{
	(void)ctx;
	fprintf(stderr, "\rzone %d/%d", zone, zones);
	fflush(stderr);
}

static const char GEN_HELP[] =
    "Builds a deterministic province-scale data set in a new database (default 120\n"
    "zones x 2,500 enterprises x up to 400 investment projects, each with its monthly\n"
    "investment over the past 36 months, and every enterprise's monthly figures of the\n"
    "past 36 months: 10.8 million enterprise-months) for benchmarks. The province is 吉林省:\n"
    "zone 1 is 长春经济技术开发区, its strongest (first in the 综合考核 ranking); the others\n"
    "are smaller, each by its own draw (their figures and projects 30-80% of its).\n"
    "Users zone code + -admin,\n"
    "-leader, -dept_head, -staff (e.g. gen001-admin) and gen-province (reads every zone),\n"
    "password Gen-Passw0rd-2026. --now\n"
    "fixes the end of the generated period (default: now), so two runs give the same rows.\n";

int cmd_gen(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	int64_t zones = 120, per = 2500, tickets = 0, projects = 400, seed = 42, econ = 36;
	int64_t now = 0, space = 0;
	const struct cli_option opts[] = {
	    CLI_OPT_INT64("--zones", &zones, 1, 999),
	    CLI_OPT_INT64("--enterprises-per-zone", &per, 0, 1000000),
	    CLI_OPT_INT64("--tickets-per-zone", &tickets, 0, 1000000),
	    CLI_OPT_INT64("--projects-per-zone", &projects, 0, 100000),
	    CLI_OPT_INT64("--econ-months", &econ, 0, 120),
	    CLI_OPT_INT64("--space-units-per-zone", &space, 0, 100000),
	    CLI_OPT_INT64("--seed", &seed, 0, INT64_MAX),
	    CLI_OPT_INT64("--now", &now, 946684800, 4102444800),
	    {0},
	};
	struct cli_cmd cmd = {
	    .synopsis = "gen [--db URL] [--zones N] [--enterprises-per-zone M] "
	                "[--tickets-per-zone T] [--projects-per-zone P] [--econ-months M] "
	                "[--space-units-per-zone U] [--seed S] [--now UNIXTIME]",
	    .help = GEN_HELP,
	    .opts = opts};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	struct db_pool *pool;
	if (open_empty(&env, &pool) < 0)
		return 1;
	struct gen_opts o = {
	    .zones = (int)zones,
	    .enterprises_per_zone = (int)per,
	    .tickets_per_zone = (int)tickets,
	    .projects_per_zone = (int)projects,
	    .econ_months = (int)econ,
	    .space_units_per_zone = (int)space,
	    .seed = (uint64_t)seed,
	    .progress = isatty(2) ? gen_progress : NULL,
	    .now = now,
	};
	static struct demo_result res;
	int64_t t0 = now_mono_us();
	int rc = demo_gen(pool, &o, &res);
	db_pool_free(pool);
	if (o.progress)
		fprintf(stderr, "\r\033[K");
	if (rc < 0) {
		fprintf(stderr, "yuanqu: generating failed\n");
		return 1;
	}
	printf(
	    "generated in %.1f s: %d zones, %d users, %d enterprises, %d requests, %d projects\n",
	    (double)(now_mono_us() - t0) / 1e6, res.zones, res.users, res.enterprises, res.tickets,
	    res.projects);
	return 0;
}
