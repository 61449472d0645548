/* Unit tests for the 用工 rules (pure functions and the field tables in src/jobs/jobs.c): the
 * names and labels, the state read from the deadline, the whole transition table, a demand's and
 * a hire's checks (the remaining count, the channel's reference), a partnership's, joining a
 * fair, the fill rate, and bodies decoded by the tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "jobs/jobs.h"
#include "lib/arena.h"

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < JOBS__STATUS_COUNT; s++) {
		assert_int_equal(jobs_status_from_name(jobs_status_name((enum jobs_status)s)), s);
		assert_true(strlen(jobs_status_label((enum jobs_status)s)) > 0);
	}
	for (int c = 0; c < JOBS__CHANNEL_COUNT; c++) {
		assert_int_equal(jobs_channel_from_name(jobs_channel_name((enum jobs_channel)c)),
		                 c);
		assert_true(strlen(jobs_channel_label((enum jobs_channel)c)) > 0);
	}
	assert_string_equal(jobs_status_label(JOBS_OPEN), "招聘中");
	assert_string_equal(jobs_status_label(JOBS_EXPIRED), "已过期");
	assert_string_equal(jobs_channel_label(JOBS_CH_FAIR), "招聘会");
	assert_string_equal(jobs_channel_label(JOBS_CH_SCHOOL), "校企合作");
	assert_int_equal(jobs_status_from_name("Open"), JOBS__STATUS_COUNT);
	assert_int_equal(jobs_status_from_name(NULL), JOBS__STATUS_COUNT);
	assert_int_equal(jobs_channel_from_name("mail"), JOBS__CHANNEL_COUNT);
	assert_string_equal(jobs_channel_name(JOBS__CHANNEL_COUNT), "");
}

/* An open demand past its deadline reads as expired; the deadline day itself is still open. */
static void test_status_read(void **state)
{
	(void)state;
	assert_int_equal(jobs_status_read("open", "2026-03-01", "2026-03-01"), JOBS_OPEN);
	assert_int_equal(jobs_status_read("open", "2026-03-01", "2026-03-02"), JOBS_EXPIRED);
	assert_int_equal(jobs_status_read("open", "2026-03-01", "2026-02-28"), JOBS_OPEN);
	assert_int_equal(jobs_status_read("filled", "2026-03-01", "2026-04-01"), JOBS_FILLED);
	assert_int_equal(jobs_status_read("closed", "2026-03-01", "2026-04-01"), JOBS_CLOSED);
	assert_int_equal(jobs_status_read("open", "2026-03-01", NULL), JOBS_OPEN);
	assert_int_equal(jobs_status_read("bogus", "2026-03-01", "2026-04-01"), JOBS__STATUS_COUNT);
}

/* Every state × event: the stored state after it, or a 409 naming the state. */
static void test_transitions(void **state)
{
	(void)state;
	static const struct {
		enum jobs_status from;
		enum jobs_event ev;
		enum jobs_status to; /* JOBS__STATUS_COUNT: refused */
		const char *says;
	} cases[] = {
	    {JOBS_OPEN, JOBS_EV_HIRE, JOBS_OPEN, NULL},
	    {JOBS_OPEN, JOBS_EV_FILL, JOBS_FILLED, NULL},
	    {JOBS_OPEN, JOBS_EV_CLOSE, JOBS_CLOSED, NULL},
	    {JOBS_OPEN, JOBS_EV_REOPEN, JOBS__STATUS_COUNT, "招聘中"},
	    {JOBS_FILLED, JOBS_EV_HIRE, JOBS__STATUS_COUNT, "已招满"},
	    {JOBS_FILLED, JOBS_EV_FILL, JOBS__STATUS_COUNT, "已招满"},
	    {JOBS_FILLED, JOBS_EV_CLOSE, JOBS_CLOSED, NULL},
	    {JOBS_FILLED, JOBS_EV_REOPEN, JOBS__STATUS_COUNT, "已招满"},
	    {JOBS_CLOSED, JOBS_EV_HIRE, JOBS__STATUS_COUNT, "已关闭"},
	    {JOBS_CLOSED, JOBS_EV_FILL, JOBS__STATUS_COUNT, "已关闭"},
	    {JOBS_CLOSED, JOBS_EV_CLOSE, JOBS__STATUS_COUNT, "已关闭"},
	    {JOBS_CLOSED, JOBS_EV_REOPEN, JOBS_OPEN, NULL},
	    {JOBS_EXPIRED, JOBS_EV_HIRE, JOBS__STATUS_COUNT, "截止日期"},
	    {JOBS_EXPIRED, JOBS_EV_FILL, JOBS__STATUS_COUNT, "截止日期"},
	    {JOBS_EXPIRED, JOBS_EV_CLOSE, JOBS_CLOSED, NULL},
	    {JOBS_EXPIRED, JOBS_EV_REOPEN, JOBS__STATUS_COUNT, "截止日期"},
	};
	assert_int_equal(sizeof cases / sizeof cases[0], JOBS__STATUS_COUNT * JOBS__EV_COUNT);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct yq_err e = {0};
		enum jobs_status to = JOBS__STATUS_COUNT;
		int rc = jobs_next(cases[i].from, cases[i].ev, &to, &e);
		if (cases[i].to != JOBS__STATUS_COUNT) {
			assert_int_equal(rc, 0);
			assert_int_equal(to, cases[i].to);
		} else {
			assert_int_equal(rc, -1);
			assert_int_equal(e.code, ERR_STATE);
			assert_non_null(strstr(e.message, cases[i].says));
		}
	}
	struct yq_err e = {0};
	enum jobs_status to;
	assert_int_equal(jobs_next(JOBS__STATUS_COUNT, JOBS_EV_CLOSE, &to, &e), -1);
	assert_int_equal(jobs_next(JOBS_OPEN, JOBS__EV_COUNT, &to, &e), -1);
}

static void test_check_demand(void **state)
{
	(void)state;
	struct jobs_demand d = {
	    .headcount = 10, .pay_min = 4000, .pay_max = 6000, .deadline = "2026-06-30"};
	struct yq_err e = {0};
	assert_int_equal(jobs_check_demand(&d, "2026-06-30", &e), 0);
	assert_int_equal(jobs_check_demand(&d, NULL, &e), 0);
	d.pay_max = 4000;
	assert_int_equal(jobs_check_demand(&d, "2026-01-01", &e), 0); /* equal ends: a fixed pay */
	d.pay_max = 3999;
	assert_int_equal(jobs_check_demand(&d, "2026-01-01", &e), -1);
	assert_string_equal(e.field, "pay_max");
	assert_int_equal(e.code, ERR_VALIDATION);
	d.pay_max = 6000;
	assert_int_equal(jobs_check_demand(&d, "2026-07-01", &e), -1);
	assert_string_equal(e.field, "deadline");
	assert_int_equal(jobs_check_demand(&d, NULL, &e), 0); /* history: no date check */
	d.headcount = 0;
	assert_int_equal(jobs_check_demand(&d, NULL, &e), -1);
	assert_string_equal(e.field, "headcount");
}

static void test_check_hire(void **state)
{
	(void)state;
	struct jobs_hire h = {.headcount = 5, .channel = "referral"};
	struct yq_err e = {0};
	assert_int_equal(jobs_check_hire(&h, 50, 45, JOBS_OPEN, &e), 0); /* exactly the rest */
	h.headcount = 6;
	assert_int_equal(jobs_check_hire(&h, 50, 45, JOBS_OPEN, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "headcount");
	assert_non_null(strstr(e.message, "剩余"));
	h.headcount = 0;
	assert_int_equal(jobs_check_hire(&h, 50, 0, JOBS_OPEN, &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	h.headcount = 1;
	/* the state: only an open demand takes hires */
	static const enum jobs_status shut[] = {JOBS_FILLED, JOBS_CLOSED, JOBS_EXPIRED};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(jobs_check_hire(&h, 50, 0, shut[i], &e), -1);
		assert_int_equal(e.code, ERR_STATE);
	}
	/* the channel's reference */
	struct {
		const char *channel;
		int64_t fair, ps;
		const char *field; /* NULL: accepted */
	} refs[] = {
	    {"fair", 3, 0, NULL},
	    {"fair", 0, 0, "fair_id"},
	    {"fair", 3, 4, "partnership_id"},
	    {"school", 0, 4, NULL},
	    {"school", 0, 0, "partnership_id"},
	    {"school", 3, 4, "fair_id"},
	    {"online", 3, 0, "fair_id"},
	    {"other", 0, 4, "partnership_id"},
	    {"other", 0, 0, NULL},
	    {"mail", 0, 0, "channel"},
	    {NULL, 0, 0, "channel"},
	};
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		struct jobs_hire x = {.headcount = 1,
		                      .channel = refs[i].channel,
		                      .fair_id = refs[i].fair,
		                      .partnership_id = refs[i].ps};
		struct yq_err e2 = {0};
		int rc = jobs_check_hire(&x, 10, 0, JOBS_OPEN, &e2);
		if (!refs[i].field) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(e2.field, refs[i].field);
			assert_int_equal(e2.code, ERR_VALIDATION);
		}
	}
}

static void test_partnership_and_join(void **state)
{
	(void)state;
	struct jobs_partnership p = {.planned = 30, .arrived = 30};
	struct yq_err e = {0};
	assert_int_equal(jobs_check_partnership(&p, &e), 0);
	p.arrived = 31;
	assert_int_equal(jobs_check_partnership(&p, &e), -1);
	assert_string_equal(e.field, "arrived");
	/* an enterprise joins up to the fair's day; staff any time */
	assert_int_equal(jobs_check_join(1, "2026-05-01", "2026-05-01", &e), 0);
	assert_int_equal(jobs_check_join(1, "2026-05-01", "2026-05-02", &e), -1);
	assert_int_equal(e.code, ERR_STATE);
	assert_int_equal(jobs_check_join(0, "2026-05-01", "2026-05-02", &e), 0);
}

static void test_fill_rate(void **state)
{
	(void)state;
	assert_true(jobs_fill_rate(0, 0) == 0);
	assert_true(jobs_fill_rate(0, 5) == 0);
	assert_true(jobs_fill_rate(3, 1) == 33.3);
	assert_true(jobs_fill_rate(3, 2) == 66.7);
	assert_true(jobs_fill_rate(13400, 12000) == 89.6);
	assert_true(jobs_fill_rate(100, 100) == 100.0);
}

static void test_decode(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	static const struct {
		const char *json;
		const struct entity *en;
		const char *field; /* NULL: decodes */
	} cases[] = {
	    {"{\"title\":\"普工\",\"headcount\":10,\"pay_min\":4000,\"pay_max\":6000,\"deadline\":"
	     "\"2026-06-30\"}",
	     &ENTITY_JOBS_DEMAND, NULL},
	    {"{\"headcount\":10,\"pay_min\":4000,\"pay_max\":6000,\"deadline\":\"2026-06-30\"}",
	     &ENTITY_JOBS_DEMAND, "title"},
	    {"{\"title\":\"普工\",\"headcount\":100001,\"pay_min\":4000,\"pay_max\":6000,"
	     "\"deadline\":\"2026-06-30\"}",
	     &ENTITY_JOBS_DEMAND, "headcount"},
	    {"{\"title\":\"普工\",\"headcount\":10,\"pay_min\":-1,\"pay_max\":6000,\"deadline\":"
	     "\"2026-06-30\"}",
	     &ENTITY_JOBS_DEMAND, "pay_min"},
	    {"{\"title\":\"普工\",\"headcount\":10,\"pay_min\":4000,\"pay_max\":6000,\"deadline\":"
	     "\"2026-06-31\"}",
	     &ENTITY_JOBS_DEMAND, "deadline"},
	    {"{\"title\":\"普工\",\"headcount\":10,\"pay_min\":4000,\"pay_max\":6000,\"deadline\":"
	     "\"2026-06-30\",\"education\":\"phd\"}",
	     &ENTITY_JOBS_DEMAND, "education"},
	    {"{\"demand_id\":1,\"headcount\":3,\"hired_on\":\"2026-03-02\",\"channel\":\"online\"}",
	     &ENTITY_JOBS_HIRE, NULL},
	    {"{\"demand_id\":1,\"headcount\":3,\"hired_on\":\"2026-03-02\"}", &ENTITY_JOBS_HIRE,
	     "channel"},
	    {"{\"title\":\"春风行动\",\"fair_date\":\"2026-02-20\",\"mode\":\"online\"}",
	     &ENTITY_JOBS_FAIR, NULL},
	    {"{\"title\":\"春风行动\",\"fair_date\":\"2026-02-20\",\"mode\":\"tv\"}",
	     &ENTITY_JOBS_FAIR, "mode"},
	    {"{\"enterprise_id\":2,\"school\":\"某学院\",\"major\":\"机电\",\"year\":2020,"
	     "\"planned\":30}",
	     &ENTITY_JOBS_PARTNERSHIP, NULL},
	    {"{\"enterprise_id\":2,\"school\":\"某学院\",\"major\":\"机电\",\"year\":1999,"
	     "\"planned\":30}",
	     &ENTITY_JOBS_PARTNERSHIP, "year"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		union {
			struct jobs_demand d;
			struct jobs_hire h;
			struct jobs_fair f;
			struct jobs_partnership p;
		} obj;
		memset(&obj, 0, sizeof obj);
		struct yq_err e = {0};
		int rc = entity_decode(cases[i].en, o, DECODE_FULL, &a, &obj, NULL, &e);
		json_decref(o);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
			if (cases[i].en == &ENTITY_JOBS_DEMAND)
				assert_string_equal(obj.d.education, "any");
			continue;
		}
		assert_int_equal(rc, -1);
		assert_string_equal(e.field, cases[i].field);
	}
	arena_release(&a);
	/* the zone's notes are never an enterprise's to read; the enterprise is named on create
	 * only */
	assert_true(entity_field(&ENTITY_JOBS_DEMAND, "notes")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_JOBS_HIRE, "notes")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_JOBS_FAIR, "hires")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_JOBS_DEMAND, "enterprise_id")->flags & F_NOUPDATE);
	assert_true(entity_field(&ENTITY_JOBS_DEMAND, "status")->flags & F_READONLY);
	assert_string_equal(ENTITY_JOBS_DEMAND.scope_enterprise, "d.enterprise_id");
	assert_non_null(entity_field(&ENTITY_JOBS_DEMAND_QUERY, "fair_id"));
	assert_non_null(entity_field(&ENTITY_JOBS_HIRE_QUERY, "channel"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),       cmocka_unit_test(test_status_read),
	    cmocka_unit_test(test_transitions), cmocka_unit_test(test_check_demand),
	    cmocka_unit_test(test_check_hire),  cmocka_unit_test(test_partnership_and_join),
	    cmocka_unit_test(test_fill_rate),   cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
