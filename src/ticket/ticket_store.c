/* Request storage and actions (see ticket_store.h). */
#include "ticket/ticket_store.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "enterprise/enterprise.h"
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
#include "ticket/ticket_summary.h"
#include "db/qb.h"
#include "work/store_write.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The members beside the table, read after its {select} list. */
#define TICKET_MORE ", t.zone_id, t.created_by, t.paused_at, t.rated_at"
/* a request's clock runs while it is with its lead department (not waiting, not answered) */
#define TICKET_RUNNING " AND t.status IN ('assigned','in_progress')"
static const char SQL_CODEPTS[] =
    "SELECT dept_id FROM ticket_dept WHERE ticket_id = ? AND role = 'co' ORDER BY dept_id";
static struct sql_tmpl SQL_INSERT =
    SQL_TMPL(ENTITY_TICKET, "INSERT INTO ticket (zone_id, no, status, created_by, created_at, "
                            "updated_at, {insert_cols}) VALUES (?, ?, 'received', ?, ?, ?, "
                            "{insert_vals}) RETURNING id");
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
	int64_t seq;
	int rc = db_int_with(tx, &seq, SQL_NEXT_NO, DB_T(day));
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	snprintf(no, n, "SQ%s-%04lld", day, (long long)seq);
	return DB_OK;
}

static const char *none_if_empty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Reads the row of a statement that selects {select} TICKET_MORE into t (strings into a). */
static void read_ticket(struct db_stmt *st, struct arena *a, struct ticket *t, int64_t now)
{
	memset(t, 0, sizeof *t);
	int i = entity_read(st, 0, &ENTITY_TICKET, t, a);
	t->zone_id = db_col_int(st, i++);
	t->created_by = db_col_int(st, i++);
	t->paused_at = db_col_int(st, i++);
	t->rated_at = db_col_int(st, i);
	t->status = ticket_status_from_name(t->state);
	/* what a request may lack is null, not "" */
	t->address = none_if_empty(t->address);
	t->email = none_if_empty(t->email);
	t->media_url = none_if_empty(t->media_url);
	t->rating = none_if_empty(t->rating);
	t->overdue = (t->status == TS_ASSIGNED || t->status == TS_IN_PROGRESS) &&
	             work_overdue(t->due_resolve, now);
}

/* Starts a read of requests: SELECT {select} TICKET_MORE FROM … WHERE zone and scope. */
static void select_from(struct qb *q, const struct principal *p, char *like, size_t nlike)
{
	const char *sel = entity_select(&ENTITY_TICKET);
	qb_init(q, "SELECT ");
	if (!sel)
		q->failed = 1;
	qb_sql(q, sel ? sel : "");
	qb_sql(q, TICKET_MORE);
	scope_from(q, p, &ENTITY_TICKET, ENTITY_TICKET.joins, like, nlike);
}

/* Reads the one request that the statement q (select_from and its condition) finds, with its
 * co-handling departments; cleared of what the caller is not shown when `shown` (a read to
 * answer), whole when not (a read to change and write back: what the caller is not shown must
 * be written back as it was, never as the emptied value). */
static int read_one(struct db *c, const struct principal *p, struct qb *q, int shown,
                    struct arena *a, struct ticket *out, struct yq_err *e)
{
	struct db_stmt *st = qb_text_of(q) ? db_prepare(c, qb_text_of(q)) : NULL;
	if (!st)
		return err_db(e, DB_ERR);
	qb_bind(q, st, 1);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_ticket(st, a, out, now_unix());
		if (shown)
			ticket_disclose(p, out);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "诉求不存在", "no such request");
	if (!(st = db_prepare_with(c, SQL_CODEPTS, DB_I(out->id))))
		return err_db(e, DB_ERR);
	while ((rc = db_step(st)) == DB_ROW && out->n_co < 8)
		out->co_depts[out->n_co++] = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* Reads the request of the caller's zone and scope whose id (no NULL) or number is given. */
static int get_one(struct db *c, const struct principal *p, int64_t id, const char *no, int shown,
                   struct arena *a, struct ticket *out, struct yq_err *e)
{
	char like[320];
	struct qb q;
	select_from(&q, p, like, sizeof like);
	if (no) {
		qb_sql(&q, " AND t.no = ?");
		qb_text(&q, no);
	} else {
		qb_sql(&q, " AND t.id = ?");
		qb_int(&q, id);
	}
	int rc = read_one(c, p, &q, shown, a, out, e);
	qb_release(&q);
	return rc;
}

int ticket_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
               struct ticket *out, struct yq_err *e)
{
	return get_one(c, p, id, NULL, 1, a, out, e);
}

/* The request to change, in the caller's scope, whole (see read_one). */
static int get_to_change(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                         struct ticket *out, struct yq_err *e)
{
	return get_one(c, p, id, NULL, 0, a, out, e);
}

int ticket_get_by_no(struct db *c, const struct principal *p, const char *no, struct arena *a,
                     struct ticket *out, struct yq_err *e)
{
	return get_one(c, p, 0, no, 1, a, out, e);
}

/* The filters of a list after its zone and scope: only those given, each from a fixed fragment
 * (so an index can serve them), built once for the count and the page. The query `q` is not
 * among them: the list adds it in one of two forms (ticket_search.h). */
static void list_filters(struct qb *q, const struct principal *p, const struct ticket_filter *f,
                         int64_t now)
{
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
}

/* The ORDER BY of a list. */
static const char *list_order(const struct ticket_filter *f)
{
	if (f->sort && strcmp(f->sort, "created_at") == 0)
		return " ORDER BY t.created_at, t.id";
	if (f->sort && strcmp(f->sort, "due_resolve") == 0)
		return " ORDER BY CASE WHEN t.due_resolve IS NULL THEN 1 ELSE 0 END, "
		       "t.due_resolve, "
		       "t.id";
	return " ORDER BY t.created_at DESC, t.id DESC";
}

/* 1 when `q` is exactly the number of a request of the zone (then the search takes the general
 * form, which finds it beside the text matches). */
static int is_request_no(struct db *c, int64_t zone, const char *q)
{
	struct db_stmt *st = db_prepare_with(c, "SELECT 1 FROM ticket WHERE zone_id = ? AND no = ?",
	                                     DB_I(zone), DB_T(q));
	if (!st)
		return 0;
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW;
}

int ticket_list(struct db *c, const struct principal *p, const struct ticket_filter *f,
                ticket_fn fn, void *ctx, int64_t *total, int *capped)
{
	int64_t now = now_unix();
	char like[320], like3[320];
	struct strbuf match = STRBUF_INIT(64 * 1024);
	struct qb fq, cq, iq, lq;
	struct arena row = ARENA_INIT;
	int rc = DB_ERR;
	int searching = f->q && *f->q;
	/* a query in the default order is read from the index newest first, and its total counted
	 * up to TICKET_TOTAL_CAP: a page then costs its 25 rows, not every match */
	int driven = searching && (!f->sort || strcmp(f->sort, "-created_at") == 0) &&
	             !is_request_no(c, p->zone_id, f->q);
	*total = 0;
	if (capped)
		*capped = 0;
	qb_init(&fq, "");
	qb_init(&cq, driven ? DB_PLAN_EACH "SELECT COUNT(*) FROM (SELECT 1" : "SELECT COUNT(*)");
	qb_init(&iq, "SELECT t.id AS page_id");
	qb_init(&lq, driven ? DB_PLAN_EACH "SELECT " : "SELECT ");
	list_filters(&fq, p, f, now);
	if (searching && ticket_search_param(c, p->zone_id, f->q, &match) < 0) {
		rc = DB_OK; /* nothing searchable in the query: no match */
		goto out;
	}
	if (!driven) {
		if (searching)
			ticket_search_where(c, &fq, p->zone_id, match.buf, f->q);
		scope_from(&cq, p, &ENTITY_TICKET, NULL, like, sizeof like);
		qb_add(&cq, &fq);
	} else if (fq.sql.len == 0 && scope_whole_zone(p)) {
		/* nothing but the zone restricts the matches: they are counted in the index alone
		 */
		ticket_search_count(c, &cq, p->zone_id, match.buf);
	} else {
		scope_from_lead(&cq, p, &ENTITY_TICKET, ticket_search_lead(c), NULL, like,
		                sizeof like);
		qb_add(&cq, &fq);
		ticket_search_join(c, &cq, p->zone_id, match.buf);
	}
	if (driven) {
		qb_sql(&cq, " LIMIT ?) x");
		qb_int(&cq, TICKET_TOTAL_CAP + 1);
	}
	rc = qb_count(&cq, c, total);
	if (rc < 0 || *total == 0)
		goto out;
	int few = *total <= TICKET_TOTAL_CAP;
	if (driven && !few) {
		*total = TICKET_TOTAL_CAP;
		if (capped)
			*capped = 1;
	}
	/* the page is chosen on the request's own columns, then only its rows are joined and read:
	 * sorting every match with its joins and long texts cost more than the reads themselves */
	if (driven && ticket_search_walks(c, few)) {
		scope_from(&iq, p, &ENTITY_TICKET, NULL, like3, sizeof like3);
		qb_add(&iq, &fq);
		ticket_search_walk(&iq, match.buf);
	} else if (driven) {
		scope_from_lead(&iq, p, &ENTITY_TICKET, ticket_search_lead(c), NULL, like3,
		                sizeof like3);
		qb_add(&iq, &fq);
		ticket_search_join(c, &iq, p->zone_id, match.buf);
	} else {
		scope_from(&iq, p, &ENTITY_TICKET, NULL, like3, sizeof like3);
		qb_add(&iq, &fq);
	}
	qb_sql(&iq, driven ? ticket_search_order(c, few) : list_order(f));
	qb_sql(&iq, " LIMIT ? OFFSET ?");
	qb_int(&iq, f->page_size);
	qb_int(&iq, (f->page - 1) * f->page_size);
	const char *sel = entity_select(&ENTITY_TICKET);
	if (!sel)
		lq.failed = 1;
	qb_sql(&lq, sel ? sel : "");
	qb_sql(&lq, TICKET_MORE " FROM (");
	qb_add(&lq, &iq); /* the zone, the scope and the filters are the page's */
	qb_sql(&lq, ") pg JOIN ticket t ON t.id = pg.page_id");
	qb_sql(&lq, ENTITY_TICKET.joins);
	qb_sql(&lq, driven ? ticket_search_page_order(c) : list_order(f));
	struct db_stmt *st = qb_prepare(&lq, c);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		struct ticket t;
		arena_reset(&row);
		read_ticket(st, &row, &t, now);
		ticket_disclose(p, &t);
		fn(ctx, &t);
	}
	db_reset(st);
out:
	arena_release(&row);
	qb_release(&fq);
	qb_release(&cq);
	qb_release(&iq);
	qb_release(&lq);
	strbuf_release(&match);
	return rc < 0 ? rc : DB_OK;
}

int ticket_updates(struct db *c, const struct principal *p, int64_t from, int64_t to,
                   int64_t after_id, int limit, work_event_fn fn, void *ctx, struct yq_err *e)
{
	char like[320];
	struct qb q;
	qb_init(&q, "SELECT " WORK_EVENT_COLS ", t.id, t.no");
	scope_from(&q, p, &ENTITY_TICKET,
	           " JOIN work_event e ON e.ref_id = t.id AND e.kind = 'ticket' AND e.zone_id = "
	           "t.zone_id",
	           like, sizeof like);
	qb_sql(&q, " AND e.at >= ? AND e.at <= ? AND e.id > ? ORDER BY e.id LIMIT ?");
	qb_int(&q, from);
	qb_int(&q, to);
	qb_int(&q, after_id);
	qb_int(&q, limit);
	struct db_stmt *st = qb_prepare(&q, c);
	if (!st) {
		qb_release(&q);
		return err_db(e, DB_ERR);
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct work_event ev;
		work_event_read(st, &ev);
		ev.ref_id = db_col_int(st, 10);
		ev.ref_no = db_col_text(st, 11);
		fn(ctx, &ev);
	}
	db_reset(st);
	qb_release(&q);
	return rc < 0 ? err_db(e, rc) : 0;
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

/* A creation: the request as decoded, and whether its number was taken meanwhile. */
struct create_args {
	struct ticket *t;
	int retry;
};

/* Files a request for an enterprise of the caller's scope (checked in the transaction that
 * files it: the request would otherwise be filed, then out of the caller's sight), numbered per
 * day (SQ20261123-0001, China Standard Time), with its first timeline event. */
static int do_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct create_args *x = arg;
	struct ticket *t = x->t;
	const struct principal *p = w->who;
	struct arena a = ARENA_INIT;
	struct enterprise ent;
	int rc = scope_get(w->tx, p, &ENTITY_ENTERPRISE, t->enterprise_id, &a, &ent, e);
	int archived = rc == 0 && ent.archived;
	/* the message of a missing one was written into a: said again before a goes */
	if (rc < 0 && e->code == ERR_NOT_FOUND)
		err_set(e, ERR_NOT_FOUND, NULL, "企业不存在", "no such enterprise");
	arena_release(&a);
	if (rc < 0) {
		e->field = "enterprise_id";
		return -1;
	}
	if (archived)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "企业已归档，不能提交诉求",
		               "the enterprise is archived");
	int64_t now = now_unix();
	char no[48];
	if ((rc = next_no(w->tx, now, no, sizeof no)) < 0)
		return write_fail(w, rc, e);
	struct db_stmt *st = db_prepare_with(w->tx, sql_of(&SQL_INSERT), DB_I(p->zone_id), DB_T(no),
	                                     DB_O(p->user_id), DB_I(now), DB_I(now));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (entity_bind(st, 6, &ENTITY_TICKET, t, 0) < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	rc = db_step(st);
	t->id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc == DB_CONSTRAINT) { /* a concurrent request took the number: retry */
		x->retry = 1;
		return err_set(e, ERR_BUSY, NULL, "请求过多，请稍后重试",
		               "too busy, retry shortly");
	}
	if (rc != DB_ROW)
		return write_fail(w, rc, e);
	t->no = no;
	t->zone_id = p->zone_id;
	t->status = TS_RECEIVED;
	t->state = ticket_status_name(TS_RECEIVED);
	struct stat_in in;
	if ((rc = write_event(w->tx, p, p->zone_id, t->id, "submit", (enum ticket_status) - 1,
	                      TS_RECEIVED, t->channel)) < 0 ||
	    (rc = ticket_search_index(w->tx, t->id)) < 0 ||
	    (rc = ticket_summary_load(w->tx, t->id, &in)) < 0 ||
	    (rc = ticket_summary_change(w->tx, NULL, &in, NULL)) < 0 ||
	    (rc = notify_ticket(w->tx, t, ticket_notify_event(TE_SUBMIT, 0))) < 0)
		return write_fail(w, rc, e);
	store_audit_create(w, &ENTITY_TICKET, t->id, t);
	t->no = NULL; /* the number lives in this frame only */
	return 0;
}

/* What a creation checks before its transaction: an enterprise user files for its own
 * enterprise, online; anyone else names the enterprise and a channel. */
static int create_checks(const struct principal *p, struct ticket *t, struct yq_err *e)
{
	if (p->role == ROLE_ENTERPRISE) {
		t->enterprise_id = p->enterprise_id;
		t->channel = "online";
	}
	if (!t->enterprise_id)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择企业",
		               "choose the enterprise");
	if (!ticket_channel_valid(t->channel))
		return err_set(e, ERR_VALIDATION, "channel", "渠道应为网上、电话、走访、热线或微信",
		               "channel must be online, phone, visit, hotline or wechat");
	return ticket_validate(t, e);
}

int ticket_create(struct db_pool *pool, const struct principal *p, struct ticket *t,
                  struct yq_err *e)
{
	if (create_checks(p, t, e) < 0)
		return -1;
	for (int attempt = 0; attempt < 3; attempt++) {
		struct create_args x = {t, 0};
		if (write_tx(pool, p, do_create, &x, e) == 0)
			return 0;
		if (!x.retry)
			return -1;
	}
	return err_set(e, ERR_BUSY, NULL, "请求过多，请稍后重试", "too busy, retry shortly");
}

int ticket_create_in(struct db *tx, const struct principal *p, struct ticket *t, struct yq_err *e)
{
	if (create_checks(p, t, e) < 0)
		return -1;
	/* one attempt: a number taken meanwhile fails the enclosing transaction (retried by its
	 * caller as a busy answer) */
	struct create_args x = {t, 0};
	return write_in(tx, p, p->zone_id, do_create, &x, e);
}

/* 1 if the principal works at the service center (may triage), admins included. */
static int can_triage(struct db *c, const struct principal *p, int *rc)
{
	*rc = DB_OK;
	if (p->role == ROLE_ADMIN)
		return 1;
	if (!p->dept_id || (p->role != ROLE_STAFF && p->role != ROLE_DEPT_HEAD))
		return 0;
	struct db_stmt *st = db_prepare_with(c, SQL_DEPT_KIND, DB_I(p->dept_id), DB_I(p->zone_id));
	if (!st) {
		*rc = DB_ERR;
		return 0;
	}
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

/* Writes t's row, and what it changes in the figures (ticket_summary.h; cal: the calendar the
 * action holds, or NULL). */
static int save(struct db *tx, const struct ticket *t, int64_t now, const struct calendar *cal)
{
	struct stat_in old, new;
	int rc = ticket_summary_load(tx, t->id, &old);
	if (rc < 0)
		return rc;
	struct db_stmt *st = db_prepare(tx, SQL_UPDATE);
	if (!st)
		return DB_ERR;
	int i = 1;
	db_bind_text(st, i++, ticket_status_name(t->status));
	db_bind_opt(st, i++, t->dept_id);
	db_bind_text(st, i++, t->category);
	db_bind_text(st, i++, t->priority);
	db_bind_opt(st, i++, t->accepted_at);
	db_bind_opt(st, i++, t->first_contact_at);
	db_bind_opt(st, i++, t->resolved_at);
	db_bind_opt(st, i++, t->closed_at);
	db_bind_opt(st, i++, t->due_first_contact);
	db_bind_opt(st, i++, t->due_resolve);
	db_bind_opt(st, i++, t->paused_at);
	db_bind_int(st, i++, t->ext_days);
	db_bind_text(st, i++, t->ext_reason);
	db_bind_text(st, i++, t->answer);
	db_bind_text(st, i++, t->rating ? t->rating : "");
	db_bind_text(st, i++, t->rating_comment);
	db_bind_opt(st, i++, t->rated_at);
	db_bind_int(st, i++, t->unrated);
	db_bind_text(st, i++, t->reject_reason);
	db_bind_opt(st, i++, t->merged_into);
	db_bind_int(st, i++, now);
	db_bind_int(st, i++, t->id);
	if ((rc = db_run(st)) < 0)
		return rc;
	/* the columns above as the row now holds them; the zone, creation and channel stay */
	new = old;
	new.status = t->status;
	new.dept_id = t->dept_id;
	snprintf(new.category, sizeof new.category, "%s", t->category ? t->category : "");
	new.accepted_at = t->accepted_at;
	new.resolved_at = t->resolved_at;
	new.due_resolve = t->due_resolve;
	snprintf(new.rating, sizeof new.rating, "%s", t->rating ? t->rating : "");
	new.unrated = t->unrated;
	return ticket_summary_change(tx, &old, &new, cal);
}

int ticket_rule_get(struct db *c, int64_t zone_id, const char *category, const char *priority,
                    struct ticket_rule *r)
{
	ticket_rule_default(category, priority, r);
	struct db_stmt *st =
	    db_prepare_with(c, SQL_RULE, DB_I(zone_id), DB_T(category), DB_T(r->priority));
	if (!st)
		return DB_ERR;
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
	int rc = db_do(tx, SQL_DEPTS_CLEAR, DB_I(tid));
	for (int i = -1; rc == DB_OK && i < n_co; i++) {
		int64_t d = i < 0 ? lead : co[i];
		if (d)
			rc = db_do(tx, SQL_DEPT_ADD, DB_I(tid), DB_I(d),
			           DB_T(i < 0 ? "lead" : "co"));
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

/* A request that has ended (closed, rejected, merged) settles its 督办 (销号): it is no longer
 * escalated. */
static int finish(struct db *tx, struct ticket *t, int64_t now)
{
	if (t->status != TS_CLOSED && t->status != TS_REJECTED && t->status != TS_MERGED)
		return DB_OK;
	if (!t->escalated)
		return DB_OK;
	t->escalated = 0;
	return work_escalation_settle(tx, &ticket_kind, t->id, now);
}

/* Who may do action a on t: 0, or -1 with e set (ERR_FORBIDDEN, or the database's error). */
static int check_may(struct db *tx, const struct principal *p, const struct ticket *t,
                     const struct ticket_action *a, struct yq_err *e)
{
	int rc = DB_OK, ok = 1;
	const char *zh = NULL, *en = NULL;
	switch (a->ev) {
	case TE_ACCEPT:
	case TE_REJECT:
	case TE_MERGE:
		ok = can_triage(tx, p, &rc);
		zh = "只有企业服务中心可以受理、分派诉求";
		en = "only the service center triages requests";
		break;
	case TE_START:
	case TE_WAIT:
	case TE_RETURN:
	case TE_RESOLVE:
		ok = can_handle(tx, p, t->dept_id, &rc);
		zh = "只有承办部门可以办理该诉求";
		en = "only the lead department handles this request";
		break;
	case TE_EXTEND:
		if (a->ext_decision) {
			ok = can_triage(tx, p, &rc);
			zh = "延期由企业服务中心审批";
			en = "the service center decides on extensions";
		} else {
			ok = can_handle(tx, p, t->dept_id, &rc);
			zh = "只有承办部门可以申请延期";
			en = "only the lead department asks for an extension";
		}
		break;
	case TE_SUPPLY:
		ok = p->role == ROLE_ENTERPRISE;
		zh = "由企业补充材料";
		en = "the enterprise supplies the information";
		break;
	case TE_RATE_GOOD:
	case TE_RATE_BAD:
		/* the enterprise, or a phone 回访 by the service center */
		ok = p->role == ROLE_ENTERPRISE || can_triage(tx, p, &rc);
		zh = "由企业评价或企业服务中心回访录入";
		en = "the enterprise rates, or the service center records a call";
		break;
	case TE_ESCALATE:
		ok = p->role == ROLE_LEADER || p->role == ROLE_ADMIN;
		zh = "只有领导可以挂牌督办";
		en = "only leaders escalate";
		break;
	default:
		break;
	}
	if (rc < 0)
		return err_db(e, rc);
	return ok ? 0 : err_set(e, ERR_FORBIDDEN, NULL, zh, en);
}

/* One action being carried out: what the steps below change beside the request, and what the
 * timeline records. */
struct step {
	const struct ticket_action *a;
	struct calendar *cal;
	struct arena *ar;
	int64_t now;
	struct work_clock k;         /* the request's deadline clock */
	struct work_comment comment; /* TE_COMMENT */
	const char *action, *body;   /* the timeline event and the audit row */
};

/* accept: the lead and co-handling departments (of the request's zone), the category and
 * priority as corrected, and the clock started (or carried on a transfer). */
static int step_accept(struct db *tx, struct ticket *t, struct step *s, struct yq_err *e)
{
	const struct ticket_action *a = s->a;
	struct ticket_rule rule;
	int rc;
	if (!a->dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", "请选择承办部门",
		               "choose the lead department");
	const char *cat = a->category && *a->category ? a->category : t->category;
	const char *pri = a->priority && *a->priority ? a->priority : t->priority;
	if (!ticket_category_valid(cat))
		return err_set(e, ERR_VALIDATION, "category", "诉求类别无效", "invalid category");
	if (!ticket_priority_valid(pri))
		return err_set(e, ERR_VALIDATION, "priority", "优先级无效", "invalid priority");
	for (int i = -1; i < a->n_co; i++) {
		int64_t n, d = i < 0 ? a->dept_id : a->co_depts[i];
		if ((rc = db_query_int(tx, "SELECT COUNT(*) FROM dept WHERE id = ? AND zone_id = ?",
		                       &n, 2, d, t->zone_id)) < 0)
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
	if (!work_clock_start(&s->k, s->cal, s->now, rule.first_contact_hours, rule.resolve_days))
		work_clock_transfer(&s->k);
	if ((rc = set_depts(tx, t->id, a->dept_id, a->co_depts, a->n_co)) < 0)
		return err_db(e, rc);
	return 0;
}

/* merge: into an unmerged request of the same enterprise that the caller sees. */
static int step_merge(struct db *tx, const struct principal *p, struct ticket *t, struct step *s,
                      struct yq_err *e)
{
	struct ticket into;
	if (s->a->merge_into == t->id)
		return err_set(e, ERR_VALIDATION, "into_id", "不能合并到自身",
		               "cannot merge into itself");
	if (get_to_change(tx, p, s->a->merge_into, s->ar, &into, e) < 0) {
		e->field = "into_id";
		return -1;
	}
	if (into.enterprise_id != t->enterprise_id || into.status == TS_MERGED)
		return err_set(e, ERR_VALIDATION, "into_id", "只能合并到同一企业的未合并诉求",
		               "merge into an unmerged request of the same enterprise");
	t->merged_into = into.id;
	t->closed_at = s->now;
	s->body = arena_printf(s->ar, "合并到 %s", into.no);
	return 0;
}

/* rate: 满意 or 基本满意 closes; 不满意 reopens to the same department. */
static int step_rate(struct db *tx, struct ticket *t, struct step *s, struct yq_err *e)
{
	const struct ticket_action *a = s->a;
	if (work_check_text(a->body, "comment", 500, 0, e) < 0)
		return -1;
	t->rating = ticket_rating_name(a->rating);
	t->rating_comment = a->body ? a->body : "";
	t->rated_at = s->now;
	s->action = "rate";
	s->body = arena_printf(s->ar, "%s%s%s",
	                       a->rating == TR_SATISFIED ? "满意"
	                       : a->rating == TR_BASIC   ? "基本满意"
	                                                 : "不满意",
	                       a->body && *a->body ? "：" : "", a->body ? a->body : "");
	if (a->ev == TE_RATE_GOOD) {
		t->closed_at = s->now;
		return 0;
	}
	/* reopened. The deadline in force when it was resolved (an approved extension included)
	 * still holds, moved on by the office time the request then spent waiting on the
	 * enterprise's rating, as a wait for the enterprise moves it; and never earlier than a
	 * fresh resolution period from now. */
	struct ticket_rule rule;
	int rc = ticket_rule_get(tx, t->zone_id, t->category, t->priority, &rule);
	if (rc < 0)
		return err_db(e, rc);
	work_clock_reopen(&s->k, s->cal, t->resolved_at, s->now, rule.resolve_days);
	t->resolved_at = 0;
	return 0;
}

/* extend: a department asks for working days (one request pending at a time), the service
 * center approves (the deadline moves) or denies. */
static int step_extend(struct ticket *t, struct step *s, struct yq_err *e)
{
	const struct ticket_action *a = s->a;
	if (!a->ext_decision) {
		if (a->ext_days < 1 || a->ext_days > 60)
			return err_set(e, ERR_VALIDATION, "days", "延期天数应为1至60个工作日",
			               "extension must be 1 to 60 working days");
		if (work_check_text(a->body, "reason", 500, 1, e) < 0)
			return -1;
		if (t->ext_days)
			return err_set(e, ERR_STATE, NULL, "已有待审批的延期申请",
			               "an extension request is pending");
		t->ext_days = a->ext_days;
		t->ext_reason = a->body;
		s->action = "extension_request";
		s->body = arena_printf(s->ar, "申请延期%d个工作日：%s", a->ext_days, a->body);
		return 0;
	}
	if (!t->ext_days)
		return err_set(e, ERR_STATE, NULL, "没有待审批的延期申请",
		               "no extension request is pending");
	int approve = a->ext_decision == 1;
	if (approve)
		work_clock_extend(&s->k, s->cal, (int)t->ext_days);
	s->action = approve ? "extension_approved" : "extension_denied";
	s->body =
	    arena_printf(s->ar, "%s延期%d个工作日%s%s", approve ? "同意" : "不同意",
	                 (int)t->ext_days, a->body && *a->body ? "：" : "", a->body ? a->body : "");
	t->ext_days = 0;
	t->ext_reason = "";
	return 0;
}

/* Changes t (and what hangs on it) as action s->a says; checks what the action carries. */
static int step(struct db *tx, const struct principal *p, struct ticket *t, struct step *s,
                struct yq_err *e)
{
	const struct ticket_action *a = s->a;
	int rc;
	switch (a->ev) {
	case TE_ACCEPT:
		return step_accept(tx, t, s, e);
	case TE_REJECT:
		if (work_check_text(a->body, "reason", 500, 1, e) < 0)
			return -1;
		t->reject_reason = a->body;
		t->closed_at = s->now;
		return 0;
	case TE_MERGE:
		return step_merge(tx, p, t, s, e);
	case TE_START:
		if (!t->first_contact_at)
			t->first_contact_at = s->now;
		return 0;
	case TE_WAIT:
		if (work_check_text(a->body, "body", 2000, 1, e) < 0)
			return -1;
		work_clock_pause(&s->k, s->now);
		return 0;
	case TE_SUPPLY:
		if (work_check_text(a->body, "body", 2000, 1, e) < 0)
			return -1;
		/* the clock was paused: push the deadline by the office time spent waiting */
		work_clock_resume(&s->k, s->cal, s->now);
		return 0;
	case TE_RETURN:
		if (work_check_text(a->body, "reason", 500, 1, e) < 0)
			return -1;
		t->dept_id = 0;
		work_clock_transfer(&s->k); /* back at the service center, the clock runs on */
		return (rc = set_depts(tx, t->id, 0, NULL, 0)) < 0 ? err_db(e, rc) : 0;
	case TE_RESOLVE:
		if (work_check_text(a->body, "answer", 5000, 1, e) < 0)
			return -1;
		t->answer = a->body;
		t->resolved_at = s->now;
		if (!t->first_contact_at)
			t->first_contact_at = s->now;
		return 0;
	case TE_RATE_GOOD:
	case TE_RATE_BAD:
		return step_rate(tx, t, s, e);
	case TE_COMMENT:
		s->action = a->internal ? "note" : "reply";
		return work_comment_check(p, &s->comment, e);
	case TE_EXTEND:
		return step_extend(t, s, e);
	case TE_ESCALATE:
		if (work_escalation_check(a->esc_level, a->body, a->esc_deadline, e) < 0)
			return -1;
		if ((rc = work_escalation_set(tx, p, &ticket_kind, t->zone_id, t->id, a->esc_level,
		                              a->body, a->esc_deadline, s->now)) < 0)
			return err_db(e, rc);
		t->escalated = 1;
		return 0;
	default:
		return err_set(e, ERR_STATE, NULL, "不支持的操作", "unsupported action");
	}
}

/* Writes what an action did: the request's row, the settled 督办, the timeline event (or the
 * comment), the notifications, the search index and the audit diff. */
static int record(struct write_ctx *w, struct ticket *t, const struct ticket *before,
                  struct step *s, struct yq_err *e)
{
	const struct ticket_action *a = s->a;
	const struct principal *p = w->who;
	struct work_item it;
	int rc;
	as_item(t, &it);
	if ((rc = save(w->tx, t, s->now, s->cal)) < 0 || (rc = finish(w->tx, t, s->now)) < 0 ||
	    (rc = a->ev == TE_COMMENT ? work_comment_add(w->tx, p, &ticket_kind, &it, &s->comment)
	                              : write_event(w->tx, p, t->zone_id, t->id, s->action,
	                                            before->status, t->status, s->body)) < 0)
		return write_fail(w, rc, e);
	const char *notify_ev = ticket_notify_event(a->ev, a->ext_decision);
	if (notify_ev && (rc = notify_item(w->tx, &ticket_kind, &it, notify_ev)) < 0)
		return write_fail(w, rc, e);
	/* the enterprise is told what others did with its request */
	const char *ent_ev =
	    p->role == ROLE_ENTERPRISE ? NULL : ticket_notify_enterprise_event(a->ev);
	if (ent_ev && (rc = notify_enterprise(w->tx, &ticket_kind, &it,
	                                      t->dept_id ? t->dept_id : p->dept_id, ent_ev)) < 0)
		return write_fail(w, rc, e);
	/* replies, supplied information and answers are searchable */
	if ((a->ev == TE_RESOLVE || a->ev == TE_SUPPLY || (a->ev == TE_COMMENT && !a->internal)) &&
	    (rc = ticket_search_index(w->tx, t->id)) < 0)
		return write_fail(w, rc, e);
	write_audit(w, s->action, "ticket", t->id);
	audit_change_entity(&w->changes, &ENTITY_TICKET, before, t);
	return 0;
}

struct act_args {
	int64_t id;
	const struct ticket_action *a;
};

/* Reads the request in the write transaction with the caller's scope, checks who may act and
 * the state machine, then steps and records. */
static int do_act(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct act_args *x = arg;
	const struct ticket_action *a = x->a;
	struct arena ar = ARENA_INIT;
	struct ticket t, before;
	enum ticket_status to;
	struct step s = {.a = a,
	                 .ar = &ar,
	                 .now = now_unix(),
	                 .comment = {a->body, a->internal, a->media_url, a->ref},
	                 .action = ticket_event_name(a->ev),
	                 .body = a->body};
	int rc = -1, drc;
	if (get_to_change(w->tx, w->who, x->id, &ar, &t, e) < 0 ||
	    ticket_next(t.status, a->ev, &to, e) < 0 || check_may(w->tx, w->who, &t, a, e) < 0)
		goto out;
	if ((drc = work_calendar(w->tx, &s.cal)) < 0) {
		write_fail(w, drc, e);
		goto out;
	}
	before = t;
	s.k = clock_of(&t);
	if (step(w->tx, w->who, &t, &s, e) < 0)
		goto out;
	set_clock(&t, &s.k);
	t.status = to;
	t.state = ticket_status_name(to);
	rc = record(w, &t, &before, &s, e);
out:
	calendar_free(s.cal);
	arena_release(&ar);
	return rc;
}

int ticket_act(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct ticket_action *a, struct yq_err *e)
{
	struct act_args x = {id, a};
	return write_tx(pool, p, do_act, &x, e);
}

struct autoclose_args {
	int64_t id, now;
};

/* Closes one resolved request unrated, as the system. */
static int do_autoclose(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct autoclose_args *x = arg;
	struct arena ar = ARENA_INIT;
	struct ticket t, before;
	int64_t now = x->now;
	int rc = -1, drc;
	if (get_to_change(w->tx, w->who, x->id, &ar, &t, e) < 0)
		goto out;
	if (t.status != TS_RESOLVED) {
		err_set(e, ERR_STATE, NULL, "诉求已不在待评价状态",
		        "the request is no longer resolved");
		goto out;
	}
	before = t;
	t.status = TS_CLOSED;
	t.state = ticket_status_name(TS_CLOSED);
	t.closed_at = now;
	t.unrated = 1;
	struct work_item it;
	as_item(&t, &it);
	if ((drc = save(w->tx, &t, now, NULL)) < 0 || (drc = finish(w->tx, &t, now)) < 0 ||
	    (drc = write_event(w->tx, w->who, t.zone_id, t.id, "autoclose", before.status,
	                       TS_CLOSED, "企业7日内未评价，自动销号（未评价）")) < 0 ||
	    (drc = notify_enterprise(w->tx, &ticket_kind, &it, t.dept_id,
	                             ticket_notify_enterprise_event(TE_AUTOCLOSE))) < 0) {
		write_fail(w, drc, e);
		goto out;
	}
	write_audit(w, "autoclose", "ticket", t.id);
	audit_change_entity(&w->changes, &ENTITY_TICKET, &before, &t);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int ticket_autoclose(struct db_pool *pool, int64_t now, int days)
{
	struct db *c = db_pool_reader(pool);
	if (!c)
		return -1;
	int64_t ids[500], zones[500];
	int n = 0, closed = 0, rc;
	struct db_stmt *st =
	    db_prepare_with(c, SQL_AUTOCLOSE_IDS, DB_I(now - (int64_t)days * 86400));
	if (!st)
		return -1;
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
		struct yq_err e = {0};
		struct autoclose_args x = {ids[i], now};
		if (write_tx(pool, &sys, do_autoclose, &x, &e) == 0)
			closed++;
		else if (e.code == ERR_UNAVAILABLE)
			break;
	}
	return closed;
}

/* Stores one deadline rule of the caller's zone (arg: the rule). */
static int do_rule_set(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct ticket_rule *r = arg;
	if (write_sql(w, SQL_RULE_SET, e, DB_I(w->who->zone_id), DB_T(r->category),
	              DB_T(r->priority), DB_I(r->first_contact_hours), DB_I(r->interim_days),
	              DB_I(r->resolve_days)) < 0)
		return -1;
	char v[64];
	snprintf(v, sizeof v, "%dh/%dd/%dd", r->first_contact_hours, r->interim_days,
	         r->resolve_days);
	write_audit(w, "update", "ticket_rule", 0);
	audit_change_str(&w->changes, "rule", NULL, v);
	audit_change_str(&w->changes, "category", NULL, r->category);
	return 0;
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
	return write_tx(pool, p, do_rule_set, (void *)r, e);
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
	db_bind_opt(st, i++, h->dept_id);
	db_bind_opt(st, i++, h->submitter.user_id);
	db_bind_int(st, i++, h->created_at);
	db_bind_opt(st, i++, h->accepted_at);
	db_bind_opt(st, i++, h->first_contact_at);
	db_bind_opt(st, i++, h->resolved_at);
	db_bind_opt(st, i++, h->closed_at);
	db_bind_opt(st, i++, h->due_first_contact);
	db_bind_opt(st, i++, h->due_resolve);
	db_bind_text(st, i++, h->answer ? h->answer : "");
	db_bind_text(st, i++, h->rating ? h->rating : "");
	db_bind_text(st, i++, h->rating_comment ? h->rating_comment : "");
	db_bind_opt(st, i++, h->rated_at);
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
	/* the zone's figures: rebuilt after the load (ticket_summary.h) */
	if ((rc = ticket_summary_invalidate(tx, h->zone_id)) < 0)
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
	rc = ticket_search_index(tx, *id); /* every request, whatever its state */
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
				db_bind_args(st, DB_ARGS(DB_T(desc), DB_T(b.address), DB_T(b.email),
				                         DB_T(b.media_url)));
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
