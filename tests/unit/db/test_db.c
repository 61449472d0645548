/* Unit tests for the driver-independent database layer (src/db/db.c) against a real SQLite
 * database: in memory for most tests, a temporary file where persistence matters. */
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
#include "db/db_int.h"
#include "lib/log.h"

static const char SQL_CREATE[] =
    "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
    "score REAL, note TEXT, big BIGINT)";
static const char SQL_INSERT[] = "INSERT INTO t (name, score, note, big) VALUES (?, ?, ?, ?)";
static const char SQL_GET[] = "SELECT id, name, score, note, big FROM t WHERE name = ?";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM t";

/* ---- placeholder translation (pure) ---- */

/* Translates and compares, freeing the result. */
static void assert_translates(const char *in, const char *want)
{
	char *out = db_translate_placeholders(in);
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

/* `?` becomes $1..$n in order. */
static void test_translate_basic(void **state)
{
	assert_translates("", "");
	assert_translates("SELECT 1", "SELECT 1");
	assert_translates("?", "$1");
	assert_translates("SELECT ?", "SELECT $1");
	assert_translates("a = ? AND b = ?", "a = $1 AND b = $2");
	assert_translates("(?,?,?)", "($1,$2,$3)");
	assert_translates("INSERT INTO t (a, b) VALUES (?, CAST(? AS TEXT)) RETURNING id",
	                  "INSERT INTO t (a, b) VALUES ($1, CAST($2 AS TEXT)) RETURNING id");
}

/* Two-digit numbers, up to the 64 parameters a statement may have. */
static void test_translate_many(void **state)
{
	char in[64 * 2 + 1], want[64 * 4 + 1];
	size_t o = 0;
	for (int i = 0; i < 64; i++) {
		in[2 * i] = '?';
		in[2 * i + 1] = ',';
		o += (size_t)snprintf(want + o, sizeof want - o, "$%d,", i + 1);
	}
	in[sizeof in - 1] = 0;
	assert_translates(in, want);
	assert_translates("?????????? ?", "$1$2$3$4$5$6$7$8$9$10 $11");
}

/* A `?` inside a single-quoted literal is text, not a parameter. */
static void test_translate_literals(void **state)
{
	assert_translates("'?'", "'?'");
	assert_translates("a = '?' AND b = ?", "a = '?' AND b = $1");
	assert_translates("? || '?' || ?", "$1 || '?' || $2");
	assert_translates("'what?' = ?", "'what?' = $1");
	assert_translates("x LIKE '%?%' OR y = ? OR z = '\?\?'",
	                  "x LIKE '%?%' OR y = $1 OR z = '\?\?'");
}

/* '' inside a literal is an escaped quote: the literal continues past it. */
static void test_translate_escaped_quotes(void **state)
{
	assert_translates("'it''s ?' = ?", "'it''s ?' = $1");
	assert_translates("'' = ?", "'' = $1");
	assert_translates("'''?''' = ?", "'''?''' = $1");
	assert_translates("'a''' || ? || '''b?'", "'a''' || $1 || '''b?'");
	assert_translates("'''' ? '' ?", "'''' $1 '' $2");
}

/* "$100".."$999" take four bytes for one "?": 150 placeholders must not overflow the output. */
static void test_translate_over_one_hundred(void **state)
{
	char in[150 + 1], want[1024];
	size_t o = 0;
	memset(in, '?', 150);
	in[150] = 0;
	for (int i = 1; i <= 150; i++)
		o += (size_t)snprintf(want + o, sizeof want - o, "$%d", i);
	assert_translates(in, want);
}

/* ---- connections ---- */

/* URLs are sorted into engines; anything else names none. */
static void test_engine_of_url(void **state)
{
	assert_int_equal(db_engine_of_url("sqlite:data/yuanqu.db"), DB_SQLITE);
	assert_int_equal(db_engine_of_url("sqlite::memory:"), DB_SQLITE);
	assert_int_equal(db_engine_of_url("data/yuanqu.db"), DB_SQLITE);
	assert_int_equal(db_engine_of_url("/abs/path.db"), DB_SQLITE);
	assert_int_equal(db_engine_of_url("postgres://u@h/db"), DB_POSTGRES);
	assert_int_equal(db_engine_of_url("postgresql://u@h:5432/db"), DB_POSTGRES);
	assert_int_equal(db_engine_of_url("mysql://u@h/db"), 0);
	assert_int_equal(db_engine_of_url("http://x"), 0);
	assert_int_equal(db_engine_of_url(""), 0);
	assert_int_equal(db_engine_of_url(NULL), 0);
}

/* A URL of no engine fails to open with a message; closing NULL is harmless. */
static void test_open_bad_url(void **state)
{
	struct db *c = (struct db *)1;
	char err[128] = "";
	assert_int_equal(db_open("mysql://x/y", &c, err, sizeof err), -1);
	assert_null(c);
	assert_true(strlen(err) > 0);
	c = (struct db *)1;
	err[0] = 0;
	assert_int_equal(db_open("sqlite:/nonexistent-dir-yq/sub/x.db", &c, err, sizeof err), -1);
	assert_null(c);
	assert_true(strlen(err) > 0);
	db_close(NULL);
}

static int setup_mem(void **state)
{
	struct db *c;
	char err[256];
	if (db_open("sqlite::memory:", &c, err, sizeof err) < 0) {
		print_error("cannot open: %s\n", err);
		return -1;
	}
	if (db_exec(c, SQL_CREATE) != DB_OK)
		return -1;
	*state = c;
	return 0;
}

static int teardown_mem(void **state)
{
	db_close(*state);
	return 0;
}

/* Inserts one row; returns db_run's result. */
static int insert(struct db *c, const char *name, double score, const char *note, int64_t big)
{
	struct db_stmt *st = db_prepare(c, SQL_INSERT);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, name), DB_OK);
	assert_int_equal(db_bind_double(st, 2, score), DB_OK);
	assert_int_equal(db_bind_text(st, 3, note), DB_OK);
	assert_int_equal(db_bind_int(st, 4, big), DB_OK);
	return db_run(st);
}

static int64_t count_rows(struct db *c)
{
	int64_t n = -1;
	assert_int_equal(db_query_int(c, SQL_COUNT, &n, 0), DB_OK);
	return n;
}

/* "sqlite::memory:" opens an in-memory SQLite database. */
static void test_open_memory(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_engine_of(c), DB_SQLITE);
	assert_int_equal(count_rows(c), 0);
}

/* Values bound as int, text and double come back from the columns, int64 extremes included. */
static void test_bind_step_columns(void **state)
{
	struct db *c = *state;
	assert_int_equal(insert(c, "园区", 2.5, "note one", INT64_MAX), DB_OK);
	assert_int_equal(insert(c, "b", -0.125, "", INT64_MIN), DB_OK);
	struct db_stmt *st = db_prepare(c, SQL_GET);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, "园区"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_count(st), 5);
	assert_int_equal(db_col_int(st, 0), 1);
	assert_string_equal(db_col_text(st, 1), "园区");
	assert_true(db_col_double(st, 2) == 2.5);
	assert_string_equal(db_col_text(st, 3), "note one");
	assert_true(db_col_int(st, 4) == INT64_MAX);
	assert_int_equal(db_col_is_null(st, 3), 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	assert_int_equal(db_bind_text(st, 1, "b"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 2);
	assert_true(db_col_double(st, 2) == -0.125);
	assert_string_equal(db_col_text(st, 3), "");
	assert_int_equal(db_col_is_null(st, 3), 0);
	assert_true(db_col_int(st, 4) == INT64_MIN);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

/* db_do and db_run_args bind each typed argument in order: an integer, text (NULL as NULL), an
 * optional integer (0 as NULL) and a double; *changed counts the rows an UPDATE changed. */
static void test_run_args(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_do(c, SQL_INSERT, DB_T("甲"), DB_F(1.5), DB_T(NULL), DB_O(0)), DB_OK);
	assert_int_equal(db_do(c, SQL_INSERT, DB_T("乙"), DB_F(-2), DB_T("n"), DB_O(INT64_MAX)),
	                 DB_OK);
	struct db_stmt *st = db_prepare(c, SQL_GET);
	db_bind_args(st, DB_ARGS(DB_T("甲")));
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_col_double(st, 2) == 1.5);
	assert_true(db_col_is_null(st, 3));
	assert_true(db_col_is_null(st, 4));
	db_reset(st);
	db_bind_args(st, DB_ARGS(DB_T("乙")));
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 3), "n");
	assert_true(db_col_int(st, 4) == INT64_MAX);
	db_reset(st);
	int64_t changed = -1;
	assert_int_equal(db_run_args(c, "UPDATE t SET big = ? WHERE score < ?",
	                             DB_ARGS(DB_I(7), DB_F(10)), &changed),
	                 DB_OK);
	assert_int_equal(changed, 2);
	assert_int_equal(db_run_args(c, "UPDATE t SET big = ? WHERE name = ?",
	                             DB_ARGS(DB_I(1), DB_T("丙")), &changed),
	                 DB_OK);
	assert_int_equal(changed, 0);
	/* a failing statement: the constraint, and SQL that does not prepare */
	assert_true(db_do(c, SQL_INSERT, DB_T("甲"), DB_F(0), DB_T(NULL), DB_I(0)) < 0);
	assert_true(db_run_args(c, "UPDATE nowhere SET x = ?", DB_ARGS(DB_I(1)), &changed) < 0);
	assert_int_equal(changed, 0);
}

/* Text is copied at bind time: changing the caller's buffer afterwards changes nothing. */
static void test_bind_text_copied(void **state)
{
	struct db *c = *state;
	char name[] = "original";
	struct db_stmt *st = db_prepare(c, SQL_INSERT);
	assert_int_equal(db_bind_text(st, 1, name), DB_OK);
	assert_int_equal(db_bind_double(st, 2, 1), DB_OK);
	assert_int_equal(db_bind_null(st, 3), DB_OK);
	assert_int_equal(db_bind_int(st, 4, 0), DB_OK);
	memcpy(name, "changed!", 8);
	assert_int_equal(db_run(st), DB_OK);
	st = db_prepare(c, SQL_GET);
	assert_int_equal(db_bind_text(st, 1, "original"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	db_reset(st);
}

/* SQL NULL: bound by db_bind_null or db_bind_text(NULL); read as is_null, NULL text, 0. */
static void test_null_handling(void **state)
{
	struct db *c = *state;
	assert_int_equal(insert(c, "n1", 0, NULL, 0), DB_OK);
	struct db_stmt *st = db_prepare(c, "UPDATE t SET score = ?, big = ? WHERE name = ?");
	assert_int_equal(db_bind_null(st, 1), DB_OK);
	assert_int_equal(db_bind_text(st, 2, NULL), DB_OK);
	assert_int_equal(db_bind_text(st, 3, "n1"), DB_OK);
	assert_int_equal(db_run(st), DB_OK);
	st = db_prepare(c, SQL_GET);
	assert_int_equal(db_bind_text(st, 1, "n1"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	for (int col = 2; col <= 4; col++) {
		assert_int_equal(db_col_is_null(st, col), 1);
		assert_null(db_col_text(st, col));
	}
	assert_int_equal(db_col_int(st, 4), 0);
	assert_true(db_col_double(st, 2) == 0);
	db_reset(st);

	/* an unbound parameter is NULL, so a NOT NULL column refuses it */
	st = db_prepare(c, SQL_INSERT);
	assert_int_equal(db_run(st), DB_CONSTRAINT);
	/* NULL never equals NULL in a WHERE clause */
	st = db_prepare(c, "SELECT COUNT(*) FROM t WHERE note = ?");
	assert_int_equal(db_bind_null(st, 1), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_reset(st);
}

/* Parameter indexes are 1-based and bounded by the statement's count of `?`. */
static void test_bind_out_of_range(void **state)
{
	struct db *c = *state;
	struct db_stmt *st = db_prepare(c, SQL_GET);
	assert_int_equal(db_bind_int(st, 0, 1), DB_ERR);
	assert_int_equal(db_bind_int(st, 2, 1), DB_ERR);
	assert_int_equal(db_bind_text(st, -1, "x"), DB_ERR);
	assert_int_equal(db_bind_double(st, 2, 1.0), DB_ERR);
	assert_int_equal(db_bind_null(st, 2), DB_ERR);
	st = db_prepare(c, SQL_COUNT);
	assert_int_equal(db_bind_int(st, 1, 1), DB_ERR);
	/* a ? in a literal is not a parameter */
	st = db_prepare(c, "SELECT COUNT(*) FROM t WHERE name = '?' OR name = ?");
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, "x"), DB_OK);
	assert_int_equal(db_bind_text(st, 2, "x"), DB_ERR);
}

/* Rebinding a parameter replaces its earlier value (and frees earlier text). */
static void test_rebind(void **state)
{
	struct db *c = *state;
	assert_int_equal(insert(c, "x", 0, NULL, 0), DB_OK);
	struct db_stmt *st = db_prepare(c, SQL_GET);
	assert_int_equal(db_bind_text(st, 1, "nope"), DB_OK);
	assert_int_equal(db_bind_int(st, 1, 5), DB_OK);
	assert_int_equal(db_bind_text(st, 1, "x"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 1), "x");
	db_reset(st);
}

/* Multi-row results come in order and end with DB_DONE. */
static void test_multiple_rows(void **state)
{
	struct db *c = *state;
	char name[16];
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof name, "n%02d", i);
		assert_int_equal(insert(c, name, i, NULL, i * 1000), DB_OK);
	}
	struct db_stmt *st = db_prepare(c, "SELECT name, big FROM t WHERE big >= ? ORDER BY id");
	assert_int_equal(db_bind_int(st, 1, 10000), DB_OK);
	int rc, n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(name, sizeof name, "n%02d", n + 10);
		assert_string_equal(db_col_text(st, 0), name);
		assert_int_equal(db_col_int(st, 1), (n + 10) * 1000);
		n++;
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(n, 40);
	db_reset(st);
}

/* The statement cache returns the same statement for the same text and another for other
 * text; preparing a statement still in use resets it. */
static void test_statement_cache(void **state)
{
	struct db *c = *state;
	struct db_stmt *a = db_prepare(c, SQL_GET);
	struct db_stmt *b = db_prepare(c, SQL_GET);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	char copy[sizeof SQL_GET];
	memcpy(copy, SQL_GET, sizeof SQL_GET);
	assert_ptr_equal(db_prepare(c, copy), a); /* same text, another pointer */
	struct db_stmt *other = db_prepare(c, SQL_COUNT);
	assert_ptr_not_equal(other, a);
	assert_ptr_equal(db_prepare(c, SQL_COUNT), other);
	/* a one-space difference is a different statement */
	assert_ptr_not_equal(db_prepare(c, "SELECT COUNT(*)  FROM t"), other);

	for (int i = 0; i < 3; i++) {
		char name[8];
		snprintf(name, sizeof name, "r%d", i);
		assert_int_equal(insert(c, name, 0, NULL, 0), DB_OK);
	}
	struct db_stmt *st = db_prepare(c, "SELECT name FROM t ORDER BY id");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "r1");
	/* prepared again mid-iteration: the same statement, restarted */
	assert_ptr_equal(db_prepare(c, "SELECT name FROM t ORDER BY id"), st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "r0");
	db_reset(st);
}

/* Many distinct statements (more than the cache keeps) all work; the cache empties itself when
 * full and earlier texts are prepared again. */
static void test_statement_cache_overflow(void **state)
{
	struct db *c = *state;
	char sql[64];
	for (int i = 0; i < DB_STMT_CACHE + 100; i++) {
		snprintf(sql, sizeof sql, "SELECT %d + ?", i);
		struct db_stmt *st = db_prepare(c, sql);
		assert_non_null(st);
		assert_int_equal(db_bind_int(st, 1, 1), DB_OK);
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_col_int(st, 0), i + 1);
		db_reset(st);
	}
	snprintf(sql, sizeof sql, "SELECT %d + ?", 3);
	int64_t v;
	assert_int_equal(db_query_int(c, sql, &v, 1, (int64_t)4), DB_OK);
	assert_int_equal(v, 7);
}

/* More than DB_MAX_PARAMS placeholders are refused at prepare. */
static void test_too_many_params(void **state)
{
	struct db *c = *state;
	char sql[512];
	size_t o = (size_t)snprintf(sql, sizeof sql, "SELECT ?");
	for (int i = 1; i < DB_MAX_PARAMS; i++)
		o += (size_t)snprintf(sql + o, sizeof sql - o, "+?");
	struct db_stmt *st = db_prepare(c, sql);
	assert_non_null(st);
	for (int i = 1; i <= DB_MAX_PARAMS; i++)
		assert_int_equal(db_bind_int(st, i, i), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), DB_MAX_PARAMS * (DB_MAX_PARAMS + 1) / 2);
	db_reset(st);
	snprintf(sql + o, sizeof sql - o, "+?");
	assert_null(db_prepare(c, sql));
	assert_true(strlen(db_errmsg(c)) > 0);
}

/* A syntax error fails at prepare with a message. */
static void test_prepare_error(void **state)
{
	struct db *c = *state;
	assert_null(db_prepare(c, "SELEC nonsense"));
	assert_true(strlen(db_errmsg(c)) > 0);
	assert_null(db_prepare(c, "SELECT * FROM no_such_table"));
	assert_non_null(strstr(db_errmsg(c), "no_such_table"));
}

/* A UNIQUE violation is DB_CONSTRAINT, the failed write leaves nothing, and the statement is
 * usable again. */
static void test_unique_constraint(void **state)
{
	struct db *c = *state;
	assert_int_equal(insert(c, "dup", 1, NULL, 1), DB_OK);
	assert_int_equal(insert(c, "dup", 2, NULL, 2), DB_CONSTRAINT);
	assert_non_null(strstr(db_errmsg(c), "UNIQUE"));
	assert_int_equal(count_rows(c), 1);
	assert_int_equal(insert(c, "dup2", 2, NULL, 2), DB_OK);
	assert_int_equal(count_rows(c), 2);
	/* the same through db_step */
	struct db_stmt *st = db_prepare(c, SQL_INSERT);
	assert_int_equal(db_bind_text(st, 1, "dup"), DB_OK);
	assert_int_equal(db_step(st), DB_CONSTRAINT);
	db_reset(st);
}

/* Foreign keys are enforced (PRAGMA foreign_keys=ON) and refusals are DB_CONSTRAINT. */
static void test_foreign_key_constraint(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_exec(c, "CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER NOT "
	                            "NULL REFERENCES t(id))"),
	                 DB_OK);
	struct db_stmt *st = db_prepare(c, "INSERT INTO child (t_id) VALUES (?)");
	assert_int_equal(db_bind_int(st, 1, 999), DB_OK);
	assert_int_equal(db_run(st), DB_CONSTRAINT);
	assert_int_equal(insert(c, "parent", 0, NULL, 0), DB_OK);
	assert_int_equal(db_bind_int(st, 1, 1), DB_OK);
	assert_int_equal(db_run(st), DB_OK);
	st = db_prepare(c, "DELETE FROM t WHERE id = ?");
	assert_int_equal(db_bind_int(st, 1, 1), DB_OK);
	assert_int_equal(db_run(st), DB_CONSTRAINT);
}

/* db_run resets the statement and reports rows changed through db_changes. */
static void test_run_and_changes(void **state)
{
	struct db *c = *state;
	for (int i = 0; i < 5; i++) {
		char name[8];
		snprintf(name, sizeof name, "c%d", i);
		assert_int_equal(insert(c, name, i, NULL, i), DB_OK);
	}
	struct db_stmt *st = db_prepare(c, "UPDATE t SET note = ? WHERE big >= ?");
	assert_int_equal(db_bind_text(st, 1, "hi"), DB_OK);
	assert_int_equal(db_bind_int(st, 2, 2), DB_OK);
	assert_int_equal(db_run(st), DB_OK);
	assert_int_equal(db_changes(st), 3);
	assert_int_equal(db_bind_text(st, 1, "again"), DB_OK);
	assert_int_equal(db_bind_int(st, 2, 100), DB_OK);
	assert_int_equal(db_run(st), DB_OK);
	assert_int_equal(db_changes(st), 0);
	/* db_run on a query returning rows is DB_OK too */
	assert_int_equal(db_run(db_prepare(c, "SELECT name FROM t")), DB_OK);
	/* RETURNING gives the row */
	st = db_prepare(c, "INSERT INTO t (name) VALUES (?) RETURNING id");
	assert_int_equal(db_bind_text(st, 1, "ret"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 6);
	db_reset(st);
	assert_int_equal(count_rows(c), 6);
}

/* db_query_int: the first column of the first row, 0 without a row, errors negative. */
static void test_query_int(void **state)
{
	struct db *c = *state;
	int64_t v = -1;
	assert_int_equal(db_query_int(c, "SELECT 42", &v, 0), DB_OK);
	assert_int_equal(v, 42);
	assert_int_equal(db_query_int(c, "SELECT ? * ?", &v, 2, (int64_t)6, (int64_t)7), DB_OK);
	assert_int_equal(v, 42);
	assert_int_equal(db_query_int(c, "SELECT ?", &v, 1, INT64_MIN), DB_OK);
	assert_true(v == INT64_MIN);
	v = -1;
	assert_int_equal(db_query_int(c, "SELECT id FROM t WHERE id = ?", &v, 1, (int64_t)1),
	                 DB_OK);
	assert_int_equal(v, 0);
	v = -1;
	assert_int_equal(db_query_int(c, "SELECT NULL", &v, 0), DB_OK);
	assert_int_equal(v, 0);
	v = -1;
	assert_true(db_query_int(c, "SELECT FROM WHERE", &v, 0) < 0);
	assert_int_equal(v, 0);
	/* a runtime error is negative too */
	assert_int_equal(insert(c, "q", 0, NULL, 0), DB_OK);
	assert_true(db_query_int(c, "INSERT INTO t (name) VALUES ('q') RETURNING id", &v, 0) < 0);
}

/* db_exec runs several statements; an error is reported. */
static void test_exec(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_exec(c, "INSERT INTO t (name) VALUES ('e1'); INSERT INTO t (name) "
	                            "VALUES ('e2');"),
	                 DB_OK);
	assert_int_equal(count_rows(c), 2);
	assert_int_equal(db_exec(c, "INSERT INTO t (name) VALUES ('e1')"), DB_CONSTRAINT);
	assert_int_equal(db_exec(c, "NOT SQL"), DB_ERR);
	assert_true(strlen(db_errmsg(c)) > 0);
}

/* A rolled-back transaction leaves nothing; a committed one keeps everything. */
static void test_transactions(void **state)
{
	struct db *c = *state;
	assert_int_equal(db_begin(c, 1), DB_OK);
	assert_int_equal(insert(c, "tx1", 0, NULL, 0), DB_OK);
	assert_int_equal(insert(c, "tx2", 0, NULL, 0), DB_OK);
	assert_int_equal(count_rows(c), 2);
	assert_int_equal(db_rollback(c), DB_OK);
	assert_int_equal(count_rows(c), 0);

	assert_int_equal(db_begin(c, 0), DB_OK);
	assert_int_equal(insert(c, "tx3", 0, NULL, 0), DB_OK);
	assert_int_equal(db_commit(c), DB_OK);
	assert_int_equal(count_rows(c), 1);

	/* a constraint failure inside a transaction, then rollback: nothing of it stays */
	assert_int_equal(db_begin(c, 1), DB_OK);
	assert_int_equal(insert(c, "tx4", 0, NULL, 0), DB_OK);
	assert_int_equal(insert(c, "tx3", 0, NULL, 0), DB_CONSTRAINT);
	assert_int_equal(db_rollback(c), DB_OK);
	assert_int_equal(count_rows(c), 1);

	/* commit or rollback without a transaction is an error, not a crash */
	assert_true(db_commit(c) < 0);
	assert_true(db_rollback(c) < 0);
	/* nested BEGIN is refused */
	assert_int_equal(db_begin(c, 1), DB_OK);
	assert_true(db_begin(c, 1) < 0);
	assert_int_equal(db_rollback(c), DB_OK);
}

/* Doubles survive the round trip through the driver. */
static void test_double_roundtrip(void **state)
{
	struct db *c = *state;
	const double vals[] = {0.1, 1234.5678, -98765.4321, 1e15, 1e-10, 123456789012.25};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		char name[8];
		snprintf(name, sizeof name, "d%zu", i);
		assert_int_equal(insert(c, name, vals[i], NULL, 0), DB_OK);
		struct db_stmt *st = db_prepare(c, SQL_GET);
		assert_int_equal(db_bind_text(st, 1, name), DB_OK);
		assert_int_equal(db_step(st), DB_ROW);
		assert_true(db_col_double(st, 2) == vals[i]);
		db_reset(st);
	}
}

/* Known limitation: db_col_double reads the column through its text form, and SQLite renders a
 * REAL as text with 15 significant digits ("%!.15g"), so 1.0/3 or 0.1+0.2 read back as a
 * different double. Skipped while src/db/db_sqlite.c has no column_double path. */
static void test_double_full_precision(void **state)
{
	struct db *c = *state;
	const double vals[] = {1.0 / 3.0, 0.1 + 0.2, 2.0 / 3.0 * 1e-5};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		struct db_stmt *st = db_prepare(c, "SELECT ?");
		assert_int_equal(db_bind_double(st, 1, vals[i]), DB_OK);
		assert_int_equal(db_step(st), DB_ROW);
		double got = db_col_double(st, 0);
		db_reset(st);
		if (got != vals[i]) {
			print_message("db_col_double(%.17g) gave %.17g\n", vals[i], got);
			fail();
		}
	}
}

/* A file database keeps its rows across connections, under "sqlite:PATH" and a plain path. */
static void test_file_database(void **state)
{
	char dir[] = "/tmp/yq-unit-db.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128], url[160], err[256];
	snprintf(path, sizeof path, "%s/t.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", path);
	struct db *c;
	assert_int_equal(db_open(url, &c, err, sizeof err), 0);
	assert_int_equal(db_exec(c, SQL_CREATE), DB_OK);
	assert_int_equal(db_begin(c, 1), DB_OK);
	assert_int_equal(insert(c, "kept", 1, "x", 2), DB_OK);
	assert_int_equal(db_commit(c), DB_OK);
	assert_int_equal(db_begin(c, 1), DB_OK);
	assert_int_equal(insert(c, "dropped", 1, "x", 2), DB_OK);
	assert_int_equal(db_rollback(c), DB_OK);
	db_close(c);

	assert_int_equal(db_open(path, &c, err, sizeof err), 0);
	assert_int_equal(count_rows(c), 1);
	struct db_stmt *st = db_prepare(c, SQL_GET);
	assert_int_equal(db_bind_text(st, 1, "kept"), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	db_reset(st);
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
	log_set_level(LOG_ERROR); /* the failures provoked here are logged as warnings */
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup_mem, teardown_mem)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_translate_basic),
	    cmocka_unit_test(test_translate_many),
	    cmocka_unit_test(test_translate_literals),
	    cmocka_unit_test(test_translate_escaped_quotes),
	    cmocka_unit_test(test_translate_over_one_hundred),
	    cmocka_unit_test(test_engine_of_url),
	    cmocka_unit_test(test_open_bad_url),
	    T(test_open_memory),
	    T(test_bind_step_columns),
	    T(test_run_args),
	    T(test_bind_text_copied),
	    T(test_null_handling),
	    T(test_bind_out_of_range),
	    T(test_rebind),
	    T(test_multiple_rows),
	    T(test_statement_cache),
	    T(test_statement_cache_overflow),
	    T(test_too_many_params),
	    T(test_prepare_error),
	    T(test_unique_constraint),
	    T(test_foreign_key_constraint),
	    T(test_run_and_changes),
	    T(test_query_int),
	    T(test_exec),
	    T(test_transactions),
	    T(test_double_roundtrip),
	    T(test_double_full_precision),
	    cmocka_unit_test(test_file_database),
	};
	return cmocka_run_group_tests(tests, setup_group, NULL);
}
