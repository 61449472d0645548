/* HTTP handlers of notifications and webhooks (see notify_api.h): decode, call, encode. */
#include "work/notify_api.h"
#include "lib/field.h"
#include "work/notify.h"
#include "work/webhook.h"
#include <string.h>

struct ctx {
	struct req *r;
	struct jsonw *w;
};

static void notification_row(void *p, const struct notification_row *n)
{
	struct ctx *c = p;
	jw_obj_open(c->w);
	entity_json(c->w, &ENTITY_NOTIFICATION, n, 0);
	/* the item as its kind names it: "ticket_id", "ticket_no" */
	const struct work_kind *kind = work_kind_find(n->kind);
	jw_kint(c->w, kind ? kind->id_key : "ref_id", n->ref_id);
	jw_kstr(c->w, kind ? kind->no_key : "ref_no", n->ref_no);
	jw_kbool(c->w, "read", n->read_at != 0);
	jw_obj_close(c->w);
}

int h_notifications_list(struct req *r, struct yq_err *e)
{
	int64_t page, page_size, unread;
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &page, &page_size, e) < 0 ||
	    req_query_int(r, "unread", 0, 0, 1, &unread, e) < 0)
		return -1;
	struct jsonw w;
	resp_items_open(r, &w);
	struct ctx ctx = {r, &w};
	int64_t total = 0;
	int rc = notification_list(c, &r->who, (int)unread, page, page_size, notification_row, &ctx,
	                           &total);
	return resp_items_close(r, &w, rc, total, page, page_size, e);
}

int h_notification_read(struct req *r, struct yq_err *e)
{
	return resp_id_write(r, notification_read, e);
}

int h_notifications_read_all(struct req *r, struct yq_err *e)
{
	int64_t n;
	if (notification_read_all(req_pool(r), &r->who, &n, e) < 0)
		return -1;
	struct jsonw w;
	resp_json(r, 200, &w);
	jw_obj_open(&w);
	jw_kint(&w, "read", n);
	jw_obj_close(&w);
	return 0;
}

static void webhook_row(void *p, const struct webhook_row *wh)
{
	struct ctx *c = p;
	jw_obj_open(c->w);
	entity_json(c->w, &ENTITY_WEBHOOK, wh, 0);
	jw_obj_close(c->w);
}

int h_webhooks_list(struct req *r, struct yq_err *e)
{
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	struct ctx ctx = {r, &w};
	int rc = webhook_list(c, &r->who, webhook_row, &ctx);
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

int h_webhooks_create(struct req *r, struct yq_err *e)
{
	const char *url, *secret, *format;
	int64_t id;
	json_t *j = req_json(r, e);
	if (!j || json_str(r, j, "url", 1, WEBHOOK_URL_MAX, &url, e) < 0 ||
	    json_str(r, j, "format", 0, 16, &format, e) < 0 ||
	    json_str(r, j, "secret", 0, WEBHOOK_SECRET_MAX, &secret, e) < 0 ||
	    webhook_create(req_pool(r), &r->who, url, format, secret, &id, e) < 0)
		return -1;
	struct jsonw w;
	resp_json(r, 201, &w);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_kstr(&w, "url", url);
	jw_kstr(&w, "format", format && *format ? format : "json");
	jw_kbool(&w, "enabled", 1);
	jw_obj_close(&w);
	return 0;
}

int h_webhooks_delete(struct req *r, struct yq_err *e)
{
	return resp_id_write(r, webhook_disable, e);
}

static void delivery_row(void *p, const struct delivery_row *d)
{
	struct ctx *c = p;
	jw_obj_open(c->w);
	entity_json(c->w, &ENTITY_DELIVERY, d, 0);
	jw_kint_or_null(c->w, "last_status", d->last_status);
	jw_kstr(c->w, "last_error", d->last_error && *d->last_error ? d->last_error : NULL);
	jw_kstr(c->w, "next_at",
	        req_time(c->r, strcmp(d->status, "pending") == 0 ? d->next_at : 0));
	jw_key(c->w, "payload");
	jw_raw(c->w, d->payload && *d->payload ? d->payload : "null");
	jw_obj_close(c->w);
}

int h_webhook_deliveries(struct req *r, struct yq_err *e)
{
	int64_t page, page_size;
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &page, &page_size, e) < 0)
		return -1;
	const char *status = req_query(r, "status");
	if (status && *status && strcmp(status, "pending") && strcmp(status, "delivered") &&
	    strcmp(status, "failed"))
		return err_set(e, ERR_VALIDATION, "status", "状态应为 pending、delivered 或 failed",
		               "status must be pending, delivered or failed");
	struct jsonw w;
	resp_items_open(r, &w);
	struct ctx ctx = {r, &w};
	int64_t total = 0;
	int rc =
	    webhook_delivery_list(c, &r->who, status, page, page_size, delivery_row, &ctx, &total);
	return resp_items_close(r, &w, rc, total, page, page_size, e);
}
