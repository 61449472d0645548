/* What the spreadsheet imports share (see import_run.h). */
#include "enterprise/import_run.h"
#include "lib/alloc.h"
#include "lib/err.h"
#include "lib/table_read.h"
#include <string.h>

void *import_run_new(size_t size, const struct principal *p, const struct import_opts *o,
                     struct import_report *rep,
                     int (*header)(void *x, struct table_reader *t, struct yq_err *e),
                     struct yq_err *e)
{
	memset(rep, 0, sizeof *rep);
	struct import_run_base *b = yq_calloc(1, size);
	if (!b) {
		err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		return NULL;
	}
	b->p = p;
	b->o = o;
	b->rep = rep;
	b->header = header;
	return b;
}

void import_run_free(struct import_run_base *b)
{
	yq_free(b->plan);
	yq_free(b);
}

int import_plan_add(struct import_run_base *b, int64_t what, struct yq_err *e)
{
	if (b->n_plan == b->cap_plan) {
		size_t cap = b->cap_plan ? b->cap_plan * 2 : 1024;
		int64_t *p = yq_realloc(b->plan, cap * sizeof *p);
		if (!p)
			return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		b->plan = p;
		b->cap_plan = cap;
	}
	b->plan[b->n_plan++] = what;
	return 0;
}

int64_t import_plan_of(const struct import_run_base *b, long n)
{
	return n >= 1 && (size_t)n <= b->n_plan ? b->plan[n - 1] : 0;
}

int import_row_begin(const struct import_opts *o, long n, int write, struct yq_err *e)
{
	if (o->cancelled && o->cancelled(o->cancel_ctx))
		return err_set(e, ERR_UNAVAILABLE, NULL, "服务正在停止，导入已取消，未写入任何数据",
		               "the server is stopping: the import was cancelled, nothing was "
		               "written");
	if (n > IMPORT_MAX_ROWS)
		return err_set(e, ERR_VALIDATION, "file", "行数超过100万行",
		               "more than 1,000,000 rows");
	if (o->progress && n % 1000 == 0)
		o->progress(o->progress_ctx, write, n);
	return 0;
}

struct table_reader *import_run_open(void *x, const void *data, size_t n, struct yq_err *e)
{
	struct import_run_base *b = x;
	struct table_reader *t = import_open(b->rep, data, n, e);
	if (t && b->header(x, t, e) < 0) {
		table_close(t);
		return NULL;
	}
	return t;
}
