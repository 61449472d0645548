/* The two passes every spreadsheet import makes (enterprises, projects): the file's bytes are
 * read once; a first pass on a reading connection validates every row and plans it; unless it
 * is a dry run, or rows are invalid and the caller did not ask to skip them, a second pass over
 * the same bytes writes the valid rows in ONE write transaction, each row a change with its own
 * audit row, the rows chained from a head held in memory (audit_batch_begin). The module gives
 * how to open its sheet (its header found) and its pass. */
#ifndef YQ_AUDIT_IMPORT_TX_H
#define YQ_AUDIT_IMPORT_TX_H
#include <stddef.h>
#include "lib/import.h"

struct db;
struct db_pool;
struct principal;

struct import_driver {
	/* opens the bytes as the module's sheet (its header read into x): NULL with e set */
	struct table_reader *(*open)(void *x, const void *data, size_t n, struct yq_err *e);
	/* one pass over the rows after the header: validate and plan (write 0) on a reading
	 * connection, or write the plan (write 1) inside the transaction c. 0, or -1 with e set */
	int (*pass)(struct db *c, void *x, struct table_reader *t, int write, struct yq_err *e);
	/* the write pass sends the statements whose answer it does not need without waiting for
	 * it (PostgreSQL pipelines) */
	int bulk;
};

/* Runs the import of the file at `path` (read whole, then never again) or of the n bytes at
 * data, as p, with module state x; counts into rep (rep->written once committed). Returns 0, or
 * -1 with e set (nothing written). */
int import_drive(struct db_pool *pool, const struct principal *p, const char *path,
                 const void *data, size_t n, const struct import_opts *o, struct import_report *rep,
                 const struct import_driver *d, void *x, struct yq_err *e);

#endif
