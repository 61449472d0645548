/* Unit tests for the deadline clock of work items (src/work/clock.c) over the shipped 2025-2026
 * calendar: the due date from working hours and days, pause and resume adding the office time
 * spent paused, an extension, a transfer keeping the running clock, a reopening; and the pure
 * checks of comments, 督办 and overdue (src/work/comment.c, escalation.c, due.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access/principal.h"
#include "lib/err.h"
#include "work/calendar.h"
#include "work/clock.h"
#include "work/comment.h"
#include "work/due.h"
#include "work/escalation.h"

/* Unix seconds of a China Standard Time "YYYY-MM-DD HH:MM". */
static int64_t cst(const char *s)
{
	struct tm tm = {0};
	if (!strptime(s, "%Y-%m-%d %H:%M", &tm))
		fail_msg("bad time %s", s);
	return (int64_t)timegm(&tm) - 8 * 3600;
}

/* The China Standard Time of t as "YYYY-MM-DD HH:MM" (a static buffer). */
static const char *show(int64_t t)
{
	static char buf[2][32];
	static int k;
	time_t x = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&x, &tm);
	k ^= 1;
	strftime(buf[k], sizeof buf[k], "%Y-%m-%d %H:%M", &tm);
	return buf[k];
}

static struct calendar *cal;

static int setup(void **state)
{
	(void)state;
	return calendar_default(&cal);
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return 0;
}

/* Accepted on a Tuesday morning: first contact within 1 office hour, resolution on the close of
 * the 5th working day (the day of receipt not counted). */
static void test_start(void **state)
{
	(void)state;
	struct work_clock k = {0};
	assert_int_equal(work_clock_start(&k, cal, cst("2025-11-11 10:00"), 1, 5), 1);
	assert_string_equal(show(k.started_at), "2025-11-11 10:00");
	assert_string_equal(show(k.due_first), "2025-11-11 11:00");
	assert_string_equal(show(k.due), "2025-11-18 17:30");
	/* after closing on Friday: first contact Monday 09:00 + 1 h */
	struct work_clock f = {0};
	work_clock_start(&f, cal, cst("2025-11-14 18:00"), 1, 1);
	assert_string_equal(show(f.due_first), "2025-11-17 10:00");
	assert_string_equal(show(f.due), "2025-11-17 17:30");
	/* over the National Day holiday: 2025-09-30 plus 1 working day is 2025-10-09 */
	struct work_clock h = {0};
	work_clock_start(&h, cal, cst("2025-09-30 09:30"), 1, 1);
	assert_string_equal(show(h.due), "2025-10-09 17:30");
}

/* A transfer (退回, 改派) does not restart a running clock. */
static void test_transfer(void **state)
{
	(void)state;
	struct work_clock k = {0};
	work_clock_start(&k, cal, cst("2025-11-11 10:00"), 1, 5);
	struct work_clock before = k;
	work_clock_transfer(&k);
	assert_int_equal(work_clock_start(&k, cal, cst("2025-11-13 15:00"), 1, 5), 0);
	assert_memory_equal(&k, &before, sizeof k);
}

/* Waiting for the enterprise from Thursday 16:30 to Monday 10:00 pauses 1 h (Thu) + 7 h (Fri)
 * + 1 h (Mon) = 9 office hours: the deadline moves on by those. */
static void test_pause_resume(void **state)
{
	(void)state;
	struct work_clock k = {0};
	work_clock_start(&k, cal, cst("2025-11-11 10:00"), 1, 5); /* due Tue 18th 17:30 */
	work_clock_pause(&k, cst("2025-11-13 16:30"));
	assert_string_equal(show(k.paused_at), "2025-11-13 16:30");
	work_clock_pause(&k, cst("2025-11-14 09:00")); /* stays paused from the first pause */
	assert_string_equal(show(k.paused_at), "2025-11-13 16:30");
	work_clock_resume(&k, cal, cst("2025-11-17 10:00"));
	assert_int_equal(k.paused_at, 0);
	/* 17:30 Tue + 9 office hours = Wed 7 h + Thu 2 h → Thursday 11:00 */
	assert_string_equal(show(k.due), "2025-11-20 11:00");
	/* resuming a running clock changes nothing */
	int64_t due = k.due;
	work_clock_resume(&k, cal, cst("2025-11-18 10:00"));
	assert_int_equal(k.due, due);
}

/* An approved extension of 3 working days: to the close of the 3rd working day after it. */
static void test_extend(void **state)
{
	(void)state;
	struct work_clock k = {0};
	work_clock_start(&k, cal, cst("2025-11-11 10:00"), 1, 5); /* Tue 18th 17:30 */
	work_clock_extend(&k, cal, 3);
	assert_string_equal(show(k.due), "2025-11-21 17:30");
	struct work_clock none = {0};
	work_clock_extend(&none, cal, 3);
	assert_int_equal(none.due, 0);
}

/* Reopened after an unsatisfied rating: the deadline in force moves on by the office time since
 * the answer, and is never earlier than a fresh period from now. */
static void test_reopen(void **state)
{
	(void)state;
	struct work_clock k = {0};
	work_clock_start(&k, cal, cst("2025-11-11 10:00"), 1, 5); /* Tue 18th 17:30 */
	/* answered Friday 14th 17:00, reopened Monday 17th 10:00: 0.5 h + 1 h in office time */
	work_clock_reopen(&k, cal, cst("2025-11-14 17:00"), cst("2025-11-17 10:00"), 1);
	assert_string_equal(show(k.due), "2025-11-19 10:30");
	/* a long wait: the fresh period wins */
	struct work_clock late = {0};
	work_clock_start(&late, cal, cst("2025-11-03 10:00"), 1, 2); /* Wed 5th 17:30 */
	work_clock_reopen(&late, cal, cst("2025-11-04 10:00"), cst("2025-11-28 10:00"), 5);
	assert_string_equal(show(late.due), "2025-12-05 17:30");
}

static void test_overdue(void **state)
{
	(void)state;
	assert_true(work_overdue(100, 101));
	assert_false(work_overdue(100, 100));
	assert_false(work_overdue(0, 101)); /* no deadline */
}

static void test_escalation_check(void **state)
{
	(void)state;
	struct yq_err e = {0};
	assert_int_equal(work_escalation_check("red", "限期办结", "2026-12-31", &e), 0);
	assert_int_equal(work_escalation_check("yellow", "限期办结", NULL, &e), 0);
	assert_int_equal(work_escalation_check("purple", "x", NULL, &e), -1);
	assert_string_equal(e.field, "level");
	assert_int_equal(work_escalation_check("orange", "x", "2026-02-30", &e), -1);
	assert_string_equal(e.field, "deadline");
	assert_int_equal(work_escalation_check("orange", "", NULL, &e), -1);
	assert_string_equal(e.field, "note");
	char long_note[WORK_ESC_NOTE_MAX * 3 + 4];
	memset(long_note, 0, sizeof long_note);
	for (int i = 0; i <= WORK_ESC_NOTE_MAX; i++)
		memcpy(long_note + 3 * i, "督", 3);
	assert_int_equal(work_escalation_check("red", long_note, NULL, &e), -1);
	assert_string_equal(e.field, "note");
}

static void test_comment_check(void **state)
{
	(void)state;
	struct yq_err e = {0};
	struct principal staff = {.role = ROLE_STAFF}, ent = {.role = ROLE_ENTERPRISE};
	struct work_comment ok = {.body = "已联系", .media_url = "https://img.example.com/1.jpg"};
	assert_int_equal(work_comment_check(&staff, &ok, &e), 0);
	struct work_comment note = {.body = "内部", .internal = 1};
	assert_int_equal(work_comment_check(&staff, &note, &e), 0);
	assert_int_equal(work_comment_check(&ent, &note, &e), -1);
	assert_int_equal(e.code, ERR_FORBIDDEN);
	struct work_comment js = {.body = "x", .media_url = "javascript:alert(1)"};
	assert_int_equal(work_comment_check(&staff, &js, &e), -1);
	assert_string_equal(e.field, "media_url");
	struct work_comment empty = {.body = ""};
	assert_int_equal(work_comment_check(&staff, &empty, &e), -1);
	assert_string_equal(e.field, "body");
	struct work_comment bad = {.body = "\xff\xfe"};
	assert_int_equal(work_comment_check(&staff, &bad, &e), -1);
	char ref[WORK_REF_MAX + 2];
	memset(ref, 'r', sizeof ref - 1);
	ref[sizeof ref - 1] = 0;
	struct work_comment longref = {.body = "x", .ref = ref};
	assert_int_equal(work_comment_check(&staff, &longref, &e), -1);
	assert_string_equal(e.field, "ref");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_start),
	    cmocka_unit_test(test_transfer),
	    cmocka_unit_test(test_pause_resume),
	    cmocka_unit_test(test_extend),
	    cmocka_unit_test(test_reopen),
	    cmocka_unit_test(test_overdue),
	    cmocka_unit_test(test_escalation_check),
	    cmocka_unit_test(test_comment_check),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
