/* A4 PDF documents (cairo + Pango, Noto Sans CJK SC, subset and embedded): a masthead, numbered
 * section headings (in the PDF's outline), paragraphs, a row of headline figures, tables whose
 * wrapped rows flow over pages (the header repeated under "{title}（续）"), and a grouped bar
 * chart; every page has a footer "第 N 页 / 共 M 页", and pages after the first a running header.
 * See report.h for the shared descriptions and how text is cleaned.
 *
 * The document is laid out twice, first to count its pages, then to draw them with the total
 * known; the caller writes its content once, in a loop:
 *
 *	struct report_pdf *d = report_pdf_open(&info, err, errlen);
 *	while (report_pdf_pass(d)) {
 *		report_pdf_masthead(d, title, left, right);
 *		report_pdf_heading(d, 0, "总体情况", NULL, report_pdf_paragraph_h(d, text));
 *		report_pdf_paragraph(d, text);
 *		report_pdf_space(d, REPORT_PDF_SECTION_GAP);
 *	}
 *	return report_pdf_close_mem(d, &out, &len, err, errlen);
 *
 * so the content must be the same in both passes. Thread-safe: each thread uses its own Pango
 * font map (so the first document of a thread also loads the fonts: about 0.1 to 0.3 s). */
#ifndef YQ_REPORT_PDF_H
#define YQ_REPORT_PDF_H
#include "report/report.h"
#include <stddef.h>

/* Largest PDF produced; past it closing fails. */
#define REPORT_PDF_MAX_BYTES (64u << 20)
/* Height of a section heading. */
#define REPORT_PDF_HEADING_H 24.0
/* Height of the row of headline figures. */
#define REPORT_PDF_FIGURES_H 60.0
/* The space after a section. */
#define REPORT_PDF_SECTION_GAP 16.0

struct report_pdf;

/* What is written on every page and in the file's metadata. NULL or "" leaves a part out. */
struct report_pdf_info {
	const char *title;        /* the document's title in its metadata */
	const char *running_head; /* left in the header of the pages after the first */
	const char *running_date; /* right in that header */
	const char *footer_note; /* right in every footer, e.g. "数据生成于 2026-11-23 07:00" */
};

/* Starts a document (the strings of info are copied). Returns it, or NULL with a message in
 * err (errlen bytes, may be 0); report_pdf_pass and the close functions accept that NULL. */
struct report_pdf *report_pdf_open(const struct report_pdf_info *info, char *err, size_t errlen);

/* Ends the current layout pass, if any, and starts the next one at the top of page 1: returns 1
 * for the counting pass, 1 for the drawing pass, then 0. Returns 0 for NULL. */
int report_pdf_pass(struct report_pdf *d);

/* Draws the masthead at the cursor: the title in red, centred (two lines at most), meta_left
 * and meta_right (either may be NULL) on the line below, and a double red rule. */
void report_pdf_masthead(struct report_pdf *d, const char *title, const char *meta_left,
                         const char *meta_right);

/* Starts a new page unless `h` points fit below the cursor (a cursor at the top of a page never
 * breaks). Returns 1 after a break. */
int report_pdf_need(struct report_pdf *d, double h);

/* Moves the cursor down by h points. */
void report_pdf_space(struct report_pdf *d, double h);

/* Draws the heading "{ordinal n}、{title}" (n from 0: "一、") with a grey note after it (NULL:
 * none) and adds it to the outline, after making room for REPORT_PDF_HEADING_H plus `keep`: the
 * height of what must follow it on the same page. */
void report_pdf_heading(struct report_pdf *d, int n, const char *title, const char *note,
                        double keep);

/* Height of the paragraph `s` (report_pdf_paragraph, without the space after it). */
double report_pdf_paragraph_h(struct report_pdf *d, const char *s);

/* Draws `s` as a paragraph of body text at the cursor, indented under a heading, wrapped, and
 * 8 points of space after it. */
void report_pdf_paragraph(struct report_pdf *d, const char *s);

/* Draws a short grey line at the cursor, indented under a heading: "无" in an empty section. */
void report_pdf_note(struct report_pdf *d, const char *s);

/* Draws n headline figures as a row of cards of REPORT_PDF_FIGURES_H at the cursor (the caller
 * has made room). */
void report_pdf_figures(struct report_pdf *d, const struct report_figure *figs, size_t n);

/* Height of chart ch without its caption. */
double report_pdf_chart_h(const struct report_chart *ch);

/* Draws chart ch in a box at the cursor (the caller has made room: report_pdf_chart_h), then
 * its caption, if any, under it. */
void report_pdf_chart(struct report_pdf *d, const struct report_chart *ch);

/* Height table t needs below its heading so that it does not start alone at the foot of a
 * page: its header row and its first three rows (or all, when fewer). */
double report_pdf_table_lead_h(struct report_pdf *d, const struct report_table *t);

/* Draws table t at the cursor across the text width, after making room for its lead
 * (report_pdf_table_lead_h): a row never crosses a page; on a new page "{title}（续）" and the
 * header row come first. Columns of width 0 share what the others leave (at least 30 points
 * each). At most t->max_rows rows, then "另有 N 条未列出". */
void report_pdf_table(struct report_pdf *d, const struct report_table *t);

/* A section of one table: heading n with title and note, then table t, or the note "无" when it
 * has no rows; then the gap between sections. */
void report_pdf_table_section(struct report_pdf *d, int n, const char *title, const char *note,
                              const struct report_table *t);

/* Finishes the document into a malloc'd buffer: *out (the caller frees it) and *len. Fails past
 * REPORT_PDF_MAX_BYTES. Frees d. Returns 0, or -1 with *out NULL, *len 0 and a message in err
 * (kept as report_pdf_open wrote it when d is NULL). */
int report_pdf_close_mem(struct report_pdf *d, unsigned char **out, size_t *len, char *err,
                         size_t errlen);

/* Finishes the document into the file `path` (mode 0600), replacing it atomically: written to
 * a temporary "{path}.XXXXXX" in the same folder, synced, then renamed; the temporary file is
 * removed on failure. Frees d. Returns 0, or -1 with a message in err. */
int report_pdf_close_file(struct report_pdf *d, const char *path, char *err, size_t errlen);

/* Lays a whole document out: opens it with info, calls compose(d, arg) once per pass (the
 * counting pass, then the drawing pass), and finishes it into the file `path` when path is not
 * NULL (report_pdf_close_file), else into memory (*out, *len as report_pdf_close_mem; both set
 * to NULL and 0 first). Returns 0, or -1 with a message in err. */
typedef void (*report_pdf_compose_fn)(struct report_pdf *d, const void *arg);
int report_pdf_render(const struct report_pdf_info *info, report_pdf_compose_fn compose,
                      const void *arg, const char *path, unsigned char **out, size_t *len,
                      char *err, size_t errlen);
/* report_pdf_render of a dated document: its metadata title "{title} {date}", the running head
 * title and date, and `footer` in every footer. */
int report_pdf_render_dated(const char *title, const char *date, const char *footer,
                            report_pdf_compose_fn compose, const void *arg, const char *path,
                            unsigned char **out, size_t *len, char *err, size_t errlen);

#endif
