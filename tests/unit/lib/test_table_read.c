/* Unit tests for the CSV/XLSX row interface (src/lib/table_read.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lib/table_read.h"

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/fixtures"
#endif

/* A CSV in memory: blank rows (empty lines and lines of commas) are skipped, trailing empty
 * cells dropped, numbers are the spreadsheet's row numbers. */
static void test_csv_mem(void **state)
{
	const char in[] = "企业名称,信用代码,,\r\n\r\n,,,\r\n华通,91350100M000100Y43,\r\n";
	char err[128];
	struct table_reader *t = table_open_mem(in, strlen(in), err, sizeof err);
	struct table_row row;
	assert_non_null(t);
	assert_int_equal(table_format(t), TABLE_CSV);
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(row.n_cells, 2);
	assert_int_equal(row.number, 1);
	assert_string_equal(row.cells[1], "信用代码");
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(row.number, 4);
	assert_int_equal(row.n_cells, 2);
	assert_string_equal(row.cells[0], "华通");
	assert_int_equal(table_next(t, &row), 0);
	assert_string_equal(table_encoding(t), "utf-8");
	assert_string_equal(table_error(t), "");
	table_close(t);
}

/* The fixtures by file: the GBK CSV and the workbook read as the same kind of rows. */
static void test_files(void **state)
{
	char err[256];
	struct table_row row;
	struct table_reader *t =
	    table_open_file(FIXTURE_DIR "/enterprises_gbk.csv", err, sizeof err);
	assert_non_null(t);
	assert_int_equal(table_format(t), TABLE_CSV);
	assert_int_equal(table_next(t, &row), 1);
	assert_string_equal(row.cells[0], "企业名称");
	assert_int_equal(row.n_cells, 6);
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(row.n_cells, 5); /* the empty 备注 is dropped */
	assert_string_equal(row.cells[1], "91350100M000100Y43");
	while (table_next(t, &row) == 1)
		;
	assert_string_equal(table_encoding(t), "gb18030");
	table_close(t);

	t = table_open_file(FIXTURE_DIR "/prefixed_ns.xlsx", err, sizeof err);
	assert_non_null(t);
	assert_int_equal(table_format(t), TABLE_XLSX);
	assert_string_equal(table_encoding(t), "xlsx");
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(row.number, 1);
	assert_string_equal(row.cells[0], "企业名称");
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(row.number, 3);
	assert_int_equal(row.n_cells, 4);
	assert_string_equal(row.cells[1], "2016-03-01");
	assert_string_equal(row.cells[3], "4500");
	assert_int_equal(table_next(t, &row), 0);
	table_close(t);
}

/* .xls / encrypted workbooks, broken zips and missing files are refused at open; an error while
 * reading is reported. */
static void test_errors(void **state)
{
	char err[256];
	const char ole2[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest of an xls";
	assert_null(table_open_mem(ole2, sizeof ole2 - 1, err, sizeof err));
	assert_non_null(strstr(err, ".xls"));
	assert_null(table_open_mem("PK\x03\x04 not really", 15, err, sizeof err));
	assert_non_null(strstr(err, "xlsx"));
	assert_null(table_open_file("/nonexistent/file.csv", err, sizeof err));
	assert_non_null(strstr(err, "cannot open"));

	const char bad[] = "a\n\"unterminated";
	struct table_reader *t = table_open_mem(bad, strlen(bad), err, sizeof err);
	struct table_row row;
	assert_non_null(t);
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(table_next(t, &row), -1);
	assert_non_null(strstr(table_error(t), "line 2"));
	table_close(t);
	table_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_mem),
	    cmocka_unit_test(test_files),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
