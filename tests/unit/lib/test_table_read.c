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
	struct table_reader *t = table_open_mem(in, strlen(in), err, sizeof err, NULL);
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
	    table_open_file(FIXTURE_DIR "/enterprises_gbk.csv", err, sizeof err, NULL);
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

	t = table_open_file(FIXTURE_DIR "/prefixed_ns.xlsx", err, sizeof err, NULL);
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
	assert_null(table_open_mem(ole2, sizeof ole2 - 1, err, sizeof err, NULL));
	assert_non_null(strstr(err, ".xls"));
	assert_null(table_open_mem("PK\x03\x04 not really", 15, err, sizeof err, NULL));
	assert_non_null(strstr(err, "xlsx"));
	assert_null(table_open_file("/nonexistent/file.csv", err, sizeof err, NULL));
	assert_non_null(strstr(err, "cannot open"));

	const char bad[] = "a\n\"unterminated";
	struct table_reader *t = table_open_mem(bad, strlen(bad), err, sizeof err, NULL);
	struct table_row row;
	assert_non_null(t);
	assert_int_equal(table_next(t, &row), 1);
	assert_int_equal(table_next(t, &row), -1);
	assert_non_null(strstr(table_error(t), "line 2"));
	table_close(t);
	table_close(NULL);
}

/* Opens the fixture `name` and reads it to its end or first error; returns the fault. */
static struct read_fault fault_of_file(const char *name)
{
	char path[512], err[256];
	snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, name);
	struct read_fault f;
	struct table_reader *t = table_open_file(path, err, sizeof err, &f);
	if (!t)
		return f;
	struct table_row row;
	while (table_next(t, &row) == 1)
		;
	f = *table_fault(t);
	table_close(t);
	return f;
}

/* Reads the `n` bytes at `data` to the end or the first error; returns the fault. */
static struct read_fault fault_of_mem(const char *data, size_t n)
{
	char err[256];
	struct read_fault f;
	struct table_reader *t = table_open_mem(data, n, err, sizeof err, &f);
	if (!t)
		return f;
	struct table_row row;
	while (table_next(t, &row) == 1)
		;
	f = *table_fault(t);
	table_close(t);
	return f;
}

/* Each way a file fails has its code and place, and a message for the user naming them. */
static void test_faults(void **state)
{
	struct read_fault f = fault_of_file("legacy.xls");
	assert_int_equal(f.code, READ_ERR_XLS);
	assert_int_equal(fault_of_file("encrypted.xlsx").code, READ_ERR_ENCRYPTED);
	assert_int_equal(fault_of_file("hostile_bomb.xlsx").code, READ_ERR_TOO_LARGE);
	assert_int_equal(fault_of_file("hostile_doctype.xlsx").code, READ_ERR_DOCTYPE);
	f = fault_of_file("hostile_rows.xlsx");
	assert_int_equal(f.code, READ_ERR_ROWS);
	assert_int_equal(f.limit, 1048576);
	assert_int_equal(fault_of_file("enterprises_gbk.csv").code, READ_OK);
	assert_int_equal(fault_of_file("prefixed_ns.xlsx").code, READ_OK);
	assert_int_equal(fault_of_file("/nonexistent").code, READ_ERR_IO);
	assert_int_equal(fault_of_mem("PK\x03\x04 not really", 15).code, READ_ERR_NOT_XLSX);

	const char nul[] = "a,b\r\n\r\nc,d\0e\r\n";
	f = fault_of_mem(nul, sizeof nul - 1);
	assert_int_equal(f.code, READ_ERR_NUL);
	assert_int_equal(f.row, 3); /* the empty line counts, as in a spreadsheet */
	assert_int_equal(f.col, 2);
	const char utf16[] = "\xff\xfe"
	                     "a\0,\0b\0";
	assert_int_equal(fault_of_mem(utf16, sizeof utf16 - 1).code, READ_ERR_UTF16);
	const char utf16_nobom[] = "a\0,\0b\0\r\0\n\0";
	assert_int_equal(fault_of_mem(utf16_nobom, sizeof utf16_nobom - 1).code, READ_ERR_UTF16);
	const char quote[] = "a,b\n1,\"2\n";
	f = fault_of_mem(quote, sizeof quote - 1);
	assert_int_equal(f.code, READ_ERR_QUOTE);
	assert_int_equal(f.row, 2);
	assert_int_equal(f.col, 2);

	char zh[256], en[256];
	f = (struct read_fault){.code = READ_ERR_NUL, .row = 7, .col = 3};
	table_fault_message(&f, zh, sizeof zh, en, sizeof en);
	assert_string_equal(zh, "第7行第3列含空字符");
	assert_string_equal(en, "row 7, column 3: a NUL character");
	f = (struct read_fault){.code = READ_ERR_CELL_LONG, .row = 2, .col = 4, .limit = 65536};
	table_fault_message(&f, zh, sizeof zh, en, sizeof en);
	assert_string_equal(zh, "第2行第4列超过长度上限（65,536 字节）");
	f = (struct read_fault){.code = READ_ERR_ROWS, .limit = 1048576};
	table_fault_message(&f, zh, sizeof zh, en, sizeof en);
	assert_string_equal(zh, "超过 1,048,576 行");
	f = (struct read_fault){.code = READ_ERR_XLS};
	table_fault_message(&f, zh, sizeof zh, en, sizeof en);
	assert_string_equal(zh, "这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_mem),
	    cmocka_unit_test(test_files),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
