/* The figures of zones for comparison and ranking, and the schemes (see province.h). */
#include "province/province.h"
#include "economy/economy.h"
#include "org/org.h"
#include "org/region.h"
#include "project/project_stats.h"
#include "space/space.h"
#include "ticket/ticket_store.h"
#include "lib/util.h"
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_ZONES_IN[] =
    "SELECT z.id, z.name, z.region_code, COALESCE(g.name, ''), z.level FROM zone z "
    "LEFT JOIN region g ON g.code = z.region_code WHERE z.region_code LIKE ? ORDER BY z.id";
static const char SQL_ZONE_ONE[] =
    "SELECT z.id, z.name, z.region_code, COALESCE(g.name, ''), z.level FROM zone z "
    "LEFT JOIN region g ON g.code = z.region_code WHERE z.id = ?";
static const char SQL_SCHEME_ONE[] =
    "SELECT id, name, region_code, method, items FROM rank_scheme WHERE id = ?";
static const char SQL_SCHEME_DEFAULT[] =
    "SELECT id, name, region_code, method, items FROM rank_scheme WHERE is_default = 1 AND "
    "region_code = ? ORDER BY id DESC LIMIT 1";
static const char SQL_SCHEME_CLEAR[] =
    "UPDATE rank_scheme SET is_default = 0 WHERE region_code = ?";
static const char SQL_SCHEME_INSERT[] =
    "INSERT INTO rank_scheme (region_code, name, method, items, is_default, created_at) VALUES "
    "(?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_ZONE_REGION[] = "SELECT region_code FROM zone WHERE id = ?";

/* The region whose zones the caller compares: a province user's own, a zone user's none. */
static const char *caller_region(const struct principal *p)
{
	return p->scope == SCOPE_ALL ? (p->region ? p->region : "") : NULL;
}

int prov_zones(struct db *c, const struct principal *p, const int64_t *ids, size_t n,
               struct arena *a, struct prov_zone **out, size_t *nz, struct yq_err *e)
{
	const char *region = caller_region(p);
	char like[8];
	*out = NULL;
	*nz = 0;
	if (region && region_like(region, like) < 0)
		return 0;
	struct prov_zone *z = NULL;
	size_t cap = 0, k = 0;
	int rc = DB_OK;
	for (;;) {
		/* the whole region, or each zone asked for (a zone's user: its own) */
		struct db_stmt *st;
		if (region && !n)
			st = db_prepare_with(c, SQL_ZONES_IN, DB_T(like));
		else if (!region)
			st = db_prepare_with(c, SQL_ZONE_ONE, DB_I(p->zone_id));
		else
			st = db_prepare_with(c, SQL_ZONE_ONE, DB_I(ids[k]));
		if (!st)
			return err_db(e, DB_ERR);
		int found = 0;
		while ((rc = db_step(st)) == DB_ROW) {
			const char *rcode = db_col_text(st, 2);
			if (region && !region_within(region, rcode))
				continue;
			if (arena_grow(a, (void **)&z, *nz, &cap, sizeof *z, 16) < 0) {
				rc = DB_ERR;
				break;
			}
			z[(*nz)++] = (struct prov_zone){
			    db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)),
			    arena_strdup(a, rcode), arena_strdup(a, db_col_text(st, 3)),
			    arena_strdup(a, db_col_text(st, 4))};
			found = 1;
		}
		db_reset(st);
		if (rc < 0 || rc == DB_ERR)
			return err_db(e, rc < 0 ? rc : DB_ERR);
		if (region && n && !found)
			return err_set(e, ERR_NOT_FOUND, "zones", "园区不存在", "no such zone");
		if (!region || !n || ++k >= n)
			break;
	}
	/* a zone's user compares its zone alone */
	if (!region && n && !(n == 1 && ids[0] == p->zone_id))
		return err_set(e, ERR_NOT_FOUND, "zones", "园区不存在", "no such zone");
	*out = z;
	return 0;
}

/* Unix seconds of midnight (China Standard Time) of y-m-d; m may be 13 (next January). */
static int64_t cst_midnight(int y, int m, int d)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900 + (m > 12);
	tm.tm_mon = (m > 12 ? m - 12 : m) - 1;
	tm.tm_mday = d;
	return (int64_t)timegm(&tm) - 8 * 3600;
}

struct econ_fill {
	const struct prov_zone *zones;
	size_t nz, nm;
	const struct prov_metric *const *metrics;
	double *values, *targets;
	int month;
	int64_t own; /* a zone user's zone (econ_summary's rows name none) */
};

static void econ_row(void *ctx, const struct econ_summary_row *row)
{
	struct econ_fill *f = ctx;
	size_t z = 0;
	while (z < f->nz && f->zones[z].id != row->zone_id)
		z++;
	if (z == f->nz || !row->fig.reporting)
		return;
	for (size_t k = 0; k < f->nm; k++) {
		const struct prov_metric *m = f->metrics[k];
		if ((m->src != SRC_ECON_YTD && m->src != SRC_ECON_YOY) ||
		    strcmp(m->key, row->ind->code))
			continue;
		if (m->src == SRC_ECON_YTD) {
			f->values[z * f->nm + k] = row->fig.ytd_value;
			/* the zone's own target, as far as the months of the year have run (序时)
			 */
			if (f->targets && !isnan(row->fig.target))
				f->targets[z * f->nm + k] = row->fig.target * f->month / 12.0;
		} else if (!isnan(row->fig.ytd_yoy))
			f->values[z * f->nm + k] = row->fig.ytd_yoy * 100;
	}
}

static void econ_row_own(void *ctx, const struct econ_summary_row *row)
{
	struct econ_summary_row r = *row;
	r.zone_id = ((struct econ_fill *)ctx)->own;
	econ_row(ctx, &r);
}

static double rate(long num, long den)
{
	return den > 0 ? 100.0 * (double)num / (double)den : NAN;
}

int prov_figures(struct db_pool *pool, struct db *c, const struct principal *p,
                 const struct prov_zone *zones, size_t nz, const char *period,
                 const struct prov_metric *const *metrics, size_t nm, double *values,
                 double *targets, int flags, struct yq_err *e)
{
	int y, mo;
	if (econ_period_check(period, &y, &mo, e) < 0)
		return -1;
	for (size_t i = 0; i < nz * nm; i++) {
		values[i] = NAN;
		if (targets)
			targets[i] = NAN;
	}
	int want_econ = 0, want_proj = 0, want_ticket = 0, want_space = 0, want_funds = 0;
	for (size_t k = 0; k < nm; k++) {
		want_econ |= metrics[k]->src == SRC_ECON_YTD || metrics[k]->src == SRC_ECON_YOY;
		want_proj |= metrics[k]->src == SRC_PROJECT;
		want_funds |=
		    metrics[k]->src == SRC_PROJECT && strcmp(metrics[k]->key, "funds") == 0;
		want_ticket |= metrics[k]->src == SRC_TICKET;
		want_space |= metrics[k]->src == SRC_SPACE;
	}
	if (flags & PROV_NO_SPACE)
		want_space = 0;
	int64_t *ids = nz ? malloc(nz * sizeof *ids) : NULL;
	if (nz && !ids)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	for (size_t z = 0; z < nz; z++)
		ids[z] = zones[z].id;
	if (want_econ && nz) {
		/* a province user: every zone of its region at once, from the kept sums (a few
		 * zones: read for them alone); a zone's user: its zone's summary */
		struct econ_fill f = {zones, nz, nm, metrics, values, targets, mo, zones[0].id};
		size_t n;
		if (p->scope == SCOPE_ALL
		        ? econ_summary_zones_in(pool, c, p, period, 1, nz <= 32 ? ids : NULL, nz,
		                                econ_row, &f, &n, e) < 0
		        : econ_summary(c, p, period, NULL, econ_row_own, &f, e) < 0) {
			free(ids);
			return -1;
		}
	}
	char asof[11];
	int64_t from = cst_midnight(y, 1, 1), to = cst_midnight(y, mo + 1, 1);
	snprintf(asof, sizeof asof, "%04d-%02d-%02d", y, mo, 1);
	{
		/* the last day of the month */
		time_t t = (time_t)(to + 8 * 3600 - 86400);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(asof, sizeof asof, "%Y-%m-%d", &tm);
	}
	/* the projects and the requests of every zone at once */
	struct proj_figures *pfs = NULL;
	struct ticket_stat_row *tss = NULL;
	int ret = 0;
	if (want_proj && nz) {
		int rc = (pfs = malloc(nz * sizeof *pfs))
		             ? proj_actuals_zones(c, ids, nz, y, asof, want_funds, pfs)
		             : DB_ERR;
		if (rc < 0)
			ret = err_db(e, rc);
	}
	if (!ret && want_ticket && nz)
		ret = (tss = malloc(nz * sizeof *tss))
		          ? ticket_totals_zones(c, p, ids, nz, from, to, tss, e)
		          : err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	for (size_t z = 0; !ret && z < nz; z++) {
		struct principal zp = *p;
		zp.zone_id = zones[z].id;
		zp.scope = SCOPE_ZONE;
		struct space_summary ss;
		struct arena a = ARENA_INIT;
		int have_p = pfs != NULL, have_t = tss != NULL, have_s = 0;
		const struct proj_figures *pf = pfs ? &pfs[z] : NULL;
		if (want_space) {
			if (space_summary(c, &zp, &a, &ss, e) < 0) {
				arena_release(&a);
				ret = -1;
				break;
			}
			have_s = 1;
		}
		for (size_t k = 0; k < nm; k++) {
			const struct prov_metric *m = metrics[k];
			double *v = &values[z * nm + k];
			if (m->src == SRC_PROJECT && have_p) {
				for (int fi = 0; fi < FIG__COUNT; fi++)
					if (strcmp(PROJ_FIG_KEYS[fi], m->key) == 0)
						*v = pf->v[fi];
			} else if (m->src == SRC_TICKET && have_t) {
				const struct ticket_stat_row *t = &tss[z];
				*v = strcmp(m->key, "received") == 0 ? (double)t->received
				     : strcmp(m->key, "resolve_rate") == 0
				         ? rate(t->resolved, t->received)
				         : rate(t->satisfied, t->rated);
			} else if (m->src == SRC_SPACE && have_s)
				*v = ss.units ? 100.0 * (double)ss.vacant / (double)ss.units : NAN;
		}
		arena_release(&a);
	}
	free(ids);
	free(pfs);
	free(tss);
	return ret;
}

/* Reads the scheme row of st into out (strings in a). */
static int scheme_row(struct db_stmt *st, struct arena *a, struct prov_scheme *out,
                      struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	out->id = db_col_int(st, 0);
	out->name = arena_strdup(a, db_col_text(st, 1));
	out->region_code = arena_strdup(a, db_col_text(st, 2));
	const char *method = db_col_text(st, 3);
	for (int i = 0; PROV_METHODS[i]; i++)
		if (method && strcmp(method, PROV_METHODS[i]) == 0)
			out->method = (enum prov_method)i;
	return prov_parse_items(db_col_text(st, 4), out, e);
}

int prov_scheme_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                    struct prov_scheme *out, struct yq_err *e)
{
	/* the caller's region: a province user's own, a zone user's its zone's */
	char zr[16] = "";
	const char *region = caller_region(p);
	if (!region) {
		int rc = db_query_text(c, SQL_ZONE_REGION, p->zone_id, NULL, zr, sizeof zr);
		if (rc < 0)
			return err_db(e, rc);
		region = zr;
	}
	if (id) {
		struct db_stmt *st = db_prepare_with(c, SQL_SCHEME_ONE, DB_I(id));
		if (!st)
			return err_db(e, DB_ERR);
		int rc = db_step(st), ret = 0;
		/* a scheme of the caller's region or of a region above it */
		if (rc == DB_ROW && (region_within(db_col_text(st, 2), region) || !*region))
			ret = scheme_row(st, a, out, e);
		else
			ret = rc < 0 ? err_db(e, rc)
			             : err_set(e, ERR_NOT_FOUND, "scheme", "考核方案不存在",
			                       "no such scheme");
		db_reset(st);
		return ret;
	}
	/* the default of the nearest region up the tree that has one */
	char at[7];
	snprintf(at, sizeof at, "%s", region);
	while (*at) {
		struct db_stmt *st = db_prepare_with(c, SQL_SCHEME_DEFAULT, DB_T(at));
		if (!st)
			return err_db(e, DB_ERR);
		int rc = db_step(st), ret = rc == DB_ROW ? scheme_row(st, a, out, e) : 0;
		db_reset(st);
		if (rc < 0)
			return err_db(e, rc);
		if (rc == DB_ROW)
			return ret;
		char up[7];
		region_parent(at, up);
		memcpy(at, up, sizeof at);
	}
	prov_default_scheme(out);
	out->region_code = region;
	return 0;
}

int prov_scheme_add(struct db *c, const char *region_code, const char *name, const char *method,
                    const char *items, int is_default, int64_t *id, struct yq_err *e)
{
	struct prov_scheme s;
	if (region_check_code(region_code, 0, "region_code", e) < 0 ||
	    region_check_known(c, region_code, "region_code", e) < 0 ||
	    prov_parse_items(items, &s, e) < 0)
		return -1;
	if (!name || !*name || strlen(name) > 96)
		return err_set(e, ERR_VALIDATION, "name", "方案名称应为1到32个字",
		               "a scheme's name has 1 to 32 characters");
	int known = 0;
	for (int i = 0; method && PROV_METHODS[i]; i++)
		known |= strcmp(method, PROV_METHODS[i]) == 0;
	if (!known)
		return err_set(e, ERR_VALIDATION, "method",
		               "计分方法应为排名计分、极值标准化或目标完成度",
		               "the method is rank, minmax or target");
	char text[2048];
	prov_items_text(&s, text, sizeof text);
	if (is_default && db_do(c, SQL_SCHEME_CLEAR, DB_T(region_code)) < 0)
		return err_db(e, DB_ERR);
	struct db_stmt *st =
	    db_prepare_with(c, SQL_SCHEME_INSERT, DB_T(region_code), DB_T(name), DB_T(method),
	                    DB_T(text), DB_I(is_default ? 1 : 0), DB_I(now_unix()));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? 0 : err_db(e, rc < 0 ? rc : DB_ERR);
}
