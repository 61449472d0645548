/* Export of the request list to .xlsx or .csv (see ticket_export.h): one pass over the list
 * query, rows written as they come into a temporary file (libxlsxwriter in constant-memory mode,
 * or plain CSV), which is unlinked and handed over as an open descriptor to stream from. */
#include "ticket/ticket_export.h"
#include "ticket/ticket_store.h"
#include "lib/csv.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* The columns: the fields of the request's table marked F_EXPORT, in table order, headed by
 * their labels, each cell by its type (lib/field.h field_cell_text). Beside the table stay the
 * cells that are not a value of their field: times in China Standard Time, the rating (未评价
 * for a request closed unrated), the 督办 (its level) and 超期 ("是" or empty). */
#define MAX_COLS 32

struct sheet {
	const struct field *cols[MAX_COLS];
	int n;
};

static void sheet_init(struct sheet *sh)
{
	sh->n = 0;
	for (int i = 0; i < ENTITY_TICKET.n_fields && sh->n < MAX_COLS; i++)
		if (ENTITY_TICKET.fields[i].flags & F_EXPORT)
			sh->cols[sh->n++] = &ENTITY_TICKET.fields[i];
}

const char *ticket_export_header(int k)
{
	struct sheet sh;
	sheet_init(&sh);
	return k >= 0 && k < sh.n ? sh.cols[k]->label_zh : NULL;
}

int ticket_export_ncols(void)
{
	struct sheet sh;
	sheet_init(&sh);
	return sh.n;
}

/* A column's width in the sheet: from the longest text its field takes. */
static double col_width(const struct field *f)
{
	if (f->type == FT_TIME)
		return 17;
	if (f->type == FT_BOOL)
		return 8;
	if (f->type == FT_TEXT && f->max >= 100)
		return 36;
	return f->type == FT_TEXT ? 16 : 10;
}

/* Unix time as "YYYY-MM-DD HH:MM" in China Standard Time, or "" for 0. */
static void cst(int64_t t, char *buf, size_t n)
{
	if (!t) {
		buf[0] = 0;
		return;
	}
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* The cell of field f of request t (buf: room for it). */
static const char *cell(const struct field *f, const struct ticket *t, char *buf, size_t n)
{
	if (f->type == FT_TIME) {
		cst(*FIELD_CPTR(t, f, int64_t), buf, n);
		return buf;
	}
	if (f->offset == offsetof(struct ticket, rating) && t->unrated)
		return "未评价";
	if (f->offset == offsetof(struct ticket, escalated))
		return !t->escalated ? "" : t->esc_level && *t->esc_level ? t->esc_level : "是";
	if (f->type == FT_BOOL)
		return *FIELD_CPTR(t, f, int) ? "是" : "";
	return field_cell_text(f, t, buf, n);
}

struct writer {
	struct sheet sh;
	int csv;
	FILE *f;            /* csv */
	struct strbuf line; /* csv: the row being written */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text;
	lxw_row_t row;
	int failed;
};

static void write_row(struct writer *w, const char *const *v)
{
	if (w->csv) {
		struct strbuf *line = &w->line;
		strbuf_reset(line);
		for (int k = 0; k < w->sh.n; k++) {
			if (k)
				strbuf_addch(line, ',');
			csv_put_field(line, v[k], CSV_TEXT);
		}
		strbuf_adds(line, "\r\n");
		if (line->failed || fwrite(line->buf, 1, line->len, w->f) != line->len)
			w->failed = 1;
		return;
	}
	w->row++;
	for (int k = 0; k < w->sh.n; k++)
		if (v[k] && *v[k] &&
		    worksheet_write_string(w->ws, w->row, (lxw_col_t)k, v[k], w->text) !=
		        LXW_NO_ERROR)
			w->failed = 1;
}

static void export_row(void *ctx, const struct ticket *t)
{
	struct writer *w = ctx;
	char bufs[MAX_COLS][48];
	const char *v[MAX_COLS];
	for (int k = 0; k < w->sh.n; k++)
		v[k] = cell(w->sh.cols[k], t, bufs[k], sizeof bufs[k]);
	write_row(w, v);
}

static int writer_open(struct writer *w, int csv, const char *path)
{
	if (csv) {
		w->f = fopen(path, "wb");
		if (!w->f)
			return -1;
		fputs("\xef\xbb\xbf", w->f); /* BOM: Excel reads the file as UTF-8 */
		const char *v[MAX_COLS];
		for (int k = 0; k < w->sh.n; k++)
			v[k] = w->sh.cols[k]->label_zh;
		write_row(w, v);
		return 0;
	}
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmp_dir()};
	w->wb = workbook_new_opt(path, &opt);
	w->ws = w->wb ? workbook_add_worksheet(w->wb, "企业诉求") : NULL;
	if (!w->ws)
		return -1;
	lxw_format *head = workbook_add_format(w->wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	w->text = workbook_add_format(w->wb);
	format_set_num_format(w->text, "@");
	for (int k = 0; k < w->sh.n; k++) {
		const struct field *f = w->sh.cols[k];
		worksheet_set_column(w->ws, (lxw_col_t)k, (lxw_col_t)k, col_width(f), w->text);
		worksheet_write_string(w->ws, 0, (lxw_col_t)k, f->label_zh, head);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	return 0;
}

/* Finishes the file; returns 0 when it is complete. */
static int writer_close(struct writer *w)
{
	int bad = w->failed;
	strbuf_release(&w->line);
	if (w->csv) {
		if (!w->f || fclose(w->f) != 0)
			bad = 1;
		w->f = NULL;
	} else if (w->wb) {
		if (workbook_close(w->wb) != LXW_NO_ERROR)
			bad = 1;
		w->wb = NULL;
	} else {
		bad = 1;
	}
	return bad ? -1 : 0;
}

int ticket_export(struct db *c, const struct principal *p, const struct ticket_filter *f, int csv,
                  int *fd_out, uint64_t *size, int64_t *rows, struct yq_err *e)
{
	struct ticket_filter all = *f;
	all.page = 1;
	all.page_size = TICKET_EXPORT_MAX_ROWS;
	char path[512];
	if (tmp_file("yuanqu-ticket-export-", path, sizeof path) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot create a temporary file");
	struct writer w = {.csv = csv, .line = STRBUF_INIT(4u << 20)};
	sheet_init(&w.sh);
	int64_t total = 0;
	int rc = DB_OK;
	if (writer_open(&w, csv, path) == 0)
		rc = ticket_list(c, p, &all, export_row, &w, &total, NULL);
	else
		w.failed = 1;
	int closed = writer_close(&w);
	int fd = closed == 0 && rc >= 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	unlink(path); /* the open descriptor keeps the bytes until they are sent */
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0) {
		*fd_out = fd;
		*size = (uint64_t)st.st_size;
		*rows = total < TICKET_EXPORT_MAX_ROWS ? total : TICKET_EXPORT_MAX_ROWS;
		return 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		return err_db(e, rc);
	return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot write the export");
}
