/* One row interface over the CSV and XLSX readers, chosen by sniffing (see table_read.h). */
#include "lib/table_read.h"
#include "lib/alloc.h"
#include "lib/csv.h"
#include "lib/xlsx_read.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct table_reader {
	enum table_format format;
	struct csv_reader *csv;   /* TABLE_CSV */
	FILE *file;               /* TABLE_CSV from a file: owned */
	struct xlsx_reader *xlsx; /* TABLE_XLSX */
};

/* Sets *fault (when not NULL) to `code` without a place. */
static void set_fault(struct read_fault *fault, enum read_err code)
{
	if (fault)
		*fault = (struct read_fault){.code = code};
}

#define SNIFF_BYTES 4096 /* the bytes looked at to tell the kind of file */
#define SNIFF_OLE2  (-1)
#define SNIFF_UTF16 (-2)

/* 1 if the `n` bytes at `p` look like UTF-16 text without a byte order mark: NUL bytes (never
 * in CSV text), at least two, nearly all at even or nearly all at odd offsets (the high bytes of
 * the ASCII commas, digits and line breaks; a character U+xx00 puts one on the other side). */
static int utf16_without_bom(const unsigned char *p, size_t n)
{
	size_t zeros[2] = {0, 0};
	for (size_t i = 0; i < n; i++)
		zeros[i % 2] += p[i] == 0;
	size_t hi = zeros[0] > zeros[1] ? zeros[0] : zeros[1];
	size_t lo = zeros[0] > zeros[1] ? zeros[1] : zeros[0];
	return hi >= 2 && lo * 4 < hi;
}

/* The format the first `n` bytes at `p` (up to SNIFF_BYTES) announce: TABLE_XLSX for a zip,
 * TABLE_CSV otherwise; SNIFF_OLE2 for an OLE2 compound file (.xls, or an encrypted .xlsx) and
 * SNIFF_UTF16 for UTF-16 text, which are refused. */
static int sniff(const unsigned char *p, size_t n)
{
	static const unsigned char ole2[8] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return TABLE_XLSX;
	if (n >= 8 && memcmp(p, ole2, 8) == 0)
		return SNIFF_OLE2;
	if ((n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff))) ||
	    utf16_without_bom(p, n < SNIFF_BYTES ? n : SNIFF_BYTES))
		return SNIFF_UTF16;
	return TABLE_CSV;
}

/* Fills err and *fault for UTF-16 text. */
static void utf16_error(char *err, size_t errlen, struct read_fault *fault)
{
	snprintf(err, errlen, "utf-16 text is not supported, save the file as csv utf-8");
	set_fault(fault, READ_ERR_UTF16);
}

/* "EncryptedPackage" in UTF-16LE: the stream of a password-protected OOXML workbook, named in
 * the directory of its OLE2 container. */
static const char encrypted_name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
#define ENCRYPTED_NAME_LEN (sizeof encrypted_name - 1)

/* Fills err and *fault for an OLE2 file: encrypted when its bytes name the encrypted stream. */
static void ole2_error(int encrypted, char *err, size_t errlen, struct read_fault *fault)
{
	if (encrypted)
		snprintf(err, errlen,
		         "the workbook is protected by a password, save it as .xlsx "
		         "without a password");
	else
		snprintf(err, errlen, "the file is a legacy .xls workbook, save it as .xlsx");
	set_fault(fault, encrypted ? READ_ERR_ENCRYPTED : READ_ERR_XLS);
}

/* 1 if the OLE2 file `f` names the encrypted stream, read in chunks from the start. */
static int ole2_encrypted_file(FILE *f)
{
	char buf[65536];
	size_t keep = 0, got;
	rewind(f);
	while ((got = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
		size_t n = keep + got;
		if (memmem(buf, n, encrypted_name, ENCRYPTED_NAME_LEN))
			return 1;
		keep = n < ENCRYPTED_NAME_LEN ? n : ENCRYPTED_NAME_LEN - 1;
		memmove(buf, buf + n - keep, keep);
	}
	return 0;
}

/* Fills err and *fault for memory that ran out. */
static void nomem_error(char *err, size_t errlen, struct read_fault *fault)
{
	snprintf(err, errlen, "out of memory");
	set_fault(fault, READ_ERR_NOMEM);
}

/* A new reader with *fault cleared, or NULL (out of memory, reported). */
static struct table_reader *reader_new(char *err, size_t errlen, struct read_fault *fault)
{
	set_fault(fault, READ_OK);
	struct table_reader *t = yq_calloc(1, sizeof *t);
	if (!t)
		nomem_error(err, errlen, fault);
	return t;
}

/* The sniffed `format` as a table format, or -1 with err and *fault filled for what neither
 * reader reads: an OLE2 workbook (`encrypted` when it names the encrypted stream) or UTF-16
 * text. */
static int readable_format(int format, int encrypted, char *err, size_t errlen,
                           struct read_fault *fault)
{
	if (format == SNIFF_OLE2) {
		ole2_error(encrypted, err, errlen, fault);
		return -1;
	}
	if (format == SNIFF_UTF16) {
		utf16_error(err, errlen, fault);
		return -1;
	}
	return format;
}

struct table_reader *table_open_file(const char *path, char *err, size_t errlen,
                                     struct read_fault *fault)
{
	unsigned char head[SNIFF_BYTES];
	struct table_reader *t = reader_new(err, errlen, fault);
	if (!t)
		return NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		set_fault(fault, READ_ERR_IO);
		goto out_free;
	}
	size_t n = fread(head, 1, sizeof head, f);
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s", path);
		set_fault(fault, READ_ERR_IO);
		goto out_close;
	}
	int format = sniff(head, n);
	format = readable_format(format, format == SNIFF_OLE2 && ole2_encrypted_file(f), err,
	                         errlen, fault);
	if (format < 0)
		goto out_close;
	t->format = (enum table_format)format;
	if (t->format == TABLE_XLSX) {
		fclose(f);
		t->xlsx = xlsx_open(path, err, errlen, fault);
		if (!t->xlsx)
			goto out_free;
		return t;
	}
	rewind(f);
	t->csv = csv_open_file(f);
	if (!t->csv) {
		nomem_error(err, errlen, fault);
		goto out_close;
	}
	t->file = f;
	return t;
out_close:
	fclose(f);
out_free:
	yq_free(t);
	return NULL;
}

struct table_reader *table_open_mem(const void *data, size_t n, char *err, size_t errlen,
                                    struct read_fault *fault)
{
	struct table_reader *t = reader_new(err, errlen, fault);
	if (!t)
		return NULL;
	int format = sniff(data, n);
	format = readable_format(
	    format, format == SNIFF_OLE2 && memmem(data, n, encrypted_name, ENCRYPTED_NAME_LEN),
	    err, errlen, fault);
	if (format < 0)
		goto out_free;
	t->format = (enum table_format)format;
	if (t->format == TABLE_XLSX) {
		t->xlsx = xlsx_open_mem(data, n, err, errlen, fault);
		if (!t->xlsx)
			goto out_free;
	} else {
		t->csv = csv_open_mem(data, n);
		if (!t->csv) {
			nomem_error(err, errlen, fault);
			goto out_free;
		}
	}
	return t;
out_free:
	yq_free(t);
	return NULL;
}

/* Drops trailing empty cells; returns 1 if a non-empty cell remains, 0 for a blank row. */
static int trim_row(struct table_row *row)
{
	while (row->n_cells > 0 && row->cells[row->n_cells - 1][0] == 0)
		row->n_cells--;
	if (row->n_cells == 0) {
		row->n_cells = 1;
		return 0;
	}
	return 1;
}

int table_next(struct table_reader *t, struct table_row *row)
{
	for (;;) {
		int rc;
		struct xlsx_row xr;
		struct csv_record cr;
		if (t->format == TABLE_XLSX) {
			if ((rc = xlsx_next_row(t->xlsx, &xr)) == 1)
				*row = (struct table_row){xr.cells, xr.n_cells, xr.number};
		} else if ((rc = csv_next(t->csv, &cr)) == 1)
			*row = (struct table_row){cr.fields, cr.n_fields, cr.number};
		if (rc != 1)
			return rc;
		if (trim_row(row))
			return 1;
	}
}

const char *table_error(const struct table_reader *t)
{
	return t->format == TABLE_XLSX ? xlsx_error(t->xlsx) : csv_error(t->csv);
}

const struct read_fault *table_fault(const struct table_reader *t)
{
	return t->format == TABLE_XLSX ? xlsx_fault(t->xlsx) : csv_fault(t->csv);
}

/* n with a comma every three digits, "1,048,576", into buf. */
static const char *thousands(unsigned long n, char buf[32])
{
	char d[24];
	int len = snprintf(d, sizeof d, "%lu", n), o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = d[i];
	}
	buf[o] = 0;
	return buf;
}

/* How a fault's message is put together: [place][：]text[limit text_after], the place being
 * "第R行第C列" / "row R, column C: " when the fault has one. */
enum {
	TEXT_PLACED = 1, /* after the place */
	TEXT_SEP = 2,    /* with "：" after a place (zh) */
	TEXT_FILE = 4,   /* "文件" in place of a missing place (zh) */
	TEXT_LIMIT = 8,  /* the limit, written 1,048,576, then text_after */
};

/* The message of each fault, in Chinese and English; READ_OK stands for an unknown one. */
static const struct {
	const char *zh, *zh_after, *en, *en_after;
	int how;
} fault_text[] = {
    [READ_OK] = {"文件格式错误，无法读取", "", "the file is malformed and cannot be read", "", 0},
    [READ_ERR_IO] = {"无法读取文件", "", "cannot read the file", "", 0},
    [READ_ERR_NOMEM] = {"内存不足，无法读取文件，请稍后重试", "",
                        "out of memory reading the file, retry later", "", 0},
    [READ_ERR_XLS] = {"这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx", "",
                      "this is a legacy .xls file: save it as .xlsx", "", 0},
    [READ_ERR_ENCRYPTED] = {"工作簿设有密码，请取消密码后另存为 .xlsx", "",
                            "the workbook has a password: remove it and save as .xlsx", "", 0},
    [READ_ERR_NOT_XLSX] = {"不是有效的 .xlsx 文件（压缩包损坏或缺少工作表）", "",
                           "not a valid .xlsx file (a broken zip or no worksheet)", "", 0},
    [READ_ERR_TOO_LARGE] = {"压缩包解压后过大，已拒绝", "",
                            "the workbook unpacks to more than the limits, refused", "", 0},
    [READ_ERR_DOCTYPE] = {"xlsx 含 DOCTYPE，已拒绝", "", "the xlsx contains a DOCTYPE, refused", "",
                          0},
    [READ_ERR_XML] = {"xlsx 内容格式错误", "", "the xlsx content is malformed", "",
                      TEXT_PLACED | TEXT_SEP},
    [READ_ERR_UTF16] = {"文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV", "",
                        "the file is UTF-16 text: save it as a UTF-8 or GBK CSV", "", 0},
    [READ_ERR_ENCODING] = {"含有无法识别的文字（应为 UTF-8 或 GBK 编码）", "",
                           "text that is neither UTF-8 nor GBK", "", TEXT_PLACED},
    [READ_ERR_NUL] = {"含空字符", "", "a NUL character", "", TEXT_PLACED | TEXT_FILE},
    [READ_ERR_CELL_LONG] = {"超过长度上限（", " 字节）", "longer than ", " bytes",
                            TEXT_PLACED | TEXT_LIMIT},
    [READ_ERR_ROW_LONG] = {"超过长度上限（整行 ", " 字节）", "the row is longer than ", " bytes",
                           TEXT_PLACED | TEXT_LIMIT},
    [READ_ERR_COLUMNS] = {"超过 ", " 列", "more than ", " columns", TEXT_PLACED | TEXT_LIMIT},
    [READ_ERR_ROWS] = {"超过 ", " 行", "more than ", " rows", TEXT_LIMIT},
    [READ_ERR_QUOTE] = {"的引号没有闭合", "", "a quoted field is not closed", "", TEXT_PLACED},
    [READ_ERR_CELL] = {"单元格格式错误", "", "a malformed cell", "", TEXT_PLACED | TEXT_SEP},
};

void table_fault_message(const struct read_fault *f, char *zh, size_t zn, char *en, size_t en_n)
{
	char lim[32], where[64] = "", where_en[64] = "";
	thousands(f->limit, lim);
	if (f->row && f->col) {
		snprintf(where, sizeof where, "第%lu行第%lu列", f->row, f->col);
		snprintf(where_en, sizeof where_en, "row %lu, column %lu: ", f->row, f->col);
	} else if (f->row) {
		snprintf(where, sizeof where, "第%lu行", f->row);
		snprintf(where_en, sizeof where_en, "row %lu: ", f->row);
	}
	size_t i = (size_t)f->code;
	if (i >= sizeof fault_text / sizeof fault_text[0] || !fault_text[i].zh)
		i = READ_OK;
	int how = fault_text[i].how;
	const char *place = "", *place_en = "", *sep = "", *limit = how & TEXT_LIMIT ? lim : "";
	if (how & TEXT_PLACED) {
		place = (how & TEXT_FILE) && !f->row ? "文件" : where;
		place_en = where_en;
		sep = (how & TEXT_SEP) && *where ? "：" : "";
	}
	snprintf(zh, zn, "%s%s%s%s%s", place, sep, fault_text[i].zh, limit, fault_text[i].zh_after);
	snprintf(en, en_n, "%s%s%s%s", place_en, fault_text[i].en, limit, fault_text[i].en_after);
}

enum table_format table_format(const struct table_reader *t)
{
	return t->format;
}

const char *table_encoding(const struct table_reader *t)
{
	return t->format == TABLE_XLSX ? "xlsx" : csv_encoding_name(csv_encoding(t->csv));
}

void table_close(struct table_reader *t)
{
	if (!t)
		return;
	xlsx_close(t->xlsx);
	csv_free(t->csv);
	if (t->file)
		fclose(t->file);
	yq_free(t);
}
