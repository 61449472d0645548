/* Department storage: a tree per zone kept with materialised paths ("/1/4/") so "own department
 * and its children" is one LIKE on an index (see org.h). Rows are read and bound by the field
 * table (ENTITY_DEPT), in the caller's zone (scope_from, scope_get); every write goes through
 * write_tx. */
#include "org/org.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "access/scope.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/store_write.h"
#include <stdio.h>
#include <string.h>

static struct sql_tmpl SQL_DEPT_INSERT =
    SQL_TMPL(ENTITY_DEPT, "INSERT INTO dept (zone_id, path, created_at, updated_at, "
                          "{insert_cols}) VALUES (?, '/', ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_DEPT_UPDATE =
    SQL_TMPL(ENTITY_DEPT, "UPDATE dept SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_DEPT_SELECT = SQL_TMPL(ENTITY_DEPT, "SELECT {select}");
static const char SQL_DEPT_SET_PATH[] = "UPDATE dept SET path = ? WHERE id = ?";
static const char SQL_DEPT_SIBLING_NAME[] =
    "SELECT COUNT(*) FROM dept WHERE zone_id = ? AND COALESCE(parent_id, 0) = ? AND name = ? "
    "AND id <> ?";
static const char SQL_DEPT_MOVE_SUBTREE[] =
    "UPDATE dept SET path = ? || substr(path, ?) WHERE zone_id = ? AND path LIKE ?";
static const char SQL_DEPT_CHILDREN[] = "SELECT COUNT(*) FROM dept WHERE parent_id = ?";
static const char SQL_DEPT_USERS[] = "SELECT COUNT(*) FROM app_user WHERE dept_id = ?";
static const char SQL_DEPT_DELETE[] = "DELETE FROM dept WHERE id = ?";

int dept_list(struct db *c, const struct principal *p, dept_fn fn, void *ctx)
{
	struct qb q;
	char like[320];
	qb_init(&q, sql_of(&SQL_DEPT_SELECT));
	scope_from(&q, p, &ENTITY_DEPT, NULL, like, sizeof like);
	qb_sql(&q, " ORDER BY d.path, d.sort, d.id");
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		while ((rc = db_step(st)) == DB_ROW) {
			struct dept d;
			entity_read(st, 0, &ENTITY_DEPT, &d, NULL);
			fn(ctx, &d);
		}
		db_reset(st);
	}
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

int dept_get(struct db *c, const struct principal *p, int64_t id, struct arena *a, struct dept *out,
             struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	return scope_get(c, p, &ENTITY_DEPT, id, a, out, e);
}

/* The parent a department is given, read in w's zone into *parent: ERR_VALIDATION on parent_id
 * when there is none, or when its path is already deep. */
static int load_parent(struct write_ctx *w, int64_t id, struct arena *a, struct dept *parent,
                       struct yq_err *e)
{
	if (scope_get(w->tx, w->who, &ENTITY_DEPT, id, a, parent, e) < 0)
		return e->code == ERR_NOT_FOUND
		           ? err_set(e, ERR_VALIDATION, "parent_id", "上级部门不存在",
		                     "no such parent department")
		           : -1;
	if (strlen(parent->path) > 200)
		return err_set(e, ERR_VALIDATION, "parent_id", "部门层级过深",
		               "departments nested too deep");
	return 0;
}

static int sibling_exists(struct write_ctx *w, int64_t parent, const char *name, int64_t self,
                          struct yq_err *e)
{
	return store_unique(w, e, "name", "同级部门名称重复", "a sibling department has this name",
	                    SQL_DEPT_SIBLING_NAME, DB_I(w->who->zone_id), DB_I(parent), DB_T(name),
	                    DB_I(self));
}

/* Creates a department inside a write, in the caller's zone. */
static int do_insert(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct dept *d = arg;
	struct arena a = ARENA_INIT;
	struct dept parent = {.path = "/"};
	int rc = -1;
	if (entity_check(&ENTITY_DEPT, d, &a, e) < 0 ||
	    (d->parent_id && load_parent(w, d->parent_id, &a, &parent, e) < 0) ||
	    sibling_exists(w, d->parent_id, d->name, 0, e) < 0)
		goto out;
	int64_t now = now_unix();
	struct db_stmt *st = db_prepare(w->tx, sql_of(&SQL_DEPT_INSERT));
	if (!st) {
		write_fail(w, DB_ERR, e);
		goto out;
	}
	db_bind_args(st, DB_ARGS(DB_I(w->who->zone_id), DB_I(now), DB_I(now)));
	entity_bind(st, 4, &ENTITY_DEPT, d, 0);
	rc = db_step(st);
	d->id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW) {
		rc = write_fail(w, rc < 0 ? rc : DB_ERR, e);
		goto out;
	}
	char path[300];
	snprintf(path, sizeof path, "%s%lld/", parent.path, (long long)d->id);
	if ((rc = write_sql(w, SQL_DEPT_SET_PATH, e, DB_T(path), DB_I(d->id))) < 0)
		goto out;
	write_audit(w, "create", "dept", d->id);
	audit_change_entity(&w->changes, &ENTITY_DEPT, NULL, d);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int dept_add_in(struct db *tx, const struct principal *who, struct dept *d, struct yq_err *e)
{
	return write_in(tx, who, who->zone_id, do_insert, d, e);
}

int dept_create(struct db_pool *pool, const struct principal *p, struct dept *d, struct yq_err *e)
{
	return write_tx(pool, p, do_insert, d, e);
}

/* A change to department `id`: the new state (NULL to delete it) and whether its kind stays. */
struct dept_change {
	int64_t id;
	const struct dept *d;
	int keep_kind;
};

static int do_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct dept_change *x = arg;
	struct arena a = ARENA_INIT;
	struct dept old, parent = {.path = "/"}, d = *x->d;
	int rc = -1;
	if (scope_get(w->tx, w->who, &ENTITY_DEPT, x->id, &a, &old, e) < 0)
		goto out;
	if (x->keep_kind)
		d.kind = old.kind;
	if (entity_check(&ENTITY_DEPT, &d, &a, e) < 0 ||
	    (d.parent_id && load_parent(w, d.parent_id, &a, &parent, e) < 0))
		goto out;
	if (d.parent_id && strncmp(parent.path, old.path, strlen(old.path)) == 0) {
		err_set(e, ERR_VALIDATION, "parent_id", "不能移到自身或下级部门之下",
		        "a department cannot move under itself");
		goto out;
	}
	if (sibling_exists(w, d.parent_id, d.name, x->id, e) < 0)
		goto out;
	if ((rc = write_update(w, &SQL_DEPT_UPDATE, x->id, &old, &d, e)) < 0)
		goto out;
	if (d.parent_id != old.parent_id) {
		/* the subtree's paths: the old prefix becomes the new one */
		char newpath[300], like[300];
		snprintf(newpath, sizeof newpath, "%s%lld/", parent.path, (long long)x->id);
		snprintf(like, sizeof like, "%s%%", old.path);
		if ((rc = write_sql(w, SQL_DEPT_MOVE_SUBTREE, e, DB_T(newpath),
		                    DB_I(strlen(old.path) + 1), DB_I(w->who->zone_id),
		                    DB_T(like))) < 0)
			goto out;
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int dept_update(struct db_pool *pool, const struct principal *p, int64_t id, const struct dept *d,
                int keep_kind, struct yq_err *e)
{
	struct dept_change x = {id, d, keep_kind};
	return write_tx(pool, p, do_update, &x, e);
}

static int do_delete(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct dept_change *x = arg;
	struct arena a = ARENA_INIT;
	struct dept old;
	int64_t children, users;
	int rc = scope_get(w->tx, w->who, &ENTITY_DEPT, x->id, &a, &old, e);
	if (rc < 0)
		goto out;
	if ((rc = db_query_int(w->tx, SQL_DEPT_CHILDREN, &children, 1, x->id)) < 0 ||
	    (rc = db_query_int(w->tx, SQL_DEPT_USERS, &users, 1, x->id)) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	if (children || users) {
		rc = children ? err_set(e, ERR_STATE, NULL, "该部门有下级部门，不能删除",
		                        "the department has sub-departments")
		              : err_set(e, ERR_STATE, NULL, "该部门下有用户，不能删除",
		                        "the department has users");
		goto out;
	}
	if ((rc = write_sql(w, SQL_DEPT_DELETE, e, DB_I(x->id))) < 0)
		goto out;
	write_audit(w, "delete", "dept", x->id);
	audit_change_str(&w->changes, "name", old.name, NULL);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int dept_delete(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct dept_change x = {id, NULL, 0};
	return write_tx(pool, p, do_delete, &x, e);
}
