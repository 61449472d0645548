/* Notifications of work items: their SQL (see notify.h). */
#include "work/notify.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "work/webhook.h"
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
static const char SQL_INSERT[] =
    "INSERT INTO notification (zone_id, dept_id, user_id, enterprise_id, kind, ref_id, ref_no, "
    "event, title, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/* A notification as the list reads it and the API writes it (entity_read, entity_json; text
 * valid until the next step). The item's keys are its kind's ("ticket_id", "ticket_no"). */
#define N_(m, ft, fl, zh, en)                                                                      \
	FIELD_INIT(struct notification_row, m, ft, #m, 0, 0, F_READONLY | fl, zh, en)
static const struct field NOTE_FIELDS[] = {
    {N_(id, FT_INT, 0, "编号", "ID")},
    {N_(kind, FT_TEXT, F_OWNJSON, "事项类型", "Item kind")},
    {N_(ref_id, FT_REF, F_OWNJSON, "事项", "Item")},
    {N_(ref_no, FT_TEXT, F_OWNJSON, "事项编号", "Item number")},
    {FIELDK_INIT(struct notification_row, event, "kind", FT_TEXT, "event", 0, 0, F_READONLY, "事件",
                 "Event")},
    {N_(title, FT_TEXT, 0, "标题", "Title")},
    {N_(created_at, FT_TIME, 0, "时间", "At")},
    {N_(read_at, FT_TIME, F_FILTER, "已读时间", "Read at")},
};
const struct entity ENTITY_NOTIFICATION =
    ENTITY("notification", "notification", "n", NOTE_FIELDS, "通知", "Notification");
/* The notifications a list shows (parameters: zone, the enterprise or department, the caller,
 * "unread only"), written once for its count and its page. An enterprise user's: addressed to
 * the user, about its enterprise's items; a department's: its own and the caller's. */
#define ENT_NOTES                                                                                  \
	" FROM notification n WHERE n.zone_id = ? AND n.enterprise_id = ? AND n.user_id = ? AND "  \
	"(? = 0 OR n.read_at IS NULL)"
#define DEPT_NOTES                                                                                 \
	" FROM notification n WHERE n.zone_id = ? AND n.dept_id = ? AND (n.user_id IS NULL OR "    \
	"n.user_id = ?) AND (? = 0 OR n.read_at IS NULL)"
#define NOTES_PAGE " ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?"
static const char SQL_ENT_COUNT[] = "SELECT COUNT(*)" ENT_NOTES;
static struct sql_tmpl SQL_ENT_LIST =
    SQL_TMPL(ENTITY_NOTIFICATION, "SELECT {select}" ENT_NOTES NOTES_PAGE);
static const char SQL_ENT_READ[] =
    "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND zone_id = ? AND "
    "user_id = ? AND enterprise_id = ?";
static const char SQL_ENT_READ_ALL[] =
    "UPDATE notification SET read_at = ? WHERE zone_id = ? AND user_id = ? AND read_at IS NULL "
    "AND enterprise_id = ?";
static const char SQL_READ[] =
    "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND zone_id = ? AND "
    "dept_id = ? AND (user_id IS NULL OR user_id = ?)";
static const char SQL_READ_ALL[] =
    "UPDATE notification SET read_at = ? WHERE zone_id = ? AND dept_id = ? AND (user_id IS NULL "
    "OR user_id = ?) AND read_at IS NULL";
static const char SQL_COUNT[] = "SELECT COUNT(*)" DEPT_NOTES;
static struct sql_tmpl SQL_LIST =
    SQL_TMPL(ENTITY_NOTIFICATION, "SELECT {select}" DEPT_NOTES NOTES_PAGE);

/* The title of a notification: "<label>：<no> <title>". */
static int note_title(const struct work_kind *kind, const struct work_item *it, const char *event,
                      struct strbuf *out)
{
	const char *label = kind->event_label ? kind->event_label(event) : NULL;
	if (it->no && *it->no)
		strbuf_addf(out, "%s：%s %s", label ? label : event, it->no,
		            it->title ? it->title : "");
	else /* an item without a number (a bulletin): its title alone */
		strbuf_addf(out, "%s：%s", label ? label : event, it->title ? it->title : "");
	return out->failed ? -1 : 0;
}

/* Writes one notification (user_id 0: for the department). */
static int insert(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                  int64_t dept_id, int64_t user_id, const char *event, const char *title,
                  int64_t now)
{
	struct db_stmt *st = db_prepare(tx, SQL_INSERT);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, it->zone_id);
	db_bind_int(st, 2, dept_id);
	if (user_id) {
		db_bind_int(st, 3, user_id);
		db_bind_int(st, 4, it->enterprise_id);
	} else {
		db_bind_null(st, 3);
		db_bind_null(st, 4);
	}
	db_bind_text(st, 5, kind->name);
	db_bind_int(st, 6, it->id);
	db_bind_text(st, 7, it->no ? it->no : "");
	db_bind_text(st, 8, event);
	db_bind_text(st, 9, title);
	db_bind_int(st, 10, now);
	return db_run(st);
}

/* The ids (at most 16) that `sql` selects for the zone and, when not 0, a second parameter:
 * how many, or a negative enum db_rc. */
static int ids_of(struct db *tx, const char *sql, int64_t zone_id, int64_t second, int64_t out[16])
{
	struct db_stmt *st = db_prepare(tx, sql);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	if (second)
		db_bind_int(st, 2, second);
	int n = 0, rc;
	while ((rc = db_step(st)) == DB_ROW && n < 16)
		out[n++] = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? rc : n;
}

int notify_item(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                const char *event)
{
	int64_t now = now_unix();
	int64_t depts[16];
	int n_depts = 0, rc = DB_OK;
	struct strbuf text = STRBUF_INIT(4096);
	if (kind->to_lead && kind->to_lead(event) && it->dept_id)
		depts[n_depts++] = it->dept_id;
	else if ((n_depts = ids_of(tx, SQL_SERVICE_CENTERS, it->zone_id, 0, depts)) < 0)
		return n_depts;
	if (note_title(kind, it, event, &text) < 0)
		return DB_ERR;
	rc = DB_OK;
	for (int i = 0; i < n_depts && rc == DB_OK; i++)
		rc = insert(tx, kind, it, depts[i], 0, event, text.buf, now);
	if (rc == DB_OK)
		rc = webhook_queue(tx, kind, it, event,
		                   kind->event_label ? kind->event_label(event) : NULL);
	strbuf_release(&text);
	return rc < 0 ? rc : DB_OK;
}

/* A notification of `event` about it for each active account that `users_sql` lists of
 * owner (at most 16), filed under dept_id (0: the zone's service center, else any department). */
static int notify_accounts(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                           const char *users_sql, int64_t owner, int64_t dept_id, const char *event)
{
	int64_t users[16];
	int rc, n = owner ? ids_of(tx, users_sql, it->zone_id, owner, users) : 0;
	if (n <= 0)
		return n;
	/* the department responsible for the item; before routing, the service center */
	if (!dept_id) {
		if ((rc = db_query_int(tx, SQL_ANY_DEPT, &dept_id, 1, it->zone_id)) < 0)
			return rc;
		if (!dept_id)
			return DB_OK; /* a zone without departments: nobody to write it from */
	}
	struct strbuf text = STRBUF_INIT(4096);
	if (note_title(kind, it, event, &text) < 0)
		return DB_ERR;
	int64_t now = now_unix();
	rc = DB_OK;
	for (int i = 0; i < n && rc == DB_OK; i++)
		rc = insert(tx, kind, it, dept_id, users[i], event, text.buf, now);
	strbuf_release(&text);
	return rc < 0 ? rc : DB_OK;
}

int notify_enterprise(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                      int64_t dept_id, const char *event)
{
	return notify_accounts(tx, kind, it, SQL_ENTERPRISE_USERS, it->enterprise_id, dept_id,
	                       event);
}

int notify_party(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                 enum notify_party party, int64_t party_id, const char *event)
{
	static const char *const sql[] = {
	    [NOTIFY_BANK] = "SELECT id FROM app_user WHERE zone_id = ? AND bank_id = ? AND role = "
	                    "'bank' AND status = 'active' ORDER BY id LIMIT 16",
	    [NOTIFY_CARRIER] = "SELECT id FROM app_user WHERE zone_id = ? AND carrier_id = ? AND "
	                       "role = 'carrier' AND status = 'active' ORDER BY id LIMIT 16",
	};
	return notify_accounts(tx, kind, it, sql[party], party_id, 0, event);
}

int notify_user(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                int64_t dept_id, int64_t user_id, const char *event)
{
	struct strbuf text = STRBUF_INIT(4096);
	if (note_title(kind, it, event, &text) < 0)
		return DB_ERR;
	int rc = insert(tx, kind, it, dept_id, user_id, event, text.buf, now_unix());
	strbuf_release(&text);
	return rc < 0 ? rc : DB_OK;
}

/* Queues the overdue notifications of one kind. */
static int overdue_of(struct db_pool *pool, const struct work_kind *kind, int64_t now)
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
	struct db_stmt *st = db_prepare(c, kind->sql_overdue);
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
		struct work_item it = {.id = rows[i].id,
		                       .zone_id = rows[i].zone_id,
		                       .dept_id = rows[i].dept_id,
		                       .no = rows[i].no,
		                       .title = rows[i].title};
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			return queued;
		rc = notify_item(tx, kind, &it, "overdue");
		if (db_tx_end(pool, tx, rc == DB_OK) == DB_OK && rc == DB_OK)
			queued++;
	}
	return queued;
}

int notify_overdue(struct db_pool *pool, int64_t now)
{
	int queued = 0;
	for (size_t i = 0; work_kinds[i]; i++) {
		if (!work_kinds[i]->sql_overdue)
			continue;
		int n = overdue_of(pool, work_kinds[i], now);
		if (n < 0)
			return -1;
		queued += n;
	}
	return queued;
}

/* 1 when the principal reads the notifications addressed to it about its enterprise's items
 * (enterprise users), 0 when those of its department. A bank user (银企对接) and a carrier user
 * (工业物流) read those addressed to them, which name no enterprise (enterprise_id 0). */
static int as_enterprise(const struct principal *p)
{
	return p->role == ROLE_ENTERPRISE || p->role == ROLE_BANK || p->role == ROLE_CARRIER;
}

/* 1 when the principal has no notifications: no department, no enterprise, no bank or carrier
 * account. */
static int no_notes(const struct principal *p)
{
	if (p->role == ROLE_BANK || p->role == ROLE_CARRIER)
		return !p->user_id;
	return as_enterprise(p) ? !p->enterprise_id : !p->dept_id;
}

/* Marks the caller's notification `id` read, or every unread one when id is 0 (SQL_READ /
 * SQL_ENT_READ and the READ_ALL forms); *changed gets how many. No audit row: reading is not a
 * change of record. */
struct mark {
	int64_t id, changed;
};

static int do_mark(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct mark *m = arg;
	const struct principal *p = w->who;
	int ent = as_enterprise(p);
	const char *sql =
	    m->id ? (ent ? SQL_ENT_READ : SQL_READ) : (ent ? SQL_ENT_READ_ALL : SQL_READ_ALL);
	struct db_stmt *st = db_prepare(w->tx, sql);
	if (!st)
		return write_fail(w, DB_ERR, e);
	int i = 1;
	db_bind_int(st, i++, now_unix());
	if (m->id)
		db_bind_int(st, i++, m->id);
	db_bind_int(st, i++, p->zone_id);
	db_bind_int(st, i++, ent ? p->user_id : p->dept_id);
	db_bind_int(st, i++, ent ? p->enterprise_id : p->user_id);
	return write_run(w, st, &m->changed, e);
}

static int mark_read(struct db_pool *pool, const struct principal *p, int64_t id, int64_t *changed,
                     struct yq_err *e)
{
	struct mark m = {.id = id};
	int r = write_tx(pool, p, do_mark, &m, e);
	*changed = m.changed;
	return r;
}

int notification_read(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	int64_t changed = 0;
	if (no_notes(p))
		return err_set(e, ERR_NOT_FOUND, NULL, "通知不存在", "no such notification");
	if (mark_read(pool, p, id, &changed, e) < 0)
		return -1;
	if (!changed)
		return err_set(e, ERR_NOT_FOUND, NULL, "通知不存在", "no such notification");
	return 0;
}

int notification_read_all(struct db_pool *pool, const struct principal *p, int64_t *n,
                          struct yq_err *e)
{
	*n = 0;
	if (no_notes(p))
		return 0;
	return mark_read(pool, p, 0, n, e);
}

/* What the list binds: the caller, its department (or enterprise) and "unread only". */
struct note_where {
	const struct principal *p;
	int64_t group;
	int unread;
};

static int bind_note_where(struct db_stmt *st, const void *arg)
{
	const struct note_where *a = arg;
	db_bind_int(st, 1, a->p->zone_id);
	db_bind_int(st, 2, a->group);
	db_bind_int(st, 3, a->p->user_id);
	db_bind_int(st, 4, a->unread);
	return 5;
}

int notification_list(struct db *c, const struct principal *p, int unread, int64_t page,
                      int64_t page_size, notification_fn fn, void *ctx, int64_t *total)
{
	*total = 0;
	int ent = as_enterprise(p);
	if (no_notes(p))
		return DB_OK;
	/* the department's (or the enterprise's) and the caller's own */
	int64_t group = ent ? p->enterprise_id : p->dept_id;
	struct note_where a = {p, group, unread ? 1 : 0};
	struct db_stmt *st;
	int rc =
	    db_page(c, ent ? SQL_ENT_COUNT : SQL_COUNT, sql_of(ent ? &SQL_ENT_LIST : &SQL_LIST),
	            bind_note_where, &a, page, page_size, total, &st);
	struct notification_row n;
	while (rc >= 0 && (rc = entity_next(st, &ENTITY_NOTIFICATION, &n)) == DB_ROW)
		fn(ctx, &n);
	return rc;
}
