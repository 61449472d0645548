/* Unit tests for the 工业物流 rules (pure functions and the field tables in
 * src/freight/freight.c): the whole transition tables of loads and registrations, plates, city
 * names, every matching rule (route, dates, room), the ranking, the savings, and bodies decoded
 * by the tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "freight/freight.h"
#include "lib/arena.h"

/* Names round-trip; unknown names are the count. */
static void test_names(void **state)
{
	for (int s = 0; s < FL__COUNT; s++) {
		enum freight_load_status x = (enum freight_load_status)s;
		assert_int_equal(freight_load_status_from(freight_load_status_name(x)), s);
		assert_true(strlen(freight_load_status_label(x)) > 0);
	}
	for (int s = 0; s < FR__COUNT; s++)
		assert_int_equal(
		    freight_reg_status_from(freight_reg_status_name((enum freight_reg_status)s)),
		    s);
	assert_int_equal(freight_load_status_from("Open"), FL__COUNT);
	assert_int_equal(freight_load_status_from(NULL), FL__COUNT);
	assert_int_equal(freight_reg_status_from("done"), FR__COUNT);
	assert_string_equal(freight_load_status_label(FL_OPEN), "待匹配");
	assert_string_equal(freight_load_status_name(FL__COUNT), "");
}

/* The load's transition table, every state by every event: the allowed moves and where they
 * go; every other one refused with ERR_STATE on "status" and a message naming the state. */
static void test_load_moves(void **state)
{
	static const struct {
		enum freight_load_status from;
		enum freight_load_event ev;
		enum freight_load_status to;
	} allowed[] = {
	    {FL_OPEN, FLE_MATCH, FL_MATCHED},
	    {FL_OPEN, FLE_WITHDRAW, FL_WITHDRAWN},
	    {FL_MATCHED, FLE_DECLINE, FL_OPEN},
	    {FL_MATCHED, FLE_CONFIRM_HALF, FL_MATCHED},
	    {FL_MATCHED, FLE_CONFIRM_BOTH, FL_CONFIRMED},
	    {FL_MATCHED, FLE_WITHDRAW, FL_WITHDRAWN},
	    {FL_CONFIRMED, FLE_DELIVER, FL_DELIVERED},
	    {FL_CONFIRMED, FLE_FAIL, FL_FAILED},
	    {FL_CONFIRMED, FLE_CANCEL, FL_OPEN},
	};
	static const char *const says[FL__COUNT] = {"待匹配", "尚未双方确认", "已由双方确认",
	                                            "已送达", "未送达",       "已撤回"};
	int n_ok = 0;
	for (int f = 0; f < FL__COUNT; f++)
		for (int v = 0; v < FLE__COUNT; v++) {
			int want = -1;
			for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
				if (allowed[i].from == (enum freight_load_status)f &&
				    allowed[i].ev == (enum freight_load_event)v)
					want = (int)allowed[i].to;
			struct yq_err e = {0};
			enum freight_load_status to = FL__COUNT;
			int rc =
			    freight_load_next(freight_load_status_name((enum freight_load_status)f),
			                      (enum freight_load_event)v, &to, &e);
			if (want >= 0) {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want);
				n_ok++;
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_string_equal(e.field, "status");
				assert_non_null(strstr(e.message, says[f]));
			}
		}
	assert_int_equal(n_ok, 9);
	/* finished states are final */
	for (int v = 0; v < FLE__COUNT; v++) {
		struct yq_err e = {0};
		enum freight_load_status to;
		assert_int_equal(
		    freight_load_next("delivered", (enum freight_load_event)v, &to, &e), -1);
	}
	struct yq_err e = {0};
	enum freight_load_status to;
	assert_int_equal(freight_load_next("lost", FLE_MATCH, &to, &e), -1);
	assert_int_equal(e.code, ERR_STATE);
	assert_int_equal(freight_load_next("open", FLE__COUNT, &to, &e), -1);
}

/* The registration's table: a pending one is approved, rejected or withdrawn; nothing else. */
static void test_reg_moves(void **state)
{
	for (int f = 0; f < FR__COUNT; f++)
		for (int v = 0; v < FRE__COUNT; v++) {
			struct yq_err e = {0};
			enum freight_reg_status to = FR__COUNT;
			int rc =
			    freight_reg_next(freight_reg_status_name((enum freight_reg_status)f),
			                     (enum freight_reg_event)v, &to, &e);
			if (f == FR_PENDING) {
				static const enum freight_reg_status want[] = {
				    FR_APPROVED, FR_REJECTED, FR_WITHDRAWN};
				assert_int_equal(rc, 0);
				assert_int_equal(to, want[v]);
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(strstr(e.message, "不能再变更"));
			}
		}
}

/* Plates: a province, a letter, 5 serials (no I or O) or 4 and 挂; new energy D/F + 5 (the
 * last 4 digits) or 5 digits + D/F. */
static void test_plates(void **state)
{
	static const char *const good[] = {"苏F12345",  "苏FA8K29",  "京AD12345",
	                                   "沪AFA1234", "粤B12345D", "苏F54321F",
	                                   "沪A1234挂", "琼A0000Z",  "新A12345"};
	static const char *const bad[] = {"",          "苏",        "苏F",        "苏f12345",
	                                  "苏F1234",   "苏F123456", "苏FI2345",   "苏FO2345",
	                                  "苏FD1234X", "苏FDA234B", "苏F1234D5",  "港A12345",
	                                  "AF12345",   "苏112345",  "苏F12345DD", "苏F123挂",
	                                  "苏F 12345", "苏F12345 ", "苏FD12345挂"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!freight_plate_ok(good[i]))
			fail_msg("refused %s", good[i]);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (freight_plate_ok(bad[i]))
			fail_msg("accepted %s", bad[i]);
	}
	assert_false(freight_plate_ok(NULL));
}

static void test_cities(void **state)
{
	assert_true(freight_city_eq("常州", "常州"));
	assert_true(freight_city_eq("常州市", "常州"));
	assert_true(freight_city_eq("常州", "常州市"));
	assert_false(freight_city_eq("常州", "常熟"));
	assert_false(freight_city_eq("市", ""));
	assert_false(freight_city_eq(NULL, "常州"));
	assert_false(freight_city_eq("南通", "南通港"));
}

/* The route rule: the load's origin on the route, its destination later on it. */
static void test_route(void **state)
{
	const char *via[] = {"南通", "无锡", "常州市"};
	/* the same destination city */
	assert_true(freight_route_fits("海门", "苏州", "海门", via, 3, "苏州"));
	assert_true(freight_route_fits("海门", "苏州", "海门", NULL, 0, "苏州"));
	/* on the way, after the origin */
	assert_true(freight_route_fits("海门", "无锡", "海门", via, 3, "苏州"));
	assert_true(freight_route_fits("海门", "常州", "海门", via, 3, "苏州"));
	/* from a city on the way, to a later one or the end */
	assert_true(freight_route_fits("南通", "常州", "海门", via, 3, "苏州"));
	assert_true(freight_route_fits("无锡", "苏州", "海门", via, 3, "苏州"));
	/* backwards, off the route, or the origin not on it */
	assert_false(freight_route_fits("无锡", "南通", "海门", via, 3, "苏州"));
	assert_false(freight_route_fits("海门", "上海", "海门", via, 3, "苏州"));
	assert_false(freight_route_fits("启东", "苏州", "海门", via, 3, "苏州"));
	assert_false(freight_route_fits("苏州", "苏州", "海门", via, 3, "苏州"));
	assert_false(freight_route_fits("海门", "海门", "海门", via, 3, "苏州"));
	/* a destination before the origin on the route */
	const char *via2[] = {"常州"};
	assert_false(freight_route_fits("南通", "常州", "海门", via2, 1, "上海"));
}

static void test_dates(void **state)
{
	assert_true(freight_dates_overlap("2026-12-01", "2026-12-03", "2026-12-03", "2026-12-05"));
	assert_true(freight_dates_overlap("2026-12-01", "2026-12-10", "2026-12-03", "2026-12-05"));
	assert_true(freight_dates_overlap("2026-12-04", "2026-12-04", "2026-12-03", "2026-12-05"));
	assert_false(freight_dates_overlap("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-05"));
	assert_false(freight_dates_overlap("2026-12-06", "2026-12-09", "2026-12-03", "2026-12-05"));
	assert_false(freight_dates_overlap(NULL, "2026-12-09", "2026-12-03", "2026-12-05"));
}

static struct freight_cand cand(int64_t id, const char *dest, const char *from, double spare_t,
                                double spare_m3, double used_t, double used_m3)
{
	return (struct freight_cand){.id = id,
	                             .origin = "海门",
	                             .destination = dest,
	                             .date_from = from,
	                             .date_to = "2026-12-20",
	                             .spare_t = spare_t,
	                             .spare_m3 = spare_m3,
	                             .used_t = used_t,
	                             .used_m3 = used_m3};
}

/* Room: the spare less what matched loads take, for weight and for volume. */
static void test_room(void **state)
{
	struct freight_need n = {"海门", "常州", "2026-12-05", "2026-12-08", 2, 8};
	struct freight_cand c = cand(1, "常州", "2026-12-06", 5, 20, 0, 0);
	assert_true(freight_fits(&n, &c));
	assert_true(fabs(c.waste - (3.0 / 5 + 12.0 / 20)) < 1e-9);
	c = cand(1, "常州", "2026-12-06", 5, 20, 3, 0); /* exactly the weight left */
	assert_true(freight_fits(&n, &c));
	c = cand(1, "常州", "2026-12-06", 5, 20, 3.5, 0); /* too heavy */
	assert_false(freight_fits(&n, &c));
	c = cand(1, "常州", "2026-12-06", 5, 20, 0, 12.5); /* too big */
	assert_false(freight_fits(&n, &c));
	c = cand(1, "常州", "2026-12-09", 5, 20, 0, 0); /* after the window */
	assert_false(freight_fits(&n, &c));
	c = cand(1, "苏州", "2026-12-06", 5, 20, 0, 0); /* elsewhere */
	assert_false(freight_fits(&n, &c));
	c = cand(1, "常州", "2026-12-06", 5, 20, 9, 0); /* overbooked: no room, no crash */
	assert_false(freight_fits(&n, &c));
}

/* Ranking: earliest departure, then least waste, then lowest id; at most max kept. */
static void test_rank(void **state)
{
	struct freight_need n = {"海门", "常州", "2026-12-01", "2026-12-10", 2, 8};
	struct freight_cand c[] = {
	    cand(10, "常州", "2026-12-05", 5, 20, 0, 0),  /* 0: later */
	    cand(11, "常州", "2026-12-03", 10, 40, 0, 0), /* 1: early, much waste */
	    cand(12, "常州", "2026-12-03", 3, 10, 0, 0),  /* 2: early, little waste */
	    cand(13, "苏州", "2026-12-01", 5, 20, 0, 0),  /* 3: elsewhere */
	    cand(14, "常州", "2026-12-03", 3, 10, 0, 0),  /* 4: as 2, higher id */
	    cand(15, "常州", "2026-12-02", 1, 10, 0, 0),  /* 5: too light */
	};
	int idx[8];
	int k = freight_match(&n, c, 6, idx, 8);
	assert_int_equal(k, 4);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 4);
	assert_int_equal(idx[2], 1);
	assert_int_equal(idx[3], 0);
	k = freight_match(&n, c, 6, idx, 2);
	assert_int_equal(k, 2);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 4);
	assert_int_equal(freight_match(&n, c, 6, idx, 0), 0);
	assert_int_equal(freight_match(&n, c, 0, idx, 8), 0);
}

/* Many candidates in any order rank as a full sort would. */
static void test_rank_many(void **state)
{
	enum { N = 2000, MAX = 20 };
	static struct freight_cand c[N];
	static char dates[N][11];
	struct freight_need n = {"海门", "常州", "2026-12-01", "2026-12-31", 1, 1};
	unsigned seed = 7;
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		snprintf(dates[i], sizeof dates[i], "2026-12-%02u", 1 + (seed >> 16) % 28);
		c[i] = cand(i + 1, (seed >> 8) % 3 ? "常州" : "苏州", dates[i], 1 + (seed >> 4) % 9,
		            1 + (seed >> 12) % 30, 0, 0);
	}
	int idx[MAX];
	int k = freight_match(&n, c, N, idx, MAX);
	assert_int_equal(k, MAX);
	/* every kept one fits, in order, and none left out ranks before the last kept */
	for (int i = 1; i < k; i++) {
		const struct freight_cand *a = &c[idx[i - 1]], *b = &c[idx[i]];
		int d = strcmp(a->date_from, b->date_from);
		assert_true(d < 0 || (d == 0 && (a->waste < b->waste + 1e-9)));
	}
	const struct freight_cand *last = &c[idx[k - 1]];
	for (int i = 0; i < N; i++) {
		int kept = 0;
		for (int j = 0; j < k; j++)
			kept |= idx[j] == i;
		if (kept || !freight_fits(&n, &c[i]))
			continue;
		int d = strcmp(c[i].date_from, last->date_from);
		assert_true(d > 0 || (d == 0 && c[i].waste >= last->waste - 1e-9));
	}
}

static void test_saving(void **state)
{
	assert_true(fabs(freight_saving(3000, 1200) - 1800) < 1e-9);
	assert_true(fabs(freight_saving(1000, 1200)) < 1e-9);
	assert_true(fabs(freight_saving(NAN, 1200)) < 1e-9);
}

static void test_via(void **state)
{
	struct arena a = ARENA_INIT;
	const char *v[FREIGHT_VIA_MAX];
	assert_int_equal(freight_via_parse("[\"南通\",\"无锡\"]", &a, v), 2);
	assert_string_equal(v[1], "无锡");
	assert_int_equal(freight_via_parse("[]", &a, v), 0);
	assert_int_equal(freight_via_parse("{}", &a, v), -1);
	assert_int_equal(freight_via_parse("[1]", &a, v), -1);
	assert_int_equal(freight_via_parse("[\"\"]", &a, v), -1);
	assert_int_equal(
	    freight_via_parse("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]",
	                      &a, v),
	    -1);
	arena_release(&a);
}

/* Bodies decoded by the tables: what they accept and the field they name. */
static void test_decode(void **state)
{
	struct arena a = ARENA_INIT;
	struct {
		const char *json;
		const struct entity *en;
		const char *field; /* NULL: accepted */
	} cases[] = {
	    {"{\"carrier_id\":1,\"plate\":\"苏FD12345\",\"driver\":\"张\",\"capacity_t\":5,"
	     "\"capacity_m3\":20}",
	     &ENTITY_FREIGHT_TRUCK, NULL},
	    {"{\"carrier_id\":1,\"plate\":\"苏F1234\",\"driver\":\"张\",\"capacity_t\":5,"
	     "\"capacity_m3\":20}",
	     &ENTITY_FREIGHT_TRUCK, "plate"},
	    {"{\"carrier_id\":1,\"plate\":\"苏F12345\",\"driver\":\"张\",\"phone\":\"abc\","
	     "\"capacity_t\":5,\"capacity_m3\":20}",
	     &ENTITY_FREIGHT_TRUCK, "phone"},
	    {"{\"carrier_id\":1,\"plate\":\"苏F12345\",\"driver\":\"张\",\"capacity_t\":101,"
	     "\"capacity_m3\":20}",
	     &ENTITY_FREIGHT_TRUCK, "capacity_t"},
	    {"{\"truck_id\":1,\"origin\":\"海门\",\"destination\":\"常州\",\"via\":[\"南通\"],"
	     "\"date_from\":\"2026-12-01\",\"date_to\":\"2026-12-02\",\"spare_t\":1,"
	     "\"spare_m3\":1,\"full_price\":3000}",
	     &ENTITY_FREIGHT_OFFER, NULL},
	    {"{\"truck_id\":1,\"origin\":\"海门\",\"destination\":\"常州\",\"via\":\"南通\","
	     "\"date_from\":\"2026-12-01\",\"date_to\":\"2026-12-02\",\"spare_t\":1,"
	     "\"spare_m3\":1,\"full_price\":3000}",
	     &ENTITY_FREIGHT_OFFER, "via"},
	    {"{\"truck_id\":1,\"origin\":\"海门\",\"destination\":\"常州\",\"date_from\":"
	     "\"2026-12-01\",\"date_to\":\"2026-12-02\",\"spare_t\":1,\"spare_m3\":1}",
	     &ENTITY_FREIGHT_OFFER, "full_price"},
	    {"{\"goods\":\"电子元器件\",\"goods_value\":2,\"weight_t\":2,\"volume_m3\":8,"
	     "\"origin\":"
	     "\"海门\",\"destination\":\"常州\",\"date_from\":\"2026-12-01\",\"date_to\":"
	     "\"2026-12-03\",\"price\":1200}",
	     &ENTITY_FREIGHT_LOAD, NULL},
	    {"{\"goods\":\"电子元器件\",\"weight_t\":2,\"volume_m3\":8,\"origin\":\"海门\","
	     "\"destination\":\"常州\",\"date_from\":\"2026-12-01\",\"date_to\":\"2026-12-03\"}",
	     &ENTITY_FREIGHT_LOAD, "price"},
	    {"{\"goods\":\"电子元器件\",\"goods_value\":-2,\"weight_t\":2,\"volume_m3\":8,"
	     "\"origin\":\"海门\",\"destination\":\"常州\",\"date_from\":\"2026-12-01\","
	     "\"date_to\":\"2026-12-03\",\"price\":1200}",
	     &ENTITY_FREIGHT_LOAD, "goods_value"},
	    {"{\"plate\":\"苏F12345\",\"driver\":\"陈\",\"phone\":\"13912345678\",\"route\":"
	     "\"海门—常州\",\"date\":\"2026-12-06\"}",
	     &ENTITY_FREIGHT_REG, NULL},
	    {"{\"plate\":\"苏F12345\",\"driver\":\"陈\",\"route\":\"海门—常州\",\"date\":"
	     "\"2026-12-06\"}",
	     &ENTITY_FREIGHT_REG, "phone"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		union {
			struct freight_truck t;
			struct freight_offer o;
			struct freight_load l;
			struct freight_reg r;
		} obj;
		memset(&obj, 0, sizeof obj);
		struct yq_err e = {0};
		int rc = entity_decode(cases[i].en, o, DECODE_FULL, &a, &obj, NULL, &e);
		json_decref(o);
		if (!cases[i].field) {
			if (rc != 0)
				fail_msg("case %zu refused: %s %s", i, e.field ? e.field : "",
				         e.message ? e.message : "");
			continue;
		}
		assert_int_equal(rc, -1);
		assert_string_equal(e.field, cases[i].field);
	}
	arena_release(&a);
	/* what the zone keeps to itself is internal */
	assert_true(entity_field(&ENTITY_FREIGHT_OFFER, "notes")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_FREIGHT_LOAD, "notes")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_FREIGHT_CARRIER, "notes")->flags & F_INTERNAL);
	/* the lists' exports have columns */
	assert_true(entity_field(&ENTITY_FREIGHT_LOAD, "goods")->flags & F_EXPORT);
	assert_non_null(entity_field(&ENTITY_FREIGHT_REG_QUERY, "date"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),     cmocka_unit_test(test_load_moves),
	    cmocka_unit_test(test_reg_moves), cmocka_unit_test(test_plates),
	    cmocka_unit_test(test_cities),    cmocka_unit_test(test_route),
	    cmocka_unit_test(test_dates),     cmocka_unit_test(test_room),
	    cmocka_unit_test(test_rank),      cmocka_unit_test(test_rank_many),
	    cmocka_unit_test(test_saving),    cmocka_unit_test(test_via),
	    cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
