/* Unit tests for the 载体 rules (pure functions and the field tables in src/space/space.c): the
 * names and labels, a unit that fits its building, every status move by hand, the lease checks,
 * the date overlap, the vacancy rate, and bodies decoded by the tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "space/space.h"
#include "lib/arena.h"

/* Names and labels round-trip; unknown names are the count. */
static void test_names(void **state)
{
	for (int t = 0; t < SPACE__TYPE_COUNT; t++) {
		assert_int_equal(space_type_from_name(space_type_name((enum space_type)t)), t);
		assert_true(strlen(space_type_label((enum space_type)t)) > 0);
	}
	for (int s = 0; s < SPACE__STATUS_COUNT; s++) {
		assert_int_equal(space_status_from_name(space_status_name((enum space_status)s)),
		                 s);
		assert_true(strlen(space_status_label((enum space_status)s)) > 0);
	}
	assert_string_equal(space_type_label(SPACE_FACTORY), "标准厂房");
	assert_string_equal(space_type_label(SPACE_APARTMENT), "人才公寓");
	assert_string_equal(space_status_label(SPACE_VACANT), "空置");
	assert_string_equal(space_status_label(SPACE_REPAIR), "维修");
	assert_int_equal(space_type_from_name("castle"), SPACE__TYPE_COUNT);
	assert_int_equal(space_type_from_name(NULL), SPACE__TYPE_COUNT);
	assert_int_equal(space_status_from_name("Vacant"), SPACE__STATUS_COUNT);
	assert_string_equal(space_status_name(SPACE__STATUS_COUNT), "");
}

static struct space_unit unit_of(int64_t floor, double area, int64_t rooms, double load,
                                 double power)
{
	struct space_unit u = {
	    .floor = floor, .area = area, .rooms = rooms, .floor_load = load, .power_kva = power};
	return u;
}

/* A unit fits its building: its floor, rooms for flats only, no load or power for a flat. */
static void test_check_unit(void **state)
{
	static const struct {
		const char *type;
		int64_t floors, floor;
		double area;
		int64_t rooms;
		double load, power;
		const char *field; /* NULL: accepted */
	} cases[] = {
	    {"factory", 4, 1, 1200, 0, 10, 400, NULL},
	    {"factory", 4, 4, 1200, 0, NAN, NAN, NULL},
	    {"factory", 4, 5, 1200, 0, 10, 400, "floor"},
	    {"factory", 4, 0, 1200, 0, 10, 400, "floor"},
	    {"factory", 4, 1, 1200, 2, 10, 400, "rooms"},
	    {"factory", 4, 1, 0, 0, 10, 400, "area"},
	    {"factory", 4, 1, NAN, 0, 10, 400, "area"},
	    {"office", 20, 18, 300, 0, NAN, NAN, NULL},
	    {"incubator", 3, 2, 80, 0, 0, 0, NULL},
	    {"apartment", 12, 3, 65, 2, NAN, NAN, NULL},
	    {"apartment", 12, 3, 65, 0, NAN, NAN, "rooms"},
	    {"apartment", 12, 3, 65, 2, 5, NAN, "floor_load"},
	    {"apartment", 12, 3, 65, 2, NAN, 10, "power_kva"},
	    {"apartment", 12, 13, 65, 2, NAN, NAN, "floor"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct yq_err e = {0};
		struct space_unit u = unit_of(cases[i].floor, cases[i].area, cases[i].rooms,
		                              cases[i].load, cases[i].power);
		int rc = space_check_unit(cases[i].type, cases[i].floors, &u, &e);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_int_equal(e.code, ERR_VALIDATION);
		assert_string_equal(e.field, cases[i].field);
		assert_non_null(e.message);
	}
}

/* Every move by hand between two statuses: 已租 only by a lease, a leased unit only by ending
 * it; the rest are free. */
static void test_status_moves(void **state)
{
	for (int f = 0; f < SPACE__STATUS_COUNT; f++)
		for (int t = 0; t < SPACE__STATUS_COUNT; t++) {
			struct yq_err e = {0};
			int rc = space_status_move(space_status_name((enum space_status)f),
			                           space_status_name((enum space_status)t), &e);
			if (f == t) {
				assert_int_equal(rc, 0);
			} else if (t == SPACE_LEASED) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_VALIDATION);
				assert_string_equal(e.field, "status");
			} else if (f == SPACE_LEASED) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(strstr(e.message, "结束租约"));
			} else {
				assert_int_equal(rc, 0);
			}
		}
	struct yq_err e = {0};
	assert_int_equal(space_status_move("vacant", "sold", &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
}

/* A lease ends after it starts, names a tenant (a person only for a flat), on a unit that may
 * be let. */
static void test_check_lease(void **state)
{
	static const struct {
		const char *start, *end;
		int64_t ent;
		const char *person, *unit_status, *type;
		int code;
		const char *field;
	} cases[] = {
	    {"2026-01-01", "2026-12-31", 7, NULL, "vacant", "factory", 0, NULL},
	    {"2026-01-01", "2026-12-31", 7, NULL, "intent", "office", 0, NULL},
	    {"2026-01-01", "2026-12-31", 7, NULL, "leased", "factory", 0, NULL},
	    {"2026-01-01", "2026-01-01", 7, NULL, "vacant", "factory", ERR_VALIDATION, "end_date"},
	    {"2026-01-02", "2026-01-01", 7, NULL, "vacant", "factory", ERR_VALIDATION, "end_date"},
	    {"2026-01-01", "2026-12-31", 0, NULL, "vacant", "factory", ERR_VALIDATION,
	     "enterprise_id"},
	    {"2026-01-01", "2026-12-31", 0, "", "vacant", "apartment", ERR_VALIDATION,
	     "enterprise_id"},
	    {"2026-01-01", "2026-12-31", 0, "张三", "vacant", "factory", ERR_VALIDATION,
	     "enterprise_id"},
	    {"2026-01-01", "2026-12-31", 0, "张三", "vacant", "apartment", 0, NULL},
	    {"2026-01-01", "2026-12-31", 7, NULL, "repair", "factory", ERR_STATE, "unit_id"},
	    {"2026-01-01", "2026-12-31", 7, NULL, "self_use", "factory", ERR_STATE, "unit_id"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct space_lease l = {.start_date = cases[i].start,
		                        .end_date = cases[i].end,
		                        .enterprise_id = cases[i].ent,
		                        .tenant_name = cases[i].person};
		struct yq_err e = {0};
		int rc = space_check_lease(&l, cases[i].unit_status, cases[i].type, &e);
		if (!cases[i].code) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_int_equal(e.code, cases[i].code);
		assert_string_equal(e.field, cases[i].field);
	}
}

/* Ranges sharing a day overlap, both ends included; the order of the two does not matter. */
static void test_overlaps(void **state)
{
	static const struct {
		const char *a0, *a1, *b0, *b1;
		int want;
	} cases[] = {
	    {"2026-01-01", "2026-12-31", "2026-03-01", "2026-04-01", 1},
	    {"2026-01-01", "2026-12-31", "2025-01-01", "2027-01-01", 1},
	    {"2026-01-01", "2026-12-31", "2026-12-31", "2027-06-30", 1},
	    {"2026-01-01", "2026-12-31", "2025-06-01", "2026-01-01", 1},
	    {"2026-01-01", "2026-12-31", "2027-01-01", "2027-06-30", 0},
	    {"2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(space_overlaps(cases[i].a0, cases[i].a1, cases[i].b0, cases[i].b1),
		                 cases[i].want);
		assert_int_equal(space_overlaps(cases[i].b0, cases[i].b1, cases[i].a0, cases[i].a1),
		                 cases[i].want);
	}
}

static void test_vacancy_rate(void **state)
{
	assert_true(space_vacancy_rate(0, 0) == 0);
	assert_true(space_vacancy_rate(4, 0) == 0);
	assert_true(space_vacancy_rate(4, 1) == 0.25);
	assert_true(space_vacancy_rate(4, 4) == 1);
	assert_true(fabs(space_vacancy_rate(3, 1) - 1.0 / 3) < 1e-12);
}

/* Bodies decoded by the tables: a unit's defaults and limits, a building's outline. */
static void test_decode(void **state)
{
	struct arena a = ARENA_INIT;
	struct {
		const char *json;
		const struct entity *en;
		const char *field; /* NULL: accepted */
	} cases[] = {
	    {"{\"building_id\":1,\"floor\":2,\"number\":\"A-201\",\"area\":880.5}",
	     &ENTITY_SPACE_UNIT, NULL},
	    {"{\"building_id\":1,\"floor\":2,\"number\":\"A-201\"}", &ENTITY_SPACE_UNIT, "area"},
	    {"{\"building_id\":1,\"floor\":2,\"number\":\"A-201\",\"area\":0.5}",
	     &ENTITY_SPACE_UNIT, "area"},
	    {"{\"building_id\":1,\"floor\":2,\"number\":\"A-201\",\"area\":9,\"status\":\"sold\"}",
	     &ENTITY_SPACE_UNIT, "status"},
	    {"{\"name\":\"1号楼\",\"type\":\"factory\",\"floors\":4,\"plan\":[[0,0],[10,0],[10,5]]"
	     "}",
	     &ENTITY_SPACE_BUILDING, NULL},
	    {"{\"name\":\"1号楼\",\"type\":\"factory\",\"floors\":4,\"plan\":[[0,0],[10,0]]}",
	     &ENTITY_SPACE_BUILDING, "plan"},
	    {"{\"name\":\"1号楼\",\"type\":\"factory\",\"floors\":4,\"plan\":[[0,\"x\"],[1,1],[2,2]"
	     "]}",
	     &ENTITY_SPACE_BUILDING, "plan"},
	    {"{\"name\":\"1号楼\",\"type\":\"factory\",\"floors\":4,\"plan\":{}}",
	     &ENTITY_SPACE_BUILDING, "plan"},
	    {"{\"name\":\"1号楼\",\"type\":\"factory\",\"floors\":201}", &ENTITY_SPACE_BUILDING,
	     "floors"},
	    {"{\"unit_id\":3,\"enterprise_id\":5,\"start_date\":\"2026-02-29\",\"end_date\":"
	     "\"2026-12-31\"}",
	     &ENTITY_SPACE_LEASE, "start_date"},
	    {"{\"unit_id\":3,\"enterprise_id\":5,\"start_date\":\"2026-02-28\",\"end_date\":"
	     "\"2026-12-31\"}",
	     &ENTITY_SPACE_LEASE, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		union {
			struct space_building b;
			struct space_unit u;
			struct space_lease l;
		} obj;
		memset(&obj, 0, sizeof obj);
		struct yq_err e = {0};
		int rc = entity_decode(cases[i].en, o, DECODE_FULL, &a, &obj, NULL, &e);
		json_decref(o);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
			if (cases[i].en == &ENTITY_SPACE_UNIT) {
				assert_string_equal(obj.u.status, "vacant");
				assert_true(isnan(obj.u.rent));
			}
			continue;
		}
		assert_int_equal(rc, -1);
		assert_string_equal(e.field, cases[i].field);
	}
	arena_release(&a);
	/* the query tables name the lists' filters */
	assert_non_null(entity_field(&ENTITY_SPACE_LEASE_QUERY, "expiring_days"));
	assert_non_null(entity_field(&ENTITY_SPACE_UNIT_QUERY, "status"));
	/* tenants are internal: an enterprise reader is never shown them */
	assert_true(entity_field(&ENTITY_SPACE_UNIT, "enterprise_id")->flags & F_INTERNAL);
	assert_true(entity_field(&ENTITY_SPACE_UNIT, "tenant_name")->flags & F_INTERNAL);
}

/* ---- demands ---- */

/* The whole transition table: every state by every event. */
static void test_demand_moves(void **state)
{
	static const char *const S[] = {"open", "offered", "leased", "withdrawn", "closed"};
	/* expected[state][event]: the next state's name, NULL where refused (409) */
	static const char *const expected[5][DEMAND__EV_COUNT] = {
	    {"offered", NULL, NULL, "withdrawn", "closed"},
	    {NULL, "leased", "open", "withdrawn", "closed"},
	    {NULL, NULL, NULL, NULL, NULL},
	    {NULL, NULL, NULL, NULL, NULL},
	    {NULL, NULL, NULL, NULL, NULL},
	};
	for (int s = 0; s < 5; s++)
		for (int ev = 0; ev < DEMAND__EV_COUNT; ev++) {
			struct yq_err e = {0};
			enum space_demand_status to = DEMAND__STATUS_COUNT;
			int rc = space_demand_next(S[s], (enum space_demand_event)ev, &to, &e);
			if (expected[s][ev]) {
				assert_int_equal(rc, 0);
				assert_string_equal(space_demand_status_name(to), expected[s][ev]);
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(strstr(e.message, "需求"));
			}
		}
	struct yq_err e = {0};
	enum space_demand_status to;
	assert_int_equal(space_demand_next("lost", DEMAND_EV_OFFER, &to, &e), -1);
	assert_int_equal(space_demand_next("open", DEMAND__EV_COUNT, &to, &e), -1);
	assert_string_equal(space_demand_event_name(DEMAND_EV_ACCEPT), "accept");
	assert_int_equal(space_demand_status_from_name("offered"), DEMAND_OFFERED);
	assert_int_equal(space_demand_status_from_name("x"), DEMAND__STATUS_COUNT);
}

static struct space_demand want(const char *type, double lo, double hi, double load, double kva)
{
	return (struct space_demand){.type = type,
	                             .area_min = lo,
	                             .area_max = hi,
	                             .floor_load = load,
	                             .power_kva = kva,
	                             .wanted_from = "2027-03-01",
	                             .term_months = 12};
}

static struct space_unit have(int64_t id, const char *status, const char *type, double area,
                              double load, double kva, double rent)
{
	return (struct space_unit){.id = id,
	                           .status = status,
	                           .building_type = type,
	                           .area = area,
	                           .floor_load = load,
	                           .power_kva = kva,
	                           .rent = rent};
}

static void test_check_demand(void **state)
{
	struct yq_err e = {0};
	struct space_demand d = want("factory", 1000, 1500, 8, 300);
	assert_int_equal(space_check_demand(&d, &e), 0);
	d.area_max = 0; /* no upper bound */
	assert_int_equal(space_check_demand(&d, &e), 0);
	d.area_max = 1000; /* a single size */
	assert_int_equal(space_check_demand(&d, &e), 0);
	d.area_max = 999;
	assert_int_equal(space_check_demand(&d, &e), -1);
	assert_string_equal(e.field, "area_max");
	d = want("factory", 0, 0, NAN, NAN);
	assert_int_equal(space_check_demand(&d, &e), -1);
	assert_string_equal(e.field, "area_min");
	d = want("apartment", 50, 90, NAN, NAN);
	assert_int_equal(space_check_demand(&d, &e), 0);
	d.floor_load = 5;
	assert_int_equal(space_check_demand(&d, &e), -1);
	assert_string_equal(e.field, "floor_load");
	d = want("apartment", 50, 90, NAN, 100);
	assert_int_equal(space_check_demand(&d, &e), -1);
	assert_string_equal(e.field, "power_kva");
}

/* One case per rule of the match, and its reason. */
static void test_match_rules(void **state)
{
	struct space_demand d = want("factory", 1000, 1500, 8, 300);
	struct space_unit u = have(1, "vacant", "factory", 1200, 10, 400, 20000);
	assert_int_equal(space_match(&d, &u, NULL), SPACE_MATCH);
	assert_int_equal(space_match(&d, &u, ""), SPACE_MATCH);
	/* vacant only */
	for (const char *s = "intent"; s; s = strcmp(s, "intent") == 0 ? "leased" : NULL) {
		struct space_unit x = u;
		x.status = s;
		assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_STATUS);
	}
	/* the type of its building */
	struct space_unit x = u;
	x.building_type = "office";
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_TYPE);
	/* the area range, both ends included; no upper bound when area_max is 0 */
	x = u;
	x.area = 999.9;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_SMALL);
	x.area = 1000;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MATCH);
	x.area = 1500;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MATCH);
	x.area = 1500.5;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_LARGE);
	struct space_demand open_top = d;
	open_top.area_max = 0;
	assert_int_equal(space_match(&open_top, &x, NULL), SPACE_MATCH);
	/* floor load at least the one asked; unknown does not satisfy an asked load */
	x = u;
	x.floor_load = 7.9;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_LOAD);
	x.floor_load = 8;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MATCH);
	x.floor_load = NAN;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_LOAD);
	/* power the same */
	x = u;
	x.power_kva = 299;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_POWER);
	x.power_kva = NAN;
	assert_int_equal(space_match(&d, &x, NULL), SPACE_MISS_POWER);
	/* nothing asked: anything goes */
	struct space_demand plain = want("factory", 1000, 0, NAN, NAN);
	assert_int_equal(space_match(&plain, &x, NULL), SPACE_MATCH);
	/* free by the date: its leases end before the wanted day */
	assert_int_equal(space_match(&d, &u, "2027-02-28"), SPACE_MATCH);
	assert_int_equal(space_match(&d, &u, "2027-03-01"), SPACE_MISS_DATE);
	assert_int_equal(space_match(&d, &u, "2028-01-01"), SPACE_MISS_DATE);
	/* every reason has a Chinese label */
	for (int m = 0; m < SPACE__MISS_COUNT; m++)
		assert_true(strlen(space_miss_label((enum space_miss)m)) > 0);
	assert_non_null(strstr(space_miss_label(SPACE_MISS_LOAD), "荷载"));
}

static void test_match_rank(void **state)
{
	struct space_demand d = want("factory", 1000, 1500, NAN, NAN); /* about 1250 m² */
	struct space_unit u[] = {
	    have(1, "vacant", "factory", 1000, 10, 400, 20000), /* 250 off */
	    have(2, "vacant", "factory", 1300, 10, 400, 30000), /* 50 off */
	    have(3, "vacant", "factory", 1200, 10, 400, 25000), /* 50 off, cheaper */
	    have(4, "vacant", "factory", 1250, 10, 400, NAN),   /* exact */
	    have(5, "vacant", "factory", 1200, 10, 400, 25000), /* as 3, later id */
	};
	assert_true(space_match_distance(&d, &u[3]) == 0);
	assert_true(space_match_distance(&d, &u[0]) == 250);
	space_match_sort(&d, u, 5);
	int64_t order[] = {4, 3, 5, 2, 1};
	for (int i = 0; i < 5; i++)
		assert_int_equal(u[i].id, order[i]);
	/* no upper bound: the smallest that fits first */
	struct space_demand open_top = want("factory", 1000, 0, NAN, NAN);
	struct space_unit v[] = {have(1, "vacant", "factory", 3000, 0, 0, 1),
	                         have(2, "vacant", "factory", 1100, 0, 0, 1)};
	space_match_sort(&open_top, v, 2);
	assert_int_equal(v[0].id, 2);
}

static void test_term_end(void **state)
{
	char out[11];
	assert_int_equal(space_term_end("2027-03-01", 12, out), 0);
	assert_string_equal(out, "2028-02-29");
	assert_int_equal(space_term_end("2027-03-15", 1, out), 0);
	assert_string_equal(out, "2027-04-14");
	assert_int_equal(space_term_end("2027-01-01", 36, out), 0);
	assert_string_equal(out, "2029-12-31");
	assert_int_equal(space_term_end("2027-01-31", 1, out), 0);
	assert_string_equal(out, "2027-02-27");
	assert_int_equal(space_term_end("2027-11-01", 2, out), 0);
	assert_string_equal(out, "2027-12-31");
	assert_int_equal(space_term_end("2027-13-01", 1, out), -1);
	assert_int_equal(space_term_end("2027-03-01", 0, out), -1);
	assert_int_equal(space_term_end(NULL, 1, out), -1);
	assert_int_equal(space_term_end("20270301", 1, out), -1);
}

static void test_demand_decode(void **state)
{
	struct arena a = ARENA_INIT;
	struct {
		const char *json, *field;
	} cases[] = {
	    {"{\"type\":\"factory\",\"area_min\":1000,\"wanted_from\":\"2027-01-01\"}", NULL},
	    {"{\"type\":\"villa\",\"area_min\":1000,\"wanted_from\":\"2027-01-01\"}", "type"},
	    {"{\"type\":\"factory\",\"wanted_from\":\"2027-01-01\"}", "area_min"},
	    {"{\"type\":\"factory\",\"area_min\":1000}", "wanted_from"},
	    {"{\"type\":\"factory\",\"area_min\":1000,\"wanted_from\":\"2027-02-30\"}",
	     "wanted_from"},
	    {"{\"type\":\"factory\",\"area_min\":1000,\"wanted_from\":\"2027-01-01\",\"term_"
	     "months\":241}",
	     "term_months"},
	    {"{\"type\":\"factory\",\"area_min\":1000,\"wanted_from\":\"2027-01-01\",\"status\":"
	     "\"leased\"}",
	     NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		struct space_demand d;
		memset(&d, 0, sizeof d);
		struct yq_err e = {0};
		int rc = entity_decode(&ENTITY_SPACE_DEMAND, o, DECODE_FULL, &a, &d, NULL, &e);
		json_decref(o);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
			assert_true(d.status == NULL || *d.status == 0); /* read-only: not taken */
			continue;
		}
		assert_int_equal(rc, -1);
		assert_string_equal(e.field, cases[i].field);
	}
	arena_release(&a);
}

/* ---- the site plan ---- */

static int plan_ok(const char *svg, int64_t *w, int64_t *h)
{
	const char *type = NULL;
	struct yq_err e = {0};
	int rc = space_plan_check((const unsigned char *)svg, strlen(svg), &type, w, h, &e);
	if (rc == 0)
		assert_string_equal(type, "image/svg+xml");
	else
		assert_string_equal(e.field, "image");
	return rc == 0;
}

static void test_plan_check(void **state)
{
	int64_t w, h;
	const char *ok = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 800\">"
	                 "<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" "
	                 "style=\"fill:#eee\"/><text>Online 路</text></svg>";
	assert_true(plan_ok(ok, &w, &h));
	assert_int_equal(w, 1000);
	assert_int_equal(h, 800);
	assert_true(plan_ok("<svg width=\"640\" height=\"480\"><g/></svg>", &w, &h));
	assert_int_equal(w, 640);
	/* no size of its own (a child's width does not count) */
	assert_false(plan_ok("<svg><rect width=\"5\" height=\"5\"/></svg>", &w, &h));
	static const char *const bad[] = {
	    "<svg viewBox=\"0 0 10 10\"><script>alert(1)</script></svg>",
	    "<svg viewBox=\"0 0 10 10\"><SCRIPT>alert(1)</SCRIPT></svg>",
	    "<svg viewBox=\"0 0 10 10\" onload=\"alert(1)\"></svg>",
	    "<svg viewBox=\"0 0 10 10\"><rect\nonclick = \"x()\"/></svg>",
	    "<svg viewBox=\"0 0 10 10\"><foreignObject/></svg>",
	    "<svg viewBox=\"0 0 10 10\"><image href=\"http://x/y.png\"/></svg>",
	    "<svg viewBox=\"0 0 10 10\"><a href=\"javascript:x()\">t</a></svg>",
	    "<svg viewBox=\"0 0 10 10\"><style>@import 'x.css';</style></svg>",
	    "<svg viewBox=\"0 0 10 10\"><use href=\"#a\"/></svg>",
	    "<svg viewBox=\"0 0 10 10\"><set attributeName=\"x\"/></svg>",
	    "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg viewBox=\"0 0 10 10\"/>",
	    "a text file",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(plan_ok(bad[i], &w, &h));
	/* a word that only starts like a handler is no handler */
	assert_true(
	    plan_ok("<svg viewBox=\"0 0 10 10\"><text font-size=\"3\">one</text></svg>", &w, &h));
	/* PNG and JPEG by their first bytes, with their size */
	unsigned char png[40] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
	                         'I',  'H', 'D', 'R', 0,    0,    0x04, 0,    0, 0, 3, 0};
	const char *type;
	struct yq_err e = {0};
	assert_int_equal(space_plan_check(png, sizeof png, &type, &w, &h, &e), 0);
	assert_string_equal(type, "image/png");
	assert_int_equal(w, 1024);
	assert_int_equal(h, 768);
	unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0,    4,    0, 0, 0xFF, 0xC0, 0,
	                       17,   8,    0x02, 0x58, 0x03, 0x20, 3, 0, 0,    0,    0};
	assert_int_equal(space_plan_check(jpg, sizeof jpg, &type, &w, &h, &e), 0);
	assert_string_equal(type, "image/jpeg");
	assert_int_equal(w, 800);
	assert_int_equal(h, 600);
	/* too large, empty */
	assert_int_equal(space_plan_check(png, SPACE_PLAN_MAX_BYTES + 1, &type, &w, &h, &e), -1);
	assert_int_equal(e.code, ERR_TOO_LARGE);
	assert_int_equal(space_plan_check(png, 0, &type, &w, &h, &e), -1);
}

static void test_outline_check(void **state)
{
	struct yq_err e = {0};
	assert_int_equal(space_outline_check("[[0,0],[100,0],[100,50]]", 1000, 800, &e), 0);
	assert_int_equal(space_outline_check("[[0,0],[1000,0],[1000,800]]", 1000, 800, &e), 0);
	assert_int_equal(space_outline_check("[[0,0],[1001,0],[1000,800]]", 1000, 800, &e), -1);
	assert_string_equal(e.field, "plan");
	assert_int_equal(space_outline_check("[[0,0],[1,0]]", 1000, 800, &e), -1);
	assert_int_equal(space_outline_check("[[0,0],[-1,0],[1,1]]", 1000, 800, &e), -1);
	assert_int_equal(space_outline_check("[[0,0],[1,\"a\"],[1,1]]", 0, 0, &e), -1);
	assert_int_equal(space_outline_check("{}", 0, 0, &e), -1);
	/* no plan: the coordinates' own bounds */
	assert_int_equal(space_outline_check("[[0,0],[5000,0],[5000,5000]]", 0, 0, &e), 0);
	assert_int_equal(space_outline_check("[[0,0],[500000,0],[5,5]]", 0, 0, &e), -1);
}

static void test_b64(void **state)
{
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const out[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
	                                  "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	char buf[16];
	unsigned char back[16];
	for (int i = 0; i < 7; i++) {
		space_b64_encode((const unsigned char *)in[i], strlen(in[i]), buf);
		assert_string_equal(buf, out[i]);
		long n = space_b64_decode(buf, back);
		assert_int_equal(n, (long)strlen(in[i]));
		assert_memory_equal(back, in[i], (size_t)n);
	}
	assert_int_equal(space_b64_decode("Zm9v!", back), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),         cmocka_unit_test(test_check_unit),
	    cmocka_unit_test(test_status_moves),  cmocka_unit_test(test_check_lease),
	    cmocka_unit_test(test_overlaps),      cmocka_unit_test(test_vacancy_rate),
	    cmocka_unit_test(test_decode),        cmocka_unit_test(test_demand_moves),
	    cmocka_unit_test(test_check_demand),  cmocka_unit_test(test_match_rules),
	    cmocka_unit_test(test_match_rank),    cmocka_unit_test(test_term_end),
	    cmocka_unit_test(test_demand_decode), cmocka_unit_test(test_plan_check),
	    cmocka_unit_test(test_outline_check), cmocka_unit_test(test_b64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
