/* Announcement storage (see announce.h). Every read starts with ann_from: the caller's zone
 * (access/scope.h scope_from) and, for an enterprise user, the one disclosure rule — published,
 * and addressed to its enterprise (an announcement_target row) — so no read of an announcement
 * can show an enterprise a draft, a withdrawn announcement or another audience's. Every write
 * goes through write_tx (audit/write_tx.h), reading the announcement in its transaction first.
 * Rows are bound and read by the field table. */
#include "announce/announce.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "access/disclose.h"
#include "access/scope.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "enterprise/enterprise.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/notify.h"
#include "work/webhook.h"
#include "work/store_write.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The join an enterprise reader's statements add: its enterprise's row of the audience. */
#define TARGET_JOIN " JOIN announcement_target x ON x.announcement_id = a.id"

static struct sql_tmpl SQL_ANN_INSERT = SQL_TMPL(
    ENTITY_ANNOUNCEMENT,
    "INSERT INTO announcement (zone_id, status, author_id, author_name, dept_id, created_at, "
    "updated_at, {insert_cols}) VALUES (?, 'draft', ?, ?, ?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_ANN_UPDATE =
    SQL_TMPL(ENTITY_ANNOUNCEMENT, "UPDATE announcement SET updated_at = ?, {update_sets} WHERE "
                                  "id = ? AND status = 'draft'");
/* staff read no receipt of their own; an enterprise its enterprise's (x, TARGET_JOIN) */
static struct sql_tmpl SQL_ANN_SELECT = SQL_TMPL(ENTITY_ANNOUNCEMENT, "SELECT {select}, 0");
static struct sql_tmpl SQL_ANN_SELECT_ENT =
    SQL_TMPL(ENTITY_ANNOUNCEMENT, "SELECT {select}, x.read_at");
static const char SQL_ANN_PUBLISH[] =
    "UPDATE announcement SET status = 'published', published_at = ?, updated_at = ?, "
    "audience_size = ? WHERE id = ? AND status = 'draft'";
static const char SQL_ANN_WITHDRAW[] =
    "UPDATE announcement SET status = 'withdrawn', withdrawn_at = ?, updated_at = ? WHERE id = "
    "? AND status = 'published'";
static const char SQL_TARGETS_OF[] =
    "SELECT enterprise_id FROM announcement_target WHERE announcement_id = ? ORDER BY "
    "enterprise_id";
static const char SQL_MARK_READ[] =
    "UPDATE announcement_target SET read_at = ?, read_by = ? WHERE announcement_id = ? AND "
    "enterprise_id = ? AND zone_id = ? AND read_at IS NULL";
static const char SQL_RECEIPT_COUNTS[] =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 0 ELSE 1 END), 0) FROM "
    "announcement_target WHERE announcement_id = ? AND zone_id = ?";
/* A read receipt as the page reads it and the API writes it (entity_read, entity_json; text valid
 * until the next step). */
#define RC_(m, ft, col, zh, en) FIELD_INIT(struct ann_receipt, m, ft, col, 0, 0, F_READONLY, zh, en)
static const struct field RECEIPT_FIELDS[] = {
    {RC_(enterprise_id, FT_INT, "enterprise_id", "企业", "Enterprise")},
    {RC_(enterprise_name, FT_TEXT, "e.name", "企业名称", "Enterprise name")},
    {RC_(uscc, FT_TEXT, "e.uscc", "统一社会信用代码", "USCC")},
    {RC_(building, FT_TEXT, "e.building", "楼宇", "Building")},
    {RC_(read_at, FT_TIME, "read_at", "阅读时间", "Read at")},
    {RC_(reader_name, FT_TEXT, "u.display_name", "阅读人", "Reader")},
};
const struct entity ENTITY_RECEIPT = ENTITY("announcement_receipt", "announcement_target", "t",
                                            RECEIPT_FIELDS, "阅读回执", "Receipt");
static struct sql_tmpl SQL_RECEIPT_PAGE = SQL_TMPL(
    ENTITY_RECEIPT,
    "SELECT {select} FROM "
    "announcement_target t JOIN enterprise e ON e.id = t.enterprise_id LEFT JOIN app_user u ON "
    "u.id = t.read_by WHERE t.announcement_id = ? AND t.zone_id = ? AND (CASE WHEN t.read_at IS "
    "NULL THEN 0 ELSE 1 END) = ? ORDER BY e.name, e.id LIMIT ? OFFSET ?");

/* 1 when the caller reads as an enterprise: the disclosure rule applies. */
static int as_enterprise(const struct principal *p)
{
	return p->role == ROLE_ENTERPRISE || p->scope == SCOPE_ENTERPRISE;
}

/* Appends FROM the announcements of the caller's zone (with the department join when `full`)
 * and, for an enterprise user, only the published ones addressed to its enterprise. */
static void ann_from(struct qb *q, const struct principal *p, int full, char *like, size_t n)
{
	int ent = as_enterprise(p);
	const char *joins =
	    ent ? (full ? ANN_JOINS TARGET_JOIN : TARGET_JOIN) : (full ? ANN_JOINS : NULL);
	scope_from(q, p, &ENTITY_ANNOUNCEMENT, joins, like, n);
	if (ent) {
		qb_sql(q, " AND a.status = 'published' AND x.enterprise_id = ?");
		qb_int(q, p->enterprise_id ? p->enterprise_id : -1);
	}
}

/* The head of a read of whole rows, for the caller. */
static const char *select_for(const struct principal *p)
{
	return sql_of(as_enterprise(p) ? &SQL_ANN_SELECT_ENT : &SQL_ANN_SELECT);
}

/* Reads the current row: the table's columns, then the caller's receipt. */
static void read_row(struct db_stmt *st, struct announcement *a, struct arena *ar)
{
	memset(a, 0, sizeof *a);
	int col = entity_read(st, 0, &ENTITY_ANNOUNCEMENT, a, ar);
	a->read_at = db_col_int(st, col);
}

/* A list of announcements in the making: the filter, the caller's row function, and the
 * buffers the statements bind (they live until the list is read). */
struct list_run {
	const struct principal *p;
	const struct ann_filter *f;
	ann_fn fn;
	void *ctx;
	struct announcement *out; /* ann_get: the one row, into the caller's arena */
	char like[320], q_like[420];
};

static void list_build(struct qb *q, int pass, void *arg)
{
	struct list_run *l = arg;
	const struct ann_filter *f = l->f;
	qb_init(q, pass ? select_for(l->p) : "SELECT COUNT(*)");
	ann_from(q, l->p, pass, l->like, sizeof l->like);
	if (f->q && *f->q) {
		qb_sql(q, " AND a.title LIKE ? ESCAPE '\\'");
		qb_text(q, l->q_like);
	}
	if (f->status && !as_enterprise(l->p)) {
		qb_sql(q, " AND a.status = ?");
		qb_text(q, f->status);
	}
	if (f->category) {
		qb_sql(q, " AND a.category = ?");
		qb_text(q, f->category);
	}
	if (pass) {
		qb_sql(q, as_enterprise(l->p)
		              ? " ORDER BY CASE WHEN x.read_at IS NULL THEN 0 ELSE 1 END, "
		                "a.published_at DESC, a.id DESC LIMIT ? OFFSET ?"
		              : " ORDER BY a.id DESC LIMIT ? OFFSET ?");
		qb_int(q, f->page_size);
		qb_int(q, (f->page - 1) * f->page_size);
	}
}

static void list_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct list_run *l = arg;
	struct announcement one;
	read_row(st, l->out ? l->out : &one, a);
	if (l->fn)
		l->fn(l->ctx, &one);
}

int ann_list(struct db *c, const struct principal *p, const struct ann_filter *f, ann_fn fn,
             void *ctx, int64_t *total)
{
	struct list_run l = {.p = p, .f = f, .fn = fn, .ctx = ctx};
	*total = 0;
	if (f->q && *f->q && ann_like_contains(f->q, l.q_like, sizeof l.q_like) < 0)
		return DB_ERR;
	return qb_count_page(c, list_build, list_row, &l, total);
}

int ann_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
            struct announcement *out, struct yq_err *e)
{
	struct list_run l = {.p = p, .out = out};
	struct qb q;
	qb_init(&q, select_for(p));
	ann_from(&q, p, 1, l.like, sizeof l.like);
	qb_sql(&q, " AND a.id = ?");
	qb_int(&q, id);
	int rc = qb_one(&q, c, list_row, a, &l);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "公告不存在", "no such announcement");
	return 0;
}

/* 0 when the caller may see announcement `id` (ann_get); else -1 with e set (404 outside). */
static int ann_check(struct db *c, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct announcement a;
	int rc = ann_get(c, p, id, &ar, &a, e);
	arena_release(&ar);
	return rc < 0 ? -1 : 0;
}

/* Reads announcement `id` in the write's transaction, and checks that `ev` may happen to it
 * (409 naming its state otherwise); *to gets the state it leads to. */
static int load_for(struct write_ctx *w, int64_t id, enum ann_event ev, struct arena *ar,
                    struct announcement *old, enum ann_status *to, struct yq_err *e)
{
	if (ann_get(w->tx, w->who, id, ar, old, e) < 0)
		return -1;
	return ann_next(ann_status_from_name(old->status), ev, to, e);
}

/* What a change to one announcement acts on, and when. */
struct ann_change {
	int64_t id;
	const struct announcement *in;
	uint64_t present;
	struct announcement *made; /* a creation: the new draft, its id set */
	int64_t at;                /* loading history: the instant of the change; 0: now */
};

/* The instant a change happens at. */
static int64_t change_time(const struct ann_change *x)
{
	return x->at ? x->at : now_unix();
}

static int do_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ann_change *x = arg;
	struct announcement *a = x->made;
	const struct principal *p = w->who;
	if (ann_check_audience(a, e) < 0)
		return -1;
	int64_t now = change_time(x);
	if (store_insert(w, &SQL_ANN_INSERT, &ENTITY_ANNOUNCEMENT, a, &a->id, e, DB_I(p->zone_id),
	                 DB_O(p->user_id), DB_T(work_actor_name(p)), DB_O(p->dept_id), DB_I(now),
	                 DB_I(now)) < 0)
		return -1;
	store_audit_create(w, &ENTITY_ANNOUNCEMENT, a->id, a);
	return 0;
}

int ann_create(struct db_pool *pool, const struct principal *p, struct announcement *a,
               struct yq_err *e)
{
	struct ann_change x = {.made = a};
	return write_tx(pool, p, do_create, &x, e);
}

int ann_create_at(struct db *tx, const struct principal *p, struct announcement *a, int64_t at,
                  struct yq_err *e)
{
	struct ann_change x = {.made = a, .at = at};
	return write_in(tx, p, p->zone_id, do_create, &x, e);
}

static int do_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ann_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct announcement old, a;
	enum ann_status to;
	int rc = -1;
	if (load_for(w, x->id, ANN_EV_EDIT, &ar, &old, &to, e) < 0)
		goto out;
	a = old;
	entity_copy(&ENTITY_ANNOUNCEMENT, &a, x->in, x->present);
	if (ann_check_audience(&a, e) < 0)
		goto out;
	rc = write_update(w, &SQL_ANN_UPDATE, x->id, &old, &a, e);
out:
	arena_release(&ar);
	return rc;
}

int ann_update(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct announcement *in, uint64_t present, struct yq_err *e)
{
	struct ann_change x = {.id = id, .in = in, .present = present};
	return write_tx(pool, p, do_update, &x, e);
}

/* The date of instant t, YYYY-MM-DD, China Standard Time (a flag holds on it). */
static void day_of(int64_t t, char out[11])
{
	cst_day(t, out);
}

/* Buffers for the values the audience statement binds; they live until it is bound. */
struct audience_args {
	char day[11], prefix[8], building[420];
	const char *flags[FLAG__COUNT];
	json_t *flags_json;
};

/* Appends the condition of a's audience at instant `at` on the enterprises `e` (nothing for all
 * of them). */
static int audience_where(struct qb *q, const struct announcement *a, int64_t at,
                          struct audience_args *x, struct yq_err *e)
{
	if (strcmp(a->audience, "flag") == 0) {
		x->flags_json = json_loads(a->audience_flags, 0, NULL);
		size_t n = json_is_array(x->flags_json) ? json_array_size(x->flags_json) : 0;
		if (n == 0 || n > FLAG__COUNT)
			return err_set(e, ERR_VALIDATION, "audience_flags", "请选择企业资质",
			               "choose at least one enterprise flag");
		day_of(at, x->day);
		qb_sql(q,
		       " AND EXISTS (SELECT 1 FROM enterprise_flag f WHERE f.enterprise_id = e.id "
		       "AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= ?) AND "
		       "f.flag IN (?");
		qb_text(q, x->day);
		qb_text(q, x->day);
		for (size_t i = 0; i < n; i++) {
			const char *s = json_string_value(json_array_get(x->flags_json, i));
			if (i)
				qb_sql(q, ", ?");
			qb_text(q, s ? s : "");
		}
		qb_sql(q, "))");
	} else if (strcmp(a->audience, "industry") == 0) {
		const char *v = a->audience_industry;
		if (v[0] >= 'A' && v[0] <= 'Z') {
			qb_sql(q, " AND e.industry_section = ?");
			qb_text(q, v);
		} else {
			/* digits only (the field's check): a prefix, nothing to escape */
			snprintf(x->prefix, sizeof x->prefix, "%.4s%%", v);
			qb_sql(q, " AND e.industry_code LIKE ?");
			qb_text(q, x->prefix);
		}
	} else if (strcmp(a->audience, "building") == 0) {
		if (ann_like_contains(a->audience_building, x->building, sizeof x->building) < 0)
			return err_set(e, ERR_VALIDATION, "audience_building", "内容过长",
			               "too long");
		qb_sql(q, " AND e.building LIKE ? ESCAPE '\\'");
		qb_text(q, x->building);
	}
	return 0;
}

/* Writes the audience of announcement a (the zone's active enterprises its criteria name on
 * the day of `at`) beside it; *n gets how many. */
static int write_audience(struct write_ctx *w, const struct announcement *a, int64_t at, int64_t *n,
                          struct yq_err *e)
{
	struct audience_args x = {0};
	struct qb q;
	qb_init(&q, "INSERT INTO announcement_target (announcement_id, enterprise_id, zone_id) "
	            "SELECT ?, e.id, e.zone_id FROM enterprise e WHERE e.zone_id = ? AND "
	            "e.archived = 0");
	qb_int(&q, a->id);
	qb_int(&q, w->who->zone_id);
	int rc = audience_where(&q, a, at, &x, e);
	if (rc == 0) {
		struct db_stmt *st = qb_prepare(&q, w->tx);
		if (!st) {
			rc = write_fail(w, DB_ERR, e);
		} else {
			rc = write_run(w, st, n, e);
		}
	}
	qb_release(&q);
	json_decref(x.flags_json);
	return rc;
}

/* The work item of announcement a (work/work.h), of the caller's zone. */
static void as_item(const struct principal *p, const struct announcement *a, struct arena *ar,
                    struct work_item *it)
{
	*it = (struct work_item){
	    .id = a->id,
	    .zone_id = p->zone_id,
	    .dept_id = a->dept_id,
	    .no = arena_printf(ar, "GG%05lld", (long long)a->id),
	    .title = a->title,
	    .state = a->status,
	};
	enum ann_status s = ann_status_from_name(a->status);
	if (s != ANN_DRAFT) {
		it->closed = 1;
		it->closed_zh = s == ANN_PUBLISHED ? "公告已发布，附件不能再变更"
		                                   : "公告已撤回，附件不能再变更";
		it->closed_en =
		    "the announcement is no longer a draft: its attachments cannot change";
	}
}

/* Notifies the accounts of every enterprise of a's audience, and queues the zone's webhooks. */
static int notify_audience(struct write_ctx *w, const struct announcement *a, int64_t n,
                           struct arena *ar, struct yq_err *e)
{
	int64_t *ids = n ? arena_alloc(ar, sizeof *ids * (size_t)n) : NULL;
	if (n && !ids)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	struct db_stmt *st = db_prepare_with(w->tx, SQL_TARGETS_OF, DB_I(a->id));
	if (!st)
		return write_fail(w, DB_ERR, e);
	int64_t got = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && got < n)
		ids[got++] = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return write_fail(w, rc, e);
	struct work_item it;
	as_item(w->who, a, ar, &it);
	for (int64_t i = 0; i < got; i++) {
		it.enterprise_id = ids[i];
		if ((rc = notify_enterprise(w->tx, &announce_kind, &it, a->dept_id, "published")) <
		    0)
			return write_fail(w, rc, e);
	}
	it.enterprise_id = 0;
	rc = webhook_queue(w->tx, &announce_kind, &it, "published",
	                   announce_kind.event_label("published"));
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

static int do_publish(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ann_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct announcement a;
	enum ann_status to;
	int64_t n = 0, now = change_time(x);
	int rc = -1;
	if (load_for(w, x->id, ANN_EV_PUBLISH, &ar, &a, &to, e) < 0 ||
	    write_audience(w, &a, now, &n, e) < 0)
		goto out;
	if (n == 0) {
		err_set(e, ERR_VALIDATION, "audience", "发送范围内没有企业，请调整发送范围",
		        "no enterprise is in the audience");
		goto out;
	}
	if ((rc = write_sql(w, SQL_ANN_PUBLISH, e, DB_I(now), DB_I(now), DB_I(n), DB_I(x->id))) < 0)
		goto out;
	a.status = ann_status_name(to);
	/* history is not news: nobody is told of an announcement published in the past */
	if (!x->at && (rc = notify_audience(w, &a, n, &ar, e)) < 0)
		goto out;
	write_audit(w, "publish", "announcement", x->id);
	audit_change_str(&w->changes, "status", ann_status_name(ANN_DRAFT), a.status);
	audit_change_int(&w->changes, "audience_size", 0, n);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int ann_publish(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct ann_change x = {.id = id};
	return write_tx(pool, p, do_publish, &x, e);
}

int ann_publish_at(struct db *tx, const struct principal *p, int64_t id, int64_t at,
                   struct yq_err *e)
{
	struct ann_change x = {.id = id, .at = at};
	return write_in(tx, p, p->zone_id, do_publish, &x, e);
}

static int do_withdraw(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ann_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct announcement a;
	enum ann_status to;
	int rc = -1;
	if (load_for(w, x->id, ANN_EV_WITHDRAW, &ar, &a, &to, e) < 0)
		goto out;
	int64_t now = now_unix();
	if ((rc = write_sql(w, SQL_ANN_WITHDRAW, e, DB_I(now), DB_I(now), DB_I(x->id))) < 0)
		goto out;
	write_audit(w, "withdraw", "announcement", x->id);
	audit_change_str(&w->changes, "status", a.status, ann_status_name(to));
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int ann_withdraw(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct ann_change x = {.id = id};
	return write_tx(pool, p, do_withdraw, &x, e);
}

static int do_read(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ann_change *x = arg;
	const struct principal *p = w->who;
	/* still published and addressed to the caller's enterprise, in this transaction */
	if (ann_check(w->tx, p, x->id, e) < 0)
		return -1;
	int64_t changed;
	if (write_sql_n(w, SQL_MARK_READ, &changed, e, DB_I(change_time(x)), DB_O(p->user_id),
	                DB_I(x->id), DB_I(p->enterprise_id), DB_I(p->zone_id)) < 0)
		return -1;
	if (changed) { /* the first read: the receipt is a record; later ones write nothing */
		write_audit(w, "read", "announcement", x->id);
		audit_change_int(&w->changes, "enterprise_id", 0, p->enterprise_id);
	}
	return 0;
}

int ann_mark_read(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	if (!as_enterprise(p) || !p->enterprise_id)
		return 0;
	struct ann_change x = {.id = id};
	return write_tx(pool, p, do_read, &x, e);
}

int ann_mark_read_at(struct db *tx, const struct principal *p, int64_t id, int64_t at,
                     struct yq_err *e)
{
	if (!as_enterprise(p) || !p->enterprise_id)
		return 0;
	struct ann_change x = {.id = id, .at = at};
	return write_in(tx, p, p->zone_id, do_read, &x, e);
}

int ann_receipts(struct db *c, const struct principal *p, int64_t id, int read, int64_t page,
                 int64_t page_size, receipt_fn fn, void *ctx, int64_t *size, int64_t *nread,
                 int64_t *total, struct yq_err *e)
{
	if (ann_check(c, p, id, e) < 0)
		return -1;
	/* who has read what is the zone's own: an enterprise is never shown the list */
	if (disclose_to(p, "announcement.receipts") != DISCLOSE_ALL)
		return err_set(e, ERR_FORBIDDEN, NULL, "企业用户不能查看阅读回执",
		               "enterprise users do not see read receipts");
	*size = *nread = *total = 0;
	int rc = DB_ERR;
	struct db_stmt *st = db_prepare_with(c, SQL_RECEIPT_COUNTS, DB_I(id), DB_I(p->zone_id));
	if (st) {
		if ((rc = db_step(st)) == DB_ROW) {
			*size = db_col_int(st, 0);
			*nread = db_col_int(st, 1);
		}
		db_reset(st);
	}
	if (rc < 0)
		return err_db(e, rc);
	*total = read ? *nread : *size - *nread;
	if (!(st = db_prepare_with(c, sql_of(&SQL_RECEIPT_PAGE), DB_I(id), DB_I(p->zone_id),
	                           DB_I(read ? 1 : 0), DB_I(page_size),
	                           DB_I((page - 1) * page_size))))
		return err_db(e, DB_ERR);
	struct ann_receipt x;
	while ((rc = entity_next(st, &ENTITY_RECEIPT, &x)) == DB_ROW)
		fn(ctx, &x);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- the work kind: attachments and notifications of announcements ---- */

static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	struct announcement ann;
	if (ann_get(c, p, id, a, &ann, e) < 0)
		return -1;
	as_item(p, &ann, a, out);
	return 0;
}

static int may_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	return !as_enterprise(p) && principal_can(p, PERM_ANNOUNCE_WRITE);
}

static const char *event_label(const char *event)
{
	return event && strcmp(event, "published") == 0 ? "新公告" : NULL;
}

const struct work_kind announce_kind = {
    .name = "announcement",
    .id_key = "announcement_id",
    .no_key = "announcement_no",
    .label_zh = "公告",
    .label_en = "announcement",
    .load = load_item,
    .may_upload = may_upload,
    .upload_denied_zh = "只有可以编辑公告的工作人员可以上传附件",
    .upload_denied_en = "only staff who write announcements add attachments",
    .event_label = event_label,
};
