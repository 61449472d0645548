/* Notifications and webhook registrations of enterprise requests: their SQL (see notify.h). */
#include "work/notify.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/jsonw.h"
#include "lib/log.h"
#include "lib/strbuf.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "work/notify_store.h"
#include <stdio.h>
#include <string.h>

static const char SQL_SERVICE_CENTERS[] =
    "SELECT id FROM dept WHERE zone_id = ? AND kind = 'service_center' ORDER BY id LIMIT 16";
static const char SQL_ANY_DEPT[] =
    "SELECT id FROM dept WHERE zone_id = ? ORDER BY CASE WHEN kind = 'service_center' THEN 0 "
    "ELSE 1 END, id LIMIT 1";
static const char SQL_ENTERPRISE_USERS[] =
    "SELECT id FROM app_user WHERE zone_id = ? AND enterprise_id = ? AND role = 'enterprise' AND "
    "status = 'active' ORDER BY id LIMIT 16";
static const char SQL_NOTIFY_USER_INSERT[] =
    "INSERT INTO notification (zone_id, dept_id, user_id, ticket_id, kind, title, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
/* An enterprise user's notifications: addressed to the user, about its enterprise's requests
 * (found through the requests, so an enterprise's few requests bound the search) */
static const char SQL_NOTIFY_ENT_COUNT[] =
    "SELECT COUNT(*) FROM ticket t JOIN notification n ON n.ticket_id = t.id WHERE t.zone_id = ? "
    "AND t.enterprise_id = ? AND n.user_id = ? AND (? = 0 OR n.read_at IS NULL)";
static const char SQL_NOTIFY_ENT_LIST[] =
    "SELECT n.id, n.ticket_id, t.no, n.kind, n.title, n.created_at, n.read_at FROM ticket t JOIN "
    "notification n ON n.ticket_id = t.id WHERE t.zone_id = ? AND t.enterprise_id = ? AND "
    "n.user_id = ? AND (? = 0 OR n.read_at IS NULL) ORDER BY n.created_at DESC, n.id DESC LIMIT "
    "? OFFSET ?";
static const char SQL_NOTIFY_ENT_READ[] =
    "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND zone_id = ? AND "
    "user_id = ? AND ticket_id IN (SELECT id FROM ticket WHERE enterprise_id = ?)";
static const char SQL_NOTIFY_ENT_READ_ALL[] =
    "UPDATE notification SET read_at = ? WHERE zone_id = ? AND user_id = ? AND read_at IS NULL "
    "AND ticket_id IN (SELECT id FROM ticket WHERE enterprise_id = ?)";
static const char SQL_NOTIFY_INSERT[] =
    "INSERT INTO notification (zone_id, dept_id, user_id, ticket_id, kind, title, created_at) "
    "VALUES (?, ?, NULL, ?, ?, ?, ?)";
static const char SQL_WEBHOOKS_ENABLED[] =
    "SELECT id FROM webhook WHERE zone_id = ? AND enabled = 1 ORDER BY id LIMIT 50";
static const char SQL_DELIVERY_INSERT[] =
    "INSERT INTO webhook_delivery (zone_id, webhook_id, event, payload, status, attempts, "
    "next_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)";
static const char SQL_OVERDUE[] =
    "SELECT t.id, t.zone_id, t.no, t.title, t.dept_id FROM ticket t WHERE t.status IN "
    "('assigned','in_progress') AND t.due_resolve < ? AND NOT EXISTS (SELECT 1 FROM "
    "notification n WHERE n.ticket_id = t.id AND n.kind = 'overdue') ORDER BY t.id LIMIT 200";
static const char SQL_WEBHOOK_INSERT[] =
    "INSERT INTO webhook (zone_id, url, secret, enabled, created_at) VALUES (?, ?, ?, 1, ?) "
    "RETURNING id";
static const char SQL_WEBHOOK_DISABLE[] =
    "UPDATE webhook SET enabled = 0 WHERE id = ? AND zone_id = ?";
static const char SQL_NOTIFY_READ[] =
    "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND zone_id = ? AND "
    "dept_id = ? AND (user_id IS NULL OR user_id = ?)";
static const char SQL_NOTIFY_READ_ALL[] =
    "UPDATE notification SET read_at = ? WHERE zone_id = ? AND dept_id = ? AND (user_id IS NULL "
    "OR user_id = ?) AND read_at IS NULL";
static const char SQL_NOTIFY_COUNT[] =
    "SELECT COUNT(*) FROM notification n WHERE n.zone_id = ? AND n.dept_id = ? AND (n.user_id "
    "IS NULL OR n.user_id = ?) AND (? = 0 OR n.read_at IS NULL)";
static const char SQL_NOTIFY_LIST[] =
    "SELECT n.id, n.ticket_id, t.no, n.kind, n.title, n.created_at, n.read_at FROM notification "
    "n JOIN ticket t ON t.id = n.ticket_id WHERE n.zone_id = ? AND n.dept_id = ? AND (n.user_id "
    "IS NULL OR n.user_id = ?) AND (? = 0 OR n.read_at IS NULL) ORDER BY n.created_at DESC, "
    "n.id DESC LIMIT ? OFFSET ?";
static const char SQL_WEBHOOK_LIST[] =
    "SELECT id, url, enabled, created_at FROM webhook WHERE zone_id = ? ORDER BY id";
static const char SQL_DELIVERY_COUNT[] =
    "SELECT COUNT(*) FROM webhook_delivery WHERE zone_id = ? AND (CAST(? AS TEXT) = '' OR "
    "status = ?)";
static const char SQL_DELIVERY_LIST[] =
    "SELECT d.id, d.webhook_id, w.url, d.event, d.payload, d.status, d.attempts, d.next_at, "
    "d.last_error, d.last_status, d.created_at, d.delivered_at FROM webhook_delivery d JOIN "
    "webhook w ON w.id = d.webhook_id WHERE d.zone_id = ? AND (CAST(? AS TEXT) = '' OR d.status "
    "= ?) ORDER BY d.id DESC LIMIT ? OFFSET ?";

const char *notify_event_for(enum ticket_event ev, int ext_decision)
{
	switch (ev) {
	case TE_SUBMIT:
		return "submitted";
	case TE_ACCEPT:
		return "assigned";
	case TE_ESCALATE:
		return "escalated";
	case TE_RETURN:
		return "returned";
	case TE_EXTEND:
		return ext_decision ? NULL : "extension_request";
	case TE_RESOLVE:
		return "resolved";
	case TE_RATE_BAD:
		return "rated_unsatisfied";
	default:
		return NULL;
	}
}

const char *notify_enterprise_event_for(enum ticket_event ev)
{
	switch (ev) {
	case TE_ACCEPT:
		return "accepted";
	case TE_WAIT:
		return "supply_requested";
	case TE_RESOLVE:
		return "answered";
	case TE_RATE_GOOD:
	case TE_AUTOCLOSE:
		return "closed";
	case TE_REJECT:
		return "rejected";
	case TE_MERGE:
		return "merged";
	default:
		return NULL;
	}
}

/* The Chinese label of an event for the notification title. */
static const char *event_label(const char *event)
{
	static const struct {
		const char *event, *label;
	} labels[] = {
	    {"submitted", "新诉求待受理"},
	    {"assigned", "新分派诉求"},
	    {"escalated", "诉求被挂牌督办"},
	    {"returned", "诉求被退回"},
	    {"extension_request", "诉求申请延期"},
	    {"resolved", "诉求已办结"},
	    {"rated_unsatisfied", "企业不满意，诉求重办"},
	    {"overdue", "诉求已超期"},
	    /* to the enterprise */
	    {"accepted", "您的诉求已受理"},
	    {"supply_requested", "您的诉求需补充材料"},
	    {"answered", "您的诉求已办结答复，请评价"},
	    {"closed", "您的诉求已销号"},
	    {"rejected", "您的诉求不予受理"},
	    {"merged", "您的诉求已合并办理"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].event, event) == 0)
			return labels[i].label;
	return event;
}

/* Whether the event goes to the lead department (else to the service center). */
static int to_lead(const char *event)
{
	return strcmp(event, "assigned") == 0 || strcmp(event, "escalated") == 0 ||
	       strcmp(event, "rated_unsatisfied") == 0 || strcmp(event, "overdue") == 0;
}

static int insert_notification(struct db *tx, int64_t zone_id, int64_t dept_id, int64_t ticket_id,
                               const char *event, const char *title, int64_t now)
{
	struct db_stmt *st = db_prepare(tx, SQL_NOTIFY_INSERT);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	db_bind_int(st, 2, dept_id);
	db_bind_int(st, 3, ticket_id);
	db_bind_text(st, 4, event);
	db_bind_text(st, 5, title);
	db_bind_int(st, 6, now);
	return db_run(st);
}

int notify_ticket_event(struct db *tx, int64_t zone_id, int64_t ticket_id, const char *ticket_no,
                        const char *title, const char *event, int64_t dept_id)
{
	int64_t now = now_unix();
	int64_t depts[16], hooks[50];
	int n_depts = 0, n_hooks = 0, rc = DB_OK;
	struct strbuf text = STRBUF_INIT(4096), payload = STRBUF_INIT(8192);
	struct db_stmt *st;

	if (to_lead(event) && dept_id) {
		depts[n_depts++] = dept_id;
	} else {
		if (!(st = db_prepare(tx, SQL_SERVICE_CENTERS)))
			return DB_ERR;
		db_bind_int(st, 1, zone_id);
		while ((rc = db_step(st)) == DB_ROW && n_depts < 16)
			depts[n_depts++] = db_col_int(st, 0);
		db_reset(st);
		if (rc < 0)
			return rc;
	}
	strbuf_addf(&text, "%s：%s %s", event_label(event), ticket_no ? ticket_no : "",
	            title ? title : "");
	if (text.failed)
		return DB_ERR;
	for (int i = 0; i < n_depts; i++)
		if ((rc = insert_notification(tx, zone_id, depts[i], ticket_id, event, text.buf,
		                              now)) < 0)
			goto out;

	if (!(st = db_prepare(tx, SQL_WEBHOOKS_ENABLED))) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, zone_id);
	while ((rc = db_step(st)) == DB_ROW && n_hooks < 50)
		hooks[n_hooks++] = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		goto out;
	rc = DB_OK;
	if (!n_hooks)
		goto out;
	struct jsonw w;
	jw_init(&w, &payload);
	jw_obj_open(&w);
	jw_kstr(&w, "event", event);
	jw_kint(&w, "zone_id", zone_id);
	jw_kint(&w, "ticket_id", ticket_id);
	jw_kstr(&w, "no", ticket_no);
	jw_kstr(&w, "title", title);
	if (dept_id)
		jw_kint(&w, "dept_id", dept_id);
	else
		jw_knull(&w, "dept_id");
	jw_kint(&w, "at", now);
	jw_obj_close(&w);
	if (payload.failed) {
		rc = DB_ERR;
		goto out;
	}
	for (int i = 0; i < n_hooks; i++) {
		if (!(st = db_prepare(tx, SQL_DELIVERY_INSERT))) {
			rc = DB_ERR;
			goto out;
		}
		db_bind_int(st, 1, zone_id);
		db_bind_int(st, 2, hooks[i]);
		db_bind_text(st, 3, event);
		db_bind_text(st, 4, payload.buf);
		db_bind_int(st, 5, now);
		db_bind_int(st, 6, now);
		if ((rc = db_run(st)) < 0)
			goto out;
	}
out:
	strbuf_release(&text);
	strbuf_release(&payload);
	return rc < 0 ? rc : DB_OK;
}

int notify_enterprise(struct db *tx, int64_t zone_id, int64_t ticket_id, int64_t enterprise_id,
                      int64_t dept_id, const char *ticket_no, const char *title, const char *event)
{
	int64_t users[16];
	int n = 0, rc;
	struct db_stmt *st;
	if (!enterprise_id)
		return DB_OK;
	if (!(st = db_prepare(tx, SQL_ENTERPRISE_USERS)))
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	db_bind_int(st, 2, enterprise_id);
	while ((rc = db_step(st)) == DB_ROW && n < 16)
		users[n++] = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!n)
		return DB_OK;
	/* the department responsible for the request; before routing, the service center */
	if (!dept_id) {
		if ((rc = db_query_int(tx, SQL_ANY_DEPT, &dept_id, 1, zone_id)) < 0)
			return rc;
		if (!dept_id)
			return DB_OK; /* a zone without departments: nobody to write it from */
	}
	struct strbuf text = STRBUF_INIT(4096);
	strbuf_addf(&text, "%s：%s %s", event_label(event), ticket_no ? ticket_no : "",
	            title ? title : "");
	if (text.failed)
		return DB_ERR;
	int64_t now = now_unix();
	rc = DB_OK;
	for (int i = 0; i < n && rc == DB_OK; i++) {
		if (!(st = db_prepare(tx, SQL_NOTIFY_USER_INSERT))) {
			rc = DB_ERR;
			break;
		}
		db_bind_int(st, 1, zone_id);
		db_bind_int(st, 2, dept_id);
		db_bind_int(st, 3, users[i]);
		db_bind_int(st, 4, ticket_id);
		db_bind_text(st, 5, event);
		db_bind_text(st, 6, text.buf);
		db_bind_int(st, 7, now);
		rc = db_run(st);
	}
	strbuf_release(&text);
	return rc < 0 ? rc : DB_OK;
}

int notify_overdue(struct db_pool *pool, int64_t now)
{
	struct db *c = db_pool_reader(pool);
	if (!c)
		return -1;
	struct overdue {
		int64_t id, zone_id, dept_id;
		char no[48];
		char title[1024]; /* titles are at most 100 characters */
	};
	static struct overdue rows[200]; /* only the maintenance thread calls this */
	int n = 0, queued = 0, rc;
	struct db_stmt *st = db_prepare(c, SQL_OVERDUE);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	while ((rc = db_step(st)) == DB_ROW && n < 200) {
		struct overdue *o = &rows[n++];
		o->id = db_col_int(st, 0);
		o->zone_id = db_col_int(st, 1);
		snprintf(o->no, sizeof o->no, "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		snprintf(o->title, sizeof o->title, "%s",
		         db_col_text(st, 3) ? db_col_text(st, 3) : "");
		o->dept_id = db_col_int(st, 4);
	}
	db_reset(st);
	if (rc < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			return queued;
		rc = notify_ticket_event(tx, rows[i].zone_id, rows[i].id, rows[i].no, rows[i].title,
		                         "overdue", rows[i].dept_id);
		if (db_tx_end(pool, tx, rc == DB_OK) == DB_OK && rc == DB_OK)
			queued++;
	}
	return queued;
}

int webhook_create(struct db_pool *pool, const struct principal *p, const char *url,
                   const char *secret, int64_t *id, struct yq_err *e)
{
	struct webhook_url u;
	if (!url || !*url)
		return err_set(e, ERR_VALIDATION, "url", "必填项", "required");
	if (strlen(url) > WEBHOOK_URL_MAX)
		return err_set(e, ERR_VALIDATION, "url", "地址不能超过500个字符",
		               "url must be at most 500 characters");
	int r = webhook_url_parse(url, &u);
	if (r == -2)
		return err_set(
		    e, ERR_VALIDATION, "url",
		    "不支持 https 地址：本系统未带 TLS 库，请使用 http:// 地址（可经本地转发）",
		    "https URLs are not supported: this build has no TLS library; use an "
		    "http:// URL (for example a local relay)");
	if (r < 0)
		return err_set(e, ERR_VALIDATION, "url", "地址应为 http://主机[:端口]/路径",
		               "url must be http://host[:port]/path");
	if (!secret || !*secret)
		return err_set(e, ERR_VALIDATION, "secret", "必填项", "required");
	if (!utf8_valid(secret, strlen(secret)) || strlen(secret) > WEBHOOK_SECRET_MAX)
		return err_set(e, ERR_VALIDATION, "secret", "密钥无效或过长",
		               "secret is invalid or too long");
	char why[300];
	if (webhook_target_check(&u, why, sizeof why) < 0) {
		/* one message for an internal address and a name that does not resolve */
		log_info("webhook registration refused: %s", why);
		return err_set(e, ERR_VALIDATION, "url",
		               "推送地址须为可解析的公网地址，不能指向本机或内部网络",
		               "the url must resolve to public addresses, not to this host or an "
		               "internal network");
	}
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, SQL_WEBHOOK_INSERT);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, url);
	db_bind_text(st, 3, secret);
	db_bind_int(st, 4, now_unix());
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "url", NULL, url);
	rc = audit_write(tx, p, p->zone_id, "create", "webhook", *id, &ch);
	audit_changes_release(&ch);
out:
	if (db_tx_end(pool, tx, rc == DB_OK) < 0 && rc == DB_OK)
		rc = DB_ERR;
	return rc < 0 ? err_db(e, rc) : 0;
}

int webhook_disable(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	int rc;
	int64_t changed = 0;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, SQL_WEBHOOK_DISABLE);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, p->zone_id);
	rc = db_step(st);
	changed = db_changes(st);
	db_reset(st);
	if (rc < 0)
		goto out;
	rc = changed ? audit_write(tx, p, p->zone_id, "disable", "webhook", id, NULL) : DB_OK;
out:
	if (db_tx_end(pool, tx, rc == DB_OK && changed) < 0 && rc == DB_OK && changed)
		rc = DB_ERR;
	if (rc < 0)
		return err_db(e, rc);
	if (!changed)
		return err_set(e, ERR_NOT_FOUND, NULL, "推送地址不存在", "no such webhook");
	return 0;
}

/* 1 when the principal reads the notifications addressed to it about its enterprise's requests
 * (enterprise users), 0 when those of its department. */
static int as_enterprise(const struct principal *p)
{
	return p->role == ROLE_ENTERPRISE;
}

int notification_read(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	int ent = as_enterprise(p);
	if (ent ? !p->enterprise_id : !p->dept_id)
		return err_set(e, ERR_NOT_FOUND, NULL, "通知不存在", "no such notification");
	int rc;
	int64_t changed = 0;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, ent ? SQL_NOTIFY_ENT_READ : SQL_NOTIFY_READ);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, now_unix());
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, p->zone_id);
	if (ent) {
		db_bind_int(st, 4, p->user_id);
		db_bind_int(st, 5, p->enterprise_id);
	} else {
		db_bind_int(st, 4, p->dept_id);
		db_bind_int(st, 5, p->user_id);
	}
	rc = db_step(st);
	changed = db_changes(st);
	db_reset(st);
out:
	if (db_tx_end(pool, tx, rc >= 0) < 0 && rc >= 0)
		rc = DB_ERR;
	if (rc < 0)
		return err_db(e, rc);
	if (!changed)
		return err_set(e, ERR_NOT_FOUND, NULL, "通知不存在", "no such notification");
	return 0;
}

int notification_list(struct db *c, const struct principal *p, int unread, int64_t page,
                      int64_t page_size, notification_fn fn, void *ctx, int64_t *total)
{
	*total = 0;
	int ent = as_enterprise(p);
	if (ent ? !p->enterprise_id : !p->dept_id)
		return DB_OK;
	/* the department's (or the enterprise's) and the caller's own */
	int64_t group = ent ? p->enterprise_id : p->dept_id;
	struct db_stmt *st = db_prepare(c, ent ? SQL_NOTIFY_ENT_COUNT : SQL_NOTIFY_COUNT);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, group);
	db_bind_int(st, 3, p->user_id);
	db_bind_int(st, 4, unread ? 1 : 0);
	int rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!(st = db_prepare(c, ent ? SQL_NOTIFY_ENT_LIST : SQL_NOTIFY_LIST)))
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, group);
	db_bind_int(st, 3, p->user_id);
	db_bind_int(st, 4, unread ? 1 : 0);
	db_bind_int(st, 5, page_size);
	db_bind_int(st, 6, (page - 1) * page_size);
	while ((rc = db_step(st)) == DB_ROW) {
		struct notification_row n = {
		    .id = db_col_int(st, 0),
		    .ticket_id = db_col_int(st, 1),
		    .ticket_no = db_col_text(st, 2),
		    .kind = db_col_text(st, 3),
		    .title = db_col_text(st, 4),
		    .created_at = db_col_int(st, 5),
		    .read_at = db_col_int(st, 6),
		};
		fn(ctx, &n);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int webhook_list(struct db *c, const struct principal *p, webhook_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, SQL_WEBHOOK_LIST);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct webhook_row w = {
		    .id = db_col_int(st, 0),
		    .url = db_col_text(st, 1),
		    .enabled = (int)db_col_int(st, 2),
		    .created_at = db_col_int(st, 3),
		};
		fn(ctx, &w);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int webhook_delivery_list(struct db *c, const struct principal *p, const char *status, int64_t page,
                          int64_t page_size, delivery_fn fn, void *ctx, int64_t *total)
{
	const char *s = status ? status : "";
	struct db_stmt *st = db_prepare(c, SQL_DELIVERY_COUNT);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, s);
	db_bind_text(st, 3, s);
	int rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!(st = db_prepare(c, SQL_DELIVERY_LIST)))
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, s);
	db_bind_text(st, 3, s);
	db_bind_int(st, 4, page_size);
	db_bind_int(st, 5, (page - 1) * page_size);
	while ((rc = db_step(st)) == DB_ROW) {
		struct delivery_row d = {
		    .id = db_col_int(st, 0),
		    .webhook_id = db_col_int(st, 1),
		    .url = db_col_text(st, 2),
		    .event = db_col_text(st, 3),
		    .payload = db_col_text(st, 4),
		    .status = db_col_text(st, 5),
		    .attempts = (int)db_col_int(st, 6),
		    .next_at = db_col_int(st, 7),
		    .last_error = db_col_text(st, 8),
		    .last_status = (int)db_col_int(st, 9),
		    .created_at = db_col_int(st, 10),
		    .delivered_at = db_col_int(st, 11),
		};
		fn(ctx, &d);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int notification_read_all(struct db_pool *pool, const struct principal *p, int64_t *n,
                          struct yq_err *e)
{
	*n = 0;
	int ent = as_enterprise(p);
	if (ent ? !p->enterprise_id : !p->dept_id)
		return 0;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, ent ? SQL_NOTIFY_ENT_READ_ALL : SQL_NOTIFY_READ_ALL);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, now_unix());
	db_bind_int(st, 2, p->zone_id);
	if (ent) {
		db_bind_int(st, 3, p->user_id);
		db_bind_int(st, 4, p->enterprise_id);
	} else {
		db_bind_int(st, 3, p->dept_id);
		db_bind_int(st, 4, p->user_id);
	}
	rc = db_step(st);
	*n = db_changes(st);
	db_reset(st);
out:
	if (db_tx_end(pool, tx, rc >= 0) < 0 && rc >= 0)
		rc = DB_ERR;
	return rc < 0 ? err_db(e, rc) : 0;
}
