/* Unit tests for the SQLite FTS5 tokenizer "cjk" and MATCH expressions (src/db/fts_sqlite.c),
 * on an in-memory database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/fts_sqlite.h"
#include "lib/cjk_tok.h"
#include "lib/log.h"

/* The documents, rowid = index + 1. */
static const char *const docs[] = {
    "企业融资难，急需贷款支持",      /* 1 */
    "5G基站66KV变电站用电报装",      /* 2 */
    "招聘用工缺口大，需要技术工人",  /* 3 */
    "电费偏高",                      /* 4 */
    "Hello World 园区 ５Ｇ网络覆盖", /* 5 */
    "融 资 两个字分开写",            /* 6 */
    ("园区企业反映：今年以来原材料价格上涨，企业融资渠道单一，银行贷款审批周期长，"
     "希望管委会协调金融机构开展银企对接活动。"), /* 7 */
    "Say \"OR\" AND NOT near",                    /* 8 */
};
#define N_DOCS (sizeof docs / sizeof docs[0])

/* Opens an in-memory database with the tokenizer registered and the documents indexed. */
static int setup(void **state)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || fts_sqlite_register(db) != 0)
		return -1;
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='cjk')", NULL, NULL,
	                 NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO t (rowid, body) VALUES (?, ?)", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	for (size_t i = 0; i < N_DOCS; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(i + 1));
		sqlite3_bind_text(st, 2, docs[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return -1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	*state = db;
	return 0;
}

/* Closes the database. */
static int teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

/* Runs `SELECT rowid FROM t WHERE t MATCH expr` and writes the rowids, comma-separated and in
 * order, into `out`. Returns the sqlite3_step() result that ended the loop (SQLITE_DONE on
 * success). */
static int match_ids(sqlite3 *db, const char *expr, char *out, size_t n)
{
	sqlite3_stmt *st = NULL;
	size_t o = 0;
	out[0] = 0;
	int rc = sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1,
	                            &st, NULL);
	assert_int_equal(rc, SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o += (size_t)snprintf(out + o, n - o, "%s%lld", o ? "," : "",
		                      (long long)sqlite3_column_int64(st, 0));
		assert_true(o < n);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Asserts that the user query `q`, through fts_sqlite_match_expr, finds exactly `want`. */
static void assert_finds(sqlite3 *db, const char *q, const char *want)
{
	char expr[512], ids[256];
	assert_int_equal(fts_sqlite_match_expr(q, expr, sizeof expr), 0);
	assert_int_equal(match_ids(db, expr, ids, sizeof ids), SQLITE_DONE);
	assert_string_equal(ids, want);
}

/* Asserts the first column of `sql` (one text parameter `param`, one row) is `want`. */
static void assert_text(sqlite3 *db, const char *sql, const char *param, const char *want)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	char got[1024] = "";
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(got, sizeof got, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st); /* before asserting, so a failure leaves no statement running */
	assert_int_equal(rc, SQLITE_ROW);
	assert_string_equal(got, want);
}

/* Two-character terms: 融资 matches "企业融资难" but not 融 and 资 apart; 用工 matches. */
static void test_two_character_terms(void **state)
{
	sqlite3 *db = *state;
	assert_finds(db, "融资", "1,7");
	assert_finds(db, "用工", "3");
	assert_finds(db, "贷款", "1,7");
	assert_finds(db, "企业融资", "1,7");
	assert_finds(db, "银企对接", "7");
	assert_finds(db, "资融", "");
}

/* A one-character query matches the character anywhere, alone or inside a run. */
static void test_single_character(void **state)
{
	sqlite3 *db = *state;
	assert_finds(db, "电", "2,4");
	assert_finds(db, "融", "1,6,7");
	assert_finds(db, "工", "3");
}

/* Latin words and digits, case- and width-insensitive. */
static void test_words(void **state)
{
	sqlite3 *db = *state;
	assert_finds(db, "5G", "2,5");
	assert_finds(db, "5g", "2,5");
	assert_finds(db, "５Ｇ", "2,5");
	assert_finds(db, "66kv", "2");
	assert_finds(db, "66KV", "2");
	assert_finds(db, "hello", "5");
	assert_finds(db, "66", ""); /* words are whole words */
}

/* Several terms must all match, wherever they are. */
static void test_several_terms(void **state)
{
	sqlite3 *db = *state;
	assert_finds(db, "融资 贷款", "1,7");
	assert_finds(db, "贷款，融资", "1,7");
	assert_finds(db, "5G 用电", "2");
	assert_finds(db, "5G基站", "2");
	assert_finds(db, "融资 5G", "");
	assert_finds(db, "园区 企业", "7");
}

/* Quotes and FTS5 operators in a query are plain separators: no syntax error, ever. */
static void test_operators_and_quotes(void **state)
{
	sqlite3 *db = *state;
	char expr[512];
	assert_finds(db, "融资\"", "1,7");
	assert_finds(db, "\"融资", "1,7");
	assert_finds(db, "融资\" OR \"电", ""); /*融资 AND or AND 电 */
	assert_finds(db, "NOT 融资", "");       /* "not" is a word of document 8 only */
	assert_finds(db, "or and not", "8");
	assert_finds(db, "NEAR(融资 贷款)", ""); /* "near" is a word of document 8 only */
	assert_finds(db, "融资* ^贷款 body:融资 -电 +5G (x)", "");
	assert_finds(db, "{body} : 融资 *", ""); /* "body" is a word of no document */
	assert_finds(db, "'; DROP TABLE t; --", "");
	/* only separators: no expression */
	assert_int_equal(fts_sqlite_match_expr("\"", expr, sizeof expr), -1);
	assert_string_equal(expr, "");
	assert_int_equal(fts_sqlite_match_expr("* ( ) : ^ + - \"\"", expr, sizeof expr), -1);
	assert_int_equal(fts_sqlite_match_expr("", expr, sizeof expr), -1);
	assert_int_equal(fts_sqlite_match_expr("，。、；", expr, sizeof expr), -1);
	assert_int_equal(fts_sqlite_match_expr(NULL, expr, sizeof expr), -1);
	/* the table is still there */
	char ids[64];
	assert_int_equal(match_ids(db, "\"电\"", ids, sizeof ids), SQLITE_DONE);
	assert_string_equal(ids, "2,4");
}

/* The expression text itself, and the buffer bound. */
static void test_match_expr_text(void **state)
{
	char expr[256];
	assert_int_equal(fts_sqlite_match_expr("融资", expr, sizeof expr), 0);
	assert_string_equal(expr, "\"融资\"");
	assert_int_equal(fts_sqlite_match_expr("企业融资 5G", expr, sizeof expr), 0);
	assert_string_equal(expr, "\"企业\" AND \"业融\" AND \"融资\" AND \"5g\"");
	assert_int_equal(fts_sqlite_match_expr(" 电,66KV\"x", expr, sizeof expr), 0);
	assert_string_equal(expr, "\"电\" AND \"66kv\" AND \"x\"");

	/* exactly fitting, one byte short */
	const char *q = "融资 5G";
	const char *want = "\"融资\" AND \"5g\"";
	size_t need = strlen(want) + 1;
	assert_int_equal(fts_sqlite_match_expr(q, expr, need), 0);
	assert_string_equal(expr, want);
	assert_int_equal(fts_sqlite_match_expr(q, expr, need - 1), -1);
	assert_string_equal(expr, "");
	assert_int_equal(fts_sqlite_match_expr(q, expr, 1), -1);
	assert_int_equal(fts_sqlite_match_expr(q, NULL, 10), -1);
	assert_int_equal(fts_sqlite_match_expr(q, expr, 0), -1);

	/* FTS_MATCH_EXPR_SIZE is enough for the densest queries */
	const char *dense[] = {"a电b电c电d", "电a电a电", "a b c d e f",      "融资融资融资",
	                       "𠮷𠮷𠮷",     "ａ电ｂ电", "1 2 3 4 5 6 7 8 9"};
	for (size_t i = 0; i < sizeof dense / sizeof dense[0]; i++) {
		char *buf = malloc(FTS_MATCH_EXPR_SIZE(strlen(dense[i])));
		assert_non_null(buf);
		assert_int_equal(
		    fts_sqlite_match_expr(dense[i], buf, FTS_MATCH_EXPR_SIZE(strlen(dense[i]))), 0);
		free(buf);
	}
}

/* highlight() and snippet() mark exactly the matched characters, thanks to the offsets. */
static void test_highlight_and_snippet(void **state)
{
	sqlite3 *db = *state;
	static const char hl[] = "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 "
	                         "ORDER BY rowid LIMIT 1";
	static const char sn[] = "SELECT snippet(t, 0, '[', ']', '…', 16) FROM t WHERE t MATCH ?1 "
	                         "ORDER BY rowid LIMIT 1";
	static const char hl7[] = "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 "
	                          "AND rowid = 7";
	char expr[256];
	assert_int_equal(fts_sqlite_match_expr("融资", expr, sizeof expr), 0);
	assert_text(db, hl, expr, "企业[融资]难，急需贷款支持");
	assert_int_equal(fts_sqlite_match_expr("电", expr, sizeof expr), 0);
	assert_text(db, hl, expr, "5G基站66KV变[电]站用[电]报装");
	assert_int_equal(fts_sqlite_match_expr("66kv", expr, sizeof expr), 0);
	assert_text(db, hl, expr, "5G基站[66KV]变电站用电报装");
	assert_int_equal(fts_sqlite_match_expr("5g", expr, sizeof expr), 0);
	assert_text(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 5",
	            expr, "Hello World 园区 [５Ｇ]网络覆盖");
	/* overlapping bigrams of one query merge into one mark */
	assert_int_equal(fts_sqlite_match_expr("企业融资", expr, sizeof expr), 0);
	assert_text(db, hl, expr, "[企业融资]难，急需贷款支持");
	assert_int_equal(fts_sqlite_match_expr("融资 贷款", expr, sizeof expr), 0);
	assert_text(db, hl, expr, "企业[融资]难，急需[贷款]支持");
	/* a raw FTS5 phrase goes through the same tokenizer */
	assert_text(db, hl, "融资", "企业[融资]难，急需贷款支持");

	/* snippet: 16 tokens are about 8 Chinese characters (a unigram and a bigram each) */
	assert_int_equal(fts_sqlite_match_expr("银企对接", expr, sizeof expr), 0);
	assert_text(db, sn, expr, "…构开展[银企对接]活动。");
	assert_text(db, hl7, expr,
	            "园区企业反映：今年以来原材料价格上涨，企业融资渠道单一，银行贷款审批周期长，"
	            "希望管委会协调金融机构开展[银企对接]活动。");
	assert_int_equal(fts_sqlite_match_expr("融资", expr, sizeof expr), 0);
	assert_text(db, sn, expr, "企业[融资]难，急需贷款…");
}

/* The MATCH expression selects exactly the rows whose document tokens hold every query token:
 * the test PostgreSQL's `tokens @> query_tokens` applies. */

/* Space-joined tokens, with a space on each side, for containment tests. */
struct joined {
	char s[4096];
	size_t len;
};

/* cjk_emit_fn: appends " tok" to a struct joined. */
static int join_emit(void *ctx, const char *tok, size_t len, int start, int end)
{
	struct joined *j = ctx;
	assert_true(j->len + len + 3 < sizeof j->s);
	memcpy(j->s + j->len, tok, len);
	j->len += len;
	j->s[j->len++] = ' ';
	j->s[j->len] = 0;
	return 0;
}

/* 1 when every query token of `q` is a document token of `doc`. */
static int contains_all(const char *doc, const char *q)
{
	struct joined d = {" ", 1}, qt = {"", 0};
	assert_int_equal(cjk_tokenize(doc, strlen(doc), join_emit, &d), 0);
	assert_int_equal(cjk_query_tokens(q, strlen(q), join_emit, &qt), 0);
	char *save = NULL;
	for (char *tok = strtok_r(qt.s, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char needle[CJK_TOK_MAX + 3];
		snprintf(needle, sizeof needle, " %s ", tok);
		if (!strstr(d.s, needle))
			return 0;
	}
	return 1;
}

/* SQLite and the token-array test agree on every query. */
static void test_same_answer_as_token_arrays(void **state)
{
	sqlite3 *db = *state;
	const char *queries[] = {"融资",           "用工", "电",          "5G",    "66kv",
	                         "融资 贷款",      "企业", "园区",        "资融",  "企业融资",
	                         "５ｇ网络",       "工人", "world hello", "or",    "金融机构",
	                         "原材料价格上涨", "融",   "资",          "两个字"};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char expr[512], ids[256], want[256];
		size_t o = 0;
		want[0] = 0;
		for (size_t d = 0; d < N_DOCS; d++)
			if (contains_all(docs[d], queries[i]))
				o += (size_t)snprintf(want + o, sizeof want - o, "%s%zu",
				                      o ? "," : "", d + 1);
		assert_int_equal(fts_sqlite_match_expr(queries[i], expr, sizeof expr), 0);
		assert_int_equal(match_ids(db, expr, ids, sizeof ids), SQLITE_DONE);
		if (strcmp(ids, want) != 0)
			fail_msg("query %s: sqlite %s, token arrays %s", queries[i], ids, want);
	}
}

/* Registration: on a NULL connection it fails; a second time it succeeds; options are refused. */
static void test_register(void **state)
{
	sqlite3 *db = *state;
	log_set_level(LOG_ERROR);
	assert_int_equal(fts_sqlite_register(NULL), -1);
	assert_int_equal(fts_sqlite_register(db), 0);
	assert_int_not_equal(
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t2 USING fts5(x, tokenize='cjk foo')", NULL,
	                 NULL, NULL),
	    SQLITE_OK);
	/* a new table after the second registration works, and updates and deletes keep the
	 * index consistent */
	assert_int_equal(
	    sqlite3_exec(db,
	                 "CREATE VIRTUAL TABLE t3 USING fts5(x, tokenize='cjk');"
	                 "INSERT INTO t3 (rowid, x) VALUES (1, '用电报装'), (2, '融资');"
	                 "UPDATE t3 SET x = '用工' WHERE rowid = 1;"
	                 "DELETE FROM t3 WHERE rowid = 2;"
	                 "INSERT INTO t3(t3) VALUES ('integrity-check');",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_text(db, "SELECT count(*) || '' FROM t3 WHERE t3 MATCH ?1", "\"用电\"", "0");
	assert_text(db, "SELECT count(*) || '' FROM t3 WHERE t3 MATCH ?1", "\"用工\"", "1");
	assert_text(db, "SELECT count(*) || '' FROM t3 WHERE t3 MATCH ?1", "\"融资\"", "0");
	assert_int_equal(sqlite3_exec(db, "DROP TABLE t3", NULL, NULL, NULL), SQLITE_OK);
}

/* detail=full is required: with detail=column FTS5 refuses the phrase a Chinese term becomes. */
static void test_detail_full_required(void **state)
{
	sqlite3 *db = *state;
	char ids[64];
	assert_int_equal(
	    sqlite3_exec(db,
	                 "CREATE VIRTUAL TABLE t5 USING fts5(x, tokenize='cjk', "
	                 "detail=column);"
	                 "INSERT INTO t5 (rowid, x) VALUES (1, '企业融资难'), (2, '电');",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT rowid FROM t5 WHERE t5 MATCH ?1", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, "\"融资\"", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	assert_int_equal(rc, SQLITE_ERROR);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE t5", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(match_ids(db, "\"融资\"", ids, sizeof ids), SQLITE_DONE);
	assert_string_equal(ids, "1,7");
}

/* A connection without the tokenizer cannot create a cjk table: the hook in the driver matters. */
static void test_unregistered_connection(void **state)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db,
	                                  "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='cjk')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
}

/* Invalid UTF-8 and long text index without error. */
static void test_odd_documents(void **state)
{
	sqlite3 *db = *state;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t4 USING fts5(x, tokenize='cjk')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db, "INSERT INTO t4 (rowid, x) VALUES (?, ?)", -1, &st, NULL),
	    SQLITE_OK);
	static const char bad[] = "\xff融资\xc0\x80\xe8";
	sqlite3_bind_int(st, 1, 1);
	sqlite3_bind_text(st, 2, bad, (int)sizeof bad - 1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
	size_t n = 200000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, i % 300 == 0 ? "，" : "电", 3);
	big[n - n % 3] = 0;
	sqlite3_bind_int(st, 1, 2);
	sqlite3_bind_text(st, 2, big, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	free(big);
	assert_text(db, "SELECT group_concat(rowid) FROM t4 WHERE t4 MATCH ?1", "\"融资\"", "1");
	assert_text(db, "SELECT group_concat(rowid) FROM t4 WHERE t4 MATCH ?1", "\"电电\"", "2");
	assert_int_equal(sqlite3_exec(db, "DROP TABLE t4", NULL, NULL, NULL), SQLITE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_two_character_terms),
	    cmocka_unit_test(test_single_character),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_several_terms),
	    cmocka_unit_test(test_operators_and_quotes),
	    cmocka_unit_test(test_match_expr_text),
	    cmocka_unit_test(test_highlight_and_snippet),
	    cmocka_unit_test(test_same_answer_as_token_arrays),
	    cmocka_unit_test(test_register),
	    cmocka_unit_test(test_detail_full_required),
	    cmocka_unit_test(test_unregistered_connection),
	    cmocka_unit_test(test_odd_documents),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
