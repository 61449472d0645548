/* Answers the modules' handlers share (see item_answer.h). */
#include "work/item_answer.h"
#include "work/attachment_api.h"
#include "work/timeline_api.h"
#include "lib/arena.h"
#include "http/routes.h"
#include "work/store_list.h"
#include "work/store_write.h"

int work_item_answer(struct req *r, int status, const struct entity_out *o, const void *obj,
                     const struct work_kind *kind, int64_t id, int timeline, struct yq_err *e)
{
	struct jsonw w;
	resp_obj_open(r, status, &w);
	jw_entity_members(&w, o, obj);
	jw_key(&w, "attachments");
	if (attachment_json_list(r, &w, kind, id, e) < 0)
		return -1;
	if (timeline) {
		jw_key(&w, "timeline");
		if (work_timeline_json(r, &w, kind, id, e) < 0)
			return -1;
	}
	jw_obj_close(&w);
	return 0;
}

static void list_row(void *list, const void *obj)
{
	resp_list_row(list, obj);
}

/* A zeroed struct of n bytes in the request's arena, or NULL with e set. */
static void *zeroed(struct req *r, size_t n, struct yq_err *e)
{
	void *p = arena_zalloc(&r->arena, n ? n : 1);
	if (!p)
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	return p;
}

void *store_filter_decode(struct req *r, const struct store_query *s, struct yq_err *e)
{
	void *f = zeroed(r, s->filter_size, e);
	return !f || (s->filter && req_query_entity(r, s->filter, f, e) < 0) ? NULL : f;
}

/* How the caller is answered rows of query s. */
static struct entity_out query_out(const struct req *r, const struct store_query *s)
{
	return (struct entity_out){s->en, s->hide ? s->hide(&r->who) : 0, NULL};
}

int store_list_answer(struct req *r, const struct store_query *s, struct yq_err *e)
{
	const void *f = store_filter_decode(r, s, e);
	return f ? store_list_answer_of(r, s, f, e) : -1;
}

int store_list_answer_of(struct req *r, const struct store_query *s, const void *f,
                         struct yq_err *e)
{
	struct entity_out o = query_out(r, s);
	int64_t page, page_size, total = 0;
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &page, &page_size, e) < 0)
		return -1;
	struct entity_list l;
	resp_list_open(r, &l, &o);
	int rc = store_list_page(c, s, &r->who, f, page, page_size, list_row, &l, &total);
	return resp_list_close(&l, rc, total, page, page_size, e);
}

int store_item_answer(struct req *r, int status, const struct store_query *s, int64_t id,
                      struct yq_err *e)
{
	struct entity_out o = query_out(r, s);
	void *row = zeroed(r, s->size, e);
	struct db *c = row ? req_db(r, e) : NULL;
	if (!c || store_list_get(c, s, &r->who, id, &r->arena, row, e) < 0)
		return -1;
	return resp_entity(r, status, &o, row);
}

int h_store_list(struct req *r, struct yq_err *e)
{
	return store_list_answer(r, r->route->arg, e);
}

int h_store_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	return req_id(r, 0, &id, e) < 0 ? -1 : store_item_answer(r, 200, r->route->arg, id, e);
}

int h_store_create(struct req *r, struct yq_err *e)
{
	const struct store_edit *ed = r->route->arg;
	void *obj = zeroed(r, ed->size, e);
	struct store_change x = {.ed = ed, .made = obj};
	if (!obj || !req_entity(r, ed->en, DECODE_FULL, obj, NULL, e) ||
	    write_tx(req_pool(r), &r->who, ed->create ? ed->create : store_create_fn, &x, e) < 0)
		return -1;
	return store_item_answer(r, 201, ed->q, *(const int64_t *)((const char *)obj + ed->id_off),
	                         e);
}

int h_store_update(struct req *r, struct yq_err *e)
{
	const struct store_edit *ed = r->route->arg;
	void *in = zeroed(r, ed->size, e);
	struct store_change x = {.ed = ed, .in = in};
	if (!in || req_id(r, 0, &x.id, e) < 0 ||
	    !req_entity(r, ed->en, DECODE_PATCH, in, &x.present, e) ||
	    write_tx(req_pool(r), &r->who, ed->update ? ed->update : store_update_fn, &x, e) < 0)
		return -1;
	return store_item_answer(r, 200, ed->q, x.id, e);
}
