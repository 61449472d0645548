/* Unit tests for the 银企对接 rules (pure functions and field tables in src/finance/finance.c):
 * names and labels, the whole transition tables of a demand and of a bank's answer (every
 * state × every event, against the moves written out here), the checks of a product, an
 * approval and a tranche, and bodies decoded by the tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "finance/finance.h"
#include "lib/arena.h"

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < FIN__DEMAND_COUNT; s++) {
		assert_int_equal(fin_demand_status_from(fin_demand_status_name(s)), s);
		assert_true(strlen(fin_demand_status_label(s)) > 0);
	}
	for (int s = 0; s < FIN__OFFER_COUNT; s++) {
		assert_int_equal(fin_offer_status_from(fin_offer_status_name(s)), s);
		assert_true(strlen(fin_offer_status_label(s)) > 0);
	}
	for (int g = 0; g < FIN__GUARANTEE_COUNT; g++)
		assert_int_equal(fin_guarantee_from(fin_guarantee_name(g)), g);
	assert_string_equal(fin_guarantee_label(FIN_G_INSURANCE), "保证保险");
	assert_string_equal(fin_guarantee_label(FIN_G_RISK_FUND), "风险补偿基金");
	assert_string_equal(fin_demand_status_label(FIN_PUSHED), "已推送");
	assert_int_equal(fin_demand_status_from("nope"), FIN__DEMAND_COUNT);
	assert_int_equal(fin_demand_status_from(NULL), FIN__DEMAND_COUNT);
	assert_int_equal(fin_offer_status_from(""), FIN__OFFER_COUNT);
	assert_int_equal(fin_guarantee_from("Credit"), FIN__GUARANTEE_COUNT);
	assert_string_equal(fin_demand_status_name(FIN__DEMAND_COUNT), "");
}

/* Every state × event of a demand: the moves listed here, every other refused with 409. */
static void test_demand_table(void **state)
{
	(void)state;
	static const struct {
		int from, ev, to;
	} ok[] = {
	    {FIN_DRAFT, FIN_EV_SUBMIT, FIN_SUBMITTED},
	    {FIN_SUBMITTED, FIN_EV_PUSH, FIN_PUSHED},
	    {FIN_PUSHED, FIN_EV_PUSH, FIN_PUSHED},
	    {FIN_APPROVED, FIN_EV_PUSH, FIN_APPROVED},
	    {FIN_PUSHED, FIN_EV_APPROVE, FIN_APPROVED},
	    {FIN_APPROVED, FIN_EV_APPROVE, FIN_APPROVED},
	    {FIN_DISBURSED, FIN_EV_APPROVE, FIN_DISBURSED},
	    {FIN_APPROVED, FIN_EV_DISBURSE, FIN_DISBURSED},
	    {FIN_DISBURSED, FIN_EV_DISBURSE, FIN_DISBURSED},
	    {FIN_DRAFT, FIN_EV_WITHDRAW, FIN_WITHDRAWN},
	    {FIN_SUBMITTED, FIN_EV_WITHDRAW, FIN_WITHDRAWN},
	    {FIN_PUSHED, FIN_EV_WITHDRAW, FIN_WITHDRAWN},
	    {FIN_PUSHED, FIN_EV_CLOSE, FIN_CLOSED},
	    {FIN_APPROVED, FIN_EV_CLOSE, FIN_CLOSED},
	    {FIN_DISBURSED, FIN_EV_CLOSE, FIN_CLOSED},
	};
	int n_ok = 0;
	for (int s = 0; s <= FIN__DEMAND_COUNT; s++)
		for (int ev = 0; ev < FIN__DEMAND_EVENT_COUNT; ev++) {
			int want = -1;
			for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
				if (ok[i].from == s && ok[i].ev == ev)
					want = ok[i].to;
			enum fin_demand_status to = FIN__DEMAND_COUNT;
			struct yq_err e = {0};
			int rc = fin_demand_next(s, ev, &to, &e);
			if (want >= 0) {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want);
				n_ok++;
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_string_equal(e.field, "status");
				assert_non_null(strstr(e.message, "融资需求"));
			}
		}
	assert_int_equal(n_ok, (int)(sizeof ok / sizeof ok[0]));
	/* closed and withdrawn are final */
	for (int ev = 0; ev < FIN__DEMAND_EVENT_COUNT; ev++) {
		enum fin_demand_status to;
		struct yq_err e = {0};
		assert_int_equal(fin_demand_next(FIN_CLOSED, ev, &to, &e), -1);
		assert_int_equal(fin_demand_next(FIN_WITHDRAWN, ev, &to, &e), -1);
		assert_non_null(strstr(e.message, "已撤回"));
	}
}

static void test_offer_table(void **state)
{
	(void)state;
	static const struct {
		int from, ev, to;
	} ok[] = {
	    {FIN_OFFER_PUSHED, FIN_OEV_ACCEPT, FIN_OFFER_REVIEWING},
	    {FIN_OFFER_PUSHED, FIN_OEV_DECLINE, FIN_OFFER_DECLINED},
	    {FIN_OFFER_REVIEWING, FIN_OEV_DECLINE, FIN_OFFER_DECLINED},
	    {FIN_OFFER_PUSHED, FIN_OEV_APPROVE, FIN_OFFER_APPROVED},
	    {FIN_OFFER_REVIEWING, FIN_OEV_APPROVE, FIN_OFFER_APPROVED},
	    {FIN_OFFER_APPROVED, FIN_OEV_DISBURSE, FIN_OFFER_DISBURSED},
	    {FIN_OFFER_DISBURSED, FIN_OEV_DISBURSE, FIN_OFFER_DISBURSED},
	};
	for (int s = 0; s <= FIN__OFFER_COUNT; s++)
		for (int ev = 0; ev < FIN__OFFER_EVENT_COUNT; ev++) {
			int want = -1;
			for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
				if (ok[i].from == s && ok[i].ev == ev)
					want = ok[i].to;
			enum fin_offer_status to = FIN__OFFER_COUNT;
			struct yq_err e = {0};
			int rc = fin_offer_next(s, ev, &to, &e);
			if (want >= 0) {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want);
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(strstr(e.message, "银行"));
			}
		}
	struct yq_err e = {0};
	enum fin_offer_status to;
	assert_int_equal(fin_offer_next(FIN_OFFER_DECLINED, FIN_OEV_APPROVE, &to, &e), -1);
	assert_non_null(strstr(e.message, "婉拒"));
}

static void test_answerable(void **state)
{
	(void)state;
	for (int s = 0; s < FIN__DEMAND_COUNT; s++) {
		struct yq_err e = {0};
		int open = s == FIN_PUSHED || s == FIN_APPROVED || s == FIN_DISBURSED;
		assert_int_equal(fin_demand_answerable(s, &e), open ? 0 : -1);
		if (!open)
			assert_int_equal(e.code, ERR_STATE);
	}
}

static void test_checks(void **state)
{
	(void)state;
	struct yq_err e = {0};
	struct fin_product p = {.rate_min = 3, .rate_max = 4, .amount_min = NAN, .amount_max = 100};
	assert_int_equal(fin_check_product(&p, &e), 0);
	p.rate_max = 2.9;
	assert_int_equal(fin_check_product(&p, &e), -1);
	assert_string_equal(e.field, "rate_max");
	p.rate_max = NAN;
	p.amount_min = 200;
	assert_int_equal(fin_check_product(&p, &e), -1);
	assert_string_equal(e.field, "amount_max");

	struct fin_offer o = {
	    .approved_amount = 4500, .rate = 3.85, .term_months = 36, .approved_on = "2030-01-10"};
	assert_int_equal(fin_check_approval(&o, &e), 0);
	o.approved_amount = NAN;
	assert_int_equal(fin_check_approval(&o, &e), -1);
	assert_string_equal(e.field, "approved_amount");
	o.approved_amount = 1;
	o.rate = 0;
	assert_int_equal(fin_check_approval(&o, &e), -1);
	assert_string_equal(e.field, "rate");
	o.rate = 4;
	o.term_months = 0;
	assert_int_equal(fin_check_approval(&o, &e), -1);
	assert_string_equal(e.field, "term_months");
	o.term_months = 1;
	o.approved_on = "";
	assert_int_equal(fin_check_approval(&o, &e), -1);
	assert_string_equal(e.field, "approved_on");

	/* 泰盟: 4500 approved, 2000 then 1500 disbursed; 1000 more fits, 1000.01 does not */
	assert_int_equal(fin_check_tranche(4500, 0, 2000, &e), 0);
	assert_int_equal(fin_check_tranche(4500, 3500, 1000, &e), 0);
	assert_int_equal(fin_check_tranche(4500, 3500, 1000.01, &e), -1);
	assert_string_equal(e.field, "amount");
	assert_int_equal(fin_check_tranche(4500, 0, 0, &e), -1);
	assert_int_equal(fin_check_tranche(4500, 0, NAN, &e), -1);
	assert_int_equal(fin_check_tranche(4500, 0, -5, &e), -1);
}

/* Bodies decoded by the tables: the required members, the enums, the ranges. */
static void test_decode(void **state)
{
	(void)state;
	static const struct {
		const struct entity *en;
		const char *body, *field; /* NULL field: accepted */
	} cases[] = {
	    {&ENTITY_FIN_DEMAND,
	     "{\"amount\": 4500, \"purpose\": \"流动资金\", \"term_months\": 36}", NULL},
	    {&ENTITY_FIN_DEMAND, "{\"purpose\": \"流动资金\", \"term_months\": 36}", "amount"},
	    {&ENTITY_FIN_DEMAND,
	     "{\"amount\": 4500, \"purpose\": \"x\", \"term_months\": 36, \"urgency\": \"now\"}",
	     "urgency"},
	    {&ENTITY_FIN_DEMAND, "{\"amount\": 4500, \"purpose\": \"x\", \"term_months\": 999}",
	     "term_months"},
	    {&ENTITY_FIN_DEMAND,
	     "{\"amount\": 1, \"purpose\": \"x\", \"term_months\": 1, \"wanted_by\": "
	     "\"2030-13-01\"}",
	     "wanted_by"},
	    {&ENTITY_FIN_PRODUCT,
	     "{\"bank_id\": 1, \"name\": \"科技贷\", \"guarantee\": \"risk_fund\", "
	     "\"term_months\": 12}",
	     NULL},
	    {&ENTITY_FIN_PRODUCT, "{\"bank_id\": 1, \"name\": \"x\", \"term_months\": 12}",
	     "guarantee"},
	    {&ENTITY_FIN_PRODUCT,
	     "{\"bank_id\": 1, \"name\": \"x\", \"guarantee\": \"credit\", \"term_months\": 12, "
	     "\"rate_max\": 101}",
	     "rate_max"},
	    {&ENTITY_FIN_BANK, "{\"name\": \"吉林银行\", \"branch\": \"长春分行\"}", NULL},
	    {&ENTITY_FIN_BANK, "{\"branch\": \"长春分行\"}", "name"},
	    {&ENTITY_FIN_APPROVAL,
	     "{\"approved_amount\": 4500, \"rate\": 3.85, \"term_months\": 36, \"approved_on\": "
	     "\"2030-01-10\"}",
	     NULL},
	    {&ENTITY_FIN_APPROVAL,
	     "{\"rate\": 3.85, \"term_months\": 36, \"approved_on\": \"2030-01-10\"}",
	     "approved_amount"},
	    {&ENTITY_FIN_TRANCHE, "{\"on_date\": \"2030-01-20\", \"amount\": 2000}", NULL},
	    {&ENTITY_FIN_TRANCHE, "{\"amount\": 2000}", "on_date"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena a = ARENA_INIT;
		union {
			struct fin_demand d;
			struct fin_product p;
			struct fin_bank b;
			struct fin_offer o;
			struct fin_tranche t;
		} obj;
		memset(&obj, 0, sizeof obj);
		struct yq_err e = {0};
		json_t *o = json_loads(cases[i].body, 0, NULL);
		assert_non_null(o);
		int rc = entity_decode(cases[i].en, o, DECODE_FULL, &a, &obj, NULL, &e);
		json_decref(o);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
			if (cases[i].en == &ENTITY_FIN_DEMAND)
				assert_string_equal(obj.d.urgency, "normal");
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(e.field, cases[i].field);
		}
		arena_release(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),       cmocka_unit_test(test_demand_table),
	    cmocka_unit_test(test_offer_table), cmocka_unit_test(test_answerable),
	    cmocka_unit_test(test_checks),      cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
