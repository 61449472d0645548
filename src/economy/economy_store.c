/* Economy storage (see economy.h). Reads of reports start with scope_from on ENTITY_ECON_REPORT,
 * whose scope is its enterprise's (department, liaison, 包保 cadres, the enterprise itself);
 * the 经发局 (economy.review) reads the whole zone. Every write goes through write_tx. */
#include "economy/economy.h"
#include "lib/alloc.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "enterprise/enterprise.h"
#include "lib/arena.h"
#include "lib/strbuf.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include "lib/utf8.h"
#include "work/work.h"
#include "work/store_list.h"
#include "work/store_write.h"
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define REPORT_DAY 8 /* a month's default deadline: this day of the next month */

static const char SQL_ZONE_INIT[] =
    "INSERT INTO econ_indicator (zone_id, code, name, unit, kind, required_of, may_be_negative, "
    "sort, active, created_at, updated_at) SELECT ?, code, name, unit, kind, required_of, "
    "may_be_negative, sort, 1, ?, ? FROM econ_indicator_default WHERE 1 = 1 ON CONFLICT "
    "(zone_id, code) DO NOTHING";
static const char SQL_ZONE_STATE_INIT[] =
    "INSERT INTO econ_zone_state (zone_id) VALUES (?) ON CONFLICT (zone_id) DO NOTHING";
static struct sql_tmpl SQL_IND_INSERT =
    SQL_TMPL(ENTITY_ECON_INDICATOR, "INSERT INTO econ_indicator (zone_id, created_at, updated_at, "
                                    "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_IND_UPDATE = SQL_TMPL(
    ENTITY_ECON_INDICATOR, "UPDATE econ_indicator SET updated_at = ?, {update_sets} WHERE id = ?");
static const char SQL_DEADLINE[] =
    "SELECT deadline FROM econ_period WHERE zone_id = ? AND period = ?";
static const char SQL_DEADLINE_SET[] =
    "INSERT INTO econ_period (zone_id, period, deadline, updated_at) VALUES (?, ?, ?, ?) ON "
    "CONFLICT (zone_id, period) DO UPDATE SET deadline = excluded.deadline, updated_at = "
    "excluded.updated_at";
/* whether enterprise e is 规上 on a day (the day bound twice) */
#define SQL_ABOVE_SIZE                                                                             \
	"CASE WHEN EXISTS (SELECT 1 FROM enterprise_flag f WHERE f.enterprise_id = e.id AND "      \
	"f.flag = 'above_size' AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= "    \
	"?)) "                                                                                     \
	"THEN 1 ELSE 0 END"
/* an enterprise of the zone: its industry section and whether it is 规上 on a day */
static const char SQL_ENTERPRISE[] = "SELECT e.industry_section, " SQL_ABOVE_SIZE
                                     " FROM enterprise e WHERE e.id = ? AND e.zone_id = ?";
static const char SQL_REPORT_OF[] =
    "SELECT id, status, revision, note FROM econ_report WHERE zone_id = ? AND enterprise_id = ? "
    "AND period = ?";
static const char SQL_REPORT_INSERT[] =
    "INSERT INTO econ_report (zone_id, enterprise_id, period, status, note, submitted_by, "
    "submitter_name, submitted_at, created_at, updated_at) VALUES (?, ?, ?, 'submitted', ?, ?, "
    "?, ?, ?, ?) RETURNING id";
static const char SQL_REPORT_REFILE[] =
    "UPDATE econ_report SET status = ?, note = ?, revision = revision + 1, submitted_by = ?, "
    "submitter_name = ?, submitted_at = ?, updated_at = ? WHERE id = ?";
/* an import by the 经发局 is its own review */
static const char SQL_REPORT_IMPORTED[] =
    "UPDATE econ_report SET status = 'accepted', reviewed_by = ?, reviewer_name = ?, reviewed_at "
    "= ?, updated_at = ? WHERE id = ?";
static const char SQL_VALUES_CLEAR[] = "DELETE FROM econ_value WHERE report_id = ?";
static const char SQL_VALUE_INSERT[] =
    "INSERT INTO econ_value (report_id, indicator_id, zone_id, enterprise_id, period, value, "
    "note) VALUES (?, ?, ?, ?, ?, ?, ?)";
/* the values a report had (the audit's before) */
static const char SQL_VALUES_OF[] =
    "SELECT i.code, v.value FROM econ_value v JOIN econ_indicator i ON i.id = v.indicator_id "
    "WHERE v.report_id = ? ORDER BY i.sort, i.id";
/* an enterprise's counted values of one month (a returned report counts for nothing) */
static const char SQL_ENT_MONTH[] =
    "SELECT v.indicator_id, v.value FROM econ_value v JOIN econ_report r ON r.id = v.report_id "
    "WHERE v.enterprise_id = ? AND v.period = ? AND r.status <> 'returned'";
static const char SQL_REPORT_VALUES[] =
    "SELECT i.id, i.code, i.name, i.unit, v.value, v.note, (SELECT v2.value FROM econ_value v2 "
    "JOIN econ_report r2 ON r2.id = v2.report_id WHERE v2.enterprise_id = v.enterprise_id AND "
    "v2.indicator_id = v.indicator_id AND v2.period = ? AND r2.status <> 'returned'), (SELECT "
    "v3.value FROM econ_value v3 JOIN econ_report r3 ON r3.id = v3.report_id WHERE "
    "v3.enterprise_id = v.enterprise_id AND v3.indicator_id = v.indicator_id AND v3.period = ? "
    "AND r3.status <> 'returned') FROM econ_value v JOIN econ_indicator i ON i.id = "
    "v.indicator_id WHERE v.report_id = ? ORDER BY i.sort, i.id";
static const char SQL_REVIEW[] =
    "UPDATE econ_report SET status = ?, review_note = ?, reviewed_by = ?, reviewer_name = ?, "
    "reviewed_at = ?, updated_at = ? WHERE id = ? AND status = 'submitted'";
static const char SQL_TARGET_SET[] =
    "INSERT INTO econ_target (zone_id, year, indicator_id, target, updated_at) VALUES (?, ?, ?, "
    "?, ?) ON CONFLICT (zone_id, year, indicator_id) DO UPDATE SET target = excluded.target, "
    "updated_at = excluded.updated_at";
static const char SQL_TARGETS[] =
    "SELECT indicator_id, target FROM econ_target WHERE zone_id = ? AND year = ?";

/* The caller as the economy reads: the 经发局 reads every enterprise of the zone. */
static const struct principal *reader(const struct principal *p, struct principal *tmp)
{
	if (!principal_can(p, PERM_ECONOMY_REVIEW) || p->scope == SCOPE_ZONE ||
	    p->scope == SCOPE_ALL)
		return p;
	*tmp = *p;
	tmp->scope = SCOPE_ZONE;
	return tmp;
}

/* The enterprises reader rp reads, as `head` (whose placeholders are today twice, for
 * SQL_ABOVE_SIZE, then the period) + the scope's FROM and WHERE + `tail`. The query binds `day`
 * and `like`, which the caller keeps until the statement is prepared. */
static void reporters_query(struct qb *q, const struct principal *rp, const char *period,
                            const char *head, const char *tail, char day[11], char like[64])
{
	cst_day(now_unix(), day);
	qb_init(q, head);
	qb_text(q, day);
	qb_text(q, day);
	qb_text(q, period);
	scope_from(q, rp, &ENTITY_ENTERPRISE, NULL, like, 64);
	qb_sql(q, tail);
}

int econ_zone_init(struct db *tx, int64_t zone_id)
{
	struct db_stmt *st = db_prepare(tx, SQL_ZONE_INIT);
	if (!st)
		return DB_ERR;
	int64_t now = now_unix();
	db_bind_args(st, DB_ARGS(DB_I(zone_id), DB_I(now), DB_I(now)));
	if (db_run(st) < 0)
		return DB_ERR;
	/* the row a build of the zone's kept sums holds against its writers (economy_sums.c) */
	int64_t none;
	return db_query_int(tx, SQL_ZONE_STATE_INIT, &none, 1, zone_id) < 0 ? DB_ERR : DB_OK;
}

/* ---- the catalogue ---- */

struct ind_list {
	struct econ_indicator *items;
	size_t n, cap;
	struct arena *a;
};

static void ind_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct ind_list *l = arg;
	if (arena_grow(l->a, (void **)&l->items, l->n, &l->cap, sizeof *l->items, 16) < 0)
		return;
	memset(&l->items[l->n], 0, sizeof l->items[0]);
	entity_read(st, 0, &ENTITY_ECON_INDICATOR, &l->items[l->n], a);
	l->n++;
}

/* 1 when one of the indicators of l is required of an enterprise (above_size, the industry
 * section), 0 when none is. */
static int ind_any_required(const struct ind_list *l, int above_size, const char *section)
{
	for (size_t i = 0; i < l->n; i++)
		if (econ_required(l->items[i].required_of, above_size, section))
			return 1;
	return 0;
}

/* The zone's indicators (the active ones unless `all`) into l, in the catalogue's order. */
static int ind_load(struct db *c, const struct principal *p, int all, struct ind_list *l)
{
	char like[64];
	struct qb q;
	qb_init(&q, "SELECT ");
	qb_sql(&q, entity_select(&ENTITY_ECON_INDICATOR));
	scope_from(&q, p, &ENTITY_ECON_INDICATOR, NULL, like, sizeof like);
	if (!all)
		qb_sql(&q, " AND i.active = 1");
	qb_sql(&q, " ORDER BY i.sort, i.id LIMIT 200");
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		while ((rc = db_step(st)) == DB_ROW)
			ind_row(st, l->a, l);
		db_reset(st);
	}
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

int econ_indicators(struct db *c, const struct principal *p, int all, econ_ind_fn fn, void *ctx)
{
	struct arena a = ARENA_INIT;
	struct ind_list l = {.a = &a};
	int rc = ind_load(c, p, all, &l);
	for (size_t i = 0; rc == DB_OK && i < l.n; i++)
		fn(ctx, &l.items[i]);
	arena_release(&a);
	return rc;
}

struct ind_change {
	int64_t id;
	struct econ_indicator *made;
	const struct econ_indicator *in;
	uint64_t present;
};

static int do_ind_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ind_change *x = arg;
	int64_t now = now_unix();
	struct db_stmt *st = db_prepare_with(w->tx, sql_of(&SQL_IND_INSERT), DB_I(w->who->zone_id),
	                                     DB_I(now), DB_I(now));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (entity_bind(st, 4, &ENTITY_ECON_INDICATOR, x->made, 0) < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	int64_t n = 0;
	struct db_stmt *dup =
	    db_prepare(w->tx, "SELECT COUNT(*) FROM econ_indicator WHERE zone_id = ? AND code = ?");
	if (!dup) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	db_bind_args(dup, DB_ARGS(DB_I(w->who->zone_id), DB_T(x->made->code)));
	int rc = db_step(dup);
	n = rc == DB_ROW ? db_col_int(dup, 0) : 0;
	db_reset(dup);
	if (rc < 0) {
		db_reset(st);
		return write_fail(w, rc, e);
	}
	if (n > 0) {
		db_reset(st);
		return err_set(e, ERR_CONFLICT, "code", "指标代码已存在", "the code exists");
	}
	if (write_insert(w, st, &x->made->id, e) < 0)
		return -1;
	store_audit_create(w, &ENTITY_ECON_INDICATOR, x->made->id, x->made);
	return 0;
}

int econ_indicator_create(struct db_pool *pool, const struct principal *p, struct econ_indicator *x,
                          struct yq_err *e)
{
	struct ind_change c = {.made = x};
	if (!(x->sort))
		x->sort = 1000;
	return write_tx(pool, p, do_ind_create, &c, e);
}

static int do_ind_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ind_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct econ_indicator old, now;
	int rc = -1;
	if (scope_get(w->tx, w->who, &ENTITY_ECON_INDICATOR, x->id, &ar, &old, e) < 0)
		goto out;
	now = old;
	entity_copy(&ENTITY_ECON_INDICATOR, &now, x->in, x->present);
	rc = write_update(w, &SQL_IND_UPDATE, x->id, &old, &now, e);
	/* a flow become a stock (or back) adds up otherwise: the zone's kept sums go */
	if (rc >= 0 && econ_sums_invalidate(w->tx, w->who->zone_id, NULL, NULL) != DB_OK)
		rc = write_fail(w, DB_ERR, e);
out:
	arena_release(&ar);
	return rc;
}

int econ_indicator_update(struct db_pool *pool, const struct principal *p, int64_t id,
                          const struct econ_indicator *in, uint64_t present, struct yq_err *e)
{
	struct ind_change c = {.id = id, .in = in, .present = present};
	return write_tx(pool, p, do_ind_update, &c, e);
}

/* ---- months ---- */

int econ_period_deadline(struct db *c, int64_t zone_id, const char *period, char out[11])
{
	int y, m;
	if (econ_period_parse(period, &y, &m) < 0)
		return DB_ERR;
	struct db_stmt *st = db_prepare_with(c, SQL_DEADLINE, DB_I(zone_id), DB_T(period));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW && db_col_text(st, 0))
		snprintf(out, 11, "%s", db_col_text(st, 0));
	else
		econ_default_deadline(y, m, REPORT_DAY, out);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

struct period_change {
	const char *period, *deadline;
};

static int do_period_set(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct period_change *x = arg;
	char old[11];
	int rc = econ_period_deadline(w->tx, w->who->zone_id, x->period, old);
	if (rc < 0)
		return write_fail(w, rc, e);
	int64_t n;
	if (write_sql_n(w, SQL_DEADLINE_SET, &n, e, DB_I(w->who->zone_id), DB_T(x->period),
	                DB_T(x->deadline), DB_I(now_unix())) < 0)
		return -1;
	write_audit(w, "set_deadline", "econ_period", 0);
	audit_change_str(&w->changes, "period", NULL, x->period);
	audit_change_str(&w->changes, "deadline", old, x->deadline);
	return 0;
}

int econ_period_set(struct db_pool *pool, const struct principal *p, const char *period,
                    const char *deadline, struct yq_err *e)
{
	int y, m;
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	char opens[11], next[8];
	econ_period_shift(y, m, 1, next);
	snprintf(opens, sizeof opens, "%s-01", next);
	if (!deadline || !valid_date(deadline))
		return err_set(e, ERR_VALIDATION, "deadline", "截止日期格式应为 YYYY-MM-DD",
		               "the deadline is YYYY-MM-DD");
	if (strcmp(deadline, opens) < 0)
		return err_set(e, ERR_VALIDATION, "deadline", "截止日期不能早于次月1日",
		               "the deadline is not before the 1st of the next month");
	struct period_change x = {period, deadline};
	return write_tx(pool, p, do_period_set, &x, e);
}

/* ---- filing ---- */

/* What a filing knows of the enterprise and the month while it is written. */
struct filing_run {
	struct econ_filing *f;
	struct arena *a; /* messages that outlive the write */
	struct ind_list inds;
	json_t *values, *notes;
	int64_t enterprise_id, zone_id;
	int y, m;
};

/* A message naming an indicator, in the filing's arena. */
static int ind_error(struct filing_run *r, struct yq_err *e, const char *zh_pre, const char *name,
                     const char *zh_post, const char *en)
{
	const char *zh = arena_printf(r->a, "%s「%s」%s", zh_pre, name, zh_post);
	return err_set(e, ERR_VALIDATION, "values", zh ? zh : "指标数值无效", en);
}

/* Reads one counted month of the enterprise into vals (NAN where none), by indicator index. */
static int month_values(struct db *tx, struct filing_run *r, const char *period, double *vals)
{
	for (size_t i = 0; i < r->inds.n; i++)
		vals[i] = NAN;
	struct db_stmt *st =
	    db_prepare_with(tx, SQL_ENT_MONTH, DB_I(r->enterprise_id), DB_T(period));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		for (size_t i = 0; i < r->inds.n; i++)
			if (r->inds.items[i].id == id)
				vals[i] = db_col_double(st, 1);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

char *econ_code_values_text(struct db_stmt *st, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT(1u << 16);
	struct jsonw w;
	jw_init(&w, &sb);
	jw_obj_open(&w);
	if (st) {
		while (db_step(st) == DB_ROW) {
			jw_key(&w, db_col_text(st, 0) ? db_col_text(st, 0) : "");
			jw_double(&w, db_col_double(st, 1));
		}
		db_reset(st);
	}
	jw_obj_close(&w);
	char *s = sb.failed ? NULL : arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* The values of a report as JSON text ({"code": value}, the audit's record), into a. */
static char *values_text(struct db *tx, int64_t report_id, struct arena *a)
{
	struct db_stmt *st = db_prepare_with(tx, SQL_VALUES_OF, DB_I(report_id));
	return econ_code_values_text(st, a);
}

/* Checks the body's values and notes against the catalogue and the enterprise's duty. */
static int check_values(struct db *tx, struct filing_run *r, struct yq_err *e)
{
	const char *key;
	json_t *v;
	if (!json_is_object(r->values) || json_object_size(r->values) == 0)
		return err_set(e, ERR_VALIDATION, "values", "请填写指标数值", "give the values");
	if (json_object_size(r->values) > ECON_VALUES_MAX)
		return err_set(e, ERR_VALIDATION, "values", "指标过多", "too many values");
	json_object_foreach(r->values, key, v)
	{
		const struct econ_indicator *ind = NULL;
		for (size_t i = 0; i < r->inds.n; i++)
			if (strcmp(r->inds.items[i].code, key) == 0)
				ind = &r->inds.items[i];
		if (!ind) {
			const char *zh = arena_printf(r->a, "未知指标：%.32s", key);
			return err_set(e, ERR_VALIDATION, "values", zh ? zh : "未知指标",
			               "unknown indicator");
		}
		if (!json_is_number(v))
			return ind_error(r, e, "指标", ind->name, "须为数字",
			                 "a value is a number");
		double x = json_number_value(v);
		if (!isfinite(x) || fabs(x) > ECON_VALUE_MAX)
			return ind_error(r, e, "指标", ind->name, "数值超出范围",
			                 "value out of range");
		if (x < 0 && !ind->may_be_negative)
			return ind_error(r, e, "指标", ind->name, "不能为负数",
			                 "the value is not negative");
	}
	if (r->notes && !json_is_object(r->notes))
		return err_set(e, ERR_VALIDATION, "notes", "说明格式无效", "notes are an object");
	json_object_foreach(r->notes, key, v)
	{
		if (!json_object_get(r->values, key))
			return err_set(e, ERR_VALIDATION, "notes", "说明对应的指标未填写",
			               "a note names an indicator without a value");
		if (!json_is_string(v) || utf8_count(json_string_value(v)) > ECON_NOTE_MAX)
			return err_set(e, ERR_VALIDATION, "notes", "说明不能超过200字",
			               "a note holds at most 200 characters");
	}
	/* the indicators the enterprise must report */
	char day[11];
	cst_day(now_unix(), day);
	struct db_stmt *st = db_prepare_with(tx, SQL_ENTERPRISE, DB_T(day), DB_T(day),
	                                     DB_I(r->enterprise_id), DB_I(r->zone_id));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	char section[8] = "";
	int above = 0;
	if (rc == DB_ROW) {
		snprintf(section, sizeof section, "%s",
		         db_col_text(st, 0) ? db_col_text(st, 0) : "");
		above = (int)db_col_int(st, 1);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, "enterprise_id", "企业不存在",
		               "no such enterprise");
	for (size_t i = 0; i < r->inds.n && !r->f->imported; i++)
		if (econ_required(r->inds.items[i].required_of, above, section) &&
		    !json_object_get(r->values, r->inds.items[i].code))
			return ind_error(r, e, "缺少必报指标", r->inds.items[i].name, "",
			                 "a required indicator is missing");
	return 0;
}

/* Adds to f->warnings the values more than ±50% off last month or last year without a note. */
static int deviations(struct db *tx, struct filing_run *r)
{
	if (!r->f->warnings)
		return 0;
	double *last = arena_alloc(r->a, (r->inds.n + 1) * sizeof *last * 2);
	if (!last)
		return DB_ERR;
	double *year = last + r->inds.n + 1;
	char lm[8], ly[8];
	econ_period_shift(r->y, r->m, -1, lm);
	econ_period_shift(r->y, r->m, -12, ly);
	int rc = month_values(tx, r, lm, last);
	if (rc == DB_OK)
		rc = month_values(tx, r, ly, year);
	if (rc < 0)
		return rc;
	struct jsonw w;
	jw_init(&w, r->f->warnings);
	jw_arr_open(&w);
	for (size_t i = 0; i < r->inds.n; i++) {
		const struct econ_indicator *ind = &r->inds.items[i];
		json_t *v = json_object_get(r->values, ind->code);
		const char *note = json_string_value(json_object_get(r->notes, ind->code));
		if (!v || (note && *note))
			continue;
		double x = json_number_value(v);
		for (int k = 0; k < 2; k++) {
			double base = k ? year[i] : last[i];
			if (!econ_deviates(x, base))
				continue;
			jw_obj_open(&w);
			jw_kstr(&w, "code", ind->code);
			jw_kstr(&w, "against", k ? "last_year" : "last_month");
			jw_key(&w, "base");
			jw_double(&w, base);
			jw_key(&w, "value");
			jw_double(&w, x);
			char msg[200];
			snprintf(msg, sizeof msg, "「%s」较%s变动超过50%%，请填写说明", ind->name,
			         k ? "上年同期" : "上月");
			jw_kstr(&w, "message", msg);
			jw_obj_close(&w);
		}
	}
	jw_arr_close(&w);
	return DB_OK;
}

/* An import's values merge with the report's others: those the sheet does not give stay. */
static int merge_values(struct db *tx, struct filing_run *r, int64_t report_id)
{
	struct db_stmt *st = db_prepare_with(tx, SQL_VALUES_OF, DB_I(report_id));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		if (code && !json_object_get(r->values, code))
			json_object_set_new(r->values, code, json_real(db_col_double(st, 1)));
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

static int do_file(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct filing_run *r = arg;
	struct econ_filing *f = r->f;
	const struct principal *p = w->who;
	int review = principal_can(p, PERM_ECONOMY_REVIEW);
	struct principal tmp;
	r->zone_id = p->zone_id;
	/* staff file for an enterprise they serve (the 经发局 for any of the zone) */
	if (scope_check(w->tx, reader(p, &tmp), &ENTITY_ENTERPRISE, r->enterprise_id, e) < 0)
		return -1;
	if (ind_load(w->tx, p, 0, &r->inds) < 0)
		return write_fail(w, DB_ERR, e);
	char deadline[11], day[11];
	int rc = econ_period_deadline(w->tx, p->zone_id, f->period, deadline);
	if (rc < 0)
		return write_fail(w, rc, e);
	cst_day(now_unix(), day);
	enum econ_window win = econ_window(r->y, r->m, deadline, day);
	if (win == ECON_NOT_ENDED)
		return err_set(e, ERR_VALIDATION, "period", "该月尚未结束，次月1日起报送",
		               "the month has not ended");
	int revise = win == ECON_LOCKED;
	if (revise && !review) {
		const char *zh = arena_printf(r->a, "%s 的数据已于 %s 截止报送，修改请联系经发局",
		                              f->period, deadline);
		return err_set(e, ERR_STATE, "period", zh ? zh : "该月已截止报送",
		               "the month is locked");
	}
	if (revise && (!f->reason || !*f->reason))
		return err_set(e, ERR_VALIDATION, "reason", "截止后修改须填写修改原因",
		               "a change after the deadline needs a reason");
	if (check_values(w->tx, r, e) < 0)
		return -1;
	/* the report of the month, if any */
	struct db_stmt *st = db_prepare_with(w->tx, SQL_REPORT_OF, DB_I(p->zone_id),
	                                     DB_I(r->enterprise_id), DB_T(f->period));
	if (!st)
		return write_fail(w, DB_ERR, e);
	rc = db_step(st);
	int64_t id = 0;
	char status[16] = "";
	if (rc == DB_ROW) {
		id = db_col_int(st, 0);
		snprintf(status, sizeof status, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
	}
	db_reset(st);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (id && strcmp(status, "accepted") == 0 && !review)
		return err_set(e, ERR_STATE, "status", "该月报表已审核，修改请联系经发局",
		               "the report is accepted");
	if (deviations(w->tx, r) < 0)
		return write_fail(w, DB_ERR, e);
	const char *before = id ? values_text(w->tx, id, r->a) : NULL;
	if (id && f->imported && merge_values(w->tx, r, id) < 0)
		return write_fail(w, DB_ERR, e);
	int64_t now = now_unix();
	const char *note = f->reason && *f->reason ? f->reason : "";
	if (!id) {
		st = db_prepare_with(w->tx, SQL_REPORT_INSERT, DB_I(p->zone_id),
		                     DB_I(r->enterprise_id), DB_T(f->period), DB_T(note),
		                     DB_O(p->user_id), DB_T(work_actor_name(p)), DB_I(now),
		                     DB_I(now), DB_I(now));
		if (!st)
			return write_fail(w, DB_ERR, e);
		if (write_insert(w, st, &id, e) < 0)
			return -1;
	} else {
		st = db_prepare(w->tx, SQL_REPORT_REFILE);
		if (!st)
			return write_fail(w, DB_ERR, e);
		/* a revision by the 经发局 keeps an accepted report accepted */
		db_bind_text(st, 1,
		             review && strcmp(status, "accepted") == 0 ? "accepted" : "submitted");
		db_bind_text(st, 2, note);
		db_bind_opt(st, 3, p->user_id);
		db_bind_text(st, 4, work_actor_name(p));
		db_bind_int(st, 5, now);
		db_bind_int(st, 6, now);
		db_bind_int(st, 7, id);
		int64_t n;
		if (write_run(w, st, &n, e) < 0)
			return -1;
		if (write_sql_n(w, SQL_VALUES_CLEAR, &n, e, DB_I(id)) < 0)
			return -1;
	}
	for (size_t i = 0; i < r->inds.n; i++) {
		const struct econ_indicator *ind = &r->inds.items[i];
		json_t *v = json_object_get(r->values, ind->code);
		if (!v)
			continue;
		const char *vn = json_string_value(json_object_get(r->notes, ind->code));
		int64_t n;
		if (write_sql_n(w, SQL_VALUE_INSERT, &n, e, DB_I(id), DB_I(ind->id),
		                DB_I(p->zone_id), DB_I(r->enterprise_id), DB_T(f->period),
		                DB_F(json_number_value(v)), DB_T(vn ? vn : "")) < 0)
			return -1;
	}
	f->id = id;
	if (econ_cells_update(w->tx, p->zone_id, r->enterprise_id, f->period) != DB_OK)
		return write_fail(w, DB_ERR, e);
	if (f->imported) {
		int64_t n;
		if (write_sql_n(w, SQL_REPORT_IMPORTED, &n, e, DB_O(p->user_id),
		                DB_T(work_actor_name(p)), DB_I(now), DB_I(now), DB_I(id)) < 0)
			return -1;
		write_audit(w, "import", "econ_report", id);
	} else if (revise)
		write_audit(w, "revise", "econ_report", id);
	else if (before)
		write_audit(w, "refile", "econ_report", id);
	else
		write_audit(w, "file", "econ_report", id);
	audit_change_str(&w->changes, "period", NULL, f->period);
	audit_change_str(&w->changes, "values", before, values_text(w->tx, id, r->a));
	if (revise)
		audit_change_str(&w->changes, "reason", NULL, f->reason);
	return 0;
}

/* Checks what the filing says without the database and prepares the run; 0, or -1 with e set
 * (nothing to release). */
static int filing_begin(struct filing_run *r, struct econ_filing *f, const struct principal *p,
                        struct arena *own, struct yq_err *e)
{
	memset(r, 0, sizeof *r);
	r->f = f;
	r->a = f->arena;
	if (econ_period_check(f->period, &r->y, &r->m, e) < 0)
		return -1;
	if (f->reason && utf8_count(f->reason) > ECON_NOTE_MAX)
		return err_set(e, ERR_VALIDATION, "reason", "修改原因不能超过200字",
		               "a reason holds at most 200 characters");
	r->inds.a = own;
	int enterprise = p->role == ROLE_ENTERPRISE || p->scope == SCOPE_ENTERPRISE;
	if (enterprise)
		r->enterprise_id = p->enterprise_id;
	else if (f->enterprise_id <= 0)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择企业",
		               "choose an enterprise");
	else
		r->enterprise_id = f->enterprise_id;
	r->values = json_loads(f->values ? f->values : "null", JSON_DECODE_ANY, NULL);
	r->notes = f->notes ? json_loads(f->notes, JSON_DECODE_ANY, NULL) : NULL;
	return 0;
}

static void filing_end(struct filing_run *r, struct arena *own)
{
	json_decref(r->values);
	json_decref(r->notes);
	arena_release(own);
}

/* Files f in a transaction of its own on pool, or in tx when pool is NULL. */
static int file_report(struct db_pool *pool, struct db *tx, const struct principal *p,
                       struct econ_filing *f, struct yq_err *e)
{
	struct filing_run r;
	struct arena own = ARENA_INIT;
	int rc = filing_begin(&r, f, p, &own, e);
	if (rc == 0)
		rc = pool ? write_tx(pool, p, do_file, &r, e)
		          : write_in(tx, p, p->zone_id, do_file, &r, e);
	filing_end(&r, &own);
	return rc;
}

int econ_report_file(struct db_pool *pool, const struct principal *p, struct econ_filing *f,
                     struct yq_err *e)
{
	return file_report(pool, NULL, p, f, e);
}

int econ_report_file_in(struct db *tx, const struct principal *p, struct econ_filing *f,
                        struct yq_err *e)
{
	return file_report(NULL, tx, p, f, e);
}

/* ---- reading reports ---- */

static struct sql_tmpl SQL_REPORT_SELECT = SQL_TMPL(ENTITY_ECON_REPORT, "SELECT {select}");
static const struct store_cond REPORT_CONDS[] = {
    {offsetof(struct econ_filter, period), 't', " AND r.period = ?"},
    {offsetof(struct econ_filter, status), 't', " AND r.status = ?"},
    {offsetof(struct econ_filter, enterprise_id), 'i', " AND r.enterprise_id = ?"},
    {0}};
static const struct store_query REPORT_Q = {
    .en = &ENTITY_ECON_REPORT,
    .select = &SQL_REPORT_SELECT,
    .conds = REPORT_CONDS,
    .order = " ORDER BY r.period DESC, r.submitted_at DESC, r.id DESC",
    .size = sizeof(struct econ_report),
    .count_bare = 1};

int econ_report_list(struct db *c, const struct principal *p, const struct econ_filter *f,
                     entity_row_fn fn, void *ctx, int64_t *total)
{
	struct principal tmp;
	return store_list_page(c, &REPORT_Q, reader(p, &tmp), f, f->page, f->page_size, fn, ctx,
	                       total);
}

int econ_report_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                    struct econ_report *out, econ_value_fn fn, void *ctx, struct yq_err *e)
{
	struct principal tmp;
	if (scope_get(c, reader(p, &tmp), &ENTITY_ECON_REPORT, id, a, out, e) < 0)
		return -1;
	int y, m;
	char lm[8] = "", ly[8] = "";
	if (econ_period_parse(out->period, &y, &m) == 0) {
		econ_period_shift(y, m, -1, lm);
		econ_period_shift(y, m, -12, ly);
	}
	struct db_stmt *st = db_prepare_with(c, SQL_REPORT_VALUES, DB_T(lm), DB_T(ly), DB_I(id));
	if (!st)
		return err_db(e, DB_ERR);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct econ_value v = {
		    .indicator_id = db_col_int(st, 0),
		    .code = db_col_text(st, 1),
		    .name = db_col_text(st, 2),
		    .unit = db_col_text(st, 3),
		    .value = db_col_double(st, 4),
		    .note = db_col_text(st, 5),
		    .last_month = db_col_is_null(st, 6) ? NAN : db_col_double(st, 6),
		    .last_year = db_col_is_null(st, 7) ? NAN : db_col_double(st, 7),
		};
		fn(ctx, &v);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- review ---- */

struct review_change {
	int64_t id;
	const char *to, *note;
};

static int do_review(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct review_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct econ_report old;
	struct principal tmp;
	int rc = -1;
	if (scope_get(w->tx, reader(w->who, &tmp), &ENTITY_ECON_REPORT, x->id, &ar, &old, e) < 0)
		goto out;
	if (strcmp(old.status, "submitted") != 0) {
		rc = err_set(e, ERR_STATE, "status",
		             strcmp(old.status, "accepted") == 0 ? "报表已审核" : "报表已退回企业",
		             "the report is not waiting for review");
		goto out;
	}
	struct db_stmt *st = db_prepare(w->tx, SQL_REVIEW);
	if (!st) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	int64_t now = now_unix(), n = 0;
	db_bind_args(st, DB_ARGS(DB_T(x->to), DB_T(x->note ? x->note : ""), DB_O(w->who->user_id),
	                         DB_T(work_actor_name(w->who)), DB_I(now), DB_I(now), DB_I(x->id)));
	if (write_run(w, st, &n, e) < 0)
		goto out;
	/* a returned report's values no longer count */
	if (strcmp(x->to, "returned") == 0 &&
	    econ_cells_update(w->tx, w->who->zone_id, old.enterprise_id, old.period) != DB_OK) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	if (strcmp(x->to, "accepted") == 0)
		write_audit(w, "approve", "econ_report", x->id);
	else
		write_audit(w, "return", "econ_report", x->id);
	audit_change_str(&w->changes, "status", old.status, x->to);
	if (x->note && *x->note)
		audit_change_str(&w->changes, "review_note", old.review_note, x->note);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int econ_report_accept(struct db_pool *pool, const struct principal *p, int64_t id,
                       struct yq_err *e)
{
	struct review_change x = {id, "accepted", NULL};
	return write_tx(pool, p, do_review, &x, e);
}

int econ_report_return(struct db_pool *pool, const struct principal *p, int64_t id,
                       const char *note, struct yq_err *e)
{
	if (!note || !*note)
		return err_set(e, ERR_VALIDATION, "note", "退回须填写意见",
		               "a return needs a note");
	if (utf8_count(note) > ECON_NOTE_MAX)
		return err_set(e, ERR_VALIDATION, "note", "意见不能超过200字",
		               "a note holds at most 200 characters");
	struct review_change x = {id, "returned", note};
	return write_tx(pool, p, do_review, &x, e);
}

/* ---- who has not reported ---- */

int econ_missing(struct db *c, const struct principal *p, const char *period, econ_missing_fn fn,
                 void *ctx, int64_t *total, struct yq_err *e)
{
	int y, m;
	*total = 0;
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	struct arena a = ARENA_INIT;
	struct ind_list inds = {.a = &a};
	struct principal tmp;
	const struct principal *rp = reader(p, &tmp);
	int rc = ind_load(c, p, 0, &inds);
	char day[11], like[64];
	struct qb q;
	reporters_query(
	    &q, rp, period,
	    "SELECT e.id, e.name, e.uscc, e.industry_section, " SQL_ABOVE_SIZE
	    ", COALESCE((SELECT r.status FROM econ_report r WHERE r.zone_id = e.zone_id "
	    "AND r.enterprise_id = e.id AND r.period = ?), '')",
	    " AND e.archived = 0 ORDER BY e.name, e.id", day, like);
	struct db_stmt *st = rc == DB_OK ? qb_prepare(&q, c) : NULL;
	if (!st)
		rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		const char *status = db_col_text(st, 5);
		if (status && *status && strcmp(status, "returned") != 0)
			continue;
		if (!ind_any_required(&inds, (int)db_col_int(st, 4), db_col_text(st, 3)))
			continue;
		struct econ_missing x = {db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		                         status ? status : ""};
		++*total;
		fn(ctx, &x);
	}
	if (st)
		db_reset(st);
	qb_release(&q);
	arena_release(&a);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- targets ---- */

struct target_change {
	int year;
	json_t *targets;
	struct ind_list inds;
};

static int do_targets(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct target_change *x = arg;
	if (ind_load(w->tx, w->who, 1, &x->inds) < 0)
		return write_fail(w, DB_ERR, e);
	const char *key;
	json_t *v;
	json_object_foreach(x->targets, key, v)
	{
		const struct econ_indicator *ind = NULL;
		for (size_t i = 0; i < x->inds.n; i++)
			if (strcmp(x->inds.items[i].code, key) == 0)
				ind = &x->inds.items[i];
		if (!ind)
			return err_set(e, ERR_VALIDATION, "targets", "目标中有未知指标",
			               "a target names an unknown indicator");
		double t = json_number_value(v);
		if (!json_is_number(v) || !isfinite(t) || t < 0 || t > ECON_VALUE_MAX)
			return err_set(e, ERR_VALIDATION, "targets", "目标须为不小于0的数字",
			               "a target is a number, not negative");
		int64_t n;
		if (write_sql_n(w, SQL_TARGET_SET, &n, e, DB_I(w->who->zone_id), DB_I(x->year),
		                DB_I(ind->id), DB_F(t), DB_I(now_unix())) < 0)
			return -1;
		char field[48];
		snprintf(field, sizeof field, "target.%s", key);
		char buf[32];
		snprintf(buf, sizeof buf, "%.15g", t);
		audit_change_str(&w->changes, field, NULL, buf);
	}
	write_audit(w, "set_targets", "econ_target", x->year);
	return 0;
}

int econ_targets_set(struct db_pool *pool, const struct principal *p, int year, const char *targets,
                     struct yq_err *e)
{
	if (year < 2000 || year > 2099)
		return err_set(e, ERR_VALIDATION, "year", "年份无效", "invalid year");
	struct arena a = ARENA_INIT;
	struct target_change x = {.year = year, .inds = {.a = &a}};
	x.targets = json_loads(targets ? targets : "null", JSON_DECODE_ANY, NULL);
	int rc;
	if (!json_is_object(x.targets) || json_object_size(x.targets) == 0 ||
	    json_object_size(x.targets) > ECON_VALUES_MAX)
		rc = err_set(e, ERR_VALIDATION, "targets", "请填写指标目标", "give the targets");
	else
		rc = write_tx(pool, p, do_targets, &x, e);
	json_decref(x.targets);
	arena_release(&a);
	return rc;
}

/* ---- the zone's figures ---- */

/* One enterprise's cell of one indicator, and the group it counts in. */
struct cell_row {
	int64_t indicator_id, enterprise_id;
	const char *group;
	struct econ_cell cell;
};

static double col_or_nan(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NAN : db_col_double(st, col);
}

/* What load_cells reads: month y-m (`period`) of the caller's scope, each enterprise in the
 * group `gexpr` (joined by `gjoin`), one indicator or all (indicator_id 0). */
struct cell_query {
	const struct principal *p;
	const char *period;
	int y, m;
	const char *gexpr, *gjoin;
	int64_t indicator_id;
};

/* The cells of every enterprise and indicator (and group) of query q that reported the month:
 * the month, the year to date, the same of the base year, and the base year's whole year; the
 * array on the heap (the caller frees it, also on an error), the group names in a. Returns
 * DB_OK. */
static int load_cells(struct db *c, const struct cell_query *cq, struct arena *a,
                      struct cell_row **out, size_t *out_n)
{
	struct principal tmp;
	const struct principal *rp = reader(cq->p, &tmp);
	int rc = DB_OK;
	char like[64];
	struct qb q;
	/* the kept cells of the month (econ_cell, kept by every write of a report; those of a
	 * returned report are gone), the enterprise joined for the scope and the group */
	qb_init(&q, "SELECT v.indicator_id, v.enterprise_id, ");
	qb_sql(&q, cq->gexpr);
	qb_sql(&q, ", v.month, v.ytd, v.base_month, v.base_ytd, v.base_year, v.base_months");
	char joins[256];
	snprintf(joins, sizeof joins, "%s%s", ENTITY_ECON_CELL.joins, cq->gjoin);
	scope_from_lead(&q, rp, &ENTITY_ECON_CELL, NULL, joins, like, sizeof like);
	qb_sql(&q, " AND v.period = ?");
	qb_text(&q, cq->period);
	if (cq->indicator_id) {
		qb_sql(&q, " AND v.indicator_id = ?");
		qb_int(&q, cq->indicator_id);
	}
	/* on the heap, freed by the caller (yq_free): glibc keeps the memory of freed large
	 * blocks for the next request, where fresh arena blocks would fault their pages in */
	struct cell_row *rows = NULL;
	size_t n = 0, cap = 0;
	const char *seen[8]; /* the groups met so far, kept once each (the first eight) */
	size_t n_seen = 0;
	struct db_stmt *st = qb_prepare(&q, c);
	if (!st)
		rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		if (yq_grow((void **)&rows, n, &cap, sizeof *rows, 1024) < 0) {
			rc = DB_ERR;
			break;
		}
		const char *g = db_col_text(st, 2) ? db_col_text(st, 2) : "";
		size_t k = 0;
		while (k < n_seen && strcmp(seen[k], g) != 0)
			k++;
		if (k == n_seen) {
			g = arena_strdup(a, g);
			if (g && n_seen < sizeof seen / sizeof *seen)
				seen[n_seen++] = g;
		} else
			g = seen[k];
		rows[n].indicator_id = db_col_int(st, 0);
		rows[n].enterprise_id = db_col_int(st, 1);
		rows[n].group = g ? g : "";
		rows[n].cell = (struct econ_cell){col_or_nan(st, 3), col_or_nan(st, 4),
		                                  col_or_nan(st, 5), col_or_nan(st, 6),
		                                  col_or_nan(st, 7), (int)db_col_int(st, 8)};
		n++;
	}
	if (st)
		db_reset(st);
	qb_release(&q);
	*out = rows;
	*out_n = n;
	return rc < 0 ? rc : DB_OK;
}

int econ_summary(struct db *c, const struct principal *p, const char *period, const char *group,
                 econ_summary_fn fn, void *ctx, struct yq_err *e)
{
	int y, m;
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	const char *gexpr = "''";
	const char *gjoin = "";
	if (group && strcmp(group, "industry") == 0)
		gexpr = "e.industry_section";
	else if (group && strcmp(group, "building") == 0)
		gexpr = "e.building";
	else if (group && strcmp(group, "leader") == 0) {
		gexpr = "COALESCE(lu.display_name, '')";
		gjoin = " LEFT JOIN app_user lu ON lu.id = e.leader_user_id";
	} else if (group && *group)
		return err_set(e, ERR_VALIDATION, "group",
		               "分组只能是 industry、building 或 leader",
		               "group is industry, building or leader");
	struct arena a = ARENA_INIT;
	struct ind_list inds = {.a = &a};
	int rc = ind_load(c, p, 0, &inds);
	double *targets = arena_alloc(&a, (inds.n + 1) * sizeof *targets);
	if (!targets)
		rc = DB_ERR;
	for (size_t i = 0; rc == DB_OK && i < inds.n; i++)
		targets[i] = NAN;
	struct db_stmt *st = rc == DB_OK ? db_prepare(c, SQL_TARGETS) : NULL;
	if (st) {
		db_bind_args(st, DB_ARGS(DB_I(p->zone_id), DB_I(y)));
		while ((rc = db_step(st)) == DB_ROW)
			for (size_t i = 0; i < inds.n; i++)
				if (inds.items[i].id == db_col_int(st, 0))
					targets[i] = db_col_double(st, 1);
		db_reset(st);
		rc = rc < 0 ? rc : DB_OK;
	}
	struct cell_row *rows = NULL;
	size_t n = 0;
	struct cell_query cq = {p, period, y, m, gexpr, gjoin, 0};
	if (rc == DB_OK)
		rc = load_cells(c, &cq, &a, &rows, &n);
	struct econ_cell *cells = rc < 0 ? NULL : yq_malloc((n + 1) * sizeof *cells);
	const char **groups = rc < 0 ? NULL : yq_malloc((n + 1) * sizeof *groups);
	if (rc < 0 || !cells || !groups) {
		yq_free(rows);
		yq_free(cells);
		yq_free(groups);
		arena_release(&a);
		return err_db(e, rc < 0 ? rc : DB_ERR);
	}
	/* the groups, each once, in the order first met (sorted by the caller if it wishes) */
	size_t ng = 0;
	if (gexpr[0] == '\'')
		groups[ng++] = NULL;
	else
		for (size_t i = 0; i < n; i++) {
			size_t k = 0;
			while (k < ng && strcmp(groups[k], rows[i].group) != 0)
				k++;
			if (k == ng)
				groups[ng++] = rows[i].group;
		}
	for (size_t g = 0; g < ng; g++)
		for (size_t i = 0; i < inds.n; i++) {
			size_t nc = 0;
			for (size_t k = 0; k < n; k++)
				if (rows[k].indicator_id == inds.items[i].id &&
				    (!groups[g] || strcmp(rows[k].group, groups[g]) == 0))
					cells[nc++] = rows[k].cell;
			struct econ_summary_row out = {.ind = &inds.items[i], .group = groups[g]};
			econ_total(strcmp(inds.items[i].kind, "flow") == 0, cells, nc, m,
			           groups[g] ? NAN : targets[i], &out.fig);
			fn(ctx, &out);
		}
	yq_free(rows);
	yq_free(cells);
	yq_free(groups);
	arena_release(&a);
	return 0;
}

/* ---- contributions and drags ---- */

static const char SQL_ENT_NAME[] = "SELECT name FROM enterprise WHERE id = ? AND zone_id = ?";

/* Copies the first k of `from` (their cells' enterprises named) into a new list of a. */
static struct econ_contrib_item *contrib_items(struct db *c, int64_t zone_id,
                                               const struct econ_contrib *from, size_t k,
                                               const struct cell_row *rows, struct arena *a,
                                               int *rc)
{
	struct econ_contrib_item *x = arena_zalloc(a, (k + 1) * sizeof *x);
	if (!x) {
		*rc = DB_ERR;
		return NULL;
	}
	for (size_t i = 0; i < k && *rc == DB_OK; i++) {
		x[i].c = from[i];
		x[i].enterprise_id = rows[from[i].index].enterprise_id;
		x[i].name = "";
		struct db_stmt *st = db_prepare(c, SQL_ENT_NAME);
		if (!st) {
			*rc = DB_ERR;
			break;
		}
		db_bind_args(st, DB_ARGS(DB_I(x[i].enterprise_id), DB_I(zone_id)));
		int r = db_step(st);
		if (r == DB_ROW)
			x[i].name = arena_strdup(a, db_col_text(st, 0) ? db_col_text(st, 0) : "");
		else if (r < 0)
			*rc = r;
		db_reset(st);
	}
	return x;
}

int econ_contributions(struct db *c, const struct principal *p, const char *period,
                       const char *code, int ytd, size_t limit, struct arena *a,
                       struct econ_contributions *out, struct yq_err *e)
{
	int y, m;
	memset(out, 0, sizeof *out);
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	struct arena tmp_a = ARENA_INIT;
	struct ind_list inds = {.a = a};
	int rc = ind_load(c, p, 0, &inds);
	const struct econ_indicator *ind = NULL;
	for (size_t i = 0; rc == DB_OK && code && i < inds.n; i++)
		if (strcmp(inds.items[i].code, code) == 0)
			ind = &inds.items[i];
	if (rc == DB_OK && !ind)
		return err_set(e, ERR_VALIDATION, "indicator", "未知指标或指标已停用",
		               "unknown or inactive indicator");
	struct cell_row *rows = NULL;
	size_t n = 0;
	if (rc == DB_OK) {
		out->ind = *ind;
		struct cell_query cq = {p, period, y, m, "''", "", ind->id};
		rc = load_cells(c, &cq, &tmp_a, &rows, &n);
	}
	struct econ_cell *cells = rc == DB_OK ? arena_alloc(&tmp_a, (n + 1) * sizeof *cells) : NULL;
	struct econ_contrib *list =
	    rc == DB_OK ? arena_alloc(&tmp_a, (n + 1) * sizeof *list) : NULL;
	if (rc == DB_OK && (!cells || !list))
		rc = DB_ERR;
	if (rc == DB_OK) {
		for (size_t i = 0; i < n; i++)
			cells[i] = rows[i].cell;
		size_t k =
		    econ_contrib(strcmp(ind->kind, "flow") == 0, ytd, cells, n, list, &out->total);
		size_t up = 0, down = 0;
		while (up < k && up < limit && list[up].change > 0)
			up++;
		/* the drags: from the end, the largest decrease first */
		struct econ_contrib *rev = arena_alloc(&tmp_a, (k + 1) * sizeof *rev);
		if (!rev)
			rc = DB_ERR;
		while (rev && down < k && down < limit && list[k - 1 - down].change < 0) {
			rev[down] = list[k - 1 - down];
			down++;
		}
		if (rc == DB_OK)
			out->up = contrib_items(c, p->zone_id, list, up, rows, a, &rc);
		if (rc == DB_OK)
			out->down = contrib_items(c, p->zone_id, rev, down, rows, a, &rc);
		out->n_up = up;
		out->n_down = down;
	}
	yq_free(rows);
	arena_release(&tmp_a);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- how a month was filed ---- */

int econ_filing_status(struct db *c, const struct principal *p, const char *period,
                       struct econ_filing_counts *out, struct yq_err *e)
{
	int y, m;
	memset(out, 0, sizeof *out);
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	int rc = econ_period_deadline(c, p->zone_id, period, out->deadline);
	if (rc < 0)
		return err_db(e, rc);
	struct arena a = ARENA_INIT;
	struct ind_list inds = {.a = &a};
	struct principal tmp;
	const struct principal *rp = reader(p, &tmp);
	rc = ind_load(c, p, 0, &inds);
	char day[11], like[64];
	struct qb q;
	reporters_query(
	    &q, rp, period,
	    "SELECT e.industry_section, " SQL_ABOVE_SIZE
	    ", r.status, r.submitted_at FROM enterprise e LEFT JOIN econ_report r ON "
	    "r.zone_id = e.zone_id AND r.enterprise_id = e.id AND r.period = ? WHERE e.id "
	    "IN (SELECT e.id",
	    " AND e.archived = 0)", day, like);
	struct db_stmt *st = rc == DB_OK ? qb_prepare(&q, c) : NULL;
	if (!st)
		rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		const char *status = db_col_text(st, 2);
		int filed = status && *status && strcmp(status, "returned") != 0;
		int need = ind_any_required(&inds, (int)db_col_int(st, 1), db_col_text(st, 0));
		if (need)
			out->must++;
		if (!filed) {
			out->missing += need;
			continue;
		}
		out->filed++;
		if (strcmp(status, "accepted") == 0)
			out->accepted++;
		char d[11];
		cst_day(db_col_int(st, 3), d);
		if (strcmp(d, out->deadline) > 0)
			out->late++;
	}
	if (st)
		db_reset(st);
	qb_release(&q);
	arena_release(&a);
	return rc < 0 ? err_db(e, rc) : 0;
}
