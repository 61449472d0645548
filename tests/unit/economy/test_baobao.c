/* Unit tests for the 包保 monthly figures (economy_baobao.h): an indicator's completion, an
 * enterprise's completion and met, and which months are past. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "economy/economy_baobao.h"

#define NA NAN

static void assert_near(double got, double want)
{
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("got %.10g, want none", got);
		return;
	}
	if (isnan(got) || fabs(got - want) > 1e-12 * (1 + fabs(want)))
		fail_msg("got %.10g, want %.10g", got, want);
}

static void test_completion(void **state)
{
	assert_near(bb_completion(1000, 1200), 1.2);
	assert_near(bb_completion(1000, 0), 0);
	assert_near(bb_completion(NA, 1200), NA);
	assert_near(bb_completion(1000, NA), NA);
	assert_near(bb_completion(0, 5), NA); /* no ratio to a target of 0 */
}

static const char *const CODES[] = {"revenue", "output", "tax", "power"};

static void test_figures(void **state)
{
	double c;
	int met;
	/* output's completion first, whatever its place; revenue below its target: not met */
	const double t1[] = {1500, 1000, NA, 30}, a1[] = {1300, 1200, 80, NA};
	bb_figures(4, CODES, t1, a1, &c, &met);
	assert_near(c, 1.2);
	assert_int_equal(met, 0);
	/* no output target: the first indicator with both, in catalogue order */
	const double t2[] = {NA, NA, 50, 20}, a2[] = {1300, 1200, 80, 25};
	bb_figures(4, CODES, t2, a2, &c, &met);
	assert_near(c, 1.6);
	assert_int_equal(met, 1);
	/* exactly the target is met */
	const double t3[] = {100, NA, NA, NA}, a3[] = {100, NA, NA, NA};
	bb_figures(4, CODES, t3, a3, &c, &met);
	assert_near(c, 1);
	assert_int_equal(met, 1);
	/* nothing comparable: none */
	const double t4[] = {100, 100, NA, NA}, a4[] = {NA, NA, 5, NA};
	bb_figures(4, CODES, t4, a4, &c, &met);
	assert_near(c, NA);
	assert_int_equal(met, -1);
	/* a target of 0 compares (met) but gives no ratio */
	const double t5[] = {0, NA, NA, NA}, a5[] = {3, NA, NA, NA};
	bb_figures(4, CODES, t5, a5, &c, &met);
	assert_near(c, NA);
	assert_int_equal(met, 1);
}

static void test_period_past(void **state)
{
	assert_true(bb_period_past("2026-09", "2026-10-01"));
	assert_true(bb_period_past("2025-12", "2026-01-31"));
	assert_false(bb_period_past("2026-10", "2026-10-31"));
	assert_false(bb_period_past("2026-11", "2026-10-15"));
	assert_true(bb_production_valid("partial"));
	assert_false(bb_production_valid("Partial"));
	assert_false(bb_production_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_completion),
	    cmocka_unit_test(test_figures),
	    cmocka_unit_test(test_period_past),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
