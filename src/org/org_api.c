/* HTTP handlers: roles, zones, departments, users (see org_api.h). */
#include "org/org_api.h"
#include <string.h>

void org_user_json(struct req *r, struct jsonw *w, const struct user *u)
{
	jw_obj_open(w);
	jw_kint(w, "id", u->id);
	jw_kstr(w, "username", u->username);
	jw_kstr(w, "display_name", u->display_name);
	jw_kstr(w, "role", u->role);
	jw_kstr(w, "data_scope", u->data_scope);
	if (u->zone_id)
		jw_kint(w, "zone_id", u->zone_id);
	else
		jw_knull(w, "zone_id");
	if (u->dept_id)
		jw_kint(w, "dept_id", u->dept_id);
	else
		jw_knull(w, "dept_id");
	jw_kstr(w, "dept_name", u->dept_name);
	if (u->enterprise_id)
		jw_kint(w, "enterprise_id", u->enterprise_id);
	else
		jw_knull(w, "enterprise_id");
	jw_kstr(w, "enterprise_name", u->enterprise_id ? u->enterprise_name : NULL);
	jw_kstr(w, "phone", u->phone);
	jw_kstr(w, "email", u->email);
	jw_kstr(w, "status", u->status);
	jw_kbool(w, "must_change_password", u->must_change);
	jw_kstr(w, "locked_until", req_time(r, u->locked_until));
	jw_kstr(w, "last_login_at", req_time(r, u->last_login_at));
	jw_kstr(w, "created_at", req_time(r, u->created_at));
	jw_obj_close(w);
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
			if (ps & PERM_BIT(p))
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
	struct jsonw *w = ctx;
	jw_obj_open(w);
	jw_kint(w, "id", z->id);
	jw_kstr(w, "code", z->code);
	jw_kstr(w, "name", z->name);
	jw_obj_close(w);
}

int h_zones_list(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct jsonw w;
	resp_items_open(r, &w);
	int rc = zone_list(c, &r->who, org_zone_json_row, &w);
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

static void dept_row(void *ctx, const struct dept *d)
{
	struct jsonw *w = ctx;
	jw_obj_open(w);
	jw_kint(w, "id", d->id);
	if (d->parent_id)
		jw_kint(w, "parent_id", d->parent_id);
	else
		jw_knull(w, "parent_id");
	jw_kstr(w, "name", d->name);
	jw_kstr(w, "kind", d->kind);
	jw_kstr(w, "path", d->path);
	jw_kint(w, "sort", d->sort);
	jw_obj_close(w);
}

int h_depts_list(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct jsonw w;
	resp_items_open(r, &w);
	int rc = dept_list(c, &r->who, dept_row, &w);
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

static int decode_dept(struct req *r, struct dept_input *in, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	if (!j)
		return -1;
	memset(in, 0, sizeof *in);
	if (json_str(r, j, "name", 1, 64, &in->name, e) < 0 ||
	    json_str(r, j, "kind", 0, 32, &in->kind, e) < 0 ||
	    json_int(j, "parent_id", 0, 0, 0, INT64_MAX, &in->parent_id, e) < 0 ||
	    json_int(j, "sort", 0, 0, -100000, 100000, &in->sort, e) < 0)
		return -1;
	return 0;
}

int h_depts_create(struct req *r, struct yq_err *e)
{
	struct dept_input in;
	int64_t id;
	if (decode_dept(r, &in, e) < 0 || dept_create(req_pool(r), &r->who, &in, &id, e) < 0)
		return -1;
	struct jsonw w;
	resp_json(r, 201, &w);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_obj_close(&w);
	return 0;
}

int h_depts_update(struct req *r, struct yq_err *e)
{
	struct dept_input in;
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || decode_dept(r, &in, e) < 0 ||
	    dept_update(req_pool(r), &r->who, id, &in, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_depts_delete(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || dept_delete(req_pool(r), &r->who, id, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

static void user_row(void *ctx, const struct user *u)
{
	struct req *r = ((void **)ctx)[0];
	org_user_json(r, ((void **)ctx)[1], u);
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
	if (f.q && strlen(f.q) > 100)
		return err_set(e, ERR_VALIDATION, "q", "关键词过长", "keyword too long");
	if (f.role && !*f.role)
		f.role = NULL;
	if (f.status && !*f.status)
		f.status = NULL;
	struct jsonw w;
	resp_items_open(r, &w);
	int64_t total = 0;
	void *ctx[2] = {r, &w};
	int rc = user_list(c, &r->who, &f, user_row, ctx, &total);
	return resp_items_close(r, &w, rc, total, f.page, f.page_size, e);
}

int h_users_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct user u;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 || user_get(c, &r->who, id, &r->arena, &u, e) < 0)
		return -1;
	struct jsonw w;
	org_user_json(r, resp_json(r, 200, &w), &u);
	return 0;
}

static int decode_user(struct req *r, struct user_input *in, int create, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	if (!j)
		return -1;
	memset(in, 0, sizeof *in);
	if (json_str(r, j, "username", create, 32, &in->username, e) < 0 ||
	    json_str(r, j, "display_name", 0, 64, &in->display_name, e) < 0 ||
	    json_str(r, j, "role", create, 32, &in->role, e) < 0 ||
	    json_str(r, j, "data_scope", 0, 32, &in->data_scope, e) < 0 ||
	    json_int(j, "dept_id", 0, 0, 0, INT64_MAX, &in->dept_id, e) < 0 ||
	    json_int(j, "enterprise_id", 0, 0, 0, INT64_MAX, &in->enterprise_id, e) < 0 ||
	    json_str(r, j, "phone", 0, 20, &in->phone, e) < 0 ||
	    json_str(r, j, "email", 0, 120, &in->email, e) < 0)
		return -1;
	if (create && json_str(r, j, "password", 1, 128, &in->password, e) < 0)
		return -1;
	return 0;
}

int h_users_create(struct req *r, struct yq_err *e)
{
	struct user_input in;
	int64_t id;
	if (decode_user(r, &in, 1, e) < 0)
		return -1;
	in.must_change = 1; /* an account made by someone else changes its password first */
	if (user_create(req_pool(r), &r->who, &in, &id, e) < 0)
		return -1;
	struct user u;
	struct db *c = req_db(r, e);
	if (!c || user_get(c, &r->who, id, &r->arena, &u, e) < 0)
		return -1;
	struct jsonw w;
	org_user_json(r, resp_json(r, 201, &w), &u);
	return 0;
}

int h_users_update(struct req *r, struct yq_err *e)
{
	struct user_input in;
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || decode_user(r, &in, 0, e) < 0 ||
	    user_update(req_pool(r), &r->who, id, &in, e) < 0)
		return -1;
	return h_users_get(r, e);
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
