/* Unit tests for the writer of the list exports (src/lib/table_write.c): the columns from a
 * field table, each cell by its type, read back through table_read. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/table_read.h"
#include "lib/table_write.h"

struct thing {
	const char *name;
	int64_t count;
	double amount;
	const char *on;
	int64_t at;
	const char *kind;
	int flag;
	const char *secret;
	const char *note;
};

static const char *const KINDS[] = {"a", "b", NULL};
static const char *const KIND_LABELS[] = {"甲类", "乙类", NULL};

#define X_(m, ft, fl, zh) FIELD_INIT(struct thing, m, ft, #m, 0, 0, fl, zh, #m)
static const struct field FIELDS[] = {
    {X_(name, FT_TEXT, F_EXPORT, "名称")},
    {X_(count, FT_INT, F_EXPORT, "数量")},
    {X_(amount, FT_MONEY, F_EXPORT, "金额")},
    {X_(on, FT_DATE, F_EXPORT, "日期")},
    {X_(at, FT_TIME, F_EXPORT, "时间")},
    {X_(kind, FT_ENUM, F_EXPORT, "类别"), .values = KINDS, .labels = KIND_LABELS},
    {X_(flag, FT_BOOL, F_EXPORT, "标记")},
    {X_(secret, FT_TEXT, F_EXPORT | F_INTERNAL, "内部")},
    {X_(note, FT_TEXT, 0, "备注")}, /* not exported */
};
static const struct entity THING = ENTITY("thing", "thing", "t", FIELDS, "物", "Thing");

/* 2026-03-05 09:30 China Standard Time */
#define AT_0930 1772674200

static const struct thing ROWS[] = {
    {"华通", 12, 1500.5, "2026-03-05", AT_0930, "b", 1, "甲", "x"},
    {"=HYPERLINK(\"x\")", -3, NAN, NULL, 0, "a", 0, "乙", "y"},
};

/* Writes ROWS with sheet sh into memory (*len bytes, malloc'd). */
static char *write_rows(const struct table_sheet *sh, int csv, size_t *len)
{
	struct table_writer w;
	struct yq_err e = {0};
	assert_int_equal(table_writer_open(&w, sh, csv, "yq-test-tw-", &e), 0);
	for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++)
		table_writer_row(&w, &ROWS[i]);
	assert_int_equal(w.rows, 2);
	int fd;
	uint64_t size;
	assert_int_equal(table_writer_finish(&w, 1, &fd, &size, &e), 0);
	char *buf = malloc(size + 1);
	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, size, 0), (ssize_t)size);
	buf[size] = 0;
	close(fd);
	*len = size;
	return buf;
}

/* Reads the rows of a written file: rows[r][c] into out (at most 4 rows of 10 cells). */
static int read_back(const char *buf, size_t len, char out[4][10][64])
{
	char err[128];
	struct table_reader *t = table_open_mem(buf, len, err, sizeof err, NULL);
	struct table_row row;
	int n = 0;
	assert_non_null(t);
	memset(out, 0, sizeof(char[4][10][64]));
	while (n < 4 && table_next(t, &row) == 1) {
		for (size_t c = 0; c < row.n_cells && c < 10; c++)
			snprintf(out[n][c], 64, "%s", row.cells[c]);
		n++;
	}
	table_close(t);
	return n;
}

/* Typed sheets: headers with the unit, numbers, dates and times as such, the hidden column
 * left out; the CSV guards formulas, not negative numbers. */
static void test_typed(void **state)
{
	(void)state;
	struct table_sheet sh;
	char rows[4][10][64];
	size_t len;
	table_sheet_init(&sh, &THING, F_INTERNAL, TABLE_TYPED, "物品");
	assert_int_equal(sh.n, 7);
	assert_string_equal(sh.cols[2].header, "金额（万元）");
	assert_int_equal(sh.cols[1].kind, TABLE_CELL_NUMBER);
	assert_int_equal(sh.cols[3].kind, TABLE_CELL_DATE);
	assert_null(table_sheet_col(&sh, "secret"));
	assert_non_null(table_sheet_col(&sh, "flag"));
	assert_true(sh.cols[2].width >= 14); /* the header's width: 金额（万元） */

	char *x = write_rows(&sh, 0, &len);
	assert_int_equal(read_back(x, len, rows), 3);
	assert_string_equal(rows[0][0], "名称");
	assert_string_equal(rows[0][6], "标记");
	assert_string_equal(rows[1][0], "华通");
	assert_string_equal(rows[1][1], "12");
	assert_string_equal(rows[1][2], "1500.5");
	assert_string_equal(rows[1][3], "2026-03-05");
	assert_string_equal(rows[1][4], "2026-03-05 09:30:00");
	assert_string_equal(rows[1][5], "乙类");
	assert_string_equal(rows[1][6], "是");
	assert_string_equal(rows[2][0], "=HYPERLINK(\"x\")"); /* a string, never a formula */
	assert_string_equal(rows[2][1], "-3");
	assert_string_equal(rows[2][2], "");
	assert_string_equal(rows[2][3], "");
	assert_string_equal(rows[2][6], "否");
	assert_null(strstr(x, "<f>"));
	free(x);

	x = write_rows(&sh, 1, &len);
	assert_memory_equal(x, "\xef\xbb\xbf", 3);
	assert_non_null(strstr(x, "名称,数量,金额（万元）,日期,时间,类别,标记\r\n"));
	assert_non_null(strstr(x, "华通,12,1500.5,2026-03-05,\"2026-03-05 09:30\",乙类,是\r\n"));
	assert_non_null(strstr(x, "\"'=HYPERLINK(\"\"x\"\")\",-3,,,,甲类,否\r\n"));
	free(x);
}

/* Plain sheets: the labels alone, every cell text; the hook decides the cells it knows. */
static const char *hook(const struct table_col *c, const void *row, char *buf, size_t n)
{
	const struct thing *t = row;
	if (strcmp(c->f->key, "flag") == 0)
		return t->flag ? "是" : "";
	if (strcmp(c->f->key, "count") == 0 && t->count < 0) {
		snprintf(buf, n, "欠%lld", (long long)-t->count);
		return buf;
	}
	return TABLE_CELL_FIELD;
}

static void test_plain(void **state)
{
	(void)state;
	struct table_sheet sh;
	char rows[4][10][64];
	size_t len;
	table_sheet_init(&sh, &THING, 0, 0, "物品");
	sh.cell = hook;
	assert_int_equal(sh.n, 8);
	assert_string_equal(sh.cols[2].header, "金额");
	assert_int_equal(sh.cols[1].kind, TABLE_CELL_TEXT);
	char *x = write_rows(&sh, 0, &len);
	assert_int_equal(read_back(x, len, rows), 3);
	assert_string_equal(rows[1][1], "12");
	assert_string_equal(rows[1][4], "2026-03-05 09:30");
	assert_string_equal(rows[1][7], "甲");
	assert_string_equal(rows[2][1], "欠3");
	assert_string_equal(rows[2][6], "");
	free(x);
	x = write_rows(&sh, 1, &len);
	assert_non_null(strstr(x, "华通,12,1500.5,2026-03-05,\"2026-03-05 09:30\",乙类,是,甲\r\n"));
	assert_non_null(strstr(x, ",欠3,,,,甲类,,乙\r\n"));
	free(x);
}

/* A discarded file leaves nothing and reports nothing. */
static void test_discard(void **state)
{
	(void)state;
	struct table_sheet sh;
	struct table_writer w;
	struct yq_err e = {0};
	int fd = -7;
	uint64_t size = 9;
	table_sheet_init(&sh, &THING, 0, TABLE_TYPED, "物品");
	assert_int_equal(table_writer_open(&w, &sh, 0, "yq-test-tw-", &e), 0);
	table_writer_row(&w, &ROWS[0]);
	char path[sizeof w.path];
	memcpy(path, w.path, sizeof path);
	assert_int_equal(table_writer_finish(&w, 0, &fd, &size, &e), -1);
	assert_int_equal(e.code, ERR_NONE);
	assert_int_equal(fd, -7);
	assert_int_not_equal(access(path, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_typed),
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_discard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
