/* qb: a statement assembled from constant SQL fragments, for lists whose optional filters
 * should only appear when given (so the engine can pick an index for the ones present). No text
 * from outside ever enters the SQL: fragments are string literals chosen by code, values are `?`
 * parameters collected beside them in order.
 *
 *	struct qb q;
 *	qb_init(&q, "SELECT COUNT(*) FROM ticket t WHERE t.zone_id = ?");
 *	qb_int(&q, zone);
 *	if (f->category) { qb_sql(&q, " AND t.category = ?"); qb_text(&q, f->category); }
 *	struct db_stmt *st = db_prepare(c, qb_text_of(&q));  qb_bind(&q, st, 1); … qb_release(&q);
 */
#ifndef YQ_DB_QB_H
#define YQ_DB_QB_H
#include <stdint.h>
#include "db/db.h"
#include "lib/strbuf.h"

#define QB_MAX_PARAMS 48

struct qb {
	struct strbuf sql;
	struct {
		char kind; /* 'i' integer, 't' text (NULL binds NULL) */
		int64_t i;
		const char *t; /* borrowed: must outlive the bind */
	} p[QB_MAX_PARAMS];
	int n;
	int failed; /* too many parameters or out of memory */
};

void qb_init(struct qb *q, const char *head);
void qb_sql(struct qb *q, const char *fragment);
/* Appends the n ids as "1,2,3" (numbers written into the statement: an IN list of any length). */
void qb_ids(struct qb *q, const int64_t *ids, size_t n);
void qb_int(struct qb *q, int64_t v);
void qb_text(struct qb *q, const char *s);
/* The assembled SQL, or NULL when the builder failed. */
const char *qb_text_of(const struct qb *q);
/* Appends the text and the parameters of src: a part built once for two statements (a list's
 * filters under its count and its page). */
void qb_add(struct qb *q, const struct qb *src);
/* Binds the collected parameters from index `start`; returns the next free index. */
int qb_bind(const struct qb *q, struct db_stmt *st, int start);
/* Prepares the assembled statement on c and binds its parameters from 1: the statement, or NULL
 * when the builder failed or the statement cannot be prepared. */
struct db_stmt *qb_prepare(const struct qb *q, struct db *c);
/* Runs the assembled count statement on c: *total gets the count (0 when it fails). Returns
 * DB_OK or a negative db rc. */
int qb_count(const struct qb *q, struct db *c, int64_t *total);
void qb_release(struct qb *q);

struct arena;
/* A list's two statements, count and page: build(q, pass, ctx) assembles (from qb_init on) pass
 * 0, the count ("SELECT COUNT(*) …"), and pass 1, the page; each row of the page goes to
 * row(st, a, ctx), `a` an arena emptied before each row. *total gets the count. Returns DB_OK or
 * a negative db rc. */
typedef void (*qb_build_fn)(struct qb *q, int pass, void *ctx);
typedef void (*qb_row_fn)(struct db_stmt *st, struct arena *a, void *ctx);
int qb_count_page(struct db *c, qb_build_fn build, qb_row_fn row, void *ctx, int64_t *total);
/* Runs the assembled statement, which reads at most one row, and releases q: row(st, a, ctx)
 * when there is one. Returns DB_ROW when found, DB_OK when not, or a negative db rc. */
int qb_one(struct qb *q, struct db *c, qb_row_fn row, struct arena *a, void *ctx);

#endif
