/* Each zone's figures of a month kept as sums (migration 0022): struct econ_sums per zone, month
 * and indicator, so that a province's month is one row per zone and indicator. A zone's month is
 * built from its kept cells on the first read that needs it and dropped by every change of those
 * cells (econ_sums_invalidate, called by econ_cells_update), so a read never meets a stale sum;
 * the figures are then the one rule (econ_figure_of) applied to the zones' sums merged. */
#include "economy/economy.h"
#include "access/perm.h"
#include "db/db.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "db/qb.h"
#include "org/org.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL: the zone's row held against a build until the transaction ends (SQLite has one
 * writer at a time, and a build runs as one) */
static const char SQL_STATE_ADD[] =
    "INSERT INTO econ_zone_state (zone_id) VALUES (?) ON CONFLICT (zone_id) DO NOTHING";
static const char SQL_STATE_SHARE[] =
    "SELECT zone_id FROM econ_zone_state WHERE zone_id = ? FOR SHARE";
static const char SQL_STATE_UPDATE[] =
    "SELECT zone_id FROM econ_zone_state WHERE zone_id = ? FOR UPDATE";
static const char SQL_DROP_RANGE[] =
    "DELETE FROM econ_zone_sum WHERE zone_id = ? AND period >= ? AND period <= ?";
static const char SQL_DROP_ZONE[] = "DELETE FROM econ_zone_sum WHERE zone_id = ?";
static const char SQL_DROP_MONTH[] = "DELETE FROM econ_zone_sum WHERE zone_id = ? AND period = ?";
static const char SQL_KINDS[] = "SELECT id, kind FROM econ_indicator WHERE zone_id = ?";
/* the zone's cells of the month in the covering index's order: each indicator's sum adds its
 * enterprises in the order the zone's own summary does */
static const char SQL_CELLS[] =
    "SELECT v.indicator_id, v.month, v.ytd, v.base_month, v.base_ytd, v.base_year, "
    "v.base_months FROM econ_cell v WHERE v.zone_id = ? AND v.period = ? ORDER BY "
    "v.enterprise_id, v.indicator_id";
static const char SQL_SUM_ADD[] =
    "INSERT INTO econ_zone_sum (zone_id, period, indicator_id, reporting, ytd_n, same_m, same_y, "
    "incomplete, month, ytd, cur_m, base_m, cur_y, base_y, base_full) VALUES (?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ZONES[] = "SELECT id, name FROM zone WHERE region_code LIKE ? ORDER BY id";
static const char SQL_BUILT[] =
    "SELECT zone_id FROM econ_zone_sum WHERE period = ? AND indicator_id = 0";
/* each followed by the zones' condition (econ_summary_zones_in) and its tail */
static const char SQL_INDICATORS[] =
    "SELECT zone_id, id, code, name, unit, kind FROM econ_indicator WHERE active = 1";
static const char SQL_INDICATORS_TAIL[] = " ORDER BY sort, id";
static const char SQL_TARGETS_YEAR[] =
    "SELECT zone_id, indicator_id, target FROM econ_target WHERE year = ?";
static const char SQL_SUMS[] =
    "SELECT zone_id, indicator_id, reporting, ytd_n, same_m, same_y, incomplete, month, ytd, "
    "cur_m, base_m, cur_y, base_y, base_full FROM econ_zone_sum WHERE period = ? AND "
    "indicator_id <> 0";

static int run_zone(struct db *tx, const char *sql, int64_t zone_id, const char *a, const char *b)
{
	struct db_stmt *st = db_prepare_with(tx, sql, DB_I(zone_id));
	if (!st)
		return DB_ERR;
	if (a)
		db_bind_text(st, 2, a);
	if (b)
		db_bind_text(st, 3, b);
	int rc = db_step(st);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* PostgreSQL: takes the zone's state row for share (a change) or for update (a build). The row
 * is made with the zone (econ_zone_init, and 0022 for the zones before it); a build makes it
 * where it is missing, off the writers' path. */
static int hold_zone(struct db *tx, int64_t zone_id, int build)
{
	if (db_engine_of(tx) != DB_POSTGRES)
		return DB_OK;
	int rc = build ? run_zone(tx, SQL_STATE_ADD, zone_id, NULL, NULL) : DB_OK;
	return rc < 0
	           ? rc
	           : run_zone(tx, build ? SQL_STATE_UPDATE : SQL_STATE_SHARE, zone_id, NULL, NULL);
}

int econ_sums_invalidate(struct db *tx, int64_t zone_id, const char *from, const char *to)
{
	int rc = hold_zone(tx, zone_id, 0);
	if (rc < 0)
		return rc;
	return from ? run_zone(tx, SQL_DROP_RANGE, zone_id, from, to)
	            : run_zone(tx, SQL_DROP_ZONE, zone_id, NULL, NULL);
}

/* an indicator of a zone and its sums while building */
struct ind_sum {
	int64_t id;
	int is_flow;
	struct econ_sums s;
};

static int ind_sum_cmp(const void *a, const void *b)
{
	const struct ind_sum *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static double col_nan(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NAN : db_col_double(st, col);
}

static int sum_store(struct db *tx, int64_t zone_id, const char *period, int64_t ind,
                     const struct econ_sums *s)
{
	struct db_stmt *st = db_prepare(tx, SQL_SUM_ADD);
	if (!st)
		return DB_ERR;
	const int64_t n[] = {s->reporting, s->ytd_n, s->same_m, s->same_y, s->incomplete};
	const double d[] = {s->month, s->ytd,    s->cur_m,    s->base_m,
	                    s->cur_y, s->base_y, s->base_full};
	db_bind_args(st, DB_ARGS(DB_I(zone_id), DB_T(period), DB_I(ind)));
	for (int i = 0; i < 5; i++)
		db_bind_int(st, 4 + i, n[i]);
	for (int i = 0; i < 7; i++)
		db_bind_double(st, 9 + i, d[i]);
	return db_run(st) < 0 ? DB_ERR : DB_OK;
}

int econ_sums_build(struct db *tx, int64_t zone_id, const char *period)
{
	struct ind_sum *is = NULL;
	size_t n = 0, cap = 0;
	int rc = hold_zone(tx, zone_id, 1);
	if (rc == DB_OK)
		rc = run_zone(tx, SQL_DROP_MONTH, zone_id, period, NULL);
	struct db_stmt *st = rc == DB_OK ? db_prepare(tx, SQL_KINDS) : NULL;
	if (!st)
		return rc < 0 ? rc : DB_ERR;
	db_bind_int(st, 1, zone_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (yq_grow((void **)&is, n, &cap, sizeof *is, 16) < 0) {
			rc = DB_ERR;
			break;
		}
		const char *kind = db_col_text(st, 1);
		is[n++] =
		    (struct ind_sum){db_col_int(st, 0), kind && strcmp(kind, "flow") == 0, {0}};
	}
	db_reset(st);
	if (rc == DB_DONE && n)
		qsort(is, n, sizeof *is, ind_sum_cmp);
	st = rc == DB_DONE ? db_prepare(tx, SQL_CELLS) : NULL;
	if (st) {
		db_bind_args(st, DB_ARGS(DB_I(zone_id), DB_T(period)));
		while ((rc = db_step(st)) == DB_ROW) {
			struct ind_sum key = {.id = db_col_int(st, 0)};
			struct ind_sum *x =
			    n ? bsearch(&key, is, n, sizeof *is, ind_sum_cmp) : NULL;
			if (!x)
				continue;
			struct econ_cell c = {col_nan(st, 1), col_nan(st, 2),
			                      col_nan(st, 3), col_nan(st, 4),
			                      col_nan(st, 5), (int)db_col_int(st, 6)};
			econ_sums_add(&x->s, x->is_flow, &c);
		}
		db_reset(st);
	} else if (rc == DB_DONE)
		rc = DB_ERR;
	if (rc == DB_DONE) {
		rc = DB_OK;
		for (size_t i = 0; rc == DB_OK && i < n; i++)
			if (is[i].s.reporting)
				rc = sum_store(tx, zone_id, period, is[i].id, &is[i].s);
		if (rc == DB_OK) {
			struct econ_sums none = {0};
			rc = sum_store(tx, zone_id, period, 0, &none); /* built */
		}
	}
	yq_free(is);
	return rc < 0 ? rc : DB_OK;
}

/* ---- the province's figures ---- */

struct zone_ref {
	int64_t id;
	const char *name;
	int built;
};
/* an indicator of a zone: its place among the codes */
struct ind_ref {
	int64_t id;
	size_t zone, code;
};
struct code_ref {
	struct econ_indicator ind;
	int is_flow;
};

static int zone_cmp(const void *a, const void *b)
{
	const struct zone_ref *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int ind_ref_cmp(const void *a, const void *b)
{
	const struct ind_ref *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct zone_ref *zone_find(struct zone_ref *z, size_t n, int64_t id)
{
	struct zone_ref key = {.id = id};
	return n ? bsearch(&key, z, n, sizeof *z, zone_cmp) : NULL;
}

static struct ind_ref *ind_find(struct ind_ref *r, size_t n, int64_t id)
{
	struct ind_ref key = {.id = id};
	return n ? bsearch(&key, r, n, sizeof *r, ind_ref_cmp) : NULL;
}

static const char *dup_col(struct arena *a, struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	return arena_strdup(a, s ? s : "");
}

/* The zones the caller reads (a province user: those of its region), each marked built for the
 * month. */
/* Prepares head, " AND zone_id IN (…)" of the n zones `only` (none: every zone), then tail. */
static struct db_stmt *prepare_in(struct db *c, const char *head, const int64_t *only, size_t n,
                                  const char *tail)
{
	struct qb q;
	qb_init(&q, head);
	if (only && n) {
		qb_sql(&q, " AND zone_id IN (");
		qb_ids(&q, only, n);
		qb_sql(&q, ")");
	}
	qb_sql(&q, tail);
	struct db_stmt *st = qb_prepare(&q, c);
	qb_release(&q);
	return st;
}

static int load_zones(struct db *c, const struct principal *p, const char *period, struct arena *a,
                      struct zone_ref **out, size_t *nz)
{
	struct zone_ref *z = NULL;
	size_t n = 0, cap = 0;
	int rc;
	char like[8];
	*out = NULL;
	*nz = 0;
	if (zone_region_like(p, like) < 0)
		return DB_OK;
	struct db_stmt *st = db_prepare_with(c, SQL_ZONES, DB_T(like));
	if (!st)
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(a, (void **)&z, n, &cap, sizeof *z, 64) < 0) {
			rc = DB_ERR;
			break;
		}
		z[n++] = (struct zone_ref){db_col_int(st, 0), dup_col(a, st, 1), 0};
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	qsort(z, n, sizeof *z, zone_cmp);
	if (!(st = db_prepare_with(c, SQL_BUILT, DB_T(period))))
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW) {
		struct zone_ref *x = zone_find(z, n, db_col_int(st, 0));
		if (x)
			x->built = 1;
	}
	db_reset(st);
	*out = z;
	*nz = n;
	return rc < 0 ? rc : DB_OK;
}

int econ_summary_zones(struct db_pool *pool, struct db *c, const struct principal *p,
                       const char *period, int by_zone, econ_summary_fn fn, void *ctx,
                       size_t *zones, struct yq_err *e)
{
	return econ_summary_zones_in(pool, c, p, period, by_zone, NULL, 0, fn, ctx, zones, e);
}

int econ_summary_zones_in(struct db_pool *pool, struct db *c, const struct principal *p,
                          const char *period, int by_zone, const int64_t *only, size_t n_only,
                          econ_summary_fn fn, void *ctx, size_t *zones, struct yq_err *e)
{
	int y, m;
	*zones = 0;
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	if (p->scope != SCOPE_ALL)
		return err_set(e, ERR_FORBIDDEN, "zone", "只有省级用户可以查看全省汇总",
		               "only province users read every zone's figures");
	struct arena a = ARENA_INIT;
	struct zone_ref *z = NULL;
	size_t nz = 0;
	int rc = load_zones(c, p, period, &a, &z, &nz);
	/* of the region's zones, those asked for */
	if (rc == DB_OK && only) {
		size_t k = 0;
		for (size_t i = 0; i < nz; i++)
			for (size_t j = 0; j < n_only; j++)
				if (z[i].id == only[j]) {
					z[k++] = z[i];
					break;
				}
		nz = k;
	}
	/* the zones whose month is not built yet: built now, each in its own transaction */
	for (size_t i = 0; rc == DB_OK && i < nz; i++) {
		if (z[i].built)
			continue;
		struct db *tx = pool ? db_tx_begin(pool, &rc) : c;
		if (!tx)
			break;
		rc = econ_sums_build(tx, z[i].id, period);
		if (pool) {
			int erc = db_tx_end(pool, tx, rc == DB_OK);
			rc = rc < 0 ? rc : erc;
		}
	}
	/* the codes of the zones' catalogues, in the order of the first met */
	struct ind_ref *ir = NULL;
	struct code_ref *cr = NULL;
	size_t ni = 0, nc = 0, icap = 0, ccap = 0;
	struct db_stmt *st =
	    rc == DB_OK ? prepare_in(c, SQL_INDICATORS, only, n_only, SQL_INDICATORS_TAIL) : NULL;
	if (rc == DB_OK && !st)
		rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		struct zone_ref *zr = zone_find(z, nz, db_col_int(st, 0));
		const char *code = db_col_text(st, 2) ? db_col_text(st, 2) : "";
		if (!zr)
			continue;
		size_t k = 0;
		while (k < nc && strcmp(cr[k].ind.code, code) != 0)
			k++;
		if (k == nc) {
			if (arena_grow(&a, (void **)&cr, nc, &ccap, sizeof *cr, 64) < 0) {
				rc = DB_ERR;
				break;
			}
			memset(&cr[nc], 0, sizeof *cr);
			cr[nc].ind.code = dup_col(&a, st, 2);
			cr[nc].ind.name = dup_col(&a, st, 3);
			cr[nc].ind.unit = dup_col(&a, st, 4);
			cr[nc].ind.kind = dup_col(&a, st, 5);
			cr[nc].is_flow = strcmp(cr[nc].ind.kind, "flow") == 0;
			nc++;
		}
		if (arena_grow(&a, (void **)&ir, ni, &icap, sizeof *ir, 64) < 0) {
			rc = DB_ERR;
			break;
		}
		ir[ni++] = (struct ind_ref){db_col_int(st, 1), (size_t)(zr - z), k};
	}
	if (st)
		db_reset(st);
	if (rc == DB_DONE) {
		rc = DB_OK;
		if (ni)
			qsort(ir, ni, sizeof *ir, ind_ref_cmp);
	}
	/* each zone's sums and target of each code */
	size_t cells = nz * nc;
	struct econ_sums *sums = rc == DB_OK ? arena_zalloc(&a, (cells + 1) * sizeof *sums) : NULL;
	double *targets = rc == DB_OK ? arena_alloc(&a, (cells + 1) * sizeof *targets) : NULL;
	if (rc == DB_OK && (!sums || !targets))
		rc = DB_ERR;
	for (size_t i = 0; rc == DB_OK && i < cells; i++)
		targets[i] = NAN;
	st = rc == DB_OK ? prepare_in(c, SQL_TARGETS_YEAR, only, n_only, "") : NULL;
	if (rc == DB_OK && !st)
		rc = DB_ERR;
	if (st) {
		db_bind_int(st, 1, y);
		while ((rc = db_step(st)) == DB_ROW) {
			struct ind_ref *x = ind_find(ir, ni, db_col_int(st, 1));
			if (x && z[x->zone].id == db_col_int(st, 0))
				targets[x->zone * nc + x->code] = db_col_double(st, 2);
		}
		db_reset(st);
		rc = rc < 0 ? rc : DB_OK;
	}
	st = rc == DB_OK ? prepare_in(c, SQL_SUMS, only, n_only, "") : NULL;
	if (rc == DB_OK && !st)
		rc = DB_ERR;
	if (st) {
		db_bind_text(st, 1, period);
		while ((rc = db_step(st)) == DB_ROW) {
			struct ind_ref *x = ind_find(ir, ni, db_col_int(st, 1));
			if (!x || z[x->zone].id != db_col_int(st, 0))
				continue;
			struct econ_sums s = {
			    .reporting = db_col_int(st, 2),
			    .ytd_n = db_col_int(st, 3),
			    .same_m = db_col_int(st, 4),
			    .same_y = db_col_int(st, 5),
			    .incomplete = db_col_int(st, 6),
			    .month = db_col_double(st, 7),
			    .ytd = db_col_double(st, 8),
			    .cur_m = db_col_double(st, 9),
			    .base_m = db_col_double(st, 10),
			    .cur_y = db_col_double(st, 11),
			    .base_y = db_col_double(st, 12),
			    .base_full = db_col_double(st, 13),
			};
			econ_sums_merge(&sums[x->zone * nc + x->code], &s);
		}
		db_reset(st);
		rc = rc < 0 ? rc : DB_OK;
	}
	for (size_t k = 0; rc == DB_OK && k < nc; k++) {
		if (by_zone) {
			for (size_t i = 0; i < nz; i++) {
				struct econ_summary_row row = {
				    .ind = &cr[k].ind, .group = z[i].name, .zone_id = z[i].id};
				econ_figure_of(cr[k].is_flow, &sums[i * nc + k], m,
				               targets[i * nc + k], &row.fig);
				fn(ctx, &row);
			}
			continue;
		}
		/* the province's target: the zones' summed, when every zone with figures has one */
		struct econ_sums all = {0};
		double target = NAN;
		int partial = 0;
		for (size_t i = 0; i < nz; i++) {
			double t = targets[i * nc + k];
			econ_sums_merge(&all, &sums[i * nc + k]);
			if (!isnan(t))
				target = isnan(target) ? t : target + t;
			else if (sums[i * nc + k].reporting)
				partial = 1;
		}
		struct econ_summary_row row = {.ind = &cr[k].ind};
		econ_figure_of(cr[k].is_flow, &all, m, partial ? NAN : target, &row.fig);
		fn(ctx, &row);
	}
	arena_release(&a);
	*zones = nz;
	return rc < 0 ? err_db(e, rc) : 0;
}
