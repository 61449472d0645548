/* read_err: why a table file could not be read, as a code and a place, shared by the CSV and XLSX
 * readers so that an importer can tell its user in the user's language (the readers' own messages
 * are English, for the log). */
#ifndef YQ_LIB_READ_ERR_H
#define YQ_LIB_READ_ERR_H
#include <stdarg.h>
#include <stddef.h>

enum read_err {
	READ_OK = 0,
	READ_ERR_IO,        /* the file cannot be opened or read */
	READ_ERR_NOMEM,     /* out of memory */
	READ_ERR_XLS,       /* a legacy .xls workbook (OLE2) */
	READ_ERR_ENCRYPTED, /* a workbook protected by a password */
	READ_ERR_NOT_XLSX,  /* a zip that is not a readable workbook */
	READ_ERR_TOO_LARGE, /* a part larger, or compressed more, than the limits (zip bomb) */
	READ_ERR_DOCTYPE,   /* an XML part with a document type declaration */
	READ_ERR_XML,       /* an XML part that is not well-formed */
	READ_ERR_UTF16,     /* UTF-16 text */
	READ_ERR_ENCODING,  /* text not valid in the detected encoding (UTF-8 or GB18030) */
	READ_ERR_NUL,       /* a NUL byte in the text */
	READ_ERR_CELL_LONG, /* a field or cell longer than `limit` bytes */
	READ_ERR_ROW_LONG,  /* a record or row longer than `limit` bytes */
	READ_ERR_COLUMNS,   /* more than `limit` columns */
	READ_ERR_ROWS,      /* more than `limit` rows */
	READ_ERR_QUOTE,     /* a quoted field not closed by the end of the file */
	READ_ERR_CELL,      /* a malformed cell: a bad reference, a shared string out of range */
};

/* The last error of a reader: what, and where when it concerns a place. */
struct read_fault {
	enum read_err code;
	unsigned long row;   /* the 1-based row a spreadsheet shows (a CSV record), 0 if none */
	unsigned long col;   /* the 1-based column, 0 if none */
	unsigned long limit; /* the limit exceeded, for the *_LONG, COLUMNS and ROWS codes */
};

/* Records a reader's fault in f: its code, place and limit, and the printf-style message (in
 * English, for the log) in err. */
__attribute__((format(printf, 8, 0))) void read_fault_vset(struct read_fault *f, char *err,
                                                           size_t errlen, enum read_err code,
                                                           unsigned long row, unsigned long col,
                                                           unsigned long limit, const char *fmt,
                                                           va_list ap);

#endif
