/* csv: a streaming, bounded CSV reader (RFC 4180) that yields UTF-8, and the one field writer
 * of the CSV exports.
 *
 * Records are separated by CRLF, LF or a lone CR; fields by commas; a field in double quotes may
 * hold commas, line breaks and "" (one quote). Lenient where Excel is: a quote inside an unquoted
 * field is kept as is, and text after a closing quote is appended to the field. Physically empty
 * lines are skipped (a line of commas is a record of empty fields).
 *
 * Encoding: a UTF-8 byte order mark is skipped. The first 64 KiB are sniffed: valid UTF-8 is read
 * as UTF-8, anything else as GB18030 (the superset of GBK that Excel on Chinese Windows writes) and
 * converted to UTF-8 with iconv. When the sniffed bytes were plain ASCII, the first record that is
 * not valid UTF-8 switches the reader to GB18030. UTF-16 input (a UTF-16 byte order mark, or a
 * record whose NUL bytes sit next to its commas) is refused with an error.
 *
 * Limits (errors, never crashes): CSV_MAX_FIELD bytes per field, CSV_MAX_COLUMNS fields per
 * record, CSV_MAX_RECORD bytes per record, all counted on the input bytes. After an error the
 * reader stays failed. */
#ifndef YQ_LIB_CSV_H
#define YQ_LIB_CSV_H
#include <stddef.h>
#include <stdio.h>
#include "lib/read_err.h"

struct strbuf;

#define CSV_MAX_FIELD   (64 * 1024)
#define CSV_MAX_COLUMNS 256
#define CSV_MAX_RECORD  (1024 * 1024)

/* The encoding a reader detected. */
enum csv_encoding {
	CSV_ENC_UTF8 = 0, /* UTF-8 (or plain ASCII), with or without a byte order mark */
	CSV_ENC_GB18030,  /* GB18030 / GBK / GB2312, converted to UTF-8 */
};

/* One record, as csv_next() fills it. The strings belong to the reader and stay valid until the
 * next call to csv_next() or csv_free(). */
struct csv_record {
	const char **fields;  /* n_fields NUL-terminated UTF-8 strings, without NUL bytes inside */
	size_t n_fields;      /* at least 1 */
	unsigned long line;   /* 1-based physical line on which the record starts */
	unsigned long number; /* 1-based record number, counting skipped empty lines: the row a
	                         spreadsheet shows for it when no earlier field held a line break */
};

struct csv_reader;

/* Allocates a reader over the `n` bytes at `data`, which must stay valid and unchanged until
 * csv_free(). Returns NULL when out of memory. */
struct csv_reader *csv_open_mem(const char *data, size_t n);

/* Allocates a reader that reads `f` from its current position, 64 KiB at a time. The caller keeps
 * ownership of `f` and closes it after csv_free(). Returns NULL when out of memory. */
struct csv_reader *csv_open_file(FILE *f);

/* Reads the next record into *rec. Returns 1 with a record, 0 at the end of the input, -1 on an
 * error (a limit exceeded, an unterminated quoted field, a NUL byte, text that is not valid in the
 * detected encoding, a read error, out of memory); csv_error() then tells which. */
int csv_next(struct csv_reader *r, struct csv_record *rec);

/* The last error as a lowercase message naming the line, e.g. "line 7: more than 256 columns";
 * "" when there was none. Valid until csv_free(). */
const char *csv_error(const struct csv_reader *r);

/* The last error as a code and a place (the record number as `row`, the field as `col`);
 * code READ_OK when there was none. Valid until csv_free(). */
const struct read_fault *csv_fault(const struct csv_reader *r);

/* The encoding detected so far (final once csv_next() has returned 0). */
enum csv_encoding csv_encoding(const struct csv_reader *r);

/* "utf-8" or "gb18030". */
const char *csv_encoding_name(enum csv_encoding e);

/* Frees the reader and everything it returned; csv_free(NULL) is a no-op. */
void csv_free(struct csv_reader *r);

/* ---- writing ----
 * Exports are opened in spreadsheets, which run a cell that looks like a formula (CSV injection).
 * Following OWASP, a field that starts with '=', '+', '-', '@', a tab or a carriage return is
 * written with a leading apostrophe, which the spreadsheet shows as text and importers of this
 * program drop again (csv_unprotect); in a number column a plain number such as "-12.5" is left
 * as it is. */

/* What a column holds. */
enum csv_column { CSV_TEXT, CSV_NUMBER };

/* 1 when a spreadsheet would read text `s` as a formula (its first byte is one of = + - @ tab CR),
 * unless `col` is CSV_NUMBER and `s` is a plain decimal number ("-12", "-0.5"). */
int csv_needs_guard(const char *s, enum csv_column col);

/* Appends `s` (NULL for an empty field) to `sb` as one field: guarded as above, and in double
 * quotes (inner quotes doubled) when it holds a comma, a quote, a line break or the guard, or
 * starts with a digit and is longer than 11 characters (a code, not a number). */
void csv_put_field(struct strbuf *sb, const char *s, enum csv_column col);

/* The text a guarded field stood for: `s` without the apostrophe csv_put_field added (an
 * apostrophe followed by one of = + - @ tab CR), else `s` itself. */
const char *csv_unprotect(const char *s);

#endif
