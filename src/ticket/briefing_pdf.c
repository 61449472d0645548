/* The daily briefing as an A4 PDF (cairo + Pango, Noto Sans CJK SC), and the content model the
 * PDF and HTML renderers share (sections, columns, formatting). */
#include "ticket/briefing.h"
#include "lib/utf8.h"
#include "lib/util.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------------------------------ */
/* The content model                                                                          */
/* ------------------------------------------------------------------------------------------ */

/* Columns of each section. Widths are for A4 with 18 mm margins (493 pt of text width); the
 * columns with width 0 share what is left. */
static const struct briefing_column cols_new[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0},       {"企业", BRIEFING_F_ENTERPRISE, 80, 2, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0}, {"类别", BRIEFING_F_CATEGORY, 44, 2, 0},
    {"责任部门", BRIEFING_F_DEPT, 72, 2, 0}, {"办理时限", BRIEFING_F_DUE, 56, 1, 0},
};
static const struct briefing_column cols_resolved[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0},       {"企业", BRIEFING_F_ENTERPRISE, 80, 2, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0}, {"类别", BRIEFING_F_CATEGORY, 44, 2, 0},
    {"责任部门", BRIEFING_F_DEPT, 72, 2, 0}, {"状态", BRIEFING_F_STATUS, 68, 2, 0},
};
static const struct briefing_column cols_overdue[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0},       {"企业", BRIEFING_F_ENTERPRISE, 80, 2, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0}, {"责任部门", BRIEFING_F_DEPT, 80, 2, 0},
    {"办理时限", BRIEFING_F_DUE, 56, 1, 0},  {"超期", BRIEFING_F_OVERDUE_DAYS, 44, 1, 1},
};
static const struct briefing_column cols_escalated[] = {
    {"编号", BRIEFING_F_NO, 76, 2, 0},       {"企业", BRIEFING_F_ENTERPRISE, 72, 2, 0},
    {"诉求事项", BRIEFING_F_TITLE, 0, 3, 0}, {"责任部门", BRIEFING_F_DEPT, 64, 2, 0},
    {"办理时限", BRIEFING_F_DUE, 56, 1, 0},  {"督办要求", BRIEFING_F_NOTE, 0, 3, 0},
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
	const char *s = NULL;
	switch (f) {
	case BRIEFING_F_NO:
		s = it->no;
		break;
	case BRIEFING_F_ENTERPRISE:
		s = it->enterprise;
		break;
	case BRIEFING_F_TITLE:
		s = it->title;
		break;
	case BRIEFING_F_CATEGORY:
		s = it->category;
		break;
	case BRIEFING_F_DEPT:
		s = it->dept;
		break;
	case BRIEFING_F_STATUS:
		s = it->status;
		break;
	case BRIEFING_F_DUE:
		s = it->due;
		break;
	case BRIEFING_F_NOTE:
		s = it->note;
		break;
	case BRIEFING_F_OVERDUE_DAYS:
		if (it->overdue_days > 0 && buf && n) {
			snprintf(buf, n, "%ld 天", it->overdue_days);
			return buf;
		}
		break;
	}
	return s && s[0] ? s : "—";
}

char *briefing_clean_text(const char *s, char *out, size_t n)
{
	static const char repl[] = "\xEF\xBF\xBD";     /* U+FFFD */
	static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
	if (!out || n == 0)
		return out;
	size_t cap = n - 1 < BRIEFING_MAX_CELL_BYTES ? n - 1 : BRIEFING_MAX_CELL_BYTES;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		char tmp[4];
		const char *add = tmp;
		size_t add_len;
		uint32_t cp;
		int len = utf8_decode(p, strnlen((const char *)p, 4), &cp);
		if (len < 0) {
			add = repl, add_len = 3, len = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
		           cp == 0x2029) {
			tmp[0] = ' ', add_len = 1;
		} else {
			memcpy(tmp, p, (size_t)len), add_len = (size_t)len;
		}
		if (o + add_len > cap) {
			/* Cut: drop whole characters until "…" fits, then add it. */
			while (o > 0 && o + 3 > cap) {
				do
					o--;
				while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80);
			}
			if (o + 3 <= cap) {
				memcpy(out + o, ellipsis, 3);
				o += 3;
			}
			break;
		}
		memcpy(out + o, add, add_len);
		o += add_len;
		p += len;
	}
	out[o] = 0;
	return out;
}

void briefing_format_rate(double rate, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (!(rate >= 0.0) || rate > 1.0005)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%.1f%%", rate * 100.0);
}

void briefing_format_count(long v, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (v < 0)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%ld", v);
}

void briefing_format_date(const char *ymd, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (ymd && valid_date(ymd)) {
		int y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 +
		        (ymd[3] - '0');
		int m = (ymd[5] - '0') * 10 + (ymd[6] - '0');
		int d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
		snprintf(buf, n, "%d年%d月%d日", y, m, d);
		return;
	}
	briefing_clean_text(ymd, buf, n);
}

void briefing_summary_text(const struct briefing *b, char *buf, size_t n)
{
	char date[64], rec[24], res[24], ovd[24], esc[24], rr[16], ra[16], sr[16], period[128];
	char refused[64] = "";
	if (!buf || n == 0)
		return;
	briefing_format_date(b->date, date, sizeof date);
	briefing_format_count(b->received, rec, sizeof rec);
	briefing_format_count(b->resolved, res, sizeof res);
	briefing_format_count(b->overdue_now, ovd, sizeof ovd);
	briefing_format_count(b->escalated_open, esc, sizeof esc);
	briefing_format_rate(b->resolve_rate, rr, sizeof rr);
	briefing_format_rate(b->resolve_rate_accepted, ra, sizeof ra);
	briefing_format_rate(b->satisfaction_rate, sr, sizeof sr);
	briefing_clean_text(b->rate_period, period, sizeof period);
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

void briefing_figures(const struct briefing *b, struct briefing_figure out[BRIEFING_N_FIGURES])
{
	static const char *const labels[BRIEFING_N_FIGURES] = {
	    "新受理", "已办结", "当前超期", "挂牌督办中", "解决率", "受理后解决率", "满意率"};
	char period[80];
	for (int i = 0; i < BRIEFING_N_FIGURES; i++) {
		out[i].label = labels[i];
		out[i].value[0] = out[i].sub[0] = 0;
		out[i].alert = 0;
	}
	briefing_format_count(b->received, out[0].value, sizeof out[0].value);
	if (b->accepted >= 0 && b->received > b->accepted)
		snprintf(out[0].sub, sizeof out[0].sub, "件 · 未受理 %ld 件",
		         b->received - b->accepted);
	else
		snprintf(out[0].sub, sizeof out[0].sub, "件");
	briefing_format_count(b->resolved, out[1].value, sizeof out[1].value);
	snprintf(out[1].sub, sizeof out[1].sub, "件");
	briefing_format_count(b->overdue_now, out[2].value, sizeof out[2].value);
	snprintf(out[2].sub, sizeof out[2].sub, "件 · 截至当日");
	out[2].alert = b->overdue_now > 0 ? 1 : 0;
	briefing_format_count(b->escalated_open, out[3].value, sizeof out[3].value);
	snprintf(out[3].sub, sizeof out[3].sub, "件");
	out[3].alert = b->escalated_open > 0 ? 2 : 0;
	briefing_clean_text(b->rate_period, period, sizeof period);
	briefing_format_rate(b->resolve_rate, out[4].value, sizeof out[4].value);
	snprintf(out[4].sub, sizeof out[4].sub, "%s", period);
	briefing_format_rate(b->resolve_rate_accepted, out[5].value, sizeof out[5].value);
	snprintf(out[5].sub, sizeof out[5].sub, "%s", period);
	briefing_format_rate(b->satisfaction_rate, out[6].value, sizeof out[6].value);
	snprintf(out[6].sub, sizeof out[6].sub, "%s", period);
}

/* Writes a formatted message into err (errlen bytes) when there is room; returns -1. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int briefing_check(const struct briefing *b, char *err, size_t errlen)
{
	if (!b)
		return fail(err, errlen, "briefing: no briefing given");
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
			return fail(err, errlen, "briefing: %s is NULL but its count is %zu",
			            arrays[i].name, arrays[i].n);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The PDF                                                                                    */
/* ------------------------------------------------------------------------------------------ */

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

/* Columns a table may have. */
#define MAX_COLS 8

/* How a piece of text is set. */
struct style {
	double size;             /* points */
	int bold;                /* 1: bold weight */
	enum align align;        /* within the given width */
	int max_lines;           /* with a width: lines before "…"; 0 = unlimited */
	const struct rgb *color; /* NULL: body text */
};

/* One rendering: the cairo context, the one Pango layout reused for all text, and the cursor.
 * The document is laid out twice: once with `draw` 0 to count the pages, then drawn. */
struct pdf {
	cairo_t *cr;
	PangoLayout *layout;          /* for all text but table cells */
	PangoLayout *cells[MAX_COLS]; /* one per table column: a row is laid out once */
	PangoFontDescription *font;
	const struct briefing *b;
	int draw;        /* 0 while counting pages */
	int page;        /* current page, from 1 */
	int n_pages;     /* total, known in the drawing pass */
	double y;        /* top of the free space on the page */
	char title[320]; /* "{zone} 企业诉求每日简报", cleaned */
	char date[64];   /* the reported day, formatted */
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
 * test_briefing_pdf.c (test_glyph_workaround) checks that 如 has ink in the PDF. */
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
static double layout_text(struct pdf *c, PangoLayout *l, const char *s, double w,
                          const struct style *st, double *width)
{
	char clean[BRIEFING_MAX_CELL_BYTES + 4];
	briefing_clean_text(s, clean, sizeof clean);
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
static void paint_layout(struct pdf *c, PangoLayout *l, double x, double y, const struct rgb *col)
{
	if (!c->draw)
		return;
	set_color(c->cr, col ? col : &c_text);
	cairo_move_to(c->cr, x, y);
	pango_cairo_show_layout(c->cr, l);
}

/* Lays out `s` as layout_text() does and, when `draw` is set, paints it at (x, y). Returns the
 * height (and the width in *width when not NULL). */
static double text_at(struct pdf *c, const char *s, double x, double y, double w,
                      const struct style *st, int draw, double *width)
{
	double h = layout_text(c, c->layout, s, w, st, width);
	if (draw)
		paint_layout(c, c->layout, x, y, st->color);
	return h;
}

/* Fills the rectangle (x, y, w, h) with colour col, when drawing. */
static void fill_rect(struct pdf *c, double x, double y, double w, double h, const struct rgb *col)
{
	if (!c->draw)
		return;
	set_color(c->cr, col);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
}

/* Draws a line from (x0, y0) to (x1, y1) of width lw in colour col, when drawing. */
static void line(struct pdf *c, double x0, double y0, double x1, double y1, double lw,
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
static void page_decorate(struct pdf *c)
{
	static const struct style small = {7.5, 0, AL_LEFT, 1, &c_muted};
	static const struct style small_r = {7.5, 0, AL_RIGHT, 1, &c_muted};
	static const struct style small_c = {8, 0, AL_CENTER, 1, &c_muted};
	char buf[384];
	if (!c->draw)
		return;
	if (c->page > 1) {
		text_at(c, c->title, MARGIN, MARGIN - 24, CONTENT_W * 0.68, &small, 1, NULL);
		text_at(c, c->date, MARGIN + CONTENT_W * 0.7, MARGIN - 24, CONTENT_W * 0.3,
		        &small_r, 1, NULL);
		line(c, MARGIN, MARGIN - 8, MARGIN + CONTENT_W, MARGIN - 8, 0.5, &c_rule);
	}
	line(c, MARGIN, BOTTOM + 10, MARGIN + CONTENT_W, BOTTOM + 10, 0.5, &c_rule);
	snprintf(buf, sizeof buf, "第 %d 页 / 共 %d 页", c->page, c->n_pages);
	text_at(c, buf, MARGIN, BOTTOM + 15, CONTENT_W, &small_c, 1, NULL);
	if (c->b->generated_at && c->b->generated_at[0]) {
		char gen[128];
		briefing_clean_text(c->b->generated_at, gen, sizeof gen);
		snprintf(buf, sizeof buf, "数据生成于 %s", gen);
		text_at(c, buf, MARGIN + CONTENT_W * 0.68, BOTTOM + 15.5, CONTENT_W * 0.32,
		        &small_r, 1, NULL);
	}
}

/* Ends the current page and starts the next one. */
static void page_break(struct pdf *c)
{
	page_decorate(c);
	if (c->draw)
		cairo_show_page(c->cr);
	c->page++;
	c->y = MARGIN;
}

/* Starts a new page unless `h` points of height fit below the cursor. Returns 1 after a break. */
static int need(struct pdf *c, double h)
{
	if (c->y + h <= BOTTOM || c->y <= MARGIN)
		return 0;
	page_break(c);
	return 1;
}

/* Chinese ordinals for section numbers. */
static const char *const ordinals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};

/* Height of a section heading. */
#define HEADING_H 24.0

/* Draws the heading "{n}、{title}" with an optional grey note after it, and adds an outline entry
 * for it. The caller has made room (HEADING_H plus what must follow it). */
static void heading(struct pdf *c, int n, const char *title, const char *note)
{
	static const struct style h = {12.5, 1, AL_LEFT, 1, &c_navy};
	static const struct style nt = {8.5, 0, AL_LEFT, 1, &c_muted};
	char buf[256];
	double w = 0;
	snprintf(buf, sizeof buf, "%s、%s", ordinals[(size_t)n % N_OF(ordinals)], title);
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
	c->y += HEADING_H;
}

/* Draws "无" (or another short line) in grey at the cursor, for an empty section. */
static void none_line(struct pdf *c, const char *s)
{
	static const struct style st = {9.5, 0, AL_LEFT, 0, &c_muted};
	c->y += text_at(c, s, MARGIN + 9, c->y, CONTENT_W - 9, &st, 1, NULL);
}

/* ---- tables ---- */

/* A column as the table code sees it: width resolved. */
struct tcol {
	const char *header;
	double w;
	int max_lines;
	int numeric;
	int field;               /* handed to the cell function */
	const struct rgb *color; /* NULL: body text */
};

/* Returns the text of column `field` of row `i` of `rows` (buf of n bytes may be used). */
typedef const char *(*cell_fn)(const void *rows, size_t i, int field, char *buf, size_t n);

/* A table to draw: columns, rows, and the caption used when it continues on a new page. */
struct table {
	const struct tcol *cols;
	size_t n_cols;
	const void *rows;
	size_t n_rows;
	cell_fn cell;
	const char *title; /* "{title}（续）" above a continued table */
};

/* Height of the header row of t. */
static double table_header_h(struct pdf *c, const struct table *t)
{
	struct style st = {BODY_PT, 1, AL_LEFT, 2, &c_navy};
	double h = 0;
	for (size_t j = 0; j < t->n_cols; j++) {
		double ch = text_at(c, t->cols[j].header, 0, 0, t->cols[j].w - 2 * CELL_PAD_X, &st,
		                    0, NULL);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD_Y;
}

/* Draws the header row of t at the cursor. */
static void table_header(struct pdf *c, const struct table *t)
{
	double h = table_header_h(c, t), x = MARGIN;
	fill_rect(c, MARGIN, c->y, CONTENT_W, h, &c_head_bg);
	for (size_t j = 0; j < t->n_cols; j++) {
		struct style st = {BODY_PT, 1, t->cols[j].numeric ? AL_RIGHT : AL_LEFT, 2, &c_navy};
		double w = t->cols[j].w - 2 * CELL_PAD_X;
		double ch = text_at(c, t->cols[j].header, 0, 0, w, &st, 0, NULL);
		text_at(c, t->cols[j].header, x + CELL_PAD_X, c->y + (h - ch) / 2, w, &st, 1, NULL);
		x += t->cols[j].w;
	}
	line(c, MARGIN, c->y + h, MARGIN + CONTENT_W, c->y + h, 0.8, &c_navy);
	c->y += h;
}

/* Lays out row i of t into c->cells, the height of each cell into ch[]. Returns the row's
 * height. */
static double table_row_layout(struct pdf *c, const struct table *t, size_t i, double *ch)
{
	char buf[64];
	double h = 0;
	for (size_t j = 0; j < t->n_cols; j++) {
		const struct tcol *col = &t->cols[j];
		struct style st = {BODY_PT, 0, col->numeric ? AL_RIGHT : AL_LEFT, col->max_lines,
		                   col->color};
		const char *s = t->cell(t->rows, i, col->field, buf, sizeof buf);
		ch[j] = layout_text(c, c->cells[j], s, col->w - 2 * CELL_PAD_X, &st, NULL);
		if (ch[j] > h)
			h = ch[j];
	}
	return h + 2 * CELL_PAD_Y;
}

/* Paints the row laid out by table_row_layout() (index i, height h) at the cursor. */
static void table_row_paint(struct pdf *c, const struct table *t, size_t i, double h,
                            const double *ch)
{
	double x = MARGIN;
	if (i % 2) /* below the rule that closes the row above */
		fill_rect(c, MARGIN, c->y + 0.3, CONTENT_W, h - 0.3, &c_zebra);
	for (size_t j = 0; j < t->n_cols; j++) {
		paint_layout(c, c->cells[j], x + CELL_PAD_X, c->y + (h - ch[j]) / 2,
		             t->cols[j].color);
		x += t->cols[j].w;
	}
	line(c, MARGIN, c->y + h, MARGIN + CONTENT_W, c->y + h, 0.4, &c_rule);
}

/* Height a table needs below its heading so that it does not start alone at the foot of a
 * page: the header and the first three rows (or all, when fewer). */
static double table_lead_h(struct pdf *c, const struct table *t)
{
	double ch[MAX_COLS], h = table_header_h(c, t);
	for (size_t i = 0; i < t->n_rows && i < 3; i++)
		h += table_row_layout(c, t, i, ch);
	return h;
}

/* Draws table t at the cursor: a row never crosses a page; on a new page the caption
 * "{title}（续）" and the header row come first. At most BRIEFING_MAX_ROWS rows, then
 * "另有 N 条未列出". */
static void table_draw(struct pdf *c, const struct table *t)
{
	static const struct style cont = {8.5, 0, AL_LEFT, 1, &c_muted};
	size_t shown = t->n_rows < BRIEFING_MAX_ROWS ? t->n_rows : BRIEFING_MAX_ROWS;
	char buf[256];
	table_header(c, t);
	for (size_t i = 0; i < shown; i++) {
		double ch[MAX_COLS];
		double h = table_row_layout(c, t, i, ch);
		if (c->y + h > BOTTOM) {
			page_break(c);
			snprintf(buf, sizeof buf, "%s（续）", t->title);
			c->y += text_at(c, buf, MARGIN, c->y, CONTENT_W, &cont, 1, NULL) + 3;
			table_header(c, t);
		}
		table_row_paint(c, t, i, h, ch);
		c->y += h;
	}
	if (t->n_rows > shown) {
		snprintf(buf, sizeof buf, "另有 %zu 条未列出", t->n_rows - shown);
		c->y += 4;
		need(c, 14);
		none_line(c, buf);
	}
}

/* Gives the columns of width 0 equal shares of what the others leave of the text width. */
static void tcols_fit(struct tcol *cols, size_t n)
{
	double fixed = 0;
	size_t n_flex = 0;
	for (size_t j = 0; j < n; j++) {
		if (cols[j].w > 0)
			fixed += cols[j].w;
		else
			n_flex++;
	}
	double flex = n_flex ? (CONTENT_W - fixed) / (double)n_flex : 0;
	if (flex < 30)
		flex = 30;
	for (size_t j = 0; j < n; j++)
		if (!(cols[j].w > 0))
			cols[j].w = flex;
}

/* Fills out[0..n) from the columns of a section, widths fitted. */
static void tcols_from_section(const struct briefing_column *cols, size_t n, struct tcol *out)
{
	for (size_t j = 0; j < n; j++)
		out[j] = (struct tcol){
		    cols[j].header,     cols[j].width_pt,
		    cols[j].max_lines,  cols[j].numeric,
		    (int)cols[j].field, cols[j].field == BRIEFING_F_OVERDUE_DAYS ? &c_red : NULL};
	tcols_fit(out, n);
}

/* cell_fn of the item tables. */
static const char *item_cell(const void *rows, size_t i, int field, char *buf, size_t n)
{
	const struct briefing_item *it = (const struct briefing_item *)rows + i;
	return briefing_item_text(it, (enum briefing_field)field, buf, n);
}

/* Columns of the table by department. */
enum { DC_DEPT, DC_RECEIVED, DC_RESOLVED, DC_OVERDUE, DC_ON_TIME };

/* cell_fn of the table by department. */
static const char *dept_cell(const void *rows, size_t i, int field, char *buf, size_t n)
{
	const struct briefing_dept_row *r = (const struct briefing_dept_row *)rows + i;
	switch (field) {
	case DC_DEPT:
		return r->dept ? r->dept : "";
	case DC_RECEIVED:
		briefing_format_count(r->received, buf, n);
		return buf;
	case DC_RESOLVED:
		briefing_format_count(r->resolved, buf, n);
		return buf;
	case DC_OVERDUE:
		briefing_format_count(r->overdue, buf, n);
		return buf;
	default:
		briefing_format_rate(r->on_time_rate, buf, n);
		return buf;
	}
}

/* ---- the parts of the page ---- */

/* Draws the masthead: the red title, the date line and the double red rule. */
static void masthead(struct pdf *c)
{
	static const struct style title = {21, 1, AL_CENTER, 2, &c_title};
	static const struct style meta = {9.5, 0, AL_LEFT, 1, &c_text};
	static const struct style meta_r = {9.5, 0, AL_RIGHT, 1, &c_muted};
	char buf[384];
	c->y += text_at(c, c->title, MARGIN, c->y, CONTENT_W, &title, 1, NULL) + 10;
	snprintf(buf, sizeof buf, "报告日期：%s", c->date);
	double h = text_at(c, buf, MARGIN, c->y, CONTENT_W * 0.5, &meta, 1, NULL);
	if (c->b->generated_at && c->b->generated_at[0]) {
		char gen[128];
		briefing_clean_text(c->b->generated_at, gen, sizeof gen);
		snprintf(buf, sizeof buf, "数据生成：%s", gen);
		text_at(c, buf, MARGIN + CONTENT_W * 0.5, c->y, CONTENT_W * 0.5, &meta_r, 1, NULL);
	}
	c->y += h + 5;
	line(c, MARGIN, c->y, MARGIN + CONTENT_W, c->y, 1.8, &c_title);
	line(c, MARGIN, c->y + 3, MARGIN + CONTENT_W, c->y + 3, 0.5, &c_title);
	c->y += 16;
}

/* Draws section 一、总体情况: the summary sentence and the seven headline figures. */
static void overview(struct pdf *c)
{
	static const struct style para = {10, 0, AL_LEFT, 0, &c_text};
	static const struct style lab = {8.5, 0, AL_CENTER, 1, &c_muted};
	static const struct style sub = {7, 0, AL_CENTER, 1, &c_muted};
	const struct briefing *b = c->b;
	char sentence[768];
	struct briefing_figure figs[BRIEFING_N_FIGURES];
	briefing_figures(b, figs);
	briefing_summary_text(b, sentence, sizeof sentence);
	double ph = text_at(c, sentence, 0, 0, CONTENT_W - 9, &para, 0, NULL);
	need(c, HEADING_H + ph + 70);
	heading(c, 0, "总体情况", NULL);
	c->y += text_at(c, sentence, MARGIN + 9, c->y, CONTENT_W - 9, &para, 1, NULL) + 8;

	const double gap = 8, ch = 60;
	const double cw = (CONTENT_W - (BRIEFING_N_FIGURES - 1) * gap) / BRIEFING_N_FIGURES;
	for (int i = 0; i < BRIEFING_N_FIGURES; i++) {
		const struct rgb *col = figs[i].alert == 1   ? &c_red
		                        : figs[i].alert == 2 ? &c_orange
		                                             : &c_navy;
		struct style val = {16, 1, AL_CENTER, 1, col}; /* "100.0%" fits a seventh of the width */
		double x = MARGIN + i * (cw + gap);
		fill_rect(c, x, c->y, cw, ch, &c_card_bg);
		fill_rect(c, x, c->y, cw, 2.5, col);
		text_at(c, figs[i].label, x + 3, c->y + 8, cw - 6, &lab, 1, NULL);
		text_at(c, figs[i].value, x + 3, c->y + 20, cw - 6, &val, 1, NULL);
		text_at(c, figs[i].sub, x + 3, c->y + 45, cw - 6, &sub, 1, NULL);
	}
	c->y += ch + SECTION_GAP;
}

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
#define CH_BAR    7.0  /* bar thickness */
#define CH_GROUP  22.0 /* height of one department: two bars and the space between groups */
#define CH_LABEL  92.0 /* width of the department labels */
#define CH_TOP    30.0 /* chart box top to the first group: title and legend */
#define CH_BOTTOM 24.0 /* last group to the box bottom: the axis labels */

/* Height of the chart for n departments. */
static double chart_h(size_t n)
{
	return CH_TOP + (double)n * CH_GROUP + CH_BOTTOM;
}

/* Draws the horizontal bar chart of received vs resolved for the first `n` departments, with
 * its title, legend, grid and axis, in a box at the cursor. */
static void chart(struct pdf *c, size_t n)
{
	static const struct style ttl = {9.5, 1, AL_LEFT, 1, &c_navy};
	static const struct style leg = {8, 0, AL_LEFT, 1, &c_text};
	static const struct style lab = {8, 0, AL_RIGHT, 1, &c_text};
	static const struct style val = {7, 0, AL_LEFT, 1, &c_muted};
	static const struct style tick = {7, 0, AL_CENTER, 1, &c_muted};
	const struct briefing_dept_row *rows = c->b->by_dept;
	double top = c->y, h = chart_h(n);
	double px0 = MARGIN + 8 + CH_LABEL + 8, px1 = MARGIN + CONTENT_W - 34;
	double py0 = top + CH_TOP, py1 = py0 + (double)n * CH_GROUP;
	char buf[64];

	if (c->draw) {
		set_color(c->cr, &c_rule);
		cairo_set_line_width(c->cr, 0.6);
		cairo_rectangle(c->cr, MARGIN, top, CONTENT_W, h);
		cairo_stroke(c->cr);
	}
	text_at(c, "各部门新受理与办结数量", MARGIN + 8, top + 8, CONTENT_W * 0.6, &ttl, 1, NULL);
	/* Legend, right-aligned on the title line. */
	double w1, w2;
	text_at(c, "新受理", 0, 0, 0, &leg, 0, &w1);
	text_at(c, "已办结", 0, 0, 0, &leg, 0, &w2);
	double lx = MARGIN + CONTENT_W - 10 - (9 + 4 + w1 + 14 + 9 + 4 + w2);
	fill_rect(c, lx, top + 11, 9, 9, &c_blue);
	text_at(c, "新受理", lx + 13, top + 9, 0, &leg, 1, NULL);
	lx += 13 + w1 + 14;
	fill_rect(c, lx, top + 11, 9, 9, &c_green);
	text_at(c, "已办结", lx + 13, top + 9, 0, &leg, 1, NULL);

	long maxv = 1;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].received > maxv)
			maxv = rows[i].received;
		if (rows[i].resolved > maxv)
			maxv = rows[i].resolved;
	}
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
		double gy = py0 + (double)i * CH_GROUP + (CH_GROUP - 2 * CH_BAR - 1) / 2;
		long v[2] = {rows[i].received > 0 ? rows[i].received : 0,
		             rows[i].resolved > 0 ? rows[i].resolved : 0};
		const struct rgb *col[2] = {&c_blue, &c_green};
		double lh = text_at(c, rows[i].dept, 0, 0, CH_LABEL, &lab, 0, NULL);
		text_at(c, rows[i].dept, MARGIN + 8, gy + CH_BAR + 0.5 - lh / 2, CH_LABEL, &lab, 1,
		        NULL);
		for (int k = 0; k < 2; k++) {
			double by = gy + k * (CH_BAR + 1);
			double bw = (double)v[k] / axis_max * pw;
			if (bw > 0)
				fill_rect(c, px0, by, bw, CH_BAR, col[k]);
			snprintf(buf, sizeof buf, "%ld", v[k]);
			double vh = text_at(c, buf, 0, 0, 0, &val, 0, NULL);
			text_at(c, buf, px0 + bw + 3, by + CH_BAR / 2 - vh / 2, 0, &val, 1, NULL);
		}
	}
	c->y += h;
}

/* Draws section 二、分部门情况: the chart, then the table by department. */
static void by_dept(struct pdf *c)
{
	static const struct style cap = {8, 0, AL_LEFT, 0, &c_muted};
	const struct briefing *b = c->b;
	char note[160] = "";
	if (b->dept_period && b->dept_period[0]) {
		char p[128];
		briefing_clean_text(b->dept_period, p, sizeof p);
		snprintf(note, sizeof note, "（%s）", p);
	}
	struct tcol tc[] = {
	    {"责任部门", 0, 2, 0, DC_DEPT, NULL},       {"新受理", 80, 1, 1, DC_RECEIVED, NULL},
	    {"已办结", 80, 1, 1, DC_RESOLVED, NULL},    {"当前超期", 80, 1, 1, DC_OVERDUE, NULL},
	    {"按期办结率", 90, 1, 1, DC_ON_TIME, NULL},
	};
	tcols_fit(tc, N_OF(tc));
	struct table t = {tc, N_OF(tc), b->by_dept, b->n_depts, dept_cell, "分部门情况"};
	if (b->n_depts == 0) {
		need(c, HEADING_H + 16);
		heading(c, 1, "分部门情况", note);
		none_line(c, "无");
		c->y += SECTION_GAP;
		return;
	}
	size_t n_chart =
	    b->n_depts < BRIEFING_CHART_MAX_DEPTS ? b->n_depts : BRIEFING_CHART_MAX_DEPTS;
	need(c, HEADING_H + chart_h(n_chart));
	heading(c, 1, "分部门情况", note);
	chart(c, n_chart);
	if (b->n_depts > n_chart) {
		char buf[128];
		snprintf(buf, sizeof buf, "图中列出前 %zu 个部门，全部部门见下表。", n_chart);
		c->y += 3;
		c->y += text_at(c, buf, MARGIN, c->y, CONTENT_W, &cap, 1, NULL);
	}
	c->y += 10;
	need(c, table_lead_h(c, &t));
	table_draw(c, &t);
	c->y += SECTION_GAP;
}

/* Draws one list section, numbered n. */
static void section(struct pdf *c, int n, const struct briefing_section *s)
{
	char note[64];
	struct tcol tc[MAX_COLS];
	size_t n_cols = s->n_cols < N_OF(tc) ? s->n_cols : N_OF(tc);
	tcols_from_section(s->cols, n_cols, tc);
	struct table t = {tc, n_cols, s->items, s->n_items, item_cell, s->title};
	snprintf(note, sizeof note, "（%zu 件）", s->n_items);
	if (s->n_items == 0) {
		need(c, HEADING_H + 16);
		heading(c, n, s->title, note);
		none_line(c, "无");
	} else {
		need(c, HEADING_H + table_lead_h(c, &t));
		heading(c, n, s->title, note);
		table_draw(c, &t);
	}
	c->y += SECTION_GAP;
}

/* Lays out (and in the drawing pass, draws) the whole document from page 1. */
static void render_pass(struct pdf *c)
{
	struct briefing_section secs[BRIEFING_N_SECTIONS];
	c->page = 1;
	c->y = MARGIN;
	masthead(c);
	overview(c);
	by_dept(c);
	briefing_sections(c->b, secs);
	for (int i = 0; i < BRIEFING_N_SECTIONS; i++)
		section(c, 2 + i, &secs[i]);
	page_decorate(c);
	if (c->draw)
		cairo_show_page(c->cr);
}

/* A growing output buffer for the cairo stream, with a maximum size. */
struct membuf {
	unsigned char *p;
	size_t len, alloc;
	int too_large;
};

/* cairo_write_func_t: appends to a struct membuf. */
static cairo_status_t membuf_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct membuf *m = closure;
	if (n > BRIEFING_PDF_MAX_BYTES - m->len) {
		m->too_large = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (m->len + n > m->alloc) {
		size_t a = m->alloc ? m->alloc : 64 * 1024;
		while (a < m->len + n)
			a *= 2;
		if (a > BRIEFING_PDF_MAX_BYTES)
			a = BRIEFING_PDF_MAX_BYTES;
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
static int pdf_text_init(struct pdf *c)
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
	for (size_t j = 0; j < MAX_COLS; j++) {
		c->cells[j] = pango_layout_new(pc);
		if (!c->cells[j])
			return -1;
	}
	return 0;
}

int briefing_render_pdf_mem(const struct briefing *b, unsigned char **out, size_t *len, char *err,
                            size_t errlen)
{
	struct membuf m = {0};
	struct pdf c = {0};
	int rc = -1;
	if (!out || !len)
		return fail(err, errlen, "briefing pdf: no output buffer given");
	*out = NULL;
	*len = 0;
	if (briefing_check(b, err, errlen) < 0)
		return -1;

	cairo_surface_t *surface =
	    cairo_pdf_surface_create_for_stream(membuf_write, &m, PAGE_W, PAGE_H);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		fail(err, errlen, "briefing pdf: cannot create the surface: %s",
		     cairo_status_to_string(cairo_surface_status(surface)));
		goto out_destroy_surface;
	}
	c.b = b;
	{
		char zone[256], title[384];
		briefing_clean_text(b->zone_name, zone, sizeof zone);
		snprintf(c.title, sizeof c.title, "%s%s企业诉求每日简报", zone, zone[0] ? " " : "");
		briefing_format_date(b->date, c.date, sizeof c.date);
		snprintf(title, sizeof title, "%s %s", c.title, c.date);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
		                               "园区通 Yuanqu");
	}
	c.cr = cairo_create(surface);
	if (cairo_status(c.cr) != CAIRO_STATUS_SUCCESS) {
		fail(err, errlen, "briefing pdf: cannot create the context: %s",
		     cairo_status_to_string(cairo_status(c.cr)));
		goto out_destroy_cr;
	}
	if (pdf_text_init(&c) < 0) {
		fail(err, errlen, "briefing pdf: cannot set up the text layout");
		goto out_free_text;
	}

	/* Pass 1 counts the pages (nothing is drawn); pass 2 draws with the total known. */
	c.draw = 0;
	render_pass(&c);
	c.n_pages = c.page;
	c.draw = 1;
	render_pass(&c);

	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_status(c.cr);
	if (m.too_large) {
		fail(err, errlen, "briefing pdf: the document is larger than %u bytes",
		     BRIEFING_PDF_MAX_BYTES);
	} else if (st != CAIRO_STATUS_SUCCESS) {
		fail(err, errlen, "briefing pdf: rendering failed: %s", cairo_status_to_string(st));
	} else {
		*out = m.p;
		*len = m.len;
		m.p = NULL;
		rc = 0;
	}

out_free_text:
	if (c.font)
		pango_font_description_free(c.font);
	for (size_t j = 0; j < MAX_COLS; j++)
		if (c.cells[j])
			g_object_unref(c.cells[j]);
	if (c.layout)
		g_object_unref(c.layout);
out_destroy_cr:
	cairo_destroy(c.cr);
out_destroy_surface:
	cairo_surface_destroy(surface);
	free(m.p);
	return rc;
}

int briefing_render_pdf(const struct briefing *b, const char *path, char *err, size_t errlen)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	char tmp[4096];
	int rc = -1;
	if (!path || !path[0])
		return fail(err, errlen, "briefing pdf: no output path given");
	int w = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if (w < 0 || (size_t)w >= sizeof tmp)
		return fail(err, errlen, "briefing pdf: output path too long");
	if (briefing_render_pdf_mem(b, &pdf, &len, err, errlen) < 0)
		return -1;

	int fd = mkstemp(tmp);
	if (fd < 0) {
		fail(err, errlen, "briefing pdf: cannot create %s: %s", tmp, strerror(errno));
		goto out_free_pdf;
	}
	(void)fchmod(fd, 0600);
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, pdf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fail(err, errlen, "briefing pdf: cannot write %s: %s", tmp,
			     n < 0 ? strerror(errno) : "short write");
			goto out_unlink_tmp;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		fail(err, errlen, "briefing pdf: cannot sync %s: %s", tmp, strerror(errno));
		goto out_unlink_tmp;
	}
	if (close(fd) < 0) {
		fd = -1;
		fail(err, errlen, "briefing pdf: cannot close %s: %s", tmp, strerror(errno));
		goto out_unlink_tmp;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		fail(err, errlen, "briefing pdf: cannot rename %s to %s: %s", tmp, path,
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
