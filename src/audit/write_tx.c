/* The one write path (see write_tx.h). */
#include "audit/write_tx.h"
#include "access/principal.h"
#include "db/db.h"
#include "db/field_sql.h"
#include "lib/util.h"

void write_audit(struct write_ctx *w, const char *action, const char *obj_type, int64_t obj_id)
{
	w->action = action;
	w->obj_type = obj_type;
	w->obj_id = obj_id;
}

int write_fail(struct write_ctx *w, int db_rc, struct yq_err *e)
{
	(void)w;
	return err_db(e, db_rc < 0 ? db_rc : DB_ERR);
}

int write_sql_args(struct write_ctx *w, const char *sql, const struct db_arg *args, size_t n,
                   int64_t *changed, struct yq_err *e)
{
	int rc = db_run_args(w->tx, sql, args, n, changed);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

int write_insert(struct write_ctx *w, struct db_stmt *st, int64_t *id, struct yq_err *e)
{
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? 0 : write_fail(w, rc, e);
}

int write_run(struct write_ctx *w, struct db_stmt *st, int64_t *changed, struct yq_err *e)
{
	int rc = db_step(st);
	*changed = rc < 0 ? 0 : db_changes(st);
	db_reset(st);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

int write_update(struct write_ctx *w, struct sql_tmpl *sql, int64_t id, const void *old,
                 const void *obj, struct yq_err *e)
{
	const struct entity *en = sql->en;
	struct db_stmt *st = db_prepare_with(w->tx, sql_of(sql), DB_I(now_unix()));
	if (!st)
		return write_fail(w, DB_ERR, e);
	int idx = entity_bind(st, 2, en, obj, 1);
	if (idx < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	db_bind_int(st, idx, id);
	int rc = db_run(st);
	if (rc < 0)
		return write_fail(w, rc, e);
	write_audit(w, "update", en->name, id);
	audit_change_entity(&w->changes, en, old, obj);
	return 0;
}

int write_in(struct db *tx, const struct principal *who, int64_t zone_id, write_fn fn, void *arg,
             struct yq_err *e)
{
	struct write_ctx w = {.tx = tx, .who = who, .zone_id = zone_id};
	audit_changes_init(&w.changes);
	int ok = fn(&w, arg, e) == 0;
	if (ok && w.action) {
		static const struct principal system = {.username = "system"};
		int rc = audit_write(tx, who ? who : &system, w.zone_id, w.action, w.obj_type,
		                     w.obj_id, &w.changes);
		if (rc < 0) {
			/* err_db also knows a statement that could not be prepared because the
			 * database went away (503, not 500) */
			err_db(e, rc);
			ok = 0;
		}
	}
	audit_changes_release(&w.changes);
	return ok ? 0 : -1;
}

int write_tx(struct db_pool *pool, const struct principal *who, write_fn fn, void *arg,
             struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	int ok = write_in(tx, who, who ? who->zone_id : 0, fn, arg, e) == 0;
	rc = db_tx_end(pool, tx, ok);
	if (ok && rc < 0)
		return err_db(e, rc);
	return ok ? 0 : -1;
}
