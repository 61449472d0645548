/* xlsx_read: a streaming reader for the first worksheet of an .xlsx (or .xlsm) workbook.
 *
 * The workbook is opened with libzip and its parts parsed with expat. The first worksheet is found
 * through the package relationships (_rels/.rels -> the workbook -> its .rels), never by assuming
 * xl/worksheets/sheet1.xml: it is the first visible worksheet in workbook order (the first
 * worksheet when all are hidden). Shared strings and styles are read at open; the sheet itself is
 * parsed incrementally, one row per xlsx_next_row(), so memory stays bounded by one row plus the
 * shared strings whatever the size of the sheet.
 *
 * Cell values are given as UTF-8 strings:
 *   - shared strings (t="s"), inline strings (t="inlineStr"), formula strings (t="str") and error
 *     values (t="e") as their text; rich-text runs are concatenated, phonetic runs left out, and
 *     the _xHHHH_ escapes of OOXML decoded;
 *   - booleans (t="b") as "TRUE" / "FALSE";
 *   - numbers with a date style as "YYYY-MM-DD" (a date-and-time style gives "YYYY-MM-DD HH:MM:SS"
 *     unless the time is midnight; a time style "HH:MM:SS"), following Excel's 1900 system with
 *     its fictitious 1900-02-29 (serial 60), or the 1904 system when the workbook says so;
 *   - other numbers in at most 15 significant digits, integers without a fraction ("4500", not
 *     "4500.0"), others as "12.5";
 *   - ISO 8601 dates (t="d") as written, without a midnight time.
 * Formulas give their cached value. A missing cell is "". Rows with no value at all are skipped.
 *
 * Guards against hostile files (each is an error, never a crash): parts larger than the limits
 * below or compressed more than XLSX_MAX_RATIO:1 are refused before reading; a part that inflates
 * past its declared size is refused; documents with a DTD, nested deeper than XLSX_MAX_DEPTH or
 * not well-formed are refused; the XML parser's memory, rows, columns, cells and value sizes are
 * capped. */
#ifndef YQ_LIB_XLSX_READ_H
#define YQ_LIB_XLSX_READ_H
#include <stddef.h>
#include "lib/read_err.h"

/* Sizes are uncompressed bytes. */
#define XLSX_MAX_SHEET_BYTES (200u * 1024 * 1024) /* the worksheet */
#define XLSX_MAX_SST_BYTES   (64u * 1024 * 1024)  /* shared strings, and the memory they take */
#define XLSX_MAX_PART_BYTES  (16u * 1024 * 1024)  /* workbook, relationships, styles */
#define XLSX_MAX_RATIO       200                  /* uncompressed : compressed, checked ... */
#define XLSX_RATIO_MIN_BYTES (1024u * 1024)       /* ... on parts larger than this */
#define XLSX_MAX_ROWS        1048576              /* Excel's limit */
#define XLSX_MAX_COLS        16384                /* Excel's limit */
#define XLSX_MAX_CELL_BYTES  (1024u * 1024)       /* the XML text of one value */
#define XLSX_MAX_ROW_BYTES   (16u * 1024 * 1024)  /* the values of one row */
#define XLSX_MAX_DEPTH       64                   /* XML element nesting */
#define XLSX_MAX_XML_MEMORY  (32u * 1024 * 1024)  /* what the XML parser may hold at once */
/* Cells returned from one sheet, counting the empty ones before each row's last value. */
#define XLSX_MAX_CELLS (64u * 1024 * 1024)

/* One row, as xlsx_next_row() fills it. The strings belong to the reader and stay valid until the
 * next call to xlsx_next_row() or xlsx_close(). */
struct xlsx_row {
	const char **cells;   /* n_cells NUL-terminated UTF-8 strings; "" for an empty cell */
	size_t n_cells;       /* the last non-empty column + 1, so at least 1 */
	unsigned long number; /* 1-based row number in the sheet */
};

struct xlsx_reader;

/* Opens the workbook at `path` and prepares its first worksheet: reads the relationships, the
 * workbook, the styles and the shared strings. Returns the reader, or NULL with a lowercase message
 * in `err` (`errlen` bytes, may be 0) and the reason in *fault (when `fault` is not NULL) when the
 * file cannot be read, is not an xlsx workbook, breaks a limit or memory runs out. Free it with
 * xlsx_close(). */
struct xlsx_reader *xlsx_open(const char *path, char *err, size_t errlen, struct read_fault *fault);

/* Like xlsx_open() for the `n` bytes at `data`, which must stay valid and unchanged until
 * xlsx_close(). */
struct xlsx_reader *xlsx_open_mem(const void *data, size_t n, char *err, size_t errlen,
                                  struct read_fault *fault);

/* Reads the next row that has a value into *row. Returns 1 with a row, 0 at the end of the sheet,
 * -1 on an error (malformed XML, a limit exceeded, a bad shared string index, a read error, out of
 * memory); xlsx_error() then tells which. After an error the reader stays failed. */
int xlsx_next_row(struct xlsx_reader *r, struct xlsx_row *row);

/* The last error as a lowercase message, e.g. "xl/worksheets/sheet2.xml: row 7: shared string
 * index 99 out of range"; "" when there was none. Valid until xlsx_close(). */
const char *xlsx_error(const struct xlsx_reader *r);

/* The last error as a code and a place (the sheet row and column being read); code READ_OK
 * when there was none. Valid until xlsx_close(). */
const struct read_fault *xlsx_fault(const struct xlsx_reader *r);

/* The name of the sheet being read, e.g. "企业名单". */
const char *xlsx_sheet_name(const struct xlsx_reader *r);

/* Closes the workbook and frees the reader and everything it returned; xlsx_close(NULL) is a
 * no-op. */
void xlsx_close(struct xlsx_reader *r);

#endif
