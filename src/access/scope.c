/* Binding of the data-scope SQL fragment (see scope.h). */
#include "access/scope.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include <stdio.h>

/* The caller as the owner of rows: its user id, or -1 (an API token is no user, and owns and
 * serves nothing). */
static int64_t owner_id(const struct principal *p)
{
	return p->user_id > 0 ? p->user_id : -1;
}

/* "/1/4/%": the caller's department subtree as a LIKE pattern; a pattern matching no path when
 * the caller has no department or another scope (its department then widens nothing). */
static void dept_like(const struct principal *p, char *like, size_t n)
{
	const char *path = p->scope == SCOPE_DEPT && p->dept_path ? p->dept_path : "-none-";
	snprintf(like, n, "%s%%", path);
}

int scope_bind(struct db_stmt *st, int idx, const struct principal *p)
{
	const char *s = scope_name(p->scope);
	char like[300];
	dept_like(p, like, sizeof like);
	db_bind_text(st, idx, s);
	db_bind_text(st, idx + 1, s);
	db_bind_text(st, idx + 2, like);
	db_bind_text(st, idx + 3, s);
	db_bind_int(st, idx + 4, owner_id(p));
	db_bind_text(st, idx + 5, s);
	db_bind_int(st, idx + 6, p->enterprise_id ? p->enterprise_id : -1);
	db_bind_text(st, idx + 7, s);
	db_bind_int(st, idx + 8, owner_id(p));
	db_bind_int(st, idx + 9, owner_id(p));
	db_bind_text(st, idx + 10, like);
	return idx + SCOPE_NPARAMS;
}

/* " OR enterprise_col IN (served enterprises)" with its three parameters. */
static void served(struct qb *q, const struct principal *p, const char *enterprise_col,
                   const char *like)
{
	qb_sql(q, " OR ");
	qb_sql(q, enterprise_col);
	qb_sql(q, " IN " SCOPE_SERVED_ENTERPRISES);
	qb_int(q, owner_id(p));
	qb_int(q, owner_id(p));
	qb_text(q, like);
}

void scope_qb(struct qb *q, const struct principal *p, const char *dept_pre, const char *dept_post,
              const char *owner_col, const char *enterprise_col, char *like, size_t nlike)
{
	switch (p->scope) {
	case SCOPE_ZONE:
	case SCOPE_ALL:
		return;
	case SCOPE_DEPT:
	case SCOPE_SELF:
		/* the rows of its department's subtree (dept) or its own (self), or of the
		 * enterprises it serves */
		dept_like(p, like, nlike);
		qb_sql(q, " AND (");
		if (p->scope == SCOPE_DEPT) {
			qb_sql(q, dept_pre);
			qb_sql(q, " (SELECT id FROM dept WHERE path LIKE ?)");
			qb_sql(q, dept_post);
			qb_text(q, like);
		} else {
			qb_sql(q, owner_col);
			qb_sql(q, " = ?");
			qb_int(q, owner_id(p));
		}
		served(q, p, enterprise_col, like);
		qb_sql(q, ")");
		return;
	case SCOPE_ENTERPRISE:
		qb_sql(q, " AND ");
		qb_sql(q, enterprise_col);
		qb_sql(q, " = ?");
		qb_int(q, p->enterprise_id ? p->enterprise_id : -1);
		return;
	default:
		qb_sql(q, " AND 1 = 0"); /* an unknown scope sees nothing */
		return;
	}
}

void scope_from(struct qb *q, const struct principal *p, const struct entity *en, const char *joins,
                char *like, size_t nlike)
{
	scope_from_lead(q, p, en, NULL, joins, like, nlike);
}

void scope_from_lead(struct qb *q, const struct principal *p, const struct entity *en,
                     const char *lead, const char *joins, char *like, size_t nlike)
{
	qb_sql(q, " FROM ");
	if (lead)
		qb_sql(q, lead);
	qb_sql(q, en->table);
	qb_sql(q, " ");
	qb_sql(q, en->alias);
	if (joins)
		qb_sql(q, joins);
	qb_sql(q, " WHERE ");
	qb_sql(q, en->zone_col);
	if (p->zone_id) {
		qb_sql(q, " = ?");
		qb_int(q, p->zone_id);
	} else {
		qb_sql(q, " IS NULL");
	}
	scope_cond(q, p, en, like, nlike);
}

void scope_cond(struct qb *q, const struct principal *p, const struct entity *en, char *like,
                size_t nlike)
{
	if (!en->scope_dept && !en->scope_owner && !en->scope_enterprise)
		return;
	char dept_pre[128];
	snprintf(dept_pre, sizeof dept_pre, "%s IN", en->scope_dept ? en->scope_dept : "-1");
	scope_qb(q, p, dept_pre, en->scope_dept_post ? en->scope_dept_post : "",
	         en->scope_owner ? en->scope_owner : "-1",
	         en->scope_enterprise ? en->scope_enterprise : "-1", like, nlike);
}

/* The statement of a read of one row, bound: "SELECT <cols> FROM … WHERE zone, scope AND
 * alias.id = ?"; NULL when it cannot be prepared. */
static struct db_stmt *prepare_one(struct db *c, const struct principal *p, const struct entity *en,
                                   const char *cols, const char *joins, int64_t id)
{
	struct qb q;
	char like[320], id_col[64];
	qb_init(&q, "SELECT ");
	qb_sql(&q, cols);
	scope_from(&q, p, en, joins, like, sizeof like);
	snprintf(id_col, sizeof id_col, " AND %s.id = ?", en->alias);
	qb_sql(&q, id_col);
	qb_int(&q, id);
	const char *sql = qb_text_of(&q);
	struct db_stmt *st = sql ? db_prepare(c, sql) : NULL;
	if (st)
		qb_bind(&q, st, 1);
	qb_release(&q);
	return st;
}

/* The entity's "not found" in e; -1. The messages are static: the caller may release the arena
 * of a read before the error is answered. */
static int not_found(const struct entity *en, struct yq_err *e)
{
	return err_set(e, ERR_NOT_FOUND, NULL, en->missing_zh ? en->missing_zh : "对象不存在",
	               en->missing_en ? en->missing_en : "no such object");
}

int scope_get(struct db *c, const struct principal *p, const struct entity *en, int64_t id,
              struct arena *a, void *obj, struct yq_err *e)
{
	const char *sel = entity_select(en);
	struct db_stmt *st = sel ? prepare_one(c, p, en, sel, en->joins, id) : NULL;
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW)
		entity_read(st, 0, en, obj, a);
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	return rc == DB_ROW ? 0 : not_found(en, e);
}

int scope_has(struct db *c, const struct principal *p, const struct entity *en, int64_t id)
{
	struct db_stmt *st = prepare_one(c, p, en, "COUNT(*)", NULL, id);
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	int64_t n = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? n > 0 : (rc < 0 ? rc : DB_ERR);
}

int scope_check(struct db *c, const struct principal *p, const struct entity *en, int64_t id,
                struct yq_err *e)
{
	int rc = scope_has(c, p, en, id);
	if (rc < 0)
		return err_db(e, rc);
	return rc ? 0 : not_found(en, e);
}

int scope_whole_zone(const struct principal *p)
{
	return p->scope == SCOPE_ZONE || p->scope == SCOPE_ALL;
}

int scope_as_enterprise(const struct principal *p)
{
	return p->role == ROLE_ENTERPRISE || p->scope == SCOPE_ENTERPRISE;
}
