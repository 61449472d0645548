/* HTTP handlers of 用工 (see jobs_api.h): decode, call, encode. */
#include "jobs/jobs_api.h"
#include "enterprise/industry.h"
#include "jobs/jobs.h"
#include "access/scope.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include "work/item_answer.h"
#include "work/store_list.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An enterprise reader is shown no note or bookkeeping of the zone (F_INTERNAL). */
static const struct entity_out FAIR_ENT_STAFF = {&ENTITY_JOBS_FAIR_ENT, 0, NULL};
static const struct entity_out FAIR_ENT_ENT = {&ENTITY_JOBS_FAIR_ENT, F_INTERNAL, NULL};

static const struct entity_out *out_for(const struct req *r, const struct entity_out *staff,
                                        const struct entity_out *ent)
{
	return scope_as_enterprise(&r->who) ? ent : staff;
}

static void row(void *list, const void *obj)
{
	resp_list_row(list, obj);
}

/* ---- demands ---- */

static int demand_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &JOBS_DEMAND_Q, id, e);
}

static int demand_move(struct req *r, enum jobs_event ev, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || jobs_demand_move(req_pool(r), &r->who, id, ev, e) < 0)
		return -1;
	return demand_answer(r, 200, id, e);
}

int h_jobs_demand_close(struct req *r, struct yq_err *e)
{
	return demand_move(r, JOBS_EV_CLOSE, e);
}

int h_jobs_demand_reopen(struct req *r, struct yq_err *e)
{
	return demand_move(r, JOBS_EV_REOPEN, e);
}

/* ---- fairs ---- */

static int fair_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &JOBS_FAIR_Q, id, e);
}

int h_jobs_fair_ents(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct jobs_fair f;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 ||
	    store_list_get(c, &JOBS_FAIR_Q, &r->who, id, &r->arena, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	struct yq_err e2 = {0};
	resp_list_open(r, &l, out_for(r, &FAIR_ENT_STAFF, &FAIR_ENT_ENT));
	int rc = jobs_fair_ents(c, &r->who, id, row, &l, &total, &e2) < 0 ? DB_ERR : 0;
	return resp_list_close(&l, rc, total, 1, total > 0 ? total : 1, e);
}

static int fair_join(struct req *r, int join, struct yq_err *e)
{
	int64_t id, ent = 0;
	json_t *o;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_int(o, "enterprise_id", 0, 0, 0, INT64_MAX, &ent, e) < 0 ||
	    jobs_fair_join(req_pool(r), &r->who, id, ent, join, e) < 0)
		return -1;
	return fair_answer(r, 200, id, e);
}

int h_jobs_fair_join(struct req *r, struct yq_err *e)
{
	return fair_join(r, 1, e);
}

int h_jobs_fair_leave(struct req *r, struct yq_err *e)
{
	return fair_join(r, 0, e);
}

/* ---- figures ---- */

static void counts(struct jsonw *w, int64_t demanded, int64_t filled)
{
	jw_kint(w, "demanded", demanded);
	jw_kint(w, "filled", filled);
	jw_kdouble(w, "fill_rate", jobs_fill_rate(demanded, filled));
}

int h_jobs_summary(struct req *r, struct yq_err *e)
{
	char today[11];
	jobs_today(today);
	int64_t year = strtol(today, NULL, 10);
	const char *y = req_query(r, "year");
	if (y && *y) {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end || v < 2000 || v > 2100)
			return err_set(e, ERR_VALIDATION, "year", "年度应为2000至2100之间的整数",
			               "year must be 2000..2100");
		year = v;
	}
	struct jobs_summary s;
	struct db *c = req_db(r, e);
	if (!c || jobs_summary(c, &r->who, (int)year, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "year", year);
	jw_kint(&w, "demands", s.demands);
	counts(&w, s.demanded, s.filled);
	jw_kint(&w, "open_demands", s.open_demands);
	jw_kint(&w, "fairs", s.fairs);
	jw_kint(&w, "partnerships", s.partnerships);
	jw_kint(&w, "planned_interns", s.planned_interns);
	jw_kint(&w, "arrived_interns", s.arrived_interns);
	jw_key(&w, "by_industry");
	jw_arr_open(&w);
	for (int i = 0; i < s.n_industry; i++) {
		const struct industry *ind =
		    *s.by_industry[i].key ? industry_find(s.by_industry[i].key) : NULL;
		jw_obj_open(&w);
		jw_kstr(&w, "section", s.by_industry[i].key);
		jw_kstr(&w, "label", ind ? ind->name : "未分类");
		counts(&w, s.by_industry[i].demanded, s.by_industry[i].filled);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_channel");
	jw_arr_open(&w);
	for (int i = 0; i < JOBS__CHANNEL_COUNT; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "channel", jobs_channel_name((enum jobs_channel)i));
		jw_kstr(&w, "label", jobs_channel_label((enum jobs_channel)i));
		jw_kint(&w, "filled", s.by_channel[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_month");
	jw_arr_open(&w);
	for (int i = 0; i < 12; i++) {
		jw_obj_open(&w);
		char m[8];
		snprintf(m, sizeof m, "%04d-%02d", (int)year, i + 1);
		jw_kstr(&w, "month", m);
		jw_kint(&w, "filled", s.by_month[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}
