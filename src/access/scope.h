/* Data scope (数据权限) in SQL: one fragment, written once, that every store appends to its reads
 * and to the check it makes before a write, so a caller only ever sees, and only ever changes,
 * the rows its scope allows.
 *
 *	"SELECT … FROM app_user u WHERE u.zone_id = ?" SCOPE_SQL("u.dept_id", "u.id",
 *	                                                         "u.enterprise_id")
 *
 * and bind its SCOPE_NPARAMS parameters with scope_bind(st, next_index, principal). The zone
 * condition is the store's own (every query has it); SCOPE_SQL narrows within the zone. A row is
 * in the caller's scope when
 *   zone/all    always;
 *   dept        the row's department is under the caller's department;
 *   self        the caller owns the row;
 *   enterprise  the row belongs to the caller's enterprise;
 * and, for dept and self scopes, when the row's enterprise is one the caller serves: an
 * enterprise whose responsible department is under the caller's department (dept scope), or
 * whose 包保 leader or liaison the caller is (whatever the department). So a 包保 cadre reads his
 * enterprises, their requests and their accounts, and a department reads the requests of the
 * enterprises it is responsible for as well as those routed to it. The department subtree and
 * the served enterprises are uncorrelated subqueries, evaluated once per statement, not a join
 * per row, and only for the scope that needs them. */
#ifndef YQ_ACCESS_SCOPE_H
#define YQ_ACCESS_SCOPE_H
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include <stddef.h>

#define SCOPE_SQL(dept_col, owner_col, enterprise_col)                                             \
	SCOPE_SQL_DEPTS(dept_col " IN", "", owner_col, enterprise_col)
/* The enterprises a dept- or self-scoped caller serves (3 parameters: user id twice, the
 * department pattern): see above. */
#define SCOPE_SERVED_ENTERPRISES                                                                   \
	"(SELECT x.id FROM enterprise x WHERE x.leader_user_id = ? OR x.liaison_user_id = ? OR "   \
	"x.dept_id IN (SELECT id FROM dept WHERE path LIKE ?))"
/* The general form: the department condition is dept_pre "(SELECT id FROM dept WHERE path LIKE
 * ?)" dept_post, for rows that belong to several departments (a request and its co-handlers). */
#define SCOPE_SQL_DEPTS(dept_pre, dept_post, owner_col, enterprise_col)                            \
	" AND (CAST(? AS TEXT) IN ('zone','all') OR (CAST(? AS TEXT) = 'dept' AND " dept_pre       \
	" (SELECT id FROM dept WHERE path LIKE ?)" dept_post                                       \
	") OR (CAST(? AS TEXT) = 'self' AND " owner_col                                            \
	" = ?) OR (CAST(? AS TEXT) = 'enterprise' AND " enterprise_col                             \
	" = ?) OR (CAST(? AS TEXT) IN ('dept','self') AND " enterprise_col                         \
	" IN " SCOPE_SERVED_ENTERPRISES "))"
#define SCOPE_NPARAMS 11
/* The scope of an enterprise row aliased `e`: its responsible department, its liaison cadre
 * ("self"), the enterprise itself (enterprise users), and the cadres who serve it. */
#define SCOPE_ENTERPRISE_SQL SCOPE_SQL("e.dept_id", "e.liaison_user_id", "e.id")

/* Binds the SCOPE_SQL parameters starting at `idx`; returns the next free index. */
int scope_bind(struct db_stmt *st, int idx, const struct principal *p);

struct qb;
/* The same conditions for a statement assembled with qb (db/qb.h): appends only the one the
 * caller's scope needs (nothing for zone and province scope), with its parameters. `like` holds
 * the department pattern and must live until the statement is bound (32+ bytes). */
void scope_qb(struct qb *q, const struct principal *p, const char *dept_pre, const char *dept_post,
              const char *owner_col, const char *enterprise_col, char *like, size_t nlike);

/* ---- scoped reads: no read of an entity can forget its zone or the caller's data scope ----
 * An entity declares (lib/field.h) the joins its select list needs, its zone column and the
 * columns its data scope looks at (department, owner, enterprise); every read of it starts with
 * scope_from, which writes the FROM and the WHERE of the zone and the scope before any filter
 * of the reader's own:
 *
 *	qb_init(&q, "SELECT COUNT(*)");
 *	scope_from(&q, p, &ENTITY_USER, NULL, like, sizeof like);
 *	if (f->role) { qb_sql(&q, " AND u.role = ?"); qb_text(&q, f->role); }
 *
 * and scope_get reads one row by id the same way. */
struct entity;
struct arena;
/* Appends " FROM table alias<joins> WHERE zone_col = ?" (zone_col IS NULL for a principal of no
 * zone: a province user's own account) and, when the entity has scope columns, the caller's
 * data-scope condition on them (as scope_qb), with their parameters. joins: the entity's own
 * (en->joins) for its {select} list, NULL for the table alone (a count, a page of ids), or the
 * reader's. `like` (32+ bytes) must live until q is bound. */
void scope_from(struct qb *q, const struct principal *p, const struct entity *en, const char *joins,
                char *like, size_t nlike);
/* The same, with `lead` written before the entity's table in the FROM: "f CROSS JOIN " for a
 * read driven by another table f (an index read in its own order), joined in the WHERE. */
void scope_from_lead(struct qb *q, const struct principal *p, const struct entity *en,
                     const char *lead, const char *joins, char *like, size_t nlike);
/* The caller's data-scope condition on the entity's rows alone (" AND (…)", nothing for a zone
 * scope), for the rare read that takes rows outside the scope on purpose to tell them apart
 * (an import reports the codes it may not change): qb_sql it inside a CASE, never instead of
 * scope_from. */
void scope_cond(struct qb *q, const struct principal *p, const struct entity *en, char *like,
                size_t nlike);
/* Reads the row `id` within the caller's zone and data scope into obj (its {select} list,
 * entity_read; strings into a). Returns 0; -1 with ERR_NOT_FOUND ("企业不存在": the entity's
 * label) when the caller has no such row, or with the database's error. */
int scope_get(struct db *c, const struct principal *p, const struct entity *en, int64_t id,
              struct arena *a, void *obj, struct yq_err *e);
/* 1 if the row `id` is within the caller's zone and data scope, 0 if not, or a negative enum
 * db_rc. */
int scope_has(struct db *c, const struct principal *p, const struct entity *en, int64_t id);
/* 0 if the row `id` is within the caller's zone and data scope (scope_has); else -1 with e set:
 * the entity's "not found", or the database's error. */
int scope_check(struct db *c, const struct principal *p, const struct entity *en, int64_t id,
                struct yq_err *e);
/* 1 if the caller's scope is its whole zone (zone, all): scope_from adds no condition but the
 * zone's. */
int scope_whole_zone(const struct principal *p);
/* 1 if the caller reads as an enterprise (an enterprise user, or a data scope of one
 * enterprise): the modules' disclosure rules for enterprises apply. */
int scope_as_enterprise(const struct principal *p);

#endif
