/* Unit tests for the scheduled bulletins' rules (src/bulletin/bulletin.c): the period the last
 * scheduled run was due for, on each side of the run's time, across a week, a month and a year
 * (China Standard Time whatever the machine's zone), and the schedule's checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulletin/bulletin.h"

/* Unix time of a moment given in China Standard Time. */
static int64_t cst(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {
	    .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
	return (int64_t)timegm(&tm) - 8 * 3600;
}

static const char *due(enum bulletin_kind k, const char *at, int64_t day, int64_t now)
{
	static char out[16];
	struct bulletin_schedule s = {
	    .kind = bulletin_kind_name(k), .enabled = 1, .at_time = at, .day = day};
	assert_int_equal(bulletin_due(k, &s, now, out), 0);
	return out;
}

static void test_daily(void **state)
{
	(void)state;
	/* run at 08:00 about the day before: at 07:59 the last run was yesterday's */
	assert_string_equal(due(BULLETIN_BRIEFING, "08:00", 0, cst(2026, 12, 7, 8, 0)),
	                    "2026-12-06");
	assert_string_equal(due(BULLETIN_BRIEFING, "08:00", 0, cst(2026, 12, 7, 7, 59)),
	                    "2026-12-05");
	/* 2026-12-07 04:00 in China is still 12-06 in UTC: the zone's day counts */
	assert_string_equal(due(BULLETIN_BRIEFING, "00:00", 0, cst(2026, 12, 7, 4, 0)),
	                    "2026-12-06");
	assert_string_equal(due(BULLETIN_BRIEFING, "00:00", 0, cst(2027, 1, 1, 0, 0)),
	                    "2026-12-31");
	assert_string_equal(due(BULLETIN_BRIEFING, "23:59", 0, cst(2026, 3, 1, 12, 0)),
	                    "2026-02-27");
}

static void test_weekly(void **state)
{
	(void)state;
	/* 2026-12-07 is a Monday, in ISO week 50; the run on Monday 08:30 is about week 49 */
	assert_string_equal(due(BULLETIN_PROJECTS, "08:30", 1, cst(2026, 12, 7, 8, 30)),
	                    "2026-W49");
	assert_string_equal(due(BULLETIN_PROJECTS, "08:30", 1, cst(2026, 12, 7, 8, 29)),
	                    "2026-W48");
	assert_string_equal(due(BULLETIN_PROJECTS, "08:30", 1, cst(2026, 12, 13, 23, 0)),
	                    "2026-W49");
	/* a Friday run: on Thursday the last one was the Friday before */
	assert_string_equal(due(BULLETIN_PROJECTS, "17:00", 5, cst(2026, 12, 10, 12, 0)),
	                    "2026-W48");
	assert_string_equal(due(BULLETIN_PROJECTS, "17:00", 5, cst(2026, 12, 11, 17, 0)),
	                    "2026-W49");
	/* across the year: Monday 2027-01-04 (W01 of 2027) reports 2026-W53 */
	assert_string_equal(due(BULLETIN_PROJECTS, "08:00", 1, cst(2027, 1, 4, 9, 0)), "2026-W53");
}

static void test_monthly(void **state)
{
	(void)state;
	assert_string_equal(due(BULLETIN_ECONOMY, "09:00", 15, cst(2026, 12, 15, 9, 0)), "2026-11");
	assert_string_equal(due(BULLETIN_ECONOMY, "09:00", 15, cst(2026, 12, 15, 8, 59)),
	                    "2026-10");
	assert_string_equal(due(BULLETIN_ECONOMY, "09:00", 15, cst(2026, 12, 31, 23, 0)),
	                    "2026-11");
	assert_string_equal(due(BULLETIN_ECONOMY, "09:00", 15, cst(2027, 1, 3, 10, 0)), "2026-11");
	assert_string_equal(due(BULLETIN_ECONOMY, "09:00", 15, cst(2027, 1, 15, 10, 0)), "2026-12");
	assert_string_equal(due(BULLETIN_ECONOMY, "00:00", 1, cst(2027, 1, 1, 0, 0)), "2026-12");
}

static void test_checks(void **state)
{
	(void)state;
	struct yq_err e = {0};
	struct bulletin_schedule s = {.at_time = "08:00", .day = 1};
	assert_int_equal(bulletin_schedule_check(BULLETIN_BRIEFING, &s, &e), 0);
	const char *bad[] = {"24:00", "8:00", "08:60", "0800", "08:0x", "", NULL};
	for (int i = 0; bad[i]; i++) {
		s.at_time = bad[i];
		assert_int_equal(bulletin_schedule_check(BULLETIN_BRIEFING, &s, &e), -1);
		assert_string_equal(e.field, "at_time");
		char out[16];
		assert_int_equal(bulletin_due(BULLETIN_BRIEFING, &s, 0, out), -1);
	}
	s.at_time = "23:59";
	s.day = 8;
	assert_int_equal(bulletin_schedule_check(BULLETIN_PROJECTS, &s, &e), -1);
	assert_string_equal(e.field, "day");
	s.day = 7;
	assert_int_equal(bulletin_schedule_check(BULLETIN_PROJECTS, &s, &e), 0);
	s.day = 29;
	assert_int_equal(bulletin_schedule_check(BULLETIN_ECONOMY, &s, &e), -1);
	s.day = 28;
	assert_int_equal(bulletin_schedule_check(BULLETIN_ECONOMY, &s, &e), 0);
	assert_int_equal(bulletin_schedule_check(BULLETIN__KIND_COUNT, &s, &e), -1);
	assert_string_equal(e.field, "kind");
	for (int k = 0; k < BULLETIN__KIND_COUNT; k++) {
		assert_int_equal(bulletin_kind_from_name(bulletin_kind_name((enum bulletin_kind)k)),
		                 k);
		assert_true(strlen(bulletin_kind_label((enum bulletin_kind)k)) > 0);
	}
	assert_int_equal(bulletin_kind_from_name("weekly"), BULLETIN__KIND_COUNT);
}

int main(void)
{
	setenv("TZ", "America/Los_Angeles", 1); /* the machine's zone must not matter */
	tzset();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_daily),
	    cmocka_unit_test(test_weekly),
	    cmocka_unit_test(test_monthly),
	    cmocka_unit_test(test_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
