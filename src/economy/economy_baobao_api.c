/* HTTP handlers of 包保企业 (see economy_baobao_api.h). */
#include "economy/economy_baobao_api.h"
#include "economy/economy.h"
#include "economy/economy_baobao.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define TARGETS_MAX 64 /* indicators in one body */
#define CODE_MAX    64 /* bytes of an indicator code named in a body */

/* The month of the query, "YYYY-MM" (default: the current month), into buf. */
static int query_period(struct req *r, char buf[8], struct yq_err *e)
{
	const char *v = req_query(r, "period");
	int y, m;
	if (!v || !*v) {
		char today[11];
		cst_day(now_unix(), today);
		snprintf(buf, 8, "%.7s", today);
		return 0;
	}
	if (strlen(v) != 7 || econ_period_parse(v, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "月份格式应为 YYYY-MM，如 2026-10",
		               "the month is YYYY-MM");
	memcpy(buf, v, 8);
	return 0;
}

/* The enterprise id of the path: a positive integer, else not found. */
static int path_id(struct req *r, int64_t *id, struct yq_err *e)
{
	const char *s = r->n_params > 0 ? r->params[0] : NULL;
	int64_t v = 0;
	if (!s || !*s || strlen(s) > 18)
		return err_set(e, ERR_NOT_FOUND, NULL, "企业不存在", "no such enterprise");
	for (const char *c = s; *c; c++) {
		if (*c < '0' || *c > '9')
			return err_set(e, ERR_NOT_FOUND, NULL, "企业不存在", "no such enterprise");
		v = v * 10 + (*c - '0');
	}
	if (v <= 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "企业不存在", "no such enterprise");
	*id = v;
	return 0;
}

static void kopt_str(struct jsonw *w, const char *key, const char *s)
{
	if (s && *s)
		jw_kstr(w, key, s);
	else
		jw_knull(w, key);
}

static void kmet(struct jsonw *w, const char *key, int met)
{
	if (met < 0)
		jw_knull(w, key);
	else
		jw_kbool(w, key, met);
}

static void indicators_json(struct jsonw *w, const struct bb_indicator *inds, size_t n)
{
	jw_key(w, "indicators");
	jw_arr_open(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_open(w);
		jw_kstr(w, "code", inds[i].code);
		jw_kstr(w, "name", inds[i].name);
		jw_kstr(w, "unit", inds[i].unit);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

int h_bb_list(struct req *r, struct yq_err *e)
{
	char period[8];
	int64_t leader_id = 0;
	const char *lv = req_query(r, "leader_id");
	if (query_period(r, period, e) < 0)
		return -1;
	if (lv && *lv) {
		size_t n = strlen(lv);
		int ok = n <= 18;
		for (size_t i = 0; ok && i < n; i++)
			ok = lv[i] >= '0' && lv[i] <= '9';
		for (size_t i = 0; ok && i < n; i++)
			leader_id = leader_id * 10 + (lv[i] - '0');
		if (!ok || leader_id <= 0)
			return err_set(e, ERR_VALIDATION, "leader_id",
			               "包保领导（leader_id）应为正整数",
			               "leader_id is a positive integer");
	}
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct bb_month m;
	if (bb_month_read(c, &r->who, period, leader_id, &r->arena, &m, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	indicators_json(&w, m.inds, m.n_inds);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (size_t k = 0; k < m.n_items; k++) {
		const struct bb_item *x = &m.items[k];
		jw_obj_open(&w);
		jw_kint(&w, "enterprise_id", x->enterprise_id);
		jw_kstr(&w, "enterprise_name", x->enterprise_name);
		jw_kint_or_null(&w, "leader_id", x->leader_id);
		kopt_str(&w, "leader_name", x->leader_id ? x->leader_name : NULL);
		jw_kint_or_null(&w, "liaison_id", x->liaison_id);
		kopt_str(&w, "liaison_name", x->liaison_id ? x->liaison_name : NULL);
		jw_kstr(&w, "report_status", x->report_status);
		jw_kbool(&w, "targets_set", x->targets_set);
		jw_key(&w, "values");
		jw_obj_open(&w);
		for (size_t i = 0; i < m.n_inds; i++) {
			if (isnan(x->target[i]) && isnan(x->actual[i]))
				continue;
			jw_key(&w, m.inds[i].code);
			jw_obj_open(&w);
			jw_kdouble(&w, "target", x->target[i]);
			jw_kdouble(&w, "actual", x->actual[i]);
			jw_kdouble(&w, "completion", bb_completion(x->target[i], x->actual[i]));
			jw_obj_close(&w);
		}
		jw_obj_close(&w);
		jw_kdouble(&w, "completion", x->completion);
		kmet(&w, "met", x->met);
		kopt_str(&w, "production", x->production);
		jw_kint(&w, "dispatches", x->dispatches);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "leaders");
	jw_arr_open(&w);
	for (size_t k = 0; k < m.n_leaders; k++) {
		const struct bb_leader *l = &m.leaders[k];
		jw_obj_open(&w);
		jw_kint(&w, "leader_id", l->leader_id);
		jw_kstr(&w, "leader_name", l->leader_name);
		jw_kint(&w, "enterprises", l->enterprises);
		jw_kint(&w, "targets_set", l->targets_set);
		jw_kint(&w, "reported", l->reported);
		jw_kint(&w, "met", l->met);
		jw_kdouble(&w, "completion", l->completion);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

/* Answers month `period` of enterprise `id` (route 2's body) with `status`. */
static int detail_answer(struct req *r, int status, const char *period, int64_t id,
                         struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct bb_detail d;
	if (bb_detail_read(c, &r->who, period, id, &r->arena, &d, e) < 0)
		return -1;
	const struct bb_item *x = &d.item;
	struct jsonw w;
	resp_obj_open(r, status, &w);
	jw_kstr(&w, "period", period);
	jw_key(&w, "enterprise");
	jw_obj_open(&w);
	jw_kint(&w, "id", x->enterprise_id);
	jw_kstr(&w, "name", x->enterprise_name);
	jw_kint_or_null(&w, "leader_id", x->leader_id);
	kopt_str(&w, "leader_name", x->leader_id ? x->leader_name : NULL);
	jw_kint_or_null(&w, "liaison_id", x->liaison_id);
	kopt_str(&w, "liaison_name", x->liaison_id ? x->liaison_name : NULL);
	jw_obj_close(&w);
	jw_kstr(&w, "report_status", x->report_status);
	jw_kbool(&w, "may_write", x->may_write);
	jw_kdouble(&w, "completion", x->completion);
	kmet(&w, "met", x->met);
	jw_key(&w, "indicators");
	jw_arr_open(&w);
	for (size_t i = 0; i < d.n_inds; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "code", d.inds[i].code);
		jw_kstr(&w, "name", d.inds[i].name);
		jw_kstr(&w, "unit", d.inds[i].unit);
		jw_kdouble(&w, "target", x->target[i]);
		jw_kdouble(&w, "actual", x->actual[i]);
		jw_kdouble(&w, "last_month", x->last_month[i]);
		jw_kdouble(&w, "last_year", x->last_year[i]);
		jw_kdouble(&w, "completion", bb_completion(x->target[i], x->actual[i]));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "dispatches");
	jw_arr_open(&w);
	for (size_t i = 0; i < d.n_dispatches; i++) {
		const struct bb_dispatch *y = &d.dispatches[i];
		char at[32];
		fmt_time_iso(y->created_at, at, sizeof at);
		jw_obj_open(&w);
		jw_kint(&w, "id", y->id);
		jw_kstr(&w, "recorded_on", y->recorded_on);
		jw_kstr(&w, "production", y->production);
		jw_kstr(&w, "orders", y->orders);
		jw_kstr(&w, "problems", y->problems);
		jw_kint_or_null(&w, "ticket_id", y->ticket_id);
		kopt_str(&w, "ticket_no", y->ticket_id ? y->ticket_no : NULL);
		jw_kstr(&w, "creator_name", y->creator_name);
		jw_kstr(&w, "created_at", at);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "visits");
	jw_arr_open(&w);
	for (size_t i = 0; i < d.n_visits; i++) {
		const struct bb_visit *v = &d.visits[i];
		jw_obj_open(&w);
		jw_kint(&w, "id", v->id);
		jw_kstr(&w, "visited_on", v->visited_on);
		jw_kstr(&w, "kind", v->kind);
		jw_kstr(&w, "visitor_name", v->visitor_name);
		jw_kstr(&w, "findings", v->findings);
		jw_kstr(&w, "follow_ups", v->follow_ups);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_bb_get(struct req *r, struct yq_err *e)
{
	char period[8];
	int64_t id;
	if (path_id(r, &id, e) < 0 || query_period(r, period, e) < 0)
		return -1;
	return detail_answer(r, 200, period, id, e);
}

/* A text member of the body: a string (absent or null: NULL when optional), valid UTF-8, at most
 * `max` characters, without control characters but line breaks and tabs when `multiline`,
 * trimmed. Messages name the field by its Chinese label. */
static int body_text(struct req *r, json_t *o, const char *key, const char *label, int required,
                     size_t max, int multiline, const char **out, struct yq_err *e)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		return err_set(e, ERR_VALIDATION, key, arena_printf(&r->arena, "请填写%s", label),
		               "required");
	}
	if (!json_is_string(v))
		return err_set(e, ERR_VALIDATION, key, arena_printf(&r->arena, "%s应为文本", label),
		               "must be a string");
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n || !utf8_valid(s, n))
		return err_set(e, ERR_VALIDATION, key,
		               arena_printf(&r->arena, "%s含有非法字符", label),
		               "has invalid characters");
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		/* C0 (line breaks and tabs allowed in a multiline text), DEL and C1 (C2 80–C2 9F)
		 */
		int c1 = ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0;
		if ((ch < 0x20 || ch == 0x7f || c1) &&
		    !(multiline && (ch == '\n' || ch == '\t' || ch == '\r')))
			return err_set(e, ERR_VALIDATION, key,
			               arena_printf(&r->arena, "%s含有控制字符", label),
			               "has control characters");
	}
	size_t len;
	const char *t = utf8_trim(s, n, &len);
	char *copy = arena_alloc(&r->arena, len + 1);
	if (!copy)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	memcpy(copy, t, len);
	copy[len] = '\0';
	if (utf8_count(copy) > max)
		return err_set(e, ERR_VALIDATION, key,
		               arena_printf(&r->arena, "%s不能超过%zu个字", label, max),
		               "too long");
	if (required && !*copy)
		return err_set(e, ERR_VALIDATION, key, arena_printf(&r->arena, "请填写%s", label),
		               "required");
	*out = copy;
	return 0;
}

/* The body's month: "YYYY-MM". */
static int body_period(struct req *r, json_t *o, const char **out, struct yq_err *e)
{
	int y, m;
	if (body_text(r, o, "period", "月份", 1, 7, 0, out, e) < 0)
		return -1;
	if (strlen(*out) != 7 || econ_period_parse(*out, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "月份格式应为 YYYY-MM，如 2026-10",
		               "the month is YYYY-MM");
	return 0;
}

int h_bb_targets_set(struct req *r, struct yq_err *e)
{
	int64_t id;
	const char *period;
	if (path_id(r, &id, e) < 0)
		return -1;
	json_t *o = req_json(r, e);
	if (!o || body_period(r, o, &period, e) < 0)
		return -1;
	json_t *t = json_object_get(o, "targets");
	if (!t || json_is_null(t))
		return err_set(e, ERR_VALIDATION, "targets", "请填写月度目标", "give the targets");
	if (!json_is_object(t))
		return err_set(e, ERR_VALIDATION, "targets", "月度目标应为以指标代码为键的对象",
		               "an object keyed by indicator code");
	size_t n = json_object_size(t);
	if (n == 0)
		return err_set(e, ERR_VALIDATION, "targets", "请填写月度目标", "give the targets");
	if (n > TARGETS_MAX)
		return err_set(e, ERR_VALIDATION, "targets", "指标过多", "too many indicators");
	struct bb_target_in *in = arena_zalloc(&r->arena, n * sizeof *in);
	if (!in)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	size_t k = 0;
	const char *code;
	json_t *v;
	json_object_foreach(t, code, v)
	{
		/* a code is checked against the catalogue by the store (400 "targets.CODE"); one
		 * that no catalogue could hold is refused here */
		size_t len = strlen(code);
		if (len == 0 || len > CODE_MAX)
			return err_set(e, ERR_VALIDATION, "targets", "月度目标中有未知指标",
			               "a target names an unknown indicator");
		const char *field = arena_printf(&r->arena, "targets.%s", code);
		in[k].code = arena_strdup(&r->arena, code);
		if (!field || !in[k].code)
			return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
		if (json_is_null(v)) {
			in[k].remove = 1;
		} else {
			double x = json_number_value(v);
			if (!json_is_number(v))
				return err_set(
				    e, ERR_VALIDATION, field,
				    arena_printf(&r->arena, "指标 %s 的目标应为数字或 null", code),
				    "a target is a number or null");
			if (!isfinite(x) || x < 0 || x > ECON_VALUE_MAX)
				return err_set(e, ERR_VALIDATION, field,
				               arena_printf(&r->arena,
				                            "指标 %s 的目标应为不小于0的数字",
				                            code),
				               "a target is a number, not negative");
			in[k].value = x;
		}
		k++;
	}
	if (bb_targets_set(req_pool(r), &r->who, id, period, in, k, &r->arena, e) < 0)
		return -1;
	return detail_answer(r, 200, period, id, e);
}

int h_bb_dispatch_add(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct bb_dispatch_in in;
	memset(&in, 0, sizeof in);
	if (path_id(r, &id, e) < 0)
		return -1;
	json_t *o = req_json(r, e);
	if (!o || body_period(r, o, &in.period, e) < 0 ||
	    body_text(r, o, "recorded_on", "调度日期", 0, 10, 0, &in.recorded_on, e) < 0 ||
	    body_text(r, o, "production", "排产情况", 1, 16, 0, &in.production, e) < 0 ||
	    body_text(r, o, "orders", "订单情况", 0, BB_TEXT_MAX, 1, &in.orders, e) < 0 ||
	    body_text(r, o, "problems", "存在问题", 0, BB_TEXT_MAX, 1, &in.problems, e) < 0 ||
	    body_text(r, o, "category", "诉求类别", 0, 16, 0, &in.category, e) < 0)
		return -1;
	json_t *rr = json_object_get(o, "raise_request");
	if (rr && !json_is_null(rr) && !json_is_boolean(rr))
		return err_set(e, ERR_VALIDATION, "raise_request", "是否提交诉求应为 true 或 false",
		               "raise_request is true or false");
	in.raise_request = rr && json_is_true(rr);
	char today[11];
	cst_day(now_unix(), today);
	if (!in.recorded_on || !*in.recorded_on)
		in.recorded_on = arena_strdup(&r->arena, today);
	else if (!valid_date(in.recorded_on))
		return err_set(e, ERR_VALIDATION, "recorded_on", "调度日期格式应为 YYYY-MM-DD",
		               "recorded_on is YYYY-MM-DD");
	if (!in.recorded_on)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	if (strncmp(in.recorded_on, in.period, 7) != 0)
		return err_set(e, ERR_VALIDATION, "recorded_on", "调度日期应在所选月份内",
		               "recorded_on is a day of the month");
	if (strcmp(in.recorded_on, today) > 0)
		return err_set(e, ERR_VALIDATION, "recorded_on", "调度日期不能晚于今天",
		               "recorded_on is not after today");
	if (bb_dispatch_add(req_pool(r), &r->who, id, &in, &r->arena, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 201, &w);
	jw_kint(&w, "id", in.id);
	jw_kint_or_null(&w, "ticket_id", in.ticket_id);
	kopt_str(&w, "ticket_no", in.ticket_id ? in.ticket_no : NULL);
	jw_obj_close(&w);
	return 0;
}

int h_bb_visit_stats(struct req *r, struct yq_err *e)
{
	char period[8];
	struct db *c;
	struct bb_visit_stats s;
	if (query_period(r, period, e) < 0 || !(c = req_db(r, e)) ||
	    bb_visit_stats(c, &r->who, period, &r->arena, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kint(&w, "enterprises", s.enterprises);
	jw_kint(&w, "visits", s.visits);
	jw_kint(&w, "visited", s.visited);
	jw_kint(&w, "not_visited", s.enterprises - s.visited);
	jw_key(&w, "leaders");
	jw_arr_open(&w);
	for (size_t i = 0; i < s.n_leaders; i++) {
		const struct bb_visit_leader *l = &s.leaders[i];
		jw_obj_open(&w);
		jw_kint(&w, "leader_id", l->leader_id);
		jw_kstr(&w, "leader_name", l->leader_name);
		jw_kint(&w, "enterprises", l->enterprises);
		jw_kint(&w, "visited", l->visited);
		jw_kint(&w, "visits", l->visits);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}
