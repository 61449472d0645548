/* Data scope (数据权限) in SQL: one fragment, written once, that every store appends to its reads
 * so a caller only ever sees the rows its scope allows.
 *
 *	"SELECT … FROM app_user u WHERE u.zone_id = ?" SCOPE_SQL("u.dept_id", "u.id",
 *"u.enterprise_id")
 *
 * and bind its 7 parameters with scope_bind(st, next_index, principal). The zone condition is
 * the store's own (every query has it); SCOPE_SQL narrows within the zone:
 * zone/all → everything; dept → rows whose department path is under the caller's department;
 * self → rows owned by the caller; enterprise → rows of the caller's enterprise. The department
 * subtree is an uncorrelated subquery, evaluated once per statement, not a join per row. */
#ifndef YQ_AUTH_SCOPE_H
#define YQ_AUTH_SCOPE_H
#include "auth/auth.h"

#define SCOPE_SQL(dept_col, owner_col, enterprise_col)                                             \
	SCOPE_SQL_DEPTS(dept_col " IN", "", owner_col, enterprise_col)
/* The general form: the department condition is dept_pre "(SELECT id FROM dept WHERE path LIKE
 * ?)" dept_post, for rows that belong to several departments (a request and its co-handlers). */
#define SCOPE_SQL_DEPTS(dept_pre, dept_post, owner_col, enterprise_col)                            \
	" AND (CAST(? AS TEXT) IN ('zone','all') OR (CAST(? AS TEXT) = 'dept' AND " dept_pre       \
	" (SELECT id FROM dept WHERE path LIKE ?)" dept_post                                       \
	") OR (CAST(? AS TEXT) = 'self' AND " owner_col                                            \
	" = ?) OR (CAST(? AS TEXT) = 'enterprise' AND " enterprise_col " = ?))"
#define SCOPE_NPARAMS 7

/* Binds the SCOPE_SQL parameters starting at `idx`; returns the next free index. */
int scope_bind(struct db_stmt *st, int idx, const struct principal *p);

struct qb;
/* The same conditions for a statement assembled with qb (db/qb.h): appends only the one the
 * caller's scope needs (nothing for zone and province scope), with its parameter. `like` holds
 * the department pattern and must live until the statement is bound (32+ bytes). */
void scope_qb(struct qb *q, const struct principal *p, const char *dept_pre, const char *dept_post,
              const char *owner_col, const char *enterprise_col, char *like, size_t nlike);

#endif
