/* Unit tests for the 惠企政策 rules (src/policy/policy.c): the names, both transition tables in
 * full, every matching condition alone and together, the years since founding, the checks of a
 * policy, an approval, a payment and a submission, and bodies decoded by the field tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "policy/policy.h"
#include "lib/arena.h"

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < POLICY__STATUS_COUNT; s++) {
		assert_int_equal(policy_status_from_name(policy_status_name((enum policy_status)s)),
		                 s);
		assert_true(strlen(policy_status_label((enum policy_status)s)) > 0);
	}
	for (int s = 0; s < APP__STATUS_COUNT; s++) {
		assert_int_equal(app_status_from_name(app_status_name((enum app_status)s)), s);
		assert_true(strlen(app_status_label((enum app_status)s)) > 0);
	}
	assert_int_equal(policy_status_from_name("nope"), POLICY__STATUS_COUNT);
	assert_int_equal(app_status_from_name(NULL), APP__STATUS_COUNT);
	assert_string_equal(app_status_label(APP_PAID), "已兑现");
	assert_string_equal(policy_status_label(POLICY_PUBLISHED), "已发布");
}

/* Every (state, event) pair of the policy: the three allowed moves, 409 for the rest. */
static void test_policy_moves(void **state)
{
	(void)state;
	static const int want[POLICY__STATUS_COUNT][POLICY__EV_COUNT] = {
	    [POLICY_DRAFT] = {POLICY_PUBLISHED, -1, POLICY_DRAFT},
	    [POLICY_PUBLISHED] = {-1, POLICY_CLOSED, -1},
	    [POLICY_CLOSED] = {-1, -1, -1},
	};
	for (int s = 0; s < POLICY__STATUS_COUNT; s++)
		for (int ev = 0; ev < POLICY__EV_COUNT; ev++) {
			struct yq_err e = {0};
			enum policy_status to = POLICY__STATUS_COUNT;
			int rc = policy_next((enum policy_status)s, (enum policy_event)ev, &to, &e);
			if (want[s][ev] < 0) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(e.message);
			} else {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want[s][ev]);
			}
		}
	struct yq_err e = {0};
	enum policy_status to;
	assert_int_equal(policy_next(POLICY_PUBLISHED, POLICY_EV_EDIT, &to, &e), -1);
	assert_non_null(strstr(e.message, "已发布"));
	assert_int_equal(policy_next(POLICY__STATUS_COUNT, POLICY_EV_EDIT, &to, &e), -1);
}

/* Every (state, event) pair of an application. */
static void test_app_moves(void **state)
{
	(void)state;
	static const int want[APP__STATUS_COUNT][APP__EV_COUNT] = {
	    /* submit, accept, approve, reject, pay, edit */
	    [APP_DRAFT] = {APP_SUBMITTED, -1, -1, -1, -1, APP_DRAFT},
	    [APP_SUBMITTED] = {-1, APP_REVIEWING, -1, APP_REJECTED, -1, -1},
	    [APP_REVIEWING] = {-1, -1, APP_APPROVED, APP_REJECTED, -1, -1},
	    [APP_APPROVED] = {-1, -1, -1, -1, APP_APPROVED, -1},
	    [APP_REJECTED] = {-1, -1, -1, -1, -1, -1},
	    [APP_PAID] = {-1, -1, -1, -1, -1, -1},
	};
	for (int s = 0; s < APP__STATUS_COUNT; s++)
		for (int ev = 0; ev < APP__EV_COUNT; ev++) {
			struct yq_err e = {0};
			enum app_status to = APP__STATUS_COUNT;
			int rc = app_next((enum app_status)s, (enum app_event)ev, &to, &e);
			if (want[s][ev] < 0) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(strstr(e.message, "申报"));
			} else {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want[s][ev]);
			}
		}
	struct yq_err e = {0};
	enum app_status to;
	assert_int_equal(app_next(APP_PAID, APP_EV_PAY, &to, &e), -1);
	assert_non_null(strstr(e.message, "已兑现"));
	assert_int_equal(app_next(APP__STATUS_COUNT, APP_EV_PAY, &to, &e), -1);
}

static void test_years(void **state)
{
	(void)state;
	assert_int_equal(policy_years("2020-06-15", "2026-06-15"), 6);
	assert_int_equal(policy_years("2020-06-15", "2026-06-14"), 5);
	assert_int_equal(policy_years("2020-06-15", "2026-05-30"), 5);
	assert_int_equal(policy_years("2020-06-15", "2020-06-15"), 0);
	assert_int_equal(policy_years("2020-02-29", "2021-02-28"), 0);
	assert_int_equal(policy_years("2020-02-29", "2021-03-01"), 1);
	assert_int_equal(policy_years("2027-01-01", "2026-01-01"), -1);
	assert_int_equal(policy_years(NULL, "2026-01-01"), -1);
	assert_int_equal(policy_years("", "2026-01-01"), -1);
	assert_int_equal(policy_years("2020-13-01", "2026-01-01"), -1);
}

/* A policy with no condition, and an enterprise of 汽车零部件 (3670) in 标准厂房3号楼, founded
 * 2018-03-01, capital 2000 万元, holding 规上 and 专精特新. */
static struct policy blank(void)
{
	return (struct policy){.industries = "[]",
	                       .flags = "[]",
	                       .ent_types = "[]",
	                       .buildings = "[]",
	                       .materials = "[]",
	                       .min_capital = NAN};
}

static struct policy_subject subject(void)
{
	struct policy_subject s = {.industry_code = "3670",
	                           .ent_type = "domestic",
	                           .registered_capital = 2000,
	                           .established_on = "2018-03-01",
	                           .building = "标准厂房3号楼"};
	s.flags[FLAG_ABOVE_SIZE] = 1;
	s.flags[FLAG_SPECIALIZED] = 1;
	return s;
}

/* Matches p against s on 2026-06-01: the missed conditions. */
static unsigned run(const struct policy *p, const struct policy_subject *s)
{
	struct arena a = ARENA_INIT;
	struct policy_cond c;
	struct yq_err e = {0};
	assert_int_equal(policy_cond_parse(p, &a, &c, &e), 0);
	unsigned m = policy_match(&c, s, "2026-06-01");
	arena_release(&a);
	return m;
}

static void test_match_none(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	assert_int_equal(run(&p, &s), 0);
	/* an enterprise with nothing known meets a policy without conditions */
	struct policy_subject empty = {.registered_capital = NAN};
	assert_int_equal(run(&p, &empty), 0);
}

static void test_match_industry(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	static const char *const hit[] = {"[\"C\"]", "[\"36\"]", "[\"367\"]", "[\"3670\"]",
	                                  "[\"A\", \"C\"]"};
	for (size_t i = 0; i < sizeof hit / sizeof hit[0]; i++) {
		p.industries = hit[i];
		assert_int_equal(run(&p, &s), 0);
	}
	static const char *const miss[] = {"[\"A\"]", "[\"35\"]", "[\"366\"]", "[\"3660\"]",
	                                   "[\"I\", \"M\"]"};
	for (size_t i = 0; i < sizeof miss / sizeof miss[0]; i++) {
		p.industries = miss[i];
		assert_int_equal(run(&p, &s), MISS_INDUSTRY);
	}
	/* an enterprise without an industry misses any industry condition */
	p.industries = "[\"C\"]";
	s.industry_code = NULL;
	assert_int_equal(run(&p, &s), MISS_INDUSTRY);
}

static void test_match_flags(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	p.flags = "[\"specialized\"]";
	assert_int_equal(run(&p, &s), 0);
	p.flags = "[\"little_giant\", \"specialized\"]"; /* any one of them */
	assert_int_equal(run(&p, &s), 0);
	p.flags = "[\"high_tech\"]";
	assert_int_equal(run(&p, &s), MISS_FLAG);
	p.flags = "[\"little_giant\", \"high_tech\"]";
	assert_int_equal(run(&p, &s), MISS_FLAG);
	p.flags = "[\"专精特新\"]"; /* the Chinese label names the flag too */
	assert_int_equal(run(&p, &s), 0);
	s.flags[FLAG_SPECIALIZED] = 0; /* lost (the flag's span ended before the day) */
	assert_int_equal(run(&p, &s), MISS_FLAG);
	/* 规上 is the size condition */
	p.flags = "[\"above_size\"]";
	assert_int_equal(run(&p, &s), 0);
	s.flags[FLAG_ABOVE_SIZE] = 0;
	assert_int_equal(run(&p, &s), MISS_FLAG);
}

static void test_match_type(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	p.ent_types = "[\"foreign\", \"hk_mo_tw\"]";
	assert_int_equal(run(&p, &s), MISS_TYPE);
	s.ent_type = "foreign";
	assert_int_equal(run(&p, &s), 0);
	s.ent_type = NULL;
	assert_int_equal(run(&p, &s), MISS_TYPE);
}

static void test_match_capital(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	p.min_capital = 2000;
	assert_int_equal(run(&p, &s), 0); /* at least: equal is enough */
	p.min_capital = 2000.01;
	assert_int_equal(run(&p, &s), MISS_CAPITAL);
	p.min_capital = 500;
	s.registered_capital = NAN; /* unknown capital misses a capital condition */
	assert_int_equal(run(&p, &s), MISS_CAPITAL);
	p.min_capital = 0; /* 0: none */
	assert_int_equal(run(&p, &s), 0);
}

static void test_match_age(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject(); /* 8 full years on 2026-06-01 */
	p.min_age = 8;
	assert_int_equal(run(&p, &s), 0);
	p.min_age = 9;
	assert_int_equal(run(&p, &s), MISS_AGE);
	p.min_age = 0;
	p.max_age = 8;
	assert_int_equal(run(&p, &s), 0);
	p.max_age = 7; /* 初创: at most 7 years */
	assert_int_equal(run(&p, &s), MISS_AGE);
	p.min_age = 3;
	p.max_age = 10;
	assert_int_equal(run(&p, &s), 0);
	s.established_on = "2026-06-02"; /* founded after the day */
	assert_int_equal(run(&p, &s), MISS_AGE);
	s.established_on = NULL; /* no founding date: misses an age condition */
	assert_int_equal(run(&p, &s), MISS_AGE);
	p.min_age = p.max_age = 0;
	assert_int_equal(run(&p, &s), 0);
}

static void test_match_building(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	p.buildings = "[\"标准厂房3号楼\", \"产业园1号楼\"]";
	assert_int_equal(run(&p, &s), 0);
	p.buildings = "[\"标准厂房4号楼\"]";
	assert_int_equal(run(&p, &s), MISS_BUILDING);
	s.building = "";
	assert_int_equal(run(&p, &s), MISS_BUILDING);
}

/* The conditions together: every one must hold, and the misses add up. */
static void test_match_all(void **state)
{
	(void)state;
	struct policy p = blank();
	struct policy_subject s = subject();
	p.industries = "[\"C\"]";
	p.flags = "[\"specialized\"]";
	p.ent_types = "[\"domestic\"]";
	p.min_capital = 1000;
	p.min_age = 2;
	p.buildings = "[\"标准厂房3号楼\"]";
	assert_int_equal(run(&p, &s), 0);
	s.industry_code = "7210";
	s.flags[FLAG_SPECIALIZED] = 0;
	s.building = "孵化器";
	assert_int_equal(run(&p, &s), MISS_INDUSTRY | MISS_FLAG | MISS_BUILDING);
}

static void test_cond_parse(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct policy_cond c;
	struct policy p = blank();
	struct yq_err e = {0};
	p.flags = "[\"unicorn\"]";
	assert_int_equal(policy_cond_parse(&p, &a, &c, &e), -1);
	assert_string_equal(e.field, "flags");
	p = blank();
	p.industries = "{\"C\": 1}";
	assert_int_equal(policy_cond_parse(&p, &a, &c, &e), -1);
	assert_string_equal(e.field, "industries");
	p = blank();
	p.buildings = "[1]";
	assert_int_equal(policy_cond_parse(&p, &a, &c, &e), -1);
	assert_string_equal(e.field, "buildings");
	p = blank();
	p.ent_types = "[\"a\", \"b\", \"c\", \"d\", \"e\"]";
	assert_int_equal(policy_cond_parse(&p, &a, &c, &e), -1);
	assert_string_equal(e.field, "ent_types");
	arena_release(&a);
}

static void test_check_policy(void **state)
{
	(void)state;
	struct policy p = blank();
	struct yq_err e = {0};
	assert_int_equal(policy_check(&p, &e), 0);
	p.apply_from = "2026-03-01";
	p.deadline = "2026-02-28";
	assert_int_equal(policy_check(&p, &e), -1);
	assert_string_equal(e.field, "deadline");
	p.deadline = "2026-03-01";
	assert_int_equal(policy_check(&p, &e), 0);
	p.min_age = 5;
	p.max_age = 3;
	assert_int_equal(policy_check(&p, &e), -1);
	assert_string_equal(e.field, "max_age");
	p.max_age = 0;
	p.industries = "[\"C\", \"99X\"]";
	assert_int_equal(policy_check(&p, &e), -1);
	assert_string_equal(e.field, "industries");
	p.industries = "[\"C\", \"3670\"]";
	p.ent_types = "[\"state_owned\"]";
	assert_int_equal(policy_check(&p, &e), -1);
	assert_string_equal(e.field, "ent_types");
	p.ent_types = "[\"hk_mo_tw\"]";
	assert_int_equal(policy_check(&p, &e), 0);
}

static void test_open_on(void **state)
{
	(void)state;
	struct policy p = blank();
	assert_true(policy_open_on(&p, "2026-01-01"));
	p.apply_from = "2026-03-01";
	p.deadline = "2026-04-30";
	assert_false(policy_open_on(&p, "2026-02-28"));
	assert_true(policy_open_on(&p, "2026-03-01"));
	assert_true(policy_open_on(&p, "2026-04-30"));
	assert_false(policy_open_on(&p, "2026-05-01"));
	p.apply_from = "";
	assert_true(policy_open_on(&p, "2020-01-01"));
}

static void test_amounts(void **state)
{
	(void)state;
	struct yq_err e = {0};
	assert_int_equal(policy_check_approve(50, 50, &e), 0);
	assert_int_equal(policy_check_approve(50.01, 50, &e), -1);
	assert_string_equal(e.field, "amount");
	assert_int_equal(policy_check_approve(0, 50, &e), -1);
	assert_int_equal(policy_check_approve(NAN, 50, &e), -1);
	assert_int_equal(policy_check_approve(500, NAN, &e), 0); /* no maximum stated */
	assert_int_equal(policy_check_payment(20, 0, 40, &e), 0);
	assert_int_equal(policy_check_payment(20, 20, 40, &e), 0);
	assert_int_equal(policy_check_payment(20.01, 20, 40, &e), -1);
	assert_string_equal(e.field, "amount");
	assert_int_equal(policy_check_payment(-1, 0, 40, &e), -1);
	assert_int_equal(policy_check_payment(1, 0, NAN, &e), -1);
	assert_int_equal(policy_check_submit(2, 0, &e), -1);
	assert_string_equal(e.field, "attachments");
	assert_int_equal(policy_check_submit(2, 1, &e), 0);
	assert_int_equal(policy_check_submit(0, 0, &e), 0);
}

/* Bodies decoded by the field table: lists are lists of short texts. */
static void test_decode(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	static const struct {
		const char *json, *field;
	} bad[] = {
	    {"{\"title\":\"t\",\"issuer\":\"i\",\"benefit\":\"b\",\"materials\":[1]}", "materials"},
	    {"{\"title\":\"t\",\"issuer\":\"i\",\"benefit\":\"b\",\"flags\":\"x\"}", "flags"},
	    {"{\"title\":\"t\",\"issuer\":\"i\",\"benefit\":\"b\",\"buildings\":[\"\"]}",
	     "buildings"},
	    {"{\"title\":\"t\",\"issuer\":\"i\",\"benefit\":\"b\",\"min_age\":-1}", "min_age"},
	    {"{\"title\":\"t\",\"issuer\":\"i\"}", "benefit"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct policy p;
		memset(&p, 0, sizeof p);
		struct yq_err e = {0};
		json_t *j = json_loads(bad[i].json, 0, NULL);
		assert_non_null(j);
		assert_int_equal(entity_decode(&ENTITY_POLICY, j, DECODE_FULL, &a, &p, NULL, &e),
		                 -1);
		assert_string_equal(e.field, bad[i].field);
		json_decref(j);
	}
	struct policy p;
	memset(&p, 0, sizeof p);
	struct yq_err e = {0};
	json_t *j =
	    json_loads("{\"title\":\"专精特新奖励\",\"issuer\":\"工信局\",\"benefit\":\"奖励\","
	               "\"industries\":[\"C\"],\"flags\":[\"specialized\"]}",
	               0, NULL);
	assert_int_equal(entity_decode(&ENTITY_POLICY, j, DECODE_FULL, &a, &p, NULL, &e), 0);
	assert_string_equal(p.materials, "[]");
	assert_true(isnan(p.max_amount));
	json_decref(j);
	arena_release(&a);
	/* what an enterprise is not shown */
	assert_true(entity_field(&ENTITY_POLICY, "eligible")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_POLICY_APP, "review_note")->flags & F_INTERNAL);
	assert_false(entity_field(&ENTITY_POLICY_APP, "reject_reason")->flags & F_INTERNAL);
	assert_non_null(entity_field(&ENTITY_POLICY_APP_QUERY, "policy_id"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),          cmocka_unit_test(test_policy_moves),
	    cmocka_unit_test(test_app_moves),      cmocka_unit_test(test_years),
	    cmocka_unit_test(test_match_none),     cmocka_unit_test(test_match_industry),
	    cmocka_unit_test(test_match_flags),    cmocka_unit_test(test_match_type),
	    cmocka_unit_test(test_match_capital),  cmocka_unit_test(test_match_age),
	    cmocka_unit_test(test_match_building), cmocka_unit_test(test_match_all),
	    cmocka_unit_test(test_cond_parse),     cmocka_unit_test(test_check_policy),
	    cmocka_unit_test(test_open_on),        cmocka_unit_test(test_amounts),
	    cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
