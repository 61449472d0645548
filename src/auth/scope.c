/* Binding of the data-scope SQL fragment (see scope.h). */
#include "auth/scope.h"
#include "db/qb.h"
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
		dept_like(p, like, nlike);
		qb_sql(q, " AND (");
		qb_sql(q, dept_pre);
		qb_sql(q, " (SELECT id FROM dept WHERE path LIKE ?)");
		qb_sql(q, dept_post);
		qb_text(q, like);
		served(q, p, enterprise_col, like);
		qb_sql(q, ")");
		return;
	case SCOPE_SELF:
		dept_like(p, like, nlike);
		qb_sql(q, " AND (");
		qb_sql(q, owner_col);
		qb_sql(q, " = ?");
		qb_int(q, owner_id(p));
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
