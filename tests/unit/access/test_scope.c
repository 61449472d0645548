/* Unit tests for the scoped reads (src/access/scope.c): scope_from, scope_get and scope_has on a
 * real SQLite database, for each data scope. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "access/scope.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/field.h"

struct row {
	int64_t id, dept_id, owner_id, enterprise_id;
	const char *name, *dept_name;
};

static const struct field ROW_FIELDS[] = {
    FIELD(struct row, id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID"),
    FIELD(struct row, name, FT_TEXT, "name", 0, 0, 0, "名称", "Name"),
    FIELD(struct row, dept_id, FT_REF, "dept_id", 0, 0, 0, "部门", "Department"),
    FIELD(struct row, dept_name, FT_TEXT, "d.name", 0, 0, F_READONLY, "部门名称", "Dept"),
    FIELD(struct row, owner_id, FT_REF, "owner_id", 0, 0, 0, "负责人", "Owner"),
    FIELD(struct row, enterprise_id, FT_REF, "enterprise_id", 0, 0, 0, "企业", "Enterprise"),
};
static const struct entity ROW = ENTITY(
    "row", "item", "r", ROW_FIELDS, "事项", "Item",
    .joins = " LEFT JOIN dept d ON d.id = r.dept_id", .zone_col = "r.zone_id",
    .scope_dept = "r.dept_id", .scope_owner = "r.owner_id", .scope_enterprise = "r.enterprise_id");

static struct db *open_db(void)
{
	struct db *c;
	char err[256];
	assert_int_equal(db_open("sqlite::memory:", &c, err, sizeof err), 0);
	assert_int_equal(
	    db_exec(c,
	            "CREATE TABLE dept (id INTEGER PRIMARY KEY, name TEXT, path TEXT);"
	            "CREATE TABLE enterprise (id INTEGER PRIMARY KEY, dept_id BIGINT, "
	            "leader_user_id BIGINT, liaison_user_id BIGINT);"
	            "CREATE TABLE item (id INTEGER PRIMARY KEY, zone_id BIGINT, name TEXT, "
	            "dept_id BIGINT, owner_id BIGINT, enterprise_id BIGINT);"
	            "INSERT INTO dept VALUES (1, '招商局', '/1/'), (2, '一分局', '/1/2/'), "
	            "(3, '经发局', '/3/');"
	            "INSERT INTO enterprise VALUES (50, 3, 7, NULL), (51, 3, NULL, NULL);"
	            /* 1: dept 2; 2: dept 3, owner 7; 3: enterprise 51; 4: other zone;
	             * 5: no zone; 6: enterprise 50 (served by user 7) */
	            "INSERT INTO item VALUES (1, 1, 'a', 2, NULL, NULL), (2, 1, 'b', 3, 7, NULL), "
	            "(3, 1, 'c', NULL, NULL, 51), (4, 2, 'd', 2, NULL, NULL), "
	            "(5, NULL, 'e', NULL, NULL, NULL), (6, 1, 'f', NULL, NULL, 50);"),
	    DB_OK);
	return c;
}

/* The ids of the rows p reads, in id order, as "1,2,…". */
static void ids(struct db *c, const struct principal *p, char *out, size_t n)
{
	struct qb q;
	char like[64];
	qb_init(&q, "SELECT r.id");
	scope_from(&q, p, &ROW, ROW.joins, like, sizeof like);
	qb_sql(&q, " ORDER BY r.id");
	struct db_stmt *st = db_prepare(c, qb_text_of(&q));
	assert_non_null(st);
	qb_bind(&q, st, 1);
	size_t o = 0;
	out[0] = 0;
	while (db_step(st) == DB_ROW)
		o += (size_t)snprintf(out + o, n - o, "%s%lld", o ? "," : "",
		                      (long long)db_col_int(st, 0));
	db_reset(st);
	qb_release(&q);
}

static void test_scopes(void **state)
{
	struct db *c = open_db();
	char got[128];
	struct principal p = {.zone_id = 1, .scope = SCOPE_ZONE, .user_id = 1};
	ids(c, &p, got, sizeof got);
	assert_string_equal(got, "1,2,3,6");
	p = (struct principal){.zone_id = 1, .scope = SCOPE_DEPT, .user_id = 9, .dept_path = "/1/"};
	ids(c, &p, got, sizeof got);
	assert_string_equal(got, "1"); /* the subtree of 招商局 */
	p = (struct principal){.zone_id = 1, .scope = SCOPE_SELF, .user_id = 7};
	ids(c, &p, got, sizeof got);
	assert_string_equal(got, "2,6"); /* its own, and the enterprise it leads */
	p = (struct principal){.zone_id = 1, .scope = SCOPE_ENTERPRISE, .enterprise_id = 51};
	ids(c, &p, got, sizeof got);
	assert_string_equal(got, "3");
	p = (struct principal){.zone_id = 0, .scope = SCOPE_ALL};
	ids(c, &p, got, sizeof got);
	assert_string_equal(got, "5"); /* no zone: the rows of no zone */
	db_close(c);
	(void)state;
}

static void test_get_and_has(void **state)
{
	struct db *c = open_db();
	struct arena a = ARENA_INIT;
	struct yq_err e = {0};
	struct row r;
	struct principal dept = {
	    .zone_id = 1, .scope = SCOPE_DEPT, .user_id = 9, .dept_path = "/1/"};
	assert_int_equal(scope_get(c, &dept, &ROW, 1, &a, &r, &e), 0);
	assert_string_equal(r.name, "a");
	assert_string_equal(r.dept_name, "一分局");
	/* the error outlives the arena the read was given (a change reads into an arena of its
	 * own and releases it before the error is answered) */
	struct arena own = ARENA_INIT;
	assert_int_equal(scope_get(c, &dept, &ROW, 2, &own, &r, &e), -1);
	arena_release(&own);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_string_equal(e.message, "事项不存在");
	assert_string_equal(e.message_en, "Item not found");
	assert_int_equal(scope_get(c, &dept, &ROW, 4, &a, &r, &e), -1); /* another zone */
	assert_int_equal(scope_has(c, &dept, &ROW, 1), 1);
	assert_int_equal(scope_has(c, &dept, &ROW, 2), 0);
	assert_int_equal(scope_has(c, &dept, &ROW, 999), 0);
	arena_release(&a);
	db_close(c);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scopes),
	    cmocka_unit_test(test_get_and_has),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
