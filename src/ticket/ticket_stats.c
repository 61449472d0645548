/* Request figures for a period (see ticket_store.h). Definitions, also in docs/API.md:
 *   received   requests registered in the period
 *   accepted   of those, accepted by the service center (not rejected or merged)
 *   resolved   of those, answered (resolved or closed); 解决率 = resolved / received (the
 *              seeds' basis: 长春经开区 479 / 535); 受理后解决率 = resolved / accepted
 *   on_time    resolved no later than the resolution deadline; 按时办结率 = on_time / resolved
 *   rated      rated by the enterprise; 满意率 = (满意 + 基本满意) / rated; unrated closes
 *              (7 days without an answer) are never counted as satisfied
 *   overdue_now still open past the deadline now (paused requests excluded)
 *   avg/p90    handling time accepted → resolved in working days (7 office hours a day) */
#include "ticket/ticket_store.h"
#include "access/scope.h"
#include "db/qb.h"
#include "lib/alloc.h"
#include "lib/util.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rows the figures are counted from; scope_from adds the FROM, the zone and the caller's
 * data scope (ENTITY_TICKET's scope columns), then the period. */
static const char SQL_STATS_COLS[] =
    "SELECT COALESCE(d.name, ''), t.category, t.channel, t.status, t.accepted_at, t.resolved_at, "
    "t.due_resolve, t.rating, t.unrated";
static const char SQL_STATS_JOINS[] = " LEFT JOIN dept d ON d.id = t.dept_id";

#define OFFICE_DAY 25200.0 /* 7 office hours */

struct group {
	struct ticket_stat_row row;
	double *days;
	size_t n_days, cap;
};

static int add_day(struct group *g, double d)
{
	if (g->n_days == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		double *p = yq_realloc(g->days, cap * sizeof *p);
		if (!p)
			return -1;
		g->days = p;
		g->cap = cap;
	}
	g->days[g->n_days++] = d;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void finish(struct group *g)
{
	if (!g->n_days)
		return;
	double sum = 0;
	for (size_t i = 0; i < g->n_days; i++)
		sum += g->days[i];
	qsort(g->days, g->n_days, sizeof *g->days, cmp_double);
	g->row.avg_days = round(sum / (double)g->n_days * 10) / 10;
	/* nearest-rank 90th percentile */
	size_t k = (size_t)ceil(0.9 * (double)g->n_days);
	g->row.p90_days = round(g->days[k ? k - 1 : 0] * 10) / 10;
}

static const char *channel_label(const char *c)
{
	static const char *const k[][2] = {{"online", "网上"},
	                                   {"phone", "电话"},
	                                   {"visit", "走访"},
	                                   {"hotline", "热线"},
	                                   {"wechat", "微信"}};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (strcmp(c, k[i][0]) == 0)
			return k[i][1];
	return c;
}

int ticket_stats(struct db *c, const struct principal *p, int64_t from, int64_t to,
                 const char *group, struct ticket_stats *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	struct calendar *cal = NULL;
	int rc = work_calendar(c, &cal);
	if (rc < 0)
		return err_db(e, rc);
	struct group total = {0}, *groups = NULL;
	size_t n = 0, cap = 0;
	int64_t now = now_unix();
	int key_col = strcmp(group, "category") == 0 ? 1 : strcmp(group, "channel") == 0 ? 2 : 0;
	char like[320];
	struct qb q;
	qb_init(&q, SQL_STATS_COLS);
	scope_from(&q, p, &ENTITY_TICKET, SQL_STATS_JOINS, like, sizeof like);
	if (from) {
		qb_sql(&q, " AND t.created_at >= ?");
		qb_int(&q, from);
	}
	if (to) {
		qb_sql(&q, " AND t.created_at < ?");
		qb_int(&q, to);
	}
	qb_sql(&q, " ORDER BY t.id");
	struct db_stmt *st = qb_prepare(&q, c);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		const char *key = db_col_text(st, key_col);
		if (key_col == 0 && !*key)
			key = "未分派";
		if (key_col == 2)
			key = channel_label(key);
		size_t gi = 0;
		while (gi < n && strcmp(groups[gi].row.key, key) != 0)
			gi++;
		if (gi == n) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct group *ng = yq_realloc(groups, nc * sizeof *ng);
				if (!ng) {
					rc = DB_ERR;
					break;
				}
				groups = ng;
				cap = nc;
			}
			memset(&groups[n], 0, sizeof groups[n]);
			snprintf(groups[n].row.key, sizeof groups[n].row.key, "%s", key);
			n++;
		}
		enum ticket_status s = ticket_status_from_name(db_col_text(st, 3));
		int64_t acc = db_col_int(st, 4), res = db_col_int(st, 5), due = db_col_int(st, 6);
		const char *rating = db_col_text(st, 7);
		int unrated = (int)db_col_int(st, 8);
		struct group *gs[2] = {&total, &groups[gi]};
		for (int k = 0; k < 2; k++) {
			struct ticket_stat_row *r = &gs[k]->row;
			r->received++;
			if (acc && s != TS_REJECTED && s != TS_MERGED && s != TS_RECEIVED)
				r->accepted++;
			if ((s == TS_RESOLVED || s == TS_CLOSED) && res) {
				r->resolved++;
				if (due && res <= due)
					r->on_time++;
				if (acc && add_day(gs[k], (double)calendar_work_seconds_between(
				                              cal, acc, res) /
				                              OFFICE_DAY) < 0)
					rc = DB_ERR;
			}
			if (*rating) {
				r->rated++;
				if (strcmp(rating, "satisfied") == 0 ||
				    strcmp(rating, "basic") == 0)
					r->satisfied++;
			}
			r->unrated += unrated;
			if ((s == TS_ASSIGNED || s == TS_IN_PROGRESS) && due && due < now)
				r->overdue_now++;
		}
	}
	db_reset(st);
	if (rc < 0 && rc != DB_ERR)
		goto out;
	if (rc == DB_ERR)
		goto out;
	finish(&total);
	out->total = total.row;
	out->rows = n ? yq_calloc(n, sizeof *out->rows) : NULL;
	for (size_t i = 0; i < n; i++) {
		finish(&groups[i]);
		if (out->rows)
			out->rows[i] = groups[i].row;
	}
	out->n_rows = out->rows ? n : 0;
	rc = DB_OK;
out:
	qb_release(&q);
	for (size_t i = 0; i < n; i++)
		yq_free(groups[i].days);
	yq_free(groups);
	yq_free(total.days);
	calendar_free(cal);
	return rc < 0 ? err_db(e, rc) : 0;
}

void ticket_stats_release(struct ticket_stats *s)
{
	yq_free(s->rows);
	s->rows = NULL;
	s->n_rows = 0;
}
