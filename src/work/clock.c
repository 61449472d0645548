/* The deadline clock of work items (see clock.h). */
#include "work/clock.h"
#include "work/calendar.h"

int work_clock_start(struct work_clock *k, const struct calendar *cal, int64_t now, int first_hours,
                     int days)
{
	if (k->started_at)
		return 0;
	k->started_at = now;
	k->due_first = calendar_add_work_seconds(cal, now, (int64_t)first_hours * 3600);
	k->due = calendar_deadline_days(cal, now, days);
	return 1;
}

void work_clock_transfer(struct work_clock *k)
{
	(void)k; /* the running clock follows the item: see clock.h */
}

void work_clock_pause(struct work_clock *k, int64_t now)
{
	if (!k->paused_at)
		k->paused_at = now;
}

void work_clock_resume(struct work_clock *k, const struct calendar *cal, int64_t now)
{
	if (!k->paused_at)
		return;
	int64_t paused = calendar_work_seconds_between(cal, k->paused_at, now);
	if (k->due)
		k->due = calendar_add_work_seconds(cal, k->due, paused);
	k->paused_at = 0;
}

void work_clock_extend(struct work_clock *k, const struct calendar *cal, int days)
{
	if (k->due)
		k->due = calendar_deadline_days(cal, k->due, days);
}

void work_clock_reopen(struct work_clock *k, const struct calendar *cal, int64_t stopped_at,
                       int64_t now, int days)
{
	int64_t fresh = calendar_deadline_days(cal, now, days);
	int64_t kept = k->due;
	if (kept && stopped_at && stopped_at < now)
		kept = calendar_add_work_seconds(
		    cal, kept, calendar_work_seconds_between(cal, stopped_at, now));
	k->due = kept > fresh ? kept : fresh;
}
