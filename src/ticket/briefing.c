/* The daily briefing (see briefing.h): its content — the sections and their columns, the summary
 * sentence, the headline figures — and how it is composed, from the same pieces, as a PDF
 * (report/pdf.h) and as an HTML fragment (report/html.h). */
#include "ticket/briefing.h"
#include "lib/strbuf.h"
#include "report/html.h"
#include "report/pdf.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* The content                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* Columns of each section. Widths are for A4 with 18 mm margins (493 pt of text width); the
 * columns with width 0 share what is left. */
static const struct report_column cols_new[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0, 0, 1},       {"企业", BRIEFING_F_ENTERPRISE, 80, 2, 0, 0, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0, 0, 0}, {"类别", BRIEFING_F_CATEGORY, 44, 2, 0, 0, 0},
    {"责任部门", BRIEFING_F_DEPT, 72, 2, 0, 0, 0}, {"办理时限", BRIEFING_F_DUE, 56, 1, 0, 0, 1},
};
static const struct report_column cols_resolved[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0, 0, 1},       {"企业", BRIEFING_F_ENTERPRISE, 80, 2, 0, 0, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0, 0, 0}, {"类别", BRIEFING_F_CATEGORY, 44, 2, 0, 0, 0},
    {"责任部门", BRIEFING_F_DEPT, 72, 2, 0, 0, 0}, {"状态", BRIEFING_F_STATUS, 68, 2, 0, 0, 0},
};
static const struct report_column cols_overdue[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0, 0, 1},
    {"企业", BRIEFING_F_ENTERPRISE, 80, 2, 0, 0, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0, 0, 0},
    {"责任部门", BRIEFING_F_DEPT, 80, 2, 0, 0, 0},
    {"办理时限", BRIEFING_F_DUE, 56, 1, 0, 0, 1},
    {"超期", BRIEFING_F_OVERDUE_DAYS, 44, 1, 1, 1, 0},
};
static const struct report_column cols_escalated[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0, 0, 1},       {"企业", BRIEFING_F_ENTERPRISE, 72, 2, 0, 0, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0, 0, 0}, {"责任部门", BRIEFING_F_DEPT, 64, 2, 0, 0, 0},
    {"办理时限", BRIEFING_F_DUE, 56, 1, 0, 0, 1},  {"督办要求", BRIEFING_F_NOTE, 0, 3, 0, 0, 0},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

void briefing_sections(const struct briefing *b, struct briefing_section out[BRIEFING_N_SECTIONS])
{
	out[0] = (struct briefing_section){"新受理诉求", b->new_items, b->n_new, cols_new,
	                                   N_OF(cols_new)};
	out[1] = (struct briefing_section){"已办结诉求", b->resolved_items, b->n_resolved,
	                                   cols_resolved, N_OF(cols_resolved)};
	out[2] = (struct briefing_section){"超期诉求（含责任部门）", b->overdue_items, b->n_overdue,
	                                   cols_overdue, N_OF(cols_overdue)};
	out[3] = (struct briefing_section){"挂牌督办事项", b->escalated_items, b->n_escalated,
	                                   cols_escalated, N_OF(cols_escalated)};
}

const char *briefing_item_text(const struct briefing_item *it, enum briefing_field f, char *buf,
                               size_t n)
{
	const char *const text[] = {
	    [BRIEFING_F_NO] = it->no,         [BRIEFING_F_ENTERPRISE] = it->enterprise,
	    [BRIEFING_F_TITLE] = it->title,   [BRIEFING_F_CATEGORY] = it->category,
	    [BRIEFING_F_DEPT] = it->dept,     [BRIEFING_F_STATUS] = it->status,
	    [BRIEFING_F_DUE] = it->due,       [BRIEFING_F_NOTE] = it->note,
	    [BRIEFING_F_OVERDUE_DAYS] = NULL, /* a number, formatted below */
	};
	if (f == BRIEFING_F_OVERDUE_DAYS && it->overdue_days > 0 && buf && n) {
		snprintf(buf, n, "%ld 天", it->overdue_days);
		return buf;
	}
	const char *s = (size_t)f < N_OF(text) ? text[f] : NULL;
	return s && s[0] ? s : "—";
}

void briefing_summary_text(const struct briefing *b, char *buf, size_t n)
{
	char date[64], rec[24], res[24], ovd[24], esc[24], rr[16], ra[16], sr[16], period[128];
	char refused[64] = "";
	if (!buf || n == 0)
		return;
	report_format_date(b->date, date, sizeof date);
	report_format_count(b->received, rec, sizeof rec);
	report_format_count(b->resolved, res, sizeof res);
	report_format_count(b->overdue_now, ovd, sizeof ovd);
	report_format_count(b->escalated_open, esc, sizeof esc);
	report_format_rate(b->resolve_rate, rr, sizeof rr);
	report_format_rate(b->resolve_rate_accepted, ra, sizeof ra);
	report_format_rate(b->satisfaction_rate, sr, sizeof sr);
	report_clean_text(b->rate_period, period, sizeof period);
	if (b->accepted >= 0 && b->received > b->accepted)
		snprintf(refused, sizeof refused, "（其中未受理 %ld 件）",
		         b->received - b->accepted);
	int w = snprintf(buf, n,
	                 "%s，新受理企业诉求 %s 件%s，办结 %s 件；截至当日，超期未办结 %s 件，"
	                 "挂牌督办中 %s 件。",
	                 date[0] ? date : "当日", rec, refused, res, ovd, esc);
	if (w < 0 || (size_t)w >= n)
		return;
	int has_rr = strcmp(rr, "—") != 0, has_ra = strcmp(ra, "—") != 0,
	    has_sr = strcmp(sr, "—") != 0;
	char accepted[64] = "";
	if (has_ra)
		snprintf(accepted, sizeof accepted, "%s受理后解决率 %s%s", has_rr ? "（" : "", ra,
		         has_rr ? "）" : "");
	if (has_rr || has_ra || has_sr)
		snprintf(buf + w, n - (size_t)w, "%s%s%s%s%s%s%s。", period,
		         has_rr ? "解决率 " : "", has_rr ? rr : "", accepted,
		         (has_rr || has_ra) && has_sr ? "，" : "", has_sr ? "满意率 " : "",
		         has_sr ? sr : "");
}

void briefing_figures(const struct briefing *b, struct report_figure out[BRIEFING_N_FIGURES])
{
	static const char *const labels[BRIEFING_N_FIGURES] = {
	    "新受理", "已办结", "当前超期", "挂牌督办中", "解决率", "受理后解决率", "满意率"};
	char period[80];
	for (int i = 0; i < BRIEFING_N_FIGURES; i++) {
		out[i].label = labels[i];
		out[i].value[0] = out[i].sub[0] = 0;
		out[i].alert = 0;
	}
	report_format_count(b->received, out[0].value, sizeof out[0].value);
	if (b->accepted >= 0 && b->received > b->accepted)
		snprintf(out[0].sub, sizeof out[0].sub, "件 · 未受理 %ld 件",
		         b->received - b->accepted);
	else
		snprintf(out[0].sub, sizeof out[0].sub, "件");
	report_format_count(b->resolved, out[1].value, sizeof out[1].value);
	snprintf(out[1].sub, sizeof out[1].sub, "件");
	report_format_count(b->overdue_now, out[2].value, sizeof out[2].value);
	snprintf(out[2].sub, sizeof out[2].sub, "件 · 截至当日");
	out[2].alert = b->overdue_now > 0 ? 1 : 0;
	report_format_count(b->escalated_open, out[3].value, sizeof out[3].value);
	snprintf(out[3].sub, sizeof out[3].sub, "件");
	out[3].alert = b->escalated_open > 0 ? 2 : 0;
	report_clean_text(b->rate_period, period, sizeof period);
	report_format_rate(b->resolve_rate, out[4].value, sizeof out[4].value);
	snprintf(out[4].sub, sizeof out[4].sub, "%s", period);
	report_format_rate(b->resolve_rate_accepted, out[5].value, sizeof out[5].value);
	snprintf(out[5].sub, sizeof out[5].sub, "%s", period);
	report_format_rate(b->satisfaction_rate, out[6].value, sizeof out[6].value);
	snprintf(out[6].sub, sizeof out[6].sub, "%s", period);
}

int briefing_check(const struct briefing *b, char *err, size_t errlen)
{
	if (!b)
		return report_fail(err, errlen, "briefing: no briefing given");
	const struct {
		const char *name;
		const void *ptr;
		size_t n;
	} arrays[] = {
	    {"new_items", b->new_items, b->n_new},
	    {"resolved_items", b->resolved_items, b->n_resolved},
	    {"overdue_items", b->overdue_items, b->n_overdue},
	    {"escalated_items", b->escalated_items, b->n_escalated},
	    {"by_dept", b->by_dept, b->n_depts},
	};
	for (size_t i = 0; i < N_OF(arrays); i++)
		if (arrays[i].n && !arrays[i].ptr)
			return report_fail(err, errlen, "briefing: %s is NULL but its count is %zu",
			                   arrays[i].name, arrays[i].n);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The parts both renderers show                                                              */
/* ------------------------------------------------------------------------------------------ */

/* The texts and pieces of a briefing, ready for either renderer. */
struct parts {
	char title[320];     /* "{zone} 企业诉求每日简报" */
	char date[64];       /* the reported day, formatted */
	char report_on[96];  /* "报告日期：{date}" */
	char generated[160]; /* "数据生成：{generated_at}", or "" */
	char footer[160];    /* "数据生成于 {generated_at}", or "" */
	char summary[768];   /* the summary sentence */
	struct report_figure figs[BRIEFING_N_FIGURES];
	char dept_note[160]; /* "（本月累计）", or "" */
	struct report_bar bars[BRIEFING_CHART_MAX_DEPTS];
	struct report_chart chart; /* of the first departments */
	char chart_caption[128];
	struct report_table depts; /* the table by department */
	struct briefing_section secs[BRIEFING_N_SECTIONS];
};

/* Columns of the table by department (the key of each is its index). */
enum { DC_DEPT, DC_RECEIVED, DC_RESOLVED, DC_OVERDUE, DC_ON_TIME };
static const struct report_column dept_cols[] = {
    {"责任部门", DC_DEPT, 0, 2, 0, 0, 0},       {"新受理", DC_RECEIVED, 80, 1, 1, 0, 0},
    {"已办结", DC_RESOLVED, 80, 1, 1, 0, 0},    {"当前超期", DC_OVERDUE, 80, 1, 1, 0, 0},
    {"按期办结率", DC_ON_TIME, 90, 1, 1, 0, 0},
};

/* report_cell_fn of the table by department. */
static const char *dept_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct briefing_dept_row *r = (const struct briefing_dept_row *)rows + i;
	switch (key) {
	case DC_DEPT:
		return r->dept ? r->dept : "";
	case DC_RECEIVED:
		report_format_count(r->received, buf, n);
		return buf;
	case DC_RESOLVED:
		report_format_count(r->resolved, buf, n);
		return buf;
	case DC_OVERDUE:
		report_format_count(r->overdue, buf, n);
		return buf;
	default:
		report_format_rate(r->on_time_rate, buf, n);
		return buf;
	}
}

/* report_cell_fn of the item tables. */
static const char *item_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct briefing_item *it = (const struct briefing_item *)rows + i;
	return briefing_item_text(it, (enum briefing_field)key, buf, n);
}

/* Fills p from b (checked). */
static void parts_of(const struct briefing *b, struct parts *p)
{
	char zone[256], gen[128];
	memset(p, 0, sizeof *p);
	report_clean_text(b->zone_name, zone, sizeof zone);
	snprintf(p->title, sizeof p->title, "%s%s企业诉求每日简报", zone, zone[0] ? " " : "");
	report_format_date(b->date, p->date, sizeof p->date);
	snprintf(p->report_on, sizeof p->report_on, "报告日期：%s", p->date);
	if (b->generated_at && b->generated_at[0]) {
		report_clean_text(b->generated_at, gen, sizeof gen);
		snprintf(p->generated, sizeof p->generated, "数据生成：%s", gen);
		snprintf(p->footer, sizeof p->footer, "数据生成于 %s", gen);
	}
	briefing_summary_text(b, p->summary, sizeof p->summary);
	briefing_figures(b, p->figs);
	if (b->dept_period && b->dept_period[0]) {
		char period[128];
		report_clean_text(b->dept_period, period, sizeof period);
		snprintf(p->dept_note, sizeof p->dept_note, "（%s）", period);
	}
	size_t n_chart =
	    b->n_depts < BRIEFING_CHART_MAX_DEPTS ? b->n_depts : BRIEFING_CHART_MAX_DEPTS;
	for (size_t i = 0; i < n_chart; i++)
		p->bars[i] = (struct report_bar){
		    b->by_dept[i].dept, {b->by_dept[i].received, b->by_dept[i].resolved, 0}};
	if (b->n_depts > n_chart)
		snprintf(p->chart_caption, sizeof p->chart_caption,
		         "图中列出前 %zu 个部门，全部部门见下表。", n_chart);
	p->chart = (struct report_chart){
	    .title = "各部门新受理与办结数量",
	    .series = {"新受理", "已办结"},
	    .n_series = 2,
	    .bars = p->bars,
	    .n_bars = n_chart,
	    .caption = p->chart_caption,
	};
	p->depts = (struct report_table){
	    .title = "分部门情况",
	    .cols = dept_cols,
	    .n_cols = sizeof dept_cols / sizeof dept_cols[0],
	    .rows = b->by_dept,
	    .n_rows = b->n_depts,
	    .cell = dept_cell,
	    .max_rows = BRIEFING_MAX_ROWS,
	};
	briefing_sections(b, p->secs);
}

/* The table of list section s. */
static struct report_table section_table(const struct briefing_section *s)
{
	return (struct report_table){
	    .title = s->title,
	    .cols = s->cols,
	    .n_cols = s->n_cols,
	    .rows = s->items,
	    .n_rows = s->n_items,
	    .cell = item_cell,
	    .max_rows = BRIEFING_MAX_ROWS,
	};
}

/* ------------------------------------------------------------------------------------------ */
/* The PDF                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Lays out (and in the drawing pass, draws) the whole briefing from page 1. */
struct composed {
	const struct briefing *b;
	const struct parts *p;
};

static void compose_pdf(struct report_pdf *d, const void *arg)
{
	const struct briefing *b = ((const struct composed *)arg)->b;
	const struct parts *p = ((const struct composed *)arg)->p;
	report_pdf_masthead(d, p->title, p->report_on, p->generated);

	/* 一、总体情况: the summary sentence and the headline figures */
	report_pdf_heading(d, 0, "总体情况", NULL, report_pdf_paragraph_h(d, p->summary) + 70);
	report_pdf_paragraph(d, p->summary);
	report_pdf_figures(d, p->figs, BRIEFING_N_FIGURES);
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);

	/* 二、分部门情况: the chart, then the table by department */
	if (b->n_depts == 0) {
		report_pdf_heading(d, 1, "分部门情况", p->dept_note, 16);
		report_pdf_note(d, "无");
	} else {
		report_pdf_heading(d, 1, "分部门情况", p->dept_note, report_pdf_chart_h(&p->chart));
		report_pdf_chart(d, &p->chart);
		report_pdf_space(d, 10);
		report_pdf_table(d, &p->depts);
	}
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);

	/* the four lists */
	for (int i = 0; i < BRIEFING_N_SECTIONS; i++) {
		const struct briefing_section *s = &p->secs[i];
		struct report_table t = section_table(s);
		char note[64];
		snprintf(note, sizeof note, "（%zu 件）", s->n_items);
		report_pdf_table_section(d, 2 + i, s->title, note, &t);
	}
}

/* Lays b out and finishes it into `path`, or into memory when path is NULL; -1 with a message in
 * err when b is refused or the document fails. */
static int briefing_pdf(const struct briefing *b, const char *path, unsigned char **out,
                        size_t *len, char *err, size_t errlen)
{
	struct parts p;
	if (briefing_check(b, err, errlen) < 0)
		return -1;
	parts_of(b, &p);
	struct composed arg = {b, &p};
	return report_pdf_render_dated(p.title, p.date, p.footer, compose_pdf, &arg, path, out, len,
	                               err, errlen);
}

int briefing_render_pdf_mem(const struct briefing *b, unsigned char **out, size_t *len, char *err,
                            size_t errlen)
{
	if (!out || !len)
		return report_fail(err, errlen, "briefing pdf: no output buffer given");
	*out = NULL;
	*len = 0;
	return briefing_pdf(b, NULL, out, len, err, errlen);
}

int briefing_render_pdf(const struct briefing *b, const char *path, char *err, size_t errlen)
{
	if (!path || !path[0])
		return report_fail(err, errlen, "briefing pdf: no output path given");
	return briefing_pdf(b, path, NULL, NULL, err, errlen);
}

/* ------------------------------------------------------------------------------------------ */
/* The HTML                                                                                   */
/* ------------------------------------------------------------------------------------------ */

int briefing_render_html(const struct briefing *b, struct strbuf *out)
{
	if (!out)
		return -1;
	if (briefing_check(b, NULL, 0) < 0)
		return -1;
	struct parts parts, *p = &parts;
	parts_of(b, p);
	report_html_open(out, "yq-briefing");
	report_html_masthead(out, p->title, p->report_on, p->generated);

	report_html_section(out, 0, "总体情况", NULL);
	report_html_paragraph(out, p->summary);
	report_html_figures(out, p->figs, BRIEFING_N_FIGURES);
	report_html_section_end(out);

	report_html_section(out, 1, "分部门情况", p->dept_note);
	if (b->n_depts == 0) {
		report_html_note(out, "无");
	} else {
		report_html_chart(out, &p->chart);
		report_html_table(out, &p->depts);
	}
	report_html_section_end(out);

	for (int i = 0; i < BRIEFING_N_SECTIONS; i++) {
		const struct briefing_section *s = &p->secs[i];
		struct report_table t = section_table(s);
		char note[64];
		snprintf(note, sizeof note, "（%zu 件）", s->n_items);
		report_html_section(out, 2 + i, s->title, note);
		report_html_table_or_none(out, &t);
		report_html_section_end(out);
	}
	return report_html_close(out);
}
