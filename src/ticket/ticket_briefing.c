/* Gathering the daily briefing (see ticket_briefing.h). */
#include "ticket/ticket_briefing.h"
#include "access/disclose.h"
#include "access/scope.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "org/org.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include "ticket/ticket_store.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The columns of a list's items; scope_from adds the FROM with the request's own joins (its
 * enterprise, department and escalation), the zone and the caller's data scope, then items()
 * the list's condition. */
static const char SQL_ITEMS_COLS[] =
    "SELECT t.no, CASE WHEN en.short_name <> '' THEN en.short_name ELSE en.name END, t.title, "
    "t.category, d.name, t.status, t.due_resolve, x.level, x.note, x.deadline, "
    "t.accepted_at, t.rating";

/* Midnight (China Standard Time) starting `date`, as unix seconds. */
static int64_t cst_midnight(const char *date)
{
	struct tm tm = {0};
	strptime(date, "%Y-%m-%d", &tm);
	return (int64_t)timegm(&tm) - 8 * 3600;
}

static void cst_date(int64_t t, char out[11])
{
	cst_day(t, out);
}

static const char *status_display(const char *s, const char *rating)
{
	enum ticket_status st = ticket_status_from_name(s);
	if (st == TS_CLOSED && rating && *rating)
		return strcmp(rating, "unsatisfied") == 0 ? "已销号（不满意）" : "已销号（满意）";
	return ticket_status_label(st);
}

static int items(struct db *c, const struct principal *p, const char *kind, int64_t from,
                 int64_t to, struct arena *a, struct briefing_item **out, size_t *n, long *accepted)
{
	*n = 0;
	*out = arena_zalloc(a, sizeof **out * BRIEFING_MAX_ROWS);
	if (!*out)
		return DB_ERR;
	char like[320];
	struct qb q;
	qb_init(&q, SQL_ITEMS_COLS);
	scope_from(&q, p, &ENTITY_TICKET, ENTITY_TICKET.joins, like, sizeof like);
	if (strcmp(kind, "new") == 0) {
		qb_sql(&q, " AND t.created_at >= ? AND t.created_at < ?");
		qb_int(&q, from);
		qb_int(&q, to);
	} else if (strcmp(kind, "resolved") == 0) {
		qb_sql(&q, " AND t.resolved_at >= ? AND t.resolved_at < ?");
		qb_int(&q, from);
		qb_int(&q, to);
	} else if (strcmp(kind, "overdue") == 0) {
		qb_sql(&q, " AND t.status IN ('assigned','in_progress') AND t.due_resolve < ?");
		qb_int(&q, to);
	} else {
		qb_sql(&q, " AND x.state = 1"); /* escalated */
	}
	qb_sql(&q, " ORDER BY t.due_resolve, t.id LIMIT 501");
	struct db_stmt *st = qb_prepare(&q, c);
	if (!st) {
		qb_release(&q);
		return DB_ERR;
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (accepted && !db_col_is_null(st, 10))
			(*accepted)++;
		if (*n >= BRIEFING_MAX_ROWS)
			continue;
		struct briefing_item *it = &(*out)[(*n)++];
		it->no = arena_strdup(a, db_col_text(st, 0));
		it->enterprise = arena_strdup(a, db_col_text(st, 1));
		it->title = arena_strdup(a, db_col_text(st, 2));
		it->category = arena_strdup(a, db_col_text(st, 3));
		it->dept = arena_strdup(a, db_col_text(st, 4));
		it->status = status_display(db_col_text(st, 5), db_col_text(st, 11));
		int64_t due = db_col_int(st, 6);
		if (due) {
			char *d = arena_alloc(a, 11);
			if (d)
				cst_date(due, d);
			it->due = d;
			if (strcmp(kind, "overdue") == 0 && due < to)
				it->overdue_days = (long)((to - due + 86399) / 86400);
		}
		if (strcmp(kind, "escalated") == 0) {
			const char *lv = db_col_text(st, 7);
			/* the leader's note only for those shown it (access/disclose.h) */
			int shown = disclose_to(p, "ticket.field.escalation_note") == DISCLOSE_ALL;
			it->note = arena_printf(a, "%s督办%s%s%s%s",
			                        strcmp(lv, "red") == 0      ? "红色"
			                        : strcmp(lv, "orange") == 0 ? "橙色"
			                                                    : "黄色",
			                        shown ? "：" : "", shown ? db_col_text(st, 8) : "",
			                        db_col_is_null(st, 9) ? "" : "，限",
			                        db_col_is_null(st, 9) ? "" : db_col_text(st, 9));
		}
	}
	db_reset(st);
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

int ticket_briefing(struct db *c, const struct principal *p, const char *date, struct arena *a,
                    struct briefing *b, struct yq_err *e)
{
	memset(b, 0, sizeof *b);
	char day[11];
	int rc;
	if (date) {
		if (!valid_date(date))
			return err_set(e, ERR_VALIDATION, "date", "日期格式应为 YYYY-MM-DD",
			               "date must be YYYY-MM-DD");
		snprintf(day, sizeof day, "%s", date);
	} else {
		/* the previous working day */
		struct calendar *cal;
		if ((rc = work_calendar(c, &cal)) < 0)
			return err_db(e, rc);
		cst_date(now_unix(), day);
		for (int k = 0; k < 30; k++) {
			cst_date(cst_midnight(day) - 43200, day);
			if (calendar_is_workday(cal, day) == 1)
				break;
		}
		calendar_free(cal);
	}
	int64_t from = cst_midnight(day), to = from + 86400;
	struct zone z = {0};
	if (zone_get(c, p->zone_id, a, &z) != DB_OK)
		return err_set(e, ERR_NOT_FOUND, NULL, "园区不存在", "no such zone");
	b->zone_name = z.name;
	b->date = arena_strdup(a, day);
	char gen[24];
	cst_strftime(gen, sizeof gen, "%Y-%m-%d %H:%M", now_unix());
	b->generated_at = arena_strdup(a, gen);
	struct briefing_item *lists[4] = {0};
	if ((rc = items(c, p, "new", from, to, a, &lists[0], &b->n_new, &b->accepted)) < 0 ||
	    (rc = items(c, p, "resolved", from, to, a, &lists[1], &b->n_resolved, NULL)) < 0 ||
	    (rc = items(c, p, "overdue", from, to, a, &lists[2], &b->n_overdue, NULL)) < 0 ||
	    (rc = items(c, p, "escalated", from, to, a, &lists[3], &b->n_escalated, NULL)) < 0)
		return err_db(e, rc);
	b->new_items = lists[0];
	b->resolved_items = lists[1];
	b->overdue_items = lists[2];
	b->escalated_items = lists[3];
	b->received = (long)b->n_new;
	b->resolved = (long)b->n_resolved;
	b->overdue_now = (long)b->n_overdue;
	b->escalated_open = (long)b->n_escalated;
	/* rates over the year so far, departments over the month so far */
	char year0[11], month0[11];
	snprintf(year0, sizeof year0, "%.4s-01-01", day);
	snprintf(month0, sizeof month0, "%.7s-01", day);
	struct ticket_stats ys, ms;
	if (ticket_stats(c, p, cst_midnight(year0), to, "dept", &ys, e) < 0)
		return -1;
	b->resolve_rate =
	    ys.total.received ? (double)ys.total.resolved / (double)ys.total.received : -1;
	b->resolve_rate_accepted =
	    ys.total.accepted ? (double)ys.total.resolved / (double)ys.total.accepted : -1;
	b->satisfaction_rate =
	    ys.total.rated ? (double)ys.total.satisfied / (double)ys.total.rated : -1;
	b->rate_period = "本年累计";
	ticket_stats_release(&ys);
	if (ticket_stats(c, p, cst_midnight(month0), to, "dept", &ms, e) < 0)
		return -1;
	struct briefing_dept_row *rows =
	    arena_zalloc(a, sizeof *rows * (ms.n_rows ? ms.n_rows : 1));
	b->by_dept = rows;
	for (size_t i = 0; rows && i < ms.n_rows; i++) {
		struct briefing_dept_row *d = &rows[b->n_depts++];
		d->dept = arena_strdup(a, ms.rows[i].key);
		d->received = ms.rows[i].received;
		d->resolved = ms.rows[i].resolved;
		d->overdue = ms.rows[i].overdue_now;
		d->on_time_rate = ms.rows[i].resolved
		                      ? (double)ms.rows[i].on_time / (double)ms.rows[i].resolved
		                      : -1;
	}
	b->dept_period = "本月累计";
	ticket_stats_release(&ms);
	return 0;
}
