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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),        cmocka_unit_test(test_check_unit),
	    cmocka_unit_test(test_status_moves), cmocka_unit_test(test_check_lease),
	    cmocka_unit_test(test_overlaps),     cmocka_unit_test(test_vacancy_rate),
	    cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
