/* Department storage: a tree per zone kept with materialised paths ("/1/4/") so "own department
 * and its children" is one LIKE on an index (see org.h). */
#include "org/org.h"
#include "audit/audit.h"
#include "lib/util.h"
#include <stdio.h>
#include <string.h>

static const char SQL_DEPT_LIST[] =
    "SELECT id, zone_id, parent_id, name, kind, path, sort FROM dept WHERE zone_id = ? "
    "ORDER BY path, sort, id";
static const char SQL_DEPT_GET[] =
    "SELECT id, parent_id, name, kind, path, sort FROM dept WHERE zone_id = ? AND id = ?";
static const char SQL_DEPT_INSERT[] =
    "INSERT INTO dept (zone_id, parent_id, name, kind, path, sort, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, '/', ?, ?, ?) RETURNING id";
static const char SQL_DEPT_SET_PATH[] = "UPDATE dept SET path = ? WHERE id = ?";
static const char SQL_DEPT_SIBLING_NAME[] =
    "SELECT COUNT(*) FROM dept WHERE zone_id = ? AND COALESCE(parent_id, 0) = ? AND name = ? "
    "AND id <> ?";
static const char SQL_DEPT_UPDATE[] =
    "UPDATE dept SET name = ?, kind = ?, sort = ?, parent_id = ?, updated_at = ? WHERE id = ?";
static const char SQL_DEPT_MOVE_SUBTREE[] =
    "UPDATE dept SET path = ? || substr(path, ?) WHERE zone_id = ? AND path LIKE ?";
static const char SQL_DEPT_CHILDREN[] = "SELECT COUNT(*) FROM dept WHERE parent_id = ?";
static const char SQL_DEPT_USERS[] = "SELECT COUNT(*) FROM app_user WHERE dept_id = ?";
static const char SQL_DEPT_DELETE[] = "DELETE FROM dept WHERE id = ?";

int dept_list(struct db *c, const struct principal *p, dept_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, SQL_DEPT_LIST);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct dept d = {
		    .id = db_col_int(st, 0),
		    .zone_id = db_col_int(st, 1),
		    .parent_id = db_col_int(st, 2),
		    .name = db_col_text(st, 3),
		    .kind = db_col_text(st, 4),
		    .path = db_col_text(st, 5),
		    .sort = db_col_int(st, 6),
		};
		fn(ctx, &d);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* Reads a department's parent and path into the buffers; DB_DONE when absent. */
static int dept_load(struct db *c, int64_t zone_id, int64_t id, int64_t *parent, char *name,
                     size_t nname, char *kind, size_t nkind, char *path, size_t npath,
                     int64_t *sort)
{
	struct db_stmt *st = db_prepare(c, SQL_DEPT_GET);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*parent = db_col_int(st, 1);
		snprintf(name, nname, "%s", db_col_text(st, 2));
		snprintf(kind, nkind, "%s", db_col_text(st, 3));
		snprintf(path, npath, "%s", db_col_text(st, 4));
		*sort = db_col_int(st, 5);
	}
	db_reset(st);
	return rc == DB_ROW ? DB_OK : (rc < 0 ? rc : DB_DONE);
}

static int check_input(const struct dept_input *in, struct yq_err *e)
{
	if (org_check_name(in->name, "name", e) < 0)
		return -1;
	if (org_check_dept_kind(in->kind ? in->kind : "other", e) < 0)
		return -1;
	return 0;
}

static int sibling_exists(struct db *c, int64_t zone_id, int64_t parent, const char *name,
                          int64_t self, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_DEPT_SIBLING_NAME);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, zone_id);
	db_bind_int(st, 2, parent);
	db_bind_text(st, 3, name);
	db_bind_int(st, 4, self);
	int rc = db_step(st);
	int64_t n = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (n)
		return err_set(e, ERR_CONFLICT, "name", "同级部门名称重复",
		               "a sibling department has this name");
	return 0;
}

int dept_insert(struct db *tx, int64_t zone_id, const struct dept_input *in, int64_t *id,
                struct yq_err *e)
{
	if (check_input(in, e) < 0)
		return -1;
	char parent_path[256] = "/", scratch[256], kind[32];
	int64_t pp, sort;
	if (in->parent_id) {
		int rc = dept_load(tx, zone_id, in->parent_id, &pp, scratch, sizeof scratch, kind,
		                   sizeof kind, parent_path, sizeof parent_path, &sort);
		if (rc == DB_DONE)
			return err_set(e, ERR_VALIDATION, "parent_id", "上级部门不存在",
			               "no such parent department");
		if (rc < 0)
			return err_db(e, rc);
		if (strlen(parent_path) > 200)
			return err_set(e, ERR_VALIDATION, "parent_id", "部门层级过深",
			               "departments nested too deep");
	}
	if (sibling_exists(tx, zone_id, in->parent_id, in->name, 0, e) < 0)
		return -1;
	int64_t now = now_unix();
	struct db_stmt *st = db_prepare(tx, SQL_DEPT_INSERT);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, zone_id);
	if (in->parent_id)
		db_bind_int(st, 2, in->parent_id);
	db_bind_text(st, 3, in->name);
	db_bind_text(st, 4, in->kind ? in->kind : "other");
	db_bind_int(st, 5, in->sort);
	db_bind_int(st, 6, now);
	db_bind_int(st, 7, now);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		return err_db(e, rc < 0 ? rc : DB_ERR);
	char path[300];
	snprintf(path, sizeof path, "%s%lld/", parent_path, (long long)*id);
	st = db_prepare(tx, SQL_DEPT_SET_PATH);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_text(st, 1, path);
	db_bind_int(st, 2, *id);
	rc = db_run(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int dept_create(struct db_pool *pool, const struct principal *p, const struct dept_input *in,
                int64_t *id, struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (dept_insert(tx, p->zone_id, in, id, e) < 0)
		goto out_rollback;
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "name", NULL, in->name);
	audit_change_int(&ch, "parent_id", 0, in->parent_id);
	rc = audit_write(tx, p, p->zone_id, "create", "dept", *id, &ch);
	audit_changes_release(&ch);
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	db_tx_end(pool, tx, 0);
	return -1;
}

int dept_update(struct db_pool *pool, const struct principal *p, int64_t id,
                const struct dept_input *in, struct yq_err *e)
{
	if (check_input(in, e) < 0)
		return -1;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	char name[256], kind[32], path[256], ppath[256] = "/", scratch[256], pkind[32];
	int64_t parent, sort, pp, psort;
	rc = dept_load(tx, p->zone_id, id, &parent, name, sizeof name, kind, sizeof kind, path,
	               sizeof path, &sort);
	if (rc == DB_DONE) {
		err_set(e, ERR_NOT_FOUND, NULL, "部门不存在", "no such department");
		goto out_rollback;
	}
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	if (in->parent_id) {
		rc = dept_load(tx, p->zone_id, in->parent_id, &pp, scratch, sizeof scratch, pkind,
		               sizeof pkind, ppath, sizeof ppath, &psort);
		if (rc == DB_DONE) {
			err_set(e, ERR_VALIDATION, "parent_id", "上级部门不存在",
			        "no such parent department");
			goto out_rollback;
		}
		if (rc < 0) {
			err_db(e, rc);
			goto out_rollback;
		}
		if (strncmp(ppath, path, strlen(path)) == 0) {
			err_set(e, ERR_VALIDATION, "parent_id", "不能移到自身或下级部门之下",
			        "a department cannot move under itself");
			goto out_rollback;
		}
	}
	if (sibling_exists(tx, p->zone_id, in->parent_id, in->name, id, e) < 0)
		goto out_rollback;
	struct db_stmt *st = db_prepare(tx, SQL_DEPT_UPDATE);
	if (!st) {
		err_db(e, DB_ERR);
		goto out_rollback;
	}
	db_bind_text(st, 1, in->name);
	db_bind_text(st, 2, in->kind ? in->kind : kind);
	db_bind_int(st, 3, in->sort);
	if (in->parent_id)
		db_bind_int(st, 4, in->parent_id);
	db_bind_int(st, 5, now_unix());
	db_bind_int(st, 6, id);
	if ((rc = db_run(st)) < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	if (in->parent_id != parent) {
		char newpath[300], like[300];
		snprintf(newpath, sizeof newpath, "%s%lld/", ppath, (long long)id);
		snprintf(like, sizeof like, "%s%%", path);
		st = db_prepare(tx, SQL_DEPT_MOVE_SUBTREE);
		if (!st) {
			err_db(e, DB_ERR);
			goto out_rollback;
		}
		db_bind_text(st, 1, newpath);
		db_bind_int(st, 2, (int64_t)strlen(path) + 1);
		db_bind_int(st, 3, p->zone_id);
		db_bind_text(st, 4, like);
		if ((rc = db_run(st)) < 0) {
			err_db(e, rc);
			goto out_rollback;
		}
	}
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "name", name, in->name);
	audit_change_str(&ch, "kind", kind, in->kind ? in->kind : kind);
	audit_change_int(&ch, "parent_id", parent, in->parent_id);
	audit_change_int(&ch, "sort", sort, in->sort);
	rc = audit_write(tx, p, p->zone_id, "update", "dept", id, &ch);
	audit_changes_release(&ch);
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	db_tx_end(pool, tx, 0);
	return -1;
}

int dept_delete(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	char name[256], kind[32], path[256];
	int64_t parent, sort, n;
	rc = dept_load(tx, p->zone_id, id, &parent, name, sizeof name, kind, sizeof kind, path,
	               sizeof path, &sort);
	if (rc == DB_DONE) {
		err_set(e, ERR_NOT_FOUND, NULL, "部门不存在", "no such department");
		goto out_rollback;
	}
	if (rc < 0 || (rc = db_query_int(tx, SQL_DEPT_CHILDREN, &n, 1, id)) < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	if (n) {
		err_set(e, ERR_STATE, NULL, "该部门有下级部门，不能删除",
		        "the department has sub-departments");
		goto out_rollback;
	}
	if ((rc = db_query_int(tx, SQL_DEPT_USERS, &n, 1, id)) < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	if (n) {
		err_set(e, ERR_STATE, NULL, "该部门下有用户，不能删除", "the department has users");
		goto out_rollback;
	}
	struct db_stmt *st = db_prepare(tx, SQL_DEPT_DELETE);
	if (!st || (rc = (db_bind_int(st, 1, id), db_run(st))) < 0) {
		err_db(e, st ? rc : DB_ERR);
		goto out_rollback;
	}
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "name", name, NULL);
	rc = audit_write(tx, p, p->zone_id, "delete", "dept", id, &ch);
	audit_changes_release(&ch);
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	db_tx_end(pool, tx, 0);
	return -1;
}
