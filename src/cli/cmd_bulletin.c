/* yuanqu bulletin projects: the weekly bulletin of projects (每周通报) as a PDF (or HTML) file;
 * yuanqu bulletin economy: the monthly bulletin of the economy (经济运行月报). */
#include "cli/cli.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "org/org.h"
#include "economy/economy_bulletin.h"
#include "project/project_bulletin.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SYNOPSIS[] =
    "bulletin projects [--zone CODE] [--week YYYY-Www] [--out FILE.pdf|FILE.html] [--db URL]\n"
    "       bulletin economy [--zone CODE] [--period YYYY-MM] [--out FILE.pdf|FILE.html] [--db "
    "URL]";
static const char HELP[] =
    "projects: writes the weekly bulletin (每周通报) of 招商引资 and 项目建设 for the zone's\n"
    "leaders: the year's signed projects, 开工率 and investment, the week's 龙虎榜 of the\n"
    "bureaus, red and amber projects under dispatch and the week's new and overdue problems.\n"
    "The week defaults to the last full ISO week; the file to\n"
    "项目建设每周通报-YYYY-Www.pdf in the current folder.\n"
    "economy: writes the monthly bulletin of the economy (经济运行月报): the key figures with\n"
    "同比, the indicator table with targets and 序时进度, charts, contributions and drags,\n"
    "报送情况 and 包保 by leader. The month defaults to the last full month; the file to\n"
    "经济运行月报-YYYY-MM.pdf in the current folder.\n";

static int render_html(const void *doc, struct strbuf *sb)
{
	return proj_bulletin_html(doc, sb);
}

static int render_pdf(const void *doc, const char *path, char *err, size_t errlen)
{
	return proj_bulletin_pdf(doc, path, NULL, NULL, err, errlen);
}

static int econ_render_html(const void *doc, struct strbuf *sb)
{
	return econ_bulletin_html(doc, sb);
}

static int econ_render_pdf(const void *doc, const char *path, char *err, size_t errlen)
{
	return econ_bulletin_pdf(doc, path, NULL, NULL, err, errlen);
}

static int econ_gather(struct db *c, const struct principal *p, const char *when, struct arena *a,
                       void *doc, struct yq_err *e)
{
	return econ_bulletin(c, p, when, a, doc, e);
}

static const char *econ_out_name(const void *doc, struct arena *a)
{
	return arena_printf(a, "经济运行月报-%s.pdf", ((const struct econ_bulletin *)doc)->period);
}

static void econ_said(const void *doc, const char *out, double ms)
{
	const struct econ_bulletin *b = doc;
	printf(
	    "economy bulletin of %s for %s written to %s in %.0f ms (%zu indicators, %lld of %lld "
	    "enterprises filed)\n",
	    b->zone_name, b->period, out, ms, b->n_inds, (long long)b->filing.filed,
	    (long long)b->filing.must);
}

static const struct cli_document ECON_DOC = {
    "bulletin", econ_gather, econ_out_name, econ_render_html, econ_render_pdf, econ_said,
};

static int gather(struct db *c, const struct principal *p, const char *when, struct arena *a,
                  void *doc, struct yq_err *e)
{
	return proj_bulletin(c, p, when, a, doc, e);
}

static const char *out_name(const void *doc, struct arena *a)
{
	return arena_printf(a, "项目建设每周通报-%s.pdf",
	                    ((const struct proj_bulletin *)doc)->week);
}

static void summary(const void *doc, const char *out, double ms)
{
	const struct proj_bulletin *b = doc;
	printf("bulletin of %s for %s written to %s in %.0f ms (%zu red, %zu amber, %lld overdue "
	       "problems)\n",
	       b->zone_name, b->week, out, ms, b->red.total, b->amber.total,
	       (long long)b->problems_overdue);
}

static const struct cli_document PROJ_DOC = {
    "bulletin", gather, out_name, render_html, render_pdf, summary,
};

int cmd_bulletin(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *week = NULL, *out = NULL, *zone_code = NULL, *period = NULL;
	const struct cli_option opts[] = {CLI_OPT_STR("--week", &week),
	                                  CLI_OPT_STR("--period", &period),
	                                  CLI_OPT_STR("--out", &out),
	                                  CLI_OPT_STR("--zone", &zone_code),
	                                  {0}};
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .opts = opts};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	if ((st = cli_parse(&cmd, &env, argc, argv, 2)) >= 0)
		return st;
	if (strcmp(argv[1], "economy") == 0 && !week) {
		char last[8];
		if (!period) { /* the last full month, in the zone's time (China Standard Time) */
			char d[11];
			cst_day(now_unix(), d);
			econ_period_shift((int)strtol(d, NULL, 10), (int)strtol(d + 5, NULL, 10),
			                  -1, last);
			period = last;
		}
		struct econ_bulletin b;
		return cli_document(&env, zone_code, period, out, &ECON_DOC, &b);
	}
	if (strcmp(argv[1], "projects") != 0 || period) {
		cli_usage(&cmd, stderr);
		return 2;
	}
	struct proj_bulletin b;
	return cli_document(&env, zone_code, week, out, &PROJ_DOC, &b);
}
