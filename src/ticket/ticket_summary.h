/* ticket_summary: the request figures of docs/API.md kept as summaries (migration 0016), so
 * that a zone's statistics over a year read one row per group instead of every request.
 *
 * A request adds to the figures of the China Standard Time day it was registered on (its
 * created_at): a "contribution" computed from the columns the figures read (STAT_IN_COLS) and
 * the working-day calendar (the handling time, accepted → resolved in office seconds). The
 * summaries hold, per zone, dimension (department, category, channel), level (year, month,
 * day) and period, the sum of the contributions of each group, and a histogram of the handling
 * times in tenths of a working day: any span of whole days is at most 1-2 years, 22 months and
 * 60 days of rows. Every change of a request changes them in its own transaction
 * (ticket_summary_change: −old, +new). The statistics computed from the rows add up the very
 * same contributions (ticket_stats.c), so both ways give equal figures.
 *
 * The calendar an admin changes (a holiday) changes handling times: a zone's summaries carry the
 * fingerprint of the calendar they were computed with, and are rebuilt from the rows when it is
 * no longer the calendar's (ticket_stats_sync, `yuanqu stats rebuild`). */
#ifndef YQ_TICKET_TICKET_SUMMARY_H
#define YQ_TICKET_TICKET_SUMMARY_H
#include <stdint.h>
#include "ticket/ticket.h"

struct calendar;
struct db;
struct db_stmt;

#define STAT_KEY_MAX    96
#define STAT_OFFICE_DAY 25200 /* office seconds in a working day: 7 hours */

enum stat_dim { SD_DEPT, SD_CATEGORY, SD_CHANNEL, SD__COUNT };
enum stat_counter {
	SC_RECEIVED,
	SC_ACCEPTED,
	SC_RESOLVED,
	SC_ON_TIME,
	SC_RATED,
	SC_SATISFIED,
	SC_UNRATED,
	SC_HANDLED, /* resolved with an acceptance time: in the handling-time sample */
	SC__COUNT
};
/* "dept", "category", "channel" */
extern const char *const stat_dim_names[SD__COUNT];

/* The columns of a request (alias t) the figures read, in the order stat_in_read takes them. */
#define STAT_IN_COLS                                                                               \
	"t.zone_id, t.created_at, t.dept_id, t.category, t.channel, t.status, t.accepted_at, "     \
	"t.resolved_at, t.due_resolve, t.rating, t.unrated"

/* Those columns of one request. */
struct stat_in {
	int64_t zone_id, created_at, dept_id;
	char category[STAT_KEY_MAX], channel[STAT_KEY_MAX];
	enum ticket_status status;
	int64_t accepted_at, resolved_at, due_resolve;
	char rating[16];
	int64_t unrated;
};

/* What one request adds to the figures of its period. */
struct stat_contrib {
	int64_t day;                       /* created_at's China Standard Time day number */
	char key[SD__COUNT][STAT_KEY_MAX]; /* its group in each dimension (department: its id) */
	int64_t c[SC__COUNT];
	int64_t acc, res;       /* handled: the span whose office time is the handling time */
	int64_t work_s, tenths; /* handled, after stat_contrib_time: office seconds, and tenths
	                           of a working day (rounded) */
};

/* Reads STAT_IN_COLS from column `col` of st's current row. */
void stat_in_read(struct db_stmt *st, int col, struct stat_in *in);
/* The request as ticket_store holds it, as those columns. */
void stat_in_of_ticket(const struct ticket *t, struct stat_in *in);
/* The contribution, all but the handling time. */
void stat_contrib_of(const struct stat_in *in, struct stat_contrib *out);
/* Fills in the handling time of a handled contribution with the calendar. */
void stat_contrib_time(struct stat_contrib *c, const struct calendar *cal);

/* Reads the request `id`'s columns in tx. Returns DB_OK, DB_DONE when there is no such request,
 * or a negative enum db_rc. */
int ticket_summary_load(struct db *tx, int64_t id, struct stat_in *in);
/* Inside the write transaction tx, after a request was inserted (old NULL) or updated from old
 * to new: changes its zone's summaries by −old +new, unless both contribute the same. `cal` is
 * the calendar the caller holds (NULL: loaded when a handling time is needed). Nothing is written
 * for a zone whose summaries are not built yet, and a zone whose summaries were computed with
 * another calendar than the present one is left to its rebuild. Returns DB_OK or a negative
 * enum db_rc. */
int ticket_summary_change(struct db *tx, const struct stat_in *old, const struct stat_in *new,
                          const struct calendar *cal);
/* Marks the zone's summaries as to be rebuilt, by the next read or the loader's own
 * ticket_summary_rebuild: what a load of historical requests does for each (ticket_insert_history:
 * no reply awaited, so a pipelined load stays pipelined). */
int ticket_summary_invalidate(struct db *tx, int64_t zone_id);
/* Rebuilds the zone's summaries from its requests inside the write transaction tx, with the
 * calendar `cal` (NULL: the database's). Leaves tx's bulk mode (db_bulk) off. Returns DB_OK or
 * a negative enum db_rc. */
int ticket_summary_rebuild(struct db *tx, int64_t zone_id, const struct calendar *cal);
/* 1 when the zone's summaries are built with the calendar `cal`, 0 when not, or a negative
 * enum db_rc. */
int ticket_summary_fresh(struct db *c, int64_t zone_id, const struct calendar *cal);
/* ticket_summary_fresh of n zones in one statement: fresh[z] 1 when zone_ids[z]'s summaries
 * were built with calendar cal. DB_OK or a negative enum db_rc. */
int ticket_summary_fresh_zones(struct db *c, const int64_t *zone_ids, size_t n,
                               const struct calendar *cal, int *fresh);

#endif
