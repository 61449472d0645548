/* Unit tests for the text cleaning and formats shared by the document renderers
 * (src/report/report.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "report/report.h"

/* report_clean_text: U+FFFD for invalid bytes, spaces for control characters, cut on a
 * character boundary with "…", and never more than REPORT_MAX_CELL_BYTES. */
static void test_clean_text(void **state)
{
	char buf[16];
	assert_string_equal(report_clean_text(NULL, buf, sizeof buf), "");
	assert_string_equal(report_clean_text("a\tb\nc", buf, sizeof buf), "a b c");
	assert_string_equal(report_clean_text("a\xff"
	                                      "b",
	                                      buf, sizeof buf),
	                    "a\xEF\xBF\xBD"
	                    "b");
	assert_string_equal(report_clean_text("\xe4\xb8", buf, sizeof buf),
	                    "\xEF\xBF\xBD\xEF\xBF\xBD");
	/* 6 CJK characters = 18 bytes do not fit in 15: four fit with "…". */
	assert_string_equal(report_clean_text("企业诉求简报", buf, sizeof buf), "企业诉求…");
	char tiny[3];
	assert_string_equal(report_clean_text("企业", tiny, sizeof tiny), "");
	assert_string_equal(report_clean_text("ab", tiny, sizeof tiny), "ab");
	/* U+2028 and C1 controls are spaces too */
	assert_string_equal(report_clean_text("a\xE2\x80\xA8"
	                                      "b\xC2\x85",
	                                      buf, sizeof buf),
	                    "a b ");

	static char big[4000], out[2000];
	memset(big, 'x', sizeof big - 1);
	report_clean_text(big, out, sizeof out);
	assert_int_equal(strlen(out), REPORT_MAX_CELL_BYTES);
	assert_string_equal(out + REPORT_MAX_CELL_BYTES - 3, "…");
}

/* Rates, counts and dates; "—" for what is undefined. */
static void test_format(void **state)
{
	static const struct {
		double v;
		const char *want;
	} rates[] = {{-1, "—"},  {NAN, "—"}, {1.01, "—"}, {1.0, "100.0%"}, {479.0 / 535.0, "89.5%"},
	             {0, "0.0%"}};
	static const struct {
		long v;
		const char *want;
	} counts[] = {{-1, "—"}, {0, "0"}, {1234, "1234"}};
	static const struct {
		const char *v, *want;
	} dates[] = {{"2026-11-02", "2026年11月2日"},
	             {"2026-02-30", "2026-02-30"},
	             {"第\x01周", "第 周"},
	             {NULL, ""}};
	char buf[64];
	for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
		report_format_rate(rates[i].v, buf, sizeof buf);
		assert_string_equal(buf, rates[i].want);
	}
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		report_format_count(counts[i].v, buf, sizeof buf);
		assert_string_equal(buf, counts[i].want);
	}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		report_format_date(dates[i].v, buf, sizeof buf);
		assert_string_equal(buf, dates[i].want);
	}
}

/* Section ordinals, and the rows a table shows. */
static void test_ordinal_rows(void **state)
{
	assert_string_equal(report_ordinal(0), "一");
	assert_string_equal(report_ordinal(5), "六");
	assert_string_equal(report_ordinal(8), "一");
	struct report_table t = {.n_rows = 12};
	assert_int_equal(report_rows_shown(&t), 12);
	t.max_rows = 5;
	assert_int_equal(report_rows_shown(&t), 5);
	t.max_rows = 50;
	assert_int_equal(report_rows_shown(&t), 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_text),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_ordinal_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
