/* HTTP handlers of 惠企政策 (see policy_api.h): decode, call, encode. */
#include "policy/policy_api.h"
#include "policy/policy.h"
#include "access/scope.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include "work/item_answer.h"
#include "work/store_list.h"
#include <math.h>
#include <string.h>

static const struct entity_out POLICY_STAFF = {&ENTITY_POLICY, 0, NULL};
static const struct entity_out PAYMENT_OUT = {&ENTITY_POLICY_PAYMENT, 0, NULL};

/* ---- policies ---- */

/* A page of the policies of the query; mine (an enterprise user's policies): staff read the
 * zone's published ones, in the same order, unless the query names a status. */
static int policy_list_answer(struct req *r, int mine, struct yq_err *e)
{
	struct policy_filter *f = store_filter_decode(r, &POLICY_Q, e);
	if (!f)
		return -1;
	if (mine && !scope_as_enterprise(&r->who) && !f->status)
		f->status = "published";
	return store_list_answer_of(r, &POLICY_Q, f, e);
}

int h_policy_list(struct req *r, struct yq_err *e)
{
	return policy_list_answer(r, 0, e);
}

int h_policy_mine(struct req *r, struct yq_err *e)
{
	return policy_list_answer(r, 1, e);
}

static int policy_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &POLICY_Q, id, e);
}

int h_policy_publish(struct req *r, struct yq_err *e)
{
	int64_t id, matched = 0;
	struct policy p;
	struct db *c;
	if (req_id(r, 0, &id, e) < 0 || policy_publish(req_pool(r), &r->who, id, &matched, e) < 0 ||
	    !(c = req_db(r, e)) || store_list_get(c, &POLICY_Q, &r->who, id, &r->arena, &p, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "policy");
	jw_entity(&w, &POLICY_STAFF, &p);
	jw_kint(&w, "matched", matched);
	jw_obj_close(&w);
	return 0;
}

int h_policy_close(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || policy_close(req_pool(r), &r->who, id, e) < 0)
		return -1;
	return policy_answer(r, 200, id, e);
}

struct match_list {
	struct jsonw *w;
};

static void match_row(void *ctx, const struct policy_match_row *m)
{
	struct jsonw *w = ctx;
	jw_obj_open(w);
	jw_kint(w, "enterprise_id", m->enterprise_id);
	jw_kstr(w, "name", m->name ? m->name : "");
	jw_kstr(w, "industry_code", m->industry_code ? m->industry_code : "");
	jw_kstr(w, "building", m->building ? m->building : "");
	if (m->application_id)
		jw_kint(w, "application_id", m->application_id);
	else
		jw_knull(w, "application_id");
	if (m->application_status)
		jw_kstr(w, "application_status", m->application_status);
	else
		jw_knull(w, "application_status");
	jw_obj_close(w);
}

int h_policy_matches(struct req *r, struct yq_err *e)
{
	int64_t id, page, page_size, total = 0;
	if (req_id(r, 0, &id, e) < 0 || req_page(r, &page, &page_size, e) < 0)
		return -1;
	/* another zone's or a policy the enterprise does not see: 404 first */
	struct policy p;
	struct db *db = req_db(r, e);
	if (!db || store_list_get(db, &POLICY_Q, &r->who, id, &r->arena, &p, e) < 0)
		return -1;
	if (scope_as_enterprise(&r->who))
		return err_set(e, ERR_FORBIDDEN, NULL, "企业用户不能查看符合条件的企业名单",
		               "enterprise users do not see the list");
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	if (policy_matches(c, &r->who, id, page, page_size, match_row, &w, &total, e) < 0)
		return -1;
	return resp_items_close(r, &w, 0, total, page, page_size, e);
}

/* ---- figures ---- */

int h_policy_summary(struct req *r, struct yq_err *e)
{
	struct policy_summary s;
	struct db *c = req_db(r, e);
	if (!c || policy_summary(c, &r->who, &r->arena, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "policies", s.policies);
	jw_kint(&w, "published", s.published);
	jw_kint(&w, "eligible", s.eligible);
	jw_kint(&w, "applied", s.applied);
	jw_kint(&w, "approved", s.approved);
	jw_kint(&w, "pending", s.pending);
	jw_kdouble(&w, "approved_amount", s.approved_amount);
	jw_kdouble(&w, "paid_amount", s.paid_amount);
	jw_key(&w, "by_policy");
	jw_arr_open(&w);
	for (int i = 0; i < s.n; i++) {
		const struct policy_figures *f = &s.by_policy[i];
		jw_obj_open(&w);
		jw_kint(&w, "policy_id", f->id);
		jw_kstr(&w, "title", f->title);
		jw_kstr(&w, "status", f->status);
		if (f->deadline)
			jw_kstr(&w, "deadline", f->deadline);
		else
			jw_knull(&w, "deadline");
		jw_kint(&w, "eligible", f->eligible);
		jw_kint(&w, "applied", f->applied);
		jw_kint(&w, "approved", f->approved);
		jw_kint(&w, "rejected", f->rejected);
		jw_kdouble(&w, "approved_amount", f->approved_amount);
		jw_kdouble(&w, "paid_amount", f->paid_amount);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

/* ---- applications ---- */

static int app_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &POLICY_APP_Q, id, e);
}

/* An amount in 万元 of body o: a number > 0, at most POLICY_AMOUNT_MAX, two decimals. */
static int json_amount(json_t *o, const char *key, double *out, struct yq_err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return err_set(e, ERR_VALIDATION, key, "请填写金额（万元）",
		               "the amount is required");
	if (!json_is_number(v))
		return err_set(e, ERR_VALIDATION, key, "金额应为数字（万元）", "a number");
	double x = json_number_value(v);
	if (!isfinite(x) || x <= 0 || x > POLICY_AMOUNT_MAX)
		return err_set(e, ERR_VALIDATION, key, "金额应大于0且不超过100亿元",
		               "out of range");
	if (fabs(x * 100 - round(x * 100)) > 1e-6)
		return err_set(e, ERR_VALIDATION, key, "金额最多保留两位小数（万元）",
		               "two decimals at most");
	*out = x;
	return 0;
}

static int move(struct req *r, enum app_event ev, struct yq_err *e)
{
	int64_t id;
	json_t *o;
	double amount = NAN;
	const char *text = NULL, *paid_on = NULL;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)))
		return -1;
	switch (ev) {
	case APP_EV_ACCEPT:
		if (json_str(r, o, "note", 0, POLICY_REASON_MAX, &text, e) < 0)
			return -1;
		break;
	case APP_EV_APPROVE:
		if (json_amount(o, "amount", &amount, e) < 0 ||
		    json_str(r, o, "note", 0, POLICY_REASON_MAX, &text, e) < 0)
			return -1;
		break;
	case APP_EV_REJECT:
		if (json_str(r, o, "reason", 1, POLICY_REASON_MAX, &text, e) < 0)
			return -1;
		break;
	case APP_EV_PAY:
		if (json_amount(o, "amount", &amount, e) < 0 ||
		    json_str(r, o, "paid_on", 0, 10, &paid_on, e) < 0 ||
		    json_str(r, o, "note", 0, POLICY_REASON_MAX, &text, e) < 0)
			return -1;
		if (paid_on && *paid_on && !valid_date(paid_on))
			return err_set(e, ERR_VALIDATION, "paid_on", "兑现日期无效",
			               "invalid date");
		break;
	default:
		break;
	}
	if (policy_app_move(req_pool(r), &r->who, id, ev, amount, text, paid_on, e) < 0)
		return -1;
	return app_answer(r, 200, id, e);
}

int h_policy_app_submit(struct req *r, struct yq_err *e)
{
	return move(r, APP_EV_SUBMIT, e);
}

int h_policy_app_accept(struct req *r, struct yq_err *e)
{
	return move(r, APP_EV_ACCEPT, e);
}

int h_policy_app_approve(struct req *r, struct yq_err *e)
{
	return move(r, APP_EV_APPROVE, e);
}

int h_policy_app_reject(struct req *r, struct yq_err *e)
{
	return move(r, APP_EV_REJECT, e);
}

int h_policy_app_pay(struct req *r, struct yq_err *e)
{
	return move(r, APP_EV_PAY, e);
}

static void payment_row(void *ctx, const struct policy_payment *y)
{
	jw_entity(ctx, &PAYMENT_OUT, y);
}

int h_policy_app_payments(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	if (policy_payments(c, &r->who, id, payment_row, &w, e) < 0)
		return -1;
	return resp_items_close(r, &w, 0, -1, 0, 0, e);
}
