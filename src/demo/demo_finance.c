/* The demo's 银企对接: each zone's partner banks and their loan products, and the loan demands
 * the service center pushed to them, registered through the finance store (finance.h, the *_in
 * writes) as the desk and the banks would. The seeds say:
 *   长春装备制造产业开发区 (cczb) "反复协调吉林银行、建设银行、农业银行与长春泰盟机械制造股份有限
 *   公司进行对接，最终经过逐级审批，吉林银行决定给长春泰盟机械制造股份公司贷款4500万元。截至目前，
 *   已有3500万元到位" (2020): 泰盟's demand pushed to the three banks, 吉林银行 approving 4500万元
 *   and disbursing 2000 + 1500万元, the two others declining;
 *   望城经开区 (wcetdz) "建立银企对接平台，推进70亿元信贷；推出保险贷款和风险补偿基金，帮助公司
 *   筹集16亿元" (2021): loans to its enterprises whose approvals add up to 70亿元, 16亿元 of them
 *   through 保证保险 and 风险补偿基金 products — the summary computes both from these rows.
 * Every zone gets the three banks and one bank account (<zone>-yinhang, 吉林银行's in the
 * 长春 zones) with the demo's password. */
#include "demo/demo_int.h"
#include "finance/finance.h"
#include "org/org.h"
#include "lib/log.h"
#include <math.h>
#include <string.h>

struct demo_product {
	const char *name, *guarantee;
	double rate_min, rate_max;
	int term;
	double min, max;
};
struct demo_bank {
	const char *name, *branch, *contact, *phone;
	struct demo_product p[3];
};

static const struct demo_bank CHANGCHUN[] = {
    {"吉林银行",
     "长春分行营业部",
     "孙立新",
     "0431-84999001",
     {{"科技型企业信用贷", "credit", 3.65, 4.35, 36, 100, 3000},
      {"厂房设备抵押贷", "mortgage", 3.85, 4.75, 60, 500, 10000},
      {.name = NULL}}},
    {"中国建设银行",
     "长春经济技术开发区支行",
     "赵晓东",
     "0431-84999002",
     {{"善新贷", "credit", 3.45, 4.2, 12, 50, 1000},
      {"抵押快贷", "mortgage", 3.7, 4.6, 36, 200, 5000},
      {.name = NULL}}},
    {"中国农业银行",
     "长春汽车产业开发区支行",
     "钱伟",
     "0431-84999003",
     {{"链捷贷", "guarantor", 3.8, 4.8, 24, 100, 3000}, {.name = NULL}}},
};

static const struct demo_bank WANGCHENG[] = {
    {"长沙银行",
     "望城支行",
     "周海燕",
     "0731-88088001",
     {{"园区信用贷", "credit", 3.6, 4.5, 24, 100, 5000},
      {"保证保险贷", "insurance", 4.2, 5.2, 12, 50, 3000},
      {.name = NULL}}},
    {"中国建设银行",
     "长沙望城支行",
     "李振华",
     "0731-88088002",
     {{"抵押快贷", "mortgage", 3.7, 4.6, 60, 500, 30000},
      {"风险补偿贷", "risk_fund", 3.9, 4.9, 24, 100, 5000},
      {.name = NULL}}},
    {"湖南望城农村商业银行",
     "开发区支行",
     "彭敏",
     "0731-88088003",
     {{"政银担贷", "guarantor", 4.0, 5.0, 36, 100, 10000},
      {"保证保险贷", "insurance", 4.3, 5.3, 12, 50, 2000},
      {.name = NULL}}},
};

#define BANKS_MAX 3

/* The zone's banks and their products; ids into bank_ids and prod_ids[bank][k]. */
static int add_banks(struct zone_ctx *z, const struct demo_bank *banks, int n, int64_t *bank_ids,
                     int64_t prod_ids[][3], struct yq_err *e)
{
	for (int b = 0; b < n; b++) {
		struct fin_bank x = {.name = banks[b].name,
		                     .branch = banks[b].branch,
		                     .contact = banks[b].contact,
		                     .phone = banks[b].phone,
		                     .notes = ""};
		if (store_create_in(z->tx, z->who, &FIN_BANK_EDIT, &x, e) < 0)
			return -1;
		bank_ids[b] = x.id;
		for (int k = 0; k < 3 && banks[b].p[k].name; k++) {
			const struct demo_product *d = &banks[b].p[k];
			struct fin_product p = {.bank_id = x.id,
			                        .name = d->name,
			                        .guarantee = d->guarantee,
			                        .rate_min = d->rate_min,
			                        .rate_max = d->rate_max,
			                        .term_months = d->term,
			                        .amount_min = d->min,
			                        .amount_max = d->max,
			                        .notes = ""};
			if (store_create_in(z->tx, z->who, &FIN_PRODUCT_EDIT, &p, e) < 0)
				return -1;
			prod_ids[b][k] = p.id;
		}
	}
	return 0;
}

/* The bank's account of the zone: <zone>-yinhang, of the first bank. */
static int add_bank_user(struct zone_ctx *z, int64_t bank_id, const char *name, struct yq_err *e)
{
	struct user in = {.display_name = name, .role = "bank", .bank_id = bank_id};
	return demo_org_account_add(z, "yinhang", &in, e);
}

/* A demand of enterprise ent for `amount`, submitted on `on`, pushed to banks[0..n). */
static int add_demand(struct zone_ctx *z, int64_t ent, double amount, const char *purpose, int term,
                      const char *collateral, const char *on, const int64_t *banks, int n,
                      struct fin_demand *d, struct yq_err *e)
{
	memset(d, 0, sizeof *d);
	d->enterprise_id = ent;
	d->amount = amount;
	d->purpose = purpose;
	d->term_months = term;
	d->collateral = collateral;
	d->urgency = "urgent";
	d->wanted_by = NULL;
	d->notes = "";
	if (fin_demand_create_in(z->tx, z->who, d, 0, e) < 0)
		return -1;
	if (db_do(z->tx, "UPDATE fin_demand SET submitted_on = ? WHERE id = ?", DB_T(on),
	          DB_I(d->id)) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot date the demand");
	return n ? fin_demand_push_in(z->tx, z->who, d->id, banks, n, e) : 0;
}

/* The answer of bank `bank` to demand d. */
static int64_t offer_of(struct zone_ctx *z, int64_t demand, int64_t bank)
{
	int64_t id = 0;
	db_query_int(z->tx, "SELECT id FROM fin_offer WHERE demand_id = ? AND bank_id = ?", &id, 2,
	             demand, bank);
	return id;
}

static int approve(struct zone_ctx *z, int64_t offer, int64_t product, double amount, double rate,
                   int term, const char *on, struct yq_err *e)
{
	struct fin_offer in = {.product_id = product,
	                       .approved_amount = amount,
	                       .rate = rate,
	                       .term_months = term,
	                       .approved_on = on,
	                       .reason = ""};
	if (fin_offer_answer_in(z->tx, z->who, offer, FIN_OEV_ACCEPT, &in, e) < 0 ||
	    fin_offer_answer_in(z->tx, z->who, offer, FIN_OEV_APPROVE, &in, e) < 0)
		return -1;
	return db_do(z->tx,
	             "UPDATE fin_offer SET answered_at = pushed_at + 86400 * 20 WHERE id = ?",
	             DB_I(offer)) < 0
	           ? err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot date the answer")
	           : 0;
}

static int disburse(struct zone_ctx *z, int64_t offer, const char *on, double amount,
                    struct yq_err *e)
{
	struct fin_tranche t = {.on_date = on, .amount = amount};
	return fin_offer_disburse_in(z->tx, z->who, offer, &t, e);
}

static int decline(struct zone_ctx *z, int64_t offer, const char *reason, struct yq_err *e)
{
	struct fin_offer in = {.reason = reason, .approved_amount = NAN, .rate = NAN};
	return fin_offer_answer_in(z->tx, z->who, offer, FIN_OEV_DECLINE, &in, e);
}

/* 泰盟 and 吉林银行 (cczb, 2020). */
static int taimeng(struct zone_ctx *z, const int64_t *banks, int64_t prod[][3], struct yq_err *e)
{
	int64_t ent = 0;
	struct db_stmt *st =
	    db_prepare_with(z->tx, "SELECT id FROM enterprise WHERE zone_id = ? AND name LIKE ?",
	                    DB_I(z->zone_id), DB_T("%泰盟机械%"));
	if (st) {
		if (db_step(st) == DB_ROW)
			ent = db_col_int(st, 0);
		db_reset(st);
	}
	if (!ent)
		return 0; /* not in this zone's list */
	struct fin_demand d;
	if (add_demand(z, ent, 4500, "智能化工厂二期设备购置及流动资金周转", 36,
	               "厂房、土地使用权抵押", "2020-04-16", banks, 3, &d, e) < 0)
		return -1;
	int64_t jl = offer_of(z, d.id, banks[0]), js = offer_of(z, d.id, banks[1]),
	        ny = offer_of(z, d.id, banks[2]);
	if (approve(z, jl, prod[0][1], 4500, 4.35, 36, "2020-06-18", e) < 0 ||
	    disburse(z, jl, "2020-07-10", 2000, e) < 0 ||
	    disburse(z, jl, "2020-09-25", 1500, e) < 0)
		return -1;
	struct fin_offer acc = {.reason = "", .approved_amount = NAN, .rate = NAN};
	if (fin_offer_answer_in(z->tx, z->who, js, FIN_OEV_ACCEPT, &acc, e) < 0 ||
	    decline(z, js, "企业已获吉林银行授信，本行暂不重复授信", e) < 0 ||
	    decline(z, ny, "抵押物已设定抵押，担保不足", e) < 0)
		return -1;
	return 0;
}

/* 望城 (2021): 40 loans, approvals adding up to 700000万元 (70亿元); 10 through 保证保险 of
 * 9000万元 and 10 through 风险补偿基金 of 7000万元 (16亿元), 20 of 27000万元 by credit,
 * mortgage or guarantee. Disbursed in full, in two tranches. */
static int wangcheng(struct zone_ctx *z, const int64_t *banks, int64_t prod[][3], struct yq_err *e)
{
	static const char *const PURPOSES[] = {"扩大产能购置生产线", "原材料采购流动资金",
	                                       "新建厂房及配套设施", "研发投入与设备更新"};
	if (z->n_ents < 40)
		return 0;
	for (int i = 0; i < 40; i++) {
		/* kind: 0 insurance (长沙银行 / 农商行), 1 risk fund (建设银行), 2 other */
		int kind = i < 10 ? 0 : i < 20 ? 1 : 2;
		double amount = kind == 0 ? 9000 : kind == 1 ? 7000 : 27000;
		int b = kind == 0 ? (i % 2 ? 2 : 0) : kind == 1 ? 1 : i % 3;
		int64_t product = kind == 0   ? prod[b][1]
		                  : kind == 1 ? prod[1][1]
		                  : b == 0    ? prod[0][0]
		                  : b == 1    ? prod[1][0]
		                              : prod[2][0];
		int month = 1 + i % 11;
		char on[11], appr[11], t1[11], t2[11];
		snprintf(on, sizeof on, "2021-%02d-%02d", month, 3 + i % 20);
		snprintf(appr, sizeof appr, "2021-%02d-%02d", month + 1, 5 + i % 10);
		snprintf(t1, sizeof t1, "2021-%02d-%02d", month + 1, 15 + i % 10);
		snprintf(t2, sizeof t2, "2021-%02d-%02d", month + 1 < 12 ? month + 2 : 12, 26);
		struct fin_demand d;
		if (add_demand(z, z->ents[i].id, amount, PURPOSES[i % 4], kind == 2 ? 36 : 12,
		               kind == 2 ? "厂房抵押" : "", on, &banks[b], 1, &d, e) < 0)
			return -1;
		int64_t o = offer_of(z, d.id, banks[b]);
		if (approve(z, o, product, amount, kind == 2 ? 4.1 : 4.6, kind == 2 ? 36 : 12, appr,
		            e) < 0 ||
		    disburse(z, o, t1, amount * 0.6, e) < 0 ||
		    disburse(z, o, t2, amount * 0.4, e) < 0)
			return -1;
	}
	return 0;
}

int demo_finance_add(struct zone_ctx *z, int64_t now)
{
	(void)now;
	struct yq_err e = {0};
	int wc = strcmp(z->code, "wcetdz") == 0;
	const struct demo_bank *banks = wc ? WANGCHENG : CHANGCHUN;
	int64_t bank_ids[BANKS_MAX] = {0}, prod[BANKS_MAX][3] = {{0}};
	int ret = -1;
	if (add_banks(z, banks, BANKS_MAX, bank_ids, prod, &e) < 0 ||
	    add_bank_user(z, bank_ids[0], wc ? "长沙银行客户经理" : "吉林银行客户经理", &e) < 0)
		goto out;
	if (strcmp(z->code, "cczb") == 0 && taimeng(z, bank_ids, prod, &e) < 0)
		goto out;
	if (wc && wangcheng(z, bank_ids, prod, &e) < 0)
		goto out;
	ret = 0;
out:
	if (ret < 0)
		error("demo: zone %s: finance: %s (%s)", z->code, e.message_en ? e.message_en : "?",
		      e.field ? e.field : "");
	return ret;
}
