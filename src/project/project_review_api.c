/* HTTP handlers of 会审, permits and site checks (see project_api.h). */
#include "project/project_api.h"
#include "project/project_review.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include "work/item_answer.h"
#include <string.h>

static const struct entity_out REVIEW_OUT = {&ENTITY_REVIEW, 0, NULL};

static void review_row(void *l, const struct proj_review *x)
{
	resp_list_row(l, x);
}

int h_review_list(struct req *r, struct yq_err *e)
{
	int64_t page, page_size, total = 0;
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &page, &page_size, e) < 0)
		return -1;
	struct entity_list l;
	resp_list_open(r, &l, &REVIEW_OUT);
	int rc = review_list(c, &r->who, page, page_size, review_row, &l, &total);
	return resp_list_close(&l, rc, total, page, page_size, e);
}

static void item_row(void *w, const struct proj_review_item *it)
{
	jw_obj_open(w);
	jw_kint(w, "project_id", it->project_id);
	jw_kstr(w, "project_no", it->project_no);
	jw_kstr(w, "project_name", it->project_name);
	jw_kstr(w, "stage", it->stage);
	jw_kint_or_null(w, "dept_id", it->dept_id);
	jw_kstr(w, "dept_name", it->dept_name);
	jw_kstr(w, "decision", it->decision);
	jw_kstr(w, "note", it->note);
	jw_obj_close(w);
}

static int review_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct proj_review rv;
	struct db *c = req_db(r, e);
	struct items_buf items;
	if (!c)
		return -1;
	items_buf_open(&items);
	int rc = review_get(c, &r->who, id, &r->arena, &rv, item_row, &items.w, e);
	if ((rc = items_buf_close(&items, rc, e)) == 0) {
		struct jsonw w;
		resp_obj_open(r, status, &w);
		jw_entity_members(&w, &REVIEW_OUT, &rv);
		jw_key(&w, "items");
		jw_raw(&w, items.buf.buf);
		jw_obj_close(&w);
	}
	strbuf_release(&items.buf);
	return rc;
}

int h_review_get(struct req *r, struct yq_err *e)
{
	return item_answer_get(r, review_answer, e);
}

int h_review_create(struct req *r, struct yq_err *e)
{
	struct proj_review rv;
	memset(&rv, 0, sizeof rv);
	if (!req_entity(r, &ENTITY_REVIEW, DECODE_FULL, &rv, NULL, e) ||
	    review_create(req_pool(r), &r->who, &rv, e) < 0)
		return -1;
	return review_answer(r, 201, rv.id, e);
}

int h_review_add(struct req *r, struct yq_err *e)
{
	int64_t id, project;
	json_t *o;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_int(o, "project_id", 1, 0, 1, INT64_MAX, &project, e) < 0 ||
	    review_add(req_pool(r), &r->who, id, project, e) < 0)
		return -1;
	return review_answer(r, 200, id, e);
}

int h_review_decide(struct req *r, struct yq_err *e)
{
	int64_t id, project;
	json_t *o;
	const char *decision = NULL, *note = NULL;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_int(o, "project_id", 1, 0, 1, INT64_MAX, &project, e) < 0 ||
	    json_str(r, o, "decision", 1, 20, &decision, e) < 0 ||
	    json_str(r, o, "note", 0, 2000, &note, e) < 0 ||
	    review_decide(req_pool(r), &r->who, id, project, decision, note, &r->arena, e) < 0)
		return -1;
	return review_answer(r, 200, id, e);
}

int h_review_close(struct req *r, struct yq_err *e)
{
	int64_t id;
	json_t *o;
	const char *minutes = NULL;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, "minutes", 1, 20000, &minutes, e) < 0 ||
	    review_close(req_pool(r), &r->who, id, minutes, &r->arena, e) < 0)
		return -1;
	return review_answer(r, 200, id, e);
}

/* ---- permits ---- */

static void permit_row(void *w, const struct proj_permit *x)
{
	jw_obj_open(w);
	jw_kstr(w, "permit", x->permit);
	jw_kstr(w, "applied_date", x->applied_date);
	jw_kstr(w, "approved_date", x->approved_date);
	jw_kstr(w, "status", x->approved_date ? "approved" : x->applied_date ? "applied" : "none");
	jw_kstr(w, "permit_no", x->permit_no);
	jw_kstr(w, "notes", x->notes);
	jw_kint_or_null(w, "secretary_user_id", x->secretary_user_id);
	jw_kstr(w, "secretary_name", x->secretary_name);
	if (x->workdays >= 0)
		jw_kint(w, "workdays", x->workdays);
	else
		jw_knull(w, "workdays");
	jw_obj_close(w);
}

int h_permit_list(struct req *r, struct yq_err *e)
{
	int64_t id, land_to_start;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	struct items_buf items;
	items_buf_open(&items);
	int rc = permit_list(c, &r->who, id, permit_row, &items.w, &land_to_start, e);
	if ((rc = items_buf_close(&items, rc, e)) == 0) {
		struct jsonw w;
		resp_obj_open(r, 200, &w);
		jw_key(&w, "items");
		jw_raw(&w, items.buf.buf);
		if (land_to_start >= 0)
			jw_kint(&w, "land_to_start_workdays", land_to_start);
		else
			jw_knull(&w, "land_to_start_workdays");
		jw_obj_close(&w);
	}
	strbuf_release(&items.buf);
	return rc;
}

/* A date member: absent or null is none; otherwise a real YYYY-MM-DD. */
static int date_member(struct req *r, json_t *o, const char *key, const char **out,
                       struct yq_err *e)
{
	if (json_str(r, o, key, 0, 10, out, e) < 0)
		return -1;
	if (*out && !**out)
		*out = NULL;
	if (*out && !valid_date(*out))
		return err_set(e, ERR_VALIDATION, key, "日期无效（YYYY-MM-DD）", "invalid date");
	return 0;
}

int h_permit_set(struct req *r, struct yq_err *e)
{
	int64_t id;
	json_t *o;
	struct proj_permit x = {0};
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, "permit", 1, 50, &x.permit, e) < 0 ||
	    date_member(r, o, "applied_date", &x.applied_date, e) < 0 ||
	    date_member(r, o, "approved_date", &x.approved_date, e) < 0 ||
	    json_str(r, o, "permit_no", 0, 64, &x.permit_no, e) < 0 ||
	    json_str(r, o, "notes", 0, 2000, &x.notes, e) < 0 ||
	    json_int(o, "secretary_user_id", 0, 0, 0, INT64_MAX, &x.secretary_user_id, e) < 0 ||
	    permit_set(req_pool(r), &r->who, id, &x, e) < 0)
		return -1;
	return h_permit_list(r, e);
}

/* ---- site checks ---- */

static const struct entity_out CHECK_OUT = {&ENTITY_CHECK, 0, NULL};

static void check_row(void *ctx, const struct proj_check *x)
{
	struct jsonw *w = ctx;
	jw_obj_open(w);
	jw_entity_members(w, &CHECK_OUT, x);
	jw_key(w, "photos");
	jw_arr_open(w);
	for (int i = 0; i < x->n_photos; i++) {
		jw_obj_open(w);
		jw_kint(w, "id", x->photos[i].id);
		jw_kstr(w, "name", x->photos[i].name);
		jw_kstr(w, "content_type", x->photos[i].content_type);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
}

/* photo_ids: up to PROJ_CHECK_PHOTOS attachment ids, or absent. */
static int photo_ids(json_t *o, struct proj_check *x, struct yq_err *e)
{
	json_t *v = json_object_get(o, "photo_ids");
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return err_set(e, ERR_VALIDATION, "photo_ids", "照片应为附件编号的列表",
		               "photo_ids must be a list of attachment ids");
	if (json_array_size(v) > PROJ_CHECK_PHOTOS)
		return err_set(e, ERR_VALIDATION, "photo_ids", "每次检查最多 9 张照片",
		               "at most 9 photos per check");
	size_t i;
	json_t *it;
	json_array_foreach(v, i, it)
	{
		if (!json_is_integer(it) || json_integer_value(it) <= 0)
			return err_set(e, ERR_VALIDATION, "photo_ids", "照片应为附件编号的列表",
			               "photo_ids must be a list of attachment ids");
		x->photo_ids[x->n_photos++] = json_integer_value(it);
	}
	return 0;
}

int h_check_list(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct jsonw w;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	resp_items_open(r, &w);
	if (check_list(c, &r->who, id, check_row, &w, e) < 0)
		return -1;
	return resp_items_close(r, &w, DB_OK, -1, 0, 0, e);
}

int h_check_add(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct proj_check x;
	memset(&x, 0, sizeof x);
	json_t *o;
	if (req_id(r, 0, &id, e) < 0 ||
	    !(o = req_entity(r, &ENTITY_CHECK, DECODE_FULL, &x, NULL, e)) ||
	    photo_ids(o, &x, e) < 0 || check_add(req_pool(r), &r->who, id, &x, e) < 0)
		return -1;
	return resp_id(r, 201, x.id);
}
