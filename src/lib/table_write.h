/* table_write: the one writer of the list exports (.xlsx and .csv), driven by a field table —
 * the counterpart of table_read.
 *
 * A sheet's columns are the fields of an entity marked F_EXPORT, in table order, less those
 * carrying a flag the caller hides (F_INTERNAL for an enterprise user), headed by their Chinese
 * labels. Rows are objects of the entity's struct, written one at a time as a store's list
 * yields them (table_writer_row as the list's callback), each cell by its field's type:
 *
 *	enums by their Chinese label, booleans 是/否, times "YYYY-MM-DD HH:MM" in China Standard
 *	Time; with TABLE_TYPED numbers are numbers and dates and times dates (an .xlsx date cell,
 *	YYYY-MM-DD in a CSV), and money columns say their unit ("总投资（万元）"); without it every
 *	cell is text.
 *
 * A cell that is not the value of its field (未评价 for a request closed unrated) is the
 * caller's, through the sheet's `cell` hook. The file is written in one pass into a temporary
 * file — .xlsx through libxlsxwriter's constant-memory mode, or UTF-8 CSV with a byte order
 * mark, CRLF line ends and every cell that starts with = + - @ guarded by an apostrophe
 * (csv.h) — so memory stays flat whatever the row count; the finished file is handed over as an
 * open, already unlinked descriptor to stream from. */
#ifndef YQ_LIB_TABLE_WRITE_H
#define YQ_LIB_TABLE_WRITE_H
#include "lib/err.h"
#include "lib/field.h"
#include "lib/strbuf.h"
#include <stdint.h>
#include <stdio.h>

#define TABLE_WRITE_MAX_COLS 64
#define TABLE_WRITE_MAX_ROWS 1048575 /* an .xlsx sheet's rows less the header */

/* Options of a sheet (combined with |). */
enum table_write_opt {
	TABLE_TYPED = 1u << 0, /* numbers, dates and times as such, money headers with the unit */
};

/* What a column's cells hold. */
enum table_cell_kind {
	TABLE_CELL_TEXT,
	TABLE_CELL_NUMBER, /* FT_INT, FT_NUM, FT_MONEY (typed sheets) */
	TABLE_CELL_DATE,   /* FT_DATE (typed sheets) */
	TABLE_CELL_TIME,   /* FT_TIME (typed sheets; text elsewhere) */
};

/* A column of a sheet. */
struct table_col {
	const struct field *f; /* the member it shows */
	char header[96];       /* the field's label (with its unit in typed sheets); may be changed
	                        * after table_sheet_init */
	enum table_cell_kind kind;
	double width; /* in the sheet, in characters: from the longest text the field takes, at
	               * least the header's */
};

/* The text of the cell of column `col` for `row` when the caller has a rule of its own for it:
 * the text (NULL or "" for an empty cell; buf, n bytes, may hold it), or TABLE_CELL_FIELD to
 * leave the cell to its field's type. */
typedef const char *(*table_cell_fn)(const struct table_col *col, const void *row, char *buf,
                                     size_t n);
extern const char TABLE_CELL_FIELD[];

/* The columns of an export. */
struct table_sheet {
	const char *name;   /* the worksheet's name, e.g. "企业诉求" (31 characters at most) */
	unsigned opts;      /* enum table_write_opt */
	table_cell_fn cell; /* NULL: every cell by its field */
	struct table_col cols[TABLE_WRITE_MAX_COLS];
	int n;
};

/* Fills sh with the F_EXPORT fields of en that carry none of the flags of `hide`, in table
 * order (the first TABLE_WRITE_MAX_COLS). */
void table_sheet_init(struct table_sheet *sh, const struct entity *en, unsigned hide, unsigned opts,
                      const char *name);
/* The column of the field with JSON key `key`, or NULL. */
struct table_col *table_sheet_col(struct table_sheet *sh, const char *key);

/* A file being written. Its members are the writer's own. */
struct table_writer {
	const struct table_sheet *sh;
	int csv;
	char path[512];
	FILE *f;            /* csv */
	struct strbuf line; /* csv: the row being written */
	struct lxw_workbook *wb;
	struct lxw_worksheet *ws;
	struct lxw_format *text, *date, *time;
	int64_t rows;    /* rows written */
	int64_t dropped; /* rows past TABLE_WRITE_MAX_ROWS, not written */
	int failed;
};

/* Creates the temporary file (its name starting with `prefix`) and writes the header row of
 * sh, which must outlive the writer. csv != 0 for CSV, else .xlsx. Returns 0, or -1 with e set
 * (nothing is left behind). */
int table_writer_open(struct table_writer *w, const struct table_sheet *sh, int csv,
                      const char *prefix, struct yq_err *e);
/* Writes one row: the object `row` of the sheet's entity. Past TABLE_WRITE_MAX_ROWS rows it is
 * only counted. A write that fails marks the writer failed (table_writer_finish reports it). */
void table_writer_row(struct table_writer *w, const void *row);
/* Finishes the file and hands it over: an open descriptor of it, already unlinked, in *fd (the
 * caller closes it or gives it to the response) with its size. ok == 0 discards the file (the
 * rows could not all be read): -1 without touching e. Returns 0, or -1 with e set when the file
 * could not be written. The temporary file is gone either way. */
int table_writer_finish(struct table_writer *w, int ok, int *fd, uint64_t *size, struct yq_err *e);

#endif
