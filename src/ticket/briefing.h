/* The daily briefing (每日简报) of enterprise requests: its data, and its PDF and HTML renderers.
 *
 * The ticket module fills a `struct briefing` for one zone and one day (yesterday, usually) and
 * hands it to briefing_render_pdf() / briefing_render_pdf_mem() for the printable document, or to
 * briefing_render_html() for the web view. The renderers compose the briefing from the pieces of
 * src/report/ (masthead, sections, figures, tables, the bar chart); they are pure presentation:
 * they never touch the database, never keep a pointer into the struct after they return, and
 * never modify it.
 *
 * Strings. Every `const char *` is UTF-8 and borrowed (the caller keeps it alive for the call).
 * NULL is allowed everywhere: an empty table cell shows "—", other text is left out. Invalid UTF-8
 * is shown as U+FFFD and control characters as spaces, so raw user text may be passed as is.
 * Each cell is cut at REPORT_MAX_CELL_BYTES bytes, then wrapped and ellipsized to fit.
 *
 * Bounds. At most BRIEFING_MAX_ROWS items per section and rows of the department table are
 * rendered, followed by "另有 N 条"; the chart shows at most BRIEFING_CHART_MAX_DEPTS departments
 * (the first ones, in the order given: sort `by_dept` as you want it shown). */
#ifndef YQ_TICKET_BRIEFING_H
#define YQ_TICKET_BRIEFING_H
#include "report/pdf.h"
#include "report/report.h"
#include <stddef.h>

struct strbuf;

/* Rows rendered per section (and in the department table); the rest are counted. */
#define BRIEFING_MAX_ROWS 500
/* Departments drawn in the bar chart. */
#define BRIEFING_CHART_MAX_DEPTS 20
/* Largest PDF briefing_render_pdf_mem() produces; past it the call fails. */
#define BRIEFING_PDF_MAX_BYTES REPORT_PDF_MAX_BYTES

/* One enterprise request (诉求) as listed in a section of the briefing. */
struct briefing_item {
	const char *no;         /* 诉求编号, e.g. "SQ20261122-0007" */
	const char *enterprise; /* 企业: the enterprise's name (the short name reads best) */
	const char *title;      /* 诉求事项: the request's title or a one-line summary */
	const char *category; /* 类别, display name: 融资, 用地, 用工, 物流, 审批, 水电气 … */
	const char *dept; /* 责任部门 the request is assigned to; NULL while unassigned */
	const char *status; /* 状态, display name: 已分派, 办理中, 已办结, 已评价（满意）… */
	const char *due;   /* 办理时限, "YYYY-MM-DD"; NULL when the request has none */
	long overdue_days; /* days past `due` on the reported day; 0 when not overdue */
	const char *note;  /* 督办要求 for escalated items: who escalated and what they asked,
	                    * e.g. "李主任督办：11月25日前协调解决"; NULL elsewhere */
};

/* One department's figures, a row of the table by department and a pair of bars in the chart.
 * The period they cover is `briefing.dept_period` (the same for every row). */
struct briefing_dept_row {
	const char *dept; /* 责任部门 name, e.g. "经发局" */
	long received;    /* requests assigned to the department in the period */
	long resolved;    /* of the department's requests, those resolved (办结) in the period */
	long overdue;     /* its requests overdue on the reported day (a snapshot, not a sum) */
	double
	    on_time_rate; /* 按期办结率: resolved by the due date / resolved, 0..1; <0 undefined */
};

/* One daily briefing of one zone. Counts are >= 0 (a negative count shows as "—"). */
struct briefing {
	const char *zone_name; /* e.g. "海门开发区"; the title is "{zone_name} 企业诉求每日简报"
	                        * (without it, "企业诉求每日简报") */
	const char *date;         /* the day reported, "YYYY-MM-DD" (shown as 2026年11月22日) */
	const char *generated_at; /* when the data was taken, free text, e.g. "2026-11-23 07:00" */

	long received; /* 新受理: requests registered (受理登记) on `date`, all channels */
	long accepted; /* of `received`, those accepted for handling; received - accepted
	                * were refused (不予受理) or still await the decision; <0 unknown */
	long resolved; /* 已办结: requests resolved (办结) on `date` */
	long overdue_now; /* 当前超期: open requests past their due date at the end of `date` */
	long escalated_open; /* 挂牌督办中: open requests under leader escalation (挂牌督办) */
	double resolve_rate; /* 解决率 = resolved / received in `rate_period`, 0..1; <0 undefined */
	double resolve_rate_accepted; /* 受理后解决率 = resolved / accepted in `rate_period`, 0..1;
	                               * <0 undefined */
	double satisfaction_rate; /* 满意率 = 满意 + 基本满意 over rated, 0..1; <0 undefined */
	const char *rate_period; /* the period of both rates, e.g. "本年累计"; NULL: not shown */

	/* The four lists. Each is shown in the order given. */
	const struct briefing_item *new_items; /* 新受理诉求: requests registered on `date` */
	size_t n_new;
	const struct briefing_item *resolved_items; /* 已办结诉求: requests resolved on `date` */
	size_t n_resolved;
	const struct briefing_item *overdue_items; /* 超期诉求: open and past due at the end of
	                                            * `date`; fill `overdue_days` */
	size_t n_overdue;
	const struct briefing_item *escalated_items; /* 挂牌督办事项: open escalated requests;
	                                              * fill `note` */
	size_t n_escalated;

	const struct briefing_dept_row *by_dept; /* 分部门情况, in display order (e.g. by received,
	                                          * descending) */
	size_t n_depts;
	const char *dept_period; /* the period of the department figures, e.g. "本月累计"; NULL */
};

/* Renders `b` as an A4 PDF into the file `path` (mode 0600), replacing it atomically: written to
 * a temporary "{path}.XXXXXX" in the same folder, synced, then renamed; the temporary file is
 * removed on failure. Returns 0, or -1 with a message in err (errlen bytes, may be 0).
 * Fonts: Noto Sans CJK SC (Debian fonts-noto-cjk), subset and embedded. Thread-safe: each thread
 * uses its own Pango font map (so the first call in a thread also loads the fonts: about 0.1 to
 * 0.3 s, then about 60 ms for a 4-page briefing). */
int briefing_render_pdf(const struct briefing *b, const char *path, char *err, size_t errlen);

/* Renders `b` as an A4 PDF into a malloc'd buffer: *out (the caller frees it) and *len. Fails
 * past BRIEFING_PDF_MAX_BYTES. Returns 0, or -1 with *out NULL, *len 0 and a message in err. */
int briefing_render_pdf_mem(const struct briefing *b, unsigned char **out, size_t *len, char *err,
                            size_t errlen);

/* Appends the same content as the PDF to `out` as a self-contained HTML fragment: one
 * <article class="yq-briefing"> with its own <style> (every selector under .yq-briefing), the
 * chart as inline SVG, every text escaped. Returns 0, or -1 when briefing_check() refuses `b`
 * or `out` failed (its maximum reached or out of memory: `out->failed` is set and the fragment is
 * incomplete). Size: about 6 KB plus 0.5 KB per row of typical text. */
int briefing_render_html(const struct briefing *b, struct strbuf *out);

/* ---- Shared by the two renderers, so that the PDF and the HTML say the same thing ---- */

/* A field of briefing_item shown in a column. */
enum briefing_field {
	BRIEFING_F_NO,
	BRIEFING_F_ENTERPRISE,
	BRIEFING_F_TITLE,
	BRIEFING_F_CATEGORY,
	BRIEFING_F_DEPT,
	BRIEFING_F_STATUS,
	BRIEFING_F_DUE,
	BRIEFING_F_OVERDUE_DAYS,
	BRIEFING_F_NOTE,
};

/* One list section of the briefing, in the order shown. */
struct briefing_section {
	const char *title;                 /* e.g. "超期诉求（含责任部门）" */
	const struct briefing_item *items; /* from the briefing; NULL when n_items is 0 */
	size_t n_items;
	const struct report_column *cols; /* static; `key` is an enum briefing_field */
	size_t n_cols;
};

#define BRIEFING_N_SECTIONS 4

/* Fills `out` with the four list sections of `b`: 新受理诉求, 已办结诉求, 超期诉求（含责任部门）,
 * 挂牌督办事项. */
void briefing_sections(const struct briefing *b, struct briefing_section out[BRIEFING_N_SECTIONS]);

/* Returns the text of field `f` of `it` for display: a pointer into `it`, or `buf` (n bytes) for
 * a formatted number ("3 天"); "—" when the field is NULL, empty or (days) not positive. The text
 * is not yet cleaned (see report_clean_text). */
const char *briefing_item_text(const struct briefing_item *it, enum briefing_field f, char *buf,
                               size_t n);

/* Writes the summary of the day into buf (n bytes), e.g. "2026年11月22日，新受理企业诉求 12 件
 * （其中未受理 1 件），办结 9 件；截至当日，超期未办结 3 件，挂牌督办中 2 件。本年累计解决率
 * 89.5%（受理后解决率 92.0%），满意率 96.5%。" (a rate that is undefined is left out). */
void briefing_summary_text(const struct briefing *b, char *buf, size_t n);

#define BRIEFING_N_FIGURES 7

/* Fills `out` with the seven headline figures of `b`, in the order shown: 新受理, 已办结,
 * 当前超期 (red when there are any), 挂牌督办中 (orange), 解决率, 受理后解决率, 满意率. */
void briefing_figures(const struct briefing *b, struct report_figure out[BRIEFING_N_FIGURES]);

/* Checks that `b` can be rendered: b is not NULL, and every array with a non-zero count is not
 * NULL. Returns 0, or -1 with a message in err. */
int briefing_check(const struct briefing *b, char *err, size_t errlen);

#endif
