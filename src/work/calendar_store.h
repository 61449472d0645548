/* calendar_store: the working-day calendar as the database holds it: the shipped 2025-2026
 * table (calendar_default) plus the dates an administrator added (holiday table). */
#ifndef YQ_WORK_CALENDAR_STORE_H
#define YQ_WORK_CALENDAR_STORE_H

struct calendar;
struct db;
struct db_pool;
struct principal;
struct yq_err;

/* Allocates the calendar: the shipped table plus the dates admins added; the caller frees it
 * with calendar_free. Returns DB_OK or a negative enum db_rc. */
int work_calendar(struct db *c, struct calendar **out);

/* Adds or replaces the special date `day` (YYYY-MM-DD) of `kind` (holiday | workday) with an
 * optional name of at most 30 characters, and writes the audit row. A make-up working day must
 * fall on a weekend. Returns 0 or -1 with e set (fields date, kind, name). */
int work_holiday_set(struct db_pool *pool, const struct principal *p, const char *day,
                     const char *kind, const char *name, struct yq_err *e);

#endif
