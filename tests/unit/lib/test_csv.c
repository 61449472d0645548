/* Unit tests for the CSV reader (src/lib/csv.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/alloc.h"
#include "lib/csv.h"
#include "lib/strbuf.h"

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/fixtures"
#endif

/* "企业名称,统一社会信用代码" in GBK, as Excel on Chinese Windows saves it. */
static const char gbk_header[] = "\xc6\xf3\xd2\xb5\xc3\xfb\xb3\xc6,"
                                 "\xcd\xb3\xd2\xbb\xc9\xe7\xbb\xe1\xd0\xc5\xd3\xc3\xb4\xfa\xc2\xeb";

/* Reads every record of `data` (n bytes) and joins them as "a|b\n" lines into `out`; returns
 * csv_next()'s final result (0 or -1). */
static int read_all(const char *data, size_t n, char *out, size_t outlen, enum csv_encoding *enc)
{
	struct csv_reader *r = csv_open_mem(data, n);
	struct csv_record rec;
	int rc;
	size_t o = 0;
	assert_non_null(r);
	out[0] = 0;
	while ((rc = csv_next(r, &rec)) == 1) {
		for (size_t i = 0; i < rec.n_fields; i++)
			o += (size_t)snprintf(out + o, outlen - o, "%s%s", i ? "|" : "",
			                      rec.fields[i]);
		o += (size_t)snprintf(out + o, outlen - o, "\n");
		assert_true(o < outlen);
	}
	if (enc)
		*enc = csv_encoding(r);
	csv_free(r);
	return rc;
}

/* Plain records with LF, CRLF and lone CR line ends, and a last line without one. */
static void test_line_ends(void **state)
{
	char out[256];
	const char in[] = "a,b,c\n1,2,3\r\nx,y\rlast,line";
	assert_int_equal(read_all(in, strlen(in), out, sizeof out, NULL), 0);
	assert_string_equal(out, "a|b|c\n1|2|3\nx|y\nlast|line\n");
	assert_int_equal(read_all("", 0, out, sizeof out, NULL), 0);
	assert_string_equal(out, "");
}

/* Quoted fields: commas, "" escapes, embedded line breaks; line and record numbers. */
static void test_quotes_and_numbers(void **state)
{
	const char in[] =
	    "name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"multi\r\nline\nfield\",x\r\n"
	    "after,\"\"\n";
	struct csv_reader *r = csv_open_mem(in, strlen(in));
	struct csv_record rec;
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(rec.line, 1);
	assert_int_equal(rec.number, 1);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(rec.n_fields, 2);
	assert_string_equal(rec.fields[0], "a,b");
	assert_string_equal(rec.fields[1], "say \"hi\"");
	assert_int_equal(rec.line, 2);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_string_equal(rec.fields[0], "multi\r\nline\nfield");
	assert_string_equal(rec.fields[1], "x");
	assert_int_equal(rec.line, 3);
	assert_int_equal(rec.number, 3);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_string_equal(rec.fields[0], "after");
	assert_string_equal(rec.fields[1], "");
	assert_int_equal(rec.line, 6);
	assert_int_equal(rec.number, 4);
	assert_int_equal(csv_next(r, &rec), 0);
	assert_int_equal(csv_next(r, &rec), 0);
	assert_string_equal(csv_error(r), "");
	csv_free(r);
}

/* Empty lines are skipped but counted in record numbers; a line of commas is a record. */
static void test_empty_lines(void **state)
{
	const char in[] = "\n\r\na,b\n\n\n,,\r\n\r\nc\n\n";
	struct csv_reader *r = csv_open_mem(in, strlen(in));
	struct csv_record rec;
	assert_int_equal(csv_next(r, &rec), 1);
	assert_string_equal(rec.fields[0], "a");
	assert_int_equal(rec.line, 3);
	assert_int_equal(rec.number, 3);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(rec.n_fields, 3);
	assert_string_equal(rec.fields[2], "");
	assert_int_equal(rec.line, 6);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_string_equal(rec.fields[0], "c");
	assert_int_equal(rec.line, 8);
	assert_int_equal(rec.number, 8);
	assert_int_equal(csv_next(r, &rec), 0);
	csv_free(r);
}

/* Excel's leniencies: a quote inside an unquoted field, text after a closing quote. */
static void test_lenient_quotes(void **state)
{
	char out[128];
	const char in[] = "a\"b,\"abc\"def,5\" screen\n";
	assert_int_equal(read_all(in, strlen(in), out, sizeof out, NULL), 0);
	assert_string_equal(out, "a\"b|abcdef|5\" screen\n");
}

/* A UTF-8 byte order mark is skipped. */
static void test_bom(void **state)
{
	char out[256];
	enum csv_encoding enc;
	const char in[] = "\xef\xbb\xbf企业名称,统一社会信用代码\r\n华通,91350100M000100Y43\r\n";
	assert_int_equal(read_all(in, strlen(in), out, sizeof out, &enc), 0);
	assert_string_equal(out, "企业名称|统一社会信用代码\n华通|91350100M000100Y43\n");
	assert_int_equal(enc, CSV_ENC_UTF8);
	assert_string_equal(csv_encoding_name(enc), "utf-8");
}

/* GBK text is detected and converted to UTF-8. */
static void test_gbk(void **state)
{
	char out[256];
	enum csv_encoding enc;
	assert_int_equal(read_all(gbk_header, strlen(gbk_header), out, sizeof out, &enc), 0);
	assert_string_equal(out, "企业名称|统一社会信用代码\n");
	assert_int_equal(enc, CSV_ENC_GB18030);
	assert_string_equal(csv_encoding_name(enc), "gb18030");
	/* UTF-8 without a BOM stays UTF-8. */
	const char utf8[] = "企业名称,统一社会信用代码\n";
	assert_int_equal(read_all(utf8, strlen(utf8), out, sizeof out, &enc), 0);
	assert_string_equal(out, "企业名称|统一社会信用代码\n");
	assert_int_equal(enc, CSV_ENC_UTF8);
}

/* After 64 KiB of ASCII, GBK text still switches the reader to GB18030; UTF-8 followed by
 * invalid bytes is an error. */
static void test_late_detection(void **state)
{
	size_t n = 70000;
	char *buf = yq_malloc(n + 64);
	for (size_t i = 0; i < n; i++)
		buf[i] = i % 100 == 99 ? '\n' : 'a';
	memcpy(buf + n, gbk_header, strlen(gbk_header));
	struct csv_reader *r = csv_open_mem(buf, n + strlen(gbk_header));
	struct csv_record rec;
	for (int i = 0; i < 700; i++)
		assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(csv_encoding(r), CSV_ENC_UTF8);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(rec.line, 701);
	assert_string_equal(rec.fields[0], "企业名称");
	assert_int_equal(csv_encoding(r), CSV_ENC_GB18030);
	assert_int_equal(csv_next(r, &rec), 0);
	csv_free(r);

	/* UTF-8 first, then bytes that are not UTF-8. */
	size_t m = (size_t)snprintf(buf, n, "名称\n");
	for (size_t i = 0; i < 66000; i++)
		buf[m++] = i % 100 == 99 ? '\n' : 'a';
	buf[m++] = (char)0xc6;
	buf[m++] = (char)0xf3;
	r = csv_open_mem(buf, m);
	for (int i = 0; i < 661; i++)
		assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_string_equal(csv_error(r), "line 662: field 1 is not valid utf-8 text");
	assert_int_equal(csv_next(r, &rec), -1);
	csv_free(r);
	yq_free(buf);
}

/* Bad input: unterminated quotes, NUL bytes, UTF-16, bytes valid in no encoding. */
static void test_bad_input(void **state)
{
	char out[64];
	struct csv_reader *r;
	struct csv_record rec;
	const char unterminated[] = "a,b\n\"open,\nstill open";
	r = csv_open_mem(unterminated, strlen(unterminated));
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_string_equal(csv_error(r),
	                    "line 2: quoted field is not closed by the end of the file");
	csv_free(r);

	const char nul[] = "a,b\x00,c\n";
	r = csv_open_mem(nul, sizeof nul - 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_string_equal(csv_error(r), "line 1: field 2 contains a nul byte");
	assert_int_equal(csv_fault(r)->code, READ_ERR_NUL);
	assert_int_equal(csv_fault(r)->row, 1);
	assert_int_equal(csv_fault(r)->col, 2);
	csv_free(r);

	/* UTF-16 without a byte order mark: NUL bytes next to the commas */
	const char utf16_le[] = "a\x00,\x00b\x00,\x00c\x00\r\x00\n\x00";
	r = csv_open_mem(utf16_le, sizeof utf16_le - 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_int_equal(csv_fault(r)->code, READ_ERR_UTF16);
	csv_free(r);
	const char utf16_be[] = "\x00a\x00,\x00b\x00,\x00c\x00\n";
	r = csv_open_mem(utf16_be, sizeof utf16_be - 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_int_equal(csv_fault(r)->code, READ_ERR_UTF16);
	csv_free(r);

	const char utf16[] = "\xff\xfe"
	                     "a\x00,\x00";
	r = csv_open_mem(utf16, sizeof utf16 - 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_non_null(strstr(csv_error(r), "utf-16"));
	csv_free(r);

	/* A GB18030 lead byte without its trail. */
	assert_int_equal(read_all("ab\xc6", 3, out, sizeof out, NULL), -1);
}

/* Fields of 64 KiB, 256 columns and 1 MiB records are the most there may be. */
static void test_limits(void **state)
{
	size_t cap = 2 * CSV_MAX_RECORD;
	char *buf = yq_malloc(cap);
	struct csv_reader *r;
	struct csv_record rec;

	memset(buf, 'x', CSV_MAX_FIELD);
	r = csv_open_mem(buf, CSV_MAX_FIELD);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(strlen(rec.fields[0]), CSV_MAX_FIELD);
	csv_free(r);
	memset(buf, 'x', CSV_MAX_FIELD + 1);
	r = csv_open_mem(buf, CSV_MAX_FIELD + 1);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_string_equal(csv_error(r), "line 1: field 1 is longer than 65536 bytes");
	csv_free(r);

	/* The same limit inside quotes. */
	buf[0] = '"';
	memset(buf + 1, ',', CSV_MAX_FIELD + 1);
	buf[CSV_MAX_FIELD + 2] = '"';
	r = csv_open_mem(buf, CSV_MAX_FIELD + 3);
	assert_int_equal(csv_next(r, &rec), -1);
	csv_free(r);

	memset(buf, ',', CSV_MAX_COLUMNS - 1);
	r = csv_open_mem(buf, CSV_MAX_COLUMNS - 1);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(rec.n_fields, CSV_MAX_COLUMNS);
	csv_free(r);
	memset(buf, ',', CSV_MAX_COLUMNS);
	r = csv_open_mem(buf, CSV_MAX_COLUMNS);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_string_equal(csv_error(r), "line 1: more than 256 columns");
	csv_free(r);

	/* 20 fields of 60000 bytes: each field is fine, the record is not. */
	size_t o = 0;
	for (int i = 0; i < 20; i++) {
		memset(buf + o, 'y', 60000);
		o += 60000;
		buf[o++] = ',';
	}
	r = csv_open_mem(buf, o);
	assert_int_equal(csv_next(r, &rec), -1);
	assert_string_equal(csv_error(r), "line 1: record is longer than 1048576 bytes");
	csv_free(r);
	yq_free(buf);
}

/* The file reader gives the same records as the memory reader across 64 KiB chunks. */
static void test_file_matches_memory(void **state)
{
	size_t cap = 600000, n = 0;
	char *buf = yq_malloc(cap);
	for (int i = 0; n + 200 < cap; i++)
		n +=
		    (size_t)snprintf(buf + n, cap - n,
		                     "%d,\"企业%d\r\n第二行\",\"引号\"\"%d\"\r\n\r\n", i, i, i * 7);
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	rewind(f);
	struct csv_reader *a = csv_open_mem(buf, n), *b = csv_open_file(f);
	struct csv_record ra, rb;
	int ga, gb, count = 0;
	while ((ga = csv_next(a, &ra)) == 1) {
		gb = csv_next(b, &rb);
		assert_int_equal(gb, 1);
		assert_int_equal(ra.n_fields, rb.n_fields);
		assert_int_equal(ra.n_fields, 3);
		for (size_t i = 0; i < ra.n_fields; i++)
			assert_string_equal(ra.fields[i], rb.fields[i]);
		assert_int_equal(ra.line, rb.line);
		assert_int_equal(ra.number, rb.number);
		assert_int_equal(ra.line, (unsigned long)count * 3 + 1);
		count++;
	}
	assert_int_equal(ga, 0);
	assert_int_equal(csv_next(b, &rb), 0);
	assert_true(count > 10000);
	csv_free(a);
	csv_free(b);
	fclose(f);
	yq_free(buf);
}

/* The fixtures Excel-like tools write: GBK with CRLF, and UTF-8 with a BOM. */
static void test_fixtures(void **state)
{
	static const char *const files[] = {FIXTURE_DIR "/enterprises_gbk.csv",
	                                    FIXTURE_DIR "/enterprises_utf8_bom.csv"};
	for (int k = 0; k < 2; k++) {
		FILE *f = fopen(files[k], "rb");
		assert_non_null(f);
		struct csv_reader *r = csv_open_file(f);
		struct csv_record rec;
		assert_int_equal(csv_next(r, &rec), 1);
		assert_int_equal(rec.n_fields, 6);
		assert_string_equal(rec.fields[0], "企业名称");
		assert_string_equal(rec.fields[3], "注册资本（万元）");
		assert_int_equal(csv_next(r, &rec), 1);
		assert_string_equal(rec.fields[0], "华通塑胶有限公司");
		assert_string_equal(rec.fields[1], "91350100M000100Y43");
		assert_int_equal(csv_next(r, &rec), 1);
		assert_string_equal(rec.fields[5], "含,逗号");
		assert_int_equal(csv_next(r, &rec), 1);
		assert_string_equal(rec.fields[0], "泰盟\"精密\"机械");
		assert_string_equal(rec.fields[5], "多行\n备注");
		assert_int_equal(rec.line, 4);
		assert_int_equal(csv_next(r, &rec), 0);
		assert_int_equal(csv_encoding(r), k == 0 ? CSV_ENC_GB18030 : CSV_ENC_UTF8);
		csv_free(r);
		fclose(f);
	}
}

/* Every allocation failure is an error or a NULL reader, never a crash or a leak (effective in
 * a build with -DYQ_FAULT_INJECT). */
static void test_allocation_failures(void **state)
{
	for (long n = 1; n < 100; n++) {
		yq_fail_after(n);
		struct csv_reader *r = csv_open_mem(gbk_header, strlen(gbk_header));
		struct csv_record rec;
		int rc = r ? csv_next(r, &rec) : -1;
		csv_free(r);
		yq_fail_after(0);
		if (rc == 1)
			break;
		assert_true(n < 99);
	}
}

/* csv_put_field of `s` in a column of kind `col` gives `want`. */
static void put_is(const char *s, enum csv_column col, const char *want)
{
	struct strbuf sb = STRBUF_INIT(0);
	csv_put_field(&sb, s, col);
	assert_false(sb.failed);
	assert_string_equal(sb.buf ? sb.buf : "", want);
	strbuf_release(&sb);
}

/* The one guard of the CSV exports against formulas (OWASP's CSV injection list). */
static void test_formula_guard(void **state)
{
	(void)state;
	put_is("=cmd|' /C calc'!A0", CSV_TEXT, "\"'=cmd|' /C calc'!A0\"");
	put_is("@SUM(A1)", CSV_TEXT, "\"'@SUM(A1)\"");
	put_is("+1+1", CSV_TEXT, "\"'+1+1\"");
	put_is("-2+3+cmd|' /C calc'!A0", CSV_TEXT, "\"'-2+3+cmd|' /C calc'!A0\"");
	put_is("\t=1+1", CSV_TEXT, "\"'\t=1+1\"");
	put_is("\r=1+1", CSV_TEXT, "\"'\r=1+1\"");
	put_is("=HYPERLINK(\"http://x\")", CSV_TEXT, "\"'=HYPERLINK(\"\"http://x\"\")\"");
	/* a plain number keeps its sign in a number column, nowhere else */
	put_is("-12.5", CSV_NUMBER, "-12.5");
	put_is("-3", CSV_NUMBER, "-3");
	put_is("-3", CSV_TEXT, "\"'-3\"");
	put_is("-1+1", CSV_NUMBER, "\"'-1+1\"");
	put_is("-1e3", CSV_NUMBER, "\"'-1e3\"");
	put_is("-", CSV_NUMBER, "\"'-\"");
	put_is("-.5", CSV_NUMBER, "\"'-.5\"");
	/* harmless text as is; quoting where CSV needs it */
	put_is("华通塑胶", CSV_TEXT, "华通塑胶");
	put_is("1+1", CSV_TEXT, "1+1");
	put_is("a=b", CSV_TEXT, "a=b");
	put_is("", CSV_TEXT, "");
	put_is(NULL, CSV_TEXT, "");
	put_is("a,b", CSV_TEXT, "\"a,b\"");
	put_is("say \"hi\"", CSV_TEXT, "\"say \"\"hi\"\"\"");
	put_is("91320684MA0000001X", CSV_TEXT, "\"91320684MA0000001X\"");
	put_is("13900000001", CSV_TEXT, "13900000001");
	/* the importer reads a guarded field back as the text it stands for */
	assert_string_equal(csv_unprotect("'=1+1"), "=1+1");
	assert_string_equal(csv_unprotect("'-3"), "-3");
	assert_string_equal(csv_unprotect("'\tx"), "\tx");
	assert_string_equal(csv_unprotect("'abc"), "'abc");
	assert_string_equal(csv_unprotect("'"), "'");
	assert_string_equal(csv_unprotect(""), "");
	assert_int_equal(csv_needs_guard("", CSV_TEXT), 0);
	assert_int_equal(csv_needs_guard(NULL, CSV_TEXT), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_ends),
	    cmocka_unit_test(test_quotes_and_numbers),
	    cmocka_unit_test(test_empty_lines),
	    cmocka_unit_test(test_lenient_quotes),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_gbk),
	    cmocka_unit_test(test_late_detection),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_file_matches_memory),
	    cmocka_unit_test(test_fixtures),
	    cmocka_unit_test(test_allocation_failures),
	    cmocka_unit_test(test_formula_guard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
