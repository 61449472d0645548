/* yuanqu stats: the request figures' summaries (src/ticket/ticket_summary.h), rebuilt from the
 * requests or checked against them. */
#include "cli/cli.h"
#include "lib/util.h"
#include "ticket/ticket_store.h"
#include "ticket/ticket_summary.h"
#include <stdio.h>
#include <string.h>

static const char SYNOPSIS[] = "stats rebuild [--zone CODE] [--db URL]\n"
                               "       yuanqu stats check [--zone CODE] [--db URL]";
static const char HELP[] =
    "The statistics of requests (GET /api/tickets/stats) are kept as summaries per zone,\n"
    "department, category, channel and day, month and year, changed with every request.\n"
    "rebuild  computes them again from the requests, for every zone or the one given\n"
    "         (the server does it by itself when the working-day calendar changed).\n"
    "check    computes each zone's figures both ways, from the summaries and from the\n"
    "         requests, for every year, month and the whole span of its requests, by\n"
    "         department, category and channel, and prints every figure that differs;\n"
    "         exit 1 when one does or the summaries need a rebuild.\n";

#define ZONE_BATCH 64
static const char SQL_ZONES[] =
    "SELECT id, code FROM zone WHERE id > ? AND (? = 0 OR id = ?) ORDER BY id LIMIT 64";

static int rebuild(struct db *c, int64_t zone, const char *code)
{
	int64_t t0 = now_mono_us(), n = 0;
	int rc = db_begin(c, 1);
	if (rc >= 0 && (rc = ticket_summary_rebuild(c, zone, NULL)) >= 0)
		rc = db_commit(c);
	else
		db_rollback(c);
	if (rc >= 0)
		rc = db_query_int(c, "SELECT COUNT(*) FROM ticket WHERE zone_id = ?", &n, 1, zone);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: stats: zone %s: %s\n", code, db_errmsg(c));
		return 1;
	}
	printf("stats: zone %s: rebuilt from %lld requests in %.0f ms\n", code, (long long)n,
	       (double)(now_mono_us() - t0) / 1000.0);
	return 0;
}

static int check(struct db *c, int64_t zone, const char *code)
{
	struct ticket_stats_checked k;
	if (ticket_stats_check(c, zone, stdout, &k) < 0) {
		fprintf(stderr, "yuanqu: stats: zone %s: %s\n", code, db_errmsg(c));
		return 1;
	}
	if (k.stale) {
		printf("stats: zone %s: the summaries are not built with the present calendar (run "
		       "yuanqu stats rebuild)\n",
		       code);
		return 1;
	}
	printf("stats: zone %s: %d difference%s in %d year%s, %d month%s\n", code, k.differences,
	       k.differences == 1 ? "" : "s", k.years, k.years == 1 ? "" : "s", k.months,
	       k.months == 1 ? "" : "s");
	return k.differences ? 1 : 0;
}

int cmd_stats(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *zone_code = NULL;
	const struct cli_option opts[] = {CLI_OPT_STR("--zone", &zone_code), {0}};
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .opts = opts};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	const char *sub = argv[1];
	int do_check = strcmp(sub, "check") == 0;
	if (!do_check && strcmp(sub, "rebuild") != 0) {
		fprintf(stderr, "yuanqu: unknown stats command '%s'\n", sub);
		cli_usage(&cmd, stderr);
		return 2;
	}
	if ((st = cli_parse(&cmd, &env, argc, argv, 2)) >= 0)
		return st;
	struct db *c;
	if (cli_open_db(&env, &c) < 0)
		return 1;
	int64_t only = 0;
	if (zone_code && cli_zone(c, zone_code, &only)) {
		db_close(c);
		return 1;
	}
	/* the zones in batches, each read whole before the work on its zones */
	struct zone_ref {
		int64_t id;
		char code[64];
	} zones[ZONE_BATCH];
	int64_t after = 0;
	int n, failed = 0, rc;
	do {
		struct db_stmt *q = db_prepare(c, SQL_ZONES);
		if (!q) {
			fprintf(stderr, "yuanqu: %s\n", db_errmsg(c));
			failed = 1;
			break;
		}
		db_bind_int(q, 1, after);
		db_bind_int(q, 2, only);
		db_bind_int(q, 3, only);
		n = 0;
		while (n < ZONE_BATCH && (rc = db_step(q)) == DB_ROW) {
			zones[n].id = db_col_int(q, 0);
			snprintf(zones[n].code, sizeof zones[n].code, "%s", db_col_text(q, 1));
			n++;
		}
		db_reset(q);
		if (rc < 0) {
			fprintf(stderr, "yuanqu: %s\n", db_errmsg(c));
			failed = 1;
			break;
		}
		for (int i = 0; i < n; i++)
			failed |= do_check ? check(c, zones[i].id, zones[i].code)
			                   : rebuild(c, zones[i].id, zones[i].code);
		if (n)
			after = zones[n - 1].id;
	} while (n == ZONE_BATCH);
	db_close(c);
	return failed ? 1 : 0;
}
