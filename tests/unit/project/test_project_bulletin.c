/* Unit tests for the weekly bulletin (src/project/project_bulletin.c): ISO weeks, and the
 * document rendered from a bulletin made by hand — the same content in the HTML and the PDF,
 * hostile text escaped, long lists cut with "另有 N 条未列出", empty sections "无". The checks of
 * the PDF's text read it back with poppler-utils and are skipped when it is not installed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/check.h"
#include "project/project_bulletin.h"
#include "project/project_int.h"

static void test_iso_week(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"2026-01-01", "2026-W01"}, {"2025-12-29", "2026-W01"}, {"2026-03-04", "2026-W10"},
	    {"2026-03-08", "2026-W10"}, {"2026-03-09", "2026-W11"}, {"2027-01-01", "2026-W53"},
	    {"2027-01-03", "2026-W53"}, {"2027-01-04", "2027-W01"}, {"2024-12-30", "2025-W01"},
	    {"2021-01-03", "2020-W53"}, {"2020-02-29", "2020-W09"},
	};
	char w[9];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		proj_iso_week(cases[i][0], w);
		assert_string_equal(w, cases[i][1]);
	}
	/* every day of 2019–2031 lies in the week whose Sunday proj_week_end gives */
	for (int64_t n = proj_day_number("2019-01-01"); n <= proj_day_number("2031-12-31"); n++) {
		char d[11], sunday[11];
		proj_day_string(n, d);
		proj_iso_week(d, w);
		assert_int_equal(proj_week_end(w, sunday), 0);
		int64_t late = proj_day_number(sunday) - n;
		assert_true(late >= 0 && late <= 6);
	}
}

/* A bulletin of week 18 of 2026 read on 6 May: 35 red projects (30 held), none amber, one
 * problem raised in the week, one overdue. */
static struct bulletin_project red[BULLETIN_MAX_ROWS];
static struct bulletin_problem raised[1], overdue[1];
static struct proj_board_row board[2];

static void make(struct proj_bulletin *b)
{
	memset(b, 0, sizeof *b);
	b->zone_name = "海门开发区";
	snprintf(b->week, sizeof b->week, "2026-W18");
	snprintf(b->monday, sizeof b->monday, "2026-04-27");
	snprintf(b->sunday, sizeof b->sunday, "2026-05-03");
	snprintf(b->asof, sizeof b->asof, "2026-05-03");
	snprintf(b->today, sizeof b->today, "2026-05-06");
	snprintf(b->live_asof, sizeof b->live_asof, "2026-05-06");
	b->generated_at = "2026-05-06 08:00";
	b->year = 2026;
	b->fig.v[FIG_SIGNED_COUNT] = 12;
	b->fig.v[FIG_SIGNED_AMOUNT] = 350000;
	b->week_signed_count = 2;
	b->week_signed_amount = 60000;
	b->start_num = 5;
	b->start_den = 8;
	b->invest_planned = 200000;
	b->invest_actual = 250000; /* ahead of the plan: 125.0%, not capped */
	b->problems_open = 4;
	b->problems_overdue = 1;
	for (int i = 0; i < 2; i++) {
		board[i].t.dept_name = i ? "招商二分局" : "招商一分局";
		board[i].t.actual.v[FIG_SIGNED_COUNT] = 3 - i;
		board[i].t.target.v[FIG_SIGNED_COUNT] = 4;
		board[i].score = i ? 60 : 95.5;
		board[i].rank = i + 1;
		board[i].prev_rank = i ? 0 : 2;
	}
	b->board = board;
	b->n_board = 2;
	for (int i = 0; i < BULLETIN_MAX_ROWS; i++)
		red[i] = (struct bulletin_project){
		    "XM2026-0001",           "红色项目", "招商一分局", "签约", 30000, 40 - i,
		    "「开工」节点逾期 40 天"};
	red[0].name = "<script>alert(1)</script>新材料项目";
	b->red = (struct bulletin_projects){red, BULLETIN_MAX_ROWS, 35};
	raised[0] = (struct bulletin_problem){"WT2026-0007", "新材料项目", "用地指标未落实", "用地",
	                                      "规划建设局",  "办理中",     "2026-05-12",     0,
	                                      NULL};
	overdue[0] =
	    (struct bulletin_problem){"WT2026-0003", "华通智能终端", "施工用电未接入", "水电气",
	                              "供电公司",    "办理中",       "2026-04-20",     16,
	                              "红色督办"};
	b->raised = (struct bulletin_problems){raised, 1, 1};
	b->overdue = (struct bulletin_problems){overdue, 1, 1};
}

static void test_html(void **state)
{
	(void)state;
	struct proj_bulletin b;
	struct strbuf sb = STRBUF_INIT(1u << 20);
	make(&b);
	assert_int_equal(proj_bulletin_html(&b, &sb), 0);
	const char *h = sb.buf;
	static const char *const shown[] = {
	    "海门开发区重点项目建设每周通报",
	    "2026年第18周（4月27日—5月3日）",
	    "截至2026年5月3日，本年累计签约项目 12 个，签约金额 35.00 "
	    "亿元；其中本周（4月27日至5月3日）"
	    "新签约 2 个，6.00 亿元",
	    "新开工率 62.5%（计划开工 8 个，已开工 5 个）",
	    "完成投资 25.00 亿元，为年度计划 20.00 亿元的 125.0%",
	    "调度项目中红色 35 个、黄色 0 个",
	    "<strong>125.0%</strong>",
	    "上升 1",
	    "新上榜",
	    "3 / 4",
	    "&lt;script&gt;alert(1)&lt;/script&gt;新材料项目",
	    "另有 5 条未列出",
	    "用地指标未落实",
	    "16 天",
	    "红色督办",
	};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (!strstr(h, shown[i]))
			fail_msg("not shown: %s", shown[i]);
	assert_null(strstr(h, "<script>"));
	assert_int_equal(count(h, "<section>"), 6);
	assert_int_equal(count(h, ">无</p>"), 1); /* the amber projects */
	assert_int_equal(count(h, "<td>红色项目</td>"), BULLETIN_MAX_ROWS - 1);
	strbuf_release(&sb);
}

static void test_pdf(void **state)
{
	(void)state;
	struct proj_bulletin b;
	unsigned char *pdf;
	size_t len;
	char err[256] = "", path[128];
	make(&b);
	assert_int_equal(proj_bulletin_pdf(&b, NULL, &pdf, &len, err, sizeof err), 0);
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	free(pdf);
	snprintf(path, sizeof path, "%s/b.pdf", tmpdir);
	assert_int_equal(proj_bulletin_pdf(&b, path, NULL, NULL, err, sizeof err), 0);
	if (!have_tool("pdftotext") || !have_tool("pdfinfo"))
		skip();
	int pages = pdf_pages(path);
	assert_true(pages >= 2 && pages <= 4);
	char *text = pdf_text(path, 0, 0);
	static const char *const shown[] = {"海门开发区重点项目建设每周通报",
	                                    "二、招商龙虎榜",
	                                    "三、红色项目（调度预警）",
	                                    "另有5条未列出",
	                                    "招商二分局",
	                                    "施工用电未接入",
	                                    "红色督办"};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (!strstr(text, shown[i]))
			fail_msg("not in the PDF: %s", shown[i]);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_iso_week),
	    cmocka_unit_test(test_html),
	    cmocka_unit_test(test_pdf),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
