/* HTTP handlers of the economy (see economy_api.h). */
#include "economy/economy_api.h"
#include "economy/economy.h"
#include "lib/util.h"
#include "lib/jsonw.h"
#include "lib/strbuf.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct entity_out IND_OUT = {&ENTITY_ECON_INDICATOR, 0, NULL};
static const struct entity_out REPORT_OUT = {&ENTITY_ECON_REPORT, 0, NULL};
static const struct entity_out REPORT_ENT_OUT = {&ENTITY_ECON_REPORT, F_INTERNAL, NULL};

static const struct entity_out *report_out(const struct req *r)
{
	return r->who.role == ROLE_ENTERPRISE || r->who.scope == SCOPE_ENTERPRISE ? &REPORT_ENT_OUT
	                                                                          : &REPORT_OUT;
}

/* A query argument, or NULL when absent or empty. */
static const char *opt(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

/* The month of the query (required): "YYYY-MM". */
static int query_period(struct req *r, const char **out, struct yq_err *e)
{
	int y, m;
	*out = opt(r, "period");
	if (!*out || econ_period_parse(*out, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "请按 YYYY-MM 指定月份",
		               "give the month as YYYY-MM");
	return 0;
}

static void ind_item(void *w, const struct econ_indicator *x)
{
	jw_entity(w, &IND_OUT, x);
}

int h_econ_indicators(struct req *r, struct yq_err *e)
{
	int64_t all;
	struct jsonw w;
	struct db *c = req_db(r, e);
	if (!c || req_query_int(r, "all", 0, 0, 1, &all, e) < 0)
		return -1;
	resp_items_open(r, &w);
	return resp_items_close(r, &w, econ_indicators(c, &r->who, (int)all, ind_item, &w), -1, 0,
	                        0, e);
}

int h_econ_indicator_create(struct req *r, struct yq_err *e)
{
	struct econ_indicator x;
	memset(&x, 0, sizeof x);
	x.active = 1;
	if (!req_entity(r, &ENTITY_ECON_INDICATOR, DECODE_FULL, &x, NULL, e) ||
	    econ_indicator_create(req_pool(r), &r->who, &x, e) < 0)
		return -1;
	return resp_entity(r, 201, &IND_OUT, &x);
}

int h_econ_indicator_update(struct req *r, struct yq_err *e)
{
	struct econ_indicator in;
	int64_t id;
	uint64_t present;
	memset(&in, 0, sizeof in);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_ECON_INDICATOR, DECODE_PATCH, &in, &present, e) ||
	    econ_indicator_update(req_pool(r), &r->who, id, &in, present, e) < 0)
		return -1;
	return resp_id(r, 200, id);
}

/* Answers month `period`: its deadline and where today stands. */
static int period_answer(struct req *r, const char *period, struct yq_err *e)
{
	char deadline[11];
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	int rc = econ_period_deadline(c, r->who.zone_id, period, deadline);
	if (rc < 0)
		return err_db(e, rc);
	int y, m;
	econ_period_parse(period, &y, &m);
	char today[11];
	cst_day(now_unix(), today);
	static const char *const STATES[] = {"not_ended", "open", "locked"};
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kstr(&w, "deadline", deadline);
	jw_kstr(&w, "state", STATES[econ_window(y, m, deadline, today)]);
	jw_obj_close(&w);
	return 0;
}

int h_econ_period_get(struct req *r, struct yq_err *e)
{
	int y, m;
	const char *period = r->n_params > 0 ? r->params[0] : NULL;
	if (econ_period_parse(period, &y, &m) < 0)
		return err_set(e, ERR_NOT_FOUND, "period", "月份格式应为 YYYY-MM",
		               "the month is YYYY-MM");
	return period_answer(r, period, e);
}

int h_econ_period_set(struct req *r, struct yq_err *e)
{
	const char *deadline;
	const char *period = r->n_params > 0 ? r->params[0] : NULL;
	json_t *o = req_json(r, e);
	if (!o || json_str(r, o, "deadline", 1, 10, &deadline, e) < 0 ||
	    econ_period_set(req_pool(r), &r->who, period, deadline, e) < 0)
		return -1;
	return period_answer(r, period, e);
}

/* A JSON object member as text (NULL when absent), checked to be an object. */
static int object_text(struct req *r, json_t *o, const char *key, int required, const char **out,
                       struct yq_err *e)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return err_set(e, ERR_VALIDATION, key, "请填写指标数值", "required");
		return 0;
	}
	if (!json_is_object(v))
		return err_set(e, ERR_VALIDATION, key, "格式应为以指标代码为键的对象",
		               "an object keyed by indicator code");
	char *s = json_dumps(v, JSON_COMPACT);
	if (!s)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	*out = arena_strdup(&r->arena, s);
	free(s);
	return 0;
}

int h_econ_targets_set(struct req *r, struct yq_err *e)
{
	int64_t year;
	const char *targets;
	json_t *o = req_json(r, e);
	if (!o || json_int(o, "year", 1, 0, 2000, 2099, &year, e) < 0 ||
	    object_text(r, o, "targets", 1, &targets, e) < 0 ||
	    econ_targets_set(req_pool(r), &r->who, (int)year, targets, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "year", year);
	jw_obj_close(&w);
	return 0;
}

static void value_item(void *w, const struct econ_value *v)
{
	jw_obj_open(w);
	jw_kint(w, "indicator_id", v->indicator_id);
	jw_kstr(w, "code", v->code);
	jw_kstr(w, "name", v->name);
	jw_kstr(w, "unit", v->unit);
	jw_kdouble(w, "value", v->value);
	jw_kdouble(w, "last_month", v->last_month);
	jw_kdouble(w, "last_year", v->last_year);
	jw_kstr(w, "note", v->note ? v->note : "");
	jw_obj_close(w);
}

/* Answers report `id` with its values; `warnings` (a JSON array) when a filing made it. */
static int report_answer(struct req *r, int status, int64_t id, const char *warnings,
                         struct yq_err *e)
{
	struct econ_report x;
	struct jsonw w;
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	/* the values first (an error answers alone: resp_json starts the output again) */
	resp_json(r, status, &w);
	jw_arr_open(&w);
	if (econ_report_get(c, &r->who, id, &r->arena, &x, value_item, &w, e) < 0)
		return -1;
	jw_arr_close(&w);
	const char *values = arena_strdup(&r->arena, r->out.buf);
	if (!values)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	resp_obj_open(r, status, &w);
	jw_entity_members(&w, report_out(r), &x);
	jw_key(&w, "values");
	jw_raw(&w, values);
	if (warnings) {
		jw_key(&w, "warnings");
		jw_raw(&w, warnings);
	}
	jw_obj_close(&w);
	return 0;
}

int h_econ_report_file(struct req *r, struct yq_err *e)
{
	struct econ_filing f = {.arena = &r->arena};
	json_t *o = req_json(r, e);
	if (!o || json_str(r, o, "period", 1, 7, &f.period, e) < 0 ||
	    json_int(o, "enterprise_id", 0, 0, 0, INT64_MAX, &f.enterprise_id, e) < 0 ||
	    object_text(r, o, "values", 1, &f.values, e) < 0 ||
	    object_text(r, o, "notes", 0, &f.notes, e) < 0 ||
	    json_str(r, o, "reason", 0, ECON_NOTE_MAX, &f.reason, e) < 0)
		return -1;
	struct strbuf warnings = STRBUF_INIT(1u << 20);
	f.warnings = &warnings;
	int rc = econ_report_file(req_pool(r), &r->who, &f, e);
	const char *wtext = rc == 0 && !warnings.failed && warnings.buf
	                        ? arena_strdup(&r->arena, warnings.buf)
	                        : "[]";
	strbuf_release(&warnings);
	if (rc < 0)
		return -1;
	return report_answer(r, 200, f.id, wtext, e);
}

static void report_row(void *l, const void *x)
{
	resp_list_row(l, x);
}

int h_econ_report_list(struct req *r, struct yq_err *e)
{
	struct econ_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 ||
	    req_query_int(r, "enterprise_id", 0, 0, INT64_MAX, &f.enterprise_id, e) < 0)
		return -1;
	int y, m;
	f.period = opt(r, "period");
	if (f.period && econ_period_parse(f.period, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "请按 YYYY-MM 指定月份",
		               "give the month as YYYY-MM");
	f.status = opt(r, "status");
	if (f.status && field_text(entity_field(&ENTITY_ECON_REPORT, "status"), f.status, &r->arena,
	                           &f.status, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, report_out(r));
	int rc = econ_report_list(c, &r->who, &f, report_row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

int h_econ_report_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	return report_answer(r, 200, id, NULL, e);
}

int h_econ_report_accept(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || econ_report_accept(req_pool(r), &r->who, id, e) < 0)
		return -1;
	return report_answer(r, 200, id, NULL, e);
}

int h_econ_report_return(struct req *r, struct yq_err *e)
{
	int64_t id;
	const char *note;
	json_t *o = req_json(r, e);
	if (req_id(r, 0, &id, e) < 0 || !o ||
	    json_str(r, o, "note", 1, ECON_NOTE_MAX, &note, e) < 0 ||
	    econ_report_return(req_pool(r), &r->who, id, note, e) < 0)
		return -1;
	return report_answer(r, 200, id, NULL, e);
}

static void missing_item(void *w, const struct econ_missing *x)
{
	jw_obj_open(w);
	jw_kint(w, "enterprise_id", x->enterprise_id);
	jw_kstr(w, "name", x->name);
	jw_kstr(w, "uscc", x->uscc ? x->uscc : "");
	jw_kstr(w, "status", x->status);
	jw_obj_close(w);
}

int h_econ_missing(struct req *r, struct yq_err *e)
{
	const char *period;
	int64_t total = 0;
	struct jsonw w;
	struct db *c = req_db(r, e);
	if (!c || query_period(r, &period, e) < 0)
		return -1;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_key(&w, "items");
	jw_arr_open(&w);
	if (econ_missing(c, &r->who, period, missing_item, &w, &total, e) < 0)
		return -1;
	jw_arr_close(&w);
	jw_kint(&w, "total", total);
	jw_obj_close(&w);
	return 0;
}

static void summary_item(void *w, const struct econ_summary_row *x)
{
	const struct econ_figure *f = &x->fig;
	jw_obj_open(w);
	if (x->group)
		jw_kstr(w, "group", x->group);
	jw_kstr(w, "code", x->ind->code);
	jw_kstr(w, "name", x->ind->name);
	jw_kstr(w, "unit", x->ind->unit);
	jw_kstr(w, "kind", x->ind->kind);
	jw_kdouble(w, "month_value", f->month_value);
	jw_kdouble(w, "ytd_value", f->ytd_value);
	jw_kdouble(w, "month_yoy", f->month_yoy);
	jw_kdouble(w, "ytd_yoy", f->ytd_yoy);
	jw_kint(w, "reporting", f->reporting);
	jw_kint(w, "same_set", f->same_set);
	jw_kdouble(w, "target", f->target);
	jw_kdouble(w, "progress", f->progress);
	jw_kdouble(w, "schedule", f->schedule);
	if (f->half < 0)
		jw_knull(w, "half");
	else
		jw_kbool(w, "half", f->half);
	jw_kdouble(w, "forecast", f->forecast);
	jw_obj_close(w);
}

int h_econ_summary(struct req *r, struct yq_err *e)
{
	const char *period, *group = opt(r, "group"), *zone = opt(r, "zone");
	struct jsonw w;
	size_t zones = 0;
	struct db *c = req_db(r, e);
	if (!c || query_period(r, &period, e) < 0)
		return -1;
	/* zone=all: every zone the caller reads, as one (or, group=zone, zone by zone) */
	int all = zone && strcmp(zone, "all") == 0;
	if (zone && !all)
		return err_set(e, ERR_VALIDATION, "zone", "zone 只能是 all(全部园区)",
		               "zone is all (every zone)");
	if (all && group && strcmp(group, "zone") != 0)
		return err_set(e, ERR_VALIDATION, "group", "全省汇总只能按 zone(园区)分组",
		               "every zone's figures are grouped by zone only");
	if (!all && group && strcmp(group, "zone") == 0)
		return err_set(e, ERR_VALIDATION, "group", "按园区分组需要 zone=all",
		               "group=zone needs zone=all");
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	if (all)
		jw_kstr(&w, "zone", "all");
	if (group)
		jw_kstr(&w, "group", group);
	jw_key(&w, "items");
	jw_arr_open(&w);
	int rc = all ? econ_summary_zones(req_pool(r), c, &r->who, period, group != NULL,
	                                  summary_item, &w, &zones, e)
	             : econ_summary(c, &r->who, period, group, summary_item, &w, e);
	if (rc < 0)
		return -1;
	jw_arr_close(&w);
	if (all)
		jw_kint(&w, "zones", (int64_t)zones);
	jw_obj_close(&w);
	return 0;
}
