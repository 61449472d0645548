/* Unit tests for the HTML document pieces (src/report/html.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lib/strbuf.h"
#include "report/check.h"
#include "report/html.h"

static const struct report_column cols[] = {
    {"名称", 0, 0, 2, 0, 0, 1},
    {"数量", 2, 60, 1, 1, 0, 0},
    {"超期", 2, 40, 1, 1, 1, 0},
};

/* Every text is escaped; the style sheet is scoped under the article's class; the fragment is
 * closed. */
static void test_escape_and_scope(void **state)
{
	struct strbuf sb = STRBUF_INIT(1u << 20);
	report_html_open(&sb, "yq-weekly");
	report_html_masthead(&sb, "<script>alert('x')</script>", "报告日期：\"今天\"", NULL);
	report_html_section(&sb, 2, "A & B", "（3 件）");
	report_html_paragraph(&sb, "坏\x01字\xff");
	report_html_note(&sb, "无");
	report_html_section_end(&sb);
	assert_int_equal(report_html_close(&sb), 0);
	const char *h = sb.buf;
	assert_non_null(strstr(h, "<article class=\"yq-weekly\" lang=\"zh-CN\">\n<style>"));
	assert_null(strstr(h, "@"));           /* every placeholder replaced */
	assert_null(strstr(h, "yq-briefing")); /* nothing of another document */
	assert_non_null(strstr(h, ".yq-weekly .yq-b-title{"));
	assert_null(strstr(h, "<script>"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
	assert_non_null(strstr(h, "<span>报告日期：&quot;今天&quot;</span></p></header>"));
	assert_int_equal(count(h, "<span>"), 1); /* no right-hand meta */
	assert_non_null(strstr(h, "<section>\n<h2>三、A &amp; B<small>（3 件）</small></h2>"));
	assert_non_null(strstr(h, "<p>坏 字\xEF\xBF\xBD</p>"));
	assert_non_null(strstr(h, "<p class=\"yq-b-none\">无</p>\n</section>\n"));
	assert_non_null(strstr(h, "</article>\n"));
	strbuf_release(&sb);

	/* a full buffer is reported */
	struct strbuf small = STRBUF_INIT(64);
	report_html_open(&small, "yq-weekly");
	assert_int_equal(report_html_close(&small), -1);
	strbuf_release(&small);
}

/* A table: header classes, cell classes from the column's flags, max_rows then the count of the
 * rest. */
static void test_table(void **state)
{
	struct test_row rows[7];
	for (size_t i = 0; i < 7; i++) {
		snprintf(rows[i].code, sizeof rows[i].code, "%s", i == 0 ? "<b>" : "企业");
		rows[i].text = "";
		rows[i].n = (long)i;
	}
	struct report_table t = {"清单", cols, 3, rows, 7, test_row_cell, 5};
	struct strbuf sb = STRBUF_INIT(1u << 20);
	report_html_table(&sb, &t);
	const char *h = sb.buf;
	assert_non_null(strstr(h, "<table><thead><tr><th>名称</th><th class=\"yq-b-num\">数量</th>"
	                          "<th class=\"yq-b-num\">超期</th></tr></thead>"));
	assert_non_null(strstr(h, "<tr><td class=\"yq-b-nw\">&lt;b&gt;</td><td class=\"yq-b-num\">0"
	                          "</td><td class=\"yq-b-num yq-b-alert\">0</td></tr>"));
	assert_int_equal(count(h, "<tr><td"), 5);
	assert_non_null(strstr(h, "<p class=\"yq-b-more\">另有 2 条未列出</p>"));
	strbuf_release(&sb);

	t.max_rows = 0; /* all */
	strbuf_init(&sb, 1u << 20);
	report_html_table(&sb, &t);
	assert_int_equal(count(sb.buf, "<tr><td"), 7);
	assert_null(strstr(sb.buf, "另有"));
	strbuf_release(&sb);
}

/* The chart: one bar per series and category, the legend, the axis up to a nice maximum, labels
 * cut at 10 characters, the caption. */
static void test_chart(void **state)
{
	struct report_bar bars[2] = {
	    {"一二三四五六七八九十十一", {12, 7, -3}},
	    {"<x>", {0, 3, 2}},
	};
	struct report_chart ch = {"本周与上周", {"本周", "上周", "去年同期"}, 3, bars, 2, "注"};
	struct strbuf sb = STRBUF_INIT(1u << 20);
	report_html_chart(&sb, &ch);
	const char *h = sb.buf;
	assert_non_null(strstr(h, "aria-label=\"本周与上周\""));
	assert_int_equal(count(h, "<rect "), 3 + 2 * 3); /* legend and bars */
	assert_int_equal(count(h, "fill=\"#d97817\""), 1 + 2);
	assert_non_null(strstr(h, ">去年同期</text>"));
	assert_non_null(strstr(h, ">一二三四五六七八九十…</text>"));
	assert_non_null(strstr(h, ">&lt;x&gt;</text>"));
	assert_non_null(strstr(h, "font-size=\"11\">15</text>")); /* axis 0, 5, 10, 15 */
	assert_null(strstr(h, ">-3<"));                           /* negative as 0 */
	assert_non_null(strstr(h, "<figcaption>注</figcaption></figure>\n"));
	strbuf_release(&sb);

	ch.caption = NULL;
	ch.n_series = 1;
	strbuf_init(&sb, 1u << 20);
	report_html_chart(&sb, &ch);
	assert_int_equal(count(sb.buf, "<rect "), 1 + 2);
	assert_null(strstr(sb.buf, "figcaption"));
	strbuf_release(&sb);
}

/* The figures: alert colours by class, an empty caption as a space. */
static void test_figures(void **state)
{
	struct report_figure f[3] = {
	    {"新开工", "3", "个", 0}, {"超期", "2", "", 1}, {"预警", "1", "项", 2}};
	struct strbuf sb = STRBUF_INIT(1u << 20);
	report_html_figures(&sb, f, 3);
	assert_non_null(
	    strstr(sb.buf, "<li><span>新开工</span><strong>3</strong><small>个</small>"));
	assert_non_null(strstr(sb.buf, "<li class=\"yq-b-red\"><span>超期</span><strong>2</strong>"
	                               "<small> </small>"));
	assert_non_null(strstr(sb.buf, "<li class=\"yq-b-orange\">"));
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape_and_scope),
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_chart),
	    cmocka_unit_test(test_figures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
