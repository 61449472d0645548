/* import: what every spreadsheet import shares (enterprises, projects): the options, the row
 * report (the rows counted, the invalid ones named by row, column and cell, with a reason in both
 * languages), reading a file whole, opening it as a table with the reader's fault told to the
 * user, and cleaning a row's cells the same way for every importer. */
#ifndef YQ_LIB_IMPORT_H
#define YQ_LIB_IMPORT_H
#include <stddef.h>
#include "lib/err.h"
#include "lib/table_read.h"

struct arena;

#define IMPORT_MAX_ERRORS     1000 /* errors kept in the report; all are counted */
#define IMPORT_MAX_ROWS       1000000
#define IMPORT_MAX_FILE_BYTES (1024u << 20) /* a file imported from the command line */

struct import_error {
	unsigned long row; /* the row number the spreadsheet shows */
	char *column;      /* the header as written in the file, or "" (malloc'd) */
	char *value;       /* the cell, truncated to 100 bytes (malloc'd) */
	char *reason;      /* Chinese (malloc'd) */
	char *reason_en;   /* (malloc'd) */
};

struct import_report {
	long total, valid, invalid, created, updated, unchanged;
	int written;
	const char *encoding; /* "utf-8", "gb18030", "xlsx" */
	struct import_error *errors;
	size_t n_errors; /* kept, ≤ IMPORT_MAX_ERRORS */
	/* what the rows say that the import keeps but the user should look at (a 同比 in the file
	 * that differs from the one computed): counted in `warned`, the first IMPORT_MAX_ERRORS
	 * kept */
	struct import_error *warnings;
	size_t n_warnings;
	long warned;
	/* when an import fails for a reason that names a row or line of the file, the message
	 * (e->message and e->message_en point here: copy them before the report goes) */
	char message[256], message_en[256];
};

struct import_opts {
	int dry_run;      /* validate only */
	int skip_invalid; /* write the valid rows even if some are invalid */
	/* called now and then while reading and writing (phase 0 validate, 1 write), may be NULL */
	void (*progress)(void *ctx, int phase, long done);
	void *progress_ctx;
	/* polled before each row, may be NULL: when it returns nonzero the import stops, writes
	 * nothing and fails with ERR_UNAVAILABLE (the server is stopping) */
	int (*cancelled)(void *ctx);
	void *cancel_ctx;
	/* the month a monthly sheet is for ("YYYY-MM"), or NULL: the sheet's title tells */
	const char *period;
};

/* Counts one invalid row and keeps its error (the first IMPORT_MAX_ERRORS): the sheet's row
 * number, the column's header as the file writes it ("" for none), the cell (cut to 100 bytes)
 * and the reason. Copies what it keeps; an allocation that fails keeps the count only. */
void import_report_add(struct import_report *rep, unsigned long row, const char *column,
                       const char *value, const char *reason, const char *reason_en);
/* Counts one warning on a valid row and keeps it (the first IMPORT_MAX_ERRORS), as
 * import_report_add keeps an error. */
void import_report_warn(struct import_report *rep, unsigned long row, const char *column,
                        const char *value, const char *reason, const char *reason_en);
/* Frees the errors and warnings of the report; the counts stay. */
void import_report_release(struct import_report *rep);

/* The file cannot be read: e gets the reason for its user (field "file", ERR_VALIDATION, or
 * ERR_UNAVAILABLE when memory ran out), with the row and column where there is one; the message
 * is kept in rep. `detail` (English) goes to the log. Returns -1. */
int import_file_error(struct import_report *rep, const struct read_fault *f, const char *detail,
                      struct yq_err *e);
/* Opens the n bytes at data as a table (table_open_mem); NULL with e set by import_file_error
 * when they cannot be read. */
struct table_reader *import_open(struct import_report *rep, const void *data, size_t n,
                                 struct yq_err *e);
/* Reads the file at `path` whole into a malloc'd buffer (*buf, *len; at most
 * IMPORT_MAX_FILE_BYTES): an import validates and writes these bytes, never the path again (a
 * file replaced meanwhile is not written unchecked). Returns 0, or -1 with e naming "file". */
int import_read_file(const char *path, char **buf, size_t *len, struct yq_err *e);

/* The cells of `raw` as an import reads them, into `row` (cells in `cells`, the first 256 kept,
 * the columns a header can name): without white space at either end (a leading NBSP or
 * full-width space, a trailing space: utf8_trim), and in a CSV file a field guarded against
 * formulas by an export (csv_put_field) read as the text it stands for. Trimmed copies go into
 * the row's arena; a copy that fails keeps the cell as it is (the arena's limit). */
void import_clean_row(const struct table_row *raw, int csv, struct arena *a, const char *cells[256],
                      struct table_row *row);
/* 1 when every cell of the row is empty. */
int import_row_blank(const struct table_row *row);
/* The cell of the row in column col: "" when the row has no such column (col < 0 included). */
const char *import_cell(const struct table_row *row, long col);
/* Copies row into out, its first 256 cells into cells and their text into a: the copy outlives
 * the reader's next row. 0, or -1 when the arena is full. */
int import_copy_row(struct arena *a, const struct table_row *row, const char *cells[256],
                    struct table_row *out);
/* The next row of the sheet: `held` first when *has_held (a row read ahead, copied by
 * import_copy_row; *has_held is cleared), then the reader's, cleaned by import_clean_row into
 * row (cells, a). 1, 0 at the end, -1 on the reader's error. */
int import_next_row(struct table_reader *t, int *has_held, const struct table_row *held,
                    struct arena *a, const char *cells[256], struct table_row *row);

/* A write pass met a row that the validation pass accepted and that now fails (the database
 * changed in between): the import fails, naming the row ("第5行：…"; the message kept in rep).
 * Returns -1. */
int import_row_failed(struct import_report *rep, unsigned long row, const struct yq_err *re,
                      struct yq_err *e);

#endif
