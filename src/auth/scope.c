/* Binding of the data-scope SQL fragment (see scope.h). */
#include "auth/scope.h"
#include "db/qb.h"
#include <stdio.h>

int scope_bind(struct db_stmt *st, int idx, const struct principal *p)
{
	const char *s = scope_name(p->scope);
	char like[300];
	/* a dept-scoped user without a department sees nothing: the pattern matches no path */
	snprintf(like, sizeof like, "%s%%", p->dept_path ? p->dept_path : "-none-");
	db_bind_text(st, idx, s);
	db_bind_text(st, idx + 1, s);
	db_bind_text(st, idx + 2, like);
	db_bind_text(st, idx + 3, s);
	db_bind_int(st, idx + 4, p->user_id);
	db_bind_text(st, idx + 5, s);
	db_bind_int(st, idx + 6, p->enterprise_id ? p->enterprise_id : -1);
	return idx + SCOPE_NPARAMS;
}

void scope_qb(struct qb *q, const struct principal *p, const char *dept_pre, const char *dept_post,
              const char *owner_col, const char *enterprise_col, char *like, size_t nlike)
{
	switch (p->scope) {
	case SCOPE_ZONE:
	case SCOPE_ALL:
		return;
	case SCOPE_DEPT:
		snprintf(like, nlike, "%s%%", p->dept_path ? p->dept_path : "-none-");
		qb_sql(q, " AND ");
		qb_sql(q, dept_pre);
		qb_sql(q, " (SELECT id FROM dept WHERE path LIKE ?)");
		qb_sql(q, dept_post);
		qb_text(q, like);
		return;
	case SCOPE_SELF:
		qb_sql(q, " AND ");
		qb_sql(q, owner_col);
		qb_sql(q, " = ?");
		qb_int(q, p->user_id);
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
