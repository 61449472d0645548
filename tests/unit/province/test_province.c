/* 综合考核 scoring (src/province/rank.c) on a hand-checked fixture: three zones, two items. */
#include "province/province.h"
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static const struct prov_metric UP = {"t.up", "高好", "up", "", 0, SRC_PROJECT, "x"};
static const struct prov_metric DOWN = {"t.down", "低好", "down", "", 1, SRC_SPACE, "y"};

/* zone A: 100, 10%; B: 50, 20%; C: 0, 30% (the second item lower is better) */
static const double V[] = {100, 10, 50, 20, 0, 30};

static void test_ranks(void **state)
{
	(void)state;
	const double v[] = {5, 7, 5, NAN, 1};
	int r[5];
	prov_ranks(v, 5, 0, r);
	assert_int_equal(r[0], 2); /* 7 first, the two 5s share 2, 1 is 4th */
	assert_int_equal(r[1], 1);
	assert_int_equal(r[2], 2);
	assert_int_equal(r[3], 5); /* no value: last */
	assert_int_equal(r[4], 4);
	prov_ranks(v, 5, 1, r); /* lower better: 1, 5, 5, 7 */
	assert_int_equal(r[4], 1);
	assert_int_equal(r[0], 2);
	assert_int_equal(r[1], 4);
	assert_int_equal(r[3], 5);
}

static void test_minmax(void **state)
{
	(void)state;
	struct prov_item it[] = {{&UP, 60, NAN}, {&DOWN, 40, NAN}};
	double sc[6], tot[3];
	int rank[3];
	prov_score(PM_MINMAX, it, 2, V, NULL, 3, sc, tot, rank);
	/* A: 100, 100 (10% is the lowest) → 100; B: 50, 50 → 50; C: 0, 0 → 0 */
	assert_float_equal(sc[0], 100, 1e-9);
	assert_float_equal(sc[1], 100, 1e-9);
	assert_float_equal(sc[2], 50, 1e-9);
	assert_float_equal(sc[3], 50, 1e-9);
	assert_float_equal(sc[4], 0, 1e-9);
	assert_float_equal(sc[5], 0, 1e-9);
	assert_float_equal(tot[0], 100, 1e-9);
	assert_float_equal(tot[1], 50, 1e-9);
	assert_float_equal(tot[2], 0, 1e-9);
	assert_int_equal(rank[0], 1);
	assert_int_equal(rank[2], 3);
	/* equal values score 100 each */
	const double same[] = {3, 3};
	struct prov_item one[] = {{&UP, 1, NAN}};
	prov_score(PM_MINMAX, one, 1, same, NULL, 2, sc, tot, rank);
	assert_float_equal(sc[0], 100, 1e-9);
	assert_int_equal(rank[1], 1);
}

static void test_rank_method(void **state)
{
	(void)state;
	/* the first item alone, weight 1; rank 1 of 3 → 100, 2 → 50, 3 → 0 */
	struct prov_item it[] = {{&UP, 1, NAN}, {&DOWN, 1, NAN}};
	double sc[6], tot[3];
	int rank[3];
	prov_score(PM_RANK, it, 2, V, NULL, 3, sc, tot, rank);
	assert_float_equal(sc[0], 100, 1e-9);
	assert_float_equal(sc[2], 50, 1e-9);
	assert_float_equal(sc[4], 0, 1e-9);
	/* the second, lower better: A (10%) 100, C (30%) 0 */
	assert_float_equal(sc[1], 100, 1e-9);
	assert_float_equal(sc[5], 0, 1e-9);
	assert_float_equal(tot[1], 50, 1e-9);
	/* a missing value scores 0 and ranks after the rest */
	const double w[] = {NAN, 4, 2};
	struct prov_item one[] = {{&UP, 1, NAN}};
	prov_score(PM_RANK, one, 1, w, NULL, 3, sc, tot, rank);
	assert_float_equal(sc[0], 0, 1e-9);
	assert_float_equal(sc[1], 100, 1e-9);
	assert_float_equal(sc[2], 0, 1e-9); /* 2nd of the two with a value */
	assert_int_equal(rank[0], 2);       /* 0 and 0 share the second place */
	assert_int_equal(rank[2], 2);
}

static void test_target(void **state)
{
	(void)state;
	/* targets: 80 for the first item (A 125% → capped 120, B 62.5%, C 0), 20% for the
	 * second, lower better (A 200% → 120, B 100%, C 66.67%); B's own target 50 (100%) */
	struct prov_item it[] = {{&UP, 3, 80}, {&DOWN, 1, 20}};
	double targets[] = {NAN, NAN, 50, NAN, NAN, NAN};
	double sc[6], tot[3];
	int rank[3];
	prov_score(PM_TARGET, it, 2, V, targets, 3, sc, tot, rank);
	assert_float_equal(sc[0], 120, 1e-9);
	assert_float_equal(sc[2], 100, 1e-9);
	assert_float_equal(sc[4], 0, 1e-9);
	assert_float_equal(sc[1], 120, 1e-9);
	assert_float_equal(sc[3], 100, 1e-9);
	assert_float_equal(sc[5], 100.0 * 20 / 30, 1e-9);
	assert_float_equal(tot[0], 120, 1e-9);
	assert_float_equal(tot[1], 100, 1e-9);
	assert_float_equal(tot[2], 100.0 * 20 / 30 / 4, 1e-9);
	/* no target: 0 */
	struct prov_item none[] = {{&UP, 1, NAN}};
	prov_score(PM_TARGET, none, 1, (const double[]){5}, NULL, 1, sc, tot, rank);
	assert_float_equal(sc[0], 0, 1e-9);
}

static void test_items(void **state)
{
	(void)state;
	struct prov_scheme s;
	struct yq_err e = {0};
	assert_int_equal(prov_parse_items("econ.output.ytd:30,space.vacancy_rate:10:5", &s, &e), 0);
	assert_int_equal(s.n_items, 2);
	assert_true(s.items[1].m->lower_better);
	assert_float_equal(s.items[1].target, 5, 1e-9);
	char text[256];
	prov_items_text(&s, text, sizeof text);
	assert_string_equal(text, "econ.output.ytd:30,space.vacancy_rate:10:5");
	const char *bad[] = {"",
	                     "econ.output.ytd",
	                     "econ.output.ytd:0",
	                     "nothing:5",
	                     "econ.output.ytd:5,econ.output.ytd:6",
	                     "econ.output.ytd:5:-1",
	                     "econ.output.ytd:5,",
	                     "econ.output.ytd:5x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e = (struct yq_err){0};
		assert_int_equal(prov_parse_items(bad[i], &s, &e), -1);
		assert_string_equal(e.field, "items");
	}
	prov_default_scheme(&s);
	double w = 0;
	for (size_t i = 0; i < s.n_items; i++) {
		assert_non_null(s.items[i].m);
		w += s.items[i].weight;
	}
	assert_float_equal(w, 100, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ranks),       cmocka_unit_test(test_minmax),
	    cmocka_unit_test(test_rank_method), cmocka_unit_test(test_target),
	    cmocka_unit_test(test_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
