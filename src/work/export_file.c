/* Lists exported as spreadsheets (see export_file.h). */
#include "work/export_file.h"
#include "http/routes.h"
#include "http/http.h"
#include "lib/arena.h"
#include "lib/table_write.h"
#include "work/item_answer.h"
#include "work/store_list.h"
#include <string.h>

static void write_row(void *w, const void *row)
{
	table_writer_row(w, row);
}

int export_write(struct db *c, const struct principal *p, const struct entity *en, unsigned hide,
                 const char *name, const char *prefix, export_list_fn *list, const void *f,
                 struct export_file *out, struct yq_err *e)
{
	struct table_sheet sh;
	struct table_writer w;
	table_sheet_init(&sh, en, hide, TABLE_TYPED, name);
	if (table_writer_open(&w, &sh, out->csv, prefix, e) < 0)
		return -1;
	int64_t total = 0;
	int rc = list(c, p, f, write_row, &w, &total);
	if (table_writer_finish(&w, rc >= 0, &out->fd, &out->size, e) < 0)
		return rc < 0 ? err_db(e, rc) : -1;
	out->rows = w.rows;
	return 0;
}

int export_format(struct req *r, int *csv, struct yq_err *e)
{
	const char *fmt = req_query(r, "format");
	if (fmt && *fmt && strcmp(fmt, "xlsx") != 0 && strcmp(fmt, "csv") != 0)
		return err_set(e, ERR_VALIDATION, "format", "导出格式应为 xlsx 或 csv",
		               "format must be xlsx or csv");
	*csv = fmt && strcmp(fmt, "csv") == 0;
	return 0;
}

int export_send(struct req *r, const struct export_file *x, const char *name, struct yq_err *e)
{
	if (resp_download_fd(
	        r, x->fd, x->size,
	        x->csv ? "text/csv; charset=utf-8"
	               : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	        arena_printf(&r->arena, "%s.%s", name, x->csv ? "csv" : "xlsx")) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	resp_header(r, "X-Total-Count", arena_printf(&r->arena, "%lld", (long long)x->rows));
	return 0;
}

/* A query and its filter, as export_write's list and filter. */
struct query_run {
	const struct store_query *s;
	const void *f;
};

static int list_query(struct db *c, const struct principal *p, const void *arg, entity_row_fn fn,
                      void *ctx, int64_t *total)
{
	const struct query_run *x = arg;
	return store_list_page(c, x->s, p, x->f, 1, TABLE_WRITE_MAX_ROWS, fn, ctx, total);
}

int export_query_write(struct db *c, const struct principal *p, const struct store_query *s,
                       unsigned hide, const char *name, const char *prefix, const void *f,
                       struct export_file *out, struct yq_err *e)
{
	struct query_run x = {s, f};
	return export_write(c, p, s->en, hide, name, prefix, list_query, &x, out, e);
}

int export_query_answer(struct req *r, const struct store_query *s, const char *name,
                        const char *prefix, struct yq_err *e)
{
	unsigned hide = s->hide ? s->hide(&r->who) : 0;
	struct export_file x = {0};
	const void *f;
	if (export_format(r, &x.csv, e) < 0 || !(f = store_filter_decode(r, s, e)))
		return -1;
	struct db *c = req_db(r, e);
	if (!c || export_query_write(c, &r->who, s, hide, name, prefix, f, &x, e) < 0)
		return -1;
	return export_send(r, &x, name, e);
}

int h_store_export(struct req *r, struct yq_err *e)
{
	const struct store_query *s = r->route->arg;
	return export_query_answer(r, s, s->title ? s->title : s->en->label_zh, "yuanqu-export-",
	                           e);
}
