/* table_read: one interface over the CSV and XLSX readers, for importers.
 *
 * A file is sniffed by its first bytes: a zip signature means an .xlsx workbook (its first
 * worksheet is read), an OLE2 signature (legacy .xls or a password-protected workbook) is refused,
 * anything else is read as CSV (UTF-8 or GB18030, see csv.h). Rows are returned as UTF-8 strings;
 * rows whose cells are all empty are skipped and trailing empty cells dropped, so both formats give
 * the same rows for the same table. */
#ifndef YQ_LIB_TABLE_READ_H
#define YQ_LIB_TABLE_READ_H
#include <stddef.h>

/* The format a reader detected. */
enum table_format {
	TABLE_CSV,
	TABLE_XLSX,
};

/* One row, as table_next() fills it. The strings belong to the reader and stay valid until the
 * next call to table_next() or table_close(). */
struct table_row {
	const char **cells;   /* n_cells NUL-terminated UTF-8 strings; "" for an empty cell */
	size_t n_cells;       /* the last non-empty column + 1, at least 1 */
	unsigned long number; /* the 1-based row number a spreadsheet shows: the sheet row, or the
	                         CSV record number counting empty lines */
};

struct table_reader;

/* Opens the file at `path`. Returns the reader, or NULL with a lowercase message in `err`
 * (`errlen` bytes) when the file cannot be opened or read, is an .xls or encrypted workbook, or is
 * a broken workbook. Free it with table_close(). */
struct table_reader *table_open_file(const char *path, char *err, size_t errlen);

/* Like table_open_file() for the `n` bytes at `data`, which must stay valid and unchanged until
 * table_close() (an upload held in memory). */
struct table_reader *table_open_mem(const void *data, size_t n, char *err, size_t errlen);

/* Reads the next row that is not blank into *row. Returns 1 with a row, 0 at the end, -1 on an
 * error; table_error() then tells which. */
int table_next(struct table_reader *t, struct table_row *row);

/* The last error as a lowercase message ("" when none). Valid until table_close(). */
const char *table_error(const struct table_reader *t);

/* The detected format. */
enum table_format table_format(const struct table_reader *t);

/* "xlsx", or the CSV encoding: "utf-8" or "gb18030" (final once table_next() returned 0). */
const char *table_encoding(const struct table_reader *t);

/* Frees the reader, closing what it opened; table_close(NULL) is a no-op. */
void table_close(struct table_reader *t);

#endif
