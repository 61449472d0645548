/* Binding of the data-scope SQL fragment (see scope.h). */
#include "auth/scope.h"
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
