/* Streaming, bounded CSV reader with UTF-8 / GB18030 detection (see csv.h). */
#include "lib/csv.h"
#include "lib/alloc.h"
#include "lib/strbuf.h"
#include "lib/utf8.h"
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* Bytes read from a file at a time; a build may lower it to test reads across chunk ends. */
#ifndef CSV_READ_CHUNK
#define CSV_READ_CHUNK (64 * 1024)
#endif
#define CHUNK         CSV_READ_CHUNK
#define SNIFF_LEN     (64 * 1024) /* bytes looked at to choose the encoding */
#define BYTE_EOF      (-1)
#define BYTE_ERR      (-2)
#define NOT_CONVERTED SIZE_MAX

struct csv_reader {
	/* Input: either a memory buffer or a file read through `chunk`. */
	FILE *file;                /* NULL for a memory reader */
	const unsigned char *data; /* memory: the whole input; file: `chunk` */
	size_t len;                /* bytes in `data` */
	size_t pos;                /* next byte to read in `data` */
	unsigned char *chunk;      /* file buffer of CHUNK bytes; NULL for a memory reader */
	int eof;                   /* file: no more bytes to read from `file` */

	int started;           /* the encoding was sniffed and the BOM skipped */
	enum csv_encoding enc; /* the encoding in use */
	int enc_final;         /* 0 while only ASCII has been seen, so `enc` may still change */
	iconv_t cd;            /* GB18030 -> UTF-8, or (iconv_t)-1 before first use */

	unsigned long line;      /* physical line of the next byte, 1-based */
	unsigned long number;    /* records returned, plus empty lines skipped */
	int failed;              /* an error happened; every later csv_next() fails */
	int done;                /* the end was reached */
	char err[160];           /* the error message, "" when none */
	struct read_fault fault; /* the error as a code and a place */

	/* The current record: the input bytes of each field followed by a NUL in `raw`, field i
	 * starting at raw.buf + starts[i]. Converted fields are in `conv` at conv_off[i]. */
	struct strbuf raw;
	size_t starts[CSV_MAX_COLUMNS];
	size_t conv_off[CSV_MAX_COLUMNS];
	size_t n;
	char *conv; /* conversion output, `conv_alloc` bytes */
	size_t conv_len, conv_alloc;
	const char *fields[CSV_MAX_COLUMNS];
};

/* Records the error (code, the column `col` of the record being read or 0, the limit exceeded
 * or 0, and a printf-style message) and marks the reader failed. Returns -1. */
__attribute__((format(printf, 5, 6))) static int fail(struct csv_reader *r, enum read_err code,
                                                      size_t col, unsigned long limit,
                                                      const char *fmt, ...)
{
	/* the record being read is the next number; an error before the first has no place */
	unsigned long row = code == READ_ERR_IO || code == READ_ERR_NOMEM || code == READ_ERR_UTF16
	                        ? 0
	                        : r->number + 1;
	va_list ap;
	va_start(ap, fmt);
	read_fault_vset(&r->fault, r->err, sizeof r->err, code, row, col, limit, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

/* Allocates a reader with empty record buffers; NULL when out of memory. */
static struct csv_reader *reader_new(void)
{
	struct csv_reader *r = yq_calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->cd = (iconv_t)-1;
	r->line = 1;
	strbuf_init(&r->raw, CSV_MAX_RECORD + CSV_MAX_COLUMNS);
	return r;
}

struct csv_reader *csv_open_mem(const char *data, size_t n)
{
	struct csv_reader *r = reader_new();
	if (!r)
		return NULL;
	r->data = (const unsigned char *)data;
	r->len = n;
	return r;
}

struct csv_reader *csv_open_file(FILE *f)
{
	struct csv_reader *r = reader_new();
	if (!r)
		return NULL;
	r->chunk = yq_malloc(CHUNK);
	if (!r->chunk) {
		yq_free(r);
		return NULL;
	}
	r->file = f;
	r->data = r->chunk;
	return r;
}

void csv_free(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	strbuf_release(&r->raw);
	yq_free(r->conv);
	yq_free(r->chunk);
	yq_free(r);
}

const char *csv_error(const struct csv_reader *r)
{
	return r->err;
}

const struct read_fault *csv_fault(const struct csv_reader *r)
{
	return &r->fault;
}

enum csv_encoding csv_encoding(const struct csv_reader *r)
{
	return r->enc;
}

const char *csv_encoding_name(enum csv_encoding e)
{
	return e == CSV_ENC_GB18030 ? "gb18030" : "utf-8";
}

/* File readers: moves the unread bytes to the front of `chunk` and reads until it is full or the
 * file ends. Returns 0, or -1 on a read error. */
static int refill(struct csv_reader *r)
{
	size_t keep = r->len - r->pos;
	if (keep && r->pos)
		memmove(r->chunk, r->chunk + r->pos, keep);
	r->len = keep;
	r->pos = 0;
	while (!r->eof && r->len < CHUNK) {
		size_t got = fread(r->chunk + r->len, 1, CHUNK - r->len, r->file);
		r->len += got;
		if (got == 0) {
			if (ferror(r->file))
				return -1;
			r->eof = 1;
		}
	}
	return 0;
}

/* Returns the next byte without consuming it, BYTE_EOF at the end, BYTE_ERR on a read error. */
static int peek_byte(struct csv_reader *r)
{
	if (r->pos < r->len)
		return r->data[r->pos];
	if (!r->file || r->eof)
		return BYTE_EOF;
	if (refill(r) < 0)
		return BYTE_ERR;
	return r->pos < r->len ? r->data[r->pos] : BYTE_EOF;
}

/* Returns and consumes the next byte, or BYTE_EOF / BYTE_ERR. */
static int get_byte(struct csv_reader *r)
{
	int c = peek_byte(r);
	if (c >= 0)
		r->pos++;
	return c;
}

/* Classifies the `n` bytes at `p`: 0 plain ASCII, 1 valid UTF-8 with non-ASCII characters, 2 not
 * UTF-8. When `partial`, a sequence cut by the end of the window is not held against UTF-8. */
static int sniff(const unsigned char *p, size_t n, int partial)
{
	int non_ascii = 0;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int len = utf8_decode(p + i, n - i, &cp);
		if (len < 0) {
			if (partial && n - i < 4)
				break;
			return 2;
		}
		non_ascii = 1;
		i += (size_t)len;
	}
	return non_ascii;
}

/* First csv_next(): reads the first window, skips a UTF-8 BOM, refuses UTF-16 with a BOM and
 * chooses the encoding. Returns 0 or -1. */
static int start(struct csv_reader *r)
{
	r->started = 1;
	if (r->file && refill(r) < 0)
		return fail(r, READ_ERR_IO, 0, 0, "read error");
	const unsigned char *p = r->data;
	if (r->len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return fail(r, READ_ERR_UTF16, 0, 0,
		            "utf-16 text is not supported, save the file as csv utf-8");
	if (r->len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		r->pos = 3;
		r->enc = CSV_ENC_UTF8;
		r->enc_final = 1;
		return 0;
	}
	size_t n = r->len < SNIFF_LEN ? r->len : SNIFF_LEN;
	int partial = n < r->len || (r->file && !r->eof);
	switch (sniff(p, n, partial)) {
	case 0:
		r->enc = CSV_ENC_UTF8;
		r->enc_final = 0;
		break;
	case 1:
		r->enc = CSV_ENC_UTF8;
		r->enc_final = 1;
		break;
	default:
		r->enc = CSV_ENC_GB18030;
		r->enc_final = 1;
		break;
	}
	return 0;
}

/* Makes room for `need` more bytes in the conversion buffer. Returns 0 or -1. */
static int conv_reserve(struct csv_reader *r, size_t need)
{
	if (r->conv_len + need <= r->conv_alloc)
		return 0;
	size_t n = r->conv_alloc ? r->conv_alloc : 4096;
	while (n < r->conv_len + need)
		n *= 2;
	char *p = yq_realloc(r->conv, n);
	if (!p)
		return -1;
	r->conv = p;
	r->conv_alloc = n;
	return 0;
}

/* Converts field `i` (`len` bytes at `in`) from GB18030 into the conversion buffer and records its
 * offset. Returns 0 or -1 (error recorded). */
static int convert_field(struct csv_reader *r, size_t i, const char *in, size_t len,
                         unsigned long line)
{
	if (r->cd == (iconv_t)-1) {
		r->cd = iconv_open("UTF-8", "GB18030");
		if (r->cd == (iconv_t)-1)
			return fail(r, READ_ERR_NOMEM, 0, 0, "gb18030 conversion is not available");
	}
	/* A GB18030 character of 1, 2 or 4 bytes becomes at most 1, 3 or 4 UTF-8 bytes. */
	if (len > SIZE_MAX / 2 - 1 || conv_reserve(r, len * 2 + 1) < 0)
		return fail(r, READ_ERR_NOMEM, 0, 0, "out of memory");
	iconv(r->cd, NULL, NULL, NULL, NULL);
	char *src = (char *)in;
	size_t src_left = len;
	char *dst = r->conv + r->conv_len;
	size_t dst_left = len * 2;
	if (iconv(r->cd, &src, &src_left, &dst, &dst_left) == (size_t)-1)
		return fail(r, READ_ERR_ENCODING, i + 1, 0,
		            "line %lu: field %zu is not valid gb18030 text", line, i + 1);
	size_t out = len * 2 - dst_left;
	r->conv_off[i] = r->conv_len;
	r->conv[r->conv_len + out] = 0;
	r->conv_len += out + 1;
	return 0;
}

/* 1 if the `n` bytes at `s` are all ASCII. */
static int all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* 1 if the current record, which holds a NUL byte, is UTF-16 read as bytes: two NUL bytes or
 * more, one of them right after a comma (the high byte of a UTF-16LE comma starts the next field)
 * or right before one (UTF-16BE). Decided on the record alone, so it does not depend on how much
 * of the input was read. */
static int utf16_record(const struct csv_reader *r)
{
	int edge = 0;
	size_t nuls = 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *f = r->raw.buf + r->starts[i];
		size_t len = (i + 1 < r->n ? r->starts[i + 1] : r->raw.len) - r->starts[i] - 1;
		edge |= len && ((i > 0 && f[0] == 0) || (i + 1 < r->n && f[len - 1] == 0));
		for (size_t k = 0; k < len; k++)
			nuls += f[k] == 0;
	}
	return edge && nuls >= 2;
}

/* Turns the raw fields of the current record into UTF-8 and fills `fields`. Returns 0 or -1. */
static int decode_record(struct csv_reader *r, unsigned long line)
{
	r->conv_len = 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *s = r->raw.buf + r->starts[i];
		size_t len = (i + 1 < r->n ? r->starts[i + 1] : r->raw.len) - r->starts[i] - 1;
		r->conv_off[i] = NOT_CONVERTED;
		if (memchr(s, 0, len) && utf16_record(r))
			return fail(
			    r, READ_ERR_UTF16, 0, 0,
			    "line %lu: utf-16 text is not supported, save the file as csv utf-8",
			    line);
		if (memchr(s, 0, len))
			return fail(r, READ_ERR_NUL, i + 1, 0,
			            "line %lu: field %zu contains a nul byte", line, i + 1);
		if (all_ascii(s, len))
			continue;
		if (r->enc == CSV_ENC_UTF8) {
			if (utf8_valid(s, len)) {
				r->enc_final = 1;
				continue;
			}
			if (r->enc_final)
				return fail(r, READ_ERR_ENCODING, i + 1, 0,
				            "line %lu: field %zu is not valid utf-8 text", line,
				            i + 1);
			r->enc = CSV_ENC_GB18030;
			r->enc_final = 1;
		}
		if (convert_field(r, i, s, len, line) < 0)
			return -1;
	}
	for (size_t i = 0; i < r->n; i++)
		r->fields[i] = r->conv_off[i] == NOT_CONVERTED ? r->raw.buf + r->starts[i]
		                                               : r->conv + r->conv_off[i];
	return 0;
}

/* Appends byte `c` to the field being read. Returns 0, or -1 when a limit is exceeded. */
static int add_byte(struct csv_reader *r, int c)
{
	size_t field_len = r->raw.len - r->starts[r->n];
	if (field_len >= CSV_MAX_FIELD)
		return fail(r, READ_ERR_CELL_LONG, r->n + 1, CSV_MAX_FIELD,
		            "line %lu: field %zu is longer than %d bytes", r->line, r->n + 1,
		            CSV_MAX_FIELD);
	if (r->raw.len - r->n >= CSV_MAX_RECORD)
		return fail(r, READ_ERR_ROW_LONG, 0, CSV_MAX_RECORD,
		            "line %lu: record is longer than %d bytes", r->line, CSV_MAX_RECORD);
	if (strbuf_addch(&r->raw, (char)c) < 0)
		return fail(r, READ_ERR_NOMEM, 0, 0, "out of memory");
	return 0;
}

/* Consumes the '\n' of a CRLF after a '\r' was read, and counts the line. */
static void end_line_cr(struct csv_reader *r)
{
	if (peek_byte(r) == '\n')
		r->pos++;
	r->line++;
}

/* Reads the bytes of the current record into `raw` (the first byte is not a line break and not
 * the end). Returns 0 or -1. */
static int read_record(struct csv_reader *r, unsigned long rec_line)
{
	int c;
	r->n = 0;
	for (;;) {
		r->starts[r->n] = r->raw.len;
		c = get_byte(r);
		if (c == '"') {
			for (;;) {
				c = get_byte(r);
				if (c == BYTE_ERR)
					return fail(r, READ_ERR_IO, 0, 0, "read error");
				if (c == BYTE_EOF)
					return fail(
					    r, READ_ERR_QUOTE, r->n + 1, 0,
					    "line %lu: quoted field is not closed by the end "
					    "of the file",
					    rec_line);
				if (c == '"') {
					if (peek_byte(r) != '"')
						break;
					r->pos++;
				} else if (c == '\n') {
					r->line++;
				} else if (c == '\r' && peek_byte(r) != '\n') {
					r->line++;
				}
				if (add_byte(r, c) < 0)
					return -1;
			}
			c = get_byte(r);
		}
		/* Unquoted text, or what follows a closing quote. */
		while (c != ',' && c != '\r' && c != '\n' && c != BYTE_EOF) {
			if (c == BYTE_ERR)
				return fail(r, READ_ERR_IO, 0, 0, "read error");
			if (add_byte(r, c) < 0)
				return -1;
			c = get_byte(r);
		}
		if (strbuf_addch(&r->raw, 0) < 0)
			return fail(r, READ_ERR_NOMEM, 0, 0, "out of memory");
		r->n++;
		if (c != ',')
			break;
		if (r->n >= CSV_MAX_COLUMNS)
			return fail(r, READ_ERR_COLUMNS, 0, CSV_MAX_COLUMNS,
			            "line %lu: more than %d columns", r->line, CSV_MAX_COLUMNS);
	}
	if (c == '\r')
		end_line_cr(r);
	else if (c == '\n')
		r->line++;
	return 0;
}

int csv_next(struct csv_reader *r, struct csv_record *rec)
{
	if (r->failed)
		return -1;
	if (r->done)
		return 0;
	if (!r->started && start(r) < 0)
		return -1;
	for (;;) {
		int c = peek_byte(r);
		if (c == BYTE_ERR)
			return fail(r, READ_ERR_IO, 0, 0, "read error");
		if (c == BYTE_EOF) {
			r->done = 1;
			return 0;
		}
		if (c == '\n' || c == '\r') {
			r->pos++;
			if (c == '\r')
				end_line_cr(r);
			else
				r->line++;
			r->number++;
			continue;
		}
		break;
	}
	unsigned long rec_line = r->line;
	strbuf_reset(&r->raw);
	if (read_record(r, rec_line) < 0 || decode_record(r, rec_line) < 0)
		return -1;
	r->number++;
	rec->fields = r->fields;
	rec->n_fields = r->n;
	rec->line = rec_line;
	rec->number = r->number;
	return 1;
}

/* ---- writing ---- */

/* 1 if `s` is a plain decimal number: an optional sign, digits, an optional fraction. */
static int plain_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	const char *digits = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == digits)
		return 0;
	if (*p == '.') {
		const char *frac = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == frac)
			return 0;
	}
	return *p == 0;
}

int csv_needs_guard(const char *s, enum csv_column col)
{
	if (!s || !strchr("=+-@\t\r", s[0]) || !s[0])
		return 0;
	return !(col == CSV_NUMBER && plain_number(s));
}

void csv_put_field(struct strbuf *sb, const char *s, enum csv_column col)
{
	if (!s)
		s = "";
	int guard = csv_needs_guard(s, col);
	size_t n = strlen(s);
	int long_code = s[0] >= '0' && s[0] <= '9' && n > 11; /* kept as text, not a number */
	if (!guard && !long_code && !strpbrk(s, ",\"\r\n")) {
		strbuf_add(sb, s, n);
		return;
	}
	strbuf_addch(sb, '"');
	if (guard)
		strbuf_addch(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '"');
}

const char *csv_unprotect(const char *s)
{
	return s && s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]) ? s + 1 : s;
}
