/* What every spreadsheet import shares (see import.h). */
#include "lib/import.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/csv.h"
#include "lib/log.h"
#include "lib/strbuf.h"
#include "lib/utf8.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Keeps one error or warning in list (*list, *n, at most IMPORT_MAX_ERRORS). */
static void keep(struct import_error **list, size_t *n, unsigned long row, const char *column,
                 const char *value, const char *reason, const char *reason_en)
{
	if (*n >= IMPORT_MAX_ERRORS)
		return;
	if (!*list) {
		*list = yq_calloc(IMPORT_MAX_ERRORS, sizeof **list);
		if (!*list)
			return;
	}
	struct import_error *x = &(*list)[(*n)++];
	x->row = row;
	x->column = yq_strdup(column ? column : "");
	char buf[101];
	snprintf(buf, sizeof buf, "%s", value ? value : "");
	x->value = yq_strdup(buf);
	x->reason = yq_strdup(reason ? reason : "");
	x->reason_en = yq_strdup(reason_en ? reason_en : "");
}

void import_report_add(struct import_report *rep, unsigned long row, const char *column,
                       const char *value, const char *reason, const char *reason_en)
{
	rep->invalid++;
	keep(&rep->errors, &rep->n_errors, row, column, value, reason, reason_en);
}

void import_report_warn(struct import_report *rep, unsigned long row, const char *column,
                        const char *value, const char *reason, const char *reason_en)
{
	rep->warned++;
	keep(&rep->warnings, &rep->n_warnings, row, column, value, reason, reason_en);
}

static void release(struct import_error **list, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		yq_free((*list)[i].value);
		yq_free((*list)[i].column);
		yq_free((*list)[i].reason);
		yq_free((*list)[i].reason_en);
	}
	yq_free(*list);
	*list = NULL;
	*n = 0;
}

void import_report_release(struct import_report *rep)
{
	release(&rep->errors, &rep->n_errors);
	release(&rep->warnings, &rep->n_warnings);
}

int import_file_error(struct import_report *rep, const struct read_fault *f, const char *detail,
                      struct yq_err *e)
{
	log_info("import: %s", detail);
	table_fault_message(f, rep->message, sizeof rep->message, rep->message_en,
	                    sizeof rep->message_en);
	err_set(e, f->code == READ_ERR_NOMEM ? ERR_UNAVAILABLE : ERR_VALIDATION, "file",
	        rep->message, rep->message_en);
	return -1;
}

struct table_reader *import_open(struct import_report *rep, const void *data, size_t n,
                                 struct yq_err *e)
{
	char err[256];
	struct read_fault f;
	struct table_reader *t = table_open_mem(data, n, err, sizeof err, &f);
	if (!t)
		import_file_error(rep, &f, err, e);
	return t;
}

int import_read_file(const char *path, char **buf, size_t *len, struct yq_err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		log_info("import: cannot open %s: %s", path, strerror(errno));
		return err_set(e, ERR_VALIDATION, "file", "无法打开文件", "cannot open the file");
	}
	struct strbuf sb = STRBUF_INIT(IMPORT_MAX_FILE_BYTES);
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && strbuf_add(&sb, chunk, got) == 0)
		;
	int failed = ferror(f);
	fclose(f);
	if (failed || sb.failed) {
		int big = !failed && sb.len + got > IMPORT_MAX_FILE_BYTES;
		strbuf_release(&sb);
		return big ? err_set(e, ERR_TOO_LARGE, "file", "文件过大（上限 1 GB）",
		                     "the file is larger than 1 GB")
		           : err_set(e, ERR_VALIDATION, "file", "无法读取文件",
		                     "cannot read the file");
	}
	*buf = strbuf_detach(&sb, len);
	if (!*buf)
		*len = 0;
	return 0;
}

void import_clean_row(const struct table_row *raw, int csv, struct arena *a, const char *cells[256],
                      struct table_row *row)
{
	*row = *raw;
	if (row->n_cells > 256)
		row->n_cells = 256;
	for (size_t i = 0; i < row->n_cells; i++) {
		const char *c = csv ? csv_unprotect(raw->cells[i]) : raw->cells[i];
		size_t n = strlen(c), len;
		const char *t = utf8_trim(c, n, &len);
		const char *copy = len == n ? c : arena_strndup(a, t, len);
		cells[i] = copy ? copy : c;
	}
	row->cells = cells;
}

int import_row_blank(const struct table_row *row)
{
	for (size_t i = 0; i < row->n_cells; i++)
		if (row->cells[i][0])
			return 0;
	return 1;
}

const char *import_cell(const struct table_row *row, long col)
{
	return col >= 0 && (size_t)col < row->n_cells ? row->cells[col] : "";
}

int import_copy_row(struct arena *a, const struct table_row *row, const char *cells[256],
                    struct table_row *out)
{
	size_t n = row->n_cells < 256 ? row->n_cells : 256;
	for (size_t i = 0; i < n; i++)
		if (!(cells[i] = arena_strdup(a, row->cells[i])))
			return -1;
	*out = (struct table_row){cells, n, row->number};
	return 0;
}

int import_next_row(struct table_reader *t, int *has_held, const struct table_row *held,
                    struct arena *a, const char *cells[256], struct table_row *row)
{
	if (*has_held) {
		*has_held = 0;
		*row = *held;
		return 1;
	}
	struct table_row raw;
	int r = table_next(t, &raw);
	if (r == 1)
		import_clean_row(&raw, table_format(t) == TABLE_CSV, a, cells, row);
	return r;
}

int import_row_failed(struct import_report *rep, unsigned long row, const struct yq_err *re,
                      struct yq_err *e)
{
	snprintf(rep->message, sizeof rep->message, "第%lu行：%s", row,
	         re->message ? re->message : "无法写入");
	snprintf(rep->message_en, sizeof rep->message_en, "row %lu: %s", row,
	         re->message_en ? re->message_en : "cannot be written");
	*e = *re;
	e->message = rep->message;
	e->message_en = rep->message_en;
	return -1;
}
