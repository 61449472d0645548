/* 包保企业: the monthly cycle (see economy_baobao.h). Every read names the zone and the caller's
 * 包保 scope (bb_scope); every write reads the enterprise in that scope inside its transaction
 * first, then checks that the caller may write it, then goes through write_tx with its audit row.
 */
#include "economy/economy_baobao.h"
#include "access/principal.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/db.h"
#include "db/qb.h"
#include "access/scope.h"
#include "economy/economy.h"
#include "enterprise/enterprise.h"
#include "lib/arena.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "ticket/ticket.h"
#include "ticket/ticket_store.h"
#include "work/work.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const bb_productions[] = {"full", "partial", "stopped", NULL};
const char *const bb_production_labels[] = {"满负荷", "部分开工", "停产", NULL};

int bb_production_valid(const char *s)
{
	for (int i = 0; s && bb_productions[i]; i++)
		if (strcmp(s, bb_productions[i]) == 0)
			return 1;
	return 0;
}

/* ---- rules ---- */

double bb_completion(double target, double actual)
{
	if (isnan(target) || isnan(actual) || !(target > 0))
		return NAN;
	return actual / target;
}

void bb_figures(size_t n, const char *const *codes, const double *target, const double *actual,
                double *completion, int *met)
{
	double first = NAN, output = NAN;
	int comparable = 0, all = 1;
	for (size_t i = 0; i < n; i++) {
		if (isnan(target[i]) || isnan(actual[i]))
			continue;
		comparable = 1;
		if (actual[i] < target[i])
			all = 0;
		double c = bb_completion(target[i], actual[i]);
		if (isnan(c))
			continue;
		if (codes[i] && strcmp(codes[i], "output") == 0)
			output = c;
		else if (isnan(first))
			first = c;
	}
	*completion = !isnan(output) ? output : first;
	*met = comparable ? all : -1;
}

int bb_period_past(const char *period, const char *today)
{
	return strncmp(period, today, 7) < 0;
}

/* ---- reading ---- */

static const char *dup(struct arena *a, const char *s)
{
	const char *x = arena_strdup(a, s ? s : "");
	return x ? x : "";
}

/* The enterprises of the caller's 包保 scope: the zone's, not archived; a holder of
 * economy.stats reads every one with a 包保 leader, anyone else those he is leader or liaison
 * of. Appended after a WHERE on the enterprise aliased e. */
static void bb_scope(struct qb *q, const struct principal *p)
{
	qb_sql(q, " e.zone_id = ? AND e.archived = 0");
	qb_int(q, p->zone_id);
	if (principal_can(p, PERM_ECONOMY_STATS)) {
		qb_sql(q, " AND e.leader_user_id IS NOT NULL");
	} else {
		qb_sql(q, " AND (e.leader_user_id = ? OR e.liaison_user_id = ?)");
		qb_int(q, p->user_id);
		qb_int(q, p->user_id);
	}
}

/* The select of an item: the enterprise, its leader and liaison and the month's report. */
#define ITEM_SELECT                                                                                \
	"SELECT e.id, e.name, COALESCE(e.leader_user_id, 0), COALESCE(NULLIF(lu.display_name, "    \
	"''), lu.username, ''), COALESCE(e.liaison_user_id, 0), COALESCE(NULLIF(su.display_name, " \
	"''), su.username, ''), COALESCE((SELECT r.status FROM econ_report r WHERE r.zone_id = "   \
	"e.zone_id AND r.enterprise_id = e.id AND r.period = ?), 'none') FROM enterprise e LEFT "  \
	"JOIN app_user lu ON lu.id = e.leader_user_id LEFT JOIN app_user su ON su.id = "           \
	"e.liaison_user_id WHERE"

struct ind_copy {
	struct bb_indicator *items;
	size_t n, cap;
	struct arena *a;
	int failed;
};

static void ind_copy(void *ctx, const struct econ_indicator *x)
{
	struct ind_copy *l = ctx;
	if (arena_grow(l->a, (void **)&l->items, l->n, &l->cap, sizeof *l->items, 16) < 0) {
		l->failed = 1;
		return;
	}
	l->items[l->n++] = (struct bb_indicator){x->id, dup(l->a, x->code), dup(l->a, x->name),
	                                         dup(l->a, x->unit)};
}

/* The zone's active indicators into *inds, *n. */
static int load_indicators(struct db *c, const struct principal *p, struct arena *a,
                           struct bb_indicator **inds, size_t *n)
{
	struct ind_copy l = {.a = a};
	int rc = econ_indicators(c, p, 0, ind_copy, &l);
	if (rc == DB_OK && l.failed)
		rc = DB_ERR;
	*inds = l.items;
	*n = l.n;
	return rc;
}

/* The start of a month's read: `period` checked (*y, *m its year and month) and the zone's
 * active indicators loaded into *inds, *n. 0, or -1 with e set. */
static int month_open(struct db *c, const struct principal *p, const char *period, int *y, int *m,
                      struct arena *a, struct bb_indicator **inds, size_t *n, struct yq_err *e)
{
	if (econ_period_check(period, y, m, e) < 0)
		return -1;
	int rc = load_indicators(c, p, a, inds, n);
	return rc < 0 ? err_db(e, rc) : 0;
}

static double *nan_array(struct arena *a, size_t n)
{
	double *x = arena_alloc(a, (n + 1) * sizeof *x);
	for (size_t i = 0; x && i < n; i++)
		x[i] = NAN;
	return x;
}

/* Reads the item of the current row (ITEM_SELECT) into x, its arrays allocated for n indicators. */
static int read_item(struct db_stmt *st, struct arena *a, size_t n, struct bb_item *x)
{
	memset(x, 0, sizeof *x);
	x->enterprise_id = db_col_int(st, 0);
	x->enterprise_name = dup(a, db_col_text(st, 1));
	x->leader_id = db_col_int(st, 2);
	x->leader_name = dup(a, db_col_text(st, 3));
	x->liaison_id = db_col_int(st, 4);
	x->liaison_name = dup(a, db_col_text(st, 5));
	x->report_status = dup(a, db_col_text(st, 6));
	x->target = nan_array(a, n);
	x->actual = nan_array(a, n);
	x->completion = NAN;
	x->met = -1;
	return x->target && x->actual ? 0 : -1;
}

static size_t ind_index(const struct bb_indicator *inds, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (inds[i].id == id)
			return i;
	return n;
}

/* Items sorted by enterprise id, for finding one by id (the list is in name order). */
struct by_id {
	int64_t id;
	size_t index;
};

static int by_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
	return x < y ? -1 : x > y;
}

static struct bb_item *find_item(const struct by_id *ix, size_t n, struct bb_item *items,
                                 int64_t id)
{
	struct by_id key = {id, 0};
	const struct by_id *f = bsearch(&key, ix, n, sizeof *ix, by_id_cmp);
	return f ? &items[f->index] : NULL;
}

static const char SQL_TARGETS[] = "SELECT enterprise_id, indicator_id, target FROM baobao_target "
                                  "WHERE zone_id = ? AND period = ?";
static const char SQL_ACTUALS[] =
    "SELECT v.enterprise_id, v.indicator_id, v.value FROM econ_value v JOIN econ_report r ON "
    "r.id = v.report_id WHERE v.zone_id = ? AND v.period = ? AND r.status <> 'returned'";
static const char SQL_DISPATCH_STATE[] =
    "SELECT enterprise_id, production FROM baobao_dispatch WHERE zone_id = ? AND period = ? "
    "ORDER BY enterprise_id, recorded_on, id";
/* the same for one enterprise */
static const char SQL_TARGETS_ONE[] =
    "SELECT enterprise_id, indicator_id, target FROM baobao_target WHERE zone_id = ? AND period "
    "= ? AND enterprise_id = ?";
static const char SQL_ACTUALS_ONE[] =
    "SELECT v.enterprise_id, v.indicator_id, v.value FROM econ_value v JOIN econ_report r ON "
    "r.id = v.report_id WHERE v.zone_id = ? AND v.period = ? AND r.status <> 'returned' AND "
    "v.enterprise_id = ?";
static const char SQL_DISPATCH_STATE_ONE[] =
    "SELECT enterprise_id, production FROM baobao_dispatch WHERE zone_id = ? AND period = ? AND "
    "enterprise_id = ? ORDER BY enterprise_id, recorded_on, id";

/* Runs `sql` (zone, period[, enterprise]) and calls fn for each row. */
typedef void (*row_fn)(struct db_stmt *st, void *ctx);
static int each_row(struct db *c, const char *sql, int64_t zone_id, const char *period,
                    int64_t enterprise_id, row_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, sql);
	if (!st)
		return DB_ERR;
	int k = 1;
	db_bind_int(st, k++, zone_id);
	if (period)
		db_bind_text(st, k++, period);
	if (enterprise_id)
		db_bind_int(st, k, enterprise_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		fn(st, ctx);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

struct fill {
	const struct bb_indicator *inds;
	size_t n_inds;
	struct by_id *ix;
	size_t n_ix;
	struct bb_item *items;
	struct arena *a;
	int which; /* 0 target, 1 actual */
};

static void fill_value(struct db_stmt *st, void *ctx)
{
	struct fill *f = ctx;
	struct bb_item *x = find_item(f->ix, f->n_ix, f->items, db_col_int(st, 0));
	size_t i = ind_index(f->inds, f->n_inds, db_col_int(st, 1));
	if (!x || i == f->n_inds)
		return;
	if (f->which)
		x->actual[i] = db_col_double(st, 2);
	else {
		x->target[i] = db_col_double(st, 2);
		x->targets_set = 1;
	}
}

static void fill_dispatch(struct db_stmt *st, void *ctx)
{
	struct fill *f = ctx;
	struct bb_item *x = find_item(f->ix, f->n_ix, f->items, db_col_int(st, 0));
	if (!x)
		return;
	x->dispatches++;
	x->production = dup(f->a, db_col_text(st, 1)); /* the latest last */
}

/* Targets, actuals and 调度 of the month for the items, then their figures. `one`: the single
 * enterprise of a detail. */
static int fill_items(struct db *c, const struct principal *p, const char *period,
                      const struct bb_indicator *inds, size_t n_inds, struct bb_item *items,
                      size_t n, int64_t one, struct arena *a)
{
	struct by_id *ix = arena_alloc(a, (n + 1) * sizeof *ix);
	const char **codes = arena_alloc(a, (n_inds + 1) * sizeof *codes);
	if (!ix || !codes)
		return DB_ERR;
	for (size_t i = 0; i < n; i++)
		ix[i] = (struct by_id){items[i].enterprise_id, i};
	qsort(ix, n, sizeof *ix, by_id_cmp);
	for (size_t i = 0; i < n_inds; i++)
		codes[i] = inds[i].code;
	struct fill f = {inds, n_inds, ix, n, items, a, 0};
	int rc = each_row(c, one ? SQL_TARGETS_ONE : SQL_TARGETS, p->zone_id, period, one,
	                  fill_value, &f);
	f.which = 1;
	if (rc == DB_OK)
		rc = each_row(c, one ? SQL_ACTUALS_ONE : SQL_ACTUALS, p->zone_id, period, one,
		              fill_value, &f);
	if (rc == DB_OK)
		rc = each_row(c, one ? SQL_DISPATCH_STATE_ONE : SQL_DISPATCH_STATE, p->zone_id,
		              period, one, fill_dispatch, &f);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		bb_figures(n_inds, codes, items[i].target, items[i].actual, &items[i].completion,
		           &items[i].met);
	return rc;
}

/* The leaders' rollup over the items. */
static int rollup(struct bb_month *m, struct arena *a)
{
	size_t out = 0;
	size_t k_output = m->n_inds;
	for (size_t i = 0; i < m->n_inds; i++)
		if (strcmp(m->inds[i].code, "output") == 0)
			k_output = i;
	m->leaders = arena_zalloc(a, (m->n_items + 1) * sizeof *m->leaders);
	if (!m->leaders)
		return DB_ERR;
	for (size_t i = 0; i < m->n_items; i++) {
		const struct bb_item *x = &m->items[i];
		if (!x->leader_id)
			continue;
		size_t k = 0;
		while (k < out && m->leaders[k].leader_id != x->leader_id)
			k++;
		struct bb_leader *l = &m->leaders[k];
		if (k == out) {
			l->leader_id = x->leader_id;
			l->leader_name = x->leader_name;
			out++;
		}
		l->enterprises++;
		l->targets_set += x->targets_set;
		l->reported += strcmp(x->report_status, "submitted") == 0 ||
		               strcmp(x->report_status, "accepted") == 0;
		l->met += x->met == 1;
		if (k_output < m->n_inds && !isnan(x->target[k_output]) &&
		    !isnan(x->actual[k_output])) {
			l->sum_target += x->target[k_output];
			l->sum_actual += x->actual[k_output];
			l->with_output++;
		}
	}
	for (size_t k = 0; k < out; k++) {
		struct bb_leader *l = &m->leaders[k];
		l->completion = l->with_output ? bb_completion(l->sum_target, l->sum_actual) : NAN;
	}
	/* by name, then id (insertion sort: a zone has tens of leaders) */
	for (size_t i = 1; i < out; i++) {
		struct bb_leader t = m->leaders[i];
		size_t j = i;
		while (j > 0) {
			const struct bb_leader *q = &m->leaders[j - 1];
			int c = strcmp(q->leader_name, t.leader_name);
			if (c < 0 || (c == 0 && q->leader_id < t.leader_id))
				break;
			m->leaders[j] = m->leaders[j - 1];
			j--;
		}
		m->leaders[j] = t;
	}
	m->n_leaders = out;
	return DB_OK;
}

int bb_month_read(struct db *c, const struct principal *p, const char *period, int64_t leader_id,
                  struct arena *a, struct bb_month *out, struct yq_err *e)
{
	int y, m;
	memset(out, 0, sizeof *out);
	out->period = period;
	if (month_open(c, p, period, &y, &m, a, &out->inds, &out->n_inds, e) < 0)
		return -1;
	struct qb q;
	qb_init(&q, ITEM_SELECT);
	qb_text(&q, period);
	bb_scope(&q, p);
	if (leader_id) {
		qb_sql(&q, " AND e.leader_user_id = ?");
		qb_int(&q, leader_id);
	}
	qb_sql(&q, " ORDER BY e.name, e.id");
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = st ? DB_OK : DB_ERR;
	size_t cap = 0;
	while (st && (rc = db_step(st)) == DB_ROW) {
		if (arena_grow(a, (void **)&out->items, out->n_items, &cap, sizeof *out->items,
		               64) < 0) {
			rc = DB_ERR;
			break;
		}
		if (read_item(st, a, out->n_inds, &out->items[out->n_items]) < 0) {
			rc = DB_ERR;
			break;
		}
		out->n_items++;
	}
	if (st)
		db_reset(st);
	qb_release(&q);
	if (rc >= 0)
		rc = DB_OK;
	if (rc == DB_OK)
		rc = fill_items(c, p, period, out->inds, out->n_inds, out->items, out->n_items, 0,
		                a);
	if (rc == DB_OK)
		rc = rollup(out, a);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* Reads enterprise `id` of the caller's scope as an item (month `period`): 0, or -1 with e set
 * (ERR_NOT_FOUND outside the scope). */
static int item_get(struct db *c, const struct principal *p, const char *period, int64_t id,
                    size_t n_inds, struct arena *a, struct bb_item *x, struct yq_err *e)
{
	struct qb q;
	qb_init(&q, ITEM_SELECT);
	qb_text(&q, period);
	bb_scope(&q, p);
	qb_sql(&q, " AND e.id = ?");
	qb_int(&q, id);
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = st ? db_step(st) : DB_ERR;
	if (rc == DB_ROW && read_item(st, a, n_inds, x) < 0)
		rc = DB_ERR;
	if (st)
		db_reset(st);
	qb_release(&q);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "企业不存在或不是您的包保企业",
		               "no such enterprise among yours");
	x->may_write = p->role == ROLE_ADMIN ||
	               (p->user_id && (x->leader_id == p->user_id || x->liaison_id == p->user_id));
	return 0;
}

static const char SQL_DISPATCHES[] =
    "SELECT d.id, d.recorded_on, d.production, d.orders, d.problems, COALESCE(d.ticket_id, 0), "
    "COALESCE(t.no, ''), d.creator_name, d.created_at FROM baobao_dispatch d LEFT JOIN ticket t "
    "ON t.id = d.ticket_id WHERE d.zone_id = ? AND d.period = ? AND d.enterprise_id = ? ORDER "
    "BY d.recorded_on DESC, d.id DESC LIMIT 200";
static const char SQL_VISITS[] =
    "SELECT id, visited_on, kind, visitor_name, findings, follow_ups FROM enterprise_visit "
    "WHERE zone_id = ? AND enterprise_id = ? ORDER BY visited_on DESC, id DESC LIMIT 20";

/* The detail's month of 调度 and its latest visits, each as its statement's LIMIT bounds them. */
struct detail_rows {
	struct bb_detail *out;
	struct arena *a;
};

static void read_dispatch(struct db_stmt *st, void *ctx)
{
	struct bb_detail *out = ((struct detail_rows *)ctx)->out;
	struct arena *a = ((struct detail_rows *)ctx)->a;
	if (out->n_dispatches == BB_DISPATCH_MAX)
		return;
	out->dispatches[out->n_dispatches++] = (struct bb_dispatch){
	    db_col_int(st, 0),          dup(a, db_col_text(st, 1)), dup(a, db_col_text(st, 2)),
	    dup(a, db_col_text(st, 3)), dup(a, db_col_text(st, 4)), db_col_int(st, 5),
	    dup(a, db_col_text(st, 6)), dup(a, db_col_text(st, 7)), db_col_int(st, 8)};
}

static void read_visit(struct db_stmt *st, void *ctx)
{
	struct bb_detail *out = ((struct detail_rows *)ctx)->out;
	struct arena *a = ((struct detail_rows *)ctx)->a;
	if (out->n_visits == BB_VISITS)
		return;
	out->visits[out->n_visits++] = (struct bb_visit){
	    db_col_int(st, 0),          dup(a, db_col_text(st, 1)), dup(a, db_col_text(st, 2)),
	    dup(a, db_col_text(st, 3)), dup(a, db_col_text(st, 4)), dup(a, db_col_text(st, 5))};
}

int bb_detail_read(struct db *c, const struct principal *p, const char *period, int64_t id,
                   struct arena *a, struct bb_detail *out, struct yq_err *e)
{
	int y, m;
	memset(out, 0, sizeof *out);
	out->period = period;
	if (month_open(c, p, period, &y, &m, a, &out->inds, &out->n_inds, e) < 0)
		return -1;
	if (item_get(c, p, period, id, out->n_inds, a, &out->item, e) < 0)
		return -1;
	struct bb_item *x = &out->item;
	int rc = fill_items(c, p, period, out->inds, out->n_inds, x, 1, id, a);
	/* last month and the same month last year, as the enterprise reported them */
	char lm[8], ly[8];
	econ_period_shift(y, m, -1, lm);
	econ_period_shift(y, m, -12, ly);
	x->last_month = nan_array(a, out->n_inds);
	x->last_year = nan_array(a, out->n_inds);
	if (rc == DB_OK && (!x->last_month || !x->last_year))
		rc = DB_ERR;
	for (int k = 0; rc == DB_OK && k < 2; k++) {
		struct bb_item tmp = *x;
		tmp.actual = k ? x->last_year : x->last_month;
		struct by_id ix = {id, 0};
		struct fill f = {out->inds, out->n_inds, &ix, 1, &tmp, a, 1};
		rc = each_row(c, SQL_ACTUALS_ONE, p->zone_id, k ? ly : lm, id, fill_value, &f);
	}
	out->dispatches = arena_alloc(a, BB_DISPATCH_MAX * sizeof *out->dispatches);
	out->visits = arena_alloc(a, BB_VISITS * sizeof *out->visits);
	if (rc == DB_OK && (!out->dispatches || !out->visits))
		rc = DB_ERR;
	struct detail_rows rows = {out, a};
	if (rc == DB_OK)
		rc = each_row(c, SQL_DISPATCHES, p->zone_id, period, id, read_dispatch, &rows);
	if (rc == DB_OK)
		rc = each_row(c, SQL_VISITS, p->zone_id, NULL, id, read_visit, &rows);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- writing ---- */

/* Reads enterprise `id` in the caller's 包保 scope inside the write (404 outside) and checks that
 * the caller may write it (403). */
static int writable(struct write_ctx *w, int64_t id, const char *period, struct arena *a,
                    struct bb_item *x, struct yq_err *e)
{
	if (item_get(w->tx, w->who, period, id, 0, a, x, e) < 0)
		return -1;
	if (!x->may_write)
		return err_set(e, ERR_FORBIDDEN, NULL,
		               "只有该企业的包保领导、联络员或管理员可以操作",
		               "only the enterprise's 包保 leader, its liaison or an admin");
	return 0;
}

struct targets_run {
	int64_t id;
	const char *period;
	const struct bb_target_in *in;
	size_t n;
	struct arena *a;
};

static const char SQL_TARGET_SET[] =
    "INSERT INTO baobao_target (zone_id, enterprise_id, period, indicator_id, target, set_by, "
    "setter_name, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (zone_id, enterprise_id, "
    "period, indicator_id) DO UPDATE SET target = excluded.target, set_by = excluded.set_by, "
    "setter_name = excluded.setter_name, set_at = excluded.set_at";
static const char SQL_TARGET_DEL[] =
    "DELETE FROM baobao_target WHERE zone_id = ? AND enterprise_id "
    "= ? AND period = ? AND indicator_id = ?";
static const char SQL_TARGETS_TEXT[] =
    "SELECT i.code, t.target FROM baobao_target t JOIN econ_indicator i ON i.id = t.indicator_id "
    "WHERE t.zone_id = ? AND t.enterprise_id = ? AND t.period = ? ORDER BY i.sort, i.id";

/* The month's targets of the enterprise as JSON text ({"code": value}), the audit's record. */
static const char *targets_text(struct db *tx, int64_t zone_id, int64_t id, const char *period,
                                struct arena *a)
{
	struct db_stmt *st =
	    db_prepare_with(tx, SQL_TARGETS_TEXT, DB_I(zone_id), DB_I(id), DB_T(period));
	return econ_code_values_text(st, a);
}

static int do_targets(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct targets_run *x = arg;
	const struct principal *p = w->who;
	struct bb_item item;
	if (writable(w, x->id, x->period, x->a, &item, e) < 0)
		return -1;
	char today[11];
	cst_day(now_unix(), today);
	if (bb_period_past(x->period, today))
		return err_set(e, ERR_PERIOD_CLOSED, "period", "该月已过,不能再设目标",
		               "the month is past: its targets no longer change");
	struct bb_indicator *inds;
	size_t n_inds;
	int rc = load_indicators(w->tx, p, x->a, &inds, &n_inds);
	if (rc < 0)
		return write_fail(w, rc, e);
	const char *before = targets_text(w->tx, p->zone_id, x->id, x->period, x->a);
	int64_t now = now_unix();
	for (size_t k = 0; k < x->n; k++) {
		const struct bb_target_in *t = &x->in[k];
		size_t i = 0;
		while (i < n_inds && strcmp(inds[i].code, t->code) != 0)
			i++;
		if (i == n_inds) {
			const char *field = arena_printf(x->a, "targets.%s", t->code);
			const char *zh = arena_printf(x->a, "未知指标或指标已停用：%s", t->code);
			return err_set(e, ERR_VALIDATION, field ? field : "targets",
			               zh ? zh : "未知指标或指标已停用",
			               "unknown or inactive indicator");
		}
		struct db_stmt *st = db_prepare_with(
		    w->tx, t->remove ? SQL_TARGET_DEL : SQL_TARGET_SET, DB_I(p->zone_id),
		    DB_I(x->id), DB_T(x->period), DB_I(inds[i].id));
		if (!st)
			return write_fail(w, DB_ERR, e);
		if (!t->remove) {
			db_bind_double(st, 5, t->value);
			db_bind_opt(st, 6, p->user_id);
			db_bind_text(st, 7, work_actor_name(p));
			db_bind_int(st, 8, now);
		}
		int64_t changed;
		if (write_run(w, st, &changed, e) < 0)
			return -1;
	}
	write_audit(w, "baobao.set_targets", "baobao_target", x->id);
	audit_change_str(&w->changes, "period", NULL, x->period);
	audit_change_str(&w->changes, "targets", before,
	                 targets_text(w->tx, p->zone_id, x->id, x->period, x->a));
	return 0;
}

int bb_targets_set(struct db_pool *pool, const struct principal *p, int64_t id, const char *period,
                   const struct bb_target_in *in, size_t n, struct arena *a, struct yq_err *e)
{
	int y, m;
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	struct targets_run x = {id, period, in, n, a};
	return write_tx(pool, p, do_targets, &x, e);
}

struct dispatch_run {
	int64_t id;
	struct bb_dispatch_in *in;
	struct arena *a;
};

static const char SQL_DISPATCH_INSERT[] =
    "INSERT INTO baobao_dispatch (zone_id, enterprise_id, period, recorded_on, production, "
    "orders, problems, ticket_id, created_by, creator_name, created_at) VALUES (?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_TICKET_NO[] = "SELECT no FROM ticket WHERE id = ? AND zone_id = ?";

/* The title of the request raised: "包保调度:" and the first BB_TITLE_CHARS characters of the
 * problems, line breaks and tabs as spaces. */
static const char *request_title(const char *problems, struct arena *a)
{
	char buf[BB_TITLE_CHARS * 4 + 32];
	size_t o = (size_t)snprintf(buf, sizeof buf, "%s", "包保调度:");
	const unsigned char *s = (const unsigned char *)problems;
	size_t n = strlen(problems), i = 0;
	for (int chars = 0; i < n && chars < BB_TITLE_CHARS; chars++) {
		uint32_t cp;
		int len = utf8_decode(s + i, n - i, &cp);
		if (len <= 0)
			break;
		if (o + (size_t)len + 1 >= sizeof buf)
			break;
		if (cp < 0x20 || cp == 0x7f) {
			buf[o++] = ' ';
		} else {
			memcpy(buf + o, s + i, (size_t)len);
			o += (size_t)len;
		}
		i += (size_t)len;
	}
	buf[o] = '\0';
	return arena_strdup(a, buf);
}

static int do_dispatch(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct dispatch_run *x = arg;
	struct bb_dispatch_in *in = x->in;
	const struct principal *p = w->who;
	struct bb_item item;
	if (writable(w, x->id, in->period, x->a, &item, e) < 0)
		return -1;
	in->ticket_id = 0;
	in->ticket_no = NULL;
	if (in->raise_request) {
		struct ticket t;
		memset(&t, 0, sizeof t);
		t.enterprise_id = x->id;
		t.channel = "visit";
		t.category = in->category && *in->category ? in->category : "其他";
		t.priority = "normal";
		t.title = request_title(in->problems, x->a);
		t.description = in->problems;
		t.lat = t.lon = NAN;
		if (!t.title)
			return write_fail(w, DB_ERR, e);
		if (entity_check(&ENTITY_TICKET, &t, x->a, e) < 0 ||
		    ticket_create_in(w->tx, p, &t, e) < 0)
			return -1;
		in->ticket_id = t.id;
		struct db_stmt *st =
		    db_prepare_with(w->tx, SQL_TICKET_NO, DB_I(t.id), DB_I(p->zone_id));
		if (!st)
			return write_fail(w, DB_ERR, e);
		int rc = db_step(st);
		if (rc == DB_ROW)
			in->ticket_no = dup(x->a, db_col_text(st, 0));
		db_reset(st);
		if (rc < 0)
			return write_fail(w, rc, e);
	}
	struct db_stmt *st = db_prepare_with(
	    w->tx, SQL_DISPATCH_INSERT, DB_I(p->zone_id), DB_I(x->id), DB_T(in->period),
	    DB_T(in->recorded_on), DB_T(in->production), DB_T(in->orders ? in->orders : ""),
	    DB_T(in->problems ? in->problems : ""), DB_O(in->ticket_id), DB_O(p->user_id),
	    DB_T(work_actor_name(p)), DB_I(now_unix()));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (write_insert(w, st, &in->id, e) < 0)
		return -1;
	write_audit(w, "baobao.dispatch", "baobao_dispatch", in->id);
	audit_change_int(&w->changes, "enterprise_id", 0, x->id);
	audit_change_str(&w->changes, "period", NULL, in->period);
	audit_change_str(&w->changes, "recorded_on", NULL, in->recorded_on);
	audit_change_str(&w->changes, "production", NULL, in->production);
	if (in->orders && *in->orders)
		audit_change_str(&w->changes, "orders", NULL, in->orders);
	if (in->problems && *in->problems)
		audit_change_str(&w->changes, "problems", NULL, in->problems);
	if (in->ticket_id)
		audit_change_int(&w->changes, "ticket_id", 0, in->ticket_id);
	return 0;
}

int bb_dispatch_add(struct db_pool *pool, const struct principal *p, int64_t id,
                    struct bb_dispatch_in *in, struct arena *a, struct yq_err *e)
{
	int y, m;
	if (econ_period_check(in->period, &y, &m, e) < 0)
		return -1;
	if (!bb_production_valid(in->production))
		return err_set(e, ERR_VALIDATION, "production",
		               "排产情况应为满负荷(full)、部分开工(partial)或停产(stopped)",
		               "production is full, partial or stopped");
	if (in->raise_request && (!in->problems || !*in->problems))
		return err_set(e, ERR_VALIDATION, "problems", "提交诉求须填写存在问题",
		               "raising a request needs the problems");
	if (in->raise_request && in->category && *in->category &&
	    !ticket_category_valid(in->category))
		return err_set(e, ERR_VALIDATION, "category", "诉求类别无效", "unknown category");
	struct dispatch_run x = {id, in, a};
	return write_tx(pool, p, do_dispatch, &x, e);
}

/* ---- 走访 of a month ---- */

/* The stats by leader: the 包保 enterprises of the caller's scope grouped by leader, each with
 * how many were visited in the month and the month's visits (4 parameters: the month's first and
 * last day, twice), then the scope's. */
#define VISIT_STATS_SELECT                                                                         \
	"SELECT e.leader_user_id, COALESCE(NULLIF(lu.display_name, ''), lu.username, ''), "        \
	"COUNT(*), CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM enterprise_visit v WHERE "             \
	"v.enterprise_id = e.id AND v.visited_on >= ? AND v.visited_on <= ?) THEN 1 ELSE 0 END) "  \
	"AS BIGINT), CAST(SUM((SELECT COUNT(*) FROM enterprise_visit v WHERE v.enterprise_id = "   \
	"e.id AND v.visited_on >= ? AND v.visited_on <= ?)) AS BIGINT)"

struct visit_rows {
	struct bb_visit_stats *out;
	struct arena *a;
	size_t cap;
	int failed;
};

static void visit_row(struct db_stmt *st, struct visit_rows *x)
{
	struct bb_visit_stats *o = x->out;
	if (o->n_leaders == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		struct bb_visit_leader *n = arena_alloc(x->a, cap * sizeof *n);
		if (!n) {
			x->failed = 1;
			return;
		}
		if (o->n_leaders)
			memcpy(n, o->leaders, o->n_leaders * sizeof *n);
		o->leaders = n;
		x->cap = cap;
	}
	struct bb_visit_leader *l = &o->leaders[o->n_leaders++];
	l->leader_id = db_col_int(st, 0);
	l->leader_name = arena_strdup(x->a, db_col_text(st, 1));
	l->enterprises = db_col_int(st, 2);
	l->visited = db_col_int(st, 3);
	l->visits = db_col_int(st, 4);
	o->enterprises += l->enterprises;
	o->visited += l->visited;
	o->visits += l->visits;
}

int bb_visit_stats(struct db *c, const struct principal *p, const char *period, struct arena *a,
                   struct bb_visit_stats *out, struct yq_err *e)
{
	char from[11], to[11], like[320];
	memset(out, 0, sizeof *out);
	snprintf(from, sizeof from, "%.7s-01", period);
	snprintf(to, sizeof to, "%.7s-31", period);
	struct qb q;
	qb_init(&q, VISIT_STATS_SELECT);
	qb_text(&q, from);
	qb_text(&q, to);
	qb_text(&q, from);
	qb_text(&q, to);
	scope_from(&q, p, &ENTITY_ENTERPRISE, " LEFT JOIN app_user lu ON lu.id = e.leader_user_id",
	           like, sizeof like);
	qb_sql(&q, " AND e.archived = 0 AND e.leader_user_id IS NOT NULL GROUP BY "
	           "e.leader_user_id, lu.display_name, lu.username");
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = st ? DB_OK : DB_ERR;
	struct visit_rows x = {out, a, 0, 0};
	while (st && (rc = db_step(st)) == DB_ROW)
		visit_row(st, &x);
	if (st)
		db_reset(st);
	qb_release(&q);
	if (rc < 0 || x.failed)
		return err_db(e, rc < 0 ? rc : DB_ERR);
	/* by name, as the other lists of 包保 */
	for (size_t i = 1; i < out->n_leaders; i++)
		for (size_t j = i; j > 0 && strcmp(out->leaders[j - 1].leader_name,
		                                   out->leaders[j].leader_name) > 0;
		     j--) {
			struct bb_visit_leader t = out->leaders[j];
			out->leaders[j] = out->leaders[j - 1];
			out->leaders[j - 1] = t;
		}
	return 0;
}
