/* HTTP handlers of announcements (see announce_api.h): decode, call, encode. */
#include "announce/announce_api.h"
#include "announce/announce.h"
#include "work/item_answer.h"
#include <string.h>

/* What an enterprise reader is shown: no audience, author or receipt counts (F_INTERNAL), and
 * whether its enterprise has read it. */
static const struct field READ_AT = {
    FIELD_INIT(struct announcement, read_at, FT_TIME, NULL, 0, 0, F_READONLY, "阅读时间", "Read")};

static void ent_extra(struct jsonw *w, const void *obj)
{
	const struct announcement *a = obj;
	jw_kbool(w, "read", a->read_at != 0);
	jw_key(w, "read_at");
	field_json_value(w, &READ_AT, a);
}

static const struct entity_out STAFF_OUT = {&ENTITY_ANNOUNCEMENT, 0, NULL};
static const struct entity_out ENT_OUT = {&ENTITY_ANNOUNCEMENT, F_INTERNAL, ent_extra};

static const struct entity_out *out_for(const struct req *r)
{
	return r->who.role == ROLE_ENTERPRISE || r->who.scope == SCOPE_ENTERPRISE ? &ENT_OUT
	                                                                          : &STAFF_OUT;
}

static void ann_row(void *list, const struct announcement *a)
{
	resp_list_row(list, a);
}

/* A query argument, or NULL when absent or empty. */
static const char *opt(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

/* The enum query argument `key`, checked against the field of the same key. */
static int enum_query(struct req *r, const char *key, const char **out, struct yq_err *e)
{
	*out = opt(r, key);
	if (!*out)
		return 0;
	return field_text(entity_field(&ENTITY_ANNOUNCEMENT, key), *out, &r->arena, out, e);
}

int h_ann_list(struct req *r, struct yq_err *e)
{
	struct ann_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 ||
	    enum_query(r, "status", &f.status, e) < 0 ||
	    enum_query(r, "category", &f.category, e) < 0)
		return -1;
	f.q = opt(r, "q");
	if (f.q && strlen(f.q) > 100)
		return err_set(e, ERR_VALIDATION, "q", "关键词过长", "keyword too long");
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, out_for(r));
	int rc = ann_list(c, &r->who, &f, ann_row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

/* Answers announcement `id` as the caller reads it, with its attachments, with `status`. */
static int answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct announcement a;
	struct db *c = req_db(r, e);
	if (!c || ann_get(c, &r->who, id, &r->arena, &a, e) < 0)
		return -1;
	return work_item_answer(r, status, out_for(r), &a, &announce_kind, id, 0, e);
}

int h_ann_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct announcement a;
	struct db *c = req_db(r, e);
	/* seen first (404 for what the caller may not read), then its receipt, then the answer */
	if (!c || req_id(r, 0, &id, e) < 0 || ann_get(c, &r->who, id, &r->arena, &a, e) < 0 ||
	    (!a.read_at && ann_mark_read(req_pool(r), &r->who, id, e) < 0))
		return -1;
	return answer(r, 200, id, e);
}

int h_ann_create(struct req *r, struct yq_err *e)
{
	struct announcement a;
	memset(&a, 0, sizeof a);
	if (!req_entity(r, &ENTITY_ANNOUNCEMENT, DECODE_FULL, &a, NULL, e) ||
	    ann_create(req_pool(r), &r->who, &a, e) < 0)
		return -1;
	return answer(r, 201, a.id, e);
}

int h_ann_update(struct req *r, struct yq_err *e)
{
	struct announcement in;
	int64_t id;
	uint64_t present;
	memset(&in, 0, sizeof in);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_ANNOUNCEMENT, DECODE_PATCH, &in, &present, e) ||
	    ann_update(req_pool(r), &r->who, id, &in, present, e) < 0)
		return -1;
	return answer(r, 200, id, e);
}

int h_ann_publish(struct req *r, struct yq_err *e)
{
	return item_answer_write(r, ann_publish, answer, e);
}

int h_ann_withdraw(struct req *r, struct yq_err *e)
{
	return item_answer_write(r, ann_withdraw, answer, e);
}

static const struct entity_out RECEIPT_OUT = {&ENTITY_RECEIPT, 0, NULL};

static void receipt_row(void *w, const struct ann_receipt *x)
{
	jw_entity(w, &RECEIPT_OUT, x);
}

int h_ann_receipts(struct req *r, struct yq_err *e)
{
	int64_t id, page, page_size, read, size, nread, total;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 || req_page(r, &page, &page_size, e) < 0 ||
	    req_query_int(r, "read", 0, 0, 1, &read, e) < 0)
		return -1;
	/* the page is written to a buffer of its own: the counts come after it is read */
	struct items_buf items;
	items_buf_open(&items);
	int rc = ann_receipts(c, &r->who, id, (int)read, page, page_size, receipt_row, &items.w,
	                      &size, &nread, &total, e);
	if ((rc = items_buf_close(&items, rc, e)) == 0) {
		struct jsonw w;
		resp_obj_open(r, 200, &w);
		jw_kint(&w, "audience_size", size);
		jw_kint(&w, "read_count", nread);
		jw_key(&w, "items");
		jw_raw(&w, items.buf.buf);
		jw_kint(&w, "total", total);
		jw_kint(&w, "page", page);
		jw_kint(&w, "page_size", page_size);
		jw_obj_close(&w);
	}
	strbuf_release(&items.buf);
	return rc;
}
