/* HTTP handlers of 工业物流 (see freight_api.h): decode, call, encode. */
#include "freight/freight_api.h"
#include "freight/freight.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/item_answer.h"
#include "work/store_list.h"
#include <string.h>

/* An enterprise or carrier reader is shown no note or bookkeeping of the zone (F_INTERNAL). */
static const struct entity_out OFFER_STAFF = {&ENTITY_FREIGHT_OFFER, 0, NULL};
static const struct entity_out OFFER_ENT = {&ENTITY_FREIGHT_OFFER, F_INTERNAL, NULL};
static const struct entity_out LOAD_ENT = {&ENTITY_FREIGHT_LOAD, F_INTERNAL, NULL};

static const struct entity_out *out_for(const struct req *r, const struct entity_out *staff,
                                        const struct entity_out *ent)
{
	return freight_outsider(&r->who) ? ent : staff;
}

/* ---- offers ---- */

static int offer_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &FREIGHT_OFFER_Q, id, e);
}

int h_freight_offer_close(struct req *r, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || freight_offer_close(req_pool(r), &r->who, id, e) < 0)
		return -1;
	return offer_answer(r, 200, id, e);
}

/* ---- loads ---- */

static int load_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &FREIGHT_LOAD_Q, id, e);
}

/* A list that counts its rows. */
struct counted {
	struct entity_list l;
	int64_t n;
};

static void counted_row(void *ctx, const void *obj)
{
	struct counted *x = ctx;
	resp_list_row(&x->l, obj);
	x->n++;
}

int h_freight_load_matches(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct freight_load load;
	struct db *c = req_db(r, e);
	/* the load first: another's or none is a 404 before the list starts */
	if (!c || req_id(r, 0, &id, e) < 0 ||
	    store_list_get(c, &FREIGHT_LOAD_Q, &r->who, id, &r->arena, &load, e) < 0)
		return -1;
	struct counted x = {.n = 0};
	resp_list_open(r, &x.l, out_for(r, &OFFER_STAFF, &OFFER_ENT));
	int rc = freight_load_matches(c, &r->who, id, counted_row, &x, e);
	return resp_list_close(&x.l, rc < 0 ? DB_ERR : 0, x.n, 1, FREIGHT_MATCH_MAX, e);
}

static int load_move(struct req *r, const struct freight_load_move *m, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || freight_load_act(req_pool(r), &r->who, id, m, e) < 0)
		return -1;
	return load_answer(r, 200, id, e);
}

int h_freight_load_match(struct req *r, struct yq_err *e)
{
	json_t *o = req_json(r, e);
	struct freight_load_move m = {.action = FLA_MATCH};
	if (!o || json_int(o, "offer_id", 1, 0, 1, INT64_MAX, &m.offer_id, e) < 0)
		return -1;
	return load_move(r, &m, e);
}

int h_freight_load_confirm(struct req *r, struct yq_err *e)
{
	return load_move(r, &(struct freight_load_move){.action = FLA_CONFIRM}, e);
}

int h_freight_load_decline(struct req *r, struct yq_err *e)
{
	return load_move(r, &(struct freight_load_move){.action = FLA_DECLINE}, e);
}

int h_freight_load_carrier_confirm(struct req *r, struct yq_err *e)
{
	return load_move(r, &(struct freight_load_move){.action = FLA_CARRIER_CONFIRM}, e);
}

int h_freight_load_carrier_decline(struct req *r, struct yq_err *e)
{
	struct freight_load_move m = {.action = FLA_CARRIER_DECLINE};
	if (!freight_as_carrier(&r->who))
		return load_move(r, &m, e);
	/* the load declined is no longer the carrier's to read: it is answered as the move left it
	 */
	int64_t id;
	struct freight_load x;
	if (req_id(r, 0, &id, e) < 0 ||
	    freight_load_act_out(req_pool(r), &r->who, id, &m, &r->arena, &x, e) < 0)
		return -1;
	return resp_entity(r, 200, &LOAD_ENT, &x);
}

int h_freight_load_withdraw(struct req *r, struct yq_err *e)
{
	return load_move(r, &(struct freight_load_move){.action = FLA_WITHDRAW}, e);
}

int h_freight_load_cancel(struct req *r, struct yq_err *e)
{
	return load_move(r, &(struct freight_load_move){.action = FLA_CANCEL}, e);
}

int h_freight_load_done(struct req *r, struct yq_err *e)
{
	json_t *o = req_json(r, e);
	struct freight_load_move m = {.action = FLA_DONE};
	if (!o || json_str(r, o, "outcome", 1, 20, &m.outcome, e) < 0 ||
	    json_str(r, o, "note", 0, FREIGHT_NOTES_MAX, &m.note, e) < 0)
		return -1;
	return load_move(r, &m, e);
}

/* ---- registrations ---- */

static int reg_answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	return store_item_answer(r, status, &FREIGHT_REG_Q, id, e);
}

static int reg_move(struct req *r, enum freight_reg_event ev, const char *reason, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 ||
	    freight_reg_act(req_pool(r), &r->who, id, ev, reason, e) < 0)
		return -1;
	return reg_answer(r, 200, id, e);
}

int h_freight_reg_approve(struct req *r, struct yq_err *e)
{
	return reg_move(r, FRE_APPROVE, NULL, e);
}

int h_freight_reg_reject(struct req *r, struct yq_err *e)
{
	json_t *o = req_json(r, e);
	const char *reason = NULL;
	if (!o || json_str(r, o, "reason", 1, 200, &reason, e) < 0)
		return -1;
	return reg_move(r, FRE_REJECT, reason, e);
}

int h_freight_reg_withdraw(struct req *r, struct yq_err *e)
{
	return reg_move(r, FRE_WITHDRAW, NULL, e);
}

/* ---- figures ---- */

int h_freight_summary(struct req *r, struct yq_err *e)
{
	struct freight_summary s;
	struct db *c = req_db(r, e);
	if (!c || freight_summary(c, &r->who, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "carriers", s.carriers);
	jw_kint(&w, "trucks", s.trucks);
	jw_kint(&w, "open_offers", s.open_offers);
	jw_kint(&w, "open_loads", s.open_loads);
	jw_kint(&w, "matched", s.matched);
	jw_kint(&w, "delivered", s.delivered);
	jw_kdouble(&w, "savings_wan", s.savings_wan);
	jw_kdouble(&w, "goods_wan", s.goods_wan);
	jw_kint(&w, "regs_today", s.regs_today);
	jw_key(&w, "days");
	jw_arr_open(&w);
	for (int i = 0; i < FREIGHT_DAYS; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "date", s.days[i].date);
		jw_kint(&w, "total", s.days[i].total);
		jw_kint(&w, "approved", s.days[i].approved);
		jw_kint(&w, "pending", s.days[i].pending);
		jw_kint(&w, "rejected", s.days[i].rejected);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}
