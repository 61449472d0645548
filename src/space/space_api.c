/* HTTP handlers of 载体 (see space_api.h): decode, call, encode. */
#include "space/space_api.h"
#include "space/space.h"
#include "lib/arena.h"
#include "lib/multipart.h"
#include "lib/util.h"
#include "work/store_list.h"
#include "work/item_answer.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The units matching a demand, as staff read them. */
static const struct entity_out UNIT_STAFF = {&ENTITY_SPACE_UNIT, 0, NULL};

/* ---- buildings ---- */

static int building_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &SPACE_BUILDING_Q, id, e);
}

/* ---- leases ---- */

static int lease_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &SPACE_LEASE_Q, id, e);
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

static int demand_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &SPACE_DEMAND_Q, id, e);
}

#define MATCHES_MAX 50

int h_space_demand_matches(struct req *r, struct yq_err *e)
{
	int64_t id;
	size_t n = 0;
	struct db *c = req_db(r, e);
	struct space_unit *u = arena_alloc(&r->arena, sizeof *u * MATCHES_MAX);
	if (!c || req_id(r, 0, &id, e) < 0)
		return -1;
	if (!u)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	struct space_demand d;
	if (store_list_get(c, &SPACE_DEMAND_Q, &r->who, id, &r->arena, &d, e) < 0 ||
	    space_demand_matches(c, &r->who, id, &r->arena, u, MATCHES_MAX, &n, e) < 0)
		return -1;
	struct jsonw w;
	resp_items_open(r, &w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_entity_members(&w, &UNIT_STAFF, &u[i]);
		jw_kdouble(&w, "area_distance", space_match_distance(&d, &u[i]));
		jw_obj_close(&w);
	}
	return resp_items_close(r, &w, 0, (int64_t)n, 1, MATCHES_MAX, e);
}

static int demand_event(struct req *r, enum space_demand_event ev, struct yq_err *e)
{
	int64_t id, unit = 0;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	if (ev == DEMAND_EV_OFFER) {
		json_t *o = req_json(r, e);
		if (!o || json_int(o, "unit_id", 1, 0, 1, INT64_MAX, &unit, e) < 0)
			return -1;
	}
	if (space_demand_move(req_pool(r), &r->who, id, ev, unit, e) < 0)
		return -1;
	return demand_answer(r, 200, id, e);
}

int h_space_demand_offer(struct req *r, struct yq_err *e)
{
	return demand_event(r, DEMAND_EV_OFFER, e);
}

int h_space_demand_accept(struct req *r, struct yq_err *e)
{
	return demand_event(r, DEMAND_EV_ACCEPT, e);
}

int h_space_demand_decline(struct req *r, struct yq_err *e)
{
	return demand_event(r, DEMAND_EV_DECLINE, e);
}

int h_space_demand_withdraw(struct req *r, struct yq_err *e)
{
	return demand_event(r, DEMAND_EV_WITHDRAW, e);
}

int h_space_demand_close(struct req *r, struct yq_err *e)
{
	return demand_event(r, DEMAND_EV_CLOSE, e);
}

int h_space_unit_apply(struct req *r, struct yq_err *e)
{
	int64_t unit, months, id;
	const char *from = NULL, *notes = NULL;
	char today[11];
	json_t *o;
	if (req_id(r, 0, &unit, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, "wanted_from", 0, 10, &from, e) < 0 ||
	    json_int(o, "term_months", 0, 12, 1, 240, &months, e) < 0 ||
	    json_str(r, o, "notes", 0, SPACE_NOTES_MAX, &notes, e) < 0)
		return -1;
	if (from && *from && !valid_date(from))
		return err_set(e, ERR_VALIDATION, "wanted_from", "期望入驻日期无效",
		               "invalid date");
	if (!from || !*from) {
		cst_day(now_unix(), today);
		from = today;
	}
	if (space_unit_apply(req_pool(r), &r->who, unit, from, months, notes, &id, e) < 0)
		return -1;
	return demand_answer(r, 201, id, e);
}

/* ---- the site plan ---- */

int h_space_plan_get(struct req *r, struct yq_err *e)
{
	struct space_plan pl;
	struct db *c = req_db(r, e);
	if (!c || space_plan_get(c, &r->who, &r->arena, &pl, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "content_type", *pl.content_type ? pl.content_type : NULL);
	jw_kint(&w, "width", pl.width);
	jw_kint(&w, "height", pl.height);
	jw_kstr(&w, "image_url", *pl.content_type ? "/api/space/plan/image" : NULL);
	jw_kint(&w, "updated_at", pl.updated_at);
	jw_obj_close(&w);
	return 0;
}

int h_space_plan_image(struct req *r, struct yq_err *e)
{
	struct space_plan pl;
	struct db *c = req_db(r, e);
	if (!c || space_plan_get(c, &r->who, &r->arena, &pl, e) < 0)
		return -1;
	if (!*pl.content_type)
		return err_set(e, ERR_NOT_FOUND, NULL, "园区尚未上传平面图",
		               "the zone has no plan");
	size_t n = strlen(pl.data);
	unsigned char *bytes = malloc(n / 4 * 3 + 4);
	if (!bytes)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	long len = space_b64_decode(pl.data, bytes);
	if (len < 0) {
		free(bytes);
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "the stored plan is damaged");
	}
	/* a picture only: nothing in it runs, even when opened on its own */
	resp_header(r, "Content-Security-Policy",
	            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
	if (resp_download(r, (char *)bytes, (size_t)len, pl.content_type,
	                  strcmp(pl.content_type, "image/svg+xml") == 0 ? "plan.svg"
	                  : strcmp(pl.content_type, "image/png") == 0   ? "plan.png"
	                                                                : "plan.jpg") < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	return 0;
}

int h_space_plan_put(struct req *r, struct yq_err *e)
{
	char boundary[72], name[256];
	const char *data;
	size_t len;
	struct space_plan pl = {0};
	if (multipart_boundary(req_header(r, "Content-Type"), boundary) < 0)
		return err_set(e, ERR_MEDIA_TYPE, "image", "请以 multipart/form-data 上传平面图",
		               "upload the plan as multipart/form-data");
	if (multipart_find(r->body.buf, r->body.len, boundary, "file", &data, &len, name,
	                   sizeof name) < 0)
		return err_set(e, ERR_VALIDATION, "image", "请上传平面图（表单字段 file）",
		               "upload the plan in the form field 'file'");
	if (space_plan_check((const unsigned char *)data, len, &pl.content_type, &pl.width,
	                     &pl.height, e) < 0)
		return -1;
	char *b64 = arena_alloc(&r->arena, 4 * ((len + 2) / 3) + 1);
	if (!b64)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	space_b64_encode((const unsigned char *)data, len, b64);
	pl.data = b64;
	if (space_plan_put(req_pool(r), &r->who, &pl, e) < 0)
		return -1;
	return h_space_plan_get(r, e);
}

int h_space_building_outline(struct req *r, struct yq_err *e)
{
	int64_t id;
	json_t *o, *plan;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)))
		return -1;
	plan = json_object_get(o, "plan");
	if (!json_is_array(plan))
		return err_set(e, ERR_VALIDATION, "plan", "请给出轮廓的坐标列表",
		               "give the outline as a list of [x, y] points");
	char *text = json_dumps(plan, JSON_COMPACT);
	if (!text)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	const char *kept = arena_strdup(&r->arena, text);
	free(text);
	if (strlen(kept) > 8000)
		return err_set(e, ERR_VALIDATION, "plan", "轮廓的点太多",
		               "the outline is too long");
	if (space_building_outline(req_pool(r), &r->who, id, kept, e) < 0)
		return -1;
	return building_answer(r, 200, id, e);
}
