/* Unit tests for the economy rules (src/economy/economy.c): months and their reporting window,
 * who must report what, the ±50% check, and the zone's figures — flows and stocks, 累计, 同比 on
 * the same set of enterprises (entries and exits), zero and missing bases, targets, 序时进度 and
 * 双过半 — on a hand-checked fixture; and the kept cell of a month (econ_cell_of), whose 累计 is
 * compared only over the same months of both years. */
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

/* ---- the kept cell of a month (econ_cell_of): 累计 同口径 on the same months ---- */

#define K(y, m) ((y)*12 + (m)-1)

/* Appends the months from..to of year y, each with value v, to s (n values so far). */
static size_t months(struct econ_mval *s, size_t n, int y, int from, int to, double v)
{
	for (int m = from; m <= to; m++)
		s[n++] = (struct econ_mval){K(y, m), v};
	return n;
}

/* The cell of month (y, m), which must be in s. */
static struct econ_cell cell_at(const struct econ_mval *s, size_t n, int y, int m)
{
	for (size_t j = 0; j < n; j++)
		if (s[j].k == K(y, m))
			return econ_cell_of(s, n, j);
	fail_msg("no value in %d-%02d", y, m);
	return (struct econ_cell){0};
}

/* Both years full: the cell as before; in both sets. */
static void test_cell_full_years(void **state)
{
	(void)state;
	struct econ_mval s[24];
	size_t n = months(s, 0, 2025, 1, 12, 100);
	n = months(s, n, 2026, 1, 4, 110);
	struct econ_cell c = cell_at(s, n, 2026, 4);
	assert_near(c.month, 110);
	assert_near(c.ytd, 440);
	assert_near(c.base_month, 100);
	assert_near(c.base_ytd, 400);
	assert_near(c.base_year, 1200);
	assert_int_equal(c.base_months, 12);
	double cur, base;
	assert_true(econ_in_set(1, 1, &c, &cur, &base));
	assert_near(cur, 440);
	assert_near(base, 400);
	/* the base year's own cells: no year before it */
	c = cell_at(s, n, 2025, 12);
	assert_near(c.ytd, 1200);
	assert_near(c.base_ytd, NA);
	assert_int_equal(c.base_months, 0);
	/* the order of the values does not matter */
	struct econ_mval r[24];
	for (size_t i = 0; i < n; i++)
		r[i] = s[n - 1 - i];
	struct econ_cell d = cell_at(r, n, 2026, 4);
	assert_near(d.ytd, 440);
	assert_near(d.base_ytd, 400);
}

/* Entered in November of the base year: 1–11月 against November alone was +1000%; now it counts
 * in the 累计 total, not in its 同比 (the month's 同比 is unchanged). A year later, both years
 * full from January: in the set again. */
static void test_cell_entered_in_base_year(void **state)
{
	(void)state;
	struct econ_mval s[36];
	size_t n = months(s, 0, 2025, 11, 12, 100);
	n = months(s, n, 2026, 1, 12, 100);
	n = months(s, n, 2027, 1, 11, 105);
	struct econ_cell e = cell_at(s, n, 2026, 11);
	assert_near(e.ytd, 1100);
	assert_near(e.base_month, 100);
	assert_near(e.base_ytd, NA);
	assert_near(e.base_year, 200);
	assert_int_equal(e.base_months, 2);
	double cur, base;
	assert_false(econ_in_set(1, 1, &e, &cur, &base));
	assert_true(econ_in_set(1, 0, &e, &cur, &base)); /* the month: 100 against 100 */
	/* with an enterprise of full years (A: 1–11月 1210 against 1100) */
	struct econ_cell cells[2] = {{110, 1210, 100, 1100, 1200, 12}, e};
	struct econ_figure f;
	econ_total(1, cells, 2, 11, NA, &f);
	assert_near(f.ytd_value, 2310);            /* both in the total */
	assert_near(f.ytd_yoy, 1210.0 / 1100 - 1); /* A alone: +10% */
	assert_near(f.month_yoy, 210.0 / 200 - 1); /* both */
	assert_int_equal(f.same_set, 1);
	assert_int_equal(f.reporting, 2);
	/* 2027: both years hold January..November */
	struct econ_cell c = cell_at(s, n, 2027, 11);
	assert_near(c.ytd, 1155);
	assert_near(c.base_ytd, 1100);
	assert_true(econ_in_set(1, 1, &c, &cur, &base));
}

/* A month missing this year: out of the 累计 set from that month on; before it, in. */
static void test_cell_missing_this_year(void **state)
{
	(void)state;
	struct econ_mval s[24];
	size_t n = months(s, 0, 2025, 1, 6, 100);
	n = months(s, n, 2026, 1, 2, 120);
	n = months(s, n, 2026, 4, 6, 120); /* no March */
	struct econ_cell c = cell_at(s, n, 2026, 2);
	assert_near(c.base_ytd, 200);
	c = cell_at(s, n, 2026, 4);
	assert_near(c.ytd, 360);
	assert_near(c.base_month, 100);
	assert_near(c.base_ytd, NA); /* was 400: four months against three */
	double cur, base;
	assert_false(econ_in_set(1, 1, &c, &cur, &base));
	assert_true(econ_in_set(1, 0, &c, &cur, &base));
	c = cell_at(s, n, 2026, 6);
	assert_near(c.base_ytd, NA);
}

/* A month missing last year: the same; and the same month missing in both years is the same set
 * of months, so in. */
static void test_cell_missing_last_year(void **state)
{
	(void)state;
	struct econ_mval s[24];
	size_t n = months(s, 0, 2025, 1, 1, 100);
	n = months(s, n, 2025, 3, 4, 100); /* no February */
	n = months(s, n, 2026, 1, 4, 120);
	struct econ_cell c = cell_at(s, n, 2026, 1);
	assert_near(c.base_ytd, 100);
	c = cell_at(s, n, 2026, 2);
	assert_near(c.base_month, NA);
	assert_near(c.base_ytd, NA);
	c = cell_at(s, n, 2026, 4);
	assert_near(c.ytd, 480);
	assert_near(c.base_ytd, NA); /* was 300: four months against three */
	double cur, base;
	assert_false(econ_in_set(1, 1, &c, &cur, &base));
	/* February missing in both years: January, March and April against the same */
	n = months(s, 0, 2025, 1, 1, 100);
	n = months(s, n, 2025, 3, 4, 100);
	n = months(s, n, 2026, 1, 1, 120);
	n = months(s, n, 2026, 3, 4, 120);
	c = cell_at(s, n, 2026, 4);
	assert_near(c.ytd, 360);
	assert_near(c.base_ytd, 300);
	assert_true(econ_in_set(1, 1, &c, &cur, &base));
	assert_near(cur, 360);
	assert_near(base, 300);
}

/* A stock (employees): its 累计 is the month, compared with the base month; the months before
 * do not matter, so an enterprise that entered during the base year stays in the set. */
static void test_cell_stock(void **state)
{
	(void)state;
	struct econ_mval s[24];
	size_t n = months(s, 0, 2025, 6, 12, 200);
	n = months(s, n, 2026, 1, 6, 220);
	struct econ_cell c = cell_at(s, n, 2026, 6);
	assert_near(c.base_ytd, NA);
	double cur, base;
	assert_true(econ_in_set(0, 1, &c, &cur, &base));
	assert_near(cur, 220);
	assert_near(base, 200);
	struct econ_figure f;
	econ_total(0, &c, 1, 6, NA, &f);
	assert_near(f.ytd_value, 220);
	assert_near(f.ytd_yoy, 0.1);
	assert_int_equal(f.same_set, 1);
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
	    cmocka_unit_test(test_cell_full_years),
	    cmocka_unit_test(test_cell_entered_in_base_year),
	    cmocka_unit_test(test_cell_missing_this_year),
	    cmocka_unit_test(test_cell_missing_last_year),
	    cmocka_unit_test(test_cell_stock),
	    cmocka_unit_test(test_title_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
