/* HTTP handlers of 银企对接 (see finance_api.h): decode, call, encode. */
#include "finance/finance_api.h"
#include "finance/finance.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/item_answer.h"
#include "work/store_list.h"
#include <math.h>
#include <string.h>

/* ---- banks ---- */

struct bank_args {
	int64_t page, page_size;
};

/* ---- demands ---- */

static int demand_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &FIN_DEMAND_Q, id, e);
}

int h_fin_demand_create(struct req *r, struct yq_err *e)
{
	struct fin_demand d;
	int draft = 0;
	memset(&d, 0, sizeof d);
	json_t *body = req_entity(r, &ENTITY_FIN_DEMAND, DECODE_FULL, &d, NULL, e);
	if (!body || json_bool(body, "draft", 0, &draft, e) < 0 ||
	    fin_demand_create(req_pool(r), &r->who, &d, draft, e) < 0)
		return -1;
	return demand_answer(r, 201, d.id, e);
}

static int demand_move(struct req *r, enum fin_demand_event ev, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || fin_demand_move(req_pool(r), &r->who, id, ev, e) < 0)
		return -1;
	return demand_answer(r, 200, id, e);
}

int h_fin_demand_submit(struct req *r, struct yq_err *e)
{
	return demand_move(r, FIN_EV_SUBMIT, e);
}

int h_fin_demand_withdraw(struct req *r, struct yq_err *e)
{
	return demand_move(r, FIN_EV_WITHDRAW, e);
}

int h_fin_demand_close(struct req *r, struct yq_err *e)
{
	return demand_move(r, FIN_EV_CLOSE, e);
}

int h_fin_demand_push(struct req *r, struct yq_err *e)
{
	int64_t id, banks[FIN_PUSH_MAX];
	json_t *o;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)))
		return -1;
	json_t *arr = json_object_get(o, "bank_ids");
	if (!json_is_array(arr) || json_array_size(arr) < 1)
		return err_set(e, ERR_VALIDATION, "bank_ids", "请选择银行", "choose the banks");
	if (json_array_size(arr) > FIN_PUSH_MAX)
		return err_set(e, ERR_VALIDATION, "bank_ids", "一次最多推送20家银行",
		               "at most 20 banks at a time");
	int n = 0;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return err_set(e, ERR_VALIDATION, "bank_ids", "银行编号无效",
			               "bank ids are positive integers");
		int64_t b = json_integer_value(v);
		int dup = 0;
		for (int k = 0; k < n; k++)
			dup |= banks[k] == b;
		if (!dup)
			banks[n++] = b;
	}
	if (fin_demand_push(req_pool(r), &r->who, id, banks, n, e) < 0)
		return -1;
	return demand_answer(r, 200, id, e);
}

/* ---- a bank's answers ---- */

static int offer_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &FIN_OFFER_Q, id, e);
}

static void tranche_row(void *ctx, const void *row)
{
	const struct fin_tranche *t = row;
	struct jsonw *w = ctx;
	jw_obj_open(w);
	jw_kint(w, "id", t->id);
	jw_kint(w, "offer_id", t->offer_id);
	jw_kstr(w, "on_date", t->on_date ? t->on_date : "");
	jw_kdouble(w, "amount", t->amount);
	jw_obj_close(w);
}

int h_fin_offer_tranches(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0)
		return -1;
	/* read first: a foreign answer is a 404 before anything is written */
	struct fin_offer x;
	if (store_list_get(c, &FIN_OFFER_Q, &r->who, id, &r->arena, &x, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	int rc = fin_tranche_list(c, &r->who, id, tranche_row, &w, e);
	jw_arr_close(&w);
	jw_obj_close(&w);
	return rc;
}

static int offer_move(struct req *r, enum fin_offer_event ev, struct yq_err *e)
{
	int64_t id;
	struct fin_offer in;
	memset(&in, 0, sizeof in);
	in.approved_amount = in.rate = NAN;
	if (req_id(r, 0, &id, e) < 0)
		return -1;
	if (ev == FIN_OEV_APPROVE) {
		if (!req_entity(r, &ENTITY_FIN_APPROVAL, DECODE_FULL, &in, NULL, e))
			return -1;
	} else if (ev == FIN_OEV_DECLINE) {
		json_t *o = req_json(r, e);
		if (!o || json_str(r, o, "reason", 1, FIN_TEXT_MAX, &in.reason, e) < 0)
			return -1;
	}
	if (fin_offer_answer(req_pool(r), &r->who, id, ev, &in, e) < 0)
		return -1;
	return offer_answer(r, 200, id, e);
}

int h_fin_offer_accept(struct req *r, struct yq_err *e)
{
	return offer_move(r, FIN_OEV_ACCEPT, e);
}

int h_fin_offer_decline(struct req *r, struct yq_err *e)
{
	return offer_move(r, FIN_OEV_DECLINE, e);
}

int h_fin_offer_approve(struct req *r, struct yq_err *e)
{
	return offer_move(r, FIN_OEV_APPROVE, e);
}

int h_fin_offer_disburse(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct fin_tranche t;
	memset(&t, 0, sizeof t);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_FIN_TRANCHE, DECODE_FULL, &t, NULL, e) ||
	    fin_offer_disburse(req_pool(r), &r->who, id, &t, e) < 0)
		return -1;
	return offer_answer(r, 200, id, e);
}

/* ---- figures ---- */

static void counts(struct jsonw *w, const struct fin_count *c)
{
	jw_kint(w, "loans", c->loans);
	jw_kdouble(w, "approved", c->approved);
	jw_kdouble(w, "disbursed", c->disbursed);
}

int h_fin_summary(struct req *r, struct yq_err *e)
{
	int64_t year = 0;
	struct fin_summary s;
	struct db *c = req_db(r, e);
	if (!c || req_query_int(r, "year", 0, 2000, 2100, &year, e) < 0 ||
	    fin_summary(c, &r->who, year, &r->arena, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	if (year)
		jw_kint(&w, "year", year);
	else
		jw_kint_or_null(&w, "year", 0);
	jw_kint(&w, "demands", s.demands);
	jw_kint(&w, "enterprises", s.enterprises);
	jw_kint(&w, "pushed", s.pushed);
	jw_kdouble(&w, "demanded", s.demanded);
	struct fin_count all = {.loans = s.loans, .approved = s.approved, .disbursed = s.disbursed};
	counts(&w, &all);
	/* the headlines in 亿元 */
	jw_kdouble(&w, "demanded_yi", round(s.demanded) / 10000.0);
	jw_kdouble(&w, "approved_yi", round(s.approved) / 10000.0);
	jw_kdouble(&w, "disbursed_yi", round(s.disbursed) / 10000.0);
	jw_key(&w, "by_bank");
	jw_arr_open(&w);
	for (int i = 0; i < s.n_banks; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "bank_id", s.by_bank[i].id);
		jw_kstr(&w, "name", s.by_bank[i].key);
		counts(&w, &s.by_bank[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_product");
	jw_arr_open(&w);
	for (int i = 0; i < s.n_products; i++) {
		jw_obj_open(&w);
		jw_kint_or_null(&w, "product_id", s.by_product[i].id);
		jw_kstr(&w, "name", s.by_product[i].key);
		jw_kstr(&w, "bank", s.by_product[i].bank);
		counts(&w, &s.by_product[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_guarantee");
	jw_arr_open(&w);
	for (int i = 0; i < FIN__GUARANTEE_COUNT; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "guarantee", s.by_guarantee[i].key);
		jw_kstr(&w, "label", fin_guarantee_label((enum fin_guarantee)i));
		counts(&w, &s.by_guarantee[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_month");
	jw_arr_open(&w);
	for (int i = 0; year && i < 12; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "month", s.by_month[i].key);
		jw_kint(&w, "demands", s.by_month[i].demands);
		jw_kdouble(&w, "demanded", s.by_month[i].demanded);
		counts(&w, &s.by_month[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}
