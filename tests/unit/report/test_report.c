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
	char buf[64];
	report_format_rate(-1, buf, sizeof buf);
	assert_string_equal(buf, "—");
	report_format_rate(NAN, buf, sizeof buf);
	assert_string_equal(buf, "—");
	report_format_rate(1.01, buf, sizeof buf);
	assert_string_equal(buf, "—");
	report_format_rate(479.0 / 535.0, buf, sizeof buf);
	assert_string_equal(buf, "89.5%");
	report_format_rate(1.0, buf, sizeof buf);
	assert_string_equal(buf, "100.0%");
	report_format_rate(0, buf, sizeof buf);
	assert_string_equal(buf, "0.0%");
	report_format_count(-1, buf, sizeof buf);
	assert_string_equal(buf, "—");
	report_format_count(1234, buf, sizeof buf);
	assert_string_equal(buf, "1234");
	report_format_date("2026-11-02", buf, sizeof buf);
	assert_string_equal(buf, "2026年11月2日");
	report_format_date("2026-02-30", buf, sizeof buf);
	assert_string_equal(buf, "2026-02-30");
	report_format_date("第\x01周", buf, sizeof buf);
	assert_string_equal(buf, "第 周");
	report_format_date(NULL, buf, sizeof buf);
	assert_string_equal(buf, "");
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
