/* yuanqu briefing: the daily briefing of requests as a PDF (or HTML) file; and the writing of
 * such a document, which the weekly bulletin of projects shares (cmd_bulletin.c). */
#include "cli/cli.h"
#include "lib/arena.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "org/org.h"
#include "ticket/ticket_briefing.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char SYNOPSIS[] =
    "briefing --out FILE.pdf|FILE.html [--date YYYY-MM-DD] [--zone CODE] "
    "[--db URL]";
static const char HELP[] =
    "Writes the daily briefing (每日简报) of enterprise requests: the day's new and\n"
    "resolved requests, overdue ones with their departments, escalated items, a\n"
    "table and a chart by department. The date defaults to the previous working day.\n";

static int write_document(const char *out, const void *doc,
                          int (*html)(const void *doc, struct strbuf *sb),
                          int (*pdf)(const void *doc, const char *path, char *err, size_t errlen))
{
	size_t n = strlen(out);
	char err[256];
	if (n > 5 && strcmp(out + n - 5, ".html") == 0) {
		struct strbuf sb = STRBUF_INIT(64u << 20);
		FILE *f = fopen(out, "w");
		if (f)
			(void)fchmod(fileno(f), 0600); /* also when it replaces an older file */
		if (html(doc, &sb) < 0 || !f || fwrite(sb.buf, 1, sb.len, f) != sb.len) {
			fprintf(stderr, "yuanqu: cannot write %s\n", out);
			if (f)
				fclose(f);
			strbuf_release(&sb);
			return -1;
		}
		fclose(f);
		strbuf_release(&sb);
	} else if (pdf(doc, out, err, sizeof err) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err);
		return -1;
	}
	return 0;
}

int cli_document(const struct cli_env *env, const char *zone_code, const char *when,
                 const char *out, const struct cli_document *k, void *doc)
{
	struct db *c;
	struct principal cli;
	if (cli_open_zone(env, zone_code, &c, &cli) < 0)
		return 1;
	struct arena a = ARENA_INIT;
	struct yq_err e = {0};
	int rc = 1;
	int64_t t0 = now_mono_us();
	if (k->gather(c, &cli, when, &a, doc, &e) < 0)
		fprintf(stderr, "yuanqu: %s\n",
		        e.message_en ? e.message_en
		                     : arena_printf(&a, "cannot gather the %s", k->what));
	else if (!out && !(out = k->out_name(doc, &a)))
		fprintf(stderr, "yuanqu: out of memory\n");
	else if (write_document(out, doc, k->html, k->pdf) == 0) {
		k->summary(doc, out, (double)(now_mono_us() - t0) / 1000.0);
		rc = 0;
	}
	arena_release(&a);
	db_close(c);
	return rc;
}

static int render_html(const void *doc, struct strbuf *sb)
{
	return briefing_render_html(doc, sb);
}

static int render_pdf(const void *doc, const char *path, char *err, size_t errlen)
{
	return briefing_render_pdf(doc, path, err, errlen);
}

static int gather(struct db *c, const struct principal *p, const char *when, struct arena *a,
                  void *doc, struct yq_err *e)
{
	return ticket_briefing(c, p, when, a, doc, e);
}

static void summary(const void *doc, const char *out, double ms)
{
	const struct briefing *b = doc;
	printf(
	    "briefing of %s for %s written to %s in %.0f ms (%ld new, %ld resolved, %ld overdue)\n",
	    b->zone_name, b->date, out, ms, b->received, b->resolved, b->overdue_now);
}

/* --out is required: out_name is never called */
static const struct cli_document BRIEFING_DOC = {
    "briefing", gather, NULL, render_html, render_pdf, summary,
};

int cmd_briefing(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	const char *date = NULL, *out = NULL, *zone_code = NULL;
	const struct cli_option opts[] = {CLI_OPT_STR("--date", &date),
	                                  CLI_OPT_STR("--out", &out),
	                                  CLI_OPT_STR("--zone", &zone_code),
	                                  {0}};
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .opts = opts};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	if (!out) {
		fprintf(stderr, "yuanqu: --out FILE.pdf is required\n");
		return 2;
	}
	struct briefing b;
	return cli_document(&env, zone_code, date, out, &BRIEFING_DOC, &b);
}
