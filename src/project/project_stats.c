/* The figures of projects (see project_stats.h). */
#include "project/project_stats.h"
#include "project/project_int.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const PROJ_FIG_KEYS[FIG__COUNT] = {"signed_count", "signed_amount", "count_100m",
                                               "count_500m",   "count_1000m",   "count_usd100m",
                                               "funds",        "started_count", "producing_count"};
const char *const PROJ_FIG_LABELS[FIG__COUNT] = {
    "签约项目数",      "签约金额（万元）", "亿元以上项目", "5亿元以上项目", "10亿元以上项目",
    "1亿美元以上项目", "到位资金（万元）", "开工项目数",   "投产项目数"};
/* The default weights of the 龙虎榜 (a zone sets its own). */
static const double DEFAULT_WEIGHTS[FIG__COUNT] = {25, 25, 10, 0, 0, 0, 15, 15, 10};

/* ---- the actuals ---- */

/* The conditions narrowing the projects to a bureau's subtree and a person. */
static void who_where(struct qb *q, int64_t zone_id, int64_t dept_id, int64_t user_id, char *like)
{
	qb_int(q, zone_id);
	if (dept_id) {
		snprintf(like, 32, "%%/%lld/%%", (long long)dept_id);
		qb_sql(q, " AND p.dept_id IN (SELECT id FROM dept WHERE path LIKE ?)");
		qb_text(q, like);
	}
	if (user_id) {
		qb_sql(q, " AND p.owner_user_id = ?");
		qb_int(q, user_id);
	}
}

#define SIGNED "p.sign_date >= ? AND p.sign_date <= ?"
#define ACTUALS_COLS                                                                               \
	"COALESCE(SUM(CASE WHEN " SIGNED " THEN 1 ELSE 0 END), 0), "                               \
	"COALESCE(SUM(CASE WHEN " SIGNED " THEN p.amount_wan ELSE 0 END), 0), "                    \
	"COALESCE(SUM(CASE WHEN " SIGNED " AND p.amount_wan >= 10000 THEN 1 ELSE 0 END), 0), "     \
	"COALESCE(SUM(CASE WHEN " SIGNED " AND p.amount_wan >= 50000 THEN 1 ELSE 0 END), 0), "     \
	"COALESCE(SUM(CASE WHEN " SIGNED " AND p.amount_wan >= 100000 THEN 1 ELSE 0 END), 0), "    \
	"COALESCE(SUM(CASE WHEN " SIGNED                                                           \
	" AND p.currency = 'USD' AND p.total_investment >= 10000 "                                 \
	"THEN 1 ELSE 0 END), 0), "                                                                 \
	"COALESCE(SUM(CASE WHEN p.start_date >= ? AND p.start_date <= ? THEN 1 ELSE 0 END), 0), "  \
	"COALESCE(SUM(CASE WHEN p.produce_date >= ? AND p.produce_date <= ? THEN 1 ELSE 0 END), "  \
	"0) "
static const char SQL_ACTUALS[] = "SELECT " ACTUALS_COLS "FROM project p WHERE p.zone_id = ?";
static const char SQL_FUNDS[] =
    "SELECT COALESCE(SUM(i.funds), 0) FROM project_invest i JOIN project p ON p.id = "
    "i.project_id WHERE i.month >= ? AND i.month <= ? AND p.zone_id = ?";

int proj_actuals(struct db *c, int64_t zone_id, int64_t dept_id, int64_t user_id, int year,
                 const char *asof, struct proj_figures *out)
{
	char y0[16], like[32], m0[16], m1[8];
	struct qb q;
	memset(out, 0, sizeof *out);
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	qb_init(&q, SQL_ACTUALS);
	for (int k = 0; k < 8; k++) {
		qb_text(&q, y0);
		qb_text(&q, asof);
	}
	who_where(&q, zone_id, dept_id, user_id, like);
	static const enum proj_fig cols[] = {FIG_SIGNED_COUNT, FIG_SIGNED_AMOUNT, FIG_COUNT_100M,
	                                     FIG_COUNT_500M,   FIG_COUNT_1000M,   FIG_COUNT_USD100M,
	                                     FIG_STARTED,      FIG_PRODUCING};
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		if ((rc = db_step(st)) == DB_ROW)
			for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
				out->v[cols[i]] = db_col_double(st, (int)i);
		db_reset(st);
	}
	qb_release(&q);
	if (rc < 0)
		return rc;
	snprintf(m0, sizeof m0, "%04d-01", year);
	snprintf(m1, sizeof m1, "%.7s", asof);
	qb_init(&q, SQL_FUNDS);
	qb_text(&q, m0);
	qb_text(&q, m1);
	who_where(&q, zone_id, dept_id, user_id, like);
	rc = DB_ERR;
	if ((st = qb_prepare(&q, c))) {
		if ((rc = db_step(st)) == DB_ROW)
			out->v[FIG_FUNDS] = db_col_double(st, 0);
		db_reset(st);
	}
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

/* proj_actuals of each of n zones, in a statement grouped by zone (the province's ranking), and
 * a second for the funds: the zone ids are written into the statements as numbers. */
int proj_actuals_zones(struct db *c, const int64_t *zone_ids, size_t n, int year, const char *asof,
                       int with_funds, struct proj_figures *out)
{
	memset(out, 0, n * sizeof *out);
	if (!n)
		return DB_OK;
	char y0[16], m0[16], m1[8];
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(m0, sizeof m0, "%04d-01", year);
	snprintf(m1, sizeof m1, "%.7s", asof);
	static const enum proj_fig cols[] = {FIG_SIGNED_COUNT, FIG_SIGNED_AMOUNT, FIG_COUNT_100M,
	                                     FIG_COUNT_500M,   FIG_COUNT_1000M,   FIG_COUNT_USD100M,
	                                     FIG_STARTED,      FIG_PRODUCING};
	int rc = DB_OK;
	for (int pass = 0; pass < 1 + !!with_funds && rc >= 0; pass++) {
		struct qb q;
		qb_init(&q,
		        pass ? "SELECT p.zone_id, COALESCE(SUM(i.funds), 0) FROM project_invest i "
		               "JOIN project p ON p.id = i.project_id WHERE i.month >= ? AND "
		               "i.month <= ? AND p.zone_id IN ("
		             : "SELECT p.zone_id, " ACTUALS_COLS
		               "FROM project p WHERE p.zone_id IN (");
		if (pass) {
			qb_text(&q, m0);
			qb_text(&q, m1);
		} else
			for (int k = 0; k < 8; k++) {
				qb_text(&q, y0);
				qb_text(&q, asof);
			}
		qb_ids(&q, zone_ids, n);
		qb_sql(&q, ") GROUP BY p.zone_id");
		struct db_stmt *st = qb_prepare(&q, c);
		rc = st ? DB_OK : DB_ERR;
		while (st && (rc = db_step(st)) == DB_ROW) {
			int64_t id = db_col_int(st, 0);
			for (size_t z = 0; z < n; z++) {
				if (zone_ids[z] != id)
					continue;
				if (pass)
					out[z].v[FIG_FUNDS] = db_col_double(st, 1);
				else
					for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
						out[z].v[cols[i]] = db_col_double(st, (int)i + 1);
			}
		}
		if (st)
			db_reset(st);
		qb_release(&q);
	}
	return rc < 0 ? rc : DB_OK;
}

/* ---- the zone's figures of a year ---- */

/* The day the figures of `year` are read on: today, or the year's last day for a past year. */
static void asof_of(int year, char out[11])
{
	char today[11];
	cst_day(now_unix(), today);
	int ty = (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
	         (today[3] - '0');
	char end[16];
	snprintf(end, sizeof end, "%04d-12-31", year % 10000);
	memcpy(out, year < ty ? end : today, 11);
	out[10] = 0;
}

/* One row of two counts: planned in the year, and of them reached by asof. */
static int rate(struct db *c, const struct principal *p, const char *plan_col, const char *act_col,
                const char *y0, const char *y1, const char *asof, int64_t *num, int64_t *den)
{
	char like[320], sql[256];
	struct qb q;
	snprintf(sql, sizeof sql,
	         "SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.%s IS NOT NULL AND p.%s <= ? THEN 1 "
	         "ELSE 0 END), 0)",
	         act_col, act_col);
	qb_init(&q, sql);
	qb_text(&q, asof);
	proj_from(&q, p, like, sizeof like);
	snprintf(sql, sizeof sql, " AND p.%s >= ? AND p.%s <= ?", plan_col, plan_col);
	qb_sql(&q, sql);
	qb_text(&q, y0);
	qb_text(&q, y1);
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		if ((rc = db_step(st)) == DB_ROW) {
			*den = db_col_int(st, 0);
			*num = db_col_int(st, 1);
		}
		db_reset(st);
	}
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

/* The average working days from `from_col` to the start, over the projects started in the
 * year that have both dates. */
static int avg_days(struct db *c, const struct principal *p, const struct calendar *cal,
                    const char *from_col, const char *y0, const char *asof, double *avg, int64_t *n)
{
	char like[320], sql[128];
	struct qb q;
	snprintf(sql, sizeof sql, "SELECT p.%s, p.start_date", from_col);
	qb_init(&q, sql);
	proj_from(&q, p, like, sizeof like);
	snprintf(sql, sizeof sql,
	         " AND p.start_date >= ? AND p.start_date <= ? AND p.%s IS NOT NULL", from_col);
	qb_sql(&q, sql);
	qb_text(&q, y0);
	qb_text(&q, asof);
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	double sum = 0;
	*n = 0;
	if (st) {
		while ((rc = db_step(st)) == DB_ROW) {
			int d =
			    calendar_workdays_between(cal, db_col_text(st, 0), db_col_text(st, 1));
			if (d < 0)
				continue;
			sum += d;
			(*n)++;
		}
		db_reset(st);
	}
	qb_release(&q);
	*avg = *n ? sum / (double)*n : NAN;
	return rc < 0 ? rc : DB_OK;
}

int proj_stats(struct db *c, const struct principal *p, int year, struct proj_stats *out,
               struct yq_err *e)
{
	char y0[16], y1[16], asof[11], m0[16], m1[16], like[320];
	memset(out, 0, sizeof *out);
	out->year = year;
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(y1, sizeof y1, "%04d-12-31", year);
	snprintf(m0, sizeof m0, "%04d-01", year);
	snprintf(m1, sizeof m1, "%04d-12", year);
	asof_of(year, asof);
	struct principal zone = *p;
	zone.scope = SCOPE_ZONE; /* the zone's figures (project_stats.h) */
	int rc = proj_actuals(c, p->zone_id, 0, 0, year, asof, &out->fig);
	if (rc >= 0)
		rc = rate(c, &zone, "plan_start_date", "start_date", y0, y1, asof, &out->start_num,
		          &out->start_den);
	if (rc >= 0)
		rc = rate(c, &zone, "plan_produce_date", "produce_date", y0, y1, asof,
		          &out->produce_num, &out->produce_den);
	if (rc < 0)
		return err_db(e, rc);
	struct qb q;
	qb_init(&q, "SELECT COALESCE(SUM(i.planned), 0), COALESCE(SUM(i.actual), 0) FROM "
	            "project_invest i WHERE i.zone_id = ? AND i.month >= ? AND i.month <= ?");
	qb_int(&q, p->zone_id);
	qb_text(&q, m0);
	qb_text(&q, m1);
	struct db_stmt *st = qb_prepare(&q, c);
	rc = DB_ERR;
	if (st) {
		if ((rc = db_step(st)) == DB_ROW) {
			out->invest_planned = db_col_double(st, 0);
			out->invest_actual = db_col_double(st, 1);
		}
		db_reset(st);
	}
	qb_release(&q);
	if (rc < 0)
		return err_db(e, rc);
	qb_init(&q, "SELECT p.stage, COUNT(*)");
	proj_from(&q, &zone, like, sizeof like);
	qb_sql(&q, " GROUP BY p.stage");
	rc = DB_ERR;
	if ((st = qb_prepare(&q, c))) {
		while ((rc = db_step(st)) == DB_ROW) {
			enum proj_stage s = proj_stage_from_name(db_col_text(st, 0));
			if (s < PS__COUNT)
				out->by_stage[s] = db_col_int(st, 1);
		}
		db_reset(st);
	}
	qb_release(&q);
	if (rc < 0)
		return err_db(e, rc);
	struct calendar *cal = NULL;
	if ((rc = work_calendar(c, &cal)) < 0)
		return err_db(e, rc);
	rc = avg_days(c, &zone, cal, "sign_date", y0, asof, &out->avg_days_sign_to_start,
	              &out->n_sign_to_start);
	if (rc >= 0)
		rc = avg_days(c, &zone, cal, "land_date", y0, asof, &out->avg_days_land_to_start,
		              &out->n_land_to_start);
	calendar_free(cal);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- targets ---- */

static const char SQL_TARGETS[] =
    "SELECT t.id, t.dept_id, COALESCE(t.user_id, 0), d.name, COALESCE(u.display_name, ''), "
    "t.signed_count, t.signed_amount, t.count_100m, t.count_500m, t.count_1000m, "
    "t.count_usd100m, t.funds, t.started_count, t.producing_count FROM project_target t JOIN "
    "dept d ON d.id = t.dept_id LEFT JOIN app_user u ON u.id = t.user_id WHERE t.zone_id = ? "
    "AND t.year = ? ORDER BY d.sort, d.id, COALESCE(t.user_id, 0) LIMIT 200";

static double time_share_of(const char *asof)
{
	char y0[16], y1[16];
	snprintf(y0, sizeof y0, "%.4s-01-01", asof);
	snprintf(y1, sizeof y1, "%.4s-12-31", asof);
	double days = (double)(proj_day_number(y1) - proj_day_number(y0) + 1);
	return (double)(proj_day_number(asof) - proj_day_number(y0) + 1) / days;
}

/* Reads the target rows of `year` with their actuals as of asof into rows (at most max). */
static int read_targets(struct db *c, int64_t zone_id, int year, const char *asof, int persons,
                        struct arena *a, struct proj_target *rows, int max, int *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare_with(c, SQL_TARGETS, DB_I(zone_id), DB_I(year));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n < max) {
		int64_t user = db_col_int(st, 2);
		if (persons >= 0 && (user != 0) != persons)
			continue;
		struct proj_target *t = &rows[(*n)++];
		memset(t, 0, sizeof *t);
		t->id = db_col_int(st, 0);
		t->dept_id = db_col_int(st, 1);
		t->user_id = user;
		t->dept_name = arena_strdup(a, db_col_text(st, 3));
		t->user_name = arena_strdup(a, db_col_text(st, 4));
		for (int k = 0; k < FIG__COUNT; k++)
			t->target.v[k] = db_col_double(st, 5 + k);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	for (int i = 0; i < *n; i++)
		if ((rc = proj_actuals(c, zone_id, rows[i].dept_id, rows[i].user_id, year, asof,
		                       &rows[i].actual)) < 0)
			return rc;
	return DB_OK;
}

int proj_targets(struct db *c, const struct principal *p, int year, const char *asof, target_fn fn,
                 void *ctx, double *time_share, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct proj_target *rows = arena_alloc(&a, sizeof *rows * PROJ_BOARD_MAX);
	int n = 0,
	    rc = rows ? read_targets(c, p->zone_id, year, asof, -1, &a, rows, PROJ_BOARD_MAX, &n)
	              : DB_ERR;
	if (rc >= 0)
		for (int i = 0; i < n; i++)
			fn(ctx, &rows[i]);
	arena_release(&a);
	*time_share = time_share_of(asof);
	return rc < 0 ? err_db(e, rc) : 0;
}

static const char SQL_TARGET_FIND[] =
    "SELECT id FROM project_target WHERE zone_id = ? AND year = ? AND dept_id = ? AND "
    "COALESCE(user_id, 0) = ?";
static const char SQL_TARGET_INSERT[] =
    "INSERT INTO project_target (zone_id, year, dept_id, user_id, signed_count, signed_amount, "
    "count_100m, count_500m, count_1000m, count_usd100m, funds, started_count, producing_count, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_TARGET_UPDATE[] =
    "UPDATE project_target SET signed_count = ?, signed_amount = ?, count_100m = ?, count_500m "
    "= ?, count_1000m = ?, count_usd100m = ?, funds = ?, started_count = ?, producing_count = "
    "?, updated_at = ? WHERE id = ?";
static const char SQL_TARGET_DEPT[] = "SELECT 1 FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_TARGET_USER[] =
    "SELECT 1 FROM app_user WHERE id = ? AND zone_id = ? AND dept_id IN (SELECT id FROM dept "
    "WHERE path LIKE ?)";

struct target_change {
	int year;
	int64_t dept_id, user_id;
	const struct proj_figures *t;
};

static int do_target_set(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct target_change *x = arg;
	int64_t ok = 0, id = 0, now = now_unix();
	int rc = db_query_int(w->tx, SQL_TARGET_DEPT, &ok, 2, x->dept_id, w->who->zone_id);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (!ok)
		return err_set(e, ERR_VALIDATION, "dept_id", "部门不存在", "no such department");
	if (x->user_id) {
		char like[32];
		snprintf(like, sizeof like, "%%/%lld/%%", (long long)x->dept_id);
		struct db_stmt *st = db_prepare_with(w->tx, SQL_TARGET_USER, DB_I(x->user_id),
		                                     DB_I(w->who->zone_id), DB_T(like));
		if (!st)
			return write_fail(w, DB_ERR, e);
		rc = db_step(st);
		db_reset(st);
		if (rc < 0)
			return write_fail(w, rc, e);
		if (rc != DB_ROW)
			return err_set(e, ERR_VALIDATION, "user_id", "该人员不属于这个部门",
			               "the user is not of the department");
	}
	if ((rc = db_query_int(w->tx, SQL_TARGET_FIND, &id, 4, w->who->zone_id, (int64_t)x->year,
	                       x->dept_id, x->user_id)) < 0)
		return write_fail(w, rc, e);
	struct db_stmt *st = db_prepare(w->tx, id ? SQL_TARGET_UPDATE : SQL_TARGET_INSERT);
	if (!st)
		return write_fail(w, DB_ERR, e);
	int i = 1;
	if (!id) {
		db_bind_int(st, i++, w->who->zone_id);
		db_bind_int(st, i++, x->year);
		db_bind_int(st, i++, x->dept_id);
		db_bind_opt(st, i++, x->user_id);
	}
	for (int k = 0; k < FIG__COUNT; k++)
		db_bind_double(st, i++, x->t->v[k]);
	db_bind_int(st, i++, now);
	if (id) {
		db_bind_int(st, i, id);
		int64_t n;
		if (write_run(w, st, &n, e) < 0)
			return -1;
	} else if (write_insert(w, st, &id, e) < 0) {
		return -1;
	}
	write_audit(w, "target", "project_target", id);
	audit_change_int(&w->changes, "year", 0, x->year);
	for (int k = 0; k < FIG__COUNT; k++)
		audit_change_int(&w->changes, PROJ_FIG_KEYS[k], 0, llround(x->t->v[k]));
	return 0;
}

int proj_target_set(struct db_pool *pool, const struct principal *p, int year, int64_t dept_id,
                    int64_t user_id, const struct proj_figures *t, struct yq_err *e)
{
	struct target_change x = {year, dept_id, user_id, t};
	return write_tx(pool, p, do_target_set, &x, e);
}

int proj_target_set_in(struct db *tx, const struct principal *p, int year, int64_t dept_id,
                       int64_t user_id, const struct proj_figures *t, struct yq_err *e)
{
	struct target_change x = {year, dept_id, user_id, t};
	return write_in(tx, p, p->zone_id, do_target_set, &x, e);
}

/* ---- the 龙虎榜 ---- */

int proj_week_end(const char *week, char out[11])
{
	if (!week || strlen(week) != 8 || week[4] != '-' || week[5] != 'W')
		return -1;
	for (int i = 0; i < 8; i++)
		if (i != 4 && i != 5 && (week[i] < '0' || week[i] > '9'))
			return -1;
	int y =
	    (week[0] - '0') * 1000 + (week[1] - '0') * 100 + (week[2] - '0') * 10 + (week[3] - '0');
	int w = (week[6] - '0') * 10 + (week[7] - '0');
	if (y < 1990 || y > 2100)
		return -1;
	char jan4[16];
	snprintf(jan4, sizeof jan4, "%04d-01-04", y);
	int64_t d4 = proj_day_number(jan4);
	int64_t monday1 = d4 - (d4 + 3) % 7; /* day 0 (1970-01-01) was a Thursday */
	char jan1[16];
	snprintf(jan1, sizeof jan1, "%04d-01-01", y);
	int64_t dow1 = (proj_day_number(jan1) + 3) % 7; /* 0 Monday … 6 Sunday */
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int weeks = 52 + (dow1 == 3 || (leap && dow1 == 2));
	if (w < 1 || w > weeks)
		return -1;
	proj_day_string(monday1 + (int64_t)(w - 1) * 7 + 6, out);
	return 0;
}

static const char SQL_SETTINGS[] = "SELECT weights FROM project_setting WHERE zone_id = ?";

int proj_setting_json(struct db *c, const char *sql, int64_t zone_id, json_t **out)
{
	*out = NULL;
	struct db_stmt *st = db_prepare_with(c, sql, DB_I(zone_id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	const char *txt = rc == DB_ROW ? db_col_text(st, 0) : NULL;
	if (txt && *txt)
		*out = json_loads(txt, 0, NULL);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int proj_weights(struct db *c, int64_t zone_id, double w[FIG__COUNT])
{
	memcpy(w, DEFAULT_WEIGHTS, sizeof DEFAULT_WEIGHTS);
	json_t *o;
	int rc = proj_setting_json(c, SQL_SETTINGS, zone_id, &o);
	if (json_is_object(o))
		for (int k = 0; k < FIG__COUNT; k++) {
			json_t *v = json_object_get(o, PROJ_FIG_KEYS[k]);
			w[k] = json_is_number(v) ? json_number_value(v) : 0;
		}
	json_decref(o);
	return rc;
}

static double score_of(const struct proj_target *t, const double w[FIG__COUNT])
{
	double sum = 0, weight = 0;
	for (int k = 0; k < FIG__COUNT; k++) {
		if (!(w[k] > 0) || !(t->target.v[k] > 0))
			continue;
		double r = t->actual.v[k] / t->target.v[k];
		sum += w[k] * (r > 1.5 ? 1.5 : r);
		weight += w[k];
	}
	return weight > 0 ? round(sum / weight * 1000) / 10 : 0;
}

static int by_score(const void *a, const void *b)
{
	const struct proj_board_row *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	double ax = x->t.actual.v[FIG_SIGNED_AMOUNT], ay = y->t.actual.v[FIG_SIGNED_AMOUNT];
	if (ax != ay)
		return ax < ay ? 1 : -1;
	return x->t.id < y->t.id ? -1 : x->t.id > y->t.id;
}

/* Scores and ranks rows[0..n) as of asof (the actuals read by read_targets). */
static void rank_rows(struct proj_board_row *rows, int n, const double w[FIG__COUNT])
{
	for (int i = 0; i < n; i++)
		rows[i].score = score_of(&rows[i].t, w);
	qsort(rows, (size_t)n, sizeof *rows, by_score);
	for (int i = 0; i < n; i++)
		rows[i].rank = i > 0 && rows[i].score == rows[i - 1].score &&
		                       rows[i].t.actual.v[FIG_SIGNED_AMOUNT] ==
		                           rows[i - 1].t.actual.v[FIG_SIGNED_AMOUNT]
		                   ? rows[i - 1].rank
		                   : i + 1;
}

int proj_leaderboard(struct db *c, const struct principal *p, const char *week, int persons,
                     struct arena *ra, struct proj_board_row *rows, int *n, char week_end[11],
                     struct yq_err *e)
{
	char prev_end[11];
	double w[FIG__COUNT];
	*n = 0;
	if (proj_week_end(week, week_end) < 0)
		return err_set(e, ERR_VALIDATION, "week",
		               "周次格式应为 YYYY-Www（ISO 周，如 2026-W18）",
		               "week must be an ISO week, YYYY-Www");
	int year = (week_end[0] - '0') * 1000 + (week_end[1] - '0') * 100 +
	           (week_end[2] - '0') * 10 + (week_end[3] - '0');
	proj_day_string(proj_day_number(week_end) - 7, prev_end);
	int prev_year = (prev_end[0] - '0') * 1000 + (prev_end[1] - '0') * 100 +
	                (prev_end[2] - '0') * 10 + (prev_end[3] - '0');
	struct arena a = ARENA_INIT;
	struct proj_target *t = arena_alloc(&a, sizeof *t * PROJ_BOARD_MAX);
	struct proj_board_row *prev = arena_alloc(&a, sizeof *prev * PROJ_BOARD_MAX);
	int m = 0, np = 0, rc = t && prev ? proj_weights(c, p->zone_id, w) : DB_ERR;
	if (rc >= 0)
		rc =
		    read_targets(c, p->zone_id, year, week_end, persons, ra, t, PROJ_BOARD_MAX, &m);
	if (rc >= 0 && prev_year == year) {
		struct proj_target *pt = arena_alloc(&a, sizeof *pt * PROJ_BOARD_MAX);
		rc = pt ? read_targets(c, p->zone_id, year, prev_end, persons, &a, pt,
		                       PROJ_BOARD_MAX, &np)
		        : DB_ERR;
		for (int i = 0; rc >= 0 && i < np; i++) {
			memset(&prev[i], 0, sizeof prev[i]);
			prev[i].t = pt[i];
		}
		if (rc >= 0)
			rank_rows(prev, np, w);
	}
	if (rc < 0) {
		arena_release(&a);
		return err_db(e, rc);
	}
	for (int i = 0; i < m; i++) {
		memset(&rows[i], 0, sizeof rows[i]);
		rows[i].t = t[i];
	}
	rank_rows(rows, m, w);
	for (int i = 0; i < m; i++)
		for (int j = 0; j < np; j++)
			if (prev[j].t.id == rows[i].t.id)
				rows[i].prev_rank = prev[j].rank;
	*n = m;
	arena_release(&a);
	return 0;
}

/* ---- the zone's settings ---- */

static const char SQL_SETTINGS_UPSERT[] =
    "INSERT INTO project_setting (zone_id, amber_days, amber_ratio, red_ratio, report_day, "
    "weights, permits, updated_at) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, ''), ?) ON CONFLICT "
    "(zone_id) DO UPDATE SET amber_days = excluded.amber_days, amber_ratio = "
    "excluded.amber_ratio, red_ratio = excluded.red_ratio, report_day = excluded.report_day, "
    "weights = excluded.weights, permits = CASE WHEN CAST(? AS TEXT) IS NULL THEN "
    "project_setting.permits ELSE "
    "excluded.permits END, updated_at = excluded.updated_at";

struct settings_change {
	const struct proj_rules *r;
	const double *weights;
	const char *permits;
};

static int do_settings(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct settings_change *x = arg;
	struct proj_rules old;
	double ow[FIG__COUNT], nw[FIG__COUNT];
	int rc = proj_rules_get(w->tx, w->who->zone_id, &old);
	if (rc >= 0)
		rc = proj_weights(w->tx, w->who->zone_id, ow);
	if (rc < 0)
		return write_fail(w, rc, e);
	memcpy(nw, x->weights ? x->weights : ow, sizeof nw);
	json_t *o = json_object();
	for (int k = 0; k < FIG__COUNT; k++)
		json_object_set_new(o, PROJ_FIG_KEYS[k], json_real(nw[k]));
	char *txt = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	struct db_stmt *st = txt ? db_prepare(w->tx, SQL_SETTINGS_UPSERT) : NULL;
	if (!st) {
		free(txt);
		return write_fail(w, DB_ERR, e);
	}
	db_bind_args(st,
	             DB_ARGS(DB_I(w->who->zone_id), DB_I(x->r->amber_days), DB_F(x->r->amber_ratio),
	                     DB_F(x->r->red_ratio), DB_I(x->r->report_day), DB_T(txt),
	                     DB_T(x->permits), DB_I(now_unix()), DB_T(x->permits)));
	int64_t n;
	rc = write_run(w, st, &n, e);
	free(txt);
	if (rc < 0)
		return -1;
	write_audit(w, "settings", "project_setting", w->who->zone_id);
	audit_change_int(&w->changes, "amber_days", old.amber_days, x->r->amber_days);
	audit_change_int(&w->changes, "amber_ratio", llround(old.amber_ratio * 100),
	                 llround(x->r->amber_ratio * 100));
	audit_change_int(&w->changes, "red_ratio", llround(old.red_ratio * 100),
	                 llround(x->r->red_ratio * 100));
	audit_change_int(&w->changes, "report_day", old.report_day, x->r->report_day);
	for (int k = 0; k < FIG__COUNT; k++)
		audit_change_int(&w->changes, PROJ_FIG_KEYS[k], llround(ow[k]), llround(nw[k]));
	if (x->permits)
		audit_change_str(&w->changes, "permits", NULL, x->permits);
	return 0;
}

int proj_settings_set(struct db_pool *pool, const struct principal *p, const struct proj_rules *r,
                      const double *weights, const char *permits, struct yq_err *e)
{
	struct settings_change x = {r, weights, permits};
	return write_tx(pool, p, do_settings, &x, e);
}

/* ---- 每月评估 ---- */

void proj_eval_score(struct proj_eval *x, int under_construction)
{
	x->d_late = x->late_days > 40 ? 40 : (double)x->late_days;
	double miss = 0;
	if (x->planned > 0) {
		double done = isfinite(x->actual) ? x->actual : 0;
		miss = done >= x->planned ? 0 : (x->planned - done) / x->planned;
	}
	x->d_invest = round(miss * 40 * 10) / 10;
	x->d_problems = x->overdue_problems * 5 > 20 ? 20 : (double)(x->overdue_problems * 5);
	x->d_checks = under_construction && x->checks == 0 ? 10 : 0;
	x->score = 100 - x->d_late - x->d_invest - x->d_problems - x->d_checks;
	if (x->score < 0)
		x->score = 0;
}

static struct sql_tmpl SQL_EVAL = SQL_TMPL(
    ENTITY_PROJECT,
    "SELECT {select}, "
    "(SELECT i.planned FROM project_invest i WHERE i.project_id = p.id AND i.month = ?), "
    "(SELECT i.actual FROM project_invest i WHERE i.project_id = p.id AND i.month = ?), "
    "(SELECT COUNT(*) FROM project_problem q WHERE q.project_id = p.id AND q.created_at <= ? AND "
    "q.due_at < ? AND (q.answered_at IS NULL OR q.answered_at > ?) AND (q.closed_at IS NULL OR "
    "q.closed_at > ?)), "
    "(SELECT COUNT(*) FROM project_check k WHERE k.project_id = p.id AND k.on_date >= ? AND "
    "k.on_date <= ?) FROM project p WHERE p.zone_id = ? AND p.stage IN "
    "('signed','registered','land','started','completed','producing') AND p.sign_date <= ? "
    "ORDER BY p.id");

/* The days the most late milestone of p is behind plan on `end`. */
static int64_t late_on(struct project *p, const char *end)
{
	int64_t worst = 0, e = proj_day_number(end);
	for (int i = 0; i < PROJ_N_STAGE_DATES; i++) {
		const struct proj_stage_dates *d = &PROJ_STAGE_DATES[i];
		const char *plan = *(const char **)(void *)((char *)p + d->plan);
		const char *act = *(const char **)(void *)((char *)p + d->actual);
		if (!plan || !valid_date(plan) || strcmp(plan, end) >= 0)
			continue;
		if (act && *act && strcmp(act, end) <= 0)
			continue; /* reached by then */
		int64_t late = e - proj_day_number(plan);
		if (late > worst)
			worst = late;
	}
	return worst;
}

static int by_eval(const void *a, const void *b)
{
	const struct proj_eval *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return strcmp(x->no, y->no);
}

int proj_evaluate(struct db *c, const struct principal *p, const char *month, eval_fn fn, void *ctx,
                  struct yq_err *e)
{
	char first[16], end[16], today[11];
	if (!month || strlen(month) != 7 || snprintf(first, sizeof first, "%s-01", month) != 10 ||
	    !valid_date(first))
		return err_set(e, ERR_VALIDATION, "month", "月份格式应为 YYYY-MM",
		               "month must be YYYY-MM");
	cst_day(now_unix(), today);
	if (strcmp(first, today) > 0)
		return err_set(e, ERR_VALIDATION, "month", "不能评估尚未开始的月份",
		               "the month has not begun");
	/* the month's last day: the day before the next month's first */
	int y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 +
	        (month[3] - '0');
	int m = (month[5] - '0') * 10 + (month[6] - '0');
	char next[32];
	snprintf(next, sizeof next, "%04d-%02d-01", (m == 12 ? y + 1 : y) % 10000,
	         m == 12 ? 1 : m + 1);
	proj_day_string(proj_day_number(next) - 1, end);
	/* the month's end in China Standard Time as an instant */
	int64_t end_ts = proj_day_number(next) * 86400 - 8 * 3600 - 1;
	struct db_stmt *st = db_prepare_with(c, sql_of(&SQL_EVAL), DB_T(month), DB_T(month));
	if (!st)
		return err_db(e, DB_ERR);
	for (int k = 3; k <= 6; k++)
		db_bind_int(st, k, end_ts);
	db_bind_text(st, 7, first);
	db_bind_text(st, 8, end);
	db_bind_int(st, 9, p->zone_id);
	db_bind_text(st, 10, end);
	struct arena a = ARENA_INIT;
	size_t cap = 64, n = 0;
	struct proj_eval *rows = arena_alloc(&a, sizeof *rows * cap);
	int rc;
	while (rows && (rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct proj_eval *more = arena_alloc(&a, sizeof *rows * cap * 2);
			if (!more) {
				rows = NULL;
				break;
			}
			memcpy(more, rows, sizeof *rows * n);
			rows = more;
			cap *= 2;
		}
		struct project pr;
		memset(&pr, 0, sizeof pr);
		int col = entity_read(st, 0, &ENTITY_PROJECT, &pr, &a);
		struct proj_eval *x = &rows[n++];
		memset(x, 0, sizeof *x);
		x->project_id = pr.id;
		x->dept_id = pr.dept_id;
		x->no = pr.no;
		x->name = pr.name;
		x->stage = pr.stage;
		x->dept_name = pr.dept_name;
		x->planned = db_col_is_null(st, col) ? 0 : db_col_double(st, col);
		x->actual = db_col_is_null(st, col + 1) ? NAN : db_col_double(st, col + 1);
		x->overdue_problems = db_col_int(st, col + 2);
		x->checks = db_col_int(st, col + 3);
		x->late_days = late_on(&pr, end);
		/* under construction at the month's end: started by then, not yet completed */
		int building = pr.start_date && strcmp(pr.start_date, end) <= 0 &&
		               !(pr.complete_date && strcmp(pr.complete_date, end) <= 0);
		proj_eval_score(x, building);
	}
	db_reset(st);
	if (!rows) {
		arena_release(&a);
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	}
	qsort(rows, n, sizeof *rows, by_eval);
	for (size_t i = 0; i < n; i++)
		fn(ctx, &rows[i]);
	arena_release(&a);
	return rc < 0 ? err_db(e, rc) : 0;
}
