/* The writes of an entity's rows inside a change (see store_write.h). */
#include "work/store_write.h"
#include <string.h>
#include "access/principal.h"
#include "lib/arena.h"
#include "lib/field.h"
#include "work/store_list.h"
#include "lib/util.h"

int64_t store_count_args(struct db *c, const char *sql, const struct db_arg *args, size_t n)
{
	struct db_stmt *st = db_prepare_args(c, sql, args, n);
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	int64_t v = rc == DB_ROW ? db_col_int(st, 0) : rc < 0 ? rc : DB_ERR;
	db_reset(st);
	return v;
}

int store_unique_args(struct write_ctx *w, struct yq_err *e, const char *field, const char *zh,
                      const char *en, const char *sql, const struct db_arg *args, size_t n)
{
	int64_t same = store_count_args(w->tx, sql, args, n);
	if (same < 0)
		return write_fail(w, (int)same, e);
	return same > 0 ? err_set(e, ERR_CONFLICT, field, zh, en) : 0;
}

int store_enterprise_in_zone(struct write_ctx *w, int64_t id, struct yq_err *e)
{
	int64_t n =
	    store_count(w->tx, "SELECT COUNT(*) FROM enterprise WHERE id = ? AND zone_id = ?",
	                DB_I(id), DB_I(w->who->zone_id));
	if (n < 0)
		return write_fail(w, (int)n, e);
	if (n == 0)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "企业不存在",
		               "no such enterprise");
	return 0;
}

int store_insert_args(struct write_ctx *w, struct sql_tmpl *sql, const struct entity *en,
                      const void *obj, int64_t *id, struct yq_err *e, const struct db_arg *args,
                      size_t n)
{
	struct db_stmt *st = db_prepare(w->tx, sql_of(sql));
	if (!st)
		return write_fail(w, DB_ERR, e);
	db_bind_args(st, args, n);
	if (entity_bind(st, (int)n + 1, en, obj, 0) < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	return write_insert(w, st, id, e);
}

int store_insert_zone(struct write_ctx *w, struct sql_tmpl *sql, const struct entity *en,
                      const void *obj, int64_t *id, struct yq_err *e)
{
	int64_t now = now_unix();
	return store_insert(w, sql, en, obj, id, e, DB_I(w->who->zone_id), DB_I(now), DB_I(now));
}

int store_create_zone(struct write_ctx *w, struct sql_tmpl *sql, const struct entity *en,
                      const void *obj, int64_t *id, struct yq_err *e)
{
	if (store_insert_zone(w, sql, en, obj, id, e) < 0)
		return -1;
	store_audit_create(w, en, *id, obj);
	return 0;
}

void store_audit_create(struct write_ctx *w, const struct entity *en, int64_t id, const void *obj)
{
	write_audit(w, "create", en->name, id);
	audit_change_entity(&w->changes, en, NULL, obj);
}

int store_create_fn(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	const struct store_edit *ed = x->ed;
	struct arena ar = ARENA_INIT;
	int64_t *id = (int64_t *)((char *)x->made + ed->id_off);
	int rc = -1;
	if ((!ed->check || ed->check(w, NULL, x->made, 0, &ar, e) == 0) &&
	    store_create_zone(w, ed->insert, ed->en, x->made, id, e) == 0)
		rc = 0;
	arena_release(&ar);
	return rc;
}

int store_update_fn(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	const struct store_edit *ed = x->ed;
	struct arena ar = ARENA_INIT;
	void *old = arena_alloc(&ar, ed->size), *row = arena_alloc(&ar, ed->size);
	int rc = -1;
	if (!old || !row) {
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
		goto out;
	}
	if (store_list_get(w->tx, ed->q, w->who, x->id, &ar, old, e) < 0)
		goto out;
	memcpy(row, old, ed->size);
	/* a member set at creation (F_NOUPDATE: a unit's building) stays as stored */
	uint64_t kept = 0;
	for (int i = 0; i < ed->en->n_fields && i < 64; i++)
		if (ed->en->fields[i].flags & F_NOUPDATE)
			kept |= (uint64_t)1 << i;
	entity_copy(ed->en, row, x->in, x->present & ~kept);
	if (ed->check && ed->check(w, old, row, x->id, &ar, e) < 0)
		goto out;
	rc = write_update(w, ed->change, x->id, old, row, e);
out:
	arena_release(&ar);
	return rc;
}

int store_create_in(struct db *tx, const struct principal *p, const struct store_edit *ed,
                    void *row, struct yq_err *e)
{
	struct store_change x = {.ed = ed, .made = row};
	return write_in(tx, p, p->zone_id, ed->create ? ed->create : store_create_fn, &x, e);
}
