/* HTTP handlers of notifications and webhooks (see notify_api.h): decode, call, encode. */
#include "work/notify_api.h"
#include "lib/util.h"
#include "work/notify.h"
#include "work/webhook.h"
#include <string.h>

/* A notification as answered: its table, then the item as its kind names it ("ticket_id",
 * "ticket_no") and whether it was read. */
static void notification_extra(struct jsonw *w, const void *obj)
{
	const struct notification_row *n = obj;
	const struct work_kind *kind = work_kind_find(n->kind);
	jw_kint(w, kind ? kind->id_key : "ref_id", n->ref_id);
	jw_kstr(w, kind ? kind->no_key : "ref_no", n->ref_no);
	jw_kbool(w, "read", n->read_at != 0);
}

/* A delivery as answered: its table, then what is null for none, next_at only while pending,
 * and the payload as JSON. */
static void delivery_extra(struct jsonw *w, const void *obj)
{
	const struct delivery_row *d = obj;
	char at[32] = "";
	if (strcmp(d->status, "pending") == 0 && d->next_at)
		fmt_time_iso(d->next_at, at, sizeof at);
	jw_kint_or_null(w, "last_status", d->last_status);
	jw_kstr(w, "last_error", d->last_error && *d->last_error ? d->last_error : NULL);
	jw_kstr(w, "next_at", *at ? at : NULL);
	jw_key(w, "payload");
	jw_raw(w, d->payload && *d->payload ? d->payload : "null");
}

static const struct entity_out NOTIFICATION_OUT = {&ENTITY_NOTIFICATION, 0, notification_extra};
static const struct entity_out WEBHOOK_OUT = {&ENTITY_WEBHOOK, 0, NULL};
static const struct entity_out DELIVERY_OUT = {&ENTITY_DELIVERY, 0, delivery_extra};

static void notification_row(void *w, const struct notification_row *n)
{
	jw_entity(w, &NOTIFICATION_OUT, n);
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
	int64_t total = 0;
	int rc = notification_list(c, &r->who, (int)unread, page, page_size, notification_row, &w,
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
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "read", n);
	jw_obj_close(&w);
	return 0;
}

int h_webhooks_list(struct req *r, struct yq_err *e)
{
	return resp_entity_items(r, &WEBHOOK_OUT, webhook_list, e);
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
	resp_obj_open(r, 201, &w);
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

static void delivery_row(void *w, const struct delivery_row *d)
{
	jw_entity(w, &DELIVERY_OUT, d);
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
	int64_t total = 0;
	int rc =
	    webhook_delivery_list(c, &r->who, status, page, page_size, delivery_row, &w, &total);
	return resp_items_close(r, &w, rc, total, page, page_size, e);
}
