/* export_file: a list exported as a spreadsheet (.xlsx, or CSV with ?format=csv): every row a
 * store's list reads for the caller under its filter, one sheet of the entity's F_EXPORT fields
 * (lib/table_write.h) written into a temporary file, then answered as a download
 * "<name>.xlsx" (".csv") with its row count in X-Total-Count. */
#ifndef YQ_WORK_EXPORT_FILE_H
#define YQ_WORK_EXPORT_FILE_H
#include <stdint.h>
#include "db/db.h"
#include "http/http.h"
#include "lib/err.h"
#include "lib/field.h"

struct principal;
struct req;
struct store_query;

/* The written file: CSV or .xlsx, an open unlinked descriptor, its size and its data rows. */
struct export_file {
	int csv, fd;
	uint64_t size;
	int64_t rows;
};

/* A store's list with its filter f: fn(ctx, row) for each row; *total the count. DB_OK or a
 * negative db rc. */
typedef int export_list_fn(struct db *c, const struct principal *p, const void *f, entity_row_fn fn,
                           void *ctx, int64_t *total);

/* Writes the rows list reads for p under filter f (its page the caller's: every row) into a
 * sheet `name` of entity en less the fields flagged `hide`, in a temporary file named from
 * `prefix`, as out->csv says. 0 with out filled, or -1 with e set. */
int export_write(struct db *c, const struct principal *p, const struct entity *en, unsigned hide,
                 const char *name, const char *prefix, export_list_fn *list, const void *f,
                 struct export_file *out, struct yq_err *e);
/* The query's format: xlsx (the default) or csv. 0 with *csv, or -1 with ERR_VALIDATION naming
 * "format". */
int export_format(struct req *r, int *csv, struct yq_err *e);
/* Answers the file x as the download "<name>.xlsx" or "<name>.csv" with X-Total-Count. 0, or -1
 * with e set. */
int export_send(struct req *r, const struct export_file *x, const char *name, struct yq_err *e);

/* export_write of every row of query s (work/store_list.h, its entity's sheet) under filter f. */
int export_query_write(struct db *c, const struct principal *p, const struct store_query *s,
                       unsigned hide, const char *name, const char *prefix, const void *f,
                       struct export_file *out, struct yq_err *e);
/* The export of query s for the request: its format and the query's filter (s->filter) from the
 * query string, then export_query_write for the caller (less the fields s->hide hides from it)
 * and export_send. 0, or -1 with e set. */
int export_query_answer(struct req *r, const struct store_query *s, const char *name,
                        const char *prefix, struct yq_err *e);

/* GET of the route's query (its .arg, a const struct store_query *: app/routes.c) as
 * export_query_answer, the file named by the query's .title (else its entity's label). */
route_handler h_store_export;

#endif
