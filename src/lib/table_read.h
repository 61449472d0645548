/* table_read: one interface over the CSV and XLSX readers, for importers.
 *
 * A file is sniffed by its first bytes: a zip signature means an .xlsx workbook (its first
 * worksheet is read), an OLE2 signature (legacy .xls or a password-protected workbook) and UTF-16
 * text (a byte order mark, or NUL bytes nearly all at even or all at odd offsets of the first
 * 4 KiB) are refused, anything else is read as CSV (UTF-8 or GB18030, see csv.h). Rows are returned
 * as UTF-8 strings; rows whose cells are all empty are skipped and trailing empty cells dropped, so
 * both formats give the same rows for the same table. */
#ifndef YQ_LIB_TABLE_READ_H
#define YQ_LIB_TABLE_READ_H
#include <stddef.h>
#include "lib/read_err.h"

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
 * (`errlen` bytes) and the reason in *fault (when `fault` is not NULL) when the file cannot be
 * opened or read, is an .xls (READ_ERR_XLS) or password-protected (READ_ERR_ENCRYPTED) workbook,
 * UTF-16 text (READ_ERR_UTF16) or a broken workbook. Free it with table_close(). */
struct table_reader *table_open_file(const char *path, char *err, size_t errlen,
                                     struct read_fault *fault);

/* Like table_open_file() for the `n` bytes at `data`, which must stay valid and unchanged until
 * table_close() (an upload held in memory). */
struct table_reader *table_open_mem(const void *data, size_t n, char *err, size_t errlen,
                                    struct read_fault *fault);

/* Reads the next row that is not blank into *row. Returns 1 with a row, 0 at the end, -1 on an
 * error; table_error() then tells which. */
int table_next(struct table_reader *t, struct table_row *row);

/* The last error as a lowercase message ("" when none). Valid until table_close(). */
const char *table_error(const struct table_reader *t);

/* The last error as a code and a place (READ_OK when none). Valid until table_close(). */
const struct read_fault *table_fault(const struct table_reader *t);

/* The message for the user of a reader's error, in Chinese into zh (zn bytes) and in English
 * into en: e.g. "第3行含空字符", "超过 1,048,576 行", "这是旧版 .xls 文件，请在 Excel 中另存为
 * .xlsx". */
void table_fault_message(const struct read_fault *f, char *zh, size_t zn, char *en, size_t en_n);

/* The detected format. */
enum table_format table_format(const struct table_reader *t);

/* "xlsx", or the CSV encoding: "utf-8" or "gb18030" (final once table_next() returned 0). */
const char *table_encoding(const struct table_reader *t);

/* Frees the reader, closing what it opened; table_close(NULL) is a no-op. */
void table_close(struct table_reader *t);

#endif
