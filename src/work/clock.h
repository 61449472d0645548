/* clock: the deadline clock of a work item, counted in the working-day calendar (calendar.h).
 * Pure functions over a small struct the owner keeps in its own row (a request keeps them in
 * accepted_at, due_first_contact, due_resolve and paused_at):
 *
 *   start     at acceptance: a first-contact deadline in office hours and a resolution deadline
 *             in working days (the close of office on the n-th working day, the day of receipt
 *             not counted); a clock that already runs keeps its deadlines: a transfer to another
 *             department (退回 and 改派) does not restart it
 *   pause     waiting for the enterprise (待补充)
 *   resume    the office time spent paused is added to the resolution deadline
 *   extend    an approved extension adds working days to the resolution deadline
 *   reopen    after an unsatisfied rating: the deadline in force moved on by the office time
 *             since the answer, never earlier than a fresh resolution period from now */
#ifndef YQ_WORK_CLOCK_H
#define YQ_WORK_CLOCK_H
#include <stdint.h>

struct calendar;

struct work_clock {
	int64_t started_at; /* 0 until the clock starts */
	int64_t due_first;  /* first-contact deadline (0: none) */
	int64_t due;        /* resolution deadline (0: none) */
	int64_t paused_at;  /* 0 while running */
};

/* Starts the clock at `now` with a first contact within `first_hours` office hours and a
 * resolution within `days` working days; returns 1. A clock already started is left as it is
 * (a transfer): returns 0. */
int work_clock_start(struct work_clock *k, const struct calendar *cal, int64_t now, int first_hours,
                     int days);
/* The clock follows the item to another department: nothing changes (see start). */
void work_clock_transfer(struct work_clock *k);
/* Pauses the clock at `now` (a paused clock stays paused from its first pause). */
void work_clock_pause(struct work_clock *k, int64_t now);
/* Resumes a paused clock at `now`: the resolution deadline moves on by the office time spent
 * paused. A running clock is left as it is. */
void work_clock_resume(struct work_clock *k, const struct calendar *cal, int64_t now);
/* Extends the resolution deadline by `days` working days (to the close of office on the
 * days-th working day after it); nothing when there is none. */
void work_clock_extend(struct work_clock *k, const struct calendar *cal, int days);
/* Reopens after the item was answered at stopped_at (0: not known): the deadline in force
 * moves on by the office time between stopped_at and now, and becomes at least a fresh period
 * of `days` working days from now. */
void work_clock_reopen(struct work_clock *k, const struct calendar *cal, int64_t stopped_at,
                       int64_t now, int days);

#endif
