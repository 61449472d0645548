/* yuanqu region list|add|zone: the regions (GB/T 2260) and the region and level of a zone. */
#include "cli/cli.h"
#include "org/org.h"
#include "org/region.h"
#include "province/province.h"
#include <stdio.h>
#include <string.h>

static const char SYNOPSIS[] = "region list\n"
                               "       yuanqu region add CODE NAME\n"
                               "       yuanqu region zone ZONE-CODE REGION-CODE [--level LEVEL]\n"
                               "       yuanqu region scheme REGION-CODE NAME --method METHOD "
                               "--items ITEMS [--default]";
static const char HELP[] =
    "Regions are GB/T 2260 codes: 220000 a province (吉林省), 220100 a city of it (长春市),\n"
    "220171 a county-level division of that city. The database holds the provinces and the\n"
    "demo zones' cities; `add` adds or renames one (its parent must be known). `zone` places\n"
    "a zone in a region, with its level (national 国家级, provincial 省级). A province user\n"
    "(yuanqu user add NAME --role province --region CODE) reads the zones of its region.\n"
    "`scheme` stores a 综合考核 scheme of a region: METHOD rank, minmax or target, ITEMS\n"
    "metric:weight[:target],… (metrics: econ.output.ytd, econ.tax.ytd, econ.output.yoy,\n"
    "project.signed_amount, project.started, ticket.resolve_rate, space.vacancy_rate …);\n"
    "--default makes it the one the region's rankings use. All take --db URL.\n";

static void print_region(void *ctx, const struct region *g)
{
	(void)ctx;
	printf("%-7s %-8s %4lld  %s\n", g->code, g->level, (long long)g->zones, g->name);
}

int cmd_region(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .max_words = 2};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	const char *verb = argv[1], *words[2] = {NULL, NULL}, *level = NULL, *method = NULL,
	           *items = NULL;
	int is_default = 0;
	const struct cli_option opts[] = {CLI_OPT_STR("--level", &level),
	                                  CLI_OPT_STR("--method", &method),
	                                  CLI_OPT_STR("--items", &items),
	                                  CLI_OPT_FLAG("--default", &is_default),
	                                  {0}};
	cmd.opts = opts;
	cmd.words = words;
	st = cli_parse(&cmd, &env, argc, argv, 2);
	if (st >= 0)
		return st;
	int list = strcmp(verb, "list") == 0, add = strcmp(verb, "add") == 0,
	    zone = strcmp(verb, "zone") == 0, scheme = strcmp(verb, "scheme") == 0;
	if (!(list && cmd.n_words == 0) && !((add || zone || scheme) && cmd.n_words == 2)) {
		cli_usage(&cmd, stderr);
		return 2;
	}
	struct db *c;
	if (cli_open_db(&env, &c) < 0)
		return 1;
	struct db_pool *pool = NULL;
	struct yq_err e = {0};
	int rc = 1;
	if (list) {
		rc = region_list(c, "", print_region, NULL) < 0;
	} else if (add) {
		int erc;
		struct db *tx = NULL;
		if (cli_open_pool(&env, &pool) < 0 || !(tx = db_tx_begin(pool, &erc)))
			goto out;
		int r = region_put(tx, words[0], words[1], &e);
		if (db_tx_end(pool, tx, r == 0) < 0 || r < 0)
			rc = r < 0 ? cli_report(&e) : 1;
		else
			rc = (printf("region %s %s\n", words[0], words[1]), 0);
	} else if (scheme) {
		int erc;
		int64_t id;
		struct db *tx = NULL;
		if (cli_open_pool(&env, &pool) < 0 || !(tx = db_tx_begin(pool, &erc)))
			goto out;
		int r = prov_scheme_add(tx, words[0], words[1], method, items, is_default, &id, &e);
		if (db_tx_end(pool, tx, r == 0) < 0 || r < 0)
			rc = r < 0 ? cli_report(&e) : 1;
		else
			rc = (printf("scheme %lld of region %s\n", (long long)id, words[0]), 0);
	} else {
		int64_t zone_id;
		struct principal who;
		if (cli_zone(c, words[0], &zone_id) != 0 || cli_open_pool(&env, &pool) < 0)
			goto out;
		org_cli_principal(&who, zone_id);
		if (zone_region_write(pool, &who, zone_id, words[1], level, &e) < 0)
			rc = cli_report(&e);
		else
			rc = (printf("zone %s in region %s\n", words[0], words[1]), 0);
	}
out:
	db_pool_free(pool);
	db_close(c);
	return rc;
}
