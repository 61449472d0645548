/* The one write path: every change to the database goes through write_tx, which opens the
 * write transaction, runs the change, writes its audit row into the chain, and commits — or
 * rolls everything back and maps the error. A handler cannot forget the audit row, the rollback
 * or the 503 for a database that is gone.
 *
 *	static int do_archive(struct write_ctx *w, void *arg, struct yq_err *e)
 *	{
 *		… read the row in w->tx with the caller's scope, check, update …
 *		write_audit(w, "archive", "enterprise", id);
 *		audit_change_int(&w->changes, "archived", 0, 1);
 *		return 0;
 *	}
 *	return write_tx(pool, &r->who, do_archive, &args, e);
 */
#ifndef YQ_AUDIT_WRITE_TX_H
#define YQ_AUDIT_WRITE_TX_H
#include <stddef.h>
#include <stdint.h>
#include "audit/audit.h"
#include "lib/err.h"

struct principal;
struct db_pool;

/* What a change sees and fills. */
struct write_ctx {
	struct db *tx;                 /* the open write transaction */
	const struct principal *who;   /* the caller; NULL for the system (the CLI, maintenance) */
	struct audit_changes changes;  /* before/after of what changed */
	const char *action, *obj_type; /* the audit row; no row when action is NULL */
	int64_t obj_id;
	int64_t zone_id; /* the audit row's zone (default: the caller's) */
};

/* A change: 0, or -1 with e filled (a database failure: return write_fail(w, rc, e)). */
typedef int (*write_fn)(struct write_ctx *w, void *arg, struct yq_err *e);

/* Runs fn in a write transaction with the audit row; commits when fn returns 0 and the audit row
 * is written, rolls back otherwise. Returns 0, or -1 with e set (ERR_UNAVAILABLE when the
 * database cannot be reached, ERR_INTERNAL when the audit row cannot be written). */
int write_tx(struct db_pool *pool, const struct principal *who, write_fn fn, void *arg,
             struct yq_err *e);
/* Runs fn inside the open transaction tx, as write_tx does but without beginning or ending it:
 * for writers that make many changes in one transaction (an import, the demo), each change with
 * its own audit row. Returns 0, or -1 with e set (the caller rolls tx back). */
int write_in(struct db *tx, const struct principal *who, int64_t zone_id, write_fn fn, void *arg,
             struct yq_err *e);
/* Names the audit row of the change. */
void write_audit(struct write_ctx *w, const char *action, const char *obj_type, int64_t obj_id);
/* The usual edit of one row of an entity: runs `sql` (an UPDATE whose parameters are the time
 * of the change, the {update_sets} of obj, then id) and names the audit row "update" of the
 * entity's type with the audited changes from old to obj. 0, or -1 with e set. */
struct sql_tmpl;
int write_update(struct write_ctx *w, struct sql_tmpl *sql, int64_t id, const void *old,
                 const void *obj, struct yq_err *e);
/* Steps the change's INSERT … RETURNING id (parameters bound) and resets it: 0 with *id, or -1
 * with e set as write_fail does. */
struct db_stmt;
int write_insert(struct write_ctx *w, struct db_stmt *st, int64_t *id, struct yq_err *e);
/* Steps the change's UPDATE or DELETE (parameters bound) and resets it: 0 with *changed, the
 * rows it changed, or -1 with e set as write_fail does. */
int write_run(struct write_ctx *w, struct db_stmt *st, int64_t *changed, struct yq_err *e);
/* Runs the change's INSERT, UPDATE or DELETE `sql` with its parameters (DB_I, DB_T, DB_O, DB_F
 * of db.h): 0 with *changed (when not NULL) the rows it changed, or -1 with e set as write_fail
 * does. write_sql(w, SQL, e, DB_I(id)); write_sql_n(w, SQL, &n, e, DB_I(id)). */
struct db_arg;
int write_sql_args(struct write_ctx *w, const char *sql, const struct db_arg *args, size_t n,
                   int64_t *changed, struct yq_err *e);
#define write_sql(w, sql, e, ...) write_sql_args((w), (sql), DB_ARGS(__VA_ARGS__), NULL, (e))
#define write_sql_n(w, sql, changed, e, ...)                                                       \
	write_sql_args((w), (sql), DB_ARGS(__VA_ARGS__), (changed), (e))
/* Maps a negative enum db_rc of a statement inside the change to e; returns -1. */
int write_fail(struct write_ctx *w, int db_rc, struct yq_err *e);

#endif
