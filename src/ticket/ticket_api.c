/* HTTP handlers of enterprise requests (see ticket_api.h): decode, call, encode. */
#include "ticket/ticket_api.h"
#include "ticket/ticket_export.h"
#include "work/attachment_api.h"
#include "work/timeline_api.h"
#include "lib/log.h"
#include "lib/util.h"
#include "ticket/ticket_search.h"
#include "ticket/ticket_briefing.h"
#include "http/answer.h"
#include <stdlib.h>
#include "ticket/ticket_store.h"
#include <string.h>
#include <time.h>

struct ctx {
	struct req *r;
	struct jsonw *w;
	const char *q;
};

/* Writes a request: its table (what the store cleared for the caller is cleared:
 * access/disclose.h), then the members beside it; with a search query q, also an HTML "snippet"
 * with the matches marked. */
static void ticket_json(struct req *r, struct jsonw *w, const struct ticket *t, const char *q)
{
	jw_obj_open(w);
	entity_json(w, &ENTITY_TICKET, t, 0);
	jw_kstr(w, "status_label",
	        req_msg(r, ticket_status_label(t->status), ticket_status_name(t->status)));
	jw_key(w, "co_dept_ids");
	jw_arr_open(w);
	for (int i = 0; i < t->n_co; i++)
		jw_int(w, t->co_depts[i]);
	jw_arr_close(w);
	jw_kbool(w, "waiting", t->status == TS_WAITING);
	if (q) {
		struct strbuf sn = STRBUF_INIT(8192);
		ticket_search_snippet(t->description, q, 60, &sn);
		jw_kstr(w, "snippet", sn.buf ? sn.buf : "");
		strbuf_release(&sn);
	}
	jw_obj_close(w);
}

static void list_row(void *p, const struct ticket *t)
{
	struct ctx *c = p;
	ticket_json(c->r, c->w, t, c->q);
}

static const char *opt(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

static int flag(struct req *r, const char *key)
{
	const char *v = opt(r, key);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* from/to: YYYY-MM-DD in China Standard Time → unix seconds (to is exclusive: the next day). */
static int day_arg(struct req *r, const char *key, int end, int64_t *out, struct yq_err *e)
{
	const char *v = opt(r, key);
	*out = 0;
	if (!v)
		return 0;
	if (!valid_date(v))
		return err_set(e, ERR_VALIDATION, key, "日期格式应为 YYYY-MM-DD",
		               "date must be YYYY-MM-DD");
	struct tm tm = {0};
	strptime(v, "%Y-%m-%d", &tm);
	*out = (int64_t)timegm(&tm) - 8 * 3600 + (end ? 86400 : 0);
	return 0;
}

/* The list filters of GET /api/tickets from the query string (shared with the export). */
static int filter_from_query(struct req *r, struct ticket_filter *f, struct yq_err *e)
{
	if (req_query_int(r, "dept_id", 0, 0, INT64_MAX, &f->dept_id, e) < 0 ||
	    req_query_int(r, "enterprise_id", 0, 0, INT64_MAX, &f->enterprise_id, e) < 0 ||
	    day_arg(r, "from", 0, &f->from, e) < 0 || day_arg(r, "to", 1, &f->to, e) < 0)
		return -1;
	f->status = opt(r, "status");
	if (f->status && strcmp(f->status, "open") &&
	    ticket_status_from_name(f->status) == TS__COUNT)
		return err_set(e, ERR_VALIDATION, "status", "状态无效", "invalid status");
	f->category = opt(r, "category");
	f->channel = opt(r, "channel");
	f->q = opt(r, "q");
	if (f->q && strlen(f->q) > 100)
		return err_set(e, ERR_VALIDATION, "q", "关键词过长", "keyword too long");
	f->sort = opt(r, "sort");
	f->overdue = flag(r, "overdue");
	f->due_soon = flag(r, "due_soon");
	f->escalated = flag(r, "escalated");
	f->extension_pending = flag(r, "extension_pending");
	return 0;
}

int h_ticket_export(struct req *r, struct yq_err *e)
{
	struct ticket_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || filter_from_query(r, &f, e) < 0)
		return -1;
	const char *fmt = opt(r, "format");
	if (fmt && strcmp(fmt, "xlsx") && strcmp(fmt, "csv"))
		return err_set(e, ERR_VALIDATION, "format", "导出格式应为 xlsx 或 csv",
		               "format must be xlsx or csv");
	int csv = fmt && strcmp(fmt, "csv") == 0;
	int fd;
	uint64_t size;
	int64_t rows;
	if (ticket_export(c, &r->who, &f, csv, &fd, &size, &rows, e) < 0)
		return -1;
	if (resp_download_fd(
	        r, fd, size,
	        csv ? "text/csv; charset=utf-8"
	            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	        csv ? "企业诉求.csv" : "企业诉求.xlsx") < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	resp_header(r, "X-Total-Count", arena_printf(&r->arena, "%lld", (long long)rows));
	return 0;
}

int h_ticket_list(struct req *r, struct yq_err *e)
{
	struct ticket_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 || filter_from_query(r, &f, e) < 0)
		return -1;
	struct jsonw w;
	resp_items_open(r, &w);
	struct ctx ctx = {r, &w, f.q};
	int64_t total = 0;
	int capped = 0;
	int rc = ticket_list(c, &r->who, &f, list_row, &ctx, &total, &capped);
	return resp_items_end(r, &w, rc, total, capped, f.page, f.page_size, e);
}

int h_ticket_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct ticket t;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 || ticket_get(c, &r->who, id, &r->arena, &t, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "ticket");
	ticket_json(r, &w, &t, NULL);
	jw_key(&w, "timeline");
	/* the request is read once, with the caller's scope: its timeline and attachments follow */
	int rc = work_timeline_json(r, &w, &ticket_kind, id, e);
	jw_key(&w, "attachments");
	if (rc == 0)
		rc = attachment_json_list(r, &w, &ticket_kind, id, e);
	jw_obj_close(&w);
	return rc;
}

int h_ticket_create(struct req *r, struct yq_err *e)
{
	struct ticket t;
	memset(&t, 0, sizeof t);
	if (!req_entity(r, &ENTITY_TICKET, DECODE_FULL, &t, NULL, e) ||
	    ticket_create(req_pool(r), &r->who, &t, e) < 0)
		return -1;
	struct db *c = req_db(r, e);
	if (!c || ticket_get(c, &r->who, t.id, &r->arena, &t, e) < 0)
		return -1;
	struct jsonw w;
	ticket_json(r, resp_json(r, 201, &w), &t, NULL);
	return 0;
}

/* Runs an action and answers the request as it now is. */
static int act(struct req *r, const struct ticket_action *a, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || ticket_act(req_pool(r), &r->who, id, a, e) < 0)
		return -1;
	struct ticket t;
	struct db *c = req_db(r, e);
	/* an action may take the request out of the caller's scope (a department returning it):
	 * the answer still shows the request as the action left it */
	struct principal zone = r->who;
	zone.scope = SCOPE_ZONE;
	if (!c || ticket_get(c, &zone, id, &r->arena, &t, e) < 0)
		return -1;
	struct jsonw w;
	ticket_json(r, resp_json(r, 200, &w), &t, NULL);
	return 0;
}

/* Body with one optional or required text member. */
static int text_action(struct req *r, enum ticket_event ev, const char *key, int required,
                       size_t max, struct yq_err *e)
{
	struct ticket_action a = {.ev = ev};
	json_t *j = r->body.len || required ? req_json(r, e) : NULL;
	if ((required || r->body.len) && !j)
		return -1;
	if (j && json_str(r, j, key, required, max, &a.body, e) < 0)
		return -1;
	return act(r, &a, e);
}

int h_ticket_accept(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {.ev = TE_ACCEPT};
	json_t *j = req_json(r, e);
	if (!j || json_int(j, "dept_id", 1, 0, 1, INT64_MAX, &a.dept_id, e) < 0 ||
	    json_str(r, j, "category", 0, 8, &a.category, e) < 0 ||
	    json_str(r, j, "priority", 0, 8, &a.priority, e) < 0)
		return -1;
	json_t *co = json_object_get(j, "co_dept_ids");
	if (co && !json_is_null(co)) {
		if (!json_is_array(co) || json_array_size(co) > 8)
			return err_set(e, ERR_VALIDATION, "co_dept_ids", "协办部门最多8个",
			               "at most 8 co-handling departments");
		size_t i;
		json_t *v;
		json_array_foreach(co, i, v)
		{
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				return err_set(e, ERR_VALIDATION, "co_dept_ids", "部门编号无效",
				               "invalid department id");
			a.co_depts[a.n_co++] = json_integer_value(v);
		}
	}
	return act(r, &a, e);
}

int h_ticket_reject(struct req *r, struct yq_err *e)
{
	return text_action(r, TE_REJECT, "reason", 1, 500, e);
}

int h_ticket_merge(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {.ev = TE_MERGE};
	json_t *j = req_json(r, e);
	if (!j || json_int(j, "into_id", 1, 0, 1, INT64_MAX, &a.merge_into, e) < 0)
		return -1;
	return act(r, &a, e);
}

int h_ticket_start(struct req *r, struct yq_err *e)
{
	return text_action(r, TE_START, "body", 0, 2000, e);
}

int h_ticket_wait(struct req *r, struct yq_err *e)
{
	return text_action(r, TE_WAIT, "body", 1, 2000, e);
}

int h_ticket_supply(struct req *r, struct yq_err *e)
{
	return text_action(r, TE_SUPPLY, "body", 1, 2000, e);
}

int h_ticket_return(struct req *r, struct yq_err *e)
{
	return text_action(r, TE_RETURN, "reason", 1, 500, e);
}

int h_ticket_resolve(struct req *r, struct yq_err *e)
{
	return text_action(r, TE_RESOLVE, "answer", 1, 5000, e);
}

int h_ticket_rate(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {0};
	const char *rating;
	json_t *j = req_json(r, e);
	if (!j || json_str(r, j, "rating", 1, 16, &rating, e) < 0 ||
	    json_str(r, j, "comment", 0, 500, &a.body, e) < 0)
		return -1;
	a.rating = ticket_rating_from_name(rating);
	if (a.rating == TR_NONE)
		return err_set(e, ERR_VALIDATION, "rating", "评价应为满意、基本满意或不满意",
		               "rating must be satisfied, basic or unsatisfied");
	a.ev = a.rating == TR_UNSATISFIED ? TE_RATE_BAD : TE_RATE_GOOD;
	return act(r, &a, e);
}

int h_ticket_comment(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {.ev = TE_COMMENT};
	json_t *j = req_json(r, e);
	if (!j || json_str(r, j, "body", 1, 5000, &a.body, e) < 0 ||
	    json_bool(j, "internal", 0, &a.internal, e) < 0)
		return -1;
	return act(r, &a, e);
}

int h_ticket_extension(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {.ev = TE_EXTEND};
	int64_t days;
	json_t *j = req_json(r, e);
	if (!j || json_int(j, "days", 1, 0, 1, 60, &days, e) < 0 ||
	    json_str(r, j, "reason", 1, 500, &a.body, e) < 0)
		return -1;
	a.ext_days = (int)days;
	return act(r, &a, e);
}

int h_ticket_extension_decide(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {.ev = TE_EXTEND};
	int approve;
	json_t *j = req_json(r, e);
	if (!j || json_bool(j, "approve", -1, &approve, e) < 0 ||
	    json_str(r, j, "comment", 0, 500, &a.body, e) < 0)
		return -1;
	if (approve < 0)
		return err_set(e, ERR_VALIDATION, "approve", "必填项", "required");
	a.ext_decision = approve ? 1 : 2;
	return act(r, &a, e);
}

int h_ticket_escalate(struct req *r, struct yq_err *e)
{
	struct ticket_action a = {.ev = TE_ESCALATE};
	json_t *j = req_json(r, e);
	if (!j || json_str(r, j, "level", 1, 8, &a.esc_level, e) < 0 ||
	    json_str(r, j, "note", 1, 500, &a.body, e) < 0 ||
	    json_str(r, j, "deadline", 0, 10, &a.esc_deadline, e) < 0)
		return -1;
	return act(r, &a, e);
}

static void stat_row(struct jsonw *w, const struct ticket_stat_row *s, int with_key)
{
	jw_obj_open(w);
	if (with_key)
		jw_kstr(w, "key", s->key);
	jw_kint(w, "received", s->received);
	jw_kint(w, "accepted", s->accepted);
	jw_kint(w, "resolved", s->resolved);
	jw_kint(w, "on_time", s->on_time);
	jw_kint(w, "rated", s->rated);
	jw_kint(w, "satisfied", s->satisfied);
	jw_kint(w, "unrated", s->unrated);
	jw_kint(w, "overdue_now", s->overdue_now);
	/* 解决率 on the seeds' basis (resolved / received), 受理后解决率 over accepted */
	jw_kratio(w, "resolve_rate", (double)s->resolved, (double)s->received);
	jw_kratio(w, "resolve_rate_accepted", (double)s->resolved, (double)s->accepted);
	jw_kratio(w, "on_time_rate", (double)s->on_time, (double)s->resolved);
	jw_kratio(w, "satisfaction_rate", (double)s->satisfied, (double)s->rated);
	if (s->resolved) {
		jw_kdouble(w, "avg_days", s->avg_days);
		jw_kdouble(w, "p90_days", s->p90_days);
	} else {
		jw_knull(w, "avg_days");
		jw_knull(w, "p90_days");
	}
	jw_obj_close(w);
}

int h_ticket_stats(struct req *r, struct yq_err *e)
{
	int64_t from, to;
	struct db *c = req_db(r, e);
	const char *group = opt(r, "group");
	if (!c || day_arg(r, "from", 0, &from, e) < 0 || day_arg(r, "to", 1, &to, e) < 0)
		return -1;
	if (group && strcmp(group, "dept") && strcmp(group, "category") && strcmp(group, "channel"))
		return err_set(e, ERR_VALIDATION, "group", "分组应为 dept、category 或 channel",
		               "group must be dept, category or channel");
	struct ticket_stats s;
	if (ticket_stats(c, &r->who, from, to, group ? group : "dept", &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "group", group ? group : "dept");
	jw_key(&w, "total");
	stat_row(&w, &s.total, 0);
	jw_key(&w, "rows");
	jw_arr_open(&w);
	for (size_t i = 0; i < s.n_rows; i++)
		stat_row(&w, &s.rows[i], 1);
	jw_arr_close(&w);
	jw_obj_close(&w);
	/* answered from the rows: the zone's summaries are built (again) for the next read */
	if (s.stale && ticket_stats_sync(req_pool(r), r->who.zone_id) < 0)
		log_warn("ticket stats: zone %lld: the summaries could not be rebuilt",
		         (long long)r->who.zone_id);
	ticket_stats_release(&s);
	return 0;
}

int h_ticket_rules(struct req *r, struct yq_err *e)
{
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	static const char *const prios[] = {"normal", "urgent"};
	for (int i = 0; ticket_categories[i]; i++)
		for (int k = 0; k < 2; k++) {
			struct ticket_rule rule;
			int rc = ticket_rule_get(c, r->who.zone_id, ticket_categories[i], prios[k],
			                         &rule);
			if (rc < 0)
				return err_db(e, rc);
			jw_obj_open(&w);
			jw_kstr(&w, "category", ticket_categories[i]);
			jw_kstr(&w, "priority", prios[k]);
			jw_kint(&w, "first_contact_hours", rule.first_contact_hours);
			jw_kint(&w, "interim_days", rule.interim_days);
			jw_kint(&w, "resolve_days", rule.resolve_days);
			jw_obj_close(&w);
		}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_ticket_rule_set(struct req *r, struct yq_err *e)
{
	struct ticket_rule rule = {0};
	int64_t a, b, d;
	json_t *j = req_json(r, e);
	if (!j || json_str(r, j, "category", 1, 8, &rule.category, e) < 0 ||
	    json_str(r, j, "priority", 1, 8, &rule.priority, e) < 0 ||
	    json_int(j, "first_contact_hours", 1, 0, 1, 72, &a, e) < 0 ||
	    json_int(j, "interim_days", 1, 0, 0, 60, &b, e) < 0 ||
	    json_int(j, "resolve_days", 1, 0, 1, 120, &d, e) < 0)
		return -1;
	rule.first_contact_hours = (int)a;
	rule.interim_days = (int)b;
	rule.resolve_days = (int)d;
	if (ticket_rule_set(req_pool(r), &r->who, &rule, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_ticket_briefing(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	struct briefing b;
	int html;
	if (!c || ticket_briefing(c, &r->who, opt(r, "date"), &r->arena, &b, e) < 0 ||
	    req_doc_format(r, 1, &html, e) < 0)
		return -1;
	if (html)
		return answer_html(r, briefing_render_html(&b, &r->out), "简报生成失败",
		                   "cannot render the briefing", e);
	unsigned char *pdf;
	size_t len;
	char err[256];
	int rc = briefing_render_pdf_mem(&b, &pdf, &len, err, sizeof err);
	return answer_pdf(r, rc, pdf, len, err, "简报生成失败",
	                  arena_printf(&r->arena, "企业诉求每日简报-%s.pdf", b.date), e);
}
