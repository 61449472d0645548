/* Streaming reader for the first worksheet of an .xlsx workbook, on libzip and expat (see
 * xlsx_read.h). */
#include "lib/xlsx_read.h"
#include "lib/alloc.h"
#include "lib/strbuf.h"
#include <expat.h>
#include <zip.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK       (64 * 1024) /* bytes inflated and parsed at a time */
#define NS_SEP      '\x01'      /* expat's namespace separator: never valid in XML text */
#define MAX_RELS    4096        /* relationships kept from one .rels part */
#define MAX_SHEETS  4096        /* sheets kept from the workbook */
#define MAX_NUMFMTS 4096        /* custom number formats */
#define MAX_XFS     65536       /* cell formats (Excel allows 64000) */
#define MAX_PATH    1024        /* a part name */

/* What a number format makes of a number. */
enum fmt_kind { FMT_PLAIN, FMT_DATE, FMT_TIME, FMT_DATETIME };

/* A relationship of a .rels part. */
struct rel {
	char *id;     /* Id="rId1" */
	char *type;   /* Type URI */
	char *target; /* Target, relative to the source part's folder unless it starts with '/' */
};

/* A sheet of the workbook, in workbook order. */
struct sheet_entry {
	char *name;
	char *rid;  /* r:id, the relationship that leads to its part */
	int hidden; /* state="hidden" or "veryHidden" */
};

/* A custom number format of the styles part. */
struct numfmt {
	uint32_t id;
	enum fmt_kind kind;
};

/* A value of the row being read and where its text is. */
struct cell_ref {
	uint32_t col; /* 0-based column */
	int from_sst; /* 1: `at` is a shared string index; 0: an offset into `row_text` */
	size_t at;
};

struct xlsx_reader {
	zip_t *zip;
	char err[256];           /* the error message, "" when none */
	int failed;              /* an error happened: every later call fails */
	struct read_fault fault; /* the error as a code and a place */
	int done;                /* the sheet was read to its end */

	/* The part being parsed. */
	XML_Parser parser;
	char part[MAX_PATH]; /* its name, for messages */
	int parsing;         /* inside XML_ParseBuffer / XML_ResumeParser: handlers may stop it */
	size_t xml_memory;   /* bytes the parser holds, at most XLSX_MAX_XML_MEMORY */
	int depth;           /* element nesting */

	/* Package structure, while opening. */
	struct rel *rels;
	size_t n_rels, rels_alloc;
	struct sheet_entry *sheets;
	size_t n_sheets, sheets_alloc;
	int date1904; /* the workbook uses the 1904 date system */
	char *sheet_name;

	/* Styles: the number format kind of each cell format index. */
	struct numfmt *numfmts;
	size_t n_numfmts, numfmts_alloc;
	uint32_t *xf_numfmt;
	size_t n_xfs, xfs_alloc;
	unsigned char *xf_kind; /* n_xfs kinds, from xf_numfmt */
	int in_cellxfs;

	/* Shared strings: string i is at sst.buf + sst_off[i]. Memory for both counts against
	 * XLSX_MAX_SST_BYTES. */
	struct strbuf sst;
	uint32_t *sst_off;
	size_t n_sst, sst_alloc;

	/* Text being collected: a shared string or a cell value. */
	struct strbuf text;
	int in_si, in_is, in_t, in_v, rph_depth;

	/* The worksheet, parsed incrementally. */
	zip_file_t *sheet;
	zip_uint64_t sheet_size, sheet_read;
	int final_fed; /* the last (empty) buffer was given to expat */
	int suspended; /* expat stopped at the end of a row and must be resumed */
	int in_sheetdata, in_row, in_cell, has_value;
	unsigned long row_num, last_row;
	uint32_t col, next_col;
	char cell_type[12];
	uint32_t cell_style;

	/* The row being built, and the row returned. */
	struct strbuf row_text;
	struct cell_ref *refs;
	size_t n_refs, refs_alloc;
	int row_ready;
	const char **cells;
	size_t n_cells, cells_alloc;
	unsigned long long total_cells; /* cells returned so far, at most XLSX_MAX_CELLS */
};

/* Records an error (its code, the limit exceeded or 0, and a printf-style message) unless one is
 * recorded already, with the sheet row and column being read, marks the reader failed and
 * aborts the parser when called from a handler. Returns -1. */
__attribute__((format(printf, 4, 5))) static int fail(struct xlsx_reader *r, enum read_err code,
                                                      unsigned long limit, const char *fmt, ...)
{
	if (!r->failed) {
		va_list ap;
		va_start(ap, fmt);
		read_fault_vset(&r->fault, r->err, sizeof r->err, code, r->in_row ? r->row_num : 0,
		                r->in_row && r->in_cell ? (unsigned long)r->col + 1 : 0, limit, fmt,
		                ap);
		va_end(ap);
		r->failed = 1;
	}
	if (r->parsing && r->parser) {
		r->parsing = 0;
		XML_StopParser(r->parser, XML_FALSE);
	}
	return -1;
}

/* Makes room for `need` elements of `size` bytes in the array at *p (allocated *alloc), never
 * more than `max`. Returns 0 or -1. */
static int grow_array(void **p, size_t *alloc, size_t need, size_t size, size_t max)
{
	if (need <= *alloc)
		return 0;
	if (need > max)
		return -1;
	size_t n = *alloc ? *alloc * 2 : 16;
	if (n < need)
		n = need;
	if (n > max)
		n = max;
	void *q = yq_realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*alloc = n;
	return 0;
}

/* ---- XML helpers ---- */

/* The local part of a name from a namespace-aware parser ("uri\x01row" -> "row"). */
static const char *local_name(const XML_Char *name)
{
	const char *s = strrchr(name, NS_SEP);
	return s ? s + 1 : name;
}

/* The value of the attribute without a namespace called `name`, or NULL. */
static const char *attr(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

/* The value of an attribute in some namespace with local name `name` (r:id), or NULL. */
static const char *attr_ns(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strchr(atts[i], NS_SEP) && strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Parses a whole unsigned decimal number in [0, max] (surrounding spaces allowed). Returns 0 or
 * -1. */
static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -1;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return -1;
	*out = v;
	return 0;
}

/* Counts an element start; fails when the nesting is deeper than XLSX_MAX_DEPTH. Returns 1 when
 * the handler may go on, 0 when the reader has failed. */
static int enter(struct xlsx_reader *r)
{
	if (r->failed)
		return 0;
	if (++r->depth > XLSX_MAX_DEPTH) {
		fail(r, READ_ERR_XML, 0, "%s: elements nested deeper than %d", r->part,
		     XLSX_MAX_DEPTH);
		return 0;
	}
	return 1;
}

/* Expat handler: refuses any DTD (OOXML has none; this also rules out entity expansion). */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                       int has_internal_subset)
{
	struct xlsx_reader *r = ud;
	fail(r, READ_ERR_DOCTYPE, 0, "%s: document type declarations are not allowed", r->part);
}

/* Appends character data to `text` when collecting; fails past XLSX_MAX_CELL_BYTES. */
static void on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_reader *r = ud;
	if (r->failed || !(r->in_t || r->in_v))
		return;
	if (strbuf_add(&r->text, s, (size_t)len) < 0)
		fail(r, READ_ERR_CELL_LONG, XLSX_MAX_CELL_BYTES,
		     "%s: a value is longer than %u bytes", r->part, XLSX_MAX_CELL_BYTES);
}

/* Expat handler for elements without meaning to a part: keeps the depth. */
static void on_end_plain(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	r->depth--;
}

/* Expat allocates through xml_malloc / xml_realloc / xml_free, which count its memory against
 * the reader whose parser this thread is calling (`xml_owner`, set around every call into
 * expat): one huge tag, or millions of distinct element names, then fail as out of memory instead
 * of taking all of it. Each block starts with its size. */
static _Thread_local struct xlsx_reader *xml_owner;

union xml_block {
	size_t size;
	max_align_t align;
};

/* malloc for expat, within the owner's budget. */
static void *xml_malloc(size_t n)
{
	struct xlsx_reader *r = xml_owner;
	if (r && n > XLSX_MAX_XML_MEMORY - r->xml_memory)
		return NULL;
	union xml_block *b = yq_malloc(sizeof *b + n);
	if (!b)
		return NULL;
	b->size = n;
	if (r)
		r->xml_memory += n;
	return b + 1;
}

/* free for expat. */
static void xml_free(void *p)
{
	if (!p)
		return;
	union xml_block *b = (union xml_block *)p - 1;
	struct xlsx_reader *r = xml_owner;
	if (r)
		r->xml_memory -= b->size < r->xml_memory ? b->size : r->xml_memory;
	yq_free(b);
}

/* realloc for expat, within the owner's budget. */
static void *xml_realloc(void *p, size_t n)
{
	if (!p)
		return xml_malloc(n);
	struct xlsx_reader *r = xml_owner;
	union xml_block *b = (union xml_block *)p - 1;
	size_t old = b->size;
	if (r && n > old && n - old > XLSX_MAX_XML_MEMORY - r->xml_memory)
		return NULL;
	union xml_block *q = yq_realloc(b, sizeof *q + n);
	if (!q)
		return NULL;
	q->size = n;
	if (r)
		r->xml_memory = r->xml_memory - (old < r->xml_memory ? old : r->xml_memory) + n;
	return q + 1;
}

/* Allocates a namespace-aware parser for part `name` whose memory is bounded by
 * XLSX_MAX_XML_MEMORY. Returns 0 or -1. */
static int parser_new(struct xlsx_reader *r, const char *name)
{
	static const XML_Memory_Handling_Suite mem = {xml_malloc, xml_realloc, xml_free};
	static const XML_Char sep = NS_SEP;
	snprintf(r->part, sizeof r->part, "%s", name);
	r->depth = 0;
	r->xml_memory = 0;
	xml_owner = r;
	r->parser = XML_ParserCreate_MM(NULL, &mem, &sep);
	xml_owner = NULL;
	if (!r->parser)
		return fail(r, READ_ERR_NOMEM, 0, "out of memory");
	XML_SetUserData(r->parser, r);
	XML_SetStartDoctypeDeclHandler(r->parser, on_doctype);
	XML_SetCharacterDataHandler(r->parser, on_text);
	return 0;
}

/* Frees the current parser. */
static void parser_free(struct xlsx_reader *r)
{
	if (r->parser) {
		xml_owner = r;
		XML_ParserFree(r->parser);
		xml_owner = NULL;
	}
	r->parser = NULL;
}

/* Records the parser's error for the current part (unless a handler recorded one). Returns -1. */
static int xml_fail(struct xlsx_reader *r)
{
	enum XML_Error code = XML_GetErrorCode(r->parser);
	return fail(r, code == XML_ERROR_NO_MEMORY ? READ_ERR_TOO_LARGE : READ_ERR_XML, 0,
	            "%s: line %lu: %s", r->part, (unsigned long)XML_GetCurrentLineNumber(r->parser),
	            code == XML_ERROR_NO_MEMORY ? "out of memory (or a tag too large)"
	                                        : XML_ErrorString(code));
}

/* ---- zip parts ---- */

/* Opens the zip entry `name` (case-insensitively) after checking its declared size against `max`
 * and its compression ratio against XLSX_MAX_RATIO. Returns the open file with its declared size
 * in *size; NULL with *missing set when there is no such entry; NULL with the error recorded
 * otherwise. */
static zip_file_t *part_open(struct xlsx_reader *r, const char *name, zip_uint64_t max,
                             zip_uint64_t *size, int *missing)
{
	zip_stat_t st;
	*missing = 0;
	zip_int64_t idx = zip_name_locate(r->zip, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		*missing = 1;
		return NULL;
	}
	zip_stat_init(&st);
	if (zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    !(st.valid & ZIP_STAT_COMP_SIZE)) {
		fail(r, READ_ERR_NOT_XLSX, 0, "%s: cannot read its size in the zip directory",
		     name);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		fail(r, READ_ERR_ENCRYPTED, 0, "%s: the entry is encrypted", name);
		return NULL;
	}
	if (st.size > max) {
		fail(r, READ_ERR_TOO_LARGE, 0,
		     "%s: uncompressed size %llu exceeds the limit of %llu bytes", name,
		     (unsigned long long)st.size, (unsigned long long)max);
		return NULL;
	}
	if (st.size > XLSX_RATIO_MIN_BYTES &&
	    (st.comp_size == 0 || st.size / st.comp_size > XLSX_MAX_RATIO)) {
		fail(r, READ_ERR_TOO_LARGE, 0,
		     "%s: compression ratio %llu:1 is suspicious (limit %d:1)", name,
		     (unsigned long long)(st.comp_size ? st.size / st.comp_size : st.size),
		     XLSX_MAX_RATIO);
		return NULL;
	}
	zip_file_t *zf = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0);
	if (!zf) {
		fail(r, READ_ERR_NOT_XLSX, 0, "%s: %s", name, zip_strerror(r->zip));
		return NULL;
	}
	*size = st.size;
	return zf;
}

/* Reads up to CHUNK bytes of `zf` into expat's buffer and parses them; `*total` counts the bytes
 * read, which may not exceed `size`. Sets *final when the part ended. Returns the parser status,
 * or XML_STATUS_ERROR with the error recorded. */
static enum XML_Status feed_chunk(struct xlsx_reader *r, zip_file_t *zf, zip_uint64_t size,
                                  zip_uint64_t *total, int *final)
{
	xml_owner = r;
	void *buf = XML_GetBuffer(r->parser, CHUNK);
	xml_owner = NULL;
	if (!buf) {
		fail(r, READ_ERR_TOO_LARGE, 0, "%s: out of memory (or a tag too large)", r->part);
		return XML_STATUS_ERROR;
	}
	zip_int64_t n = zip_fread(zf, buf, CHUNK);
	if (n < 0) {
		fail(r, READ_ERR_NOT_XLSX, 0, "%s: %s", r->part, zip_file_strerror(zf));
		return XML_STATUS_ERROR;
	}
	*total += (zip_uint64_t)n;
	if (*total > size) {
		fail(r, READ_ERR_TOO_LARGE, 0, "%s: inflates past its declared size of %llu bytes",
		     r->part, (unsigned long long)size);
		return XML_STATUS_ERROR;
	}
	*final = n == 0;
	if (*final && *total != size) {
		fail(r, READ_ERR_NOT_XLSX, 0, "%s: shorter than its declared size", r->part);
		return XML_STATUS_ERROR;
	}
	r->parsing = 1;
	xml_owner = r;
	enum XML_Status st = XML_ParseBuffer(r->parser, (int)n, *final);
	xml_owner = NULL;
	r->parsing = 0;
	if (st == XML_STATUS_ERROR)
		xml_fail(r);
	return r->failed ? XML_STATUS_ERROR : st;
}

/* Parses the whole part `name` with the given element handlers. Returns 0, 1 when the part is
 * missing and `optional`, or -1 with the error recorded. */
static int parse_part(struct xlsx_reader *r, const char *name, zip_uint64_t max,
                      XML_StartElementHandler start, XML_EndElementHandler end, int optional)
{
	int missing, final = 0, rc = -1;
	zip_uint64_t size = 0, total = 0;
	zip_file_t *zf = part_open(r, name, max, &size, &missing);
	if (!zf) {
		if (missing && optional)
			return 1;
		if (missing)
			fail(r, READ_ERR_NOT_XLSX, 0, "%s: missing from the workbook", name);
		return -1;
	}
	if (parser_new(r, name) < 0)
		goto out_close;
	XML_SetElementHandler(r->parser, start, end);
	while (!final)
		if (feed_chunk(r, zf, size, &total, &final) != XML_STATUS_OK)
			goto out_free_parser;
	rc = 0;
out_free_parser:
	parser_free(r);
out_close:
	zip_fclose(zf);
	return rc;
}

/* ---- relationships and the workbook ---- */

/* Frees the relationships read so far. */
static void rels_clear(struct xlsx_reader *r)
{
	for (size_t i = 0; i < r->n_rels; i++) {
		yq_free(r->rels[i].id);
		yq_free(r->rels[i].type);
		yq_free(r->rels[i].target);
	}
	yq_free(r->rels);
	r->rels = NULL;
	r->n_rels = r->rels_alloc = 0;
}

/* Expat handler of .rels parts: keeps each internal Relationship. */
static void on_rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (!enter(r) || strcmp(local_name(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
	           *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (grow_array((void **)&r->rels, &r->rels_alloc, r->n_rels + 1, sizeof *r->rels,
	               MAX_RELS) < 0) {
		fail(r, READ_ERR_TOO_LARGE, 0, "%s: too many relationships", r->part);
		return;
	}
	struct rel *rel = &r->rels[r->n_rels];
	rel->id = yq_strdup(id);
	rel->type = yq_strdup(type);
	rel->target = yq_strdup(target);
	r->n_rels++;
	if (!rel->id || !rel->type || !rel->target)
		fail(r, READ_ERR_NOMEM, 0, "out of memory");
}

/* 1 if string `s` ends with `suffix`. */
static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The first relationship whose type ends with `/kind`, or NULL. */
static const struct rel *rel_by_type(const struct xlsx_reader *r, const char *kind)
{
	for (size_t i = 0; i < r->n_rels; i++)
		if (ends_with(r->rels[i].type, kind))
			return &r->rels[i];
	return NULL;
}

/* The relationship with Id `id`, or NULL. */
static const struct rel *rel_by_id(const struct xlsx_reader *r, const char *id)
{
	for (size_t i = 0; i < r->n_rels; i++)
		if (strcmp(r->rels[i].id, id) == 0)
			return &r->rels[i];
	return NULL;
}

/* Resolves relationship target `target` against folder `dir` ("" or ending in '/') into the zip
 * entry name `out` (MAX_PATH bytes): an absolute target starts at the root, "." and ".." segments
 * are applied. Returns 0, or -1 when the result is empty, too long or climbs above the root. */
static int resolve_target(const char *dir, const char *target, char out[MAX_PATH])
{
	char joined[MAX_PATH * 2];
	int n = target[0] == '/' ? snprintf(joined, sizeof joined, "%s", target + 1)
	                         : snprintf(joined, sizeof joined, "%s%s", dir, target);
	if (n < 0 || (size_t)n >= sizeof joined)
		return -1;
	size_t o = 0;
	char *seg = joined;
	while (seg) {
		char *slash = strchr(seg, '/');
		if (slash)
			*slash = 0;
		if (strcmp(seg, "..") == 0) {
			if (o == 0)
				return -1;
			o--; /* drop the '/' ending the previous segment, then the segment */
			while (o > 0 && out[o - 1] != '/')
				o--;
		} else if (*seg && strcmp(seg, ".") != 0) {
			size_t len = strlen(seg);
			if (o + len + 2 > MAX_PATH)
				return -1;
			memcpy(out + o, seg, len);
			o += len;
			if (slash)
				out[o++] = '/';
		}
		seg = slash ? slash + 1 : NULL;
	}
	if (o == 0 || out[o - 1] == '/')
		return -1;
	out[o] = 0;
	return 0;
}

/* Expat handler of the workbook: the date system and the list of sheets. */
static void on_workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (!enter(r))
		return;
	const char *ln = local_name(name);
	if (strcmp(ln, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(ln, "sheet") == 0 && r->n_sheets < MAX_SHEETS) {
		const char *sname = attr(atts, "name"), *rid = attr_ns(atts, "id"),
		           *state = attr(atts, "state");
		if (!rid)
			return;
		if (grow_array((void **)&r->sheets, &r->sheets_alloc, r->n_sheets + 1,
		               sizeof *r->sheets, MAX_SHEETS) < 0) {
			fail(r, READ_ERR_NOMEM, 0, "out of memory");
			return;
		}
		struct sheet_entry *s = &r->sheets[r->n_sheets];
		s->name = yq_strdup(sname ? sname : "");
		s->rid = yq_strdup(rid);
		s->hidden = state && strcmp(state, "visible") != 0;
		r->n_sheets++;
		if (!s->name || !s->rid)
			fail(r, READ_ERR_NOMEM, 0, "out of memory");
	}
}

/* Frees the list of sheets. */
static void sheets_clear(struct xlsx_reader *r)
{
	for (size_t i = 0; i < r->n_sheets; i++) {
		yq_free(r->sheets[i].name);
		yq_free(r->sheets[i].rid);
	}
	yq_free(r->sheets);
	r->sheets = NULL;
	r->n_sheets = r->sheets_alloc = 0;
}

/* ---- styles ---- */

/* The kind of built-in number format `id` (ids 27-36 and 50-58 as in the Chinese locale). */
static enum fmt_kind builtin_kind(uint32_t id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58)
		return FMT_DATE;
	if (id == 22)
		return FMT_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) ||
	    id == 55 || id == 56)
		return FMT_TIME;
	return FMT_PLAIN;
}

/* Lowercases an ASCII letter. */
static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* The kind of a format code, from its first section: y or d make a date, h, s or AM/PM a time,
 * m a month unless there is a time; quoted text, escaped characters and [..] (colours, locales)
 * are skipped, but [h] [mm] [ss] count as time. E.g. yyyy"年"m"月"d"日" is a date. */
static enum fmt_kind format_kind(const char *f)
{
	int date = 0, time = 0, month = 0;
	for (const char *p = f; *p; p++) {
		char c = lower(*p);
		if (c == ';')
			break;
		if (c == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				break;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (!p[1])
				break;
			p++;
		} else if (c == '[') {
			char e = lower(p[1]);
			size_t k = 1;
			while (e && lower(p[k]) == e)
				k++;
			if ((e == 'h' || e == 'm' || e == 's') && p[k] == ']')
				time = 1;
			p = strchr(p, ']');
			if (!p)
				break;
		} else if (c == 'y' || c == 'd') {
			date = 1;
		} else if (c == 'h' || c == 's') {
			time = 1;
		} else if (c == 'm') {
			month = 1;
		} else if ((c == 'a' &&
		            (strncmp(p, "AM/PM", 5) == 0 || strncmp(p, "am/pm", 5) == 0 ||
		             strncmp(p, "A/P", 3) == 0 || strncmp(p, "a/p", 3) == 0))) {
			time = 1;
			p += 2;
		}
	}
	if (date)
		return time ? FMT_DATETIME : FMT_DATE;
	if (time)
		return FMT_TIME;
	return month ? FMT_DATE : FMT_PLAIN;
}

/* Expat handler of the styles part: custom number formats and the cellXfs list. */
static void on_styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (!enter(r))
		return;
	const char *ln = local_name(name);
	unsigned long id = 0;
	if (strcmp(ln, "cellXfs") == 0) {
		r->in_cellxfs = r->depth;
	} else if (strcmp(ln, "numFmt") == 0) {
		const char *ids = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!ids || !code || parse_uint(ids, UINT32_MAX, &id) < 0)
			return;
		if (grow_array((void **)&r->numfmts, &r->numfmts_alloc, r->n_numfmts + 1,
		               sizeof *r->numfmts, MAX_NUMFMTS) < 0) {
			fail(r, READ_ERR_TOO_LARGE, 0, "%s: too many number formats", r->part);
			return;
		}
		r->numfmts[r->n_numfmts].id = (uint32_t)id;
		r->numfmts[r->n_numfmts].kind = format_kind(code);
		r->n_numfmts++;
	} else if (strcmp(ln, "xf") == 0 && r->in_cellxfs && r->depth == r->in_cellxfs + 1) {
		const char *ids = attr(atts, "numFmtId");
		if (!ids || parse_uint(ids, UINT32_MAX, &id) < 0)
			id = 0;
		if (grow_array((void **)&r->xf_numfmt, &r->xfs_alloc, r->n_xfs + 1,
		               sizeof *r->xf_numfmt, MAX_XFS) < 0) {
			fail(r, READ_ERR_TOO_LARGE, 0, "%s: too many cell formats", r->part);
			return;
		}
		r->xf_numfmt[r->n_xfs++] = (uint32_t)id;
	}
}

/* Expat handler of the styles part: closes cellXfs. */
static void on_styles_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	if (r->in_cellxfs == r->depth && strcmp(local_name(name), "cellXfs") == 0)
		r->in_cellxfs = 0;
	r->depth--;
}

/* qsort / bsearch comparator of custom number formats by id. */
static int compare_numfmt(const void *a, const void *b)
{
	uint32_t x = ((const struct numfmt *)a)->id, y = ((const struct numfmt *)b)->id;
	return x < y ? -1 : x > y;
}

/* Computes the kind of every cell format; a custom format overrides a built-in one with its id.
 * Returns 0 or -1. */
static int styles_resolve(struct xlsx_reader *r)
{
	if (r->n_numfmts)
		qsort(r->numfmts, r->n_numfmts, sizeof *r->numfmts, compare_numfmt);
	r->xf_kind = yq_malloc(r->n_xfs ? r->n_xfs : 1);
	if (!r->xf_kind)
		return fail(r, READ_ERR_NOMEM, 0, "out of memory");
	for (size_t i = 0; i < r->n_xfs; i++) {
		struct numfmt key = {r->xf_numfmt[i], FMT_PLAIN};
		const struct numfmt *f = r->n_numfmts ? bsearch(&key, r->numfmts, r->n_numfmts,
		                                                sizeof key, compare_numfmt)
		                                      : NULL;
		r->xf_kind[i] = (unsigned char)(f ? f->kind : builtin_kind(key.id));
	}
	return 0;
}

/* ---- text ---- */

/* Value of hex digit `c`, or -1. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Parses "_xHHHH_" at `s` (n bytes available). Returns the code unit, or -1. */
static long escape_at(const char *s, size_t n)
{
	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long v = 0;
	for (int i = 2; i < 6; i++) {
		int h = hex_value(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Writes code point `cp` as UTF-8 at `out`. Returns its length. */
static size_t utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Decodes the OOXML escapes "_xHHHH_" (UTF-16 code units; a surrogate pair is two escapes) in the
 * `sb` text in place; _x0000_ is dropped, a lone surrogate becomes U+FFFD. The text only
 * shrinks. */
static void decode_escapes(struct strbuf *sb)
{
	char *s = sb->buf;
	size_t n = sb->len, o = 0;
	for (size_t i = 0; i < n;) {
		long u = s[i] == '_' ? escape_at(s + i, n - i) : -1;
		if (u < 0) {
			s[o++] = s[i++];
			continue;
		}
		i += 7;
		uint32_t cp = (uint32_t)u;
		if (u >= 0xd800 && u <= 0xdbff) {
			long lo = escape_at(s + i, n - i);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + (((uint32_t)u - 0xd800) << 10) +
				     ((uint32_t)lo - 0xdc00);
				i += 7;
			} else {
				cp = 0xfffd;
			}
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			cp = 0xfffd;
		}
		if (cp)
			o += utf8_put(s + o, cp);
	}
	if (s) {
		s[o] = 0;
		sb->len = o;
	}
}

/* ---- shared strings ---- */

/* Expat handler of the shared strings: <si> starts a string, <t> directly in it or in a rich
 * text run <r> holds its text, phonetic runs <rPh> are left out. */
static void on_sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (!enter(r))
		return;
	const char *ln = local_name(name);
	if (strcmp(ln, "si") == 0) {
		r->in_si = 1;
		r->rph_depth = 0;
		strbuf_reset(&r->text);
	} else if (r->in_si && strcmp(ln, "rPh") == 0) {
		r->rph_depth++;
	} else if (r->in_si && !r->rph_depth && strcmp(ln, "t") == 0) {
		r->in_t = 1;
	}
}

/* Stores the string collected in `text` as the next shared string. Returns 0 or -1. */
static int sst_push(struct xlsx_reader *r)
{
	decode_escapes(&r->text);
	size_t need = r->sst.len + r->text.len + 1 + (r->n_sst + 1) * sizeof *r->sst_off;
	if (need > XLSX_MAX_SST_BYTES)
		return fail(r, READ_ERR_TOO_LARGE, 0, "%s: shared strings take more than %u bytes",
		            r->part, XLSX_MAX_SST_BYTES);
	if (grow_array((void **)&r->sst_off, &r->sst_alloc, r->n_sst + 1, sizeof *r->sst_off,
	               XLSX_MAX_SST_BYTES / sizeof *r->sst_off) < 0)
		return fail(r, READ_ERR_NOMEM, 0, "out of memory");
	r->sst_off[r->n_sst] = (uint32_t)r->sst.len;
	if (strbuf_add(&r->sst, r->text.buf ? r->text.buf : "", r->text.len) < 0 ||
	    strbuf_addch(&r->sst, 0) < 0)
		return fail(r, READ_ERR_NOMEM, 0, "out of memory");
	r->n_sst++;
	return 0;
}

/* Expat handler of the shared strings: ends texts, phonetic runs and strings. */
static void on_sst_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	r->depth--;
	if (r->failed)
		return;
	const char *ln = local_name(name);
	if (strcmp(ln, "t") == 0) {
		r->in_t = 0;
	} else if (strcmp(ln, "rPh") == 0 && r->rph_depth) {
		r->rph_depth--;
	} else if (strcmp(ln, "si") == 0 && r->in_si) {
		r->in_si = 0;
		sst_push(r);
	}
}

/* ---- the worksheet ---- */

/* Parses a cell reference "C5" into its 0-based column. Returns 0, or -1 when it has no column
 * letters or a column past XLSX_MAX_COLS. */
static int parse_cell_ref(const char *s, uint32_t *col)
{
	uint32_t c = 0;
	size_t i = 0;
	for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++) {
		if (i >= 3)
			return -1;
		c = c * 26 + (uint32_t)(lower(s[i]) - 'a' + 1);
	}
	if (i == 0 || c > XLSX_MAX_COLS)
		return -1;
	for (; s[i]; i++)
		if (s[i] != '$' && (s[i] < '0' || s[i] > '9'))
			return -1;
	*col = c - 1;
	return 0;
}

/* Expat handler of the worksheet: rows, cells and the elements holding values. */
static void on_sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (!enter(r))
		return;
	const char *ln = local_name(name);
	if (r->depth == 1) {
		if (strcmp(ln, "worksheet") != 0)
			fail(r, READ_ERR_NOT_XLSX, 0, "%s: not a worksheet", r->part);
	} else if (strcmp(ln, "sheetData") == 0) {
		r->in_sheetdata = 1;
	} else if (r->in_sheetdata && !r->in_row && strcmp(ln, "row") == 0) {
		const char *rs = attr(atts, "r");
		unsigned long n = r->last_row + 1;
		if (rs && parse_uint(rs, ULONG_MAX / 2, &n) < 0) {
			fail(r, READ_ERR_CELL, 0, "%s: bad row number \"%.20s\"", r->part, rs);
			return;
		}
		if (n == 0 || n > XLSX_MAX_ROWS) {
			fail(r, READ_ERR_ROWS, XLSX_MAX_ROWS, "%s: more than %d rows", r->part,
			     XLSX_MAX_ROWS);
			return;
		}
		r->in_row = 1;
		r->row_num = n;
		r->next_col = 0;
		r->n_refs = 0;
		strbuf_reset(&r->row_text);
	} else if (r->in_row && !r->in_cell && strcmp(ln, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		uint32_t col = r->next_col;
		unsigned long style = 0;
		if (ref && parse_cell_ref(ref, &col) < 0) {
			fail(r, READ_ERR_CELL, 0, "%s: row %lu: bad cell reference \"%.20s\"",
			     r->part, r->row_num, ref);
			return;
		}
		if (col >= XLSX_MAX_COLS) {
			fail(r, READ_ERR_COLUMNS, XLSX_MAX_COLS,
			     "%s: row %lu: more than %d columns", r->part, r->row_num,
			     XLSX_MAX_COLS);
			return;
		}
		if (!s || parse_uint(s, UINT32_MAX, &style) < 0)
			style = 0;
		r->in_cell = 1;
		r->has_value = 0;
		r->col = col;
		r->next_col = col + 1;
		r->cell_style = (uint32_t)style;
		snprintf(r->cell_type, sizeof r->cell_type, "%s", t ? t : "n");
		strbuf_reset(&r->text);
	} else if (r->in_cell && strcmp(ln, "v") == 0) {
		r->in_v = 1;
		strbuf_reset(&r->text);
	} else if (r->in_cell && strcmp(ln, "is") == 0) {
		r->in_is = 1;
		r->rph_depth = 0;
		strbuf_reset(&r->text);
	} else if (r->in_is && strcmp(ln, "rPh") == 0) {
		r->rph_depth++;
	} else if (r->in_is && !r->rph_depth && strcmp(ln, "t") == 0) {
		r->in_t = 1;
	}
}

/* Days from 1970-01-01 to the civil date, the other way round: fills *y, *m, *d for day `z`
 * (H. Hinnant's algorithm). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* Formats the serial date `v` of kind `kind` into `out` (at least 32 bytes) the way xlsx_read.h
 * describes. Returns 0, or -1 when it is no displayable date (then the number is shown). */
static int format_serial(double v, enum fmt_kind kind, int date1904, char *out, size_t n)
{
	if (!(v >= 0) || v >= 2958466.0)
		return -1;
	long long secs = llround(v * 86400.0);
	long long days = secs / 86400, sod = secs % 86400;
	int hh = (int)(sod / 3600), mi = (int)(sod / 60 % 60), ss = (int)(sod % 60);
	if (kind == FMT_TIME) {
		snprintf(out, n, "%02d:%02d:%02d", hh, mi, ss);
		return 0;
	}
	long long y;
	unsigned m, d;
	if (date1904) {
		civil_from_days(days - 24107, &y, &m, &d);
	} else if (days == 0) {
		return -1;
	} else if (days == 60) {
		y = 1900, m = 2, d = 29; /* Excel's fictitious leap day */
	} else {
		civil_from_days(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	}
	if (y > 9999)
		return -1;
	if (kind == FMT_DATETIME && sod)
		snprintf(out, n, "%04lld-%02u-%02u %02d:%02d:%02d", y, m, d, hh, mi, ss);
	else
		snprintf(out, n, "%04lld-%02u-%02u", y, m, d);
	return 0;
}

/* Formats the numeric cell text `s` with cell format kind `kind` into `out` (64 bytes). Returns
 * 0, or -1 when `s` is not a number (then the text is shown as it is). */
static int format_number(const char *s, enum fmt_kind kind, int date1904, char *out, size_t n)
{
	char *end;
	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(v))
		return -1;
	if (kind != FMT_PLAIN && format_serial(v, kind, date1904, out, n) == 0)
		return 0;
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, n, "%.0f", v == 0 ? 0.0 : v);
	else
		snprintf(out, n, "%.15g", v);
	return 0;
}

/* Adds a value of the current row. Returns 0 or -1. */
static int row_add(struct xlsx_reader *r, int from_sst, size_t at)
{
	if (grow_array((void **)&r->refs, &r->refs_alloc, r->n_refs + 1, sizeof *r->refs,
	               XLSX_MAX_COLS) < 0)
		return fail(r, READ_ERR_COLUMNS, XLSX_MAX_COLS, "%s: row %lu: more than %d cells",
		            r->part, r->row_num, XLSX_MAX_COLS);
	r->refs[r->n_refs].col = r->col;
	r->refs[r->n_refs].from_sst = from_sst;
	r->refs[r->n_refs].at = at;
	r->n_refs++;
	return 0;
}

/* Adds the text `s` (`len` bytes) as a value of the current row; empty text adds nothing.
 * Returns 0 or -1. */
static int row_add_text(struct xlsx_reader *r, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	size_t at = r->row_text.len;
	if (strbuf_add(&r->row_text, s, len) < 0 || strbuf_addch(&r->row_text, 0) < 0)
		return fail(r, READ_ERR_ROW_LONG, XLSX_MAX_ROW_BYTES,
		            "%s: row %lu: values longer than %u bytes", r->part, r->row_num,
		            XLSX_MAX_ROW_BYTES);
	return row_add(r, 0, at);
}

/* Turns the collected text of the cell just ended into its value. Returns 0 or -1. */
static int cell_end(struct xlsx_reader *r)
{
	const char *t = r->cell_type, *s = r->text.buf ? r->text.buf : "";
	char buf[64];
	if (strcmp(t, "s") == 0) {
		unsigned long idx;
		if (parse_uint(s, ULONG_MAX / 2, &idx) < 0 || idx >= r->n_sst)
			return fail(r, READ_ERR_CELL, 0,
			            "%s: row %lu: shared string index \"%.20s\" out of range",
			            r->part, r->row_num, s);
		if (r->sst.buf[r->sst_off[idx]] == 0)
			return 0;
		return row_add(r, 1, idx);
	}
	if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		decode_escapes(&r->text);
		return row_add_text(r, r->text.buf, r->text.len);
	}
	if (strcmp(t, "b") == 0) {
		if (strcmp(s, "1") == 0 || strcmp(s, "0") == 0)
			s = s[0] == '1' ? "TRUE" : "FALSE";
		return row_add_text(r, s, strlen(s));
	}
	if (strcmp(t, "d") == 0) {
		size_t len = strlen(s);
		if (len > 10 && s[10] == 'T' && strspn(s + 11, "0:.Z") == len - 11)
			len = 10;
		return row_add_text(r, s, len);
	}
	if (strcmp(t, "n") == 0) {
		enum fmt_kind kind =
		    r->cell_style < r->n_xfs ? (enum fmt_kind)r->xf_kind[r->cell_style] : FMT_PLAIN;
		if (format_number(s, kind, r->date1904, buf, sizeof buf) == 0)
			return row_add_text(r, buf, strlen(buf));
	}
	/* Errors ("e") and anything unknown: the text as written. */
	return row_add_text(r, s, strlen(s));
}

/* Builds the dense `cells` array of the row just ended. Returns 0 or -1. */
static int row_build(struct xlsx_reader *r)
{
	uint32_t max_col = 0;
	for (size_t i = 0; i < r->n_refs; i++)
		if (r->refs[i].col > max_col)
			max_col = r->refs[i].col;
	size_t n = (size_t)max_col + 1;
	r->total_cells += n;
	if (r->total_cells > XLSX_MAX_CELLS)
		return fail(r, READ_ERR_TOO_LARGE, 0, "%s: more than %u cells in the sheet",
		            r->part, XLSX_MAX_CELLS);
	if (grow_array((void **)&r->cells, &r->cells_alloc, n, sizeof *r->cells, XLSX_MAX_COLS) < 0)
		return fail(r, READ_ERR_NOMEM, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		r->cells[i] = "";
	for (size_t i = 0; i < r->n_refs; i++) {
		const struct cell_ref *c = &r->refs[i];
		r->cells[c->col] =
		    c->from_sst ? r->sst.buf + r->sst_off[c->at] : r->row_text.buf + c->at;
	}
	r->n_cells = n;
	return 0;
}

/* Expat handler of the worksheet: ends values, cells and rows; a row with values suspends the
 * parser so that xlsx_next_row() can return it. */
static void on_sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	r->depth--;
	if (r->failed)
		return;
	const char *ln = local_name(name);
	if (r->in_v && strcmp(ln, "v") == 0) {
		r->in_v = 0;
		r->has_value = 1;
	} else if (r->in_t && strcmp(ln, "t") == 0) {
		r->in_t = 0;
	} else if (r->in_is && strcmp(ln, "rPh") == 0 && r->rph_depth) {
		r->rph_depth--;
	} else if (r->in_is && strcmp(ln, "is") == 0) {
		r->in_is = 0;
		r->has_value = 1;
	} else if (r->in_cell && strcmp(ln, "c") == 0) {
		r->in_cell = 0;
		if (r->has_value)
			cell_end(r);
	} else if (r->in_row && strcmp(ln, "row") == 0) {
		r->in_row = 0;
		r->last_row = r->row_num;
		if (r->n_refs && row_build(r) == 0) {
			r->row_ready = 1;
			XML_StopParser(r->parser, XML_TRUE);
		}
	} else if (strcmp(ln, "sheetData") == 0) {
		r->in_sheetdata = 0;
	}
}

/* ---- opening ---- */

/* Finds the workbook, its first worksheet, the shared strings and the styles, reads the last two
 * and starts parsing the worksheet. Returns 0 or -1 with the error recorded. */
static int load_package(struct xlsx_reader *r)
{
	char wb[MAX_PATH] = "xl/workbook.xml", wb_rels[MAX_PATH + 16], dir[MAX_PATH];
	char sheet[MAX_PATH], sst[MAX_PATH] = "", styles[MAX_PATH] = "";
	int rc = -1;

	/* _rels/.rels -> the workbook part. */
	int got = parse_part(r, "_rels/.rels", XLSX_MAX_PART_BYTES, on_rels_start, on_end_plain, 1);
	if (got < 0)
		goto out_clear;
	const struct rel *doc = got == 0 ? rel_by_type(r, "/officeDocument") : NULL;
	if (doc && resolve_target("", doc->target, wb) < 0) {
		fail(r, READ_ERR_NOT_XLSX, 0, "_rels/.rels: bad workbook target");
		goto out_clear;
	}
	rels_clear(r);

	/* The workbook's folder and relationships. */
	const char *slash = strrchr(wb, '/');
	size_t dir_len = slash ? (size_t)(slash - wb + 1) : 0;
	memcpy(dir, wb, dir_len);
	dir[dir_len] = 0;
	snprintf(wb_rels, sizeof wb_rels, "%s_rels/%s.rels", dir, wb + dir_len);
	if (parse_part(r, wb, XLSX_MAX_PART_BYTES, on_workbook_start, on_end_plain, 0) < 0 ||
	    parse_part(r, wb_rels, XLSX_MAX_PART_BYTES, on_rels_start, on_end_plain, 0) < 0)
		goto out_clear;

	/* The first visible worksheet, else the first worksheet. */
	const struct sheet_entry *chosen = NULL;
	const struct rel *chosen_rel = NULL;
	for (int pass = 0; pass < 2 && !chosen; pass++) {
		for (size_t i = 0; i < r->n_sheets && !chosen; i++) {
			const struct rel *rel = rel_by_id(r, r->sheets[i].rid);
			if (rel && ends_with(rel->type, "/worksheet") &&
			    (pass == 1 || !r->sheets[i].hidden)) {
				chosen = &r->sheets[i];
				chosen_rel = rel;
			}
		}
	}
	if (!chosen) {
		fail(r, READ_ERR_NOT_XLSX, 0, "%s: the workbook has no worksheet", wb);
		goto out_clear;
	}
	if (resolve_target(dir, chosen_rel->target, sheet) < 0) {
		fail(r, READ_ERR_NOT_XLSX, 0, "%s: bad worksheet target", wb_rels);
		goto out_clear;
	}
	r->sheet_name = yq_strdup(chosen->name);
	if (!r->sheet_name) {
		fail(r, READ_ERR_NOMEM, 0, "out of memory");
		goto out_clear;
	}
	const struct rel *rel = rel_by_type(r, "/sharedStrings");
	if (rel && resolve_target(dir, rel->target, sst) < 0)
		sst[0] = 0;
	rel = rel_by_type(r, "/styles");
	if (rel && resolve_target(dir, rel->target, styles) < 0)
		styles[0] = 0;
	rels_clear(r);
	sheets_clear(r);

	if (styles[0] &&
	    parse_part(r, styles, XLSX_MAX_PART_BYTES, on_styles_start, on_styles_end, 1) < 0)
		goto out_clear;
	if (styles_resolve(r) < 0)
		goto out_clear;
	yq_free(r->numfmts);
	yq_free(r->xf_numfmt);
	r->numfmts = NULL;
	r->xf_numfmt = NULL;
	r->in_si = r->in_t = r->rph_depth = 0;
	if (sst[0] && parse_part(r, sst, XLSX_MAX_SST_BYTES, on_sst_start, on_sst_end, 1) < 0)
		goto out_clear;
	r->in_si = r->in_t = r->rph_depth = 0;

	int missing;
	r->sheet = part_open(r, sheet, XLSX_MAX_SHEET_BYTES, &r->sheet_size, &missing);
	if (!r->sheet) {
		if (missing)
			fail(r, READ_ERR_NOT_XLSX, 0, "%s: missing from the workbook", sheet);
		goto out_clear;
	}
	if (parser_new(r, sheet) < 0)
		goto out_clear;
	XML_SetElementHandler(r->parser, on_sheet_start, on_sheet_end);
	rc = 0;
out_clear:
	rels_clear(r);
	sheets_clear(r);
	return rc;
}

/* Allocates a reader over the open archive `zip` (which it then owns) and loads the package.
 * Returns it, or NULL with the message in `err`. */
/* Sets *fault (when not NULL) to `code` without a place. */
static void set_fault(struct read_fault *fault, enum read_err code)
{
	if (fault)
		*fault = (struct read_fault){.code = code};
}

static struct xlsx_reader *open_zip(zip_t *zip, char *err, size_t errlen, struct read_fault *fault)
{
	struct xlsx_reader *r = yq_calloc(1, sizeof *r);
	if (!r) {
		zip_discard(zip);
		snprintf(err, errlen, "out of memory");
		set_fault(fault, READ_ERR_NOMEM);
		return NULL;
	}
	r->zip = zip;
	strbuf_init(&r->sst, XLSX_MAX_SST_BYTES);
	strbuf_init(&r->text, XLSX_MAX_CELL_BYTES);
	strbuf_init(&r->row_text, XLSX_MAX_ROW_BYTES);
	if (load_package(r) < 0) {
		snprintf(err, errlen, "%s", r->err);
		if (fault)
			*fault = r->fault;
		xlsx_close(r);
		return NULL;
	}
	return r;
}

/* Writes a libzip open error into `err` and *fault. */
static void zip_open_error(zip_error_t *ze, char *err, size_t errlen, struct read_fault *fault)
{
	int code = zip_error_code_zip(ze);
	if (code == ZIP_ER_MEMORY) {
		snprintf(err, errlen, "out of memory");
		set_fault(fault, READ_ERR_NOMEM);
	} else if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT) {
		snprintf(err, errlen, "cannot open the workbook: %s", zip_error_strerror(ze));
		set_fault(fault, READ_ERR_IO);
	} else {
		snprintf(err, errlen, "not an xlsx file (%s)", zip_error_strerror(ze));
		set_fault(fault, READ_ERR_NOT_XLSX);
	}
}

struct xlsx_reader *xlsx_open(const char *path, char *err, size_t errlen, struct read_fault *fault)
{
	int code = 0;
	zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
	if (!zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, code);
		zip_open_error(&ze, err, errlen, fault);
		zip_error_fini(&ze);
		return NULL;
	}
	return open_zip(zip, err, errlen, fault);
}

struct xlsx_reader *xlsx_open_mem(const void *data, size_t n, char *err, size_t errlen,
                                  struct read_fault *fault)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
	if (!src) {
		zip_open_error(&ze, err, errlen, fault);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_t *zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!zip) {
		zip_source_free(src);
		zip_open_error(&ze, err, errlen, fault);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	return open_zip(zip, err, errlen, fault);
}

const struct read_fault *xlsx_fault(const struct xlsx_reader *r)
{
	return &r->fault;
}

/* ---- reading ---- */

int xlsx_next_row(struct xlsx_reader *r, struct xlsx_row *row)
{
	if (r->failed)
		return -1;
	if (r->done)
		return 0;
	r->row_ready = 0;
	while (!r->row_ready) {
		enum XML_Status st;
		int final = 0;
		if (r->suspended) {
			r->parsing = 1;
			xml_owner = r;
			st = XML_ResumeParser(r->parser);
			xml_owner = NULL;
			r->parsing = 0;
			if (st == XML_STATUS_ERROR)
				xml_fail(r);
		} else if (r->final_fed) {
			r->done = 1;
			return 0;
		} else {
			st = feed_chunk(r, r->sheet, r->sheet_size, &r->sheet_read, &final);
			if (final)
				r->final_fed = 1;
		}
		if (r->failed)
			return -1;
		r->suspended = st == XML_STATUS_SUSPENDED;
	}
	row->cells = r->cells;
	row->n_cells = r->n_cells;
	row->number = r->row_num;
	return 1;
}

const char *xlsx_error(const struct xlsx_reader *r)
{
	return r->err;
}

const char *xlsx_sheet_name(const struct xlsx_reader *r)
{
	return r->sheet_name ? r->sheet_name : "";
}

void xlsx_close(struct xlsx_reader *r)
{
	if (!r)
		return;
	parser_free(r);
	if (r->sheet)
		zip_fclose(r->sheet);
	if (r->zip)
		zip_discard(r->zip);
	rels_clear(r);
	sheets_clear(r);
	yq_free(r->sheet_name);
	yq_free(r->numfmts);
	yq_free(r->xf_numfmt);
	yq_free(r->xf_kind);
	strbuf_release(&r->sst);
	yq_free(r->sst_off);
	strbuf_release(&r->text);
	strbuf_release(&r->row_text);
	yq_free(r->refs);
	yq_free(r->cells);
	yq_free(r);
}
