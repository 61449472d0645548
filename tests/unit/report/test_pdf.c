/* Unit tests for the PDF document pieces (src/report/pdf.c). The checks of the text read the
 * output back with poppler-utils (pdfinfo, pdftotext) and are skipped when they are not
 * installed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/check.h"
#include "report/pdf.h"

static const struct report_column cols[] = {
    {"项目编号", 0, 80, 1, 0, 0, 1},
    {"进展情况", 1, 0, 3, 0, 0, 0},
    {"投资（万元）", 2, 70, 1, 1, 1, 0},
};

/* A document of every piece: its table flows over pages with "（续）" and its header repeated,
 * every page has its footer, the pages after the first the running header; max_rows is kept;
 * the file replaces its path atomically. */
static void test_document(void **state)
{
	static struct test_row rows[130];
	for (size_t i = 0; i < 130; i++) {
		snprintf(rows[i].code, sizeof rows[i].code, "XM-%04zu", i + 1);
		rows[i].text =
		    "新能源汽车零部件项目，总投资约十二亿元，年内完成主体结构封顶并启动设备安装";
		rows[i].n = (long)(i * 100);
	}
	struct report_bar bars[3] = {
	    {"经发局", {5, 3, 1}}, {"招商局", {9, 0, 4}}, {"住建局", {0, 2, 7}}};
	struct report_chart ch = {"各部门项目数量", {"新开工", "在建", "竣工"}, 3, bars, 3,
	                          "图注一行"};
	struct report_table t = {"重点项目清单", cols, 3, rows, 130, test_row_cell, 120};
	struct report_figure figs[3] = {
	    {"新开工", "3", "个", 0}, {"超期", "2", "项", 1}, {"预警", "1", "项", 2}};
	struct report_pdf_info info = {"周报 第47周", "海门开发区 重点项目周报", "2026年第47周",
	                               "数据生成于 2026-11-23 07:00"};
	char err[256] = "", path[128];
	snprintf(path, sizeof path, "%s/doc.pdf", tmpdir);
	struct report_pdf *d = report_pdf_open(&info, err, sizeof err);
	assert_non_null(d);
	int passes = 0;
	while (report_pdf_pass(d)) {
		passes++;
		report_pdf_masthead(d, "海门开发区 重点项目周报", "报告期：第47周",
		                    "数据生成：今天");
		report_pdf_heading(d, 0, "总体情况", NULL,
		                   report_pdf_paragraph_h(d, "本周新开工 3 个。"));
		report_pdf_paragraph(d, "本周新开工 3 个。");
		report_pdf_figures(d, figs, 3);
		report_pdf_space(d, REPORT_PDF_SECTION_GAP);
		report_pdf_heading(d, 1, "分部门", "（本月）", report_pdf_chart_h(&ch));
		report_pdf_chart(d, &ch);
		report_pdf_heading(d, 2, "重点项目清单", "（130 个）",
		                   report_pdf_table_lead_h(d, &t));
		report_pdf_table(d, &t);
		report_pdf_heading(d, 3, "其他", NULL, 16);
		report_pdf_note(d, "无");
	}
	assert_int_equal(passes, 2);
	assert_int_equal(report_pdf_close_file(d, path, err, sizeof err), 0);
	assert_int_equal(access(path, R_OK), 0);

	if (!have_tool("pdftotext") || !have_tool("pdfinfo"))
		skip();
	int pages = pdf_pages(path);
	assert_true(pages >= 4);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	char *info_out = run(cmd);
	assert_non_null(strstr(info_out, "周报 第47周"));
	free(info_out);

	char *text = pdf_text(path, 0, 0);
	char want[64];
	for (int k = 1; k <= pages; k++) {
		snprintf(want, sizeof want, "第%d页/共%d页", k, pages);
		assert_non_null(strstr(text, want));
	}
	assert_int_equal(count(text, "数据生成于2026-11-2307:00"), (size_t)pages);
	assert_int_equal(count(text, "海门开发区重点项目周报"),
	                 (size_t)pages); /* masthead + heads */
	assert_int_equal(count(text, "重点项目清单（续）"), (size_t)pages - 1);
	assert_int_equal(count(text, "项目编号"), (size_t)pages);
	static const char *const shown[] = {"XM-0120",  "另有10条未列出", "一、总体情况",
	                                    "四、其他", "图注一行",       "竣工"};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_non_null(strstr(text, shown[i]));
	assert_null(strstr(text, "XM-0121")); /* past max_rows */
	free(text);
}

/* Errors: a refused path, a document never laid out, NULL from a failed open. */
static void test_errors(void **state)
{
	char err[256] = "";
	unsigned char *out = (unsigned char *)"x";
	size_t len = 9;
	assert_int_equal(report_pdf_pass(NULL), 0);
	assert_int_equal(report_pdf_close_mem(NULL, &out, &len, err, sizeof err), -1);
	assert_null(out);
	assert_int_equal(len, 0);

	struct report_pdf *d = report_pdf_open(NULL, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(report_pdf_close_mem(d, &out, &len, err, sizeof err), -1);
	assert_string_equal(err, "report pdf: the document was not laid out");

	d = report_pdf_open(NULL, err, sizeof err);
	while (report_pdf_pass(d))
		report_pdf_paragraph(d, "一");
	assert_int_equal(report_pdf_close_file(d, "/nonexistent-dir/x.pdf", err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot create"));

	d = report_pdf_open(NULL, err, sizeof err);
	while (report_pdf_pass(d))
		report_pdf_paragraph(d, "一");
	assert_int_equal(report_pdf_close_file(d, "", err, sizeof err), -1);
	assert_string_equal(err, "report pdf: no output path given");

	d = report_pdf_open(NULL, NULL, 0);
	while (report_pdf_pass(d))
		report_pdf_note(d, "无");
	assert_int_equal(report_pdf_close_mem(d, &out, &len, NULL, 0), 0);
	assert_memory_equal(out, "%PDF-", 5);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_document),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
