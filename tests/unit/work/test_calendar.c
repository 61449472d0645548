/* Unit tests for the working-day calendar (src/work/calendar.c).
 *
 * Expected dates are worked out by hand from assets/cn-holidays-2025-2026.csv; the weekdays used:
 * 2025-01-01 Wednesday, 2025-10-01 Wednesday, 2025-11-01 Saturday, 2026-01-01 Thursday,
 * 2026-02-01 Sunday, 2026-05-01 Friday, 2027-01-01 Friday. Instants are unix seconds for the
 * China Standard Time wall clock shown beside them, taken from
 * `TZ=Asia/Shanghai date -d '2025-11-14 17:00' +%s`. The last tests compare every query with a
 * naive day-by-day count built on calendar_is_workday() and gmtime_r(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/alloc.h"
#include "work/calendar.h"

#define HOUR 3600

/* The shipped 2025-2026 table; fails the test when it does not load. */
static struct calendar *load_default(void)
{
	struct calendar *cal = NULL;
	assert_int_equal(calendar_default(&cal), 0);
	assert_non_null(cal);
	return cal;
}

/* calendar_add_workdays() as a string, "ERR" on failure (a static buffer: one call per
 * assertion). */
static const char *add_days(const struct calendar *cal, const char *date, int n)
{
	static char out[11];
	if (calendar_add_workdays(cal, date, n, out) < 0)
		return "ERR";
	return out;
}

/* Loads `csv` into `cal` and returns the error message ("" on success). */
static const char *load(struct calendar *cal, const char *csv, int *rc)
{
	static char err[200];
	*rc = calendar_load_csv(cal, csv, strlen(csv), err, sizeof err);
	return err;
}

/* 72 rows, in date order, the first and last as in the file. */
static void test_default_table(void **state)
{
	struct calendar *cal = load_default();
	assert_int_equal(calendar_count(cal), 72);
	const struct cal_day *d = calendar_at(cal, 0);
	assert_non_null(d);
	assert_string_equal(d->date, "2025-01-01");
	assert_int_equal(d->kind, CAL_HOLIDAY);
	assert_string_equal(d->name, "元旦");
	d = calendar_at(cal, 71);
	assert_string_equal(d->date, "2026-10-10");
	assert_int_equal(d->kind, CAL_WORKDAY);
	assert_string_equal(d->name, "国庆节调休上班");
	assert_null(calendar_at(cal, 72));
	for (size_t i = 1; i < calendar_count(cal); i++)
		assert_true(strcmp(calendar_at(cal, i - 1)->date, calendar_at(cal, i)->date) < 0);
	assert_string_equal(cal_kind_name(CAL_HOLIDAY), "holiday");
	assert_string_equal(cal_kind_name(CAL_WORKDAY), "workday");
	enum cal_kind k;
	assert_int_equal(cal_kind_parse("workday", &k), 0);
	assert_int_equal(k, CAL_WORKDAY);
	assert_int_equal(cal_kind_parse("Workday", &k), -1);
	assert_int_equal(cal_kind_parse("workdays", &k), -1);
	calendar_free(cal);
	calendar_free(NULL);
}

/* National Day and Mid-Autumn 2025: 10-01 (Wed) .. 10-08 (Wed) off; Sunday 09-28 and Saturday
 * 10-11 are make-up working days. */
static void test_national_day_2025(void **state)
{
	struct calendar *cal = load_default();
	assert_int_equal(calendar_is_workday(cal, "2025-09-27"), 0); /* Saturday */
	assert_int_equal(calendar_is_workday(cal, "2025-09-28"), 1); /* Sunday, 调休 */
	assert_int_equal(calendar_is_workday(cal, "2025-10-01"), 0);
	assert_int_equal(calendar_is_workday(cal, "2025-10-06"), 0); /* Monday, holiday */
	assert_int_equal(calendar_is_workday(cal, "2025-10-08"), 0); /* Wednesday, holiday */
	assert_int_equal(calendar_is_workday(cal, "2025-10-09"), 1);
	assert_int_equal(calendar_is_workday(cal, "2025-10-11"), 1); /* Saturday, 调休 */
	assert_int_equal(calendar_is_workday(cal, "2025-10-12"), 0); /* Sunday */
	/* Friday 09-26: Saturday 27 rests, Sunday 28 works. */
	assert_string_equal(add_days(cal, "2025-09-26", 1), "2025-09-28");
	/* Tuesday 09-30: 1 -> Thu 10-09, 2 -> Fri 10-10, 3 -> Sat 10-11, 4 -> Mon 10-13. */
	assert_string_equal(add_days(cal, "2025-09-30", 1), "2025-10-09");
	assert_string_equal(add_days(cal, "2025-09-30", 3), "2025-10-11");
	assert_string_equal(add_days(cal, "2025-09-30", 4), "2025-10-13");
	/* From inside the holiday: 1 -> 10-09. */
	assert_string_equal(add_days(cal, "2025-10-03", 1), "2025-10-09");
	/* (09-26, 10-12]: 28, 29, 30, 10-09, 10, 11 = 6. */
	assert_int_equal(calendar_workdays_between(cal, "2025-09-26", "2025-10-12"), 6);
	/* (09-30, 10-08]: none. */
	assert_int_equal(calendar_workdays_between(cal, "2025-09-30", "2025-10-08"), 0);
	calendar_free(cal);
}

/* Spring Festival 2026: 02-15 (Sun) .. 02-23 (Mon) off; Saturdays 02-14 and 02-28 work. And
 * 2025's: 01-28 .. 02-04 off, Sunday 01-26 and Saturday 02-08 work. */
static void test_spring_festival(void **state)
{
	struct calendar *cal = load_default();
	assert_int_equal(calendar_is_workday(cal, "2026-02-14"), 1); /* Saturday, 调休 */
	assert_int_equal(calendar_is_workday(cal, "2026-02-16"), 0); /* Monday */
	assert_int_equal(calendar_is_workday(cal, "2026-02-22"), 0); /* Sunday */
	assert_int_equal(calendar_is_workday(cal, "2026-02-23"), 0); /* Monday */
	assert_int_equal(calendar_is_workday(cal, "2026-02-28"), 1); /* Saturday, 调休 */
	assert_int_equal(calendar_is_workday(cal, "2026-03-01"), 0); /* Sunday */
	/* Friday 02-13: 1 -> Sat 02-14, 2 -> Tue 02-24. */
	assert_string_equal(add_days(cal, "2026-02-13", 1), "2026-02-14");
	assert_string_equal(add_days(cal, "2026-02-13", 2), "2026-02-24");
	/* Saturday 02-14: 24 (1), 25 (2), 26 (3), 27 (4), Sat 28 (5), Mon 03-02 (6). */
	assert_string_equal(add_days(cal, "2026-02-14", 5), "2026-02-28");
	assert_string_equal(add_days(cal, "2026-02-14", 6), "2026-03-02");
	/* (02-13, 03-01]: 14, 24, 25, 26, 27, 28 = 6. */
	assert_int_equal(calendar_workdays_between(cal, "2026-02-13", "2026-03-01"), 6);
	/* 2025: Friday 01-24 -> Sun 01-26 (1), Mon 01-27 (2), Wed 02-05 (3), Sat 02-08 (6). */
	assert_string_equal(add_days(cal, "2025-01-24", 1), "2025-01-26");
	assert_string_equal(add_days(cal, "2025-01-24", 2), "2025-01-27");
	assert_string_equal(add_days(cal, "2025-01-24", 3), "2025-02-05");
	assert_string_equal(add_days(cal, "2025-01-24", 6), "2025-02-08");
	/* New Year 2026: 01-01 .. 01-03 off, Sunday 01-04 works; from Wednesday 2025-12-31. */
	assert_string_equal(add_days(cal, "2025-12-31", 1), "2026-01-04");
	calendar_free(cal);
}

/* Labour Day 2026: 05-01 (Fri) .. 05-05 (Tue) off; Saturday 05-09 works. */
static void test_labour_day_2026(void **state)
{
	struct calendar *cal = load_default();
	assert_int_equal(calendar_is_workday(cal, "2026-05-04"), 0); /* Monday */
	assert_int_equal(calendar_is_workday(cal, "2026-05-09"), 1); /* Saturday, 调休 */
	/* Thursday 04-30: 1 -> Wed 05-06, 4 -> Sat 05-09, 5 -> Mon 05-11. */
	assert_string_equal(add_days(cal, "2026-04-30", 1), "2026-05-06");
	assert_string_equal(add_days(cal, "2026-04-30", 4), "2026-05-09");
	assert_string_equal(add_days(cal, "2026-04-30", 5), "2026-05-11");
	/* (04-30, 05-10]: 6, 7, 8, 9 = 4. */
	assert_int_equal(calendar_workdays_between(cal, "2026-04-30", "2026-05-10"), 4);
	calendar_free(cal);
}

/* A plain weekend: Friday 2025-11-14, Saturday 15, Sunday 16, Monday 17. And n = 0. */
static void test_plain_weekend_and_n_zero(void **state)
{
	struct calendar *cal = load_default();
	assert_int_equal(calendar_is_workday(cal, "2025-11-14"), 1);
	assert_int_equal(calendar_is_workday(cal, "2025-11-15"), 0);
	assert_int_equal(calendar_is_workday(cal, "2025-11-16"), 0);
	assert_string_equal(add_days(cal, "2025-11-14", 1), "2025-11-17");
	assert_string_equal(add_days(cal, "2025-11-15", 1), "2025-11-17");
	assert_string_equal(add_days(cal, "2025-11-14", 5), "2025-11-21");
	assert_int_equal(calendar_workdays_between(cal, "2025-11-14", "2025-11-17"), 1);
	assert_int_equal(calendar_workdays_between(cal, "2025-11-14", "2025-11-14"), 0);
	assert_int_equal(calendar_workdays_between(cal, "2025-11-17", "2025-11-14"), 0);
	/* n = 0: a working day is itself; a rest day gives the next working day. */
	assert_string_equal(add_days(cal, "2025-11-14", 0), "2025-11-14");
	assert_string_equal(add_days(cal, "2025-11-15", 0), "2025-11-17");
	assert_string_equal(add_days(cal, "2025-09-28", 0), "2025-09-28"); /* Sunday, 调休 */
	assert_string_equal(add_days(cal, "2025-10-01", 0), "2025-10-09");
	/* Past the table (2027 not loaded): the weekday rule, 2027-01-01 a Friday. */
	assert_string_equal(add_days(cal, "2026-12-31", 1), "2027-01-01");
	assert_string_equal(add_days(cal, "2027-01-01", 1), "2027-01-04");
	calendar_free(cal);
}

/* Negative n, bad dates, instants out of range. */
static void test_refused_input(void **state)
{
	struct calendar *cal = load_default();
	char out[11] = "x";
	assert_int_equal(calendar_add_workdays(cal, "2025-11-14", -1, out), -1);
	assert_string_equal(out, "");
	static const char *const bad[] = {"2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31",
	                                  "2025-1-01",  "2025/01/01", "20250101",   "2025-01-01 ",
	                                  "1969-12-31", "",           "abcd-ef-gh", "+025-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(calendar_is_workday(cal, bad[i]), -1);
		assert_int_equal(calendar_add_workdays(cal, bad[i], 1, out), -1);
		assert_int_equal(calendar_workdays_between(cal, bad[i], "2025-11-14"), -1);
		assert_int_equal(calendar_workdays_between(cal, "2025-11-14", bad[i]), -1);
	}
	assert_int_equal(calendar_is_workday(cal, NULL), -1);
	assert_int_equal(calendar_is_workday(cal, "2024-02-29"), 1);       /* leap year, Thursday */
	assert_int_equal(calendar_is_workday(cal, "2000-02-29"), 1);       /* leap year, Tuesday */
	assert_int_equal(calendar_is_workday(cal, "1970-01-01"), 1);       /* Thursday */
	assert_string_equal(add_days(cal, "9999-12-30", 1), "9999-12-31"); /* Thu -> Fri */
	assert_string_equal(add_days(cal, "9999-12-31", 1), "ERR");
	assert_int_equal(calendar_add_work_seconds(cal, -1, 60), -1);
	assert_int_equal(calendar_add_work_seconds(cal, 1763110800, -1), -1);
	assert_int_equal(calendar_add_work_seconds(cal, 1763110800, INT64_MAX), -1);
	assert_int_equal(calendar_work_seconds_between(cal, -5, 1763110800), -1);
	assert_int_equal(calendar_deadline_days(cal, 1763110800, -1), -1);
	assert_int_equal(calendar_deadline_days(cal, -1, 1), -1);
	calendar_free(cal);
}

/* Working hours across rest days: one hour from Friday 17:00 is half an hour on Friday and half
 * an hour at the next opening. */
static void test_work_hours_across_rest_days(void **state)
{
	struct calendar *cal = load_default();
	/* Fri 2025-11-14 17:00 -> Mon 11-17 09:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763110800, HOUR), 1763343000);
	/* Fri 2025-05-30 17:00; Monday 06-02 is 端午 -> Tue 06-03 09:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1748595600, HOUR), 1748914200);
	/* Tue 2025-09-30 17:00, National Day -> Thu 10-09 09:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1759222800, HOUR), 1759973400);
	/* Fri 2025-09-26 17:00; Sunday 09-28 works -> Sun 09-28 09:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1758877200, HOUR), 1759023000);
	/* Fri 2026-02-13 17:00; Saturday 02-14 works -> Sat 02-14 09:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1770973200, HOUR), 1771030800 + 1800);
	/* Sat 2026-02-14 09:30 plus 7 hours: 2.5 + 4 on the 14th, 0.5 on Tue 02-24 -> 09:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1771030800 + 1800, 7 * HOUR), 1771896600);
	calendar_free(cal);
}

/* Working hours within a day: lunch, before opening, after closing, and the closing boundary. */
static void test_work_hours_within_day(void **state)
{
	struct calendar *cal = load_default();
	/* Mon 2025-11-17 11:30 + 1h: 11:30-12:00, 13:30-14:00 -> 14:00. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763350200, HOUR), 1763359200);
	/* Mon 12:15 (lunch) + 1h -> 14:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763352900, HOUR), 1763361000);
	/* Mon 07:00 + 1h -> 10:00. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763334000, HOUR), 1763344800);
	/* Mon 11:00 + 1h ends at the 12:00 closing, not at the 13:30 opening. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763348400, HOUR), 1763352000);
	/* Fri 11-14 17:00 + 30 min -> Fri 17:30. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763110800, 1800), 1763112600);
	/* Zero seconds: the instant the clock starts. Mon 10:00 -> itself; Mon 12:15 -> 13:30;
	 * Fri 17:30 -> Mon 09:00; Mon 20:00 -> Tue 09:00. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763344800, 0), 1763344800);
	assert_int_equal(calendar_add_work_seconds(cal, 1763352900, 0), 1763357400);
	assert_int_equal(calendar_add_work_seconds(cal, 1763112600, 0), 1763341200);
	assert_int_equal(calendar_add_work_seconds(cal, 1763380800, 0), 1763341200 + 86400);
	calendar_free(cal);
}

/* Office seconds between two instants, across a holiday, a weekend and lunch. */
static void test_work_seconds_between(void **state)
{
	struct calendar *cal = load_default();
	/* [Tue 2025-09-30 09:00, Thu 10-09 09:00): all of 09-30 = 7 h. */
	assert_int_equal(calendar_work_seconds_between(cal, 1759194000, 1759971600), 7 * HOUR);
	/* [09-30 16:00, 10-09 10:00): 1.5 h + 1 h. */
	assert_int_equal(calendar_work_seconds_between(cal, 1759219200, 1759975200), 9000);
	/* [Fri 2026-02-13 17:00, Tue 02-24 09:30): 0.5 h + Sat 02-14 7 h + 0.5 h. */
	assert_int_equal(calendar_work_seconds_between(cal, 1770973200, 1771896600), 8 * HOUR);
	/* [Mon 2025-11-17 11:00, 14:00): 1 h + 0.5 h. */
	assert_int_equal(calendar_work_seconds_between(cal, 1763348400, 1763359200), 5400);
	/* [Fri 11-14 17:00, Mon 09:30): 0.5 h + 0.5 h. */
	assert_int_equal(calendar_work_seconds_between(cal, 1763110800, 1763343000), HOUR);
	/* Empty and reversed intervals. */
	assert_int_equal(calendar_work_seconds_between(cal, 1763343000, 1763343000), 0);
	assert_int_equal(calendar_work_seconds_between(cal, 1763343000, 1763110800), 0);
	/* A weekend alone. */
	assert_int_equal(calendar_work_seconds_between(cal, 1763112600, 1763341200), 0);
	calendar_free(cal);
}

/* Deadlines in working days: the day of receipt never counts. */
static void test_deadline_days(void **state)
{
	struct calendar *cal = load_default();
	/* Tue 2025-09-30 10:00, 3 days: 10-09 (1), 10-10 (2), Sat 10-11 (3) -> 10-11 17:30. */
	assert_int_equal(calendar_deadline_days(cal, 1759197600, 3), 1760175000);
	/* Fri 2026-02-13 15:00, 5 days: 14 (1), 24, 25, 26, 27 (5) -> 02-27 17:30. */
	assert_int_equal(calendar_deadline_days(cal, 1770966000, 5), 1772184600);
	/* Sat 2025-11-15 10:00, 1 day: the first working day after, Mon 11-17 -> 17:30. */
	assert_int_equal(calendar_deadline_days(cal, 1763172000, 1), 1763371800);
	/* Mon 11-17 07:00, before opening, 1 day: Monday is day 0 -> Tue 11-18 17:30. */
	assert_int_equal(calendar_deadline_days(cal, 1763334000, 1), 1763458200);
	/* Mon 11-17 20:00, after closing, 1 day -> Tue 17:30. */
	assert_int_equal(calendar_deadline_days(cal, 1763380800, 1), 1763458200);
	/* Wed 2025-10-01 10:00, a holiday, 1 day -> Thu 10-09 17:30. */
	assert_int_equal(calendar_deadline_days(cal, 1759284000, 1), 1760002200);
	/* days = 0: the same working day, or the next one. */
	assert_int_equal(calendar_deadline_days(cal, 1763334000, 0), 1763371800);
	assert_int_equal(calendar_deadline_days(cal, 1763172000, 0), 1763371800);
	calendar_free(cal);
}

/* An admin adds 2027 rows by hand. */
static void test_set_2027(void **state)
{
	struct calendar *cal = load_default();
	/* Before: Friday 2027-01-01 is a working day. */
	assert_int_equal(calendar_is_workday(cal, "2027-01-01"), 1);
	assert_int_equal(calendar_set(cal, "2027-01-01", CAL_HOLIDAY, "元旦"), 0);
	assert_int_equal(calendar_count(cal), 73);
	assert_int_equal(calendar_is_workday(cal, "2027-01-01"), 0);
	/* Thursday 2026-12-31: Fri holiday, Sat, Sun -> Mon 2027-01-04. */
	assert_string_equal(add_days(cal, "2026-12-31", 1), "2027-01-04");
	assert_int_equal(calendar_workdays_between(cal, "2026-12-30", "2027-01-04"), 2);
	const struct cal_day *d = calendar_at(cal, 72);
	assert_string_equal(d->date, "2027-01-01");
	assert_string_equal(d->name, "元旦");
	/* Replacing keeps one row per date. */
	assert_int_equal(calendar_set(cal, "2027-01-01", CAL_HOLIDAY, "新年"), 0);
	assert_int_equal(calendar_count(cal), 73);
	assert_string_equal(calendar_at(cal, 72)->name, "新年");
	/* Saturday 2027-02-06 as a make-up working day; inserted in order. */
	assert_int_equal(calendar_set(cal, "2027-02-06", CAL_WORKDAY, NULL), 0);
	assert_int_equal(calendar_is_workday(cal, "2027-02-06"), 1);
	assert_string_equal(calendar_at(cal, 73)->name, "");
	/* A row in the middle of the table: Thursday 2025-11-20 becomes a holiday. */
	assert_int_equal(calendar_set(cal, "2025-11-20", CAL_HOLIDAY, "测试"), 0);
	assert_string_equal(add_days(cal, "2025-11-19", 1), "2025-11-21");
	assert_string_equal(add_days(cal, "2025-09-30", 4), "2025-10-13"); /* unchanged */
	/* A holiday turned into a working day must be a weekend: 2025-10-08 is a Wednesday. */
	assert_int_equal(calendar_set(cal, "2025-10-08", CAL_WORKDAY, "x"), -1);
	/* Refused: a workday on Monday, bad dates, bad kinds, bad names. */
	assert_int_equal(calendar_set(cal, "2027-01-04", CAL_WORKDAY, "x"), -1);
	assert_int_equal(calendar_set(cal, "2027-02-30", CAL_HOLIDAY, "x"), -1);
	assert_int_equal(calendar_set(cal, NULL, CAL_HOLIDAY, "x"), -1);
	assert_int_equal(calendar_set(cal, "2027-01-05", (enum cal_kind)0, "x"), -1);
	char long_name[CAL_NAME_MAX + 1];
	memset(long_name, 'a', CAL_NAME_MAX);
	long_name[CAL_NAME_MAX] = '\0';
	assert_int_equal(calendar_set(cal, "2027-01-05", CAL_HOLIDAY, long_name), -1);
	long_name[CAL_NAME_MAX - 1] = '\0'; /* 63 bytes fit */
	assert_int_equal(calendar_set(cal, "2027-01-05", CAL_HOLIDAY, long_name), 0);
	assert_int_equal(calendar_set(cal, "2027-01-06", CAL_HOLIDAY, "a\xff"), -1);
	assert_int_equal(calendar_set(cal, "2027-01-06", CAL_HOLIDAY, "a\tb"), -1);
	assert_int_equal(calendar_count(cal), 76);
	calendar_free(cal);
}

/* Each malformed table is refused with its line number, and leaves the calendar as it was. */
static void test_csv_errors(void **state)
{
	static const struct {
		const char *csv;
		const char *message;
	} cases[] = {
	    {"date,kind,name\n2025-01-01,holiday,元旦\n2025-02-30,holiday,x\n",
	     "line 3: bad date \"2025-02-30\", expected YYYY-MM-DD"},
	    {"date,kind,name\r\n2025-01-01,holiday,x\r\n2025-01-32,holiday,y\r\n",
	     "line 3: bad date \"2025-01-32\", expected YYYY-MM-DD"},
	    {"date,kind,name\n\n\n2025-1-1,holiday,x\n", "line 4: bad date \"2025-1-1\", expected "
	                                                 "YYYY-MM-DD"},
	    {"date,kind,name\n1969-12-31,holiday,x\n",
	     "line 2: bad date \"1969-12-31\", expected YYYY-MM-DD"},
	    {"date,kind,name\n２０２５-01-01,holiday,x\n",
	     "line 2: bad date \"\", expected YYYY-MM-DD"},
	    {"date,kind,name\n2025-01-01,Holiday,x\n",
	     "line 2: bad kind \"Holiday\", expected holiday or workday"},
	    {"date,kind,name\n2025-01-01, holiday,x\n",
	     "line 2: bad kind \" holiday\", expected holiday or workday"},
	    {"date,kind,name\n2025-10-09,workday,x\n",
	     "line 2: workday 2025-10-09 falls on a thursday, not a weekend"},
	    {"date,kind,name\n2025-01-01,holiday\n",
	     "line 2: fewer than 3 fields, expected date,kind,name"},
	    {"date,kind,name\n2025-01-01\n",
	     "line 2: fewer than 3 fields, expected date,kind,name"},
	    {"date,kind,name\n2025-01-01,holiday,元旦,x\n",
	     "line 2: more than 3 fields, expected date,kind,name"},
	    {"date,kind,name\n2025-01-01,holiday,\"元旦\n",
	     "line 2: unterminated quote in the name"},
	    {"date,kind,name\n2025-01-01,holiday,\"元旦\"x\n",
	     "line 2: text after the closing quote of the name"},
	    {"date,kind,name\n2025-01-01,holiday,元\"旦\n",
	     "line 2: quote inside an unquoted name"},
	    {"date,kind,name\n2025-01-01,holiday,\xff\xfe\n", "line 2: name is not valid utf-8"},
	    {"date,kind,name\n2025-01-01,holiday,a\rb\n", "line 2: control character in the name"},
	    {"date,kind,name\n2025-10-01,holiday,a\n2025-10-02,holiday,b\n2025-10-01,holiday,c\n"
	     "2025-10-02,holiday,d\n",
	     "line 4: date 2025-10-01 already listed on line 2"},
	    {"Date,Kind,Name\n2025-01-01,holiday,x\n", "line 1: the header must be date,kind,name"},
	    {"2025-01-01,holiday,x\n", "line 1: the header must be date,kind,name"},
	    {"\ndate,kind,name\n", "line 1: the header must be date,kind,name"},
	    {"", "line 1: missing the header line date,kind,name"},
	    {"\xef\xbb\xbf", "line 1: missing the header line date,kind,name"},
	};
	struct calendar *cal = load_default();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc;
		const char *msg = load(cal, cases[i].csv, &rc);
		assert_int_equal(rc, -1);
		assert_string_equal(msg, cases[i].message);
		assert_int_equal(calendar_count(cal), 72);
	}
	/* A name of 64 bytes, a NUL byte, a line of 1024 bytes. */
	char buf[1200];
	char err[120];
	int len = snprintf(buf, sizeof buf, "date,kind,name\n2025-01-01,holiday,%064d\n", 0);
	assert_int_equal(calendar_load_csv(cal, buf, (size_t)len, err, sizeof err), -1);
	assert_string_equal(err, "line 2: name longer than 63 bytes");
	static const char with_nul[] = "date,kind,name\n2025-01-01,holiday,a\0b\n";
	assert_int_equal(calendar_load_csv(cal, with_nul, sizeof with_nul - 1, err, sizeof err),
	                 -1);
	assert_string_equal(err, "line 2: nul byte");
	len = snprintf(buf, sizeof buf, "date,kind,name\n2025-01-01,holiday,x\n2025-01-02,%1013s\n",
	               "holiday");
	assert_int_equal(calendar_load_csv(cal, buf, (size_t)len, err, sizeof err), -1);
	assert_string_equal(err, "line 3: longer than 1023 bytes");
	/* A short error buffer is truncated, not overrun; a NULL one is fine. */
	char tiny[8];
	assert_int_equal(calendar_load_csv(cal, "x", 1, tiny, sizeof tiny), -1);
	assert_string_equal(tiny, "line 1:");
	assert_int_equal(calendar_load_csv(cal, "x", 1, NULL, 0), -1);
	assert_int_equal(calendar_count(cal), 72);
	assert_int_equal(calendar_is_workday(cal, "2025-10-09"), 1);
	calendar_free(cal);
}

/* Accepted forms: byte order mark, CRLF, quoted names, empty lines, a header alone; a loaded row
 * replaces the calendar's row for its date, others are added. */
static void test_csv_accepts_and_merges(void **state)
{
	struct calendar *cal = load_default();
	int rc;
	const char *msg = load(cal,
	                       "\xef\xbb\xbf"
	                       "date,kind,name\r\n"
	                       "2027-01-01,holiday,元旦\r\n"
	                       "\r\n"
	                       "2025-10-08,holiday,\"国庆节, \"\"补\"\"\"\r\n"
	                       "2027-02-06,workday,\r\n"
	                       "2025-11-20,holiday,\"\"",
	                       &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(msg, "");
	assert_int_equal(calendar_count(cal), 75);      /* 72 + 3 new, one replaced */
	const struct cal_day *d = calendar_at(cal, 31); /* line 33 of the file */
	assert_string_equal(d->date, "2025-10-08");
	assert_string_equal(d->name, "国庆节, \"补\"");
	assert_int_equal(calendar_is_workday(cal, "2025-11-20"), 0);
	assert_int_equal(calendar_is_workday(cal, "2027-02-06"), 1);
	assert_string_equal(add_days(cal, "2026-12-31", 1), "2027-01-04");
	msg = load(cal, "date,kind,name\n", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(calendar_count(cal), 75);
	calendar_free(cal);

	/* An empty calendar: the weekday rule alone. */
	cal = calendar_new();
	assert_non_null(cal);
	assert_int_equal(calendar_count(cal), 0);
	assert_int_equal(calendar_is_workday(cal, "2025-10-01"), 1);
	assert_string_equal(add_days(cal, "2025-09-26", 1), "2025-09-29");
	calendar_free(cal);
}

/* At most CAL_MAX_ROWS rows in a file and dates in a calendar. */
static void test_row_limits(void **state)
{
	size_t cap = 32 + (CAL_MAX_ROWS + 1) * 32;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t len = (size_t)snprintf(buf, cap, "date,kind,name\n");
	for (int i = 0; i <= CAL_MAX_ROWS; i++) {
		/* Consecutive days from 2030-01-01 (day 21915). */
		time_t t = (time_t)(21915 + i) * 86400;
		struct tm tm;
		gmtime_r(&t, &tm);
		len += (size_t)snprintf(buf + len, cap - len, "%04d-%02d-%02d,holiday,h%d\n",
		                        tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, i);
	}
	char err[120];
	struct calendar *cal = calendar_new();
	assert_non_null(cal);
	assert_int_equal(calendar_load_csv(cal, buf, len, err, sizeof err), -1);
	assert_string_equal(err, "line 10002: more than 10000 rows");
	assert_int_equal(calendar_count(cal), 0);
	/* 10,000 rows: everything up to the last newline of row 10,000. */
	size_t len_10000 = len - 1;
	while (buf[len_10000 - 1] != '\n')
		len_10000--;
	assert_int_equal(calendar_load_csv(cal, buf, len_10000, err, sizeof err), 0);
	assert_int_equal(calendar_count(cal), CAL_MAX_ROWS);
	/* Full: a new date is refused, a replacement is not. */
	assert_int_equal(calendar_set(cal, "2029-12-31", CAL_HOLIDAY, "x"), -1);
	assert_int_equal(calendar_set(cal, "2030-01-01", CAL_HOLIDAY, "x"), 0);
	/* Ten thousand days off from 2030-01-01 (Tuesday) to 2057-05-18 (Friday): the next working
	 * day after Monday 2029-12-31 is Monday 2057-05-21. */
	assert_string_equal(add_days(cal, "2029-12-31", 1), "2057-05-21");
	assert_int_equal(calendar_workdays_between(cal, "2029-12-31", "2057-05-20"), 0);
	calendar_free(cal);
	/* The default table plus 10,000 new dates would exceed the limit. */
	cal = load_default();
	assert_int_equal(calendar_load_csv(cal, buf, len_10000, err, sizeof err), -1);
	assert_string_equal(err, "the calendar would hold more than 10000 dates");
	assert_int_equal(calendar_count(cal), 72);
	calendar_free(cal);
	free(buf);
}

/* Office hours are settable and checked. */
static void test_office_hours(void **state)
{
	struct calendar *cal = load_default();
	struct cal_period p[CAL_MAX_PERIODS];
	assert_int_equal(calendar_office_hours(cal, p), 2);
	assert_int_equal(p[0].open, CAL_HM(9, 0));
	assert_int_equal(p[0].close, CAL_HM(12, 0));
	assert_int_equal(p[1].open, CAL_HM(13, 30));
	assert_int_equal(p[1].close, CAL_HM(17, 30));
	/* One period 08:00-18:00: Fri 2025-11-14 17:00 + 1 h -> Fri 18:00; deadline at 18:00. */
	const struct cal_period day[1] = {{CAL_HM(8, 0), CAL_HM(18, 0)}};
	assert_int_equal(calendar_set_office_hours(cal, day, 1), 0);
	assert_int_equal(calendar_add_work_seconds(cal, 1763110800, HOUR), 1763114400);
	assert_int_equal(calendar_deadline_days(cal, 1763172000, 1), 1763371800 + 1800);
	/* Refused: overlapping, out of order, empty, past midnight, none, too many. */
	const struct cal_period overlap[2] = {{CAL_HM(9, 0), CAL_HM(12, 0)},
	                                      {CAL_HM(11, 0), CAL_HM(17, 0)}};
	const struct cal_period empty[1] = {{CAL_HM(9, 0), CAL_HM(9, 0)}};
	const struct cal_period late[1] = {{CAL_HM(9, 0), CAL_HM(24, 1)}};
	const struct cal_period many[5] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}};
	assert_int_equal(calendar_set_office_hours(cal, overlap, 2), -1);
	assert_int_equal(calendar_set_office_hours(cal, empty, 1), -1);
	assert_int_equal(calendar_set_office_hours(cal, late, 1), -1);
	assert_int_equal(calendar_set_office_hours(cal, day, 0), -1);
	assert_int_equal(calendar_set_office_hours(cal, many, 5), -1);
	assert_int_equal(calendar_office_hours(cal, p), 1);
	/* The whole day, 00:00-24:00: a working day is 86400 office seconds. */
	const struct cal_period whole[1] = {{0, 86400}};
	assert_int_equal(calendar_set_office_hours(cal, whole, 1), 0);
	/* Fri 2025-11-14 17:00 + 8 h -> Sat 01:00 is a rest day -> Mon 01:00. */
	assert_int_equal(calendar_add_work_seconds(cal, 1763110800, 8 * HOUR),
	                 1763341200 - 8 * HOUR);
	calendar_free(cal);
}

/* The "YYYY-MM-DD" of day number z (days since 1970-01-01), by the C library. */
static void day_string(long z, char out[11])
{
	time_t t = (time_t)z * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	assert_int_equal(strftime(out, 11, "%Y-%m-%d", &tm), 10);
}

/* The naive working-day test of day number z. */
static int naive_workday(const struct calendar *cal, long z)
{
	char s[11];
	day_string(z, s);
	int w = calendar_is_workday(cal, s);
	assert_true(w == 0 || w == 1);
	return w;
}

/* The naive office seconds in [a, b), day by day, with the default office hours. */
static int64_t naive_office(const struct calendar *cal, int64_t a, int64_t b)
{
	static const int periods[2][2] = {{9 * 3600, 12 * 3600},
	                                  {13 * 3600 + 1800, 17 * 3600 + 1800}};
	int64_t sum = 0;
	for (long z = (long)((a + 8 * HOUR) / 86400); z <= (long)((b + 8 * HOUR) / 86400); z++) {
		if (!naive_workday(cal, z))
			continue;
		int64_t midnight = (int64_t)z * 86400 - 8 * HOUR;
		for (int p = 0; p < 2; p++) {
			int64_t lo = midnight + periods[p][0], hi = midnight + periods[p][1];
			if (lo < a)
				lo = a;
			if (hi > b)
				hi = b;
			if (hi > lo)
				sum += hi - lo;
		}
	}
	return sum;
}

/* A small deterministic generator for the comparisons below. */
static uint32_t next_random(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* Every query agrees with a day-by-day count, from 2024-12 to 2027-01. */
static void test_against_naive_count(void **state)
{
	struct calendar *cal = load_default();
	uint32_t seed = 20251001;
	const long first = 20058; /* 2024-12-01 */
	for (int i = 0; i < 3000; i++) {
		long z = first + (long)(next_random(&seed) % 760);
		int n = (int)(next_random(&seed) % 25);
		char from[11], expect[11];
		day_string(z, from);
		/* add_workdays: step until the n-th working day after, or the first one on or after
		 * for n = 0. */
		long d = z;
		if (n == 0) {
			while (!naive_workday(cal, d))
				d++;
		} else {
			for (int k = 0; k < n;)
				k += naive_workday(cal, ++d);
		}
		day_string(d, expect);
		assert_string_equal(add_days(cal, from, n), expect);
		/* workdays_between over (z, z + m]. */
		long m = (long)(next_random(&seed) % 60);
		int count = 0;
		for (long y = z + 1; y <= z + m; y++)
			count += naive_workday(cal, y);
		char to[11];
		day_string(z + m, to);
		assert_int_equal(calendar_workdays_between(cal, from, to), count);
		/* Instants at any second; spans up to three weeks. */
		int64_t a = ((int64_t)z * 86400 - 8 * HOUR) + next_random(&seed) % 86400;
		int64_t b = a + next_random(&seed) % (21 * 86400);
		assert_int_equal(calendar_work_seconds_between(cal, a, b), naive_office(cal, a, b));
		/* add_work_seconds returns the earliest instant with that much office time. */
		int64_t s = next_random(&seed) % (40 * HOUR);
		int64_t end = calendar_add_work_seconds(cal, a, s);
		assert_true(end >= a);
		assert_int_equal(naive_office(cal, a, end), s);
		if (s > 0) {
			assert_int_equal(naive_office(cal, a, end - 1), s - 1);
		} else {
			assert_int_equal(naive_office(cal, end, end + 1), 1);
		}
		/* deadline_days: 17:30 on the n-th working day after the start's date. */
		int days = n % 8;
		long dd = (long)((a + 8 * HOUR) / 86400);
		if (days == 0) {
			while (!naive_workday(cal, dd))
				dd++;
		} else {
			for (int k = 0; k < days;)
				k += naive_workday(cal, ++dd);
		}
		assert_int_equal(calendar_deadline_days(cal, a, days),
		                 (int64_t)dd * 86400 - 8 * HOUR + 17 * HOUR + 1800);
	}
	calendar_free(cal);
}

/* Every allocation failure is a -1 or a NULL, never a crash or a leak (effective in a build with
 * -DYQ_FAULT_INJECT). */
static void test_allocation_failures(void **state)
{
	for (long n = 1; n < 100; n++) {
		yq_fail_after(n);
		struct calendar *cal = NULL;
		int rc = calendar_default(&cal);
		if (rc == 0)
			rc = calendar_set(cal, "2027-01-01", CAL_HOLIDAY, "元旦");
		calendar_free(cal);
		yq_fail_after(0);
		if (rc == 0)
			break;
		assert_true(n < 99);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_default_table),
	    cmocka_unit_test(test_national_day_2025),
	    cmocka_unit_test(test_spring_festival),
	    cmocka_unit_test(test_labour_day_2026),
	    cmocka_unit_test(test_plain_weekend_and_n_zero),
	    cmocka_unit_test(test_refused_input),
	    cmocka_unit_test(test_work_hours_across_rest_days),
	    cmocka_unit_test(test_work_hours_within_day),
	    cmocka_unit_test(test_work_seconds_between),
	    cmocka_unit_test(test_deadline_days),
	    cmocka_unit_test(test_set_2027),
	    cmocka_unit_test(test_csv_errors),
	    cmocka_unit_test(test_csv_accepts_and_merges),
	    cmocka_unit_test(test_row_limits),
	    cmocka_unit_test(test_office_hours),
	    cmocka_unit_test(test_against_naive_count),
	    cmocka_unit_test(test_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
