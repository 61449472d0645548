/* yuanqu import enterprises|projects FILE: bulk import from .xlsx or .csv with a validation
 * report. */
#include "cli/cli.h"
#include "economy/economy_import.h"
#include "enterprise/enterprise_io.h"
#include "org/org.h"
#include "project/project_io.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char SYNOPSIS[] =
    "import enterprises|projects|indicators FILE [--period YYYY-MM] [--dry-run] [--skip-invalid]\n"
    "       [--zone CODE] [--db URL]";
static const char HELP[] =
    "Imports enterprises from an .xlsx or .csv file (UTF-8 or GBK) whose first row holds\n"
    "the column names (统一社会信用代码, 企业名称, 行业代码, …; English names work too).\n"
    "Every row is validated first; nothing is written unless all rows are valid, or\n"
    "--skip-invalid is given. Rows are matched by 统一社会信用代码: importing the same\n"
    "file again changes nothing. --dry-run only validates. --zone CODE imports into the\n"
    "zone of that code (default: the first zone created). At most 1,000,000 rows.\n"
    "\n"
    "import projects reads a 重点项目调度表 as zones keep it: a title and a date line may\n"
    "come before the header (found by its 项目名称 column in the first 30 rows), which may\n"
    "span two rows with merged cells; units in the headers (总投资（亿元）, 万美元, 亩) or\n"
    "stated above them (单位：万元); amounts such as 1.5亿, 3,200 or 5000万; dates such as\n"
    "2021年3月, 2021.3 or an Excel serial; 合计, headings and notes are skipped; the bureau\n"
    "and the person by name. A project named like one of the zone (same name, and same\n"
    "investor when given) is moved forward to the sheet's stage, never duplicated, so\n"
    "importing the same file again changes nothing. The same rules on the rows apply.\n"
    "\n"
    "import indicators reads a statistics sheet of a month (规上企业主要经济指标): one row\n"
    "per enterprise (统一社会信用代码 or 企业名称), a column group per indicator with\n"
    "本月 / 1-N月累计 / 上年同期 / 同比% under merged headers, a title (its month is the\n"
    "one imported unless --period gives it; both must agree) and a unit line (单位：万元 or\n"
    "亿元) on top; 合计 rows are checked against the rows, 小计 and notes skipped. Each row\n"
    "becomes the enterprise's accepted report of the month (its other values kept); without\n"
    "本月, a flow's month is its 累计 less the months held. A 累计, 上年同期 or 同比 that\n"
    "differs from the zone's data is listed as a warning (提示), never overwritten.\n";

static void progress(void *ctx, int phase, long done)
{
	(void)ctx;
	fprintf(stderr, "\r%s %ld rows…", phase ? "writing" : "checking", done);
	fflush(stderr);
}

int cmd_import(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *zone_code = NULL, *words[2];
	struct import_opts o = {0};
	const struct cli_option opts[] = {CLI_OPT_STR("--zone", &zone_code),
	                                  CLI_OPT_FLAG("--dry-run", &o.dry_run),
	                                  CLI_OPT_FLAG("--skip-invalid", &o.skip_invalid),
	                                  CLI_OPT_STR("--period", &o.period),
	                                  {0}};
	struct cli_cmd cmd = {
	    .synopsis = SYNOPSIS, .help = HELP, .opts = opts, .words = words, .max_words = 2};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	int projects = cmd.n_words == 2 && strcmp(words[0], "projects") == 0;
	int indicators = cmd.n_words == 2 && strcmp(words[0], "indicators") == 0;
	if (cmd.n_words != 2 ||
	    (!projects && !indicators && strcmp(words[0], "enterprises") != 0)) {
		cli_usage(&cmd, stderr);
		return 2;
	}
	const char *file = words[1];
	struct db *c;
	if (cli_open_db(&env, &c) < 0)
		return 1;
	int64_t zone;
	int bad = cli_zone(c, zone_code, &zone);
	db_close(c);
	if (bad)
		return 1;
	struct db_pool *pool;
	if (cli_open_pool(&env, &pool) < 0)
		return 1;
	struct principal cli;
	org_cli_principal(&cli, zone);
	if (isatty(2))
		o.progress = progress;
	struct import_report rep;
	struct yq_err e = {0};
	int rc = projects     ? proj_import(pool, &cli, file, NULL, 0, &o, &rep, &e)
	         : indicators ? econ_import(pool, &cli, file, NULL, 0, &o, &rep, &e)
	                      : ent_import(pool, &cli, file, NULL, 0, &o, &rep, &e);
	if (o.progress)
		fprintf(stderr, "\r\033[K");
	db_pool_free(pool);
	if (rc < 0) {
		fprintf(stderr, "yuanqu: %s%s%s%s\n", e.message ? e.message : "导入失败",
		        e.message_en ? " (" : "", e.message_en ? e.message_en : "",
		        e.message_en ? ")" : "");
		return 1;
	}
	for (size_t i = 0; i < rep.n_errors; i++)
		printf("第%lu行 %s「%s」：%s\n", rep.errors[i].row, rep.errors[i].column,
		       rep.errors[i].value, rep.errors[i].reason);
	if ((size_t)rep.invalid > rep.n_errors)
		printf("… %ld more errors\n", rep.invalid - (long)rep.n_errors);
	for (size_t i = 0; i < rep.n_warnings; i++)
		printf("提示 第%lu行 %s「%s」：%s\n", rep.warnings[i].row, rep.warnings[i].column,
		       rep.warnings[i].value, rep.warnings[i].reason);
	if ((size_t)rep.warned > rep.n_warnings)
		printf("… %ld more warnings\n", rep.warned - (long)rep.n_warnings);
	printf("%ld rows: %ld valid, %ld invalid; %s: %ld created, %ld updated, %ld unchanged\n",
	       rep.total + rep.invalid, rep.valid, rep.invalid,
	       rep.written ? "written"
	                   : (o.dry_run ? "dry run, nothing written" : "nothing written"),
	       rep.created, rep.updated, rep.unchanged);
	int failed = rep.invalid > 0 && !o.skip_invalid;
	import_report_release(&rep);
	return failed ? 1 : 0;
}
