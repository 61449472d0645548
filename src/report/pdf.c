/* A4 PDF documents with cairo and Pango (see pdf.h): the page, text layout with the CJK font,
 * headings, paragraphs, figures, tables over pages, the bar chart, and the output. */
#include "report/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

#define PAGE_W    595.276 /* A4 in points */
#define PAGE_H    841.890
#define MARGIN    51.024 /* 18 mm */
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM    (PAGE_H - MARGIN)
#define FONT      "Noto Sans CJK SC"
#define FONT_JP   "Noto Sans CJK JP" /* see set_glyph_workaround() */

#define BODY_PT     8.0 /* table text */
#define CELL_PAD_X  4.0
#define CELL_PAD_Y  3.5
#define SECTION_GAP 16.0

struct rgb {
	double r, g, b;
};
static const struct rgb c_title = {0.75, 0.10, 0.12};    /* the red of a 简报 masthead */
static const struct rgb c_navy = {0.12, 0.23, 0.37};     /* headings */
static const struct rgb c_text = {0.13, 0.13, 0.15};     /* body text */
static const struct rgb c_muted = {0.42, 0.45, 0.50};    /* captions, footer */
static const struct rgb c_rule = {0.80, 0.83, 0.87};     /* table rules, chart box */
static const struct rgb c_grid = {0.90, 0.92, 0.94};     /* chart grid lines */
static const struct rgb c_head_bg = {0.91, 0.94, 0.97};  /* table header */
static const struct rgb c_zebra = {0.97, 0.98, 0.99};    /* every other row */
static const struct rgb c_card_bg = {0.96, 0.97, 0.985}; /* headline figures */
static const struct rgb c_blue = {0.26, 0.47, 0.75};     /* received */
static const struct rgb c_green = {0.30, 0.63, 0.42};    /* resolved */
static const struct rgb c_red = {0.78, 0.16, 0.16};      /* overdue */
static const struct rgb c_orange = {0.85, 0.47, 0.09};   /* escalated */

enum align { AL_LEFT, AL_CENTER, AL_RIGHT };

/* How a piece of text is set. */
struct style {
	double size;             /* points */
	int bold;                /* 1: bold weight */
	enum align align;        /* within the given width */
	int max_lines;           /* with a width: lines before "…"; 0 = unlimited */
	const struct rgb *color; /* NULL: body text */
};

/* A growing output buffer for the cairo stream, with a maximum size. */
struct membuf {
	unsigned char *p;
	size_t len, alloc;
	int too_large;
};

/* One document: the cairo surface and context, the one Pango layout reused for all text, and
 * the cursor. The document is laid out twice: once with `draw` 0 to count the pages, then
 * drawn. */
struct report_pdf {
	struct membuf m; /* the PDF as cairo writes it */
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;                 /* for all text but table cells */
	PangoLayout *cells[REPORT_MAX_COLS]; /* one per table column: a row is laid out once */
	PangoFontDescription *font;
	int pass;           /* passes started: 1 counting, 2 drawing */
	int draw;           /* 0 while counting pages */
	int page;           /* current page, from 1 */
	int n_pages;        /* total, known in the drawing pass */
	double y;           /* top of the free space on the page */
	char head[320];     /* running header, left */
	char head_date[64]; /* running header, right */
	char footer[160];   /* footer, right */
};

/* Sets the fill colour. */
static void set_color(cairo_t *cr, const struct rgb *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* Characters whose Noto Sans CJK SC Regular glyph cairo embeds broken, so that FreeType-based
 * viewers (poppler, pdf.js, Chrome) show a blank. Cairo's CFF subsetter (cairo-cff-subset.c,
 * still so in 1.16 and later) does not clear its operand count on path operators, so in a glyph
 * whose first hintmask follows path operators it misreads the mask length, loses its place in
 * the charstring and leaves out a subroutine the glyph calls. In fonts-noto-cjk 20220127 the one
 * common character hit is 如 (U+5982, glyph 14237; alone or among the 6,763 GB 2312 characters,
 * others are covered by glyphs sharing their subroutines). It is set in the JP face of the same
 * font, whose 如 is a different glyph that is embedded intact and looks the same at text sizes.
 * test_pdf.c (test_glyph_workaround) checks that 如 has ink in the PDF. */
static const char *const sc_regular_broken[] = {"如"};

/* Sets on l the attributes that apply the workaround above to the text `s` (already in l), when
 * it is set in the regular weight; clears them otherwise. */
static void set_glyph_workaround(PangoLayout *l, const char *s, int bold)
{
	PangoAttrList *attrs = NULL;
	for (size_t k = 0; !bold && k < N_OF(sc_regular_broken); k++) {
		size_t n = strlen(sc_regular_broken[k]);
		for (const char *p = strstr(s, sc_regular_broken[k]); p;
		     p = strstr(p + n, sc_regular_broken[k])) {
			PangoAttribute *a = pango_attr_family_new(FONT_JP);
			a->start_index = (guint)(p - s);
			a->end_index = (guint)(p - s + n);
			if (!attrs)
				attrs = pango_attr_list_new();
			pango_attr_list_insert(attrs, a);
		}
	}
	pango_layout_set_attributes(l, attrs);
	if (attrs)
		pango_attr_list_unref(attrs);
}

/* Lays out `s` (cleaned first) in layout l with style st in width w (0: one line, no
 * wrapping). Returns the height; stores the width of the laid-out text in *width when width is
 * not NULL. */
static double layout_text(struct report_pdf *c, PangoLayout *l, const char *s, double w,
                          const struct style *st, double *width)
{
	char clean[REPORT_MAX_CELL_BYTES + 4];
	report_clean_text(s, clean, sizeof clean);
	pango_font_description_set_absolute_size(c->font, st->size * PANGO_SCALE);
	pango_font_description_set_weight(c->font,
	                                  st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, c->font);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		if (st->max_lines > 0) {
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
			pango_layout_set_height(l, -st->max_lines);
		} else {
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
			pango_layout_set_height(l, -1);
		}
		pango_layout_set_alignment(l, st->align == AL_RIGHT    ? PANGO_ALIGN_RIGHT
		                              : st->align == AL_CENTER ? PANGO_ALIGN_CENTER
		                                                       : PANGO_ALIGN_LEFT);
	} else {
		pango_layout_set_width(l, -1);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_height(l, -1);
		pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
	}
	pango_layout_set_text(l, clean, -1);
	set_glyph_workaround(l, clean, st->bold);
	int lw, lh;
	pango_layout_get_size(l, &lw, &lh);
	if (width)
		*width = (double)lw / PANGO_SCALE;
	return (double)lh / PANGO_SCALE;
}

/* Paints layout l in colour col (NULL: body text) with its top-left corner at (x, y), when the
 * pass draws. */
static void paint_layout(struct report_pdf *c, PangoLayout *l, double x, double y,
                         const struct rgb *col)
{
	if (!c->draw)
		return;
	set_color(c->cr, col ? col : &c_text);
	cairo_move_to(c->cr, x, y);
	pango_cairo_show_layout(c->cr, l);
}

/* Lays out `s` as layout_text() does and, when `draw` is set, paints it at (x, y). Returns the
 * height (and the width in *width when not NULL). */
static double text_at(struct report_pdf *c, const char *s, double x, double y, double w,
                      const struct style *st, int draw, double *width)
{
	double h = layout_text(c, c->layout, s, w, st, width);
	if (draw)
		paint_layout(c, c->layout, x, y, st->color);
	return h;
}

/* Fills the rectangle (x, y, w, h) with colour col, when drawing. */
static void fill_rect(struct report_pdf *c, double x, double y, double w, double h,
                      const struct rgb *col)
{
	if (!c->draw)
		return;
	set_color(c->cr, col);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
}

/* Draws a line from (x0, y0) to (x1, y1) of width lw in colour col, when drawing. */
static void line(struct report_pdf *c, double x0, double y0, double x1, double y1, double lw,
                 const struct rgb *col)
{
	if (!c->draw)
		return;
	set_color(c->cr, col);
	cairo_set_line_width(c->cr, lw);
	cairo_move_to(c->cr, x0, y0);
	cairo_line_to(c->cr, x1, y1);
	cairo_stroke(c->cr);
}

/* Draws the running header (pages after the first) and the footer with "第 N 页 / 共 M 页" on
 * the current page, in the margins. */
static void page_decorate(struct report_pdf *c)
{
	static const struct style small = {7.5, 0, AL_LEFT, 1, &c_muted};
	static const struct style small_r = {7.5, 0, AL_RIGHT, 1, &c_muted};
	static const struct style small_c = {8, 0, AL_CENTER, 1, &c_muted};
	char buf[384];
	if (!c->draw)
		return;
	if (c->page > 1) {
		text_at(c, c->head, MARGIN, MARGIN - 24, CONTENT_W * 0.68, &small, 1, NULL);
		text_at(c, c->head_date, MARGIN + CONTENT_W * 0.7, MARGIN - 24, CONTENT_W * 0.3,
		        &small_r, 1, NULL);
		line(c, MARGIN, MARGIN - 8, MARGIN + CONTENT_W, MARGIN - 8, 0.5, &c_rule);
	}
	line(c, MARGIN, BOTTOM + 10, MARGIN + CONTENT_W, BOTTOM + 10, 0.5, &c_rule);
	snprintf(buf, sizeof buf, "第 %d 页 / 共 %d 页", c->page, c->n_pages);
	text_at(c, buf, MARGIN, BOTTOM + 15, CONTENT_W, &small_c, 1, NULL);
	if (c->footer[0])
		text_at(c, c->footer, MARGIN + CONTENT_W * 0.68, BOTTOM + 15.5, CONTENT_W * 0.32,
		        &small_r, 1, NULL);
}

/* Ends the current page and starts the next one. */
static void page_break(struct report_pdf *c)
{
	page_decorate(c);
	if (c->draw)
		cairo_show_page(c->cr);
	c->page++;
	c->y = MARGIN;
}

int report_pdf_need(struct report_pdf *c, double h)
{
	if (c->y + h <= BOTTOM || c->y <= MARGIN)
		return 0;
	page_break(c);
	return 1;
}

void report_pdf_space(struct report_pdf *c, double h)
{
	c->y += h;
}

void report_pdf_masthead(struct report_pdf *c, const char *title, const char *meta_left,
                         const char *meta_right)
{
	static const struct style ttl = {21, 1, AL_CENTER, 2, &c_title};
	static const struct style meta = {9.5, 0, AL_LEFT, 1, &c_text};
	static const struct style meta_r = {9.5, 0, AL_RIGHT, 1, &c_muted};
	c->y += text_at(c, title, MARGIN, c->y, CONTENT_W, &ttl, 1, NULL) + 10;
	double h = text_at(c, meta_left, MARGIN, c->y, CONTENT_W * 0.5, &meta, 1, NULL);
	if (meta_right && meta_right[0])
		text_at(c, meta_right, MARGIN + CONTENT_W * 0.5, c->y, CONTENT_W * 0.5, &meta_r, 1,
		        NULL);
	c->y += h + 5;
	line(c, MARGIN, c->y, MARGIN + CONTENT_W, c->y, 1.8, &c_title);
	line(c, MARGIN, c->y + 3, MARGIN + CONTENT_W, c->y + 3, 0.5, &c_title);
	c->y += 16;
}

void report_pdf_heading(struct report_pdf *c, int n, const char *title, const char *note,
                        double keep)
{
	static const struct style h = {12.5, 1, AL_LEFT, 1, &c_navy};
	static const struct style nt = {8.5, 0, AL_LEFT, 1, &c_muted};
	char buf[256];
	double w = 0;
	report_pdf_need(c, REPORT_PDF_HEADING_H + keep);
	snprintf(buf, sizeof buf, "%s、%s", report_ordinal(n), title ? title : "");
	fill_rect(c, MARGIN, c->y + 3, 3.2, 14, &c_navy);
	double th = text_at(c, buf, MARGIN + 9, c->y, CONTENT_W - 9, &h, 1, &w);
	if (note && note[0]) {
		double nh = text_at(c, note, 0, 0, 0, &nt, 0, NULL);
		text_at(c, note, MARGIN + 9 + w + 6, c->y + th - nh - 1.5, CONTENT_W - 15 - w, &nt,
		        1, NULL);
	}
	if (c->draw) {
		char attrs[32];
		snprintf(attrs, sizeof attrs, "page=%d", c->page);
		cairo_pdf_surface_add_outline(cairo_get_target(c->cr), CAIRO_PDF_OUTLINE_ROOT, buf,
		                              attrs, 0);
	}
	c->y += REPORT_PDF_HEADING_H;
}

/* The style of a paragraph. */
static const struct style para_style = {10, 0, AL_LEFT, 0, &c_text};

double report_pdf_paragraph_h(struct report_pdf *c, const char *s)
{
	return text_at(c, s, 0, 0, CONTENT_W - 9, &para_style, 0, NULL);
}

void report_pdf_paragraph(struct report_pdf *c, const char *s)
{
	c->y += text_at(c, s, MARGIN + 9, c->y, CONTENT_W - 9, &para_style, 1, NULL) + 8;
}

void report_pdf_note(struct report_pdf *c, const char *s)
{
	static const struct style st = {9.5, 0, AL_LEFT, 0, &c_muted};
	c->y += text_at(c, s, MARGIN + 9, c->y, CONTENT_W - 9, &st, 1, NULL);
}

void report_pdf_figures(struct report_pdf *c, const struct report_figure *figs, size_t n)
{
	static const struct style lab = {8.5, 0, AL_CENTER, 1, &c_muted};
	static const struct style sub = {7, 0, AL_CENTER, 1, &c_muted};
	if (n == 0)
		return;
	const double gap = 8, ch = REPORT_PDF_FIGURES_H;
	const double cw = (CONTENT_W - (double)(n - 1) * gap) / (double)n;
	for (size_t i = 0; i < n; i++) {
		const struct rgb *col = figs[i].alert == 1   ? &c_red
		                        : figs[i].alert == 2 ? &c_orange
		                                             : &c_navy;
		struct style val = {16, 1, AL_CENTER, 1,
		                    col}; /* "100.0%" fits a seventh of the width */
		double x = MARGIN + (double)i * (cw + gap);
		fill_rect(c, x, c->y, cw, ch, &c_card_bg);
		fill_rect(c, x, c->y, cw, 2.5, col);
		text_at(c, figs[i].label, x + 3, c->y + 8, cw - 6, &lab, 1, NULL);
		text_at(c, figs[i].value, x + 3, c->y + 20, cw - 6, &val, 1, NULL);
		text_at(c, figs[i].sub, x + 3, c->y + 45, cw - 6, &sub, 1, NULL);
	}
	c->y += ch;
}

/* ---- tables ---- */

/* Height of the header row of t, its columns fitted (cols). */
static double table_header_h(struct report_pdf *c, const struct report_column *cols, size_t n)
{
	struct style st = {BODY_PT, 1, AL_LEFT, 2, &c_navy};
	double h = 0;
	for (size_t j = 0; j < n; j++) {
		double ch = text_at(c, cols[j].header, 0, 0, cols[j].width_pt - 2 * CELL_PAD_X, &st,
		                    0, NULL);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD_Y;
}

/* Draws the header row at the cursor. */
static void table_header(struct report_pdf *c, const struct report_column *cols, size_t n)
{
	double h = table_header_h(c, cols, n), x = MARGIN;
	fill_rect(c, MARGIN, c->y, CONTENT_W, h, &c_head_bg);
	for (size_t j = 0; j < n; j++) {
		struct style st = {BODY_PT, 1, cols[j].numeric ? AL_RIGHT : AL_LEFT, 2, &c_navy};
		double w = cols[j].width_pt - 2 * CELL_PAD_X;
		double ch = text_at(c, cols[j].header, 0, 0, w, &st, 0, NULL);
		text_at(c, cols[j].header, x + CELL_PAD_X, c->y + (h - ch) / 2, w, &st, 1, NULL);
		x += cols[j].width_pt;
	}
	line(c, MARGIN, c->y + h, MARGIN + CONTENT_W, c->y + h, 0.8, &c_navy);
	c->y += h;
}

/* Lays out row i of t (columns fitted: cols, n) into c->cells, the height of each cell into
 * ch[]. Returns the row's height. */
static double table_row_layout(struct report_pdf *c, const struct report_table *t,
                               const struct report_column *cols, size_t n, size_t i, double *ch)
{
	char buf[64];
	double h = 0;
	for (size_t j = 0; j < n; j++) {
		const struct report_column *col = &cols[j];
		struct style st = {BODY_PT, 0, col->numeric ? AL_RIGHT : AL_LEFT, col->max_lines,
		                   col->alert ? &c_red : NULL};
		const char *s = t->cell(t->rows, i, col->key, buf, sizeof buf);
		ch[j] = layout_text(c, c->cells[j], s, col->width_pt - 2 * CELL_PAD_X, &st, NULL);
		if (ch[j] > h)
			h = ch[j];
	}
	return h + 2 * CELL_PAD_Y;
}

/* Paints the row laid out by table_row_layout() (index i, height h) at the cursor. */
static void table_row_paint(struct report_pdf *c, const struct report_column *cols, size_t n,
                            size_t i, double h, const double *ch)
{
	double x = MARGIN;
	if (i % 2) /* below the rule that closes the row above */
		fill_rect(c, MARGIN, c->y + 0.3, CONTENT_W, h - 0.3, &c_zebra);
	for (size_t j = 0; j < n; j++) {
		paint_layout(c, c->cells[j], x + CELL_PAD_X, c->y + (h - ch[j]) / 2,
		             cols[j].alert ? &c_red : NULL);
		x += cols[j].width_pt;
	}
	line(c, MARGIN, c->y + h, MARGIN + CONTENT_W, c->y + h, 0.4, &c_rule);
}

/* Copies the columns of t (at most REPORT_MAX_COLS) into out and gives those of width 0 equal
 * shares of what the others leave of the text width. Returns their number. */
static size_t table_fit(const struct report_table *t, struct report_column out[REPORT_MAX_COLS])
{
	size_t n = t->n_cols < REPORT_MAX_COLS ? t->n_cols : REPORT_MAX_COLS;
	double fixed = 0;
	size_t n_flex = 0;
	for (size_t j = 0; j < n; j++) {
		out[j] = t->cols[j];
		if (out[j].width_pt > 0)
			fixed += out[j].width_pt;
		else
			n_flex++;
	}
	double flex = n_flex ? (CONTENT_W - fixed) / (double)n_flex : 0;
	if (flex < 30)
		flex = 30;
	for (size_t j = 0; j < n; j++)
		if (!(out[j].width_pt > 0))
			out[j].width_pt = flex;
	return n;
}

double report_pdf_table_lead_h(struct report_pdf *c, const struct report_table *t)
{
	struct report_column cols[REPORT_MAX_COLS];
	size_t n = table_fit(t, cols);
	double ch[REPORT_MAX_COLS], h = table_header_h(c, cols, n);
	for (size_t i = 0; i < t->n_rows && i < 3; i++)
		h += table_row_layout(c, t, cols, n, i, ch);
	return h;
}

void report_pdf_table(struct report_pdf *c, const struct report_table *t)
{
	static const struct style cont = {8.5, 0, AL_LEFT, 1, &c_muted};
	struct report_column cols[REPORT_MAX_COLS];
	size_t n = table_fit(t, cols);
	size_t shown = report_rows_shown(t);
	char buf[256];
	report_pdf_need(c, report_pdf_table_lead_h(c, t));
	table_header(c, cols, n);
	for (size_t i = 0; i < shown; i++) {
		double ch[REPORT_MAX_COLS];
		double h = table_row_layout(c, t, cols, n, i, ch);
		if (c->y + h > BOTTOM) {
			page_break(c);
			snprintf(buf, sizeof buf, "%s（续）", t->title ? t->title : "");
			c->y += text_at(c, buf, MARGIN, c->y, CONTENT_W, &cont, 1, NULL) + 3;
			table_header(c, cols, n);
		}
		table_row_paint(c, cols, n, i, h, ch);
		c->y += h;
	}
	if (t->n_rows > shown) {
		snprintf(buf, sizeof buf, "另有 %zu 条未列出", t->n_rows - shown);
		c->y += 4;
		report_pdf_need(c, 14);
		report_pdf_note(c, buf);
	}
}

/* ---- the bar chart ---- */

/* Returns a "nice" axis step (1, 2 or 5 times a power of ten, at least 1) giving at most about
 * five intervals up to max. */
static double nice_step(double max)
{
	double raw = max / 5.0;
	if (raw <= 1)
		return 1;
	double mag = pow(10.0, floor(log10(raw)));
	double norm = raw / mag;
	double step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
	return step * mag;
}

/* Geometry of the chart. */
#define CH_BAR    7.0  /* bar thickness; bars of a category are 1 point apart */
#define CH_SPACE  7.0  /* space between two categories */
#define CH_LABEL  92.0 /* width of the category labels */
#define CH_TOP    30.0 /* chart box top to the first group: title and legend */
#define CH_BOTTOM 24.0 /* last group to the box bottom: the axis labels */

/* The number of series of ch drawn: 1 to REPORT_CHART_MAX_SERIES. */
static size_t chart_series(const struct report_chart *ch)
{
	return ch->n_series < 1                         ? 1
	       : ch->n_series > REPORT_CHART_MAX_SERIES ? REPORT_CHART_MAX_SERIES
	                                                : ch->n_series;
}

/* Height of one category of ch: its bars and the space to the next. */
static double chart_group(const struct report_chart *ch)
{
	size_t k = chart_series(ch);
	return (double)k * CH_BAR + (double)(k - 1) + CH_SPACE;
}

double report_pdf_chart_h(const struct report_chart *ch)
{
	return CH_TOP + (double)ch->n_bars * chart_group(ch) + CH_BOTTOM;
}

void report_pdf_chart(struct report_pdf *c, const struct report_chart *chart)
{
	static const struct style ttl = {9.5, 1, AL_LEFT, 1, &c_navy};
	static const struct style leg = {8, 0, AL_LEFT, 1, &c_text};
	static const struct style lab = {8, 0, AL_RIGHT, 1, &c_text};
	static const struct style val = {7, 0, AL_LEFT, 1, &c_muted};
	static const struct style tick = {7, 0, AL_CENTER, 1, &c_muted};
	static const struct style cap = {8, 0, AL_LEFT, 0, &c_muted};
	static const struct rgb *const colors[REPORT_CHART_MAX_SERIES] = {&c_blue, &c_green,
	                                                                  &c_orange};
	const struct report_bar *bars = chart->bars;
	size_t n = chart->n_bars, ns = chart_series(chart);
	double group = chart_group(chart);
	double top = c->y, h = report_pdf_chart_h(chart);
	double px0 = MARGIN + 8 + CH_LABEL + 8, px1 = MARGIN + CONTENT_W - 34;
	double py0 = top + CH_TOP, py1 = py0 + (double)n * group;
	char buf[64];

	if (c->draw) {
		set_color(c->cr, &c_rule);
		cairo_set_line_width(c->cr, 0.6);
		cairo_rectangle(c->cr, MARGIN, top, CONTENT_W, h);
		cairo_stroke(c->cr);
	}
	text_at(c, chart->title, MARGIN + 8, top + 8, CONTENT_W * 0.6, &ttl, 1, NULL);
	/* Legend, right-aligned on the title line. */
	double w[REPORT_CHART_MAX_SERIES], lw = 0;
	for (size_t k = 0; k < ns; k++) {
		text_at(c, chart->series[k], 0, 0, 0, &leg, 0, &w[k]);
		lw += (k ? 14 : 0) + 9 + 4 + w[k];
	}
	double lx = MARGIN + CONTENT_W - 10 - lw;
	for (size_t k = 0; k < ns; k++) {
		fill_rect(c, lx, top + 11, 9, 9, colors[k]);
		text_at(c, chart->series[k], lx + 13, top + 9, 0, &leg, 1, NULL);
		lx += 13 + w[k] + 14;
	}

	long maxv = 1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ns; k++)
			if (bars[i].v[k] > maxv)
				maxv = bars[i].v[k];
	double step = nice_step((double)maxv);
	double axis_max = ceil((double)maxv / step) * step;
	double pw = px1 - px0;

	/* Grid and axis labels. */
	for (double v = 0; v <= axis_max + step / 2; v += step) {
		double x = px0 + v / axis_max * pw;
		line(c, x, py0 - 4, x, py1 + 2, v == 0 ? 0.8 : 0.5, v == 0 ? &c_rule : &c_grid);
		snprintf(buf, sizeof buf, "%.0f", v);
		text_at(c, buf, x - 20, py1 + 5, 40, &tick, 1, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		double gy = py0 + (double)i * group + CH_SPACE / 2;
		double bars_h = (double)ns * CH_BAR + (double)(ns - 1);
		double lh = text_at(c, bars[i].label, 0, 0, CH_LABEL, &lab, 0, NULL);
		text_at(c, bars[i].label, MARGIN + 8, gy + bars_h / 2 - lh / 2, CH_LABEL, &lab, 1,
		        NULL);
		for (size_t k = 0; k < ns; k++) {
			long v = bars[i].v[k] > 0 ? bars[i].v[k] : 0;
			double by = gy + (double)k * (CH_BAR + 1);
			double bw = (double)v / axis_max * pw;
			if (bw > 0)
				fill_rect(c, px0, by, bw, CH_BAR, colors[k]);
			snprintf(buf, sizeof buf, "%ld", v);
			double vh = text_at(c, buf, 0, 0, 0, &val, 0, NULL);
			text_at(c, buf, px0 + bw + 3, by + CH_BAR / 2 - vh / 2, 0, &val, 1, NULL);
		}
	}
	c->y += h;
	if (chart->caption && chart->caption[0]) {
		c->y += 3;
		c->y += text_at(c, chart->caption, MARGIN, c->y, CONTENT_W, &cap, 1, NULL);
	}
}

/* ---- the document ---- */

/* cairo_write_func_t: appends to a struct membuf. */
static cairo_status_t membuf_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct membuf *m = closure;
	if (n > REPORT_PDF_MAX_BYTES - m->len) {
		m->too_large = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (m->len + n > m->alloc) {
		size_t a = m->alloc ? m->alloc : 64 * 1024;
		while (a < m->len + n)
			a *= 2;
		if (a > REPORT_PDF_MAX_BYTES)
			a = REPORT_PDF_MAX_BYTES;
		unsigned char *q = realloc(m->p, a);
		if (!q)
			return CAIRO_STATUS_NO_MEMORY;
		m->p = q;
		m->alloc = a;
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Sets up the Pango layout of c on c->cr: 72 dpi (one unit is one point), no hinting, so the
 * layout is the same in both passes and on every machine. Returns 0 or -1. */
static int pdf_text_init(struct report_pdf *c)
{
	c->layout = pango_cairo_create_layout(c->cr);
	c->font = pango_font_description_from_string(FONT);
	if (!c->layout || !c->font)
		return -1;
	PangoContext *pc = pango_layout_get_context(c->layout);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(pc, 72.0);
	pango_layout_context_changed(c->layout);
	for (size_t j = 0; j < REPORT_MAX_COLS; j++) {
		c->cells[j] = pango_layout_new(pc);
		if (!c->cells[j])
			return -1;
	}
	return 0;
}

/* Frees d and everything it holds (NULL: nothing). */
static void pdf_free(struct report_pdf *d)
{
	if (!d)
		return;
	if (d->font)
		pango_font_description_free(d->font);
	for (size_t j = 0; j < REPORT_MAX_COLS; j++)
		if (d->cells[j])
			g_object_unref(d->cells[j]);
	if (d->layout)
		g_object_unref(d->layout);
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface)
		cairo_surface_destroy(d->surface);
	free(d->m.p);
	free(d);
}

struct report_pdf *report_pdf_open(const struct report_pdf_info *info, char *err, size_t errlen)
{
	static const struct report_pdf_info none = {0};
	struct report_pdf *d = calloc(1, sizeof *d);
	if (!d) {
		report_fail(err, errlen, "report pdf: out of memory");
		return NULL;
	}
	if (!info)
		info = &none;
	d->surface = cairo_pdf_surface_create_for_stream(membuf_write, &d->m, PAGE_W, PAGE_H);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		report_fail(err, errlen, "report pdf: cannot create the surface: %s",
		            cairo_status_to_string(cairo_surface_status(d->surface)));
		goto out_free;
	}
	if (info->title && info->title[0]) {
		char title[REPORT_MAX_CELL_BYTES + 4];
		report_clean_text(info->title, title, sizeof title);
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	}
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "园区通 Yuanqu");
	report_clean_text(info->running_head, d->head, sizeof d->head);
	report_clean_text(info->running_date, d->head_date, sizeof d->head_date);
	report_clean_text(info->footer_note, d->footer, sizeof d->footer);
	d->cr = cairo_create(d->surface);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		report_fail(err, errlen, "report pdf: cannot create the context: %s",
		            cairo_status_to_string(cairo_status(d->cr)));
		goto out_free;
	}
	if (pdf_text_init(d) < 0) {
		report_fail(err, errlen, "report pdf: cannot set up the text layout");
		goto out_free;
	}
	return d;

out_free:
	pdf_free(d);
	return NULL;
}

int report_pdf_pass(struct report_pdf *d)
{
	if (!d)
		return 0;
	if (d->pass > 0) {
		page_decorate(d);
		if (d->draw)
			cairo_show_page(d->cr);
	}
	if (d->pass == 0) {
		d->draw = 0; /* pass 1 counts the pages; nothing is drawn */
	} else if (d->pass == 1) {
		d->n_pages = d->page; /* pass 2 draws with the total known */
		d->draw = 1;
	} else {
		return 0;
	}
	d->pass++;
	d->page = 1;
	d->y = MARGIN;
	return 1;
}

int report_pdf_close_mem(struct report_pdf *d, unsigned char **out, size_t *len, char *err,
                         size_t errlen)
{
	int rc = -1;
	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!d)
		return -1;
	if (!out || !len) {
		report_fail(err, errlen, "report pdf: no output buffer given");
		goto out_free;
	}
	cairo_surface_finish(d->surface);
	cairo_status_t st = cairo_surface_status(d->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_status(d->cr);
	if (d->m.too_large) {
		report_fail(err, errlen, "report pdf: the document is larger than %u bytes",
		            REPORT_PDF_MAX_BYTES);
	} else if (st != CAIRO_STATUS_SUCCESS) {
		report_fail(err, errlen, "report pdf: rendering failed: %s",
		            cairo_status_to_string(st));
	} else if (d->pass < 2) {
		report_fail(err, errlen, "report pdf: the document was not laid out");
	} else {
		*out = d->m.p;
		*len = d->m.len;
		d->m.p = NULL;
		rc = 0;
	}
out_free:
	pdf_free(d);
	return rc;
}

int report_pdf_close_file(struct report_pdf *d, const char *path, char *err, size_t errlen)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	char tmp[4096];
	int rc = -1;
	if (!d)
		return -1;
	if (!path || !path[0]) {
		pdf_free(d);
		return report_fail(err, errlen, "report pdf: no output path given");
	}
	int w = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if (w < 0 || (size_t)w >= sizeof tmp) {
		pdf_free(d);
		return report_fail(err, errlen, "report pdf: output path too long");
	}
	if (report_pdf_close_mem(d, &pdf, &len, err, errlen) < 0)
		return -1;

	int fd = mkstemp(tmp);
	if (fd < 0) {
		report_fail(err, errlen, "report pdf: cannot create %s: %s", tmp, strerror(errno));
		goto out_free_pdf;
	}
	(void)fchmod(fd, 0600);
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, pdf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			report_fail(err, errlen, "report pdf: cannot write %s: %s", tmp,
			            n < 0 ? strerror(errno) : "short write");
			goto out_unlink_tmp;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		report_fail(err, errlen, "report pdf: cannot sync %s: %s", tmp, strerror(errno));
		goto out_unlink_tmp;
	}
	if (close(fd) < 0) {
		fd = -1;
		report_fail(err, errlen, "report pdf: cannot close %s: %s", tmp, strerror(errno));
		goto out_unlink_tmp;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		report_fail(err, errlen, "report pdf: cannot rename %s to %s: %s", tmp, path,
		            strerror(errno));
		goto out_unlink_tmp;
	}
	rc = 0;
	goto out_free_pdf;

out_unlink_tmp:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out_free_pdf:
	free(pdf);
	return rc;
}

void report_pdf_table_section(struct report_pdf *d, int n, const char *title, const char *note,
                              const struct report_table *t)
{
	if (t->n_rows == 0) {
		report_pdf_heading(d, n, title, note, 16);
		report_pdf_note(d, "无");
	} else {
		report_pdf_heading(d, n, title, note, report_pdf_table_lead_h(d, t));
		report_pdf_table(d, t);
	}
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);
}

int report_pdf_render(const struct report_pdf_info *info, report_pdf_compose_fn compose,
                      const void *arg, const char *path, unsigned char **out, size_t *len,
                      char *err, size_t errlen)
{
	if (!path) {
		if (!out || !len)
			return report_fail(err, errlen, "pdf: no output buffer given");
		*out = NULL;
		*len = 0;
	}
	struct report_pdf *d = report_pdf_open(info, err, errlen);
	while (report_pdf_pass(d))
		compose(d, arg);
	if (!d)
		return -1;
	return path ? report_pdf_close_file(d, path, err, errlen)
	            : report_pdf_close_mem(d, out, len, err, errlen);
}

int report_pdf_render_dated(const char *title, const char *date, const char *footer,
                            report_pdf_compose_fn compose, const void *arg, const char *path,
                            unsigned char **out, size_t *len, char *err, size_t errlen)
{
	char meta[512];
	snprintf(meta, sizeof meta, "%s %s", title, date);
	struct report_pdf_info info = {meta, title, date, footer};
	return report_pdf_render(&info, compose, arg, path, out, len, err, errlen);
}
