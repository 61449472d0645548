/* HTTP handlers: roles, zones, departments, users (see org_api.h). */
#include "org/org_api.h"
#include "org/region.h"
#include "http/answer.h"
#include <string.h>

const struct entity_out USER_OUT = {&ENTITY_USER, 0, NULL};
static const struct entity_out DEPT_OUT = {&ENTITY_DEPT, 0, NULL};
static const struct entity_out ZONE_OUT = {&ENTITY_ZONE, 0, NULL};
static const struct entity_out REGION_OUT = {&ENTITY_REGION, 0, NULL};

static void user_row(void *list, const struct user *u)
{
	resp_list_row(list, u);
}

static void dept_row(void *list, const struct dept *d)
{
	resp_list_row(list, d);
}

int h_roles_list(struct req *r, struct yq_err *e)
{
	struct jsonw w;
	resp_items_open(r, &w);
	for (int role = 1; role < ROLE__COUNT; role++) {
		jw_obj_open(&w);
		jw_kstr(&w, "name", role_name((enum role)role));
		jw_kstr(&w, "label", role_label_zh((enum role)role));
		jw_kstr(&w, "data_scope", scope_name(role_default_scope((enum role)role)));
		jw_key(&w, "permissions");
		jw_arr_open(&w);
		perm_set ps = role_perms((enum role)role);
		for (int p = PERM_AUTH + 1; p < PERM__COUNT; p++)
			if (perm_has(&ps, (enum perm)p))
				jw_str(&w, perm_name((enum perm)p));
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

void org_zone_json_row(void *ctx, const struct zone *z)
{
	jw_entity(ctx, &ZONE_OUT, z);
}

int h_zones_list(struct req *r, struct yq_err *e)
{
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	int rc = zone_list(c, &r->who, org_zone_json_row, &w);
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

static void region_row(void *list, const struct region *g)
{
	resp_list_row(list, g);
}

int h_regions_list(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	/* a province or city user: its region; a zone's user: the region of its zone */
	const char *own = r->who.region ? r->who.region : "";
	struct zone z = {0};
	if (r->who.scope != SCOPE_ALL) {
		int rc = zone_get(c, r->who.zone_id, &r->arena, &z);
		if (rc < 0)
			return err_db(e, rc);
		own = rc == DB_OK && *z.region_code ? z.region_code : "-";
	}
	struct entity_list l;
	resp_list_open(r, &l, &REGION_OUT);
	/* a zone placed in no region: none ("-" lies within nothing) */
	int rc = strcmp(own, "-") ? region_list(c, own, region_row, &l) : DB_OK;
	return resp_list_close(&l, rc, -1, 0, 0, e);
}

int h_zone_region(struct req *r, struct yq_err *e)
{
	int64_t id;
	json_t *j = req_json(r, e);
	const char *code, *level;
	if (!j || req_id(r, 0, &id, e) < 0 || json_str(r, j, "region_code", 1, 6, &code, e) < 0 ||
	    json_str(r, j, "level", 0, 16, &level, e) < 0 ||
	    zone_region_write(req_pool(r), &r->who, id, code, level, e) < 0)
		return -1;
	struct db *c = req_db(r, e);
	struct zone z;
	if (!c || zone_get(c, id, &r->arena, &z) != DB_OK)
		return c ? err_set(e, ERR_NOT_FOUND, "zone", "园区不存在", "no such zone") : -1;
	return resp_entity(r, 200, &ZONE_OUT, &z);
}

int h_depts_list(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct entity_list l;
	resp_list_open(r, &l, &DEPT_OUT);
	int rc = dept_list(c, &r->who, dept_row, &l);
	return resp_list_close(&l, rc, -1, 0, 0, e);
}

/* A department body; *keep_kind when it gives no kind (an update leaves the kind then). */
static int decode_dept(struct req *r, struct dept *d, int *keep_kind, struct yq_err *e)
{
	uint64_t present;
	memset(d, 0, sizeof *d);
	if (!req_entity(r, &ENTITY_DEPT, DECODE_FULL, d, &present, e))
		return -1;
	const struct field *kind = entity_field(&ENTITY_DEPT, "kind");
	*keep_kind = !(present >> (kind - ENTITY_DEPT.fields) & 1);
	return 0;
}

int h_depts_create(struct req *r, struct yq_err *e)
{
	struct dept d;
	int keep_kind;
	struct db *c;
	if (decode_dept(r, &d, &keep_kind, e) < 0 || dept_create(req_pool(r), &r->who, &d, e) < 0 ||
	    !(c = req_db(r, e)) || dept_get(c, &r->who, d.id, &r->arena, &d, e) < 0)
		return -1;
	return resp_entity(r, 201, &DEPT_OUT, &d);
}

int h_depts_update(struct req *r, struct yq_err *e)
{
	struct dept d;
	int64_t id;
	int keep_kind;
	if (req_id(r, 0, &id, e) < 0 || decode_dept(r, &d, &keep_kind, e) < 0 ||
	    dept_update(req_pool(r), &r->who, id, &d, keep_kind, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_depts_delete(struct req *r, struct yq_err *e)
{
	return resp_id_write(r, dept_delete, e);
}

int h_users_list(struct req *r, struct yq_err *e)
{
	struct user_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 ||
	    req_query_int(r, "dept_id", 0, 0, INT64_MAX, &f.dept_id, e) < 0)
		return -1;
	f.q = req_query(r, "q");
	f.role = req_query(r, "role");
	f.status = req_query(r, "status");
	f.kind = req_query(r, "kind");
	if (f.kind && !*f.kind)
		f.kind = NULL;
	if (f.kind && strcmp(f.kind, "zone") && strcmp(f.kind, "region"))
		return err_set(e, ERR_VALIDATION, "kind",
		               "用户类别应为 zone（园区用户）或 region（省市级用户）",
		               "kind is zone or region");
	if (f.q && strlen(f.q) > 100)
		return err_set(e, ERR_VALIDATION, "q", "关键词过长", "keyword too long");
	if (f.role && !*f.role)
		f.role = NULL;
	if (f.status && !*f.status)
		f.status = NULL;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, &USER_OUT);
	int rc = user_list(c, &r->who, &f, user_row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

/* Answers the user `id` as the caller reads it, with `status`. */
static int answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct user u;
	struct db *c = req_db(r, e);
	if (!c || user_get(c, &r->who, id, &r->arena, &u, e) < 0)
		return -1;
	return resp_entity(r, status, &USER_OUT, &u);
}

int h_users_get(struct req *r, struct yq_err *e)
{
	return item_answer_get(r, answer, e);
}

int h_users_create(struct req *r, struct yq_err *e)
{
	struct user u;
	memset(&u, 0, sizeof u);
	if (!req_entity(r, &ENTITY_USER, DECODE_FULL, &u, NULL, e))
		return -1;
	u.must_change = 1; /* an account made by someone else changes its password first */
	if (user_create(req_pool(r), &r->who, &u, e) < 0)
		return -1;
	return answer(r, 201, u.id, e);
}

int h_users_update(struct req *r, struct yq_err *e)
{
	struct user in;
	int64_t id;
	uint64_t present;
	json_t *j;
	memset(&in, 0, sizeof in);
	if (req_id(r, 0, &id, e) < 0 || !(j = req_json(r, e)))
		return -1;
	/* what an update does not change, and a null, which leaves a member as it is */
	const char *key;
	json_t *v;
	void *tmp;
	json_object_foreach_safe(j, tmp, key, v)
	{
		if (json_is_null(v) || strcmp(key, "username") == 0 || strcmp(key, "password") == 0)
			json_object_del(j, key);
	}
	if (entity_decode(&ENTITY_USER, j, DECODE_PATCH, &r->arena, &in, &present, e) < 0 ||
	    user_update(req_pool(r), &r->who, id, &in, present, e) < 0)
		return -1;
	return answer(r, 200, id, e);
}

int h_users_lock(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || user_set_status(req_pool(r), &r->who, id, "locked", e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_users_unlock(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || user_set_status(req_pool(r), &r->who, id, "active", e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_users_reset_password(struct req *r, struct yq_err *e)
{
	int64_t id;
	const char *pw;
	json_t *j;
	if (req_id(r, 0, &id, e) < 0 || !(j = req_json(r, e)) ||
	    json_str(r, j, "password", 1, 128, &pw, e) < 0 ||
	    user_set_password(req_pool(r), &r->who, id, pw, 1, e) < 0)
		return -1;
	return resp_empty(r, 204);
}
