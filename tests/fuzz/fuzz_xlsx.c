/* libFuzzer driver for the XLSX reader. An input starting with "PK" is a whole workbook; any other
 * input is split at NUL bytes into the XML of the worksheet, shared strings, styles, workbook,
 * workbook relationships and package relationships, which are stored into a fresh zip, so that
 * mutations reach the XML handlers instead of breaking the deflate streams. Rows must hold valid
 * UTF-8 within the limits; errors must carry a message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lib/table_read.h"
#include "lib/utf8.h"
#include "lib/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS  "http://schemas.openxmlformats.org/package/2006/relationships"

/* Part names, and the text used when the input does not give a part. */
static const struct {
	const char *name;
	const char *fallback; /* NULL: leave the part out */
} parts[] = {
    {"xl/worksheets/sheet7.xml", NULL},
    {"xl/sharedStrings.xml", NULL},
    {"xl/styles.xml", NULL},
    {"xl/workbook.xml", "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><sheets>"
                        "<sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships xmlns=\"" PKG_NS "\">"
     "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet7.xml\"/>"
     "<Relationship Id=\"rId2\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
     "<Relationship Id=\"rId3\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/>"
     "</Relationships>"},
    {"_rels/.rels", "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"rId1\" Type=\"" REL_NS
                    "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
};
#define N_PARTS (sizeof parts / sizeof parts[0])

/* Stores the NUL-separated parts of `data` into a zip in memory. Returns a malloc'd archive and
 * its size, or NULL. */
static void *build_zip(const uint8_t *data, size_t size, size_t *out_len)
{
	zip_error_t ze;
	void *out = NULL;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto out_fini;
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!z)
		goto out_free_src;
	const uint8_t *p = data, *end = data + size;
	int more = 1; /* the input still has parts: p is the start of the next one */
	for (size_t i = 0; i < N_PARTS; i++) {
		const void *text = parts[i].fallback;
		size_t len = text ? strlen(text) : 0;
		if (more) {
			const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
			text = p;
			len = (size_t)((nul ? nul : end) - p);
			if (nul)
				p = nul + 1;
			else
				more = 0;
		}
		if (!text)
			continue;
		zip_source_t *s = zip_source_buffer(z, text, len, 0);
		zip_int64_t idx = s ? zip_file_add(z, parts[i].name, s, 0) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(z);
			goto out_free_src;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
		goto out_free_src;
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		goto out_free_src;
	out = malloc(st.size ? st.size : 1);
	if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
		free(out);
		out = NULL;
	}
	*out_len = st.size;
	zip_source_close(src);
out_free_src:
	zip_source_free(src);
out_fini:
	zip_error_fini(&ze);
	return out;
}

/* Reads every row of a workbook in memory, checking the invariants. */
static void read_book(const void *zip, size_t len)
{
	char err[256] = "";
	struct read_fault f = {READ_OK, 0, 0, 0};
	struct xlsx_reader *r = xlsx_open_mem(zip, len, err, sizeof err, &f);
	if (!r) {
		if (!err[0] || f.code == READ_OK)
			__builtin_trap();
		return;
	}
	struct xlsx_row row;
	int rc;
	while ((rc = xlsx_next_row(r, &row)) == 1) {
		if (row.n_cells < 1 || row.n_cells > XLSX_MAX_COLS || row.number < 1 ||
		    row.number > XLSX_MAX_ROWS)
			__builtin_trap();
		int any = 0;
		for (size_t i = 0; i < row.n_cells; i++) {
			size_t n = strlen(row.cells[i]);
			if (!utf8_valid(row.cells[i], n))
				__builtin_trap();
			any |= n > 0;
		}
		if (!any || row.cells[row.n_cells - 1][0] == 0)
			__builtin_trap();
	}
	if (rc == -1 && (!xlsx_error(r)[0] || xlsx_fault(r)->code == READ_OK))
		__builtin_trap();
	if (xlsx_next_row(r, &row) != rc)
		__builtin_trap();
	xlsx_close(r);
}

/* Entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		read_book(data, size);
		char err[256], zh[256], en[256];
		struct read_fault f;
		struct table_reader *t = table_open_mem(data, size, err, sizeof err, &f);
		struct table_row row;
		while (t && table_next(t, &row) == 1)
			;
		/* the message for the user names no more than the fault holds */
		table_fault_message(t ? table_fault(t) : &f, zh, sizeof zh, en, sizeof en);
		if (!zh[0] || !en[0])
			__builtin_trap();
		table_close(t);
		return 0;
	}
	size_t len = 0;
	void *zip = build_zip(data, size, &len);
	if (zip)
		read_book(zip, len);
	free(zip);
	return 0;
}
