/* yuanqu bulletin projects: the weekly bulletin of projects (每周通报) as a PDF (or HTML) file. */
#include "cli/cli.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "org/org.h"
#include "project/project_bulletin.h"
#include <stdio.h>
#include <string.h>

static const char SYNOPSIS[] =
    "bulletin projects [--zone CODE] [--week YYYY-Www] [--out FILE.pdf|FILE.html] [--db URL]";
static const char HELP[] =
    "Writes the weekly bulletin (每周通报) of 招商引资 and 项目建设 for the zone's leaders:\n"
    "the year's signed projects, 开工率 and investment, the week's 龙虎榜 of the bureaus,\n"
    "red and amber projects under dispatch and the week's new and overdue problems.\n"
    "The week defaults to the last full ISO week; the file to\n"
    "项目建设每周通报-YYYY-Www.pdf in the current folder.\n";

static int render_html(const void *doc, struct strbuf *sb)
{
	return proj_bulletin_html(doc, sb);
}

static int render_pdf(const void *doc, const char *path, char *err, size_t errlen)
{
	return proj_bulletin_pdf_file(doc, path, err, errlen);
}

int cmd_bulletin(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *week = NULL, *out = NULL, *zone_code = NULL;
	const struct cli_option opts[] = {CLI_OPT_STR("--week", &week),
	                                  CLI_OPT_STR("--out", &out),
	                                  CLI_OPT_STR("--zone", &zone_code),
	                                  {0}};
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .opts = opts};
	int st = cli_verb(&cmd, argc, argv);
	if (st >= 0)
		return st;
	if ((st = cli_parse(&cmd, &env, argc, argv, 2)) >= 0)
		return st;
	if (strcmp(argv[1], "projects") != 0) {
		cli_usage(&cmd, stderr);
		return 2;
	}
	struct db *c;
	struct principal cli;
	if (cli_open_zone(&env, zone_code, &c, &cli) < 0)
		return 1;
	struct arena a = ARENA_INIT;
	struct proj_bulletin b;
	struct yq_err e = {0};
	int rc = 1;
	int64_t t0 = now_mono_us();
	if (proj_bulletin(c, &cli, week, &a, &b, &e) < 0) {
		fprintf(stderr, "yuanqu: %s\n",
		        e.message_en ? e.message_en : "cannot gather the bulletin");
		goto out;
	}
	if (!out)
		out = arena_printf(&a, "项目建设每周通报-%s.pdf", b.week);
	if (out && cli_write_document(out, &b, render_html, render_pdf) == 0) {
		printf("bulletin of %s for %s written to %s in %.0f ms (%zu red, %zu amber, %lld "
		       "overdue problems)\n",
		       b.zone_name, b.week, out, (double)(now_mono_us() - t0) / 1000.0, b.red.total,
		       b.amber.total, (long long)b.problems_overdue);
		rc = 0;
	}
out:
	arena_release(&a);
	db_close(c);
	return rc;
}
