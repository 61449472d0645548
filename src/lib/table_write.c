/* The writer of the list exports (see table_write.h). */
#include "lib/table_write.h"
#include "lib/csv.h"
#include "lib/util.h"
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

const char TABLE_CELL_FIELD[] = "";

/* The width of text s in a sheet, in characters: a CJK (3- or 4-byte) character counts two. */
static double text_width(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w += *p >= 0xe0 ? 2 : 1;
	return w;
}

/* A column's width: from the longest text its field takes, at least its header's. */
static double col_width(const struct field *f, const char *header)
{
	double w = f->type == FT_TIME                    ? 17
	           : f->type == FT_BOOL                  ? 8
	           : f->type == FT_DATE                  ? 12
	           : f->type == FT_TEXT && f->max >= 100 ? 36
	           : f->type == FT_TEXT                  ? 16
	                                                 : 10;
	double h = text_width(header) + 2;
	return h > w ? h : w;
}

static enum table_cell_kind kind_of(const struct field *f, unsigned opts)
{
	if (!(opts & TABLE_TYPED))
		return f->type == FT_TIME ? TABLE_CELL_TIME : TABLE_CELL_TEXT;
	switch (f->type) {
	case FT_INT:
	case FT_NUM:
	case FT_MONEY:
		return TABLE_CELL_NUMBER;
	case FT_DATE:
		return TABLE_CELL_DATE;
	case FT_TIME:
		return TABLE_CELL_TIME;
	default:
		return TABLE_CELL_TEXT;
	}
}

void table_sheet_init(struct table_sheet *sh, const struct entity *en, unsigned hide, unsigned opts,
                      const char *name)
{
	sh->name = name;
	sh->opts = opts;
	sh->cell = NULL;
	sh->n = 0;
	for (int i = 0; i < en->n_fields && sh->n < TABLE_WRITE_MAX_COLS; i++) {
		const struct field *f = &en->fields[i];
		if (!(f->flags & F_EXPORT) || (f->flags & hide))
			continue;
		struct table_col *c = &sh->cols[sh->n++];
		c->f = f;
		if (opts & TABLE_TYPED)
			field_header(f, c->header, sizeof c->header);
		else
			snprintf(c->header, sizeof c->header, "%s",
			         f->label_zh ? f->label_zh : f->key);
		c->kind = kind_of(f, opts);
		c->width = col_width(f, c->header);
	}
}

struct table_col *table_sheet_col(struct table_sheet *sh, const char *key)
{
	for (int k = 0; k < sh->n; k++)
		if (strcmp(sh->cols[k].f->key, key) == 0)
			return &sh->cols[k];
	return NULL;
}

/* ---- cells ---- */

/* Unix time t in China Standard Time. */
static void cst_tm(int64_t t, struct tm *tm)
{
	time_t x = (time_t)(t + 8 * 3600);
	gmtime_r(&x, tm);
}

/* The text of the cell of column c for row (buf: room for it); NULL for an empty cell. *own
 * is set when the sheet's hook gave it. */
static const char *cell_text(const struct table_sheet *sh, const struct table_col *c,
                             const void *row, char *buf, size_t n, int *own)
{
	*own = 0;
	if (sh->cell) {
		const char *s = sh->cell(c, row, buf, n);
		if (s != TABLE_CELL_FIELD) {
			*own = 1;
			return s;
		}
	}
	if (c->f->type == FT_TIME) {
		int64_t t = *FIELD_CPTR(row, c->f, int64_t);
		struct tm tm;
		if (!t)
			return NULL;
		cst_tm(t, &tm);
		strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
		return buf;
	}
	return field_cell_text(c->f, row, buf, n);
}

/* The number of a numeric column's cell into *v: 0, or -1 when it has none. */
static int cell_number(const struct field *f, const void *row, double *v)
{
	if (f->type == FT_INT) {
		*v = (double)*FIELD_CPTR(row, f, int64_t);
		return 0;
	}
	*v = *FIELD_CPTR(row, f, double);
	return isfinite(*v) ? 0 : -1;
}

/* The date or time of a cell into *dt: 0, or -1 when it has none. */
static int cell_datetime(const struct table_col *c, const void *row, lxw_datetime *dt)
{
	memset(dt, 0, sizeof *dt);
	if (c->kind == TABLE_CELL_TIME) {
		int64_t t = *FIELD_CPTR(row, c->f, int64_t);
		struct tm tm;
		if (!t)
			return -1;
		cst_tm(t, &tm);
		*dt = (lxw_datetime){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		                     tm.tm_hour,        tm.tm_min,     0};
		return 0;
	}
	const char *d = *FIELD_CPTR(row, c->f, const char *);
	if (!d || !valid_date(d))
		return -1;
	dt->year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	dt->month = (d[5] - '0') * 10 + (d[6] - '0');
	dt->day = (d[8] - '0') * 10 + (d[9] - '0');
	return 0;
}

/* ---- rows ---- */

/* Appends the CSV line of texts v (one per column) to the file. */
static void csv_line(struct table_writer *w, const char *const *v)
{
	const struct table_sheet *sh = w->sh;
	struct strbuf *line = &w->line;
	strbuf_reset(line);
	for (int k = 0; k < sh->n; k++) {
		if (k)
			strbuf_addch(line, ',');
		csv_put_field(line, v[k],
		              sh->cols[k].kind == TABLE_CELL_NUMBER ? CSV_NUMBER : CSV_TEXT);
	}
	strbuf_adds(line, "\r\n");
	if (line->failed || fwrite(line->buf, 1, line->len, w->f) != line->len)
		w->failed = 1;
}

void table_writer_row(struct table_writer *w, const void *row)
{
	const struct table_sheet *sh = w->sh;
	if (w->rows >= TABLE_WRITE_MAX_ROWS) {
		w->dropped++;
		return;
	}
	w->rows++;
	char bufs[TABLE_WRITE_MAX_COLS][64];
	const char *v[TABLE_WRITE_MAX_COLS];
	int own[TABLE_WRITE_MAX_COLS];
	for (int k = 0; k < sh->n; k++)
		v[k] = cell_text(sh, &sh->cols[k], row, bufs[k], sizeof bufs[k], &own[k]);
	if (w->csv) {
		csv_line(w, v);
		return;
	}
	lxw_row_t r = (lxw_row_t)w->rows;
	for (int k = 0; k < sh->n; k++) {
		const struct table_col *c = &sh->cols[k];
		lxw_col_t col = (lxw_col_t)k;
		lxw_error rc = LXW_NO_ERROR;
		double num;
		lxw_datetime dt;
		if (!v[k] || !*v[k])
			continue;
		if (!own[k] && c->kind == TABLE_CELL_NUMBER && cell_number(c->f, row, &num) == 0)
			rc = worksheet_write_number(w->ws, r, col, num, NULL);
		else if (!own[k] && (sh->opts & TABLE_TYPED) &&
		         (c->kind == TABLE_CELL_DATE || c->kind == TABLE_CELL_TIME) &&
		         cell_datetime(c, row, &dt) == 0)
			rc = worksheet_write_datetime(
			    w->ws, r, col, &dt, c->kind == TABLE_CELL_DATE ? w->date : w->time);
		else
			rc = worksheet_write_string(w->ws, r, col, v[k], w->text);
		if (rc != LXW_NO_ERROR)
			w->failed = 1;
	}
}

/* ---- the file ---- */

static int open_csv(struct table_writer *w)
{
	const struct table_sheet *sh = w->sh;
	const char *v[TABLE_WRITE_MAX_COLS];
	w->f = fopen(w->path, "wb");
	if (!w->f)
		return -1;
	fputs("\xef\xbb\xbf", w->f); /* BOM: Excel reads the file as UTF-8 */
	for (int k = 0; k < sh->n; k++)
		v[k] = sh->cols[k].header;
	csv_line(w, v);
	return 0;
}

static int open_xlsx(struct table_writer *w)
{
	const struct table_sheet *sh = w->sh;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmp_dir()};
	w->wb = workbook_new_opt(w->path, &opt);
	w->ws = w->wb ? workbook_add_worksheet(w->wb, sh->name) : NULL;
	if (!w->ws)
		return -1;
	lxw_format *head = workbook_add_format(w->wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	w->text = workbook_add_format(w->wb);
	format_set_num_format(w->text, "@");
	if (sh->opts & TABLE_TYPED) {
		w->date = workbook_add_format(w->wb);
		format_set_num_format(w->date, "yyyy-mm-dd");
		w->time = workbook_add_format(w->wb);
		format_set_num_format(w->time, "yyyy-mm-dd hh:mm");
	}
	for (int k = 0; k < sh->n; k++) {
		const struct table_col *c = &sh->cols[k];
		lxw_format *fmt = c->kind == TABLE_CELL_NUMBER ? NULL
		                  : c->kind == TABLE_CELL_DATE ? w->date
		                  : c->kind == TABLE_CELL_TIME && (sh->opts & TABLE_TYPED)
		                      ? w->time
		                      : w->text;
		worksheet_set_column(w->ws, (lxw_col_t)k, (lxw_col_t)k, c->width, fmt);
		worksheet_write_string(w->ws, 0, (lxw_col_t)k, c->header, head);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	return 0;
}

/* Closes the file; 0 when it is complete. */
static int close_file(struct table_writer *w)
{
	int bad = w->failed;
	strbuf_release(&w->line);
	if (w->f) {
		if (fclose(w->f) != 0)
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

int table_writer_open(struct table_writer *w, const struct table_sheet *sh, int csv,
                      const char *prefix, struct yq_err *e)
{
	memset(w, 0, sizeof *w);
	w->sh = sh;
	w->csv = csv;
	strbuf_init(&w->line, 4u << 20);
	if (tmp_file(prefix, w->path, sizeof w->path) < 0) {
		strbuf_release(&w->line);
		return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot create a temporary file");
	}
	if ((csv ? open_csv(w) : open_xlsx(w)) < 0) {
		close_file(w);
		unlink(w->path);
		return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot start the export");
	}
	return 0;
}

int table_writer_finish(struct table_writer *w, int ok, int *fd, uint64_t *size, struct yq_err *e)
{
	int closed = close_file(w);
	int f = ok && closed == 0 ? open(w->path, O_RDONLY | O_CLOEXEC) : -1;
	unlink(w->path); /* the open descriptor keeps the bytes until they are sent */
	struct stat st;
	if (f >= 0 && fstat(f, &st) == 0) {
		*fd = f;
		*size = (uint64_t)st.st_size;
		return 0;
	}
	if (f >= 0)
		close(f);
	if (!ok)
		return -1;
	return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot write the export");
}
