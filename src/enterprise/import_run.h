/* What the spreadsheet imports (enterprises, projects) share around import_drive: the run's
 * caller, options and report, the plan the validation pass makes of every row for the write
 * pass, the check each row passes first, and the opening of the sheet with its header. */
#ifndef YQ_ENTERPRISE_IMPORT_RUN_H
#define YQ_ENTERPRISE_IMPORT_RUN_H
#include <stddef.h>
#include <stdint.h>
#include "lib/import.h"

struct principal;
struct table_reader;

/* The first member of a module's run (struct import_run). */
struct import_run_base {
	const struct principal *p;
	const struct import_opts *o;
	struct import_report *rep;
	/* what the write pass does with row k, in plan[k-1]: 0 skip it, else the module's code
	 * (PLAN_CREATE, or the id of the row it changes) */
	int64_t *plan;
	size_t n_plan, cap_plan;
	/* reads the header of the table t into the run: 0, or -1 with e set */
	int (*header)(void *x, struct table_reader *t, struct yq_err *e);
};
#define PLAN_CREATE (-1)

/* A run of `size` bytes (zeroed) that begins with its base, for p with options o, counting into
 * rep (cleared first), its sheet's header read by `header`. NULL with e set when out of
 * memory. */
void *import_run_new(size_t size, const struct principal *p, const struct import_opts *o,
                     struct import_report *rep,
                     int (*header)(void *x, struct table_reader *t, struct yq_err *e),
                     struct yq_err *e);
/* Frees the plan and the run itself. */
void import_run_free(struct import_run_base *b);
/* Records the plan of the next row (row n_plan + 1). 0, or -1 with e set when out of memory. */
int import_plan_add(struct import_run_base *b, int64_t what, struct yq_err *e);
/* The plan of row n (from 1): 0 when there is none. */
int64_t import_plan_of(const struct import_run_base *b, long n);
/* Before row n (from 1) of a pass (write: the write pass): -1 with e set when the server is
 * stopping or the file has more than IMPORT_MAX_ROWS rows; tells the progress every 1,000 rows.
 * 0 otherwise. */
int import_row_begin(const struct import_opts *o, long n, int write, struct yq_err *e);
/* The open of an import_driver for a run: the bytes opened as a table (import_open) and its
 * header read by the run's `header`. The reader, or NULL with e set (the reader closed). */
struct table_reader *import_run_open(void *x, const void *data, size_t n, struct yq_err *e);

#endif
