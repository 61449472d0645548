/* HTTP handlers of the project list exports (see project_export_api.h). */
#include "project/project_export_api.h"
#include "project/project_export.h"
#include "lib/arena.h"
#include <string.h>

static const char *opt(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

int problem_filter_query(struct req *r, struct problem_filter *f, struct yq_err *e)
{
	return req_query_entity(r, &ENTITY_PROBLEM_QUERY, f, e);
}

/* format=xlsx (the default) or csv: 0 with *csv, or -1 naming the argument. */
static int format_query(struct req *r, int *csv, struct yq_err *e)
{
	const char *fmt = opt(r, "format");
	if (fmt && strcmp(fmt, "xlsx") != 0 && strcmp(fmt, "csv") != 0)
		return err_set(e, ERR_VALIDATION, "format", "导出格式应为 xlsx 或 csv",
		               "format must be xlsx or csv");
	*csv = fmt && strcmp(fmt, "csv") == 0;
	return 0;
}

/* Sends the export file x under `name` (.xlsx or .csv added). */
static int send(struct req *r, const struct proj_export_file *x, const char *name, struct yq_err *e)
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

int h_proj_export(struct req *r, struct yq_err *e)
{
	struct proj_filter f = {0};
	struct proj_export_file x;
	struct db *c = req_db(r, e);
	if (!c || req_query_entity(r, &ENTITY_PROJ_QUERY, &f, e) < 0 ||
	    format_query(r, &x.csv, e) < 0 || proj_export(c, &r->who, &f, &x, e) < 0)
		return -1;
	return send(r, &x, "项目", e);
}

int h_problem_export(struct req *r, struct yq_err *e)
{
	struct problem_filter f = {0};
	struct proj_export_file x;
	struct db *c = req_db(r, e);
	if (!c || problem_filter_query(r, &f, e) < 0 || format_query(r, &x.csv, e) < 0 ||
	    problem_export(c, &r->who, &f, &x, e) < 0)
		return -1;
	return send(r, &x, "问题清单", e);
}
