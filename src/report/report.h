/* Documents for people to read (简报, 通报): what the PDF (report/pdf.h) and the HTML
 * (report/html.h) renderers share, so that a module's printable document and its web view say
 * the same thing — text cleaning, number and date formats, and the description of a table, of
 * the headline figures and of a bar chart. Below every module: it uses lib/ only.
 *
 * Strings. Every `const char *` is UTF-8 and borrowed (the caller keeps it alive for the call).
 * NULL is allowed everywhere and shows as nothing. The renderers clean every text they are given
 * with report_clean_text (invalid UTF-8 as U+FFFD, control characters as spaces, cut at
 * REPORT_MAX_CELL_BYTES), so raw user text may be passed as is. */
#ifndef YQ_REPORT_REPORT_H
#define YQ_REPORT_REPORT_H
#include <stddef.h>

/* Bytes of one text used by the renderers; longer text is cut (on a character boundary). */
#define REPORT_MAX_CELL_BYTES 600
/* Columns a table may have. */
#define REPORT_MAX_COLS 8
/* Series a bar chart may have (bars per category). */
#define REPORT_CHART_MAX_SERIES 3

/* Returns the text of column `key` (report_column.key) of row `i` of `rows`, for display; `buf`
 * (n bytes) may hold a formatted number. NULL shows as an empty cell. */
typedef const char *(*report_cell_fn)(const void *rows, size_t i, int key, char *buf, size_t n);

/* A column of a table. */
struct report_column {
	const char *header; /* column heading, e.g. "责任部门" */
	int key;            /* handed to the cell function: what the column shows */
	double width_pt;    /* width in the PDF in points; 0: shares the rest of the width */
	int max_lines;      /* lines of wrapped text in the PDF before it is ellipsized; 0: any */
	int numeric;        /* 1: right-aligned */
	int alert;          /* 1: bad news, in red */
	int nowrap;         /* 1: never wrapped in the HTML (codes, dates) */
};

/* A table: columns, rows through a cell function, and the rows shown at most. */
struct report_table {
	const char *title; /* the section's title: the PDF's "{title}（续）" on a new page */
	const struct report_column *cols; /* at most REPORT_MAX_COLS are shown */
	size_t n_cols;
	const void *rows; /* handed to `cell` */
	size_t n_rows;
	report_cell_fn cell;
	size_t max_rows; /* rows shown, then "另有 N 条未列出"; 0: all */
};

/* A headline figure, one card of a row of them. */
struct report_figure {
	const char *label; /* e.g. "新受理" */
	char value[32];    /* "12", "90.0%", or "—" when undefined */
	char sub[96];      /* a caption under the value: the unit, or the period */
	int alert;         /* 0 normal, 1 bad news (red), 2 attention (orange) */
};

/* One category of a bar chart (a department) and its values, one per series. Negative values
 * are drawn as 0. */
struct report_bar {
	const char *label;
	long v[REPORT_CHART_MAX_SERIES];
};

/* A horizontal grouped bar chart. Series are blue, green, orange, in this order. */
struct report_chart {
	const char *title;                           /* e.g. "各部门新受理与办结数量" */
	const char *series[REPORT_CHART_MAX_SERIES]; /* legend labels */
	size_t n_series;                             /* 1 to REPORT_CHART_MAX_SERIES */
	const struct report_bar *bars;               /* in display order */
	size_t n_bars;
	const char *caption; /* a line under the chart, e.g. "图中列出前 20 个部门…"; NULL */
};

/* Copies `s` (NULL: "") into `out` (n > 0 bytes, always NUL-terminated): invalid UTF-8 becomes
 * U+FFFD, control characters spaces, and the text is cut on a character boundary to fit in
 * min(n - 1, REPORT_MAX_CELL_BYTES) bytes, "…" marking a cut. Returns `out`. */
char *report_clean_text(const char *s, char *out, size_t n);

/* Formats a 0..1 rate as "90.0%", or "—" when it is negative, NaN or above 1.0005. */
void report_format_rate(double rate, char *buf, size_t n);

/* Formats a count as "12", or "—" when it is negative. */
void report_format_count(long v, char *buf, size_t n);

/* Formats "YYYY-MM-DD" as "2026年11月22日"; any other text is copied (cleaned) as it is. */
void report_format_date(const char *ymd, char *buf, size_t n);

/* The Chinese ordinal of section n, from 0: "一" … "八", then again from "一". */
const char *report_ordinal(int n);

/* Writes a formatted message into err (errlen bytes; nothing when err is NULL or errlen 0).
 * Returns -1, for `return report_fail(err, errlen, "…", …);`. */
int report_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A table titled `title` of n_rows `rows` read by `cell` in columns cols[0..n_cols); at most
 * max_rows shown (0: all). */
struct report_table report_table_of(const char *title, const struct report_column *cols,
                                    size_t n_cols, const void *rows, size_t n_rows,
                                    report_cell_fn cell, size_t max_rows);

/* The rows of t shown: n_rows, at most max_rows when it is set. */
size_t report_rows_shown(const struct report_table *t);

#endif
