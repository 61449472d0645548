/* Unit tests for contributions and drags (econ_contrib), the year-end forecast (econ_forecast
 * through econ_total) and the bulletin's wording of amounts and 同比, on fixtures checked by
 * hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "economy/economy.h"
#include "economy/economy_bulletin.h"

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

/* March: {month, ytd, base month, base ytd, base year, base months}.
 * A 130/360 against 100/300 (+60), B 50/150 against 80/200 (-50), C 20/60 against 0/0 (+60, no
 * yoy), D new (no base), E left (no value now), F 10/30 against 10/30 (0). */
static const struct econ_cell CELLS[] = {
    {130, 360, 100, 300, 1200, 12}, /* A */
    {50, 150, 80, 200, 800, 12},    /* B */
    {20, 60, 0, 0, 0, 12},          /* C */
    {40, 40, NA, NA, NA, 0},        /* D */
    {NA, NA, 70, 210, 840, 12},     /* E */
    {10, 30, 10, 30, 120, 12},      /* F */
};

static void test_contrib_ytd(void **state)
{
	(void)state;
	struct econ_contrib out[6];
	struct econ_contrib_total t;
	size_t k = econ_contrib(1, 1, CELLS, 6, out, &t);
	/* the same set: A, B, C, F; 600 against 530 */
	assert_int_equal(k, 4);
	assert_int_equal(t.same_set, 4);
	assert_near(t.value, 600);
	assert_near(t.base, 530);
	assert_near(t.change, 70);
	assert_near(t.yoy, 600.0 / 530 - 1);
	/* the same set and 同比 as the summary's */
	struct econ_figure f;
	econ_total(1, CELLS, 6, 3, NA, &f);
	assert_near(f.ytd_yoy, t.yoy);
	assert_int_equal(f.same_set, 4);
	/* by change: A +60 (index 0) and C +60 (index 2) tie by index, F 0, B -50 */
	assert_int_equal(out[0].index, 0);
	assert_int_equal(out[1].index, 2);
	assert_int_equal(out[2].index, 5);
	assert_int_equal(out[3].index, 1);
	assert_near(out[0].change, 60);
	assert_near(out[0].yoy, 0.2);
	assert_near(out[0].share, 60.0 / 70);
	assert_int_equal(out[0].volatile_, 0);
	assert_near(out[1].yoy, NA); /* a base of 0 */
	assert_int_equal(out[1].volatile_, 0);
	assert_near(out[1].share, 60.0 / 70);
	assert_near(out[3].change, -50);
	assert_near(out[3].yoy, -0.25);
	assert_near(out[3].share, -50.0 / 70);
	assert_int_equal(out[3].volatile_, 0);
	double sum = 0;
	for (size_t i = 0; i < k; i++)
		sum += out[i].share;
	assert_near(sum, 1); /* the shares add up to the zone's change */
}

static void test_contrib_month_and_signs(void **state)
{
	(void)state;
	struct econ_contrib out[6];
	struct econ_contrib_total t;
	/* the month: A 130/100 (+30, +30%: volatile), B 50/80 (-30, -37.5%: volatile), C 20/0, F */
	size_t k = econ_contrib(1, 0, CELLS, 6, out, &t);
	assert_int_equal(k, 4);
	assert_near(t.value, 210);
	assert_near(t.base, 190);
	struct econ_figure f;
	econ_total(1, CELLS, 6, 3, NA, &f);
	assert_near(f.month_yoy, t.yoy);
	assert_near(out[0].change, 30);
	assert_int_equal(out[0].volatile_, 1);
	assert_near(out[3].yoy, -0.375);
	assert_int_equal(out[3].volatile_, 1);
	/* a zone that fell: the drags carry positive shares, the risers negative ones */
	static const struct econ_cell fall[] = {{0, 50, 0, 100, NA, 0}, {0, 90, 0, 80, NA, 0}};
	k = econ_contrib(1, 1, fall, 2, out, &t);
	assert_near(t.change, -40);
	assert_near(out[0].change, 10);
	assert_near(out[0].share, -0.25);
	assert_near(out[1].share, 1.25);
	/* no change at all: no share */
	static const struct econ_cell flat[] = {{0, 50, 0, 40, NA, 0}, {0, 30, 0, 40, NA, 0}};
	k = econ_contrib(1, 1, flat, 2, out, &t);
	assert_near(t.change, 0);
	assert_near(t.yoy, 0);
	assert_near(out[0].share, NA);
	/* a stock compares the month's values, whatever ytd holds */
	static const struct econ_cell stock[] = {{200, NA, 150, NA, NA, 0}};
	k = econ_contrib(0, 1, stock, 1, out, &t);
	assert_int_equal(k, 1);
	assert_near(out[0].change, 50);
	/* nothing in the set */
	static const struct econ_cell none[] = {{5, 5, NA, NA, NA, 0}};
	k = econ_contrib(1, 1, none, 1, out, &t);
	assert_int_equal(k, 0);
	assert_near(t.yoy, NA);
}

static void test_forecast(void **state)
{
	(void)state;
	struct econ_figure f;
	/* A, B, C and F complete last year: share reached by March (300+200+0+30)/(1200+800+0+120)
	 * = 530/2120 = 0.25; ytd 640 (D counts in ytd, E not) → 640 / 0.25 = 2560 */
	econ_total(1, CELLS, 6, 3, NA, &f);
	assert_near(f.ytd_value, 640);
	assert_near(f.forecast, 2560);
	/* one of the same set missing a month of last year: ytd × 12 / m */
	struct econ_cell c[6];
	memcpy(c, CELLS, sizeof c);
	c[1].base_months = 11;
	econ_total(1, c, 6, 3, NA, &f);
	assert_near(f.forecast, 640 * 12.0 / 3);
	/* December: the year itself */
	econ_total(1, CELLS, 6, 12, NA, &f);
	assert_near(f.forecast, 640);
	/* a stock: the month's value */
	econ_total(0, CELLS, 6, 3, NA, &f);
	assert_near(f.forecast, 250);
	/* nobody reported */
	static const struct econ_cell gone[] = {{NA, NA, 10, 10, 120, 12}};
	econ_total(1, gone, 1, 3, NA, &f);
	assert_near(f.forecast, NA);
	/* no base at all (all new): ytd × 12 / m */
	static const struct econ_cell fresh[] = {{10, 50, NA, NA, NA, 0}};
	econ_total(1, fresh, 1, 5, NA, &f);
	assert_near(f.forecast, 120);
	/* cells read without the base year (older callers): the simple projection */
	static const struct econ_cell old[] = {{10, 30, 10, 30, NA, 0}};
	econ_total(1, old, 1, 3, NA, &f);
	assert_near(f.forecast, 120);
}

static void test_wording(void **state)
{
	(void)state;
	char b[64];
	econ_amount_text(123456, "万元", b, sizeof b);
	assert_string_equal(b, "12.35亿元");
	econ_amount_text(860, "万元", b, sizeof b);
	assert_string_equal(b, "860万元");
	econ_amount_text(12.54, "万元", b, sizeof b);
	assert_string_equal(b, "12.5万元");
	econ_amount_text(-9999, "万元", b, sizeof b);
	assert_string_equal(b, "-9999万元");
	econ_amount_text(-20000, "万元", b, sizeof b);
	assert_string_equal(b, "-2.00亿元");
	econ_amount_text(25000, "万美元", b, sizeof b);
	assert_string_equal(b, "2.50亿美元");
	econ_amount_text(30, "万千瓦时", b, sizeof b);
	assert_string_equal(b, "30万千瓦时");
	econ_amount_text(210, "人", b, sizeof b);
	assert_string_equal(b, "210人");
	econ_amount_text(NA, "万元", b, sizeof b);
	assert_string_equal(b, "—");
	econ_amount_text(0.04, "万元", b, sizeof b);
	assert_string_equal(b, "0万元");
	econ_yoy_text(0.2, b, sizeof b);
	assert_string_equal(b, "增长20.0%");
	econ_yoy_text(-0.0512, b, sizeof b);
	assert_string_equal(b, "下降5.1%");
	econ_yoy_text(0.0001, b, sizeof b);
	assert_string_equal(b, "持平");
	econ_yoy_text(NA, b, sizeof b);
	assert_string_equal(b, "无可比基数");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_contrib_ytd),
	    cmocka_unit_test(test_contrib_month_and_signs),
	    cmocka_unit_test(test_forecast),
	    cmocka_unit_test(test_wording),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
