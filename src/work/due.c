/* Overdue and due-soon (see due.h). */
#include "work/due.h"
#include "db/qb.h"

void work_due_bind(struct qb *q, enum work_due which, int64_t now)
{
	qb_int(q, now);
	if (which == WORK_DUE_SOON)
		qb_int(q, now + WORK_DUE_SOON_SECONDS);
}

int work_overdue(int64_t due, int64_t now)
{
	return due && due < now;
}
