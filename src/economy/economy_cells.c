/* The economy's kept cells (migration 0021): for each month an enterprise reported and each
 * indicator, the struct econ_cell that the figures read (economy.h), so that a zone's month is
 * one row per enterprise and indicator. Computed here from the values of the reports not
 * returned; the migrations build the same from SQL once (0021, and 0023 for the 累计 同口径
 * rule of econ_cell_of). */
#include "economy/economy.h"
#include "lib/alloc.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* one counted value, as read */
struct cval {
	int64_t ent, ind, report;
	int k; /* year × 12 + month − 1 */
	double value;
};

/* the values of an enterprise (or a zone) from January of the year before `from` on */
static const char SQL_VALUES_ENT[] =
    "SELECT v.enterprise_id, v.indicator_id, v.period, v.value, v.report_id FROM econ_value v "
    "JOIN econ_report r ON r.id = v.report_id WHERE v.enterprise_id = ? AND v.period >= ? AND "
    "v.period <= ? AND r.status <> 'returned' ORDER BY v.indicator_id, v.period";
static const char SQL_VALUES_ZONE[] =
    "SELECT v.enterprise_id, v.indicator_id, v.period, v.value, v.report_id FROM econ_value v "
    "JOIN econ_report r ON r.id = v.report_id WHERE v.zone_id = ? AND r.status <> 'returned' "
    "ORDER BY v.enterprise_id, v.indicator_id, v.period";
static const char SQL_CLEAR_ENT[] =
    "DELETE FROM econ_cell WHERE enterprise_id = ? AND period >= ? AND period <= ?";
static const char SQL_CLEAR_ZONE[] = "DELETE FROM econ_cell WHERE zone_id = ?";
#define CELL_COLS                                                                                  \
	"INSERT INTO econ_cell (zone_id, period, enterprise_id, indicator_id, report_id, month, "  \
	"ytd, base_month, base_ytd, base_year, base_months) VALUES "
#define CELL1 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
/* five cells a statement: 55 parameters (the database layer binds at most 64) */
enum { CELLS_PER = 5 };
static const char SQL_CELLS5[] = CELL_COLS CELL1 ", " CELL1 ", " CELL1 ", " CELL1 ", " CELL1;
static const char SQL_CELL1[] = CELL_COLS CELL1;

static void period_of(int k, char out[8])
{
	econ_period_shift(k / 12, k % 12 + 1, 0, out);
}

/* Reads the rows of st into a growing array. */
static int read_values(struct db_stmt *st, struct cval **out, size_t *n)
{
	size_t cap = 0;
	struct cval *v = NULL;
	int rc;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int y, m;
		if (econ_period_parse(db_col_text(st, 2), &y, &m) < 0)
			continue;
		if (yq_grow((void **)&v, *n, &cap, sizeof *v, 256) < 0) {
			rc = DB_ERR;
			break;
		}
		v[*n] = (struct cval){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 4),
		                      y * 12 + m - 1, db_col_double(st, 3)};
		(*n)++;
	}
	db_reset(st);
	*out = v;
	return rc < 0 ? rc : DB_OK;
}

struct econ_cell econ_cell_of(const struct econ_mval *s, size_t n, size_t j)
{
	int k = s[j].k, y0 = k / 12 * 12, b = k - 12, by0 = y0 - 12;
	/* the months of January..m with a value, this year and the base year (bit 0: January) */
	unsigned now = 0, then = 0;
	struct econ_cell c = {s[j].value, 0, NAN, NAN, NAN, 0};
	for (size_t i = 0; i < n; i++) {
		int ki = s[i].k;
		if (ki >= y0 && ki <= k) {
			c.ytd += s[i].value;
			now |= 1u << (ki - y0);
		}
		if (ki == b)
			c.base_month = s[i].value;
		if (ki >= by0 && ki <= b) {
			c.base_ytd = isnan(c.base_ytd) ? s[i].value : c.base_ytd + s[i].value;
			then |= 1u << (ki - by0);
		}
		if (ki >= by0 && ki < y0) {
			c.base_year = isnan(c.base_year) ? s[i].value : c.base_year + s[i].value;
			c.base_months++;
		}
	}
	/* 累计 同口径: a base of other months than this year's 1–N月 is no base (an enterprise that
	 * entered during the base year, or missed a month in either year) */
	if (now != then)
		c.base_ytd = NAN;
	return c;
}

static void bind_opt_double(struct db_stmt *st, int i, double v)
{
	if (isnan(v))
		db_bind_null(st, i);
	else
		db_bind_double(st, i, v);
}

/* Binds cell c of value x at parameter a (11 parameters). */
static void bind_cell(struct db_stmt *st, int a, int64_t zone_id, const struct cval *x,
                      const struct econ_cell *c)
{
	char p[8];
	period_of(x->k, p);
	db_bind_int(st, a, zone_id);
	db_bind_text(st, a + 1, p);
	db_bind_int(st, a + 2, x->ent);
	db_bind_int(st, a + 3, x->ind);
	db_bind_int(st, a + 4, x->report);
	db_bind_double(st, a + 5, c->month);
	db_bind_double(st, a + 6, c->ytd);
	bind_opt_double(st, a + 7, c->base_month);
	bind_opt_double(st, a + 8, c->base_ytd);
	bind_opt_double(st, a + 9, c->base_year);
	db_bind_int(st, a + 10, c->base_months);
}

/* Writes the cells of the values v[0..n) whose month is in [k_from, k_to]; v sorted by
 * enterprise, indicator and month. */
static int write_cells(struct db *tx, int64_t zone_id, const struct cval *v, size_t n, int k_from,
                       int k_to)
{
	struct econ_cell *cells = yq_malloc((n + 1) * sizeof *cells);
	struct econ_mval *mv = yq_malloc((n + 1) * sizeof *mv);
	size_t *at = yq_malloc((n + 1) * sizeof *at), nc = 0;
	int rc = cells && mv && at ? DB_OK : DB_ERR;
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		mv[i] = (struct econ_mval){v[i].k, v[i].value};
	for (size_t s0 = 0, s1; rc == DB_OK && s0 < n; s0 = s1) {
		for (s1 = s0; s1 < n && v[s1].ent == v[s0].ent && v[s1].ind == v[s0].ind; s1++)
			;
		for (size_t j = s0; j < s1; j++)
			if (v[j].k >= k_from && v[j].k <= k_to) {
				cells[nc] = econ_cell_of(mv + s0, s1 - s0, j - s0);
				at[nc++] = j;
			}
	}
	for (size_t i = 0; rc == DB_OK && i < nc;) {
		size_t k = nc - i >= CELLS_PER ? CELLS_PER : 1;
		struct db_stmt *st = db_prepare(tx, k == CELLS_PER ? SQL_CELLS5 : SQL_CELL1);
		if (!st) {
			rc = DB_ERR;
			break;
		}
		for (size_t q = 0; q < k; q++)
			bind_cell(st, (int)q * 11 + 1, zone_id, &v[at[i + q]], &cells[i + q]);
		if (db_run(st) < 0)
			rc = DB_ERR;
		i += k;
	}
	yq_free(cells);
	yq_free(mv);
	yq_free(at);
	return rc;
}

int econ_cells_update(struct db *tx, int64_t zone_id, int64_t ent, const char *period)
{
	int y = 0, m = 0;
	if (ent && econ_period_parse(period, &y, &m) < 0)
		return DB_OK;
	/* a month's value counts in its year's 累计 and in the next year's base */
	int k_from = ent ? y * 12 + m - 1 : 0, k_to = ent ? (y + 1) * 12 + 11 : 100 * 12 * 100;
	char from[8], lo[8], hi[8];
	if (ent) {
		period_of(k_from, from);
		period_of((y - 1) * 12, lo);
		period_of(k_to, hi);
	}
	struct db_stmt *st = db_prepare(tx, ent ? SQL_VALUES_ENT : SQL_VALUES_ZONE);
	if (!st)
		return DB_ERR;
	if (ent) {
		db_bind_args(st, DB_ARGS(DB_I(ent), DB_T(lo), DB_T(hi)));
	} else
		db_bind_int(st, 1, zone_id);
	struct cval *v = NULL;
	size_t n = 0;
	int rc = read_values(st, &v, &n);
	/* the zone's kept sums of the months changed go with them */
	if (rc == DB_OK)
		rc = econ_sums_invalidate(tx, zone_id, ent ? from : NULL, ent ? hi : NULL);
	if (rc == DB_OK) {
		st = db_prepare(tx, ent ? SQL_CLEAR_ENT : SQL_CLEAR_ZONE);
		if (!st)
			rc = DB_ERR;
		else if (ent) {
			db_bind_args(st, DB_ARGS(DB_I(ent), DB_T(from), DB_T(hi)));
		} else
			db_bind_int(st, 1, zone_id);
		if (st && db_run(st) < 0)
			rc = DB_ERR;
	}
	if (rc == DB_OK)
		rc = write_cells(tx, zone_id, v, n, k_from, k_to);
	yq_free(v);
	return rc;
}
