/* HTTP handlers of follow-ups, investment and problems (see project_api.h). */
#include "project/project_api.h"
#include "project/project_export_api.h"
#include "project/project_work.h"
#include "project/project_int.h"
#include "lib/util.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "work/item_answer.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- follow-ups ---- */

static const struct entity_out FU_OUT = {&ENTITY_FOLLOWUP, 0, NULL};

static void fu_row(void *w, const struct proj_followup *f)
{
	jw_entity(w, &FU_OUT, f);
}

int h_proj_followups(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct jsonw w;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	resp_items_open(r, &w);
	int rc = proj_followups(c, &r->who, id, fu_row, &w, e);
	if (rc < 0)
		return -1;
	return resp_items_close(r, &w, DB_OK, -1, 0, 0, e);
}

int h_proj_followup_add(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct proj_followup f;
	memset(&f, 0, sizeof f);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_FOLLOWUP, DECODE_FULL, &f, NULL, e) ||
	    proj_followup_add(req_pool(r), &r->who, id, &f, e) < 0)
		return -1;
	return resp_id(r, 201, f.id);
}

int h_proj_followup_done(struct req *r, struct yq_err *e)
{
	return resp_id_write(r, proj_followup_done, e);
}

/* The overdue next steps grouped by person: {"items":[{"user_id","user_name","count",
 * "items":[…]}]}. */
struct overdue_ctx {
	struct jsonw *w;
	int64_t user;
	int open;
	int64_t n;
	struct req *r;
	const char *name;
};

static void close_person(struct overdue_ctx *x)
{
	if (!x->open)
		return;
	jw_arr_close(x->w);
	jw_kint(x->w, "count", x->n);
	jw_obj_close(x->w);
	x->open = 0;
}

static void overdue_row(void *ctx, const struct proj_followup *f)
{
	struct overdue_ctx *x = ctx;
	struct jsonw *w = x->w;
	if (!x->open || f->user_id != x->user) {
		close_person(x);
		jw_obj_open(w);
		jw_kint_or_null(w, "user_id", f->user_id);
		jw_kstr(w, "user_name", f->user_name);
		jw_key(w, "items");
		jw_arr_open(w);
		x->open = 1;
		x->user = f->user_id;
		x->n = 0;
	}
	x->n++;
	jw_obj_open(w);
	jw_kint(w, "id", f->id);
	jw_kint(w, "project_id", f->project_id);
	jw_kstr(w, "project_name", f->project_name);
	jw_kstr(w, "next_step", f->next_step);
	jw_kstr(w, "next_date", f->next_date);
	jw_obj_close(w);
}

int h_proj_followups_overdue(struct req *r, struct yq_err *e)
{
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	struct overdue_ctx x = {.w = &w, .r = r};
	int rc = proj_followups_overdue(c, &r->who, overdue_row, &x);
	close_person(&x);
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

/* ---- investment ---- */

static int year_query(struct req *r, int64_t *year, struct yq_err *e)
{
	char today[11];
	cst_day(now_unix(), today);
	int64_t def = (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
	              (today[3] - '0');
	return req_query_int(r, "year", def, 1990, 2100, year, e);
}

int h_proj_invest(struct req *r, struct yq_err *e)
{
	int64_t id, year;
	struct proj_month m[12];
	struct db *c = req_db_id(r, &id, e);
	if (!c || year_query(r, &year, e) < 0 ||
	    proj_invest_year(c, &r->who, id, (int)year, m, e) < 0)
		return -1;
	struct jsonw w;
	double planned = 0, actual = 0, funds = 0;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "year", year);
	jw_key(&w, "months");
	jw_arr_open(&w);
	for (int i = 0; i < 12; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "month", m[i].month);
		jw_kdouble(&w, "planned", m[i].planned);
		if (isfinite(m[i].actual))
			jw_kdouble(&w, "actual", m[i].actual);
		else
			jw_knull(&w, "actual");
		jw_kdouble(&w, "funds", m[i].funds);
		jw_kbool(&w, "locked", m[i].locked);
		jw_obj_close(&w);
		planned += m[i].planned;
		actual += isfinite(m[i].actual) ? m[i].actual : 0;
		funds += m[i].funds;
	}
	jw_arr_close(&w);
	jw_kdouble(&w, "planned_total", planned);
	jw_kdouble(&w, "actual_total", actual);
	jw_kdouble(&w, "funds_total", funds);
	jw_obj_close(&w);
	return 0;
}

/* A money member: a number of at least 0 and at most 10^8 万元. */
static int money(json_t *o, const char *key, int required, double *out, struct yq_err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		*out = 0;
		return required ? err_set(e, ERR_VALIDATION, key, "请填写金额（万元）",
		                          "the amount is required")
		                : 0;
	}
	if (!json_is_number(v))
		return err_set(e, ERR_VALIDATION, key, "金额应为数字（万元）", "must be a number");
	*out = json_number_value(v);
	if (!isfinite(*out) || *out < 0 || *out > 1e8)
		return err_set(e, ERR_VALIDATION, key, "金额超出范围（0 至 1 亿万元）",
		               "out of range");
	return 0;
}

int h_proj_invest_plan(struct req *r, struct yq_err *e)
{
	int64_t id, year;
	json_t *o, *months;
	struct proj_month m[12];
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_int(o, "year", 1, 0, 1990, 2100, &year, e) < 0)
		return -1;
	months = json_object_get(o, "months");
	if (!json_is_array(months) || json_array_size(months) > 12)
		return err_set(e, ERR_VALIDATION, "months", "月度计划应为至多 12 个月的列表",
		               "months must be a list of at most 12 months");
	size_t i, n = json_array_size(months);
	json_t *x;
	json_array_foreach(months, i, x)
	{
		const char *mo = NULL;
		if (!json_is_object(x) || json_str(r, x, "month", 1, 7, &mo, e) < 0 ||
		    money(x, "planned", 1, &m[i].planned, e) < 0)
			return e->code ? -1
			               : err_set(e, ERR_VALIDATION, "months", "月度计划格式无效",
			                         "invalid month");
		char y4[5];
		snprintf(y4, sizeof y4, "%04lld", (long long)year);
		int mm = strlen(mo) == 7 && mo[4] == '-' ? (mo[5] - '0') * 10 + (mo[6] - '0') : 0;
		if (strncmp(mo, y4, 4) != 0 || mm < 1 || mm > 12)
			return err_set(e, ERR_VALIDATION, "months",
			               arena_printf(&r->arena, "月份 %s 不在 %s 年内", mo, y4),
			               "a month is not of the year");
		for (size_t k = 0; k < i; k++)
			if (strcmp(m[k].month, mo) == 0)
				return err_set(e, ERR_VALIDATION, "months", "月份重复",
				               "a month is given twice");
		snprintf(m[i].month, sizeof m[i].month, "%s", mo);
	}
	if (proj_invest_plan(req_pool(r), &r->who, id, (int)year, m, (int)n, e) < 0)
		return -1;
	return h_proj_invest(r, e);
}

int h_proj_invest_report(struct req *r, struct yq_err *e)
{
	int64_t id;
	json_t *o;
	double actual, funds;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	const char *month = r->n_params > 1 ? r->params[1] : "";
	if (!(o = req_json(r, e)) || money(o, "actual", 1, &actual, e) < 0 ||
	    money(o, "funds", 0, &funds, e) < 0 ||
	    proj_invest_report(req_pool(r), &r->who, id, month, actual, funds, &r->arena, e) < 0)
		return -1;
	return h_proj_invest(r, e);
}

/* ---- problems ---- */

static void pb_extra(struct jsonw *w, const void *obj)
{
	const struct proj_problem *q = obj;
	jw_kbool(w, "overdue", q->overdue);
	jw_key(w, "escalation");
	if (q->esc.state == WORK_ESC_NONE) {
		jw_null(w);
		return;
	}
	jw_obj_open(w);
	jw_kstr(w, "state", q->esc.state == WORK_ESC_ACTIVE ? "active" : "settled");
	jw_kstr(w, "level", q->esc.level);
	jw_kstr(w, "note", q->esc.note);
	jw_kstr(w, "deadline", q->esc.deadline);
	jw_obj_close(w);
}
static const struct entity_out PB_OUT = {&ENTITY_PROBLEM, 0, pb_extra};

static void pb_row(void *l, const struct proj_problem *q)
{
	resp_list_row(l, q);
}

int h_problem_list(struct req *r, struct yq_err *e)
{
	struct problem_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || req_page(r, &f.page, &f.page_size, e) < 0 || problem_filter_query(r, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, &PB_OUT);
	int rc = problem_list(c, &r->who, &f, pb_row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

static int pb_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct proj_problem q;
	struct db *c = req_db(r, e);
	if (!c || problem_get(c, &r->who, id, &r->arena, &q, e) < 0)
		return -1;
	return work_item_answer(r, status, &PB_OUT, &q, &problem_kind, id, 1, e);
}

int h_problem_get(struct req *r, struct yq_err *e)
{
	return item_answer_get(r, pb_answer, e);
}

int h_problem_add(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct proj_problem q;
	memset(&q, 0, sizeof q);
	if (req_id(r, 0, &id, e) < 0 || !req_entity(r, &ENTITY_PROBLEM, DECODE_FULL, &q, NULL, e) ||
	    problem_add(req_pool(r), &r->who, id, &q, e) < 0)
		return -1;
	return pb_answer(r, 201, q.id, e);
}

/* A move with one text member `key`. */
static int pb_text_move(struct req *r, const char *key,
                        int (*fn)(struct db_pool *, const struct principal *, int64_t, const char *,
                                  struct yq_err *),
                        struct yq_err *e)
{
	int64_t id;
	json_t *o;
	const char *text = NULL;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, key, 1, 5000, &text, e) < 0 || fn(req_pool(r), &r->who, id, text, e) < 0)
		return -1;
	return pb_answer(r, 200, id, e);
}

int h_problem_answer(struct req *r, struct yq_err *e)
{
	return pb_text_move(r, "reply", problem_answer, e);
}

int h_problem_close(struct req *r, struct yq_err *e)
{
	return pb_text_move(r, "note", problem_close, e);
}

int h_problem_reopen(struct req *r, struct yq_err *e)
{
	return pb_text_move(r, "note", problem_reopen, e);
}

int h_problem_escalate(struct req *r, struct yq_err *e)
{
	int64_t id;
	json_t *o;
	const char *level = NULL, *note = NULL, *deadline = NULL;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, "level", 1, 10, &level, e) < 0 ||
	    json_str(r, o, "note", 1, WORK_ESC_NOTE_MAX, &note, e) < 0 ||
	    json_str(r, o, "deadline", 0, 10, &deadline, e) < 0 ||
	    problem_escalate(req_pool(r), &r->who, id, level, note, deadline, e) < 0)
		return -1;
	return pb_answer(r, 200, id, e);
}
