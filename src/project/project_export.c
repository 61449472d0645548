/* Exports of the project lists (see project_export.h). */
#include "project/project_export.h"
#include "access/disclose.h"
#include "lib/table_write.h"
#include <stdio.h>
#include <string.h>

unsigned proj_export_hide(const struct principal *p)
{
	return (p->role == ROLE_ENTERPRISE || p->scope == SCOPE_ENTERPRISE ? F_INTERNAL : 0) |
	       disclose_hidden(p);
}

static void project_row(void *ctx, const struct project *p)
{
	table_writer_row(ctx, p);
}

static void problem_row(void *ctx, const struct proj_problem *q)
{
	table_writer_row(ctx, q);
}

/* Runs a list into the writer of sheet sh and hands the file over. */
static int run(const struct table_sheet *sh, int (*list)(struct db *, const void *, void *),
               struct db *c, const void *arg, struct export_file *out, struct yq_err *e)
{
	struct table_writer w;
	if (table_writer_open(&w, sh, out->csv, "yuanqu-project-export-", e) < 0)
		return -1;
	int rc = list(c, arg, &w);
	if (table_writer_finish(&w, rc >= 0, &out->fd, &out->size, e) < 0)
		return rc < 0 ? err_db(e, rc) : -1;
	out->rows = w.rows;
	return 0;
}

struct list_args {
	const struct principal *p;
	const void *f;
};

static int list_projects(struct db *c, const void *arg, void *w)
{
	const struct list_args *x = arg;
	struct proj_filter all = *(const struct proj_filter *)x->f;
	int64_t total;
	all.page = 1;
	all.page_size = 0; /* every row */
	return proj_list(c, x->p, &all, project_row, w, &total);
}

static int list_problems(struct db *c, const void *arg, void *w)
{
	const struct list_args *x = arg;
	struct problem_filter all = *(const struct problem_filter *)x->f;
	int64_t total;
	all.page = 1;
	all.page_size = TABLE_WRITE_MAX_ROWS;
	return problem_list(c, x->p, &all, problem_row, w, &total);
}

int proj_export(struct db *c, const struct principal *p, const struct proj_filter *f,
                struct export_file *out, struct yq_err *e)
{
	struct table_sheet sh;
	struct list_args x = {p, f};
	table_sheet_init(&sh, &ENTITY_PROJECT, proj_export_hide(p), TABLE_TYPED, "项目");
	/* a project in US dollars gives its total in 万美元 (its amount in 万元 is the column
	 * 总投资折人民币) */
	struct table_col *total = table_sheet_col(&sh, "total_investment");
	if (total)
		snprintf(total->header, sizeof total->header, "总投资（原币，万元/万美元）");
	return run(&sh, list_projects, c, &x, out, e);
}

int problem_export(struct db *c, const struct principal *p, const struct problem_filter *f,
                   struct export_file *out, struct yq_err *e)
{
	struct table_sheet sh;
	struct list_args x = {p, f};
	table_sheet_init(&sh, &ENTITY_PROBLEM, proj_export_hide(p), TABLE_TYPED, "问题清单");
	return run(&sh, list_problems, c, &x, out, e);
}
