/* due: which work items are overdue or due soon. An item's resolution deadline (clock.h) lives
 * in its owner's row, beside the state that says whether its clock runs, so that a list filter
 * is served by the owner's index (a request: ticket_zone_status on zone, status, due_resolve).
 * These are the conditions and the window, written once; the owner names its deadline column. */
#ifndef YQ_WORK_DUE_H
#define YQ_WORK_DUE_H
#include <stdint.h>

struct qb;

#define WORK_DUE_SOON_SECONDS 86400 /* "due soon": the deadline falls within the next day */

/* Conditions on the deadline column `col`: overdue takes one parameter, due soon two; bind them
 * with work_due_bind. */
#define WORK_SQL_OVERDUE(col)  " AND " col " < ?"
#define WORK_SQL_DUE_SOON(col) " AND " col " >= ? AND " col " < ?"

enum work_due { WORK_DUE_OVERDUE, WORK_DUE_SOON };

/* Adds the parameters of the condition `which` at `now` to q. */
void work_due_bind(struct qb *q, enum work_due which, int64_t now);

/* 1 when a running clock's deadline `due` (0: none) has passed at `now`. Pure. */
int work_overdue(int64_t due, int64_t now);

#endif
