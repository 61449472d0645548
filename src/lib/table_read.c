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

/* The format the first `n` bytes at `p` announce: TABLE_XLSX for a zip, TABLE_CSV otherwise; -1
 * for an OLE2 compound file (.xls, or an encrypted .xlsx). */
static int sniff(const unsigned char *p, size_t n)
{
	static const unsigned char ole2[8] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return TABLE_XLSX;
	if (n >= 8 && memcmp(p, ole2, 8) == 0)
		return -1;
	return TABLE_CSV;
}

/* The message for an OLE2 file. */
static const char ole2_message[] = "the file is a legacy .xls or a password-protected workbook, "
                                   "save it as .xlsx without a password";

struct table_reader *table_open_file(const char *path, char *err, size_t errlen)
{
	unsigned char head[8];
	struct table_reader *t = yq_calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		goto out_free;
	}
	size_t n = fread(head, 1, sizeof head, f);
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s", path);
		goto out_close;
	}
	int format = sniff(head, n);
	if (format < 0) {
		snprintf(err, errlen, "%s", ole2_message);
		goto out_close;
	}
	t->format = (enum table_format)format;
	if (t->format == TABLE_XLSX) {
		fclose(f);
		t->xlsx = xlsx_open(path, err, errlen);
		if (!t->xlsx)
			goto out_free;
		return t;
	}
	rewind(f);
	t->csv = csv_open_file(f);
	if (!t->csv) {
		snprintf(err, errlen, "out of memory");
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

struct table_reader *table_open_mem(const void *data, size_t n, char *err, size_t errlen)
{
	struct table_reader *t = yq_calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	int format = sniff(data, n);
	if (format < 0) {
		snprintf(err, errlen, "%s", ole2_message);
		goto out_free;
	}
	t->format = (enum table_format)format;
	if (t->format == TABLE_XLSX) {
		t->xlsx = xlsx_open_mem(data, n, err, errlen);
		if (!t->xlsx)
			goto out_free;
	} else {
		t->csv = csv_open_mem(data, n);
		if (!t->csv) {
			snprintf(err, errlen, "out of memory");
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
		if (t->format == TABLE_XLSX) {
			struct xlsx_row xr;
			rc = xlsx_next_row(t->xlsx, &xr);
			if (rc == 1) {
				row->cells = xr.cells;
				row->n_cells = xr.n_cells;
				row->number = xr.number;
			}
		} else {
			struct csv_record cr;
			rc = csv_next(t->csv, &cr);
			if (rc == 1) {
				row->cells = cr.fields;
				row->n_cells = cr.n_fields;
				row->number = cr.number;
			}
		}
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
