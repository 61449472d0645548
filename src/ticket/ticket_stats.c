/* Request figures for a period (see ticket_store.h). Definitions, also in docs/API.md:
 *   received   requests registered in the period
 *   accepted   of those, accepted by the service center (not rejected or merged)
 *   resolved   of those, answered (resolved or closed); 解决率 = resolved / received (the
 *              seeds' basis: 长春经开区 479 / 535); 受理后解决率 = resolved / accepted
 *   on_time    resolved no later than the resolution deadline; 按时办结率 = on_time / resolved
 *   rated      rated by the enterprise; 满意率 = (满意 + 基本满意) / rated; unrated closes
 *              (7 days without an answer) are never counted as satisfied
 *   overdue_now still open past the deadline now (paused requests excluded)
 *   avg/p90    handling time accepted → resolved in working days (7 office hours a day)
 *
 * Two ways, equal to the last digit: from the rows (any scope, any bounds), or, for a caller who
 * sees the whole zone and a span of whole days, from the zone's summaries (ticket_summary.h).
 * Both add up the same contributions (stat_contrib_of): the counters; the handling times as a
 * sum of office seconds, divided once (avg), and a histogram of tenths of a working day (p90:
 * the nearest rank, ceil(0.9 n), of the rounded times, which is the rounded nearest rank of the
 * times, rounding keeping their order). overdue_now depends on the present: it is always counted
 * from the open requests. Groups come by received, most first, then by key. */
#include "ticket/ticket_store.h"
#include "access/scope.h"
#include "db/qb.h"
#include "lib/alloc.h"
#include "lib/util.h"
#include "org/org.h"
#include "ticket/ticket_summary.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the day after 9999-12-31: an open `to` */
#define DAY_END 2932897

static const char SQL_SUM[] =
    "SELECT gkey, received, accepted, resolved, on_time, rated, satisfied, unrated, handled, "
    "work_s FROM ticket_stat WHERE zone_id = ? AND dim = ? AND lvl = ? AND day0 >= ? AND day0 < ?";
static const char SQL_BARS[] =
    "SELECT gkey, tenths, n FROM ticket_stat_hist WHERE zone_id = ? AND dim = ? AND lvl = ? AND "
    "day0 >= ? AND day0 < ? AND n <> 0";
/* the open requests past their deadline, from the index ticket_zone_status alone (its columns
 * cover the statement; "+ 0" keeps the engine from taking the index by creation time instead) */
#define SQL_OVERDUE(col)                                                                           \
	"SELECT " col " FROM ticket t WHERE t.zone_id = ? AND t.status IN "                        \
	"('assigned','in_progress') AND t.due_resolve < ? AND t.created_at + 0 >= ? AND "          \
	"t.created_at + 0 < ?"
static const char *const SQL_OVERDUE_BY[SD__COUNT] = {
    SQL_OVERDUE("t.dept_id"), SQL_OVERDUE("t.category"), SQL_OVERDUE("t.channel")};
static const char SQL_DEPT_NAME[] = "SELECT name FROM dept WHERE id = ?";

/* One bar of a histogram: n handling times of `tenths` tenths of a working day. */
struct bar {
	int64_t tenths, n;
};

/* A group being added up: the counters (in row), the handling-time sample. */
struct group {
	char gkey[STAT_KEY_MAX];
	struct ticket_stat_row row;
	int64_t handled, work_s;
	struct bar *bars;
	size_t n_bars, cap;
};

struct groups {
	struct group *g;
	size_t n, cap, last;
};

static struct group *group_of(struct groups *gs, const char *gkey)
{
	if (gs->last < gs->n && strcmp(gs->g[gs->last].gkey, gkey) == 0)
		return &gs->g[gs->last];
	for (size_t i = 0; i < gs->n; i++)
		if (strcmp(gs->g[i].gkey, gkey) == 0)
			return &gs->g[gs->last = i];
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 16;
		struct group *g = yq_realloc(gs->g, cap * sizeof *g);
		if (!g)
			return NULL;
		gs->g = g;
		gs->cap = cap;
	}
	struct group *g = &gs->g[gs->last = gs->n++];
	memset(g, 0, sizeof *g);
	snprintf(g->gkey, sizeof g->gkey, "%s", gkey);
	return g;
}

static void groups_release(struct groups *gs)
{
	for (size_t i = 0; i < gs->n; i++)
		yq_free(gs->g[i].bars);
	yq_free(gs->g);
	memset(gs, 0, sizeof *gs);
}

static int add_bar(struct group *g, int64_t tenths, int64_t n)
{
	if (g->n_bars == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct bar *b = yq_realloc(g->bars, cap * sizeof *b);
		if (!b)
			return -1;
		g->bars = b;
		g->cap = cap;
	}
	g->bars[g->n_bars++] = (struct bar){tenths, n};
	return 0;
}

static void add_counters(struct group *g, const int64_t *c, int64_t work_s)
{
	struct ticket_stat_row *r = &g->row;
	r->received += c[SC_RECEIVED];
	r->accepted += c[SC_ACCEPTED];
	r->resolved += c[SC_RESOLVED];
	r->on_time += c[SC_ON_TIME];
	r->rated += c[SC_RATED];
	r->satisfied += c[SC_SATISFIED];
	r->unrated += c[SC_UNRATED];
	g->handled += c[SC_HANDLED];
	g->work_s += work_s;
}

/* Adds src into dst: counters, overdue, sample. */
static int merge(struct group *dst, const struct group *src)
{
	const struct ticket_stat_row *r = &src->row;
	int64_t c[SC__COUNT] = {r->received, r->accepted,  r->resolved, r->on_time,
	                        r->rated,    r->satisfied, r->unrated,  src->handled};
	add_counters(dst, c, src->work_s);
	dst->row.overdue_now += r->overdue_now;
	for (size_t i = 0; i < src->n_bars; i++)
		if (add_bar(dst, src->bars[i].tenths, src->bars[i].n) < 0)
			return -1;
	return 0;
}

static int cmp_bar(const void *a, const void *b)
{
	int64_t x = ((const struct bar *)a)->tenths, y = ((const struct bar *)b)->tenths;
	return (x > y) - (x < y);
}

/* avg and p90 of the sample */
static void finish(struct group *g)
{
	if (!g->handled)
		return;
	g->row.avg_days =
	    round((double)g->work_s / (double)STAT_OFFICE_DAY / (double)g->handled * 10) / 10;
	qsort(g->bars, g->n_bars, sizeof *g->bars, cmp_bar);
	/* nearest-rank 90th percentile */
	int64_t k = (int64_t)ceil(0.9 * (double)g->handled), seen = 0;
	if (k < 1)
		k = 1;
	for (size_t i = 0; i < g->n_bars; i++) {
		seen += g->bars[i].n;
		if (seen >= k) {
			g->row.p90_days = (double)g->bars[i].tenths / 10.0;
			break;
		}
	}
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

/* The key a group is shown under: the department's name (未分派 for none: two departments of
 * one name are one group), the category, the channel's label. */
static int label(struct db *c, int dim, const char *gkey, char *out, size_t n)
{
	if (dim == SD_CHANNEL) {
		snprintf(out, n, "%s", channel_label(gkey));
		return DB_OK;
	}
	if (dim == SD_CATEGORY) {
		snprintf(out, n, "%s", gkey);
		return DB_OK;
	}
	out[0] = '\0';
	int64_t id = strtoll(gkey, NULL, 10);
	int rc = id ? db_query_text(c, SQL_DEPT_NAME, id, NULL, out, n) : DB_DONE;
	if (rc < 0)
		return rc;
	if (!out[0])
		snprintf(out, n, "%s", "未分派");
	return DB_OK;
}

static int cmp_row(const void *a, const void *b)
{
	const struct ticket_stat_row *x = a, *y = b;
	if (x->received != y->received)
		return x->received > y->received ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* The figures of the groups gs (keyed by gkey) into out: the total, and one row per key shown. */
static int conclude(struct db *c, int dim, struct groups *gs, struct ticket_stats *out)
{
	struct group total = {0};
	struct groups shown = {0};
	int rc = DB_OK;
	for (size_t i = 0; i < gs->n && rc >= 0; i++) {
		char key[sizeof total.row.key];
		struct group *g;
		if (merge(&total, &gs->g[i]) < 0 ||
		    (rc = label(c, dim, gs->g[i].gkey, key, sizeof key)) < 0)
			rc = rc < 0 ? rc : DB_ERR;
		else if (!(g = group_of(&shown, key)) || merge(g, &gs->g[i]) < 0)
			rc = DB_ERR;
	}
	if (rc >= 0) {
		finish(&total);
		out->total = total.row;
		out->rows = shown.n ? yq_calloc(shown.n, sizeof *out->rows) : NULL;
		if (shown.n && !out->rows)
			rc = DB_ERR;
	}
	for (size_t i = 0; rc >= 0 && i < shown.n; i++) {
		struct group *g = &shown.g[i];
		if (!g->row.received)
			continue;
		finish(g);
		out->rows[out->n_rows] = g->row;
		snprintf(out->rows[out->n_rows].key, sizeof out->rows->key, "%s", g->gkey);
		out->n_rows++;
	}
	if (out->n_rows)
		qsort(out->rows, out->n_rows, sizeof *out->rows, cmp_row);
	yq_free(total.bars);
	groups_release(&shown);
	return rc;
}

static int dim_of(const char *group)
{
	return strcmp(group, "category") == 0  ? SD_CATEGORY
	       : strcmp(group, "channel") == 0 ? SD_CHANNEL
	                                       : SD_DEPT;
}

/* From the rows the caller sees. */
static int from_rows(struct db *c, const struct principal *p, const struct calendar *cal,
                     int64_t from, int64_t to, int dim, int64_t now, struct groups *gs)
{
	char like[320];
	struct qb q;
	qb_init(&q, "SELECT " STAT_IN_COLS);
	scope_from(&q, p, &ENTITY_TICKET, NULL, like, sizeof like);
	if (from) {
		qb_sql(&q, " AND t.created_at >= ?");
		qb_int(&q, from);
	}
	if (to) {
		qb_sql(&q, " AND t.created_at < ?");
		qb_int(&q, to);
	}
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = st ? DB_OK : DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		struct stat_in in;
		struct stat_contrib k;
		stat_in_read(st, 0, &in);
		stat_contrib_of(&in, &k);
		stat_contrib_time(&k, cal);
		struct group *g = group_of(gs, k.key[dim]);
		if (!g || (k.c[SC_HANDLED] && add_bar(g, k.tenths, 1) < 0)) {
			rc = DB_ERR;
			break;
		}
		add_counters(g, k.c, k.work_s);
		if ((in.status == TS_ASSIGNED || in.status == TS_IN_PROGRESS) && in.due_resolve &&
		    in.due_resolve < now)
			g->row.overdue_now++;
	}
	if (st)
		db_reset(st);
	qb_release(&q);
	return rc == DB_DONE ? DB_OK : rc < 0 ? rc : DB_ERR;
}

/* A span of periods of one level: [lo, hi) in day numbers. */
struct span {
	const char *lvl;
	int64_t lo, hi;
};

/* Cuts the days [a, b) into days, months, years, months, days: at most 60 days, 22 months and
 * the whole years between. Returns how many spans. */
static int cut(int64_t a, int64_t b, struct span *s)
{
	int n = 0;
	if (a >= b)
		return 0;
	int64_t ma = calendar_month_start(a) == a ? a : calendar_next_month(a);
	int64_t mb = calendar_month_start(b);
	if (ma >= mb) {
		s[n++] = (struct span){"d", a, b};
		return n;
	}
	int64_t ya = calendar_year_start(ma) == ma ? ma : calendar_next_year(ma);
	int64_t yb = calendar_year_start(mb);
	if (ya >= yb)
		ya = yb = mb;
	struct span all[5] = {
	    {"d", a, ma}, {"m", ma, ya}, {"y", ya, yb}, {"m", yb, mb}, {"d", mb, b}};
	for (int i = 0; i < 5; i++)
		if (all[i].lo < all[i].hi)
			s[n++] = all[i];
	return n;
}

/* From the zone's summaries, and the open requests for overdue_now. */
static int from_summaries(struct db *c, int64_t zone, int64_t from, int64_t to, int dim,
                          int64_t now, struct groups *gs)
{
	struct span sp[5];
	int n = cut(from ? calendar_day_of(from) : 0, to ? calendar_day_of(to) : DAY_END, sp);
	int rc = DB_OK;
	for (int i = 0; i < n && rc >= 0; i++) {
		for (int pass = 0; pass < 2 && rc >= 0; pass++) {
			struct db_stmt *st = db_prepare_with(
			    c, pass ? SQL_BARS : SQL_SUM, DB_I(zone), DB_T(stat_dim_names[dim]),
			    DB_T(sp[i].lvl), DB_I(sp[i].lo), DB_I(sp[i].hi));
			if (!st)
				return DB_ERR;
			while ((rc = db_step(st)) == DB_ROW) {
				struct group *g = group_of(gs, db_col_text(st, 0));
				if (!g) {
					rc = DB_ERR;
					break;
				}
				if (pass) {
					if (add_bar(g, db_col_int(st, 1), db_col_int(st, 2)) < 0) {
						rc = DB_ERR;
						break;
					}
					continue;
				}
				int64_t k[SC__COUNT];
				for (int j = 0; j < SC__COUNT; j++)
					k[j] = db_col_int(st, 1 + j);
				add_counters(g, k, db_col_int(st, 1 + SC__COUNT));
			}
			db_reset(st);
		}
	}
	if (rc < 0)
		return rc;
	struct db_stmt *st = db_prepare_with(c, SQL_OVERDUE_BY[dim], DB_I(zone), DB_I(now),
	                                     DB_I(from), DB_I(to ? to : INT64_MAX));
	if (!st)
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW) {
		char gkey[STAT_KEY_MAX];
		if (dim == SD_DEPT)
			snprintf(gkey, sizeof gkey, "%lld", (long long)db_col_int(st, 0));
		else
			snprintf(gkey, sizeof gkey, "%s",
			         db_col_text(st, 0) ? db_col_text(st, 0) : "");
		struct group *g = group_of(gs, gkey);
		if (!g) {
			rc = DB_ERR;
			break;
		}
		g->row.overdue_now++;
	}
	db_reset(st);
	return rc == DB_DONE ? DB_OK : rc < 0 ? rc : DB_ERR;
}

static int whole_day(int64_t t)
{
	return t == 0 || calendar_day_of(t) * 86400 - 8 * 3600 == t;
}

/* The figures one way: from the summaries (use_sum) or the rows. */
static int stats_way(struct db *c, const struct principal *p, const struct calendar *cal,
                     int use_sum, int64_t from, int64_t to, int dim, int64_t now,
                     struct ticket_stats *out)
{
	struct groups gs = {0};
	memset(out, 0, sizeof *out);
	int rc = use_sum ? from_summaries(c, p->zone_id, from, to, dim, now, &gs)
	                 : from_rows(c, p, cal, from, to, dim, now, &gs);
	if (rc >= 0)
		rc = conclude(c, dim, &gs, out);
	groups_release(&gs);
	if (rc < 0)
		ticket_stats_release(out);
	return rc;
}

int ticket_stats(struct db *c, const struct principal *p, int64_t from, int64_t to,
                 const char *group, struct ticket_stats *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	struct calendar *cal = NULL;
	int rc = work_calendar(c, &cal);
	if (rc < 0)
		return err_db(e, rc);
	int use_sum = 0;
	if (scope_whole_zone(p) && p->zone_id && whole_day(from) && whole_day(to)) {
		rc = ticket_summary_fresh(c, p->zone_id, cal);
		use_sum = rc == 1;
		if (rc >= 0 && !use_sum)
			out->stale = 1;
	}
	int stale = out->stale;
	if (rc >= 0)
		rc = stats_way(c, p, cal, use_sum, from, to, dim_of(group), now_unix(), out);
	out->stale = stale;
	calendar_free(cal);
	return rc < 0 ? err_db(e, rc) : 0;
}

int ticket_totals_zones(struct db *c, const struct principal *p, const int64_t *zone_ids, size_t n,
                        int64_t from, int64_t to, struct ticket_stat_row *out, struct yq_err *e)
{
	memset(out, 0, n * sizeof *out);
	if (!n)
		return 0;
	struct calendar *cal = NULL;
	int *fresh = yq_calloc(n, sizeof *fresh);
	int rc = fresh ? work_calendar(c, &cal) : DB_ERR;
	if (rc >= 0 && whole_day(from) && whole_day(to))
		rc = ticket_summary_fresh_zones(c, zone_ids, n, cal, fresh);
	/* the fresh zones' counters, summed over one dimension's groups (each request is in one) */
	struct span sp[5];
	int ns = rc >= 0
	             ? cut(from ? calendar_day_of(from) : 0, to ? calendar_day_of(to) : DAY_END, sp)
	             : 0;
	char num[24];
	for (int i = 0; i < ns && rc >= 0; i++) {
		struct qb q;
		qb_init(
		    &q,
		    "SELECT zone_id, SUM(received), SUM(accepted), SUM(resolved), SUM(on_time), "
		    "SUM(rated), SUM(satisfied), SUM(unrated) FROM ticket_stat WHERE dim = ? AND "
		    "lvl = ? AND day0 >= ? AND day0 < ? AND zone_id IN (");
		qb_text(&q, stat_dim_names[SD_CHANNEL]);
		qb_text(&q, sp[i].lvl);
		qb_int(&q, sp[i].lo);
		qb_int(&q, sp[i].hi);
		int any = 0;
		for (size_t z = 0; z < n; z++)
			if (fresh[z]) {
				snprintf(num, sizeof num, "%s%lld", any++ ? "," : "",
				         (long long)zone_ids[z]);
				qb_sql(&q, num);
			}
		qb_sql(&q, ") GROUP BY zone_id");
		struct db_stmt *st = any ? qb_prepare(&q, c) : NULL;
		if (any && !st)
			rc = DB_ERR;
		while (st && (rc = db_step(st)) == DB_ROW) {
			int64_t id = db_col_int(st, 0);
			for (size_t z = 0; z < n; z++) {
				if (zone_ids[z] != id || !fresh[z])
					continue;
				struct ticket_stat_row *r = &out[z];
				r->received += db_col_int(st, 1);
				r->accepted += db_col_int(st, 2);
				r->resolved += db_col_int(st, 3);
				r->on_time += db_col_int(st, 4);
				r->rated += db_col_int(st, 5);
				r->satisfied += db_col_int(st, 6);
				r->unrated += db_col_int(st, 7);
			}
		}
		if (st)
			db_reset(st);
		qb_release(&q);
	}
	calendar_free(cal);
	if (rc < 0) {
		yq_free(fresh);
		return err_db(e, rc);
	}
	/* the others from their rows */
	for (size_t z = 0; z < n; z++) {
		if (fresh[z])
			continue;
		struct principal zp = *p;
		zp.zone_id = zone_ids[z];
		zp.scope = SCOPE_ZONE;
		struct ticket_stats ts;
		if (ticket_stats(c, &zp, from, to, "channel", &ts, e) < 0) {
			yq_free(fresh);
			return -1;
		}
		out[z] = ts.total;
		ticket_stats_release(&ts);
	}
	yq_free(fresh);
	return 0;
}

void ticket_stats_release(struct ticket_stats *s)
{
	yq_free(s->rows);
	s->rows = NULL;
	s->n_rows = 0;
}

int ticket_stats_sync(struct db_pool *pool, int64_t zone_id)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return rc;
	struct calendar *cal = NULL;
	if ((rc = work_calendar(tx, &cal)) >= 0 &&
	    (rc = ticket_summary_fresh(tx, zone_id, cal)) == 0)
		rc = ticket_summary_rebuild(tx, zone_id, cal);
	calendar_free(cal);
	int erc = db_tx_end(pool, tx, rc >= 0);
	return rc < 0 ? rc : erc;
}

/* ---- checking the summaries against the rows ---- */

static const char *const MEMBERS[] = {"received", "accepted",  "resolved", "on_time",
                                      "rated",    "satisfied", "unrated",  "overdue_now",
                                      "avg_days", "p90_days"};

static double member(const struct ticket_stat_row *r, int i)
{
	const long v[] = {r->received, r->accepted,  r->resolved, r->on_time,
	                  r->rated,    r->satisfied, r->unrated,  r->overdue_now};
	return i < 8 ? (double)v[i] : i == 8 ? r->avg_days : r->p90_days;
}

/* Prints the differences of two rows; returns how many. */
static int diff_row(FILE *f, const char *what, const struct ticket_stat_row *s,
                    const struct ticket_stat_row *r)
{
	int n = 0;
	for (int i = 0; i < (int)(sizeof MEMBERS / sizeof *MEMBERS); i++)
		if (member(s, i) != member(r, i)) {
			fprintf(f, "  %s %s: summaries %g, rows %g\n", what, MEMBERS[i],
			        member(s, i), member(r, i));
			n++;
		}
	return n;
}

/* Compares both ways over [from, to) for each dimension; prints the differences. */
static int check_span(struct db *c, const struct principal *p, const struct calendar *cal,
                      int64_t from, int64_t to, const char *name, int64_t now, FILE *f, int *diffs)
{
	for (int dim = 0; dim < SD__COUNT; dim++) {
		struct ticket_stats s, r;
		int rc = stats_way(c, p, cal, 1, from, to, dim, now, &s);
		if (rc < 0)
			return rc;
		if ((rc = stats_way(c, p, cal, 0, from, to, dim, now, &r)) < 0) {
			ticket_stats_release(&s);
			return rc;
		}
		char what[200];
		snprintf(what, sizeof what, "%s by %s, total", name, stat_dim_names[dim]);
		*diffs += diff_row(f, what, &s.total, &r.total);
		if (s.n_rows != r.n_rows) {
			fprintf(f, "  %s by %s: summaries %zu groups, rows %zu\n", name,
			        stat_dim_names[dim], s.n_rows, r.n_rows);
			(*diffs)++;
		}
		for (size_t i = 0; i < s.n_rows && i < r.n_rows; i++) {
			snprintf(what, sizeof what, "%s by %s, %s", name, stat_dim_names[dim],
			         s.rows[i].key);
			if (strcmp(s.rows[i].key, r.rows[i].key) != 0) {
				fprintf(f, "  %s: rows has %s in its place\n", what, r.rows[i].key);
				(*diffs)++;
			} else {
				*diffs += diff_row(f, what, &s.rows[i], &r.rows[i]);
			}
		}
		ticket_stats_release(&s);
		ticket_stats_release(&r);
	}
	return DB_OK;
}

static int64_t day_instant(int64_t day)
{
	return day * 86400 - 8 * 3600;
}

int ticket_stats_check(struct db *c, int64_t zone_id, FILE *f, struct ticket_stats_checked *out)
{
	memset(out, 0, sizeof *out);
	struct principal p;
	org_cli_principal(&p, zone_id);
	struct calendar *cal = NULL;
	int64_t lo, hi, n;
	int rc = work_calendar(c, &cal);
	if (rc < 0)
		return rc;
	if ((rc = ticket_summary_fresh(c, zone_id, cal)) <= 0) {
		calendar_free(cal);
		out->stale = rc == 0;
		return rc;
	}
	if ((rc = db_query_int(c, "SELECT COUNT(*) FROM ticket WHERE zone_id = ?", &n, 1,
	                       zone_id)) < 0 ||
	    (rc = db_query_int(c, "SELECT MIN(created_at) FROM ticket WHERE zone_id = ?", &lo, 1,
	                       zone_id)) < 0 ||
	    (rc = db_query_int(c, "SELECT MAX(created_at) FROM ticket WHERE zone_id = ?", &hi, 1,
	                       zone_id)) < 0)
		goto out;
	int64_t now = now_unix();
	if (!n) {
		rc = check_span(c, &p, cal, 0, 0, "all time", now, f, &out->differences);
		goto out;
	}
	int64_t d0 = calendar_day_of(lo), d1 = calendar_day_of(hi) + 1;
	char name[64];
	/* the whole span: from a day to a day, cut into days, months and years */
	if ((rc = check_span(c, &p, cal, day_instant(d0), day_instant(d1), "the whole span", now, f,
	                     &out->differences)) < 0)
		goto out;
	for (int64_t y = calendar_year_start(d0); y < d1; y = calendar_next_year(y)) {
		char date[11];
		calendar_format_day(y, date);
		snprintf(name, sizeof name, "year %.4s", date);
		if ((rc = check_span(c, &p, cal, day_instant(y), day_instant(calendar_next_year(y)),
		                     name, now, f, &out->differences)) < 0)
			goto out;
		out->years++;
	}
	for (int64_t m = calendar_month_start(d0); m < d1; m = calendar_next_month(m)) {
		char date[11];
		calendar_format_day(m, date);
		snprintf(name, sizeof name, "month %.7s", date);
		if ((rc =
		         check_span(c, &p, cal, day_instant(m), day_instant(calendar_next_month(m)),
		                    name, now, f, &out->differences)) < 0)
			goto out;
		out->months++;
	}
out:
	calendar_free(cal);
	return rc < 0 ? rc : DB_OK;
}
