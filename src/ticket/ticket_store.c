/* Request storage and actions (see ticket_store.h). */
#include "ticket/ticket_store.h"
#include "audit/audit.h"
#include "access/disclose.h"
#include "access/scope.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/embedded.h"
#include "lib/gm.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "org/org.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include "work/clock.h"
#include "work/comment.h"
#include "work/due.h"
#include "work/escalation.h"
#include "work/notify.h"
#include "ticket/open311.h"
#include "ticket/ticket_search.h"
#include "db/qb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TICKET_SCOPE                                                                               \
	SCOPE_SQL_DEPTS("t.id IN (SELECT td.ticket_id FROM ticket_dept td WHERE td.dept_id IN",    \
	                ")", "t.created_by", "t.enterprise_id")
#define TICKET_COLS                                                                                \
	"t.id, t.zone_id, t.enterprise_id, t.dept_id, t.created_by, t.merged_into, t.no, "         \
	"en.name, "                                                                                \
	"t.channel, t.category, t.priority, t.title, t.description, t.contact_name, "              \
	"t.contact_phone, d.name, t.answer, t.rating, t.rating_comment, t.reject_reason, "         \
	"t.ext_reason, t.status, t.created_at, "                                                   \
	"t.accepted_at, t.first_contact_at, t.resolved_at, t.closed_at, t.due_first_contact, "     \
	"t.due_resolve, t.paused_at, t.rated_at, t.updated_at, t.ext_days, t.unrated, "            \
	"t.address, t.email, t.media_url, t.lat, t.lon, " WORK_ESC_COLS
#define TICKET_FROM                                                                                \
	" FROM ticket t JOIN enterprise en ON en.id = t.enterprise_id LEFT JOIN dept d ON d.id = " \
	"t.dept_id" WORK_ESC_JOIN("ticket", "t.id")
/* a request's clock runs while it is with its lead department (not waiting, not answered) */
#define TICKET_RUNNING " AND t.status IN ('assigned','in_progress')"
static const char SQL_GET[] =
    "SELECT " TICKET_COLS TICKET_FROM " WHERE t.zone_id = ? AND t.id = ?" TICKET_SCOPE;
static const char SQL_ID_BY_NO[] =
    "SELECT t.id FROM ticket t WHERE t.zone_id = ? AND t.no = ?" TICKET_SCOPE;
static const char SQL_CODEPTS[] =
    "SELECT dept_id FROM ticket_dept WHERE ticket_id = ? AND role = 'co' ORDER BY dept_id";
static const char SQL_INSERT[] =
    "INSERT INTO ticket (zone_id, no, enterprise_id, channel, category, priority, title, "
    "description, contact_name, contact_phone, status, created_by, created_at, updated_at, "
    "address, email, media_url, lat, lon) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_BLOCK_PENDING[] =
    "SELECT p.ticket_id, t.description FROM ticket_block_pending p JOIN ticket t ON t.id = "
    "p.ticket_id ORDER BY p.ticket_id LIMIT 200";
static const char SQL_BLOCK_COUNT[] = "SELECT COUNT(*) FROM ticket_block_pending";
static const char SQL_BLOCK_DONE[] = "DELETE FROM ticket_block_pending WHERE ticket_id = ?";
static const char SQL_BLOCK_MOVE[] =
    "UPDATE ticket SET description = ?, address = ?, email = ?, media_url = ?, lat = ?, lon = ? "
    "WHERE id = ?";
static const char SQL_NEXT_NO[] =
    "INSERT INTO ticket_no_seq (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = "
    "ticket_no_seq.n + 1 RETURNING n";
/* the enterprise a request is filed for, in the caller's scope: its archived flag */
static const char SQL_ENT_FOR_REQUEST[] =
    "SELECT e.archived FROM enterprise e WHERE e.id = ? AND e.zone_id = ?" SCOPE_ENTERPRISE_SQL;
static const char SQL_UPDATES[] =
    "SELECT " WORK_EVENT_COLS ", t.id, t.no FROM work_event e JOIN ticket t ON t.id = "
    "e.ref_id WHERE e.zone_id = ? AND e.kind = 'ticket' AND t.zone_id = ? AND e.at >= ? AND "
    "e.at <= ? AND e.id > ?" TICKET_SCOPE " ORDER BY e.id LIMIT ?";
static const char SQL_UPDATE[] =
    "UPDATE ticket SET status = ?, dept_id = ?, category = ?, priority = ?, accepted_at = ?, "
    "first_contact_at = ?, resolved_at = ?, closed_at = ?, due_first_contact = ?, due_resolve "
    "= ?, paused_at = ?, ext_days = ?, ext_reason = ?, answer = ?, rating = ?, rating_comment = "
    "?, rated_at = ?, unrated = ?, reject_reason = ?, merged_into = ?, updated_at = ? WHERE id = "
    "?";
static const char SQL_DEPTS_CLEAR[] = "DELETE FROM ticket_dept WHERE ticket_id = ?";
static const char SQL_DEPT_ADD[] =
    "INSERT INTO ticket_dept (ticket_id, dept_id, role) VALUES (?, ?, ?) ON CONFLICT "
    "(ticket_id, dept_id) DO NOTHING";
static const char SQL_DEPT_KIND[] = "SELECT kind FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_DEPT_PATH[] = "SELECT path FROM dept WHERE id = ?";
static const char SQL_RULE[] =
    "SELECT first_contact_hours, interim_days, resolve_days FROM ticket_rule WHERE zone_id = ? "
    "AND category = ? AND priority = ?";
static const char SQL_RULE_SET[] =
    "INSERT INTO ticket_rule (zone_id, category, priority, first_contact_hours, interim_days, "
    "resolve_days) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (zone_id, category, priority) DO UPDATE "
    "SET first_contact_hours = excluded.first_contact_hours, interim_days = "
    "excluded.interim_days, resolve_days = excluded.resolve_days";
static const char SQL_AUTOCLOSE_IDS[] =
    "SELECT id, zone_id FROM ticket WHERE status = 'resolved' AND resolved_at < ? ORDER BY id "
    "LIMIT 500";

/* Gives the next request number for the (China Standard Time) day of `at`, inside tx:
 * "SQ20261123-0001". One counter per day for the whole installation, so a number names one
 * request in every zone (a unique index holds it); the upsert on the day's row serialises
 * concurrent numbering on both engines. */
static int next_no(struct db *tx, int64_t at, char *no, size_t n)
{
	char day[16];
	time_t cst = (time_t)(at + 8 * 3600);
	struct tm tm;
	gmtime_r(&cst, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	struct db_stmt *st = db_prepare(tx, SQL_NEXT_NO);
	if (!st)
		return DB_ERR;
	db_bind_text(st, 1, day);
	int rc = db_step(st);
	int64_t seq = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	snprintf(no, n, "SQ%s-%04lld", day, (long long)seq);
	return DB_OK;
}

static const char *dup(struct arena *a, const char *s)
{
	return a ? arena_strdup(a, s) : s;
}

static void read_ticket(struct db_stmt *st, struct arena *a, struct ticket *t, int64_t now)
{
	memset(t, 0, sizeof *t);
	int i = 0;
	t->id = db_col_int(st, i++);
	t->zone_id = db_col_int(st, i++);
	t->enterprise_id = db_col_int(st, i++);
	t->dept_id = db_col_int(st, i++);
	t->created_by = db_col_int(st, i++);
	t->merged_into = db_col_int(st, i++);
	const char **strs[] = {
	    &t->no,     &t->enterprise_name, &t->channel,        &t->category,      &t->priority,
	    &t->title,  &t->description,     &t->contact_name,   &t->contact_phone, &t->dept_name,
	    &t->answer, &t->rating,          &t->rating_comment, &t->reject_reason, &t->ext_reason};
	for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
		*strs[k] = dup(a, db_col_text(st, i++));
	if (t->contact_phone && *t->contact_phone) { /* sealed in the 国密 mode */
		char phone[64];
		t->contact_phone = dup(a, gm_open_buf(t->contact_phone, phone, sizeof phone));
	}
	t->status = ticket_status_from_name(db_col_text(st, i++));
	int64_t *times[] = {&t->created_at,  &t->accepted_at, &t->first_contact_at,
	                    &t->resolved_at, &t->closed_at,   &t->due_first_contact,
	                    &t->due_resolve, &t->paused_at,   &t->rated_at,
	                    &t->updated_at};
	for (size_t k = 0; k < sizeof times / sizeof times[0]; k++)
		*times[k] = db_col_int(st, i++);
	t->ext_days = (int)db_col_int(st, i++);
	t->unrated = (int)db_col_int(st, i++);
	t->address = dup(a, db_col_text(st, i++));
	t->email = dup(a, db_col_text(st, i++));
	t->media_url = dup(a, db_col_text(st, i++));
	t->has_coords = !db_col_is_null(st, i) && !db_col_is_null(st, i + 1);
	t->lat = t->has_coords ? db_col_double(st, i) : 0;
	t->lon = t->has_coords ? db_col_double(st, i + 1) : 0;
	i += 2;
	struct work_escalation esc;
	work_escalation_read(st, i, a, &esc);
	t->escalated = (int)esc.state;
	t->esc_level = esc.level;
	t->esc_note = esc.note;
	t->esc_deadline = esc.deadline;
	t->overdue = (t->status == TS_ASSIGNED || t->status == TS_IN_PROGRESS) &&
	             work_overdue(t->due_resolve, now);
}

/* Clears the fields the caller is not shown (access/disclose.h): an enterprise reads neither the
 * leader's escalation note nor a pending extension. */
static void disclose_fields(const struct principal *p, struct ticket *t)
{
	if (disclose_to(p, "ticket.field.esc_note") == DISCLOSE_NONE)
		t->esc_note = "";
	if (disclose_to(p, "ticket.field.ext_reason") == DISCLOSE_NONE)
		t->ext_reason = "";
	if (disclose_to(p, "ticket.field.ext_days") == DISCLOSE_NONE)
		t->ext_days = 0;
}

int ticket_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
               struct ticket *out, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_GET);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, id);
	scope_bind(st, 3, p);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_ticket(st, a, out, now_unix());
		disclose_fields(p, out);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "诉求不存在", "no such request");
	if (!(st = db_prepare(c, SQL_CODEPTS)))
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW && out->n_co < 8)
		out->co_depts[out->n_co++] = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int ticket_get_by_no(struct db *c, const struct principal *p, const char *no, struct arena *a,
                     struct ticket *out, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_ID_BY_NO);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, no);
	scope_bind(st, 3, p);
	int rc = db_step(st);
	int64_t id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!id)
		return err_set(e, ERR_NOT_FOUND, NULL, "诉求不存在", "no such request");
	return ticket_get(c, p, id, a, out, e);
}

/* Appends the WHERE conditions of a list: the zone, the caller's scope and only the filters
 * given, each from a fixed fragment (so an index can serve them). */
static int list_where(struct db *c, struct qb *q, const struct principal *p,
                      const struct ticket_filter *f, int64_t now, char *like, size_t nlike,
                      struct strbuf *match)
{
	qb_int(q, p->zone_id);
	scope_qb(q, p, "t.id IN (SELECT td.ticket_id FROM ticket_dept td WHERE td.dept_id IN", ")",
	         "t.created_by", "t.enterprise_id", like, nlike);
	if (f->status && strcmp(f->status, "open") == 0) {
		qb_sql(
		    q,
		    " AND t.status IN ('received','assigned','in_progress','waiting','resolved')");
	} else if (f->status && *f->status) {
		qb_sql(q, " AND t.status = ?");
		qb_text(q, f->status);
	}
	const struct {
		const char *sql;
		const char *text;
		int64_t num;
	} eq[] = {
	    {" AND t.category = ?", f->category, 0},
	    {" AND t.channel = ?", f->channel, 0},
	    {" AND t.dept_id = ?", NULL, f->dept_id},
	    {" AND t.enterprise_id = ?", NULL, f->enterprise_id},
	    {" AND t.created_at >= ?", NULL, f->from},
	    {" AND t.created_at < ?", NULL, f->to},
	};
	for (size_t k = 0; k < sizeof eq / sizeof eq[0]; k++) {
		if (eq[k].text && *eq[k].text) {
			qb_sql(q, eq[k].sql);
			qb_text(q, eq[k].text);
		} else if (!eq[k].text && eq[k].num) {
			qb_sql(q, eq[k].sql);
			qb_int(q, eq[k].num);
		}
	}
	if (f->overdue) {
		qb_sql(q, TICKET_RUNNING WORK_SQL_OVERDUE("t.due_resolve"));
		work_due_bind(q, WORK_DUE_OVERDUE, now);
	}
	if (f->due_soon) {
		qb_sql(q, TICKET_RUNNING WORK_SQL_DUE_SOON("t.due_resolve"));
		work_due_bind(q, WORK_DUE_SOON, now);
	}
	if (f->escalated) {
		qb_sql(q, WORK_ESC_ACTIVE("ticket", "t.id"));
		qb_int(q, p->zone_id);
	}
	if (f->extension_pending)
		qb_sql(q, " AND t.ext_days > 0");
	if (f->q && *f->q) {
		/* a query matches through the full-text index, or a request number exactly */
		if (ticket_search_param(c, p->zone_id, f->q, match) < 0 || match->failed)
			return -1;
		qb_sql(q, " AND ");
		qb_sql(q, ticket_search_condition(c));
		qb_text(q, match->buf);
		qb_int(q, p->zone_id);
		qb_text(q, f->q);
	}
	return 0;
}

int ticket_list(struct db *c, const struct principal *p, const struct ticket_filter *f,
                ticket_fn fn, void *ctx, int64_t *total)
{
	int64_t now = now_unix();
	char like[300], like2[300], title_like[320];
	struct strbuf match = STRBUF_INIT(64 * 1024), match2 = STRBUF_INIT(64 * 1024);
	struct qb cq, lq;
	int rc = DB_ERR;
	*total = 0;
	qb_init(&cq, "SELECT COUNT(*) FROM ticket t WHERE t.zone_id = ?");
	qb_init(&lq, "SELECT " TICKET_COLS TICKET_FROM " WHERE t.zone_id = ?");
	if (list_where(c, &cq, p, f, now, like, sizeof like, &match) < 0 ||
	    list_where(c, &lq, p, f, now, like2, sizeof like2, &match2) < 0) {
		rc = DB_OK; /* nothing searchable in the query: no match */
		goto out;
	}
	struct db_stmt *st = qb_text_of(&cq) ? db_prepare(c, qb_text_of(&cq)) : NULL;
	if (!st)
		goto out;
	qb_bind(&cq, st, 1);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		goto out;
	if (f->sort && strcmp(f->sort, "created_at") == 0) {
		qb_sql(&lq, " ORDER BY t.created_at, t.id");
	} else if (f->sort && strcmp(f->sort, "due_resolve") == 0) {
		qb_sql(&lq, " ORDER BY CASE WHEN t.due_resolve IS NULL THEN 1 ELSE 0 END, "
		            "t.due_resolve, t.id");
	} else if (f->q && *f->q) {
		/* with a query: title matches first, then newest */
		size_t o = 0;
		title_like[o++] = '%';
		for (const char *s2 = f->q; *s2 && o + 3 < sizeof title_like; s2++) {
			if (*s2 == '%' || *s2 == '_' || *s2 == '\\')
				title_like[o++] = '\\';
			title_like[o++] = *s2;
		}
		title_like[o++] = '%';
		title_like[o] = 0;
		qb_sql(&lq, " ORDER BY CASE WHEN t.title LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, "
		            "t.created_at DESC, t.id DESC");
		qb_text(&lq, title_like);
	} else {
		qb_sql(&lq, " ORDER BY t.created_at DESC, t.id DESC");
	}
	qb_sql(&lq, " LIMIT ? OFFSET ?");
	qb_int(&lq, f->page_size);
	qb_int(&lq, (f->page - 1) * f->page_size);
	st = qb_text_of(&lq) ? db_prepare(c, qb_text_of(&lq)) : NULL;
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	qb_bind(&lq, st, 1);
	while ((rc = db_step(st)) == DB_ROW) {
		struct ticket t;
		read_ticket(st, NULL, &t, now);
		disclose_fields(p, &t);
		fn(ctx, &t);
	}
	db_reset(st);
out:
	qb_release(&cq);
	qb_release(&lq);
	strbuf_release(&match);
	strbuf_release(&match2);
	return rc < 0 ? rc : DB_OK;
}

int ticket_updates(struct db *c, const struct principal *p, int64_t from, int64_t to,
                   int64_t after_id, int limit, work_event_fn fn, void *ctx, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_UPDATES);
	if (!st)
		return err_db(e, DB_ERR);
	int i = 1;
	db_bind_int(st, i++, p->zone_id);
	db_bind_int(st, i++, p->zone_id);
	db_bind_int(st, i++, from);
	db_bind_int(st, i++, to);
	db_bind_int(st, i++, after_id);
	i = scope_bind(st, i, p);
	db_bind_int(st, i, limit);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct work_event ev;
		work_event_read(st, &ev);
		ev.ref_id = db_col_int(st, 10);
		ev.ref_no = db_col_text(st, 11);
		fn(ctx, &ev);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* Checks where and how to reach of a new request (ticket_input): single lines within their
 * lengths, an http(s) media_url, an email with '@', coordinates within range. */
static int check_place(const struct ticket_input *in, struct yq_err *e)
{
	const struct {
		const char *v, *field;
		size_t max;
	} texts[] = {{in->address, "address", O311_ADDRESS_MAX},
	             {in->email, "email", O311_EMAIL_MAX},
	             {in->media_url, "media_url", O311_MEDIA_URL_MAX}};
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		if (work_check_text(texts[k].v, texts[k].field, texts[k].max, 0, e) < 0)
			return -1;
		if (texts[k].v && strpbrk(texts[k].v, "\r\n"))
			return err_set(e, ERR_VALIDATION, texts[k].field, "不能换行",
			               "must be one line");
	}
	if (in->media_url && *in->media_url && !o311_media_url_ok(in->media_url))
		return err_set(e, ERR_VALIDATION, "media_url", "media_url 须为 http(s) 网址",
		               "media_url must be an http(s) URL");
	if (in->email && *in->email && !o311_email_ok(in->email))
		return err_set(e, ERR_VALIDATION, "email", "邮箱格式错误", "invalid email address");
	if (in->has_coords && !(in->lat >= -90 && in->lat <= 90))
		return err_set(e, ERR_VALIDATION, "lat", "纬度无效（WGS84 十进制度数）",
		               "invalid latitude (WGS84 decimal degrees)");
	if (in->has_coords && !(in->lon >= -180 && in->lon <= 180))
		return err_set(e, ERR_VALIDATION, "long", "经度无效（WGS84 十进制度数）",
		               "invalid longitude (WGS84 decimal degrees)");
	return 0;
}

/* Writes a timeline event of request tid by p from state `from` ((enum ticket_status)-1: none)
 * to `to`. */
static int write_event(struct db *tx, const struct principal *p, int64_t zone, int64_t tid,
                       const char *action, enum ticket_status from, enum ticket_status to,
                       const char *body)
{
	struct work_event_in ev = {
	    .action = action,
	    .from_state = (int)from >= 0 ? ticket_status_name(from) : "",
	    .to_state = ticket_status_name(to),
	    .body = body,
	};
	return work_event_add(tx, p, &ticket_kind, zone, tid, &ev);
}

/* The work item of request t (work/work.h). */
static void as_item(const struct ticket *t, struct work_item *it)
{
	*it = (struct work_item){
	    .id = t->id,
	    .zone_id = t->zone_id,
	    .dept_id = t->dept_id,
	    .enterprise_id = t->enterprise_id,
	    .no = t->no,
	    .title = t->title,
	    .state = ticket_status_name(t->status),
	};
	switch (t->status) {
	case TS_CLOSED:
		it->closed = 1;
		it->closed_zh = "已销号的诉求不能再变更附件";
		it->closed_en = "the request is closed: its attachments cannot change";
		break;
	case TS_REJECTED:
		it->closed = 1;
		it->closed_zh = "不予受理的诉求不能再变更附件";
		it->closed_en = "the request is rejected: its attachments cannot change";
		break;
	case TS_MERGED:
		it->closed = 1;
		it->closed_zh = "已合并的诉求不能再变更附件";
		it->closed_en = "the request is merged: its attachments cannot change";
		break;
	default:
		if (!ticket_is_open(t->status)) {
			it->closed = 1;
			it->closed_zh = "诉求已结束";
			it->closed_en = "the request is over";
		}
	}
}

/* Notifies the department that must act (and the webhooks) of event `ev` on request t. */
static int notify_ticket(struct db *tx, const struct ticket *t, const char *event)
{
	struct work_item it;
	as_item(t, &it);
	return notify_item(tx, &ticket_kind, &it, event);
}

int ticket_create(struct db_pool *pool, const struct principal *p, const struct ticket_input *in,
                  int64_t *id, struct yq_err *e)
{
	int enterprise = p->role == ROLE_ENTERPRISE;
	int64_t ent = enterprise ? p->enterprise_id : in->enterprise_id;
	const char *channel = enterprise ? "online" : in->channel;
	if (!ent)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择企业",
		               "choose the enterprise");
	if (!ticket_channel_valid(channel))
		return err_set(e, ERR_VALIDATION, "channel", "渠道应为网上、电话、走访、热线或微信",
		               "channel must be online, phone, visit, hotline or wechat");
	if (!ticket_category_valid(in->category))
		return err_set(e, ERR_VALIDATION, "category", "诉求类别无效", "invalid category");
	if (in->priority && !ticket_priority_valid(in->priority))
		return err_set(e, ERR_VALIDATION, "priority", "优先级应为 normal 或 urgent",
		               "priority must be normal or urgent");
	if (work_check_text(in->title, "title", 100, 1, e) < 0 ||
	    work_check_text(in->description, "description", 5000, 1, e) < 0 ||
	    work_check_text(in->contact_name, "contact_name", 32, 0, e) < 0 ||
	    org_check_phone(in->contact_phone, e) < 0 || check_place(in, e) < 0) {
		if (e->field && strcmp(e->field, "phone") == 0)
			e->field = "contact_phone";
		return -1;
	}
	for (int attempt = 0; attempt < 3; attempt++) {
		int rc;
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			return err_db(e, rc);
		int64_t now = now_unix();
		/* only for an enterprise in the caller's scope, checked in the transaction that
		 * files it (the request would otherwise be filed, then out of the caller's sight)
		 */
		struct db_stmt *st = db_prepare(tx, SQL_ENT_FOR_REQUEST);
		if (!st) {
			rc = DB_ERR;
			goto out_db;
		}
		db_bind_int(st, 1, ent);
		db_bind_int(st, 2, p->zone_id);
		scope_bind(st, 3, p);
		rc = db_step(st);
		int archived = rc == DB_ROW ? (int)db_col_int(st, 0) : 0;
		db_reset(st);
		if (rc < 0)
			goto out_db;
		if (rc != DB_ROW || archived) {
			db_tx_end(pool, tx, 0);
			if (rc == DB_ROW)
				return err_set(e, ERR_VALIDATION, "enterprise_id",
				               "企业已归档，不能提交诉求",
				               "the enterprise is archived");
			return err_set(e, ERR_NOT_FOUND, "enterprise_id", "企业不存在",
			               "no such enterprise");
		}
		/* numbered per day: SQ20261123-0001 (China Standard Time) */
		char no[48];
		if ((rc = next_no(tx, now, no, sizeof no)) < 0)
			goto out_db;
		if (!(st = db_prepare(tx, SQL_INSERT))) {
			rc = DB_ERR;
			goto out_db;
		}
		db_bind_int(st, 1, p->zone_id);
		db_bind_text(st, 2, no);
		db_bind_int(st, 3, ent);
		db_bind_text(st, 4, channel);
		db_bind_text(st, 5, in->category);
		db_bind_text(st, 6, in->priority ? in->priority : "normal");
		db_bind_text(st, 7, in->title);
		db_bind_text(st, 8, in->description);
		db_bind_text(st, 9, in->contact_name ? in->contact_name : "");
		struct strbuf sealed = STRBUF_INIT(256);
		if (gm_seal(in->contact_phone ? in->contact_phone : "", &sealed) < 0) {
			strbuf_release(&sealed);
			db_reset(st);
			rc = DB_ERR;
			goto out_db;
		}
		db_bind_text(st, 10, sealed.buf ? sealed.buf : "");
		strbuf_release(&sealed);
		if (p->user_id)
			db_bind_int(st, 11, p->user_id);
		db_bind_int(st, 12, now);
		db_bind_int(st, 13, now);
		db_bind_text(st, 14, in->address ? in->address : "");
		db_bind_text(st, 15, in->email ? in->email : "");
		db_bind_text(st, 16, in->media_url ? in->media_url : "");
		if (in->has_coords) {
			db_bind_double(st, 17, in->lat);
			db_bind_double(st, 18, in->lon);
		}
		rc = db_step(st);
		*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (rc == DB_CONSTRAINT) {
			db_tx_end(pool, tx, 0); /* a concurrent request took the number: retry */
			continue;
		}
		if (rc != DB_ROW)
			goto out_db;
		struct audit_changes ch;
		audit_changes_init(&ch);
		audit_change_str(&ch, "no", NULL, no);
		audit_change_str(&ch, "title", NULL, in->title);
		struct ticket made = {.id = *id,
		                      .zone_id = p->zone_id,
		                      .enterprise_id = ent,
		                      .no = no,
		                      .title = in->title,
		                      .status = TS_RECEIVED};
		if ((rc = write_event(tx, p, p->zone_id, *id, "submit", (enum ticket_status) - 1,
		                      TS_RECEIVED, channel)) < 0 ||
		    (rc = ticket_search_index(tx, *id)) < 0 ||
		    (rc = notify_ticket(tx, &made, ticket_notify_event(TE_SUBMIT, 0))) < 0 ||
		    (rc = audit_write(tx, p, p->zone_id, "create", "ticket", *id, &ch)) < 0) {
			audit_changes_release(&ch);
			goto out_db;
		}
		audit_changes_release(&ch);
		rc = db_tx_end(pool, tx, 1);
		return rc < 0 ? err_db(e, rc) : 0;
	out_db:
		db_tx_end(pool, tx, 0);
		return err_db(e, rc < 0 ? rc : DB_ERR);
	}
	return err_set(e, ERR_BUSY, NULL, "请求过多，请稍后重试", "too busy, retry shortly");
}

/* 1 if the principal works at the service center (may triage), admins included. */
static int can_triage(struct db *c, const struct principal *p, int *rc)
{
	*rc = DB_OK;
	if (p->role == ROLE_ADMIN)
		return 1;
	if (!p->dept_id || (p->role != ROLE_STAFF && p->role != ROLE_DEPT_HEAD))
		return 0;
	struct db_stmt *st = db_prepare(c, SQL_DEPT_KIND);
	if (!st) {
		*rc = DB_ERR;
		return 0;
	}
	db_bind_int(st, 1, p->dept_id);
	db_bind_int(st, 2, p->zone_id);
	int r = db_step(st);
	int ok = r == DB_ROW && strcmp(db_col_text(st, 0), "service_center") == 0;
	db_reset(st);
	if (r < 0)
		*rc = r;
	return ok;
}

/* 1 if the principal may act for the lead department (it is under the caller's department, or
 * the caller sees the whole zone). */
static int can_handle(struct db *c, const struct principal *p, int64_t dept_id, int *rc)
{
	*rc = DB_OK;
	if (p->role == ROLE_ADMIN || p->scope == SCOPE_ZONE)
		return p->role != ROLE_ENTERPRISE && p->role != ROLE_PROVINCE &&
		       p->role != ROLE_LEADER;
	if (p->role != ROLE_STAFF && p->role != ROLE_DEPT_HEAD)
		return 0;
	if (!dept_id || !p->dept_path)
		return 0;
	struct db_stmt *st = db_prepare(c, SQL_DEPT_PATH);
	if (!st) {
		*rc = DB_ERR;
		return 0;
	}
	db_bind_int(st, 1, dept_id);
	int r = db_step(st);
	int ok =
	    r == DB_ROW && strncmp(db_col_text(st, 0), p->dept_path, strlen(p->dept_path)) == 0;
	db_reset(st);
	if (r < 0)
		*rc = r;
	return ok;
}

static void bind_opt(struct db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

static int save(struct db *tx, const struct ticket *t, int64_t now)
{
	struct db_stmt *st = db_prepare(tx, SQL_UPDATE);
	if (!st)
		return DB_ERR;
	int i = 1;
	db_bind_text(st, i++, ticket_status_name(t->status));
	bind_opt(st, i++, t->dept_id);
	db_bind_text(st, i++, t->category);
	db_bind_text(st, i++, t->priority);
	bind_opt(st, i++, t->accepted_at);
	bind_opt(st, i++, t->first_contact_at);
	bind_opt(st, i++, t->resolved_at);
	bind_opt(st, i++, t->closed_at);
	bind_opt(st, i++, t->due_first_contact);
	bind_opt(st, i++, t->due_resolve);
	bind_opt(st, i++, t->paused_at);
	db_bind_int(st, i++, t->ext_days);
	db_bind_text(st, i++, t->ext_reason);
	db_bind_text(st, i++, t->answer);
	db_bind_text(st, i++, t->rating);
	db_bind_text(st, i++, t->rating_comment);
	bind_opt(st, i++, t->rated_at);
	db_bind_int(st, i++, t->unrated);
	db_bind_text(st, i++, t->reject_reason);
	bind_opt(st, i++, t->merged_into);
	db_bind_int(st, i++, now);
	db_bind_int(st, i++, t->id);
	return db_run(st);
}

int ticket_rule_get(struct db *c, int64_t zone_id, const char *category, const char *priority,
                    struct ticket_rule *r)
{
	ticket_rule_default(category, priority, r);
	struct db_stmt *st = db_prepare(c, SQL_RULE);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	db_bind_text(st, 2, category);
	db_bind_text(st, 3, r->priority);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		r->first_contact_hours = (int)db_col_int(st, 0);
		r->interim_days = (int)db_col_int(st, 1);
		r->resolve_days = (int)db_col_int(st, 2);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

static int set_depts(struct db *tx, int64_t tid, int64_t lead, const int64_t *co, int n_co)
{
	struct db_stmt *st = db_prepare(tx, SQL_DEPTS_CLEAR);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, tid);
	int rc = db_run(st);
	for (int i = -1; rc == DB_OK && i < n_co; i++) {
		int64_t d = i < 0 ? lead : co[i];
		if (!d)
			continue;
		if (!(st = db_prepare(tx, SQL_DEPT_ADD)))
			return DB_ERR;
		db_bind_int(st, 1, tid);
		db_bind_int(st, 2, d);
		db_bind_text(st, 3, i < 0 ? "lead" : "co");
		rc = db_run(st);
	}
	return rc;
}

/* The deadline clock of request t (work/clock.h) and back. */
static struct work_clock clock_of(const struct ticket *t)
{
	return (struct work_clock){.started_at = t->accepted_at,
	                           .due_first = t->due_first_contact,
	                           .due = t->due_resolve,
	                           .paused_at = t->paused_at};
}

static void set_clock(struct ticket *t, const struct work_clock *k)
{
	t->accepted_at = k->started_at;
	t->due_first_contact = k->due_first;
	t->due_resolve = k->due;
	t->paused_at = k->paused_at;
}

/* A request that has ended (closed, rejected, merged) settles its 督办 (销号): escalated becomes
 * 2, "was escalated, now settled". */
static int finish(struct db *tx, struct ticket *t, int64_t now)
{
	if (t->status != TS_CLOSED && t->status != TS_REJECTED && t->status != TS_MERGED)
		return DB_OK;
	if (t->escalated != 1)
		return DB_OK;
	t->escalated = 2;
	return work_escalation_settle(tx, &ticket_kind, t->id, now);
}

/* Applies action a to t (read inside tx), checking who may do it. */
static int apply(struct db *tx, const struct principal *p, struct ticket *t,
                 const struct ticket_action *a, struct calendar *cal, struct arena *ar,
                 struct yq_err *e)
{
	int rc = DB_OK, ok;
	int64_t now = now_unix();
	enum ticket_status to;
	if (ticket_next(t->status, a->ev, &to, e) < 0)
		return -1;
	int enterprise = p->role == ROLE_ENTERPRISE;
	switch (a->ev) {
	case TE_ACCEPT:
	case TE_REJECT:
	case TE_MERGE:
		ok = can_triage(tx, p, &rc);
		if (rc < 0)
			return err_db(e, rc);
		if (!ok)
			return err_set(e, ERR_FORBIDDEN, NULL, "只有企业服务中心可以受理、分派诉求",
			               "only the service center triages requests");
		break;
	case TE_START:
	case TE_WAIT:
	case TE_RETURN:
	case TE_RESOLVE:
		ok = can_handle(tx, p, t->dept_id, &rc);
		if (rc < 0)
			return err_db(e, rc);
		if (!ok)
			return err_set(e, ERR_FORBIDDEN, NULL, "只有承办部门可以办理该诉求",
			               "only the lead department handles this request");
		break;
	case TE_EXTEND:
		if (a->ext_decision) {
			ok = can_triage(tx, p, &rc);
			if (!ok && rc == DB_OK)
				return err_set(e, ERR_FORBIDDEN, NULL, "延期由企业服务中心审批",
				               "the service center decides on extensions");
		} else {
			ok = can_handle(tx, p, t->dept_id, &rc);
			if (!ok && rc == DB_OK)
				return err_set(e, ERR_FORBIDDEN, NULL, "只有承办部门可以申请延期",
				               "only the lead department asks for an extension");
		}
		if (rc < 0)
			return err_db(e, rc);
		break;
	case TE_SUPPLY:
		if (!enterprise)
			return err_set(e, ERR_FORBIDDEN, NULL, "由企业补充材料",
			               "the enterprise supplies the information");
		break;
	case TE_RATE_GOOD:
	case TE_RATE_BAD:
		ok = enterprise ||
		     can_triage(tx, p, &rc); /* or a phone 回访 by the service center */
		if (rc < 0)
			return err_db(e, rc);
		if (!ok)
			return err_set(
			    e, ERR_FORBIDDEN, NULL, "由企业评价或企业服务中心回访录入",
			    "the enterprise rates, or the service center records a call");
		break;
	case TE_ESCALATE:
		if (p->role != ROLE_LEADER && p->role != ROLE_ADMIN)
			return err_set(e, ERR_FORBIDDEN, NULL, "只有领导可以挂牌督办",
			               "only leaders escalate");
		break;
	default:
		break;
	}
	const char *action = ticket_event_name(a->ev);
	const char *body = a->body;
	struct ticket_rule rule;
	struct work_clock k = clock_of(t);
	struct work_comment comment = {a->body, a->internal, a->media_url, a->ref};
	switch (a->ev) {
	case TE_ACCEPT: {
		if (!a->dept_id)
			return err_set(e, ERR_VALIDATION, "dept_id", "请选择承办部门",
			               "choose the lead department");
		const char *cat = a->category && *a->category ? a->category : t->category;
		const char *pri = a->priority && *a->priority ? a->priority : t->priority;
		if (!ticket_category_valid(cat))
			return err_set(e, ERR_VALIDATION, "category", "诉求类别无效",
			               "invalid category");
		if (!ticket_priority_valid(pri))
			return err_set(e, ERR_VALIDATION, "priority", "优先级无效",
			               "invalid priority");
		int64_t n;
		for (int i = -1; i < a->n_co; i++) {
			int64_t d = i < 0 ? a->dept_id : a->co_depts[i];
			if ((rc = db_query_int(
			         tx, "SELECT COUNT(*) FROM dept WHERE id = ? AND zone_id = ?", &n,
			         2, d, t->zone_id)) < 0)
				return err_db(e, rc);
			if (!n)
				return err_set(e, ERR_VALIDATION, i < 0 ? "dept_id" : "co_dept_ids",
				               "部门不存在", "no such department");
		}
		if ((rc = ticket_rule_get(tx, t->zone_id, cat, pri, &rule)) < 0)
			return err_db(e, rc);
		t->category = cat;
		t->priority = pri;
		t->dept_id = a->dept_id;
		/* the clock starts at the first acceptance and follows the request on transfer */
		if (!work_clock_start(&k, cal, now, rule.first_contact_hours, rule.resolve_days))
			work_clock_transfer(&k);
		if ((rc = set_depts(tx, t->id, a->dept_id, a->co_depts, a->n_co)) < 0)
			return err_db(e, rc);
		break;
	}
	case TE_REJECT:
		if (work_check_text(a->body, "reason", 500, 1, e) < 0)
			return -1;
		t->reject_reason = a->body;
		t->closed_at = now;
		break;
	case TE_MERGE: {
		struct ticket into;
		if (a->merge_into == t->id)
			return err_set(e, ERR_VALIDATION, "into_id", "不能合并到自身",
			               "cannot merge into itself");
		if (ticket_get(tx, p, a->merge_into, ar, &into, e) < 0) {
			e->field = "into_id";
			return -1;
		}
		if (into.enterprise_id != t->enterprise_id || into.status == TS_MERGED)
			return err_set(e, ERR_VALIDATION, "into_id",
			               "只能合并到同一企业的未合并诉求",
			               "merge into an unmerged request of the same enterprise");
		t->merged_into = into.id;
		t->closed_at = now;
		body = arena_printf(ar, "合并到 %s", into.no);
		break;
	}
	case TE_START:
		if (!t->first_contact_at)
			t->first_contact_at = now;
		break;
	case TE_WAIT:
		if (work_check_text(a->body, "body", 2000, 1, e) < 0)
			return -1;
		work_clock_pause(&k, now);
		break;
	case TE_SUPPLY:
		if (work_check_text(a->body, "body", 2000, 1, e) < 0)
			return -1;
		/* the clock was paused: push the deadline by the office time spent waiting */
		work_clock_resume(&k, cal, now);
		break;
	case TE_RETURN:
		if (work_check_text(a->body, "reason", 500, 1, e) < 0)
			return -1;
		t->dept_id = 0;
		work_clock_transfer(&k); /* back at the service center, the clock runs on */
		if ((rc = set_depts(tx, t->id, 0, NULL, 0)) < 0)
			return err_db(e, rc);
		break;
	case TE_RESOLVE:
		if (work_check_text(a->body, "answer", 5000, 1, e) < 0)
			return -1;
		t->answer = a->body;
		t->resolved_at = now;
		if (!t->first_contact_at)
			t->first_contact_at = now;
		break;
	case TE_RATE_GOOD:
	case TE_RATE_BAD:
		if (work_check_text(a->body, "comment", 500, 0, e) < 0)
			return -1;
		t->rating = ticket_rating_name(a->rating);
		t->rating_comment = a->body ? a->body : "";
		t->rated_at = now;
		action = "rate";
		body = arena_printf(ar, "%s%s%s",
		                    a->rating == TR_SATISFIED ? "满意"
		                    : a->rating == TR_BASIC   ? "基本满意"
		                                              : "不满意",
		                    a->body && *a->body ? "：" : "", a->body ? a->body : "");
		if (a->ev == TE_RATE_GOOD) {
			t->closed_at = now;
		} else {
			/* reopened to the same department. The deadline in force when it was
			 * resolved (an approved extension included) still holds, moved on by the
			 * office time the request then spent waiting on the enterprise's rating,
			 * as a wait for the enterprise moves it; and never earlier than a fresh
			 * resolution period from now. */
			if ((rc = ticket_rule_get(tx, t->zone_id, t->category, t->priority,
			                          &rule)) < 0)
				return err_db(e, rc);
			work_clock_reopen(&k, cal, t->resolved_at, now, rule.resolve_days);
			t->resolved_at = 0;
		}
		break;
	case TE_COMMENT:
		if (work_comment_check(p, &comment, e) < 0)
			return -1;
		action = a->internal ? "note" : "reply";
		break;
	case TE_EXTEND:
		if (!a->ext_decision) {
			if (a->ext_days < 1 || a->ext_days > 60)
				return err_set(e, ERR_VALIDATION, "days",
				               "延期天数应为1至60个工作日",
				               "extension must be 1 to 60 working days");
			if (work_check_text(a->body, "reason", 500, 1, e) < 0)
				return -1;
			if (t->ext_days)
				return err_set(e, ERR_STATE, NULL, "已有待审批的延期申请",
				               "an extension request is pending");
			t->ext_days = a->ext_days;
			t->ext_reason = a->body;
			action = "extension_request";
			body = arena_printf(ar, "申请延期%d个工作日：%s", a->ext_days, a->body);
		} else {
			if (!t->ext_days)
				return err_set(e, ERR_STATE, NULL, "没有待审批的延期申请",
				               "no extension request is pending");
			if (a->ext_decision == 1)
				work_clock_extend(&k, cal, t->ext_days);
			action = a->ext_decision == 1 ? "extension_approved" : "extension_denied";
			body = arena_printf(
			    ar, "%s延期%d个工作日%s%s", a->ext_decision == 1 ? "同意" : "不同意",
			    t->ext_days, a->body && *a->body ? "：" : "", a->body ? a->body : "");
			t->ext_days = 0;
			t->ext_reason = "";
		}
		break;
	case TE_ESCALATE:
		if (work_escalation_check(a->esc_level, a->body, a->esc_deadline, e) < 0)
			return -1;
		if ((rc = work_escalation_set(tx, p, &ticket_kind, t->zone_id, t->id, a->esc_level,
		                              a->body, a->esc_deadline, now)) < 0)
			return err_db(e, rc);
		t->escalated = 1;
		break;
	default:
		return err_set(e, ERR_STATE, NULL, "不支持的操作", "unsupported action");
	}
	set_clock(t, &k);
	enum ticket_status from = t->status;
	t->status = to;
	struct work_item it;
	as_item(t, &it);
	if ((rc = save(tx, t, now)) < 0 || (rc = finish(tx, t, now)) < 0 ||
	    (rc = a->ev == TE_COMMENT
	              ? work_comment_add(tx, p, &ticket_kind, &it, &comment)
	              : write_event(tx, p, t->zone_id, t->id, action, from, to, body)) < 0)
		return err_db(e, rc);
	const char *notify_ev = ticket_notify_event(a->ev, a->ext_decision);
	if (notify_ev && (rc = notify_item(tx, &ticket_kind, &it, notify_ev)) < 0)
		return err_db(e, rc);
	/* the enterprise is told what others did with its request */
	const char *ent_ev = enterprise ? NULL : ticket_notify_enterprise_event(a->ev);
	if (ent_ev && (rc = notify_enterprise(tx, &ticket_kind, &it,
	                                      t->dept_id ? t->dept_id : p->dept_id, ent_ev)) < 0)
		return err_db(e, rc);
	/* replies, supplied information and answers are searchable */
	if ((a->ev == TE_RESOLVE || a->ev == TE_SUPPLY || (a->ev == TE_COMMENT && !a->internal)) &&
	    (rc = ticket_search_index(tx, t->id)) < 0)
		return err_db(e, rc);
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "status", ticket_status_name(from), ticket_status_name(to));
	rc = audit_write(tx, p, t->zone_id, action, "ticket", t->id, &ch);
	audit_changes_release(&ch);
	return rc < 0 ? err_db(e, rc) : 0;
}

int ticket_act(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct ticket_action *a, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct ticket t;
	struct calendar *cal = NULL;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (ticket_get(tx, p, id, &ar, &t, e) < 0)
		goto out_rollback;
	if ((rc = work_calendar(tx, &cal)) < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	if (apply(tx, p, &t, a, cal, &ar, e) < 0)
		goto out_rollback;
	calendar_free(cal);
	arena_release(&ar);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	calendar_free(cal);
	arena_release(&ar);
	db_tx_end(pool, tx, 0);
	return -1;
}

int ticket_autoclose(struct db_pool *pool, int64_t now, int days)
{
	struct db *c = db_pool_reader(pool);
	if (!c)
		return -1;
	int64_t ids[500], zones[500];
	int n = 0, closed = 0, rc;
	struct db_stmt *st = db_prepare(c, SQL_AUTOCLOSE_IDS);
	if (!st)
		return -1;
	db_bind_int(st, 1, now - (int64_t)days * 86400);
	while ((rc = db_step(st)) == DB_ROW && n < 500) {
		ids[n] = db_col_int(st, 0);
		zones[n++] = db_col_int(st, 1);
	}
	db_reset(st);
	for (int i = 0; i < n; i++) {
		struct principal sys;
		org_cli_principal(&sys, zones[i]);
		sys.username = sys.display_name = "系统";
		sys.ip = "";
		struct ticket_action a = {.ev = TE_AUTOCLOSE,
		                          .body = "企业7日内未评价，自动销号（未评价）"};
		struct yq_err e = {0};
		struct arena ar = ARENA_INIT;
		struct ticket t;
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			return closed;
		int ok = ticket_get(tx, &sys, ids[i], &ar, &t, &e) == 0 && t.status == TS_RESOLVED;
		if (ok) {
			enum ticket_status from = t.status;
			t.status = TS_CLOSED;
			t.closed_at = now;
			t.unrated = 1;
			struct work_item it;
			as_item(&t, &it);
			ok = save(tx, &t, now) == DB_OK && finish(tx, &t, now) == DB_OK &&
			     write_event(tx, &sys, t.zone_id, t.id, "autoclose", from, TS_CLOSED,
			                 a.body) == DB_OK &&
			     notify_enterprise(tx, &ticket_kind, &it, t.dept_id,
			                       ticket_notify_enterprise_event(TE_AUTOCLOSE)) ==
			         DB_OK &&
			     audit_write(tx, &sys, t.zone_id, "autoclose", "ticket", t.id, NULL) ==
			         DB_OK;
		}
		arena_release(&ar);
		if (db_tx_end(pool, tx, ok) == DB_OK && ok)
			closed++;
	}
	return closed;
}

int ticket_rule_set(struct db_pool *pool, const struct principal *p, const struct ticket_rule *r,
                    struct yq_err *e)
{
	if (!ticket_category_valid(r->category))
		return err_set(e, ERR_VALIDATION, "category", "诉求类别无效", "invalid category");
	if (!ticket_priority_valid(r->priority))
		return err_set(e, ERR_VALIDATION, "priority", "优先级无效", "invalid priority");
	if (r->first_contact_hours < 1 || r->first_contact_hours > 72 || r->interim_days < 0 ||
	    r->interim_days > 60 || r->resolve_days < 1 || r->resolve_days > 120 ||
	    r->interim_days > r->resolve_days)
		return err_set(e, ERR_VALIDATION, "resolve_days", "时限超出范围",
		               "limits out of range");
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, SQL_RULE_SET);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, r->category);
	db_bind_text(st, 3, r->priority);
	db_bind_int(st, 4, r->first_contact_hours);
	db_bind_int(st, 5, r->interim_days);
	db_bind_int(st, 6, r->resolve_days);
	struct audit_changes ch;
	audit_changes_init(&ch);
	char v[64];
	snprintf(v, sizeof v, "%dh/%dd/%dd", r->first_contact_hours, r->interim_days,
	         r->resolve_days);
	audit_change_str(&ch, "rule", NULL, v);
	audit_change_str(&ch, "category", NULL, r->category);
	if ((rc = db_run(st)) == DB_OK)
		rc = audit_write(tx, p, p->zone_id, "update", "ticket_rule", 0, &ch);
	audit_changes_release(&ch);
out:
	if (db_tx_end(pool, tx, rc == DB_OK) < 0 && rc == DB_OK)
		rc = DB_ERR;
	return rc < 0 ? err_db(e, rc) : 0;
}

static const char SQL_HIST_INSERT[] =
    "INSERT INTO ticket (zone_id, no, enterprise_id, channel, category, priority, title, "
    "description, contact_name, contact_phone, status, dept_id, created_by, created_at, "
    "accepted_at, first_contact_at, resolved_at, closed_at, due_first_contact, due_resolve, "
    "answer, rating, rating_comment, rated_at, unrated, reject_reason, updated_at) VALUES (?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

/* One step of a historical request's timeline. */
struct hist_step {
	int64_t at;
	const struct ticket_actor *who; /* NULL: the system */
	const char *action, *from, *to, *body;
};

/* The label of a rating and its comment, as ticket_act writes them ("不满意：…"). */
static const char *rating_body(struct arena *a, const char *rating, const char *comment)
{
	enum ticket_rating r = ticket_rating_from_name(rating);
	const char *label = r == TR_SATISFIED ? "满意" : r == TR_BASIC ? "基本满意" : "不满意";
	return arena_printf(a, "%s%s%s", label, comment && *comment ? "：" : "",
	                    comment ? comment : "");
}

/* The steps of h in the order they happened (a stable sort by time: steps at the same instant
 * keep the lifecycle's order); returns how many, at most 10. 挂牌督办 does not change the state:
 * its from and to are the state it found. */
static int hist_steps(const struct ticket_hist *h, struct arena *a, struct hist_step *s)
{
	int n = 0;
	s[n++] =
	    (struct hist_step){h->created_at, &h->submitter, "submit", "", "received", h->channel};
	if (h->status == TS_REJECTED) {
		s[n++] = (struct hist_step){h->closed_at, &h->officer, "reject",
		                            "received",   "rejected",  h->reject_reason};
		return n;
	}
	if (!h->accepted_at)
		return n;
	s[n++] =
	    (struct hist_step){h->accepted_at, &h->officer, "accept", "received", "assigned", ""};
	if (h->first_contact_at)
		s[n++] = (struct hist_step){h->first_contact_at, &h->handler,   "start",
		                            "assigned",          "in_progress", ""};
	if (h->reopened_at) {
		s[n++] = (struct hist_step){h->first_resolved_at, &h->handler, "resolve",
		                            "in_progress",        "resolved",  h->first_answer};
		s[n++] = (struct hist_step){
		    h->reopened_at, &h->rater,
		    "rate",         "resolved",
		    "in_progress",  rating_body(a, "unsatisfied", h->reopen_comment)};
	}
	if (h->resolved_at)
		s[n++] = (struct hist_step){h->resolved_at, &h->handler, "resolve",
		                            "in_progress",  "resolved",  h->answer};
	if (h->status == TS_CLOSED)
		s[n++] =
		    h->unrated
		        ? (struct hist_step){h->closed_at, NULL,
		                             "autoclose",  "resolved",
		                             "closed",     "企业7日内未评价，自动销号（未评价）"}
		        : (struct hist_step){
		              h->closed_at, &h->rater,
		              "rate",       "resolved",
		              "closed",     rating_body(a, h->rating, h->rating_comment)};
	if (h->escalated && h->escalated_at) {
		int k = n;
		while (k > 1 && s[k - 1].at > h->escalated_at)
			k--;
		memmove(&s[k + 1], &s[k], (size_t)(n - k) * sizeof *s);
		s[k] = (struct hist_step){h->escalated_at, &h->leader,  "escalate",
		                          s[k - 1].to,     s[k - 1].to, h->esc_note};
		n++;
	}
	return n;
}

int ticket_insert_history(struct db *tx, const struct ticket_hist *h, int64_t *id)
{
	char no[48];
	int rc = next_no(tx, h->created_at, no, sizeof no);
	if (rc < 0)
		return rc;
	struct db_stmt *st;
	if (!(st = db_prepare(tx, SQL_HIST_INSERT)))
		return DB_ERR;
	struct strbuf phone = STRBUF_INIT(1024);
	if (gm_seal(h->contact_phone ? h->contact_phone : "", &phone) < 0) {
		strbuf_release(&phone);
		return DB_ERR;
	}
	int i = 1;
	db_bind_int(st, i++, h->zone_id);
	db_bind_text(st, i++, no);
	db_bind_int(st, i++, h->enterprise_id);
	db_bind_text(st, i++, h->channel);
	db_bind_text(st, i++, h->category);
	db_bind_text(st, i++, h->priority ? h->priority : "normal");
	db_bind_text(st, i++, h->title);
	db_bind_text(st, i++, h->description);
	db_bind_text(st, i++, h->contact_name ? h->contact_name : "");
	db_bind_text(st, i++, phone.buf ? phone.buf : "");
	db_bind_text(st, i++, ticket_status_name(h->status));
	bind_opt(st, i++, h->dept_id);
	bind_opt(st, i++, h->submitter.user_id);
	db_bind_int(st, i++, h->created_at);
	bind_opt(st, i++, h->accepted_at);
	bind_opt(st, i++, h->first_contact_at);
	bind_opt(st, i++, h->resolved_at);
	bind_opt(st, i++, h->closed_at);
	bind_opt(st, i++, h->due_first_contact);
	bind_opt(st, i++, h->due_resolve);
	db_bind_text(st, i++, h->answer ? h->answer : "");
	db_bind_text(st, i++, h->rating ? h->rating : "");
	db_bind_text(st, i++, h->rating_comment ? h->rating_comment : "");
	bind_opt(st, i++, h->rated_at);
	db_bind_int(st, i++, h->unrated);
	db_bind_text(st, i++, h->reject_reason ? h->reject_reason : "");
	int64_t last = h->created_at;
	struct hist_step steps[10];
	struct arena a = ARENA_INIT;
	int n = hist_steps(h, &a, steps);
	for (int k = 0; k < n; k++)
		if (steps[k].at > last)
			last = steps[k].at;
	db_bind_int(st, i++, last);
	rc = db_step(st);
	strbuf_release(&phone);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	if (h->dept_id && (rc = set_depts(tx, *id, h->dept_id, NULL, 0)) < 0)
		goto out;
	if (h->escalated) {
		struct principal leader = {.user_id = h->leader.user_id};
		if ((rc = work_escalation_set(tx, &leader, &ticket_kind, h->zone_id, *id,
		                              h->esc_level ? h->esc_level : "", h->esc_note,
		                              h->esc_deadline,
		                              h->escalated_at ? h->escalated_at : last)) < 0 ||
		    (h->escalated == 2 &&
		     (rc = work_escalation_settle(tx, &ticket_kind, *id, h->closed_at)) < 0))
			goto out;
	}
	for (int k = 0; k < n; k++) {
		const struct ticket_actor *who = steps[k].who;
		struct work_event_in ev = {
		    .at = steps[k].at,
		    .user_id = who ? who->user_id : 0,
		    .user_name = who && who->name ? who->name : "系统",
		    .action = steps[k].action,
		    .from_state = steps[k].from,
		    .to_state = steps[k].to,
		    .body = steps[k].body,
		};
		if ((rc = work_event_add(tx, NULL, &ticket_kind, h->zone_id, *id, &ev)) < 0)
			goto out;
	}
	rc = h->status == TS_REJECTED ? DB_OK : ticket_search_index(tx, *id);
out:
	arena_release(&a);
	return rc;
}

/* ---- requests as work items (work/work.h) ---- */

static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access; /* reading and writing what hangs on a request need the same sight of it */
	struct ticket t;
	if (ticket_get(c, p, id, a, &t, e) < 0)
		return -1;
	as_item(&t, out);
	return 0;
}

/* Uploads: the requesting enterprise, the service center (and admins) and staff of its lead
 * department. */
static int may_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	*rc = DB_OK;
	if (p->role == ROLE_ENTERPRISE)
		return p->enterprise_id == it->enterprise_id;
	if (can_triage(c, p, rc))
		return 1;
	return *rc < 0 ? 0 : can_handle(c, p, it->dept_id, rc);
}

const struct work_kind ticket_kind = {
    .name = "ticket",
    .id_key = "ticket_id",
    .no_key = "ticket_no",
    .label_zh = "诉求",
    .label_en = "request",
    .load = load_item,
    .may_upload = may_upload,
    .upload_denied_zh = "只有提出诉求的企业、企业服务中心和承办部门可以上传附件",
    .upload_denied_en = "only the requesting enterprise, the service center and the lead "
                        "department add attachments",
    .event_label = ticket_event_label,
    .to_lead = ticket_event_to_lead,
    .sql_overdue =
        "SELECT t.id, t.zone_id, t.no, t.title, t.dept_id FROM ticket t WHERE t.status IN "
        "('assigned','in_progress') AND t.due_resolve < ? AND NOT EXISTS (SELECT 1 FROM "
        "notification n WHERE n.kind = 'ticket' AND n.ref_id = t.id AND n.event = 'overdue') "
        "ORDER BY t.id LIMIT 200",
};

int ticket_split_legacy_blocks(struct db *c)
{
	int changed = 0;
	int64_t pending;
	/* nothing left (every start after the first): no write transaction at all */
	int rc0 = db_query_int(c, SQL_BLOCK_COUNT, &pending, 0);
	if (rc0 < 0 || pending == 0)
		return rc0 < 0 ? rc0 : 0;
	for (;;) {
		int rc = db_begin(c, 1);
		if (rc != DB_OK)
			return rc < 0 ? rc : DB_ERR;
		struct db_stmt *st = db_prepare(c, SQL_BLOCK_PENDING);
		if (!st) {
			db_rollback(c);
			return DB_ERR;
		}
		/* one batch of ids and texts, copied: the statement is reset before the writes */
		struct arena a = ARENA_INIT;
		int64_t ids[200];
		const char *texts[200];
		int n = 0;
		while ((rc = db_step(st)) == DB_ROW && n < 200) {
			ids[n] = db_col_int(st, 0);
			texts[n++] = arena_strdup(&a, db_col_text(st, 1));
		}
		db_reset(st);
		for (int i = 0; rc >= 0 && i < n; i++) {
			struct o311_block b;
			if (!texts[i]) {
				rc = DB_ERR; /* out of memory */
				break;
			}
			if (o311_block_take(texts[i], &b) == 0) {
				char *desc = arena_strndup(&a, texts[i], b.description_len);
				if (!desc || !(st = db_prepare(c, SQL_BLOCK_MOVE))) {
					rc = DB_ERR;
					break;
				}
				db_bind_text(st, 1, desc);
				db_bind_text(st, 2, b.address);
				db_bind_text(st, 3, b.email);
				db_bind_text(st, 4, b.media_url);
				if (b.has_coords) {
					db_bind_double(st, 5, b.lat);
					db_bind_double(st, 6, b.lon);
				} else {
					db_bind_null(st, 5);
					db_bind_null(st, 6);
				}
				db_bind_int(st, 7, ids[i]);
				if ((rc = db_run(st)) < 0 ||
				    (rc = ticket_search_index(c, ids[i])) < 0)
					break;
				changed++;
			}
			if (!(st = db_prepare(c, SQL_BLOCK_DONE))) {
				rc = DB_ERR;
				break;
			}
			db_bind_int(st, 1, ids[i]);
			rc = db_run(st);
		}
		arena_release(&a);
		if (rc < 0) {
			db_rollback(c);
			return rc;
		}
		if ((rc = db_commit(c)) != DB_OK)
			return rc < 0 ? rc : DB_ERR;
		if (n < 200)
			return changed;
	}
}
