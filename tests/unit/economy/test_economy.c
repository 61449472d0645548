/* Unit tests for the economy rules (src/economy/economy.c): months and their reporting window,
 * who must report what, the ±50% check, and the zone's figures — flows and stocks, 累计, 同比 on
 * the same set of enterprises (entries and exits), zero and missing bases, targets, 序时进度 and
 * 双过半 — on a hand-checked fixture. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "economy/economy.h"
#include "economy/economy_import.h"

#define NA NAN

static void assert_near(double got, double want)
{
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("got %.10g, want none", got);
		return;
	}
	if (isnan(got) || fabs(got - want) > 1e-9 * (1 + fabs(want)))
		fail_msg("got %.10g, want %.10g", got, want);
}

static void test_period(void **state)
{
	(void)state;
	int y, m;
	assert_int_equal(econ_period_parse("2026-11", &y, &m), 0);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	static const char *const bad[] = {"2026-13",    "2026-00",     "2026-1",  "26-11",
	                                  "2026/11",    "1999-12",     "2100-01", "",
	                                  "2026-11-01", "２０２６-11", "2026-1a", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(econ_period_parse(bad[i], &y, &m), -1);
	assert_int_equal(econ_period_parse(NULL, &y, &m), -1);
	char out[8];
	econ_period_shift(2026, 1, -1, out);
	assert_string_equal(out, "2025-12");
	econ_period_shift(2026, 11, -12, out);
	assert_string_equal(out, "2025-11");
	econ_period_shift(2026, 12, 1, out);
	assert_string_equal(out, "2027-01");
	char d[11];
	econ_default_deadline(2026, 12, 8, d);
	assert_string_equal(d, "2027-01-08");
	econ_default_deadline(2026, 1, 40, d);
	assert_string_equal(d, "2026-02-28");
}

static void test_window(void **state)
{
	(void)state;
	assert_int_equal(econ_window(2026, 11, "2026-12-08", "2026-11-30"), ECON_NOT_ENDED);
	assert_int_equal(econ_window(2026, 11, "2026-12-08", "2026-12-01"), ECON_OPEN);
	assert_int_equal(econ_window(2026, 11, "2026-12-08", "2026-12-08"), ECON_OPEN);
	assert_int_equal(econ_window(2026, 11, "2026-12-08", "2026-12-09"), ECON_LOCKED);
	/* a deadline moved later by the admin reopens a month */
	assert_int_equal(econ_window(2025, 1, "2099-12-31", "2026-12-09"), ECON_OPEN);
	assert_int_equal(econ_window(2026, 12, "2027-01-08", "2027-01-01"), ECON_OPEN);
}

static void test_deviates_and_required(void **state)
{
	(void)state;
	assert_false(econ_deviates(150, 100));
	assert_true(econ_deviates(150.01, 100));
	assert_true(econ_deviates(49, 100));
	assert_false(econ_deviates(50, 100));
	assert_false(econ_deviates(999, 0));  /* no base to compare */
	assert_false(econ_deviates(999, NA)); /* none last month */
	assert_true(econ_deviates(-30, -10)); /* a loss three times the last */
	assert_true(econ_required("above_industrial", 1, "C"));
	assert_true(econ_required("above_industrial", 1, "D"));
	assert_false(econ_required("above_industrial", 1, "F"));
	assert_false(econ_required("above_industrial", 0, "C"));
	assert_true(econ_required("above_size", 1, "F"));
	assert_false(econ_required("above_size", 0, "C"));
	assert_true(econ_required("all", 0, ""));
	assert_false(econ_required("none", 1, "C"));
	assert_false(econ_required("above_industrial", 1, NULL));
}

/* Four enterprises in September: A and B report both years; C entered this year (no base); D
 * reported last year only (left: no month value now) and is in nothing. */
static const struct econ_cell FIXTURE[] = {
    /* month, ytd, base_month, base_ytd */
    {100, 900, 80, 700, NA, 0}, /* A */
    {50, 400, 50, 500, NA, 0},  /* B */
    {30, 90, NA, NA, NA, 0},    /* C: new */
    {NA, NA, 40, 360, NA, 0},   /* D: gone */
};

static void test_flow(void **state)
{
	(void)state;
	struct econ_figure f;
	econ_total(1, FIXTURE, 4, 9, 2000, &f);
	assert_near(f.month_value, 180);           /* A + B + C */
	assert_near(f.ytd_value, 1390);            /* 900 + 400 + 90 */
	assert_near(f.month_yoy, 150.0 / 130 - 1); /* A, B: 150 against 130 */
	assert_near(f.ytd_yoy, 1300.0 / 1200 - 1); /* A, B: 1300 against 1200 */
	assert_int_equal(f.reporting, 3);
	assert_int_equal(f.same_set, 2);
	assert_near(f.target, 2000);
	assert_near(f.progress, 1390.0 / 2000);
	assert_near(f.schedule, 0.75);
	assert_int_equal(f.half, 1); /* 69.5% ≥ 50% */
}

static void test_stock(void **state)
{
	(void)state;
	struct econ_figure f;
	/* a stock (employees): the year to date is the month's value */
	econ_total(0, FIXTURE, 4, 6, NA, &f);
	assert_near(f.month_value, 180);
	assert_near(f.ytd_value, 180);
	assert_near(f.ytd_yoy, 150.0 / 130 - 1);
	assert_near(f.progress, NA);
	assert_int_equal(f.half, -1); /* no target */
}

static void test_bases(void **state)
{
	(void)state;
	struct econ_figure f;
	/* nobody reported: no figures at all */
	econ_total(1, NULL, 0, 3, 100, &f);
	assert_near(f.month_value, NA);
	assert_near(f.ytd_value, NA);
	assert_near(f.ytd_yoy, NA);
	assert_near(f.progress, NA);
	assert_int_equal(f.reporting, 0);
	/* a base of zero: no 同比, and not infinity */
	static const struct econ_cell zero[] = {{10, 10, 0, 0, NA, 0}};
	econ_total(1, zero, 1, 1, NA, &f);
	assert_near(f.month_yoy, NA);
	assert_near(f.ytd_yoy, NA);
	assert_int_equal(f.same_set, 1);
	/* only entries: no base */
	static const struct econ_cell fresh[] = {{10, 10, NA, NA, NA, 0}, {5, 5, NA, NA, NA, 0}};
	econ_total(1, fresh, 2, 1, NA, &f);
	assert_near(f.ytd_value, 15);
	assert_near(f.ytd_yoy, NA);
	assert_int_equal(f.same_set, 0);
	/* a decline: 同比 negative; 双过半 missed in June */
	static const struct econ_cell down[] = {{40, 240, 50, 300, NA, 0}};
	econ_total(1, down, 1, 6, 1000, &f);
	assert_near(f.ytd_yoy, -0.2);
	assert_near(f.progress, 0.24);
	assert_near(f.schedule, 0.5);
	assert_int_equal(f.half, 0);
	/* before June 双过半 is not asked */
	econ_total(1, down, 1, 5, 1000, &f);
	assert_int_equal(f.half, -1);
	/* a target of zero makes no progress figure */
	econ_total(1, down, 1, 6, 0, &f);
	assert_near(f.progress, NA);
}

/* the month a statistics sheet's title names */
static void test_title_period(void **state)
{
	(void)state;
	char out[8];
	assert_int_equal(econ_import_title_period("2026年1-4月规上工业企业主要经济指标", out), 0);
	assert_string_equal(out, "2026-04");
	assert_int_equal(econ_import_title_period("海门经开区2025年12月经济运行快报", out), 0);
	assert_string_equal(out, "2025-12");
	assert_int_equal(econ_import_title_period("2026年1－6月（上半年）", out), 0);
	assert_string_equal(out, "2026-06");
	assert_int_equal(econ_import_title_period("2026年1～3月", out), 0);
	assert_string_equal(out, "2026-03");
	assert_int_equal(econ_import_title_period("2025年上半年主要指标", out), 0);
	assert_string_equal(out, "2025-06");
	assert_int_equal(econ_import_title_period("2025年 前三季度", out), 0);
	assert_string_equal(out, "2025-09");
	/* no month, a month out of range, a year out of range */
	assert_int_equal(econ_import_title_period("2026年主要经济指标", out), -1);
	assert_int_equal(econ_import_title_period("2026年13月", out), -1);
	assert_int_equal(econ_import_title_period("1999年3月", out), -1);
	assert_int_equal(econ_import_title_period("", out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_period),
	    cmocka_unit_test(test_window),
	    cmocka_unit_test(test_deviates_and_required),
	    cmocka_unit_test(test_flow),
	    cmocka_unit_test(test_stock),
	    cmocka_unit_test(test_bases),
	    cmocka_unit_test(test_title_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
