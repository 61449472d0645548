/* import_http: the upload and the answer every spreadsheet import route shares (enterprises,
 * projects): the file in the multipart field "file" (or the body), ?dry_run=1 and
 * ?skip_invalid=1, and the row report as JSON:
 * {"total","valid","invalid","created","updated","unchanged","written","dry_run","encoding",
 *  "errors":[{"row","column","value","reason"}],"warned","warnings":[…as errors]}; a monthly
 * sheet's month in ?period=YYYY-MM. */
#ifndef YQ_HTTP_IMPORT_HTTP_H
#define YQ_HTTP_IMPORT_HTTP_H
#include "http/http.h"
#include "lib/import.h"

/* An import over a buffer (ent_import, proj_import with path NULL). */
typedef int (*import_fn)(struct db_pool *pool, const struct principal *p, const char *path,
                         const void *data, size_t n, const struct import_opts *o,
                         struct import_report *rep, struct yq_err *e);

/* Runs `fn` on the request's upload as the caller and answers 200 with the report; -1 with e
 * set for a missing or empty file, a file that cannot be read (its reason, naming the row where
 * there is one) or a failure (an import still running when the server stops: 503). */
int import_handle(struct req *r, import_fn fn, struct yq_err *e);

#endif
