/* HTTP handlers of 载体 (see space_api.h): decode, call, encode. */
#include "space/space_api.h"
#include "space/space.h"
#include "lib/util.h"
#include <string.h>

/* An enterprise reader is shown no tenant, note or bookkeeping (F_INTERNAL). */
static const struct entity_out BUILDING_STAFF = {&ENTITY_SPACE_BUILDING, 0, NULL};
static const struct entity_out BUILDING_ENT = {&ENTITY_SPACE_BUILDING, F_INTERNAL, NULL};
static const struct entity_out UNIT_STAFF = {&ENTITY_SPACE_UNIT, 0, NULL};
static const struct entity_out UNIT_ENT = {&ENTITY_SPACE_UNIT, F_INTERNAL, NULL};
static const struct entity_out LEASE_STAFF = {&ENTITY_SPACE_LEASE, 0, NULL};
static const struct entity_out LEASE_ENT = {&ENTITY_SPACE_LEASE, F_INTERNAL, NULL};

static const struct entity_out *out_for(const struct req *r, const struct entity_out *staff,
                                        const struct entity_out *ent)
{
	return space_as_enterprise(&r->who) ? ent : staff;
}

static void row(void *list, const void *obj)
{
	resp_list_row(list, obj);
}

/* ---- buildings ---- */

int h_space_building_list(struct req *r, struct yq_err *e)
{
	struct space_building_filter f;
	memset(&f, 0, sizeof f);
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 ||
	    req_query_entity(r, &ENTITY_SPACE_BUILDING_QUERY, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, out_for(r, &BUILDING_STAFF, &BUILDING_ENT));
	int rc = space_building_list(c, &r->who, &f, row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

static int building_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct space_building b;
	struct db *c = req_db(r, e);
	if (!c || space_building_get(c, &r->who, id, &r->arena, &b, e) < 0)
		return -1;
	return resp_entity(r, status, out_for(r, &BUILDING_STAFF, &BUILDING_ENT), &b);
}

int h_space_building_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	return building_answer(r, 200, id, e);
}

int h_space_building_create(struct req *r, struct yq_err *e)
{
	struct space_building b;
	memset(&b, 0, sizeof b);
	if (!req_entity(r, &ENTITY_SPACE_BUILDING, DECODE_FULL, &b, NULL, e) ||
	    space_building_create(req_pool(r), &r->who, &b, e) < 0)
		return -1;
	return building_answer(r, 201, b.id, e);
}

int h_space_building_update(struct req *r, struct yq_err *e)
{
	struct space_building in;
	int64_t id;
	uint64_t present;
	memset(&in, 0, sizeof in);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_SPACE_BUILDING, DECODE_PATCH, &in, &present, e) ||
	    space_building_update(req_pool(r), &r->who, id, &in, present, e) < 0)
		return -1;
	return building_answer(r, 200, id, e);
}

/* ---- units ---- */

int h_space_unit_list(struct req *r, struct yq_err *e)
{
	struct space_unit_filter f;
	memset(&f, 0, sizeof f);
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 ||
	    req_query_entity(r, &ENTITY_SPACE_UNIT_QUERY, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, out_for(r, &UNIT_STAFF, &UNIT_ENT));
	int rc = space_unit_list(c, &r->who, &f, row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

static int unit_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct space_unit u;
	struct db *c = req_db(r, e);
	if (!c || space_unit_get(c, &r->who, id, &r->arena, &u, e) < 0)
		return -1;
	return resp_entity(r, status, out_for(r, &UNIT_STAFF, &UNIT_ENT), &u);
}

int h_space_unit_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	return unit_answer(r, 200, id, e);
}

int h_space_unit_create(struct req *r, struct yq_err *e)
{
	struct space_unit u;
	memset(&u, 0, sizeof u);
	if (!req_entity(r, &ENTITY_SPACE_UNIT, DECODE_FULL, &u, NULL, e) ||
	    space_unit_create(req_pool(r), &r->who, &u, e) < 0)
		return -1;
	return unit_answer(r, 201, u.id, e);
}

int h_space_unit_update(struct req *r, struct yq_err *e)
{
	struct space_unit in;
	int64_t id;
	uint64_t present;
	memset(&in, 0, sizeof in);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_SPACE_UNIT, DECODE_PATCH, &in, &present, e) ||
	    space_unit_update(req_pool(r), &r->who, id, &in, present, e) < 0)
		return -1;
	return unit_answer(r, 200, id, e);
}

/* ---- leases ---- */

int h_space_lease_list(struct req *r, struct yq_err *e)
{
	struct space_lease_filter f;
	memset(&f, 0, sizeof f);
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 ||
	    req_query_entity(r, &ENTITY_SPACE_LEASE_QUERY, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, out_for(r, &LEASE_STAFF, &LEASE_ENT));
	int rc = space_lease_list(c, &r->who, &f, row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

static int lease_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct space_lease l;
	struct db *c = req_db(r, e);
	if (!c || space_lease_get(c, &r->who, id, &r->arena, &l, e) < 0)
		return -1;
	return resp_entity(r, status, out_for(r, &LEASE_STAFF, &LEASE_ENT), &l);
}

int h_space_lease_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	return lease_answer(r, 200, id, e);
}

int h_space_lease_create(struct req *r, struct yq_err *e)
{
	struct space_lease l;
	memset(&l, 0, sizeof l);
	if (!req_entity(r, &ENTITY_SPACE_LEASE, DECODE_FULL, &l, NULL, e) ||
	    space_lease_create(req_pool(r), &r->who, &l, e) < 0)
		return -1;
	return lease_answer(r, 201, l.id, e);
}

int h_space_lease_end(struct req *r, struct yq_err *e)
{
	int64_t id;
	const char *on = NULL;
	json_t *o;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, "ended_on", 0, 10, &on, e) < 0)
		return -1;
	if (on && *on && !valid_date(on))
		return err_set(e, ERR_VALIDATION, "ended_on", "结束日期无效", "invalid date");
	if (space_lease_end(req_pool(r), &r->who, id, on, e) < 0)
		return -1;
	return lease_answer(r, 200, id, e);
}

/* ---- figures ---- */

static void counts(struct jsonw *w, const struct space_count *c)
{
	jw_kint(w, "units", c->units);
	jw_kint(w, "vacant", c->vacant);
	jw_kdouble(w, "vacancy_rate", space_vacancy_rate(c->units, c->vacant));
	jw_kdouble(w, "area", c->area);
	jw_kdouble(w, "vacant_area", c->vacant_area);
}

int h_space_summary(struct req *r, struct yq_err *e)
{
	struct space_summary s;
	struct db *c = req_db(r, e);
	if (!c || space_summary(c, &r->who, &r->arena, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	struct space_count all = {
	    .units = s.units, .vacant = s.vacant, .area = s.area, .vacant_area = s.vacant_area};
	counts(&w, &all);
	jw_key(&w, "by_status");
	jw_obj_open(&w);
	for (int i = 0; i < SPACE__STATUS_COUNT; i++)
		jw_kint(&w, space_status_name((enum space_status)i), s.by_status[i]);
	jw_obj_close(&w);
	jw_kint(&w, "expiring_30", s.expiring_30);
	jw_key(&w, "by_building");
	jw_arr_open(&w);
	for (int i = 0; i < s.n_buildings; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "building_id", s.by_building[i].id);
		jw_kstr(&w, "name", s.by_building[i].key);
		jw_kstr(&w, "type", s.by_building[i].type);
		counts(&w, &s.by_building[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_type");
	jw_arr_open(&w);
	for (int i = 0; i < SPACE__TYPE_COUNT; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "type", s.by_type[i].key);
		counts(&w, &s.by_type[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}
