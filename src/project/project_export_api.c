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

/* An enum query argument checked against the field of the same key of en. */
static int enum_query(struct req *r, const struct entity *en, const char *key, const char **out,
                      struct yq_err *e)
{
	*out = opt(r, key);
	if (!*out)
		return 0;
	return field_text(entity_field(en, key), *out, &r->arena, out, e);
}

/* 1 when v is one of the n words of list. */
static int one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

int proj_filter_query(struct req *r, struct proj_filter *f, struct yq_err *e)
{
	static const char *const colours[] = {"green", "amber", "red"};
	static const char *const sorts[] = {"id", "sign_date", "amount"};
	static const char *const stages[] = {"active", "dispatched"};
	const struct entity *en = &ENTITY_PROJECT;
	int64_t year = 0, special = 0;
	if (enum_query(r, en, "level", &f->level, e) < 0 ||
	    enum_query(r, en, "source", &f->source, e) < 0 ||
	    req_query_int(r, "dept_id", 0, 0, INT64_MAX, &f->dept_id, e) < 0 ||
	    req_query_int(r, "owner_user_id", 0, 0, INT64_MAX, &f->owner_user_id, e) < 0 ||
	    req_query_int(r, "enterprise_id", 0, 0, INT64_MAX, &f->enterprise_id, e) < 0 ||
	    req_query_int(r, "special_team", 0, 0, 1, &special, e) < 0 ||
	    req_query_int(r, "year", 0, 1990, 2100, &year, e) < 0)
		return -1;
	f->special_team = (int)special;
	if (year)
		f->year_signed = arena_printf(&r->arena, "%04lld", (long long)year);
	f->stage = opt(r, "stage");
	if (f->stage && !one_of(f->stage, stages, 2) &&
	    enum_query(r, en, "stage", &f->stage, e) < 0)
		return -1;
	if ((f->colour = opt(r, "colour")) && !one_of(f->colour, colours, 3))
		return err_set(e, ERR_VALIDATION, "colour", "状态颜色应为 green、amber 或 red",
		               "colour must be green, amber or red");
	if ((f->sort = opt(r, "sort")) && !one_of(f->sort, sorts, 3))
		return err_set(e, ERR_VALIDATION, "sort", "排序方式无效", "invalid sort");
	f->q = opt(r, "q");
	if (f->q && strlen(f->q) > 100)
		return err_set(e, ERR_VALIDATION, "q", "关键词过长", "keyword too long");
	return 0;
}

int problem_filter_query(struct req *r, struct problem_filter *f, struct yq_err *e)
{
	int64_t overdue = 0;
	if (req_query_int(r, "dept_id", 0, 0, INT64_MAX, &f->dept_id, e) < 0 ||
	    req_query_int(r, "project_id", 0, 0, INT64_MAX, &f->project_id, e) < 0 ||
	    req_query_int(r, "overdue", 0, 0, 1, &overdue, e) < 0 ||
	    enum_query(r, &ENTITY_PROBLEM, "status", &f->status, e) < 0)
		return -1;
	f->overdue = (int)overdue;
	return 0;
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

/* Sends the export file fd under `name` (.xlsx or .csv added). */
static int send(struct req *r, int csv, int fd, uint64_t size, int64_t rows, const char *name,
                struct yq_err *e)
{
	if (resp_download_fd(
	        r, fd, size,
	        csv ? "text/csv; charset=utf-8"
	            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	        arena_printf(&r->arena, "%s.%s", name, csv ? "csv" : "xlsx")) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	resp_header(r, "X-Total-Count", arena_printf(&r->arena, "%lld", (long long)rows));
	return 0;
}

int h_proj_export(struct req *r, struct yq_err *e)
{
	struct proj_filter f = {0};
	int csv, fd;
	uint64_t size;
	int64_t rows;
	struct db *c = req_db(r, e);
	if (!c || proj_filter_query(r, &f, e) < 0 || format_query(r, &csv, e) < 0 ||
	    proj_export(c, &r->who, &f, csv, &fd, &size, &rows, e) < 0)
		return -1;
	return send(r, csv, fd, size, rows, "项目", e);
}

int h_problem_export(struct req *r, struct yq_err *e)
{
	struct problem_filter f = {0};
	int csv, fd;
	uint64_t size;
	int64_t rows;
	struct db *c = req_db(r, e);
	if (!c || problem_filter_query(r, &f, e) < 0 || format_query(r, &csv, e) < 0 ||
	    problem_export(c, &r->who, &f, csv, &fd, &size, &rows, e) < 0)
		return -1;
	return send(r, csv, fd, size, rows, "问题清单", e);
}
