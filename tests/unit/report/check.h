/* Helpers of the document tests (tests/unit/report/, tests/unit/ticket/test_briefing_pdf.c):
 * reading a PDF back with poppler-utils, counting, a temporary folder, and a table of test
 * rows. Include after cmocka.h. */
#ifndef YQ_TESTS_REPORT_CHECK_H
#define YQ_TESTS_REPORT_CHECK_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"

/* 1 when the program `name` is on the PATH. */
static inline int have_tool(const char *name)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* Runs `cmd` and returns its standard output (malloc'd, NUL-terminated, at most 4 MB). */
static inline char *run(const char *cmd)
{
	struct strbuf sb = STRBUF_INIT(4u << 20);
	char buf[4096];
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		strbuf_add(&sb, buf, n);
	pclose(p);
	assert_false(sb.failed);
	strbuf_addch(&sb, 0);
	return strbuf_detach(&sb, NULL);
}

/* Number of times `needle` occurs in `hay`. */
static inline size_t count(const char *hay, const char *needle)
{
	size_t c = 0, n = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + n, needle))
		c++;
	return c;
}

/* A temporary directory for the files of a test program, made by setup, removed by teardown. */
static char tmpdir[64];

static inline int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/yq-report-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Number of pages of the PDF at path, from pdfinfo. */
static inline int pdf_pages(const char *path)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	char *out = run(cmd);
	const char *p = strstr(out, "Pages:");
	assert_non_null(p);
	int n = (int)strtol(p + 6, NULL, 10);
	free(out);
	return n;
}

/* Text of the PDF at path (pages first..last; 0 = all), from pdftotext, without its spaces:
 * pdftotext guesses spaces from glyph gaps and drops the narrow spaces of Noto Sans CJK between
 * Chinese text and digits, so "第 1 页" may come out as "第1页". Compare with squashed strings.
 */
static inline char *pdf_text(const char *path, int first, int last)
{
	char cmd[320];
	if (first)
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d '%s' -", first, last,
		         path);
	else
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	char *t = run(cmd), *o = t;
	for (const char *p = t; *p; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = 0;
	return t;
}

/* A row of the test tables: a code, a text and a number (columns 0, 1, 2). */
struct test_row {
	char code[64];
	const char *text;
	long n;
};

/* report_cell_fn of struct test_row. */
static inline const char *test_row_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct test_row *r = (const struct test_row *)rows + i;
	if (key == 0)
		return r->code;
	if (key == 1)
		return r->text;
	snprintf(buf, n, "%ld", r->n);
	return buf;
}

#endif
