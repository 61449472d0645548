/* Unit tests for the GB/T 4754-2017 industry table (src/enterprise/industry.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "enterprise/industry.h"

/* Looks codes up from several threads before anything loaded the table: pthread_once must give
 * each of them the whole table. */
static void *lookup_thread(void *arg)
{
	const struct industry *e = industry_find("3670");
	return (void *)(uintptr_t)(e && strcmp(e->section, "C") == 0 && industry_count() == 1971);
}

static void test_concurrent_first_use(void **state)
{
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&t[i], NULL, lookup_thread, NULL), 0);
	for (int i = 0; i < 8; i++) {
		void *ok;
		assert_int_equal(pthread_join(t[i], &ok), 0);
		assert_true(ok != NULL);
	}
	assert_int_equal(industry_init(), 0);
}

/* 20 sections, 97 divisions, 473 groups, 1381 classes; every parent is one level up. */
static void test_counts_per_level(void **state)
{
	size_t per_level[5] = {0};
	assert_int_equal(industry_count(), 1971);
	for (size_t i = 0; i < industry_count(); i++) {
		const struct industry *e = industry_at(i);
		assert_non_null(e);
		assert_in_range(e->level, 1, 4);
		per_level[e->level]++;
		assert_int_equal(strlen(e->code), e->level == 1 ? 1 : (size_t)e->level);
		if (e->level > 1) {
			const struct industry *p = industry_find(e->parent);
			assert_non_null(p);
			assert_int_equal(p->level, e->level - 1);
			assert_string_equal(p->section, e->section);
		} else {
			assert_string_equal(e->parent, "");
			assert_string_equal(e->section, e->code);
		}
	}
	assert_int_equal(per_level[1], 20);
	assert_int_equal(per_level[2], 97);
	assert_int_equal(per_level[3], 473);
	assert_int_equal(per_level[4], 1381);
	assert_null(industry_at(1971));
}

/* Tree order: A, then 01, 011, 0111 …; each section precedes its codes. */
static void test_tree_order(void **state)
{
	assert_string_equal(industry_at(0)->code, "A");
	assert_string_equal(industry_at(1)->code, "01");
	assert_string_equal(industry_at(2)->code, "011");
	assert_string_equal(industry_at(3)->code, "0111");
	assert_string_equal(industry_at(3)->name, "稻谷种植");
	char last_section = 0;
	for (size_t i = 0; i < industry_count(); i++) {
		const struct industry *e = industry_at(i);
		if (e->level == 1) {
			assert_true(e->code[0] > last_section);
			last_section = e->code[0];
		} else {
			assert_int_equal(e->section[0], last_section);
		}
	}
	assert_int_equal(last_section, 'T');
}

/* Lookups of each level, zeros kept, lowercase sections, and misses. */
static void test_find(void **state)
{
	const struct industry *e = industry_find("3670");
	assert_non_null(e);
	assert_string_equal(e->name, "汽车零部件及配件制造");
	assert_int_equal(e->level, 4);
	assert_string_equal(e->parent, "367");
	e = industry_find("367");
	assert_non_null(e);
	assert_int_equal(e->level, 3);
	assert_string_equal(e->name, "汽车零部件及配件制造");
	e = industry_find("36");
	assert_non_null(e);
	assert_string_equal(e->name, "汽车制造业");
	e = industry_find("C");
	assert_non_null(e);
	assert_string_equal(e->name, "制造业");
	assert_ptr_equal(industry_find("c"), e);
	assert_non_null(industry_find("0111"));
	assert_null(industry_find("100"));
	assert_null(industry_find("00"));
	assert_null(industry_find("98"));
	assert_null(industry_find("9999"));
	assert_null(industry_find("U"));
	assert_null(industry_find(""));
	assert_null(industry_find("36701"));
	assert_null(industry_find("3a"));
	assert_null(industry_find(NULL));
}

/* The section of any code. */
static void test_section_of(void **state)
{
	assert_string_equal(industry_section_of("3670"), "C");
	assert_string_equal(industry_section_of("36"), "C");
	assert_string_equal(industry_section_of("C"), "C");
	assert_string_equal(industry_section_of("0111"), "A");
	assert_string_equal(industry_section_of("9700"), "T");
	assert_null(industry_section_of("9999"));
	assert_true(industry_is_under("3670", "C"));
	assert_true(industry_is_under("3670", "36"));
	assert_true(industry_is_under("3670", "367"));
	assert_true(industry_is_under("3670", "3670"));
	assert_false(industry_is_under("3670", "35"));
	assert_false(industry_is_under("36", "367"));
	assert_false(industry_is_under("0111", "C"));
	assert_false(industry_is_under("bogus", "C"));
}

/* Search by code prefix, by name, by parent and level, bounded by `max`. */
static void test_search(void **state)
{
	const struct industry *out[2000];
	size_t n;
	assert_int_equal(industry_search("367", NULL, 0, out, 2000, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(out[0]->code, "367");
	assert_string_equal(out[1]->code, "3670");

	assert_int_equal(industry_search("汽车", NULL, 2, out, 2000, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(out[0]->code, "36");

	assert_int_equal(industry_search(NULL, "36", 0, out, 2000, &n), 0);
	assert_true(n >= 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(out[i]->level, 3);

	assert_int_equal(industry_search("", "", 1, out, 2000, &n), 0);
	assert_int_equal(n, 20);
	assert_int_equal(industry_search("c", NULL, 1, out, 2000, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(out[0]->code, "C");

	assert_int_equal(industry_search(NULL, NULL, 0, out, 2000, &n), 0);
	assert_int_equal(n, 1971);
	assert_int_equal(industry_search(NULL, NULL, 4, out, 10, &n), 0);
	assert_int_equal(n, 10);
	assert_int_equal(industry_search("不存在的行业", NULL, 0, out, 2000, &n), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_concurrent_first_use), /* first: nothing may load the table before */
	    cmocka_unit_test(test_counts_per_level),
	    cmocka_unit_test(test_tree_order),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_section_of),
	    cmocka_unit_test(test_search),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
