/* Unit tests for the XLSX reader (src/lib/xlsx_read.c): workbooks written by libxlsxwriter,
 * workbooks built by hand with libzip, and hostile ones. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "lib/alloc.h"
#include "lib/strbuf.h"
#include "lib/xlsx_read.h"

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/fixtures"
#endif

#define MAIN_NS  "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS   "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* ---- helpers ---- */

/* Makes an empty temporary file and writes its name into `path` (64 bytes). */
static void temp_path(char path[64])
{
	snprintf(path, 64, "/tmp/yq_test_xlsx_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* Reads the whole file at `path` into a yq_malloc'd buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = yq_malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* One entry of a hand-built archive. */
struct part {
	const char *name;
	const char *data; /* NUL-terminated unless len is given */
	size_t len;
};

/* Deflate level of write_zip(): fast, except where a test needs the best ratio. */
static int zip_level = 1;

/* Writes the parts into a deflated zip at `path`; a part with NULL data is left out. */
static void write_zip(const char *path, const struct part *parts, size_t n)
{
	int err;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		if (!parts[i].data)
			continue;
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(z, parts[i].data, len, 0);
		assert_non_null(s);
		zip_int64_t idx = zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
		                                          (zip_uint32_t)zip_level),
		                 0);
	}
	assert_int_equal(zip_close(z), 0);
}

/* Reads every row of `r` into `sb` as "N: a|b|c\n" lines. Returns the final xlsx_next_row()
 * result (0 or -1). */
static int dump_rows(struct xlsx_reader *r, struct strbuf *sb)
{
	struct xlsx_row row;
	int rc;
	while ((rc = xlsx_next_row(r, &row)) == 1) {
		strbuf_addf(sb, "%lu:", row.number);
		for (size_t i = 0; i < row.n_cells; i++)
			strbuf_addf(sb, "%s%s", i ? "|" : " ", row.cells[i]);
		strbuf_addch(sb, '\n');
	}
	return rc;
}

/* Opens `path` both from the file and from memory, checks both give `expect`, and that reading
 * ends with `want_rc`; returns nothing. */
static void check_book(const char *path, const char *expect, int want_rc, const char *sheet_name)
{
	char err[256];
	size_t len;
	char *data = slurp(path, &len);
	for (int mem = 0; mem < 2; mem++) {
		struct xlsx_reader *r = mem ? xlsx_open_mem(data, len, err, sizeof err, NULL)
		                            : xlsx_open(path, err, sizeof err, NULL);
		if (!r)
			fail_msg("open failed: %s", err);
		if (sheet_name)
			assert_string_equal(xlsx_sheet_name(r), sheet_name);
		struct strbuf sb = STRBUF_INIT(1 << 20);
		int rc = dump_rows(r, &sb);
		if (rc != want_rc)
			fail_msg("rc %d, error: %s", rc, xlsx_error(r));
		assert_string_equal(sb.buf ? sb.buf : "", expect);
		strbuf_release(&sb);
		xlsx_close(r);
	}
	yq_free(data);
}

/* Opens a workbook from memory that must fail; returns the message in `err`. */
static void expect_open_error(const char *path, const char *needle)
{
	char err[256] = "";
	size_t len;
	char *data = slurp(path, &len);
	struct xlsx_reader *r = xlsx_open_mem(data, len, err, sizeof err, NULL);
	if (r)
		fail_msg("opened, expected an error containing \"%s\"", needle);
	if (!strstr(err, needle))
		fail_msg("error \"%s\" lacks \"%s\"", err, needle);
	yq_free(data);
}

/* Opens a workbook that must open and then fail while reading rows with `needle`. */
static void expect_read_error(const char *path, const char *needle)
{
	char err[256];
	struct xlsx_reader *r = xlsx_open(path, err, sizeof err, NULL);
	if (!r)
		fail_msg("open failed: %s", err);
	struct xlsx_row row;
	int rc;
	while ((rc = xlsx_next_row(r, &row)) == 1)
		;
	assert_int_equal(rc, -1);
	if (!strstr(xlsx_error(r), needle))
		fail_msg("error \"%s\" lacks \"%s\"", xlsx_error(r), needle);
	assert_int_equal(xlsx_next_row(r, &row), -1);
	xlsx_close(r);
}

/* ---- the hand-built workbook ---- */

static const char rels_xml[] = XML_DECL "<Relationships xmlns=\"" PKG_NS "\">"
                                        "<Relationship Id=\"rId1\" Type=\"" REL_NS
                                        "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                                        "</Relationships>";

static const char workbook_xml[] =
    XML_DECL "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
             "<workbookPr date1904=\"false\"/><sheets>"
             "<sheet name=\"说明\" sheetId=\"1\" state=\"hidden\" r:id=\"rId2\"/>"
             "<sheet name=\"数据\" sheetId=\"2\" r:id=\"rId1\"/>"
             "</sheets></workbook>";

static const char workbook_rels_xml[] = XML_DECL
    "<Relationships xmlns=\"" PKG_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS
    "/worksheet\" Target=\"worksheets/./data_2024.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL_NS "/styles\" Target=\"../xl/styles.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" REL_NS "/hyperlink\" Target=\"http://example.com/\" "
    "TargetMode=\"External\"/>"
    "</Relationships>";

static const char sst_xml[] =
    XML_DECL "<sst xmlns=\"" MAIN_NS "\" count=\"5\" uniqueCount=\"5\">"
             "<si><t>企业名称</t></si>"
             "<si><r><t>华通</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t>塑胶</t></r>"
             "<rPh sb=\"0\" eb=\"2\"><t>huatong</t></rPh><phoneticPr fontId=\"1\"/></si>"
             "<si><t xml:space=\"preserve\">line_x000D_\nbreak</t></si>"
             "<si><t/></si>"
             "<si><t>_x005F_x0041_ &amp; &lt;ok&gt; _xD83D__xDE00_</t></si>"
             "</sst>";

static const char styles_xml[] = XML_DECL
    "<styleSheet xmlns=\"" MAIN_NS "\">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" "
    "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00;[Blue]-0.00\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\"><alignment horizontal=\"left\"/></xf><xf numFmtId=\"22\"/>"
    "<xf numFmtId=\"20\"/><xf numFmtId=\"4\"/><xf numFmtId=\"165\"/></cellXfs>"
    "</styleSheet>";

static const char hidden_sheet_xml[] =
    XML_DECL "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>"
             "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hidden</t></is></c></row>"
             "</sheetData></worksheet>";

static const char data_sheet_xml[] = XML_DECL
    "<worksheet xmlns=\"" MAIN_NS "\">"
    "<dimension ref=\"A1:J8\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>行业</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is>"
    "<r><t>三鑫</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">电子 </t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></is></c><c r=\"D2\" t=\"b\"><v>0</v></c></row>"
    "<row r=\"3\" spans=\"1:4\" ht=\"20\" customHeight=\"1\"/>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c><c r=\"B4\" s=\"1\"/></row>"
    "<row><c t=\"s\"><v>2</v></c><c t=\"e\"><v>#N/A</v></c>"
    "<c t=\"str\"><f>CONCAT(\"公\",\"式\")</f><v>公式</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" s=\"1\"><v>1</v></c><c r=\"B7\" s=\"1\"><v>59</v></c>"
    "<c r=\"C7\" s=\"1\"><v>60</v></c><c r=\"D7\" s=\"1\"><v>61</v></c>"
    "<c r=\"E7\" s=\"2\"><v>45658</v></c><c r=\"F7\" s=\"3\"><v>45658.5</v></c>"
    "<c r=\"G7\" s=\"4\"><v>0.75</v></c><c r=\"H7\" s=\"5\"><v>1234.5</v></c>"
    "<c r=\"I7\" s=\"1\"><v>0</v></c><c r=\"J7\" s=\"3\"><v>45658</v></c></row>"
    "<row r=\"8\"><c r=\"B8\" t=\"s\"><v>4</v></c><c r=\"A8\"><f>0-0</f><v>-0.0</v></c>"
    "<c r=\"C8\" s=\"6\"><v>1E+20</v></c><c r=\"D8\" s=\"99\"><v>123456789012345678</v></c>"
    "<c r=\"E8\"><v>4500.0</v></c><c r=\"F8\" t=\"d\"><v>2024-05-06T00:00:00</v></c>"
    "<c r=\"G8\" t=\"d\"><v>2024-05-06T08:30:00</v></c><c r=\"H8\"><v>0.30000000000000004</v></c>"
    "</row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>";

/* The parts of the hand-built workbook; tests replace some of them. */
enum { P_CT, P_RELS, P_WB, P_WB_RELS, P_SST, P_STYLES, P_HIDDEN, P_DATA, P_COUNT };

static void default_parts(struct part p[P_COUNT])
{
	p[P_CT] = (struct part){"[Content_Types].xml",
	                        XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
	                                 "2006/content-types\"/>",
	                        0};
	p[P_RELS] = (struct part){"_rels/.rels", rels_xml, 0};
	p[P_WB] = (struct part){"xl/workbook.xml", workbook_xml, 0};
	p[P_WB_RELS] = (struct part){"xl/_rels/workbook.xml.rels", workbook_rels_xml, 0};
	p[P_SST] = (struct part){"xl/sharedStrings.xml", sst_xml, 0};
	p[P_STYLES] = (struct part){"xl/styles.xml", styles_xml, 0};
	p[P_HIDDEN] = (struct part){"xl/worksheets/sheet1.xml", hidden_sheet_xml, 0};
	p[P_DATA] = (struct part){"xl/worksheets/data_2024.xml", data_sheet_xml, 0};
}

/* Writes the hand-built workbook with the data sheet replaced by `sheet` (when not NULL). */
static void write_book(const char *path, const char *sheet)
{
	struct part p[P_COUNT];
	default_parts(p);
	if (sheet)
		p[P_DATA].data = sheet;
	write_zip(path, p, P_COUNT);
}

/* ---- tests ---- */

/* A workbook written by libxlsxwriter: shared strings, numbers, dates in a Chinese format, an
 * empty cell in the middle, booleans, formulas with cached values, a blank row. */
static void test_libxlsxwriter_book(void **state)
{
	char path[64];
	temp_path(path);
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "企业名单");
	lxw_format *cn_date = workbook_add_format(wb);
	format_set_num_format(cn_date, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *short_date = workbook_add_format(wb);
	format_set_num_format_index(short_date, 14);
	lxw_format *date_time = workbook_add_format(wb);
	format_set_num_format(date_time, "yyyy-mm-dd hh:mm");
	lxw_format *time_only = workbook_add_format(wb);
	format_set_num_format(time_only, "hh:mm:ss");
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");

	const char *head[] = {"企业名称", "统一社会信用代码", "注册资本", "成立日期", NULL, "备注"};
	for (int c = 0; c < 6; c++)
		if (head[c])
			worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "华通塑胶有限公司", NULL);
	worksheet_write_string(ws, 1, 1, "91350100M000100Y43", NULL);
	worksheet_write_number(ws, 1, 2, 4500, NULL);
	lxw_datetime founded = {2016, 3, 1, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &founded, cn_date);
	worksheet_write_string(ws, 1, 5, "多行\n备注", NULL);
	worksheet_write_number(ws, 2, 0, 12.5, NULL);
	worksheet_write_number(ws, 2, 1, 0.1 + 0.2, NULL);
	worksheet_write_boolean(ws, 2, 2, 1, NULL);
	lxw_datetime d = {2024, 1, 31, 0, 0, 0};
	worksheet_write_datetime(ws, 2, 3, &d, short_date);
	lxw_datetime dt = {2024, 3, 5, 14, 30, 0};
	worksheet_write_datetime(ws, 2, 4, &dt, date_time);
	lxw_datetime t = {0, 0, 0, 8, 15, 30};
	worksheet_write_datetime(ws, 2, 5, &t, time_only);
	worksheet_write_number(ws, 2, 6, 13800138000.0, NULL);
	/* Row 4 (index 3) stays empty. */
	worksheet_write_formula_num(ws, 4, 0, "=1+2", NULL, 3);
	worksheet_write_formula_str(ws, 4, 1, "=\"a\"&\"b\"", NULL, "ab");
	worksheet_write_number(ws, 4, 2, 1234.5, money);
	worksheet_write_number(ws, 4, 3, -7, NULL);
	workbook_add_worksheet(wb, "第二页");
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	check_book(path,
	           "1: 企业名称|统一社会信用代码|注册资本|成立日期||备注\n"
	           "2: 华通塑胶有限公司|91350100M000100Y43|4500|2016-03-01||多行\n备注\n"
	           "3: 12.5|0.3|TRUE|2024-01-31|2024-03-05 14:30:00|08:15:30|13800138000\n"
	           "5: 3|ab|1234.5|-7\n",
	           0, "企业名单");
	unlink(path);
}

/* libxlsxwriter's constant-memory mode writes inline strings. */
static void test_libxlsxwriter_inline_strings(void **state)
{
	char path[64];
	temp_path(path);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	for (lxw_row_t r = 0; r < 3; r++) {
		char name[32];
		snprintf(name, sizeof name, "企业%u", (unsigned)r);
		worksheet_write_string(ws, r, 0, name, NULL);
		worksheet_write_number(ws, r, 2, r * 1.5, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	check_book(path, "1: 企业0||0\n2: 企业1||1.5\n3: 企业2||3\n", 0, "Sheet1");
	unlink(path);
}

/* The hand-built workbook: the first visible sheet is the second one and is not sheet1.xml;
 * rich text, phonetic runs, escapes, inline strings, missing cells, cells without references,
 * booleans, errors, formula strings, the 1900 leap-year quirk, dates, times, numbers. */
static void test_hand_built_book(void **state)
{
	char path[64];
	temp_path(path);
	write_book(path, NULL);
	check_book(
	    path,
	    "1: 企业名称||行业\n"
	    "2: 华通塑胶|三鑫电子 ||FALSE\n"
	    "5: line\r\nbreak|#N/A|公式\n"
	    "7: 1900-01-01|1900-02-28|1900-02-29|1900-03-01|2025-01-01|"
	    "2025-01-01 12:00:00|18:00:00|1234.5|0|2025-01-01\n"
	    "8: 0|_x0041_ & <ok> \xf0\x9f\x98\x80|1e+20|1.23456789012346e+17|4500|2024-05-06|"
	    "2024-05-06T08:30:00|0.3\n",
	    0, "数据");
	unlink(path);
}

/* The 1904 date system. */
static void test_date1904(void **state)
{
	char path[64];
	temp_path(path);
	struct part p[P_COUNT];
	default_parts(p);
	p[P_WB].data =
	    XML_DECL "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
	             "<workbookPr date1904=\"1\"/><sheets>"
	             "<sheet name=\"数据\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
	p[P_DATA].data = XML_DECL "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\">"
	                          "<c s=\"1\"><v>0</v></c><c s=\"1\"><v>44196</v></c></row>"
	                          "</sheetData></worksheet>";
	write_zip(path, p, P_COUNT);
	check_book(path, "1: 1904-01-01|2025-01-01\n", 0, NULL);
	unlink(path);
}

/* A workbook made by another tool: prefixed namespaces, absolute targets (fixture). */
static void test_prefixed_namespaces_fixture(void **state)
{
	check_book(FIXTURE_DIR "/prefixed_ns.xlsx",
	           "1: 企业名称|成立日期\n3: 华通塑胶|2016-03-01||4500\n", 0, "企业名单");
}

/* A sheet whose XML inflates 1000:1 is refused before it is read. */
static void test_zip_bomb_refused(void **state)
{
	char path[64];
	temp_path(path);
	size_t n = 20u << 20;
	char *sheet = yq_malloc(n + 1);
	const char head[] = "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>";
	const char tail[] = "</sheetData></worksheet>";
	memset(sheet, ' ', n);
	memcpy(sheet, head, strlen(head));
	memcpy(sheet + n - strlen(tail), tail, strlen(tail));
	sheet[n] = 0;
	zip_level = 9;
	write_book(path, sheet);
	expect_open_error(path, "compression ratio");
	yq_free(sheet);

	/* The same for shared strings. */
	struct part p[P_COUNT];
	default_parts(p);
	char *sst = yq_malloc(n + 1);
	memset(sst, ' ', n);
	memcpy(sst, "<sst>", 5);
	memcpy(sst + n - 6, "</sst>", 6);
	sst[n] = 0;
	p[P_SST].data = sst;
	write_zip(path, p, P_COUNT);
	zip_level = 1;
	expect_open_error(path, "xl/sharedStrings.xml: compression ratio");
	yq_free(sst);
	unlink(path);
}

/* Broken archives and packages are errors at open. */
static void test_bad_packages(void **state)
{
	char path[64], err[256];
	temp_path(path);

	FILE *f = fopen(path, "wb");
	fputs("name,uscc\n", f);
	fclose(f);
	assert_null(xlsx_open(path, err, sizeof err, NULL));
	assert_non_null(strstr(err, "not an xlsx file"));
	assert_null(xlsx_open_mem("PK\x03\x04garbage", 11, err, sizeof err, NULL));
	assert_null(xlsx_open("/nonexistent/book.xlsx", err, sizeof err, NULL));
	assert_non_null(strstr(err, "cannot open"));

	struct part p[P_COUNT];
	default_parts(p);
	p[P_WB].data = "<workbook><sheets><sheet name=\"a\"";
	write_zip(path, p, P_COUNT);
	expect_open_error(path, "xl/workbook.xml: line 1:");

	default_parts(p);
	p[P_DATA].data = NULL;
	write_zip(path, p, P_COUNT);
	expect_open_error(path, "xl/worksheets/data_2024.xml: missing");

	default_parts(p);
	p[P_WB_RELS].data = XML_DECL "<Relationships xmlns=\"" PKG_NS "\">"
	                             "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" "
	                             "Target=\"../../../etc/passwd\"/></Relationships>";
	write_zip(path, p, P_COUNT);
	expect_open_error(path, "bad worksheet target");

	default_parts(p);
	p[P_WB_RELS].data = XML_DECL "<Relationships xmlns=\"" PKG_NS "\">"
	                             "<Relationship Id=\"rId1\" Type=\"" REL_NS "/chartsheet\" "
	                             "Target=\"chartsheets/sheet1.xml\"/></Relationships>";
	write_zip(path, p, P_COUNT);
	expect_open_error(path, "no worksheet");

	/* Entity expansion ("billion laughs") never starts: a DTD is refused. */
	default_parts(p);
	p[P_SST].data = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	                "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
	                "<sst><si><t>&lol2;</t></si></sst>";
	write_zip(path, p, P_COUNT);
	expect_open_error(path, "document type declarations are not allowed");

	/* A missing _rels/.rels falls back to xl/workbook.xml; missing shared strings and styles
	 * are fine when the sheet does not need them. */
	default_parts(p);
	p[P_RELS].data = NULL;
	p[P_SST].data = NULL;
	p[P_STYLES].data = NULL;
	p[P_DATA].data = XML_DECL "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"2\">"
	                          "<c r=\"B2\" s=\"1\"><v>7</v></c></row></sheetData></worksheet>";
	write_zip(path, p, P_COUNT);
	check_book(path, "2: |7\n", 0, "数据");
	unlink(path);
}

/* Broken sheets give the rows before the damage, then an error. */
static void test_bad_sheets(void **state)
{
	char path[64];
	temp_path(path);
	static const struct {
		const char *sheet, *error;
	} cases[] = {
	    {"<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v>",
	     "line 1: no element found"},
	    {"<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row><row><c></x>",
	     "mismatched tag"},
	    {"<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>5</v></c></row></sheetData>"
	     "</worksheet>",
	     "row 1: shared string index \"5\" out of range"},
	    {"<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>-1</v></c></row></sheetData>"
	     "</worksheet>",
	     "out of range"},
	    {"<worksheet><sheetData><row r=\"1048577\"><c><v>1</v></c></row></sheetData>"
	     "</worksheet>",
	     "more than 1048576 rows"},
	    {"<worksheet><sheetData><row r=\"1048576\"><c><v>1</v></c></row><row><c><v>1</v></c>"
	     "</row></sheetData></worksheet>",
	     "more than 1048576 rows"},
	    {"<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData>"
	     "</worksheet>",
	     "bad cell reference \"XFE1\""},
	    {"<worksheet><sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>"
	     "</sheetData></worksheet>",
	     "more than 16384 columns"},
	    {"<chartsheet/>", "not a worksheet"},
	    {"<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>"
	     "<row r=\"2\"><c><v>&undefined;</v></c></row></sheetData></worksheet>",
	     "undefined entity"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_book(path, cases[i].sheet);
		expect_read_error(path, cases[i].error);
	}

	/* Deep nesting. */
	struct strbuf sb = STRBUF_INIT(0);
	strbuf_adds(&sb, "<worksheet><sheetData>");
	for (int i = 0; i < 100; i++)
		strbuf_adds(&sb, "<x>");
	write_book(path, sb.buf);
	expect_read_error(path, "nested deeper than 64");
	strbuf_release(&sb);

	/* XFD is the last column: 16384 cells in a row are fine. */
	write_book(path, "<worksheet><sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"
	                 "</sheetData></worksheet>");
	char err[256];
	struct xlsx_reader *r = xlsx_open(path, err, sizeof err, NULL);
	struct xlsx_row row;
	assert_non_null(r);
	assert_int_equal(xlsx_next_row(r, &row), 1);
	assert_int_equal(row.n_cells, 16384);
	assert_string_equal(row.cells[16383], "1");
	assert_string_equal(row.cells[0], "");
	assert_int_equal(xlsx_next_row(r, &row), 0);
	xlsx_close(r);
	unlink(path);
}

/* The XML parser's memory is bounded: a million distinct element names fail cleanly. */
static void test_parser_memory_bounded(void **state)
{
	char path[64];
	temp_path(path);
	struct strbuf sb = STRBUF_INIT(0);
	strbuf_adds(&sb, "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>");
	for (unsigned i = 0; i < 1500000; i++)
		strbuf_addf(&sb, "<n%x/>", i * 2654435761u);
	strbuf_adds(&sb, "</sheetData></worksheet>");
	write_book(path, sb.buf);
	strbuf_release(&sb);
	expect_read_error(path, "out of memory (or a tag too large)");
	unlink(path);
}

/* Rows padded to the last column add up: the cells of a sheet are capped. */
static void test_total_cells_bounded(void **state)
{
	char path[64];
	temp_path(path);
	struct strbuf sb = STRBUF_INIT(0);
	strbuf_adds(&sb, "<worksheet><sheetData>");
	for (unsigned i = 1; i <= 4200; i++)
		strbuf_addf(&sb, "<row r=\"%u\"><c r=\"XFD%u\"><v>1</v></c></row>", i, i);
	strbuf_adds(&sb, "</sheetData></worksheet>");
	write_book(path, sb.buf);
	strbuf_release(&sb);
	expect_read_error(path, "more than 67108864 cells in the sheet");
	unlink(path);
}

/* A large sheet streams row by row in order. */
static void test_large_sheet(void **state)
{
	char path[64];
	temp_path(path);
	struct strbuf sb = STRBUF_INIT(0);
	strbuf_adds(&sb, "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>");
	for (int i = 1; i <= 100000; i++)
		strbuf_addf(&sb,
		            "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>企业%d</t></is></c>"
		            "<c r=\"C%d\"><v>%d.25</v></c></row>",
		            i, i, i, i, i);
	strbuf_adds(&sb, "</sheetData></worksheet>");
	write_book(path, sb.buf);
	strbuf_release(&sb);

	char err[256], want[32];
	struct xlsx_reader *r = xlsx_open(path, err, sizeof err, NULL);
	assert_non_null(r);
	struct xlsx_row row;
	unsigned long n = 0;
	while (xlsx_next_row(r, &row) == 1) {
		n++;
		assert_int_equal(row.number, n);
		assert_int_equal(row.n_cells, 3);
		snprintf(want, sizeof want, "企业%lu", n);
		assert_string_equal(row.cells[0], want);
		snprintf(want, sizeof want, "%lu.25", n);
		assert_string_equal(row.cells[2], want);
	}
	assert_string_equal(xlsx_error(r), "");
	assert_int_equal(n, 100000);
	xlsx_close(r);
	unlink(path);
}

/* Every allocation failure while opening and reading is an error, never a crash or a leak
 * (effective in a build with -DYQ_FAULT_INJECT). */
static void test_allocation_failures(void **state)
{
	char path[64], err[256];
	temp_path(path);
	write_book(path, NULL);
	size_t len;
	char *data = slurp(path, &len);
	for (long n = 1; n < 5000; n++) {
		yq_fail_after(n);
		struct xlsx_reader *r = xlsx_open_mem(data, len, err, sizeof err, NULL);
		int rc = -1;
		if (r) {
			struct xlsx_row row;
			while ((rc = xlsx_next_row(r, &row)) == 1)
				;
		}
		xlsx_close(r);
		yq_fail_after(0);
		if (rc == 0) {
			print_message("allocation failure injected at %ld points\n", n - 1);
			break;
		}
		assert_true(n < 4999);
	}
	yq_free(data);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_libxlsxwriter_book),
	    cmocka_unit_test(test_libxlsxwriter_inline_strings),
	    cmocka_unit_test(test_hand_built_book),
	    cmocka_unit_test(test_date1904),
	    cmocka_unit_test(test_prefixed_namespaces_fixture),
	    cmocka_unit_test(test_zip_bomb_refused),
	    cmocka_unit_test(test_bad_packages),
	    cmocka_unit_test(test_bad_sheets),
	    cmocka_unit_test(test_parser_memory_bounded),
	    cmocka_unit_test(test_total_cells_bounded),
	    cmocka_unit_test(test_large_sheet),
	    cmocka_unit_test(test_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
