/* The daily briefing as a self-contained HTML fragment for the web view (same content as the
 * PDF: see briefing_pdf.c for the shared content model). */
#include "ticket/briefing.h"
#include "lib/strbuf.h"

#include <stdio.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The fragment's style: every selector under .yq-briefing, so it cannot leak into the page. */
static const char css[] =
    "<style>"
    ".yq-briefing{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",sans-serif;color:#212226;line-height:1.55;max-width:980px;"
    "font-size:14px}"
    ".yq-briefing .yq-b-title{color:#bf1a1f;text-align:center;font-size:26px;margin:0 0 8px;"
    "font-weight:700}"
    ".yq-briefing .yq-b-meta{display:flex;justify-content:space-between;flex-wrap:wrap;"
    "margin:0 0 18px;padding-bottom:6px;border-bottom:4px double #bf1a1f;color:#6b7280}"
    ".yq-briefing h2{font-size:17px;color:#1f3a5f;border-left:4px solid #1f3a5f;"
    "padding-left:8px;margin:22px 0 10px}"
    ".yq-briefing h2 small{font-size:12px;color:#6b7280;font-weight:400;margin-left:6px}"
    ".yq-briefing .yq-b-figures{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(120px,1fr));gap:10px;list-style:none;padding:0;margin:12px 0}"
    ".yq-briefing .yq-b-figures li{background:#f5f7fb;border-top:3px solid #1f3a5f;"
    "padding:8px;text-align:center}"
    ".yq-briefing .yq-b-figures li.yq-b-red{border-top-color:#c72929}"
    ".yq-briefing .yq-b-figures li.yq-b-orange{border-top-color:#d97817}"
    ".yq-briefing .yq-b-figures span,.yq-briefing .yq-b-figures small{display:block;"
    "color:#6b7280;font-size:12px}"
    ".yq-briefing .yq-b-figures strong{display:block;font-size:26px;color:#1f3a5f}"
    ".yq-briefing .yq-b-red strong,.yq-briefing td.yq-b-alert{color:#c72929}"
    ".yq-briefing .yq-b-orange strong{color:#d97817}"
    ".yq-briefing table{width:100%;border-collapse:collapse;font-size:13px;margin:6px 0}"
    ".yq-briefing th{background:#e8eff7;color:#1f3a5f;text-align:left;padding:5px 6px;"
    "border-bottom:1.5px solid #1f3a5f;white-space:nowrap}"
    ".yq-briefing td{padding:5px 6px;border-bottom:1px solid #d5dbe3;vertical-align:top;"
    "overflow-wrap:anywhere}"
    ".yq-briefing tbody tr:nth-child(even){background:#f7f9fc}"
    ".yq-briefing .yq-b-num{text-align:right;white-space:nowrap}"
    ".yq-briefing .yq-b-nw{white-space:nowrap}"
    ".yq-briefing .yq-b-none,.yq-briefing .yq-b-more,.yq-briefing figcaption{color:#6b7280}"
    ".yq-briefing figure{margin:8px 0 12px;border:1px solid #ccd3dd;padding:8px}"
    ".yq-briefing svg{width:100%;height:auto;display:block}"
    "</style>\n";

/* Appends `s` to sb as HTML text (also safe inside a quoted attribute): cleaned with
 * briefing_clean_text (valid UTF-8, no control characters, at most BRIEFING_MAX_CELL_BYTES), then
 * & < > " ' replaced by entities. */
static void esc(struct strbuf *sb, const char *s)
{
	char clean[BRIEFING_MAX_CELL_BYTES + 4];
	briefing_clean_text(s, clean, sizeof clean);
	const char *p = clean, *run = clean;
	for (; *p; p++) {
		const char *e;
		switch (*p) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		default:
			continue;
		}
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_adds(sb, e);
		run = p + 1;
	}
	strbuf_add(sb, run, (size_t)(p - run));
}

/* Copies at most `max_chars` characters of the cleaned `s` into buf (n bytes), ending with "…"
 * when it had to cut. For the SVG, where text cannot be ellipsized by the browser. */
static const char *clip(const char *s, size_t max_chars, char *buf, size_t n)
{
	briefing_clean_text(s, buf, n);
	size_t chars = 0, i = 0;
	for (; buf[i]; i++) {
		if (((unsigned char)buf[i] & 0xc0) == 0x80)
			continue;
		if (chars == max_chars) {
			if (n - i >= 4) {
				memcpy(buf + i, "\xE2\x80\xA6", 4);
			} else {
				buf[i] = 0;
			}
			break;
		}
		chars++;
	}
	return buf;
}

/* Appends a section heading <h2>{n}、{title}<small>{note}</small></h2>. */
static void heading(struct strbuf *sb, int n, const char *title, const char *note)
{
	static const char *const ordinals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
	strbuf_addf(sb, "<h2>%s、", ordinals[(size_t)n % N_OF(ordinals)]);
	esc(sb, title);
	if (note && note[0]) {
		strbuf_adds(sb, "<small>");
		esc(sb, note);
		strbuf_adds(sb, "</small>");
	}
	strbuf_adds(sb, "</h2>\n");
}

/* Appends the masthead and section 一、总体情况 (summary sentence and headline figures). */
static void overview(struct strbuf *sb, const struct briefing *b)
{
	char buf[768];
	struct briefing_figure figs[BRIEFING_N_FIGURES];
	strbuf_adds(sb, "<header><h1 class=\"yq-b-title\">");
	if (b->zone_name && b->zone_name[0]) {
		esc(sb, b->zone_name);
		strbuf_addch(sb, ' ');
	}
	strbuf_adds(sb, "企业诉求每日简报</h1>\n<p class=\"yq-b-meta\"><span>报告日期：");
	briefing_format_date(b->date, buf, sizeof buf);
	esc(sb, buf);
	strbuf_adds(sb, "</span>");
	if (b->generated_at && b->generated_at[0]) {
		strbuf_adds(sb, "<span>数据生成：");
		esc(sb, b->generated_at);
		strbuf_adds(sb, "</span>");
	}
	strbuf_adds(sb, "</p></header>\n<section>\n");
	heading(sb, 0, "总体情况", NULL);
	briefing_summary_text(b, buf, sizeof buf);
	strbuf_adds(sb, "<p>");
	esc(sb, buf);
	strbuf_adds(sb, "</p>\n<ul class=\"yq-b-figures\">\n");
	briefing_figures(b, figs);
	for (int i = 0; i < BRIEFING_N_FIGURES; i++) {
		strbuf_adds(sb, figs[i].alert == 1   ? "<li class=\"yq-b-red\"><span>"
		                : figs[i].alert == 2 ? "<li class=\"yq-b-orange\"><span>"
		                                     : "<li><span>");
		esc(sb, figs[i].label);
		strbuf_adds(sb, "</span><strong>");
		esc(sb, figs[i].value);
		strbuf_adds(sb, "</strong><small>");
		esc(sb, figs[i].sub[0] ? figs[i].sub : " ");
		strbuf_adds(sb, "</small></li>\n");
	}
	strbuf_adds(sb, "</ul>\n</section>\n");
}

/* Returns a "nice" axis step (1, 2 or 5 times a power of ten, at least 1) for up to max. */
static long nice_step(long max)
{
	long step = 1;
	for (;;) {
		static const int mult[] = {1, 2, 5};
		for (size_t i = 0; i < N_OF(mult); i++)
			if (max <= step * mult[i] * 5)
				return step * mult[i];
		if (step > 1000000000L)
			return step * 10;
		step *= 10;
	}
}

/* Appends the bar chart of received vs resolved for the first n of n_all departments, as inline
 * SVG in a <figure>. */
static void chart_svg(struct strbuf *sb, const struct briefing_dept_row *rows, size_t n,
                      size_t n_all)
{
	const int W = 720, label_w = 130, x0 = 140, x1 = 680, top = 40, group = 26, bar = 9;
	const int h = top + (int)n * group + 30;
	char buf[128];
	long maxv = 1;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].received > maxv)
			maxv = rows[i].received;
		if (rows[i].resolved > maxv)
			maxv = rows[i].resolved;
	}
	long step = nice_step(maxv);
	long axis_max = (maxv + step - 1) / step * step;
	const double pw = x1 - x0;

	strbuf_addf(sb,
	            "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" "
	            "aria-label=\"各部门新受理与办结数量\" font-size=\"12\" "
	            "xmlns=\"http://www.w3.org/2000/svg\">\n"
	            "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"700\" fill=\"#1f3a5f\">"
	            "各部门新受理与办结数量</text>\n"
	            "<rect x=\"%d\" y=\"6\" width=\"11\" height=\"11\" fill=\"#4278bf\"/>"
	            "<text x=\"%d\" y=\"16\">新受理</text>"
	            "<rect x=\"%d\" y=\"6\" width=\"11\" height=\"11\" fill=\"#4da16b\"/>"
	            "<text x=\"%d\" y=\"16\">已办结</text>\n",
	            W, h, W - 150, W - 135, W - 75, W - 60);
	for (long v = 0; v <= axis_max; v += step) {
		double x = x0 + (double)v / (double)axis_max * pw;
		strbuf_addf(sb,
		            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
		            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#6b7280\" "
		            "font-size=\"11\">%ld</text>\n",
		            x, top - 4, x, top + (int)n * group + 2, v ? "#e5e9ef" : "#ccd3dd", x,
		            top + (int)n * group + 18, v);
	}
	for (size_t i = 0; i < n; i++) {
		int gy = top + (int)i * group + (group - 2 * bar - 1) / 2;
		long v[2] = {rows[i].received > 0 ? rows[i].received : 0,
		             rows[i].resolved > 0 ? rows[i].resolved : 0};
		static const char *const fill[2] = {"#4278bf", "#4da16b"};
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w,
		            gy + bar + 4);
		esc(sb, clip(rows[i].dept, 10, buf, sizeof buf));
		strbuf_adds(sb, "</text>\n");
		for (int k = 0; k < 2; k++) {
			double bw = (double)v[k] / (double)axis_max * pw;
			int by = gy + k * (bar + 1);
			strbuf_addf(sb,
			            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
			            "fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
			            "fill=\"#6b7280\">%ld</text>\n",
			            x0, by, bw, bar, fill[k], x0 + bw + 4, by + bar - 1, v[k]);
		}
	}
	strbuf_adds(sb, "</svg>");
	if (n_all <= n)
		strbuf_adds(sb, "</figure>\n");
	else
		strbuf_addf(sb,
		            "<figcaption>图中列出前 %zu 个部门，全部部门见下表。</figcaption>"
		            "</figure>\n",
		            n);
}

/* Appends "另有 N 条未列出" when more than BRIEFING_MAX_ROWS rows were given. */
static void more_line(struct strbuf *sb, size_t n_rows)
{
	if (n_rows > BRIEFING_MAX_ROWS)
		strbuf_addf(sb, "<p class=\"yq-b-more\">另有 %zu 条未列出</p>\n",
		            n_rows - BRIEFING_MAX_ROWS);
}

/* Appends section 二、分部门情况: the chart and the table by department. */
static void by_dept(struct strbuf *sb, const struct briefing *b)
{
	char note[160] = "", buf[64];
	if (b->dept_period && b->dept_period[0]) {
		char p[128];
		briefing_clean_text(b->dept_period, p, sizeof p);
		snprintf(note, sizeof note, "（%s）", p);
	}
	strbuf_adds(sb, "<section>\n");
	heading(sb, 1, "分部门情况", note);
	if (b->n_depts == 0) {
		strbuf_adds(sb, "<p class=\"yq-b-none\">无</p>\n</section>\n");
		return;
	}
	size_t n_chart =
	    b->n_depts < BRIEFING_CHART_MAX_DEPTS ? b->n_depts : BRIEFING_CHART_MAX_DEPTS;
	chart_svg(sb, b->by_dept, n_chart, b->n_depts);
	/* The same columns as the PDF's table by department (briefing_pdf.c, by_dept). */
	strbuf_adds(sb, "<table><thead><tr><th>责任部门</th><th class=\"yq-b-num\">新受理</th>"
	                "<th class=\"yq-b-num\">已办结</th><th class=\"yq-b-num\">当前超期</th>"
	                "<th class=\"yq-b-num\">按期办结率</th></tr></thead>\n<tbody>\n");
	size_t shown = b->n_depts < BRIEFING_MAX_ROWS ? b->n_depts : BRIEFING_MAX_ROWS;
	for (size_t i = 0; i < shown; i++) {
		const struct briefing_dept_row *r = &b->by_dept[i];
		strbuf_adds(sb, "<tr><td>");
		esc(sb, r->dept);
		briefing_format_count(r->received, buf, sizeof buf);
		strbuf_addf(sb, "</td><td class=\"yq-b-num\">%s</td>", buf);
		briefing_format_count(r->resolved, buf, sizeof buf);
		strbuf_addf(sb, "<td class=\"yq-b-num\">%s</td>", buf);
		briefing_format_count(r->overdue, buf, sizeof buf);
		strbuf_addf(sb, "<td class=\"yq-b-num\">%s</td>", buf);
		briefing_format_rate(r->on_time_rate, buf, sizeof buf);
		strbuf_addf(sb, "<td class=\"yq-b-num\">%s</td></tr>\n", buf);
	}
	strbuf_adds(sb, "</tbody></table>\n");
	more_line(sb, b->n_depts);
	strbuf_adds(sb, "</section>\n");
}

/* Appends one list section, numbered n. */
static void section(struct strbuf *sb, int n, const struct briefing_section *s)
{
	char note[64], buf[64];
	snprintf(note, sizeof note, "（%zu 件）", s->n_items);
	strbuf_adds(sb, "<section>\n");
	heading(sb, n, s->title, note);
	if (s->n_items == 0) {
		strbuf_adds(sb, "<p class=\"yq-b-none\">无</p>\n</section>\n");
		return;
	}
	strbuf_adds(sb, "<table><thead><tr>");
	for (size_t j = 0; j < s->n_cols; j++) {
		strbuf_adds(sb, s->cols[j].numeric ? "<th class=\"yq-b-num\">" : "<th>");
		esc(sb, s->cols[j].header);
		strbuf_adds(sb, "</th>");
	}
	strbuf_adds(sb, "</tr></thead>\n<tbody>\n");
	size_t shown = s->n_items < BRIEFING_MAX_ROWS ? s->n_items : BRIEFING_MAX_ROWS;
	for (size_t i = 0; i < shown; i++) {
		strbuf_adds(sb, "<tr>");
		for (size_t j = 0; j < s->n_cols; j++) {
			const struct briefing_column *col = &s->cols[j];
			const char *cls =
			    col->field == BRIEFING_F_OVERDUE_DAYS ? " class=\"yq-b-num yq-b-alert\""
			    : col->numeric                        ? " class=\"yq-b-num\""
			    : col->field == BRIEFING_F_NO || col->field == BRIEFING_F_DUE
			        ? " class=\"yq-b-nw\""
			        : "";
			strbuf_addf(sb, "<td%s>", cls);
			esc(sb, briefing_item_text(&s->items[i], col->field, buf, sizeof buf));
			strbuf_adds(sb, "</td>");
		}
		strbuf_adds(sb, "</tr>\n");
	}
	strbuf_adds(sb, "</tbody></table>\n");
	more_line(sb, s->n_items);
	strbuf_adds(sb, "</section>\n");
}

int briefing_render_html(const struct briefing *b, struct strbuf *out)
{
	struct briefing_section secs[BRIEFING_N_SECTIONS];
	if (!out)
		return -1;
	if (briefing_check(b, NULL, 0) < 0)
		return -1;
	strbuf_adds(out, "<article class=\"yq-briefing\" lang=\"zh-CN\">\n");
	strbuf_adds(out, css);
	overview(out, b);
	by_dept(out, b);
	briefing_sections(b, secs);
	for (int i = 0; i < BRIEFING_N_SECTIONS; i++)
		section(out, 2 + i, &secs[i]);
	strbuf_adds(out, "</article>\n");
	return out->failed ? -1 : 0;
}
