/* Documents as self-contained HTML fragments (see html.h): the style sheet, escaping, the
 * masthead, sections, figures, tables and the bar chart as inline SVG. */
#include "report/html.h"
#include "lib/strbuf.h"

#include <stdio.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The fragment's style. '@' stands for the article's class selector ("." cls): every selector
 * is under it, so none can leak into the page. */
static const char css[] =
    "<style>"
    "@{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",sans-serif;color:#212226;line-height:1.55;max-width:980px;"
    "font-size:14px}"
    "@ .yq-b-title{color:#bf1a1f;text-align:center;font-size:26px;margin:0 0 8px;"
    "font-weight:700}"
    "@ .yq-b-meta{display:flex;justify-content:space-between;flex-wrap:wrap;"
    "margin:0 0 18px;padding-bottom:6px;border-bottom:4px double #bf1a1f;color:#6b7280}"
    "@ h2{font-size:17px;color:#1f3a5f;border-left:4px solid #1f3a5f;"
    "padding-left:8px;margin:22px 0 10px}"
    "@ h2 small{font-size:12px;color:#6b7280;font-weight:400;margin-left:6px}"
    "@ .yq-b-figures{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(120px,1fr));gap:10px;list-style:none;padding:0;margin:12px 0}"
    "@ .yq-b-figures li{background:#f5f7fb;border-top:3px solid #1f3a5f;"
    "padding:8px;text-align:center}"
    "@ .yq-b-figures li.yq-b-red{border-top-color:#c72929}"
    "@ .yq-b-figures li.yq-b-orange{border-top-color:#d97817}"
    "@ .yq-b-figures span,@ .yq-b-figures small{display:block;"
    "color:#6b7280;font-size:12px}"
    "@ .yq-b-figures strong{display:block;font-size:26px;color:#1f3a5f}"
    "@ .yq-b-red strong,@ td.yq-b-alert{color:#c72929}"
    "@ .yq-b-orange strong{color:#d97817}"
    "@ table{width:100%;border-collapse:collapse;font-size:13px;margin:6px 0}"
    "@ th{background:#e8eff7;color:#1f3a5f;text-align:left;padding:5px 6px;"
    "border-bottom:1.5px solid #1f3a5f;white-space:nowrap}"
    "@ td{padding:5px 6px;border-bottom:1px solid #d5dbe3;vertical-align:top;"
    "overflow-wrap:anywhere}"
    "@ tbody tr:nth-child(even){background:#f7f9fc}"
    "@ .yq-b-num{text-align:right;white-space:nowrap}"
    "@ .yq-b-nw{white-space:nowrap}"
    "@ .yq-b-none,@ .yq-b-more,@ figcaption{color:#6b7280}"
    "@ figure{margin:8px 0 12px;border:1px solid #ccd3dd;padding:8px}"
    "@ svg{width:100%;height:auto;display:block}"
    "</style>\n";

void report_html_esc(struct strbuf *sb, const char *s)
{
	char clean[REPORT_MAX_CELL_BYTES + 4];
	report_clean_text(s, clean, sizeof clean);
	strbuf_add_html(sb, clean, strlen(clean));
}

void report_html_open(struct strbuf *sb, const char *cls)
{
	strbuf_adds(sb, "<article class=\"");
	strbuf_adds(sb, cls);
	strbuf_adds(sb, "\" lang=\"zh-CN\">\n");
	const char *p = css, *run = css;
	for (; *p; p++) {
		if (*p != '@')
			continue;
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_addch(sb, '.');
		strbuf_adds(sb, cls);
		run = p + 1;
	}
	strbuf_add(sb, run, (size_t)(p - run));
}

int report_html_close(struct strbuf *sb)
{
	strbuf_adds(sb, "</article>\n");
	return sb->failed ? -1 : 0;
}

void report_html_masthead(struct strbuf *sb, const char *title, const char *meta_left,
                          const char *meta_right)
{
	strbuf_adds(sb, "<header><h1 class=\"yq-b-title\">");
	report_html_esc(sb, title);
	strbuf_adds(sb, "</h1>\n<p class=\"yq-b-meta\">");
	const char *meta[2] = {meta_left, meta_right};
	for (size_t i = 0; i < N_OF(meta); i++) {
		if (!meta[i] || !meta[i][0])
			continue;
		strbuf_adds(sb, "<span>");
		report_html_esc(sb, meta[i]);
		strbuf_adds(sb, "</span>");
	}
	strbuf_adds(sb, "</p></header>\n");
}

void report_html_section(struct strbuf *sb, int n, const char *title, const char *note)
{
	strbuf_adds(sb, "<section>\n<h2>");
	strbuf_adds(sb, report_ordinal(n));
	strbuf_adds(sb, "、");
	report_html_esc(sb, title);
	if (note && note[0]) {
		strbuf_adds(sb, "<small>");
		report_html_esc(sb, note);
		strbuf_adds(sb, "</small>");
	}
	strbuf_adds(sb, "</h2>\n");
}

void report_html_section_end(struct strbuf *sb)
{
	strbuf_adds(sb, "</section>\n");
}

void report_html_paragraph(struct strbuf *sb, const char *s)
{
	strbuf_adds(sb, "<p>");
	report_html_esc(sb, s);
	strbuf_adds(sb, "</p>\n");
}

void report_html_note(struct strbuf *sb, const char *s)
{
	strbuf_adds(sb, "<p class=\"yq-b-none\">");
	report_html_esc(sb, s);
	strbuf_adds(sb, "</p>\n");
}

void report_html_figures(struct strbuf *sb, const struct report_figure *figs, size_t n)
{
	strbuf_adds(sb, "<ul class=\"yq-b-figures\">\n");
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(sb, figs[i].alert == 1   ? "<li class=\"yq-b-red\"><span>"
		                : figs[i].alert == 2 ? "<li class=\"yq-b-orange\"><span>"
		                                     : "<li><span>");
		report_html_esc(sb, figs[i].label);
		strbuf_adds(sb, "</span><strong>");
		report_html_esc(sb, figs[i].value);
		strbuf_adds(sb, "</strong><small>");
		report_html_esc(sb, figs[i].sub[0] ? figs[i].sub : " ");
		strbuf_adds(sb, "</small></li>\n");
	}
	strbuf_adds(sb, "</ul>\n");
}

/* Copies at most `max_chars` characters of the cleaned `s` into buf (n bytes), ending with "…"
 * when it had to cut. For the SVG, where text cannot be ellipsized by the browser. */
static const char *clip(const char *s, size_t max_chars, char *buf, size_t n)
{
	report_clean_text(s, buf, n);
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

void report_html_chart(struct strbuf *sb, const struct report_chart *ch)
{
	static const char *const fill[REPORT_CHART_MAX_SERIES] = {"#4278bf", "#4da16b", "#d97817"};
	const struct report_bar *bars = ch->bars;
	const size_t n = ch->n_bars;
	const int ns = ch->n_series < 1                         ? 1
	               : ch->n_series > REPORT_CHART_MAX_SERIES ? REPORT_CHART_MAX_SERIES
	                                                        : (int)ch->n_series;
	const int W = 720, label_w = 130, x0 = 140, x1 = 680, top = 40, bar = 9;
	const int bars_h = ns * bar + ns - 1, group = bars_h + 7;
	const int h = top + (int)n * group + 30;
	char buf[128];
	long maxv = 1;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < ns; k++)
			if (bars[i].v[k] > maxv)
				maxv = bars[i].v[k];
	long step = nice_step(maxv);
	long axis_max = (maxv + step - 1) / step * step;
	const double pw = x1 - x0;

	strbuf_addf(sb, "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, h);
	report_html_esc(sb, ch->title);
	strbuf_adds(sb, "\" font-size=\"12\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	                "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"700\" "
	                "fill=\"#1f3a5f\">");
	report_html_esc(sb, ch->title);
	strbuf_adds(sb, "</text>\n");
	for (int k = 0; k < ns; k++) {
		int lx = W - 75 * (ns - k);
		strbuf_addf(sb,
		            "<rect x=\"%d\" y=\"6\" width=\"11\" height=\"11\" fill=\"%s\"/>"
		            "<text x=\"%d\" y=\"16\">",
		            lx, fill[k], lx + 15);
		report_html_esc(sb, ch->series[k]);
		strbuf_adds(sb, "</text>");
	}
	strbuf_adds(sb, "\n");
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
		int gy = top + (int)i * group + (group - bars_h) / 2;
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w,
		            gy + bars_h / 2 + 4);
		report_html_esc(sb, clip(bars[i].label, 10, buf, sizeof buf));
		strbuf_adds(sb, "</text>\n");
		for (int k = 0; k < ns; k++) {
			long v = bars[i].v[k] > 0 ? bars[i].v[k] : 0;
			double bw = (double)v / (double)axis_max * pw;
			int by = gy + k * (bar + 1);
			strbuf_addf(sb,
			            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
			            "fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
			            "fill=\"#6b7280\">%ld</text>\n",
			            x0, by, bw, bar, fill[k], x0 + bw + 4, by + bar - 1, v);
		}
	}
	strbuf_adds(sb, "</svg>");
	if (ch->caption && ch->caption[0]) {
		strbuf_adds(sb, "<figcaption>");
		report_html_esc(sb, ch->caption);
		strbuf_adds(sb, "</figcaption>");
	}
	strbuf_adds(sb, "</figure>\n");
}

void report_html_table(struct strbuf *sb, const struct report_table *t)
{
	char buf[64];
	size_t n_cols = t->n_cols < REPORT_MAX_COLS ? t->n_cols : REPORT_MAX_COLS;
	strbuf_adds(sb, "<table><thead><tr>");
	for (size_t j = 0; j < n_cols; j++) {
		strbuf_adds(sb, t->cols[j].numeric ? "<th class=\"yq-b-num\">" : "<th>");
		report_html_esc(sb, t->cols[j].header);
		strbuf_adds(sb, "</th>");
	}
	strbuf_adds(sb, "</tr></thead>\n<tbody>\n");
	size_t shown = report_rows_shown(t);
	for (size_t i = 0; i < shown; i++) {
		strbuf_adds(sb, "<tr>");
		for (size_t j = 0; j < n_cols; j++) {
			const struct report_column *col = &t->cols[j];
			const char *cls = col->alert && col->numeric
			                      ? " class=\"yq-b-num yq-b-alert\""
			                  : col->alert   ? " class=\"yq-b-alert\""
			                  : col->numeric ? " class=\"yq-b-num\""
			                  : col->nowrap  ? " class=\"yq-b-nw\""
			                                 : "";
			strbuf_addf(sb, "<td%s>", cls);
			report_html_esc(sb, t->cell(t->rows, i, col->key, buf, sizeof buf));
			strbuf_adds(sb, "</td>");
		}
		strbuf_adds(sb, "</tr>\n");
	}
	strbuf_adds(sb, "</tbody></table>\n");
	if (t->n_rows > shown)
		strbuf_addf(sb, "<p class=\"yq-b-more\">另有 %zu 条未列出</p>\n",
		            t->n_rows - shown);
}

void report_html_table_or_none(struct strbuf *sb, const struct report_table *t)
{
	if (t->n_rows == 0)
		report_html_note(sb, "无");
	else
		report_html_table(sb, t);
}
