/* Unit tests for the numbered migrations (src/db/migrate.c) on a real SQLite database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"
#include "lib/log.h"

static int setup_mem(void **state)
{
	struct db *c;
	char err[256];
	if (db_open("sqlite::memory:", &c, err, sizeof err) < 0) {
		print_error("cannot open: %s\n", err);
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown_mem(void **state)
{
	db_close(*state);
	return 0;
}

/* 1 if a table of that name exists. */
static int table_exists(struct db *c, const char *name)
{
	struct db_stmt *st =
	    db_prepare(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, name), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n == 1;
}

/* The program carries at least the first migration. */
static void test_latest_version(void **state)
{
	assert_true(db_latest_version() >= 1);
}

/* An empty database is at version 0. */
static void test_empty_version(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_schema_version(c), 0);
	assert_int_equal(db_schema_version(c), 0); /* asking creates nothing visible */
}

/* On an empty database every migration applies once, in order, each recorded; a second run
 * applies none. */
static void test_migrate_empty_then_again(void **state)
{
	struct db *c = *state;
	int latest = db_latest_version();
	int applied = -1;
	assert_int_equal(db_migrate(c, &applied), 0);
	assert_int_equal(applied, latest);
	assert_int_equal(db_schema_version(c), latest);

	/* one row per version, 1..latest */
	int64_t n = -1, lo = -1, hi = -1;
	assert_int_equal(db_query_int(c, "SELECT COUNT(*) FROM schema_version", &n, 0), DB_OK);
	assert_int_equal(n, latest);
	assert_int_equal(db_query_int(c, "SELECT MIN(version) FROM schema_version", &lo, 0), DB_OK);
	assert_int_equal(db_query_int(c, "SELECT MAX(version) FROM schema_version", &hi, 0), DB_OK);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, latest);
	assert_int_equal(
	    db_query_int(c, "SELECT COUNT(*) FROM schema_version WHERE applied_at <= 0", &n, 0),
	    DB_OK);
	assert_int_equal(n, 0);

	applied = -1;
	assert_int_equal(db_migrate(c, &applied), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_schema_version(c), latest);
	assert_int_equal(db_migrate(c, NULL), 0);
	assert_int_equal(db_query_int(c, "SELECT COUNT(*) FROM schema_version", &n, 0), DB_OK);
	assert_int_equal(n, latest);
}

/* The first migration's tables exist, and BIGSERIAL ids became SQLite rowid aliases that
 * number themselves. */
static void test_migrate_creates_schema(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_migrate(c, NULL), 0);
	static const char *const tables[] = {"zone",           "dept",      "enterprise",
	                                     "app_user",       "session",   "api_token",
	                                     "login_throttle", "audit_log", "login_log"};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (!table_exists(c, tables[i]))
			fail_msg("table %s missing after migrate", tables[i]);
	assert_false(table_exists(c, "no_such_table"));

	struct db_stmt *st = db_prepare(
	    c, "INSERT INTO zone (code, name, created_at) VALUES (?, ?, 0) RETURNING id");
	assert_int_equal(db_bind_text(st, 1, "z1"), DB_OK);
	assert_int_equal(db_bind_text(st, 2, "一号园区"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	db_reset(st);
	assert_int_equal(db_bind_text(st, 1, "z2"), DB_OK);
	assert_int_equal(db_bind_text(st, 2, "二号园区"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 2);
	db_reset(st);
	/* zone.code is UNIQUE */
	assert_int_equal(db_bind_text(st, 1, "z1"), DB_OK);
	assert_int_equal(db_bind_text(st, 2, "again"), DB_OK);
	assert_int_equal(db_step(st), DB_CONSTRAINT);
	db_reset(st);
	/* foreign keys hold: a department in a zone that does not exist is refused */
	assert_int_equal(db_exec(c,
	                         "INSERT INTO dept (zone_id, name, created_at, updated_at) VALUES "
	                         "(99, 'x', 0, 0)"),
	                 DB_CONSTRAINT);
}

/* A database that is already newer than the program is left alone. */
static void test_migrate_newer_database(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_schema_version(c), 0); /* creates schema_version */
	assert_int_equal(db_exec(c, "INSERT INTO schema_version (version, applied_at) VALUES "
	                            "(9999, 1)"),
	                 DB_OK);
	int applied = -1;
	assert_int_equal(db_migrate(c, &applied), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_schema_version(c), 9999);
	assert_false(table_exists(c, "zone"));
}

/* The version survives closing and reopening a file database; nothing is applied twice. */
static void test_migrate_file_persists(void **state)
{
	char dir[] = "/tmp/yq-unit-migrate.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128], err[256];
	snprintf(path, sizeof path, "%s/m.db", dir);
	struct db *c;
	assert_int_equal(db_open(path, &c, err, sizeof err), 0);
	int applied = -1;
	assert_int_equal(db_migrate(c, &applied), 0);
	assert_int_equal(applied, db_latest_version());
	db_close(c);

	assert_int_equal(db_open(path, &c, err, sizeof err), 0);
	assert_int_equal(db_schema_version(c), db_latest_version());
	applied = -1;
	assert_int_equal(db_migrate(c, &applied), 0);
	assert_int_equal(applied, 0);
	assert_true(table_exists(c, "app_user"));
	db_close(c);

	char f[160];
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		unlink(f);
	}
	assert_int_equal(rmdir(dir), 0);
}

static int setup_group(void **state)
{
	log_set_level(LOG_ERROR); /* no "migrate: applied" lines nor provoked warnings */
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup_mem, teardown_mem)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_latest_version), T(test_empty_version),
	    T(test_migrate_empty_then_again),      T(test_migrate_creates_schema),
	    T(test_migrate_newer_database),        cmocka_unit_test(test_migrate_file_persists),
	};
	return cmocka_run_group_tests(tests, setup_group, NULL);
}
