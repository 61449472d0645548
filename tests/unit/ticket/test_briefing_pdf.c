/* Unit tests for the daily briefing renderers (src/ticket/briefing.c, over src/report/).
 *
 * The PDF checks read the output back with poppler-utils (pdffonts, pdftotext, pdfinfo); the
 * tests that need them are skipped when they are not installed. Set YQ_BRIEFING_SAMPLE=path to
 * keep a copy of the 40-item sample PDF, e.g. to look at it with pdftoppm, and
 * YQ_BRIEFING_SAMPLE_HTML=path for its HTML fragment. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "report/check.h"
#include "ticket/briefing.h"

/* ---- sample data ---- */

/* A realistic briefing of 海门开发区 for 2026-11-22: 40 items over the four sections, eight
 * departments. Items and their strings live in static storage (the test is single-threaded). */
static struct briefing_item items[40];
static char item_no[40][32], item_due[40][16], item_note[40][96];
static struct briefing_dept_row depts[] = {
    {"经发局", 18, 15, 1, 0.933},   {"人社局", 14, 12, 2, 0.917},
    {"交通运输局", 12, 11, 1, 1.0}, {"自然资源和规划分局", 9, 5, 3, 0.6},
    {"行政审批局", 11, 10, 0, 1.0}, {"供电公司", 7, 6, 1, 0.833},
    {"金融服务中心", 6, 4, 1, -1},  {"住建局", 5, 5, 0, 0.8},
};

/* Request templates: enterprise, category, department, title. */
static const struct {
	const char *ent, *cat, *dept, *title;
} tpl[] = {
    {"三鑫电子", "物流", "交通运输局",
     "发往常州的电子元器件约2万元零担货物，希望通过工业物流群匹配回程车辆拼车发运"},
    {"华通塑胶", "用工", "人社局", "春节后一线普工缺口约80人，请求对接职业院校及劳务基地"},
    {"泰盟科技", "融资", "金融服务中心",
     "申请流动资金贷款4500万元，已获吉林银行授信，尚有1000万元未放款"},
    {"海通精密机械", "用地", "自然资源和规划分局",
     "二期扩产项目需新增工业用地约35亩，咨询供地计划与挂牌时间"},
    {"江海智能装备", "审批", "行政审批局", "新建厂房施工许可证办理，材料已齐备，请协调加快联审"},
    {"东灶港食品", "水电气", "供电公司", "厂区10kV专线增容至2000kVA，旺季生产前需完成送电"},
    {"通海新材料", "基础设施", "住建局",
     "园区南路雨后积水严重，影响货车进出和员工通勤，请求疏浚排水管网"},
    {"瑞祥生物医药", "政策", "经发局",
     "咨询高新技术企业认定及研发费用加计扣除政策，申报材料如何准备"},
    {"叠石桥家纺", "物流", "交通运输局", "出口集装箱在港口滞留，请协调海关查验与港口作业时间"},
    {"华通塑胶", "用工", "人社局", "申请新录用员工岗前技能培训补贴"},
};

/* Fills items[from..from+n) with requests of status `status`, numbered from `seq`. */
static void fill_items(size_t from, size_t n, int seq, const char *status, int overdue,
                       int escalated)
{
	for (size_t i = 0; i < n; i++) {
		struct briefing_item *it = &items[from + i];
		size_t k = (from + i) % (sizeof tpl / sizeof tpl[0]);
		snprintf(item_no[from + i], sizeof item_no[0], "SQ202611%02d-%04d",
		         overdue ? 10 + (int)(i % 9) : 22, seq + (int)i);
		snprintf(item_due[from + i], sizeof item_due[0], "2026-%s-%02d",
		         overdue ? "11" : "12", overdue ? 12 + (int)(i % 9) : 1 + (int)(i % 20));
		memset(it, 0, sizeof *it);
		it->no = item_no[from + i];
		it->enterprise = tpl[k].ent;
		it->title = tpl[k].title;
		it->category = tpl[k].cat;
		it->dept = tpl[k].dept;
		it->status = status;
		it->due = item_due[from + i];
		it->overdue_days = overdue ? 1 + (long)((i * 3) % 10) : 0;
		if (escalated) {
			snprintf(item_note[from + i], sizeof item_note[0],
			         "%s督办：请于11月%d日前协调解决并反馈企业",
			         i % 2 ? "王主任" : "李书记", 25 + (int)(i % 5));
			it->note = item_note[from + i];
		}
	}
}

/* Returns the 40-item sample: 14 new, 10 resolved, 9 overdue, 7 escalated. */
static struct briefing sample(void)
{
	fill_items(0, 14, 1, "已分派", 0, 0);
	fill_items(14, 10, 101, "已办结（满意）", 0, 0);
	fill_items(24, 9, 201, "办理中", 1, 0);
	fill_items(33, 7, 301, "办理中", 0, 1);
	/* Unassigned and without a due date: shows empty cells. */
	items[3].dept = NULL;
	items[3].status = "已受理";
	items[3].due = NULL;
	struct briefing b = {
	    .zone_name = "海门开发区",
	    .date = "2026-11-22",
	    .generated_at = "2026-11-23 07:00",
	    .received = 14,
	    .accepted = 13,
	    .resolved = 10,
	    .overdue_now = 9,
	    .escalated_open = 7,
	    .resolve_rate = 479.0 / 535.0,
	    .resolve_rate_accepted = 479.0 / 520.0,
	    .satisfaction_rate = 0.965,
	    .rate_period = "本年累计",
	    .new_items = items,
	    .n_new = 14,
	    .resolved_items = items + 14,
	    .n_resolved = 10,
	    .overdue_items = items + 24,
	    .n_overdue = 9,
	    .escalated_items = items + 33,
	    .n_escalated = 7,
	    .by_dept = depts,
	    .n_depts = sizeof depts / sizeof depts[0],
	    .dept_period = "本月累计",
	};
	return b;
}

/* ---- helpers ---- */

/* Reads the whole file `path` (at most 64 MB) into a malloc'd buffer; its size in *len. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct strbuf sb = STRBUF_INIT(64u << 20);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	assert_false(sb.failed);
	return (unsigned char *)strbuf_detach(&sb, len);
}

/* Milliseconds since an unspecified start. */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* `s` without its spaces, in buf (n bytes), for comparing with pdf_text(). */
static const char *squash(const char *s, char *buf, size_t n)
{
	size_t o = 0;
	for (; *s && o + 1 < n; s++)
		if (*s != ' ')
			buf[o++] = *s;
	buf[o] = 0;
	return buf;
}

/* ---- tests ---- */

/* The 40-item sample renders to a file: a PDF with the Noto Sans CJK font embedded, the title,
 * the zone, the enterprises, every request number, and "第 N 页 / 共 M 页" on every page. Prints
 * the generation time, cold (first use of the fonts in the process) and warm. */
static void test_sample_pdf(void **state)
{
	struct briefing b = sample();
	char path[128], err[256] = "";
	snprintf(path, sizeof path, "%s/sample.pdf", tmpdir);

	double t0 = now_ms();
	assert_int_equal(briefing_render_pdf(&b, path, err, sizeof err), 0);
	double cold = now_ms() - t0;
	double warm = 1e9;
	for (int i = 0; i < 5; i++) {
		t0 = now_ms();
		assert_int_equal(briefing_render_pdf(&b, path, err, sizeof err), 0);
		double t = now_ms() - t0;
		if (t < warm)
			warm = t;
	}

	size_t len;
	unsigned char *pdf = slurp(path, &len);
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	const char *sample_copy = getenv("YQ_BRIEFING_SAMPLE");
	if (sample_copy && sample_copy[0]) {
		FILE *f = fopen(sample_copy, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(pdf, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
	free(pdf);
	const char *html_copy = getenv("YQ_BRIEFING_SAMPLE_HTML");
	if (html_copy && html_copy[0]) {
		struct strbuf sb = STRBUF_INIT(4u << 20);
		assert_int_equal(briefing_render_html(&b, &sb), 0);
		FILE *f = fopen(html_copy, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(sb.buf, 1, sb.len, f), sb.len);
		assert_int_equal(fclose(f), 0);
		strbuf_release(&sb);
	}
	if (!have_tool("pdftotext") || !have_tool("pdffonts") || !have_tool("pdfinfo")) {
		print_message("poppler-utils missing: PDF content not checked\n");
		skip();
	}

	int pages = pdf_pages(path);
	print_message("briefing pdf, 40 items, %d pages, %zu bytes: %.1f ms cold, %.1f ms warm\n",
	              pages, len, cold, warm);
	assert_true(pages >= 2);

	/* pdffonts: some font named NotoSansCJK… with "emb" = yes. The columns are found from the
	 * dashes under the header: name, type, encoding, emb, … */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
	char *fonts = run(cmd);
	const char *dash = strstr(fonts, "\n---");
	assert_non_null(dash);
	dash++;
	size_t col_start[8], n_col = 0;
	for (size_t i = 0; dash[i] && dash[i] != '\n' && n_col < 8; i++)
		if (dash[i] == '-' && (i == 0 || dash[i - 1] == ' '))
			col_start[n_col++] = i;
	assert_true(n_col >= 4);
	int embedded_cjk = 0;
	for (const char *ln = strchr(dash, '\n'); ln && ln[1]; ln = strchr(ln + 1, '\n')) {
		const char *row = ln + 1;
		const char *end = strchr(row, '\n');
		size_t rl = end ? (size_t)(end - row) : strlen(row);
		if (rl > col_start[3] + 3 && memmem(row, rl, "NotoSansCJK", 11) &&
		    memcmp(row + col_start[3], "yes", 3) == 0)
			embedded_cjk = 1;
	}
	if (!embedded_cjk)
		print_message("%s", fonts);
	assert_true(embedded_cjk);
	free(fonts);

	char *text = pdf_text(path, 0, 0);
	assert_non_null(strstr(text, "企业诉求每日简报"));
	assert_non_null(strstr(text, "海门开发区"));
	assert_non_null(strstr(text, "三鑫电子"));
	assert_non_null(strstr(text, "华通塑胶"));
	assert_non_null(strstr(text, "2026年11月22日"));
	assert_non_null(strstr(text, "新受理"));
	assert_non_null(strstr(text, "挂牌督办中"));
	assert_non_null(strstr(text, "89.5%")); /* 479 / 535 */
	assert_non_null(strstr(text, "92.1%")); /* 479 / 520 */
	assert_non_null(strstr(text, "受理后解决率"));
	assert_non_null(strstr(text, "96.5%"));
	assert_non_null(strstr(text, "超期诉求（含责任部门）"));
	assert_non_null(strstr(text, "各部门新受理与办结数量"));
	assert_non_null(strstr(text, "按期办结率"));
	assert_non_null(strstr(text, "申报材料如何准备"));
	assert_non_null(strstr(text, "第1页"));
	for (int i = 0; i < 40; i++)
		assert_non_null(strstr(text, item_no[i]));
	for (int p = 1; p <= pages; p++) {
		char want[64], sq[64];
		snprintf(want, sizeof want, "第 %d 页 / 共 %d 页", p, pages);
		assert_int_equal(count(text, squash(want, sq, sizeof sq)), 1);
	}
	free(text);

	/* A table continued on a new page repeats its header. */
	for (int p = 2; p <= pages; p++) {
		char *pt = pdf_text(path, p, p);
		if (strstr(pt, "SQ2026"))
			assert_non_null(strstr(pt, "编号"));
		free(pt);
	}
}

/* briefing_render_pdf_mem gives the PDF in a malloc'd buffer. */
static void test_pdf_mem(void **state)
{
	struct briefing b = sample();
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[256] = "";
	assert_int_equal(briefing_render_pdf_mem(&b, &pdf, &len, err, sizeof err), 0);
	assert_non_null(pdf);
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	assert_non_null(memmem(pdf + len - 16, 16, "%%EOF", 5));
	free(pdf);
}

/* A briefing with nothing in it: every list and the department section say "无", undefined
 * rates show "—", and it fits on one page. */
static void test_empty_sections(void **state)
{
	struct briefing b = {
	    .zone_name = "望城经开区",
	    .date = "2026-11-22",
	    .resolve_rate = -1,
	    .resolve_rate_accepted = -1,
	    .satisfaction_rate = -1,
	};
	char path[128], err[256] = "";
	snprintf(path, sizeof path, "%s/empty.pdf", tmpdir);
	assert_int_equal(briefing_render_pdf(&b, path, err, sizeof err), 0);
	if (!have_tool("pdftotext") || !have_tool("pdfinfo"))
		skip();
	assert_int_equal(pdf_pages(path), 1);
	char *text = pdf_text(path, 0, 0);
	assert_true(count(text, "无") >= 5);
	assert_true(count(text, "—") >= 2);
	assert_non_null(strstr(text, "望城经开区"));
	assert_non_null(strstr(text, "第1页/共1页"));
	assert_null(strstr(text, "解决率—")); /* the summary leaves out undefined rates */
	free(text);
}

/* At most BRIEFING_MAX_ROWS rows per section are rendered, then "另有 N 条未列出". */
static void test_row_cap(void **state)
{
	size_t n = BRIEFING_MAX_ROWS + 20;
	struct briefing_item *many = calloc(n, sizeof *many);
	assert_non_null(many);
	for (size_t i = 0; i < n; i++)
		many[i] = (struct briefing_item){
		    "SQ20261122-9999", "三鑫电子",   "拼车发运", "物流", "交通运输局",
		    "已分派",          "2026-12-01", 0,          NULL};
	struct briefing b = {.zone_name = "海门开发区",
	                     .date = "2026-11-22",
	                     .resolve_rate = 0.5,
	                     .satisfaction_rate = 1,
	                     .new_items = many,
	                     .n_new = n};
	char path[128], err[256] = "";
	snprintf(path, sizeof path, "%s/many.pdf", tmpdir);
	assert_int_equal(briefing_render_pdf(&b, path, err, sizeof err), 0);

	struct strbuf sb = STRBUF_INIT(8u << 20);
	assert_int_equal(briefing_render_html(&b, &sb), 0);
	assert_non_null(strstr(sb.buf, "另有 20 条未列出"));
	assert_int_equal(count(sb.buf, "SQ20261122-9999"), BRIEFING_MAX_ROWS);
	strbuf_release(&sb);

	if (have_tool("pdftotext")) {
		char *text = pdf_text(path, 0, 0);
		assert_non_null(strstr(text, "另有20条未列出"));
		assert_int_equal(count(text, "SQ20261122-9999"), BRIEFING_MAX_ROWS);
		free(text);
	}
	free(many);
}

/* The chart shows the first BRIEFING_CHART_MAX_DEPTS departments and says so when there are
 * more; the table lists them all. */
static void test_many_depts(void **state)
{
	struct briefing_dept_row rows[BRIEFING_CHART_MAX_DEPTS + 5];
	char names[BRIEFING_CHART_MAX_DEPTS + 5][32];
	size_t n = sizeof rows / sizeof rows[0];
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "第%zu招商分局", i + 1);
		rows[i] = (struct briefing_dept_row){names[i], (long)(40 - i), (long)(30 - i),
		                                     (long)(i % 3), 0.9};
	}
	struct briefing b = {.zone_name = "长春经开区",
	                     .date = "2026-11-22",
	                     .resolve_rate = 0.9,
	                     .satisfaction_rate = 0.95,
	                     .by_dept = rows,
	                     .n_depts = n};
	struct strbuf sb = STRBUF_INIT(1u << 20);
	assert_int_equal(briefing_render_html(&b, &sb), 0);
	assert_non_null(strstr(sb.buf, "图中列出前 20 个部门"));
	assert_non_null(strstr(sb.buf, "第25招商分局"));
	strbuf_release(&sb);

	char path[128], err[256] = "";
	snprintf(path, sizeof path, "%s/depts.pdf", tmpdir);
	assert_int_equal(briefing_render_pdf(&b, path, err, sizeof err), 0);
	if (have_tool("pdftotext")) {
		char *text = pdf_text(path, 0, 0);
		assert_non_null(strstr(text, "图中列出前20个部门"));
		assert_non_null(strstr(text, "第25招商分局"));
		free(text);
	}

	b.n_depts = BRIEFING_CHART_MAX_DEPTS; /* exactly as many as the chart holds: no caption */
	strbuf_init(&sb, 1u << 20);
	assert_int_equal(briefing_render_html(&b, &sb), 0);
	assert_null(strstr(sb.buf, "图中列出前"));
	strbuf_release(&sb);
}

/* Hostile text: very long, invalid UTF-8, control characters, markup. The PDF still renders. */
static void test_hostile_text(void **state)
{
	static char longtitle[20000];
	size_t o = 0;
	while (o + 6 < sizeof longtitle) { /* 3,333 times "诉求": far past any cell */
		memcpy(longtitle + o, "诉求", 6);
		o += 6;
	}
	longtitle[o] = 0;
	struct briefing_item it[2] = {
	    {"SQ\xff\xfe-1", "<b>坏\x01公司</b>", longtitle, "其他", "经发局\n", "办理中",
	     "2026-11-30", 0, NULL},
	    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL},
	};
	struct briefing_dept_row d = {"\xe4\xb8", -3, -1, 0, NAN};
	struct briefing b = {.zone_name = "海门开发区\xc3",
	                     .date = "not a date",
	                     .resolve_rate = NAN,
	                     .satisfaction_rate = 7,
	                     .new_items = it,
	                     .n_new = 2,
	                     .escalated_items = it,
	                     .n_escalated = 2,
	                     .by_dept = &d,
	                     .n_depts = 1};
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[256] = "";
	assert_int_equal(briefing_render_pdf_mem(&b, &pdf, &len, err, sizeof err), 0);
	assert_memory_equal(pdf, "%PDF-", 5);
	free(pdf);
	struct strbuf sb = STRBUF_INIT(1u << 20);
	assert_int_equal(briefing_render_html(&b, &sb), 0);
	assert_null(strstr(sb.buf, "<b>"));
	assert_non_null(strstr(sb.buf, "&lt;b&gt;坏 公司&lt;/b&gt;"));
	assert_non_null(strstr(sb.buf, "\xEF\xBF\xBD")); /* U+FFFD for the invalid bytes */
	strbuf_release(&sb);
}

/* The HTML fragment escapes what it is given and says "无" for empty sections. */
static void test_html(void **state)
{
	struct briefing b = sample();
	struct briefing_item evil = items[0];
	evil.enterprise = "<script>alert('x')</script>";
	evil.title = "A & B \"quoted\"";
	b.new_items = &evil;
	b.n_new = 1;
	b.n_escalated = 0;
	b.escalated_items = NULL;
	b.satisfaction_rate = -1;
	struct strbuf sb = STRBUF_INIT(1u << 20);
	assert_int_equal(briefing_render_html(&b, &sb), 0);
	const char *h = sb.buf;
	assert_null(strstr(h, "<script"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
	assert_non_null(strstr(h, "A &amp; B &quot;quoted&quot;"));
	assert_non_null(strstr(h, "<article class=\"yq-briefing\""));
	assert_non_null(strstr(h, "海门开发区 企业诉求每日简报"));
	assert_non_null(strstr(h, "三、新受理诉求"));
	assert_non_null(strstr(h, "六、挂牌督办事项<small>（0 件）</small></h2>\n"
	                          "<p class=\"yq-b-none\">无</p>"));
	assert_non_null(strstr(h, "<svg"));
	assert_non_null(strstr(h, "<strong>—</strong>")); /* 满意率 undefined */
	assert_non_null(strstr(h, "<span>解决率</span><strong>89.5%</strong>"));
	assert_non_null(strstr(h, "<span>受理后解决率</span><strong>92.1%</strong>"));
	assert_non_null(strstr(h, "</article>\n"));

	/* Without a zone name the title is just the briefing's name. */
	b.zone_name = NULL;
	strbuf_reset(&sb);
	assert_int_equal(briefing_render_html(&b, &sb), 0);
	assert_non_null(strstr(sb.buf, "<h1 class=\"yq-b-title\">企业诉求每日简报</h1>"));
	strbuf_release(&sb);

	/* A buffer too small fails, and says so. */
	struct strbuf small = STRBUF_INIT(1000);
	assert_int_equal(briefing_render_html(&b, &small), -1);
	assert_true(small.failed);
	strbuf_release(&small);
}

/* Bad arguments fail with a message, and nothing is left behind. */
static void test_bad_input(void **state)
{
	char err[256] = "";
	unsigned char *pdf = (unsigned char *)"x";
	size_t len = 99;
	assert_int_equal(briefing_render_pdf_mem(NULL, &pdf, &len, err, sizeof err), -1);
	assert_null(pdf);
	assert_int_equal(len, 0);
	assert_string_equal(err, "briefing: no briefing given");

	struct briefing b = {.zone_name = "海门开发区", .n_new = 3};
	assert_int_equal(briefing_render_pdf_mem(&b, &pdf, &len, err, sizeof err), -1);
	assert_string_equal(err, "briefing: new_items is NULL but its count is 3");
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(briefing_render_html(&b, &sb), -1);
	strbuf_release(&sb);
	assert_int_equal(briefing_render_pdf_mem(&b, NULL, &len, err, sizeof err), -1);

	b.n_new = 0;
	assert_int_equal(briefing_render_pdf(&b, "/nonexistent-dir/x.pdf", err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot create"));
	assert_int_equal(briefing_render_pdf(&b, NULL, err, sizeof err), -1);
	assert_int_equal(briefing_render_pdf(&b, "", NULL, 0), -1);

	char path[128];
	snprintf(path, sizeof path, "%s/ok.pdf", tmpdir);
	assert_int_equal(briefing_render_pdf(&b, path, NULL, 0), 0);
	char *ls = NULL;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -c 'ok.pdf.' || true", tmpdir);
	ls = run(cmd);
	assert_int_equal(strtol(ls, NULL, 10), 0); /* no temporary file left */
	free(ls);
}

/* Total ink on page 1 of the PDF at path (sum of 255 - grey over the pixels at 72 dpi). */
static double page_ink(const char *path)
{
	char cmd[512], pgm[192];
	snprintf(pgm, sizeof pgm, "%s.ink", path);
	snprintf(cmd, sizeof cmd, "pdftoppm -gray -r 72 -f 1 -l 1 -singlefile '%s' '%s'", path,
	         pgm);
	assert_int_equal(system(cmd), 0);
	snprintf(pgm, sizeof pgm, "%s.ink.pgm", path);
	size_t len;
	unsigned char *img = slurp(pgm, &len);
	unlink(pgm);
	/* "P5\n<w> <h>\n255\n" then w*h bytes */
	assert_memory_equal(img, "P5", 2);
	size_t p = 2;
	int fields = 0;
	while (p < len && fields < 3) {
		while (p < len && (img[p] == ' ' || img[p] == '\n'))
			p++;
		while (p < len && img[p] >= '0' && img[p] <= '9')
			p++;
		fields++;
	}
	p++; /* the one whitespace byte after the maximum value */
	double ink = 0;
	for (; p < len; p++)
		ink += 255 - img[p];
	free(img);
	return ink;
}

/* 如 is set in the JP face (see sc_regular_broken in report/pdf.c) because cairo embeds the SC
 * glyph broken: it must have about as much ink as 好, which shares its left half. */
static void test_glyph_workaround(void **state)
{
	if (!have_tool("pdftoppm"))
		skip();
	static const char *const titles[3] = {"", "如如如如如如如如如如如如",
	                                      "好好好好好好好好好好好好"};
	double ink[3];
	for (int k = 0; k < 3; k++) {
		struct briefing_item it = {
		    "SQ20261122-0001", "三鑫电子",   titles[k], "物流", "交通运输局",
		    "已分派",          "2026-12-01", 0,         NULL};
		struct briefing b = {.zone_name = "海门开发区",
		                     .date = "2026-11-22",
		                     .resolve_rate = -1,
		                     .satisfaction_rate = -1,
		                     .new_items = &it,
		                     .n_new = 1};
		char path[128], err[256] = "";
		snprintf(path, sizeof path, "%s/ink%d.pdf", tmpdir, k);
		assert_int_equal(briefing_render_pdf(&b, path, err, sizeof err), 0);
		ink[k] = page_ink(path);
	}
	double ru = ink[1] - ink[0], hao = ink[2] - ink[0];
	print_message("ink of 12 x 如: %.0f, of 12 x 好: %.0f\n", ru, hao);
	assert_true(hao > 0);
	assert_true(ru > 0.6 * hao);
}

/* The summary sentence; an undefined rate is left out. */
static void test_summary(void **state)
{
	struct briefing b = sample();
	char s[512];
	briefing_summary_text(&b, s, sizeof s);
	assert_string_equal(s,
	                    "2026年11月22日，新受理企业诉求 14 件（其中未受理 1 件），办结 10 件；"
	                    "截至当日，超期未办结 9 件，挂牌督办中 7 件。"
	                    "本年累计解决率 89.5%（受理后解决率 92.1%），满意率 96.5%。");
	b.resolve_rate = -1;
	briefing_summary_text(&b, s, sizeof s);
	assert_non_null(strstr(s, "本年累计受理后解决率 92.1%，满意率 96.5%。"));
	b.resolve_rate_accepted = -1;
	b.rate_period = NULL;
	b.accepted = -1;
	briefing_summary_text(&b, s, sizeof s);
	assert_string_equal(s, "2026年11月22日，新受理企业诉求 14 件，办结 10 件；"
	                       "截至当日，超期未办结 9 件，挂牌督办中 7 件。满意率 96.5%。");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sample_pdf),       cmocka_unit_test(test_pdf_mem),
	    cmocka_unit_test(test_empty_sections),   cmocka_unit_test(test_row_cap),
	    cmocka_unit_test(test_hostile_text),     cmocka_unit_test(test_html),
	    cmocka_unit_test(test_bad_input),        cmocka_unit_test(test_summary),
	    cmocka_unit_test(test_glyph_workaround), cmocka_unit_test(test_many_depts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
