/* Exports of the 用工 lists (see jobs.h): every row the caller may read under the list's
 * filter, one sheet, its columns the F_EXPORT fields (an enterprise user is not given the
 * F_INTERNAL ones). */
#include "jobs/jobs.h"
#include "lib/table_write.h"
#include "work/export_file.h"
#include <string.h>

static unsigned hide_for(const struct principal *p)
{
	return jobs_as_enterprise(p) ? F_INTERNAL : 0;
}

/* A list into a file: the list's own call with every row in one page. */
static int run(struct db *c, const struct principal *p, const struct entity *en, const char *name,
               export_list_fn *list, const void *f, struct export_file *out, struct yq_err *e)
{
	return export_write(c, p, en, hide_for(p), name, "yuanqu-jobs-export-", list, f, out, e);
}

static int demands(struct db *c, const struct principal *p, const void *f, entity_row_fn fn,
                   void *w, int64_t *total)
{
	struct jobs_demand_filter all = *(const struct jobs_demand_filter *)f;
	all.page = 1;
	all.page_size = TABLE_WRITE_MAX_ROWS;
	return jobs_demand_list(c, p, &all, fn, w, total);
}

static int hires(struct db *c, const struct principal *p, const void *f, entity_row_fn fn, void *w,
                 int64_t *total)
{
	struct jobs_hire_filter all = *(const struct jobs_hire_filter *)f;
	all.page = 1;
	all.page_size = TABLE_WRITE_MAX_ROWS;
	return jobs_hire_list(c, p, &all, fn, w, total);
}

static int fairs(struct db *c, const struct principal *p, const void *f, entity_row_fn fn, void *w,
                 int64_t *total)
{
	struct jobs_fair_filter all = *(const struct jobs_fair_filter *)f;
	all.page = 1;
	all.page_size = TABLE_WRITE_MAX_ROWS;
	return jobs_fair_list(c, p, &all, fn, w, total);
}

static int partnerships(struct db *c, const struct principal *p, const void *f, entity_row_fn fn,
                        void *w, int64_t *total)
{
	struct jobs_partnership_filter all = *(const struct jobs_partnership_filter *)f;
	all.page = 1;
	all.page_size = TABLE_WRITE_MAX_ROWS;
	return jobs_partnership_list(c, p, &all, fn, w, total);
}

int jobs_export_demands(struct db *c, const struct principal *p, const struct jobs_demand_filter *f,
                        struct export_file *out, struct yq_err *e)
{
	return run(c, p, &ENTITY_JOBS_DEMAND, "用工需求", demands, f, out, e);
}

int jobs_export_hires(struct db *c, const struct principal *p, const struct jobs_hire_filter *f,
                      struct export_file *out, struct yq_err *e)
{
	return run(c, p, &ENTITY_JOBS_HIRE, "招用记录", hires, f, out, e);
}

int jobs_export_fairs(struct db *c, const struct principal *p, const struct jobs_fair_filter *f,
                      struct export_file *out, struct yq_err *e)
{
	return run(c, p, &ENTITY_JOBS_FAIR, "招聘会", fairs, f, out, e);
}

int jobs_export_partnerships(struct db *c, const struct principal *p,
                             const struct jobs_partnership_filter *f, struct export_file *out,
                             struct yq_err *e)
{
	return run(c, p, &ENTITY_JOBS_PARTNERSHIP, "校企合作", partnerships, f, out, e);
}
