/* User account storage (see org.h). Rows are read and bound by the field table (ENTITY_USER);
 * every read applies the caller's zone and data scope (scope_from, scope_get) and every write
 * goes through write_tx, which checks the scope in its transaction before writing. */
#include "org/org.h"
#include "org/region.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "access/password.h"
#include "access/scope.h"
#include "lib/arena.h"
#include "lib/util.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static struct sql_tmpl SQL_USER_INSERT = SQL_TMPL(
    ENTITY_USER, "INSERT INTO app_user (zone_id, password_hash, must_change, status, "
                 "password_changed_at, created_at, updated_at, {insert_cols}) VALUES (?, ?, ?, "
                 "'active', ?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_USER_UPDATE =
    SQL_TMPL(ENTITY_USER, "UPDATE app_user SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_USER_SELECT = SQL_TMPL(ENTITY_USER, "SELECT {select}");
static const char SQL_USER_BY_NAME[] = "SELECT id FROM app_user WHERE username = ?";
static const char SQL_DEPT_IN_ZONE[] = "SELECT COUNT(*) FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_ENT_IN_ZONE[] =
    "SELECT COUNT(*) FROM enterprise WHERE id = ? AND zone_id = ?";
static const char SQL_USER_SET_STATUS[] =
    "UPDATE app_user SET status = ?, failed_count = CASE WHEN ? = 'active' THEN 0 ELSE "
    "failed_count END, locked_until = CASE WHEN ? = 'active' THEN 0 ELSE locked_until END, "
    "updated_at = ? WHERE id = ?";
static const char SQL_USER_SET_PASSWORD[] =
    "UPDATE app_user SET password_hash = ?, must_change = ?, password_changed_at = ?, "
    "updated_at = ? WHERE id = ?";
static const char SQL_USER_SET_REGION[] =
    "UPDATE app_user SET region_code = ?, contact_access = ? WHERE id = ?";
static const char SQL_SESSIONS_END[] = "DELETE FROM session WHERE user_id = ?";
/* a no-op write that takes the zone row's lock: changes to a zone's administrators queue */
static const char SQL_ZONE_LOCK[] = "UPDATE zone SET code = code WHERE id = ?";
static const char SQL_OTHER_ADMINS[] =
    "SELECT COUNT(*) FROM app_user WHERE zone_id = ? AND role = 'admin' AND status = 'active' "
    "AND id <> ?";

int org_platform_admin(const struct principal *p)
{
	return p->role == ROLE_ADMIN && p->scope == SCOPE_ALL;
}

/* Appends FROM the users the caller reads (with `joins`): those of its zone and scope, and for a
 * platform administrator the province and city users too (they are of no zone). */
static void user_from(struct qb *q, const struct principal *p, const char *joins, char *like,
                      size_t nlike)
{
	if (!org_platform_admin(p)) {
		scope_from(q, p, &ENTITY_USER, joins, like, nlike);
		return;
	}
	qb_sql(q, " FROM app_user u");
	if (joins)
		qb_sql(q, joins);
	qb_sql(q, " WHERE (u.zone_id = ? OR (u.zone_id IS NULL AND u.role = 'province'))");
	qb_int(q, p->zone_id);
}

/* Appends FROM the users the caller reads (user_from, with `joins`), then the filters given. */
static void list_where(struct qb *q, const struct principal *p, const struct user_filter *f,
                       const char *joins, char *like, size_t nlike, char *pattern, size_t npattern)
{
	user_from(q, p, joins, like, nlike);
	if (f->kind)
		qb_sql(q, strcmp(f->kind, "region") == 0 ? " AND u.zone_id IS NULL"
		                                         : " AND u.zone_id IS NOT NULL");
	if (f->q && *f->q) {
		snprintf(pattern, npattern, "%%%s%%", f->q);
		qb_sql(q, " AND (u.username LIKE ? OR u.display_name LIKE ?)");
		qb_text(q, pattern);
		qb_text(q, pattern);
	}
	if (f->role) {
		qb_sql(q, " AND u.role = ?");
		qb_text(q, f->role);
	}
	if (f->status) {
		qb_sql(q, " AND u.status = ?");
		qb_text(q, f->status);
	}
	if (f->dept_id) {
		qb_sql(q, " AND u.dept_id = ?");
		qb_int(q, f->dept_id);
	}
}

/* A page of the user list: its two statements (qb_count_page) and the caller's callback. */
struct list_run {
	const struct principal *p;
	const struct user_filter *f;
	user_fn fn;
	void *ctx;
	char like[320], pattern[220];
};

static void list_build(struct qb *q, int pass, void *arg)
{
	struct list_run *l = arg;
	qb_init(q, pass ? sql_of(&SQL_USER_SELECT) : "SELECT COUNT(*)");
	list_where(q, l->p, l->f, pass ? ENTITY_USER.joins : NULL, l->like, sizeof l->like,
	           l->pattern, sizeof l->pattern);
	if (pass) {
		qb_sql(q, " ORDER BY u.id LIMIT ? OFFSET ?");
		qb_int(q, l->f->page_size);
		qb_int(q, (l->f->page - 1) * l->f->page_size);
	}
}

static void list_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct list_run *l = arg;
	struct user u;
	memset(&u, 0, sizeof u);
	entity_read(st, 0, &ENTITY_USER, &u, a);
	l->fn(l->ctx, &u);
}

int user_list(struct db *c, const struct principal *p, const struct user_filter *f, user_fn fn,
              void *ctx, int64_t *total)
{
	struct list_run l = {.p = p, .f = f, .fn = fn, .ctx = ctx};
	return qb_count_page(c, list_build, list_row, &l, total);
}

/* Reads the row of SQL_USER_SELECT into the user ctx (qb_one). */
static void user_row(struct db_stmt *st, struct arena *a, void *ctx)
{
	entity_read(st, 0, &ENTITY_USER, ctx, a);
}

int user_get(struct db *c, const struct principal *p, int64_t id, struct arena *a, struct user *out,
             struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	if (!org_platform_admin(p))
		return scope_get(c, p, &ENTITY_USER, id, a, out, e);
	char like[32];
	struct qb q;
	qb_init(&q, sql_of(&SQL_USER_SELECT));
	user_from(&q, p, ENTITY_USER.joins, like, sizeof like);
	qb_sql(&q, " AND u.id = ?");
	qb_int(&q, id);
	int rc = qb_one(&q, c, user_row, a, out);
	if (rc < 0)
		return err_db(e, rc);
	return rc == DB_ROW ? 0
	                    : err_set(e, ERR_NOT_FOUND, NULL, ENTITY_USER.missing_zh,
	                              ENTITY_USER.missing_en);
}

int user_find(struct db *c, const char *username, int64_t *id)
{
	return db_query_int_text(c, SQL_USER_BY_NAME, username, id);
}

/* 0 when `sql` counts the row `id` in zone `zone_id`; else -1 with e set: ERR_VALIDATION naming
 * `field` (zh, en) when there is none. */
static int in_zone(struct db *tx, const char *sql, int64_t id, int64_t zone_id, const char *field,
                   const char *zh, const char *en, struct yq_err *e)
{
	int64_t n;
	int rc = db_query_int(tx, sql, &n, 2, id, zone_id);
	if (rc < 0)
		return err_db(e, rc);
	return n ? 0 : err_set(e, ERR_VALIDATION, field, zh, en);
}

int org_check_links(struct db *tx, int64_t zone_id, enum role role, int64_t dept_id,
                    int64_t enterprise_id, struct yq_err *e)
{
	if (role == ROLE_NONE)
		return err_set(e, ERR_VALIDATION, "role", "角色无效", "invalid role");
	if ((role == ROLE_STAFF || role == ROLE_DEPT_HEAD) && !dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", "请选择所属部门",
		               "a department is required for this role");
	if (role == ROLE_ENTERPRISE && !enterprise_id)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择所属企业",
		               "an enterprise is required for this role");
	if (role != ROLE_ENTERPRISE && enterprise_id)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "只有企业用户可以关联企业",
		               "only enterprise users belong to an enterprise");
	if (role == ROLE_ENTERPRISE && dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", "企业用户不属于部门",
		               "enterprise users belong to no department");
	if (dept_id && in_zone(tx, SQL_DEPT_IN_ZONE, dept_id, zone_id, "dept_id", "部门不存在",
	                       "no such department", e) < 0)
		return -1;
	return enterprise_id ? in_zone(tx, SQL_ENT_IN_ZONE, enterprise_id, zone_id, "enterprise_id",
	                               "企业不存在", "no such enterprise", e)
	                     : 0;
}

/* The roles whose account belongs to one record of the zone and to no department: a bank user
 * (银企对接) to one bank, a carrier user (工业物流) to one carrier. No other role has one. */
static const struct org_link {
	enum role role;
	const char *field; /* the user's column and JSON key */
	const char *sql;   /* COUNT(*) of the record in the zone: id, zone */
	const char *required_zh, *only_zh, *no_dept_zh, *missing_zh;
	const char *required_en, *only_en, *no_dept_en, *missing_en;
} ORG_LINKS[] = {
    {ROLE_BANK, "bank_id", "SELECT COUNT(*) FROM fin_bank WHERE id = ? AND zone_id = ?",
     "请选择所属银行", "只有银行用户可以关联银行", "银行用户不属于部门", "银行不存在",
     "a bank is required for this role", "only bank users belong to a bank",
     "bank users belong to no department", "no such bank"},
    {ROLE_CARRIER, "carrier_id",
     "SELECT COUNT(*) FROM freight_carrier WHERE id = ? AND zone_id = ?", "请选择所属承运企业",
     "只有承运方用户可以关联承运企业", "承运方用户不属于部门", "承运企业不存在",
     "a carrier is required for this role", "only carrier users belong to a carrier",
     "carrier users belong to no department", "no such carrier"},
};

/* Checks a user's link l to record `id` for a user of `role`: required for l's role, refused for
 * the others, no department beside it, a record of the zone. 0, or -1 with ERR_VALIDATION naming
 * the field (or dept_id); reads in tx. */
static int check_link(struct db *tx, int64_t zone_id, enum role role, int64_t dept_id,
                      const struct org_link *l, int64_t id, struct yq_err *e)
{
	if (role == l->role && !id)
		return err_set(e, ERR_VALIDATION, l->field, l->required_zh, l->required_en);
	if (role != l->role && id)
		return err_set(e, ERR_VALIDATION, l->field, l->only_zh, l->only_en);
	if (role == l->role && dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", l->no_dept_zh, l->no_dept_en);
	return id ? in_zone(tx, l->sql, id, zone_id, l->field, l->missing_zh, l->missing_en, e) : 0;
}

/* check_link for the bank and the carrier of user u. */
static int check_links(struct db *tx, int64_t zone_id, enum role role, const struct user *u,
                       struct yq_err *e)
{
	if (check_link(tx, zone_id, role, u->dept_id, &ORG_LINKS[0], u->bank_id, e) < 0)
		return -1;
	return check_link(tx, zone_id, role, u->dept_id, &ORG_LINKS[1], u->carrier_id, e);
}

/* 1 when users of `role` belong to no department but to a record of ORG_LINKS. */
static int linked_role(enum role role)
{
	for (size_t i = 0; i < sizeof ORG_LINKS / sizeof ORG_LINKS[0]; i++)
		if (ORG_LINKS[i].role == role)
			return 1;
	return 0;
}

/* 1 when `who` may give an account the role `role`: an administrator the roles of a zone
 * (role_may_grant), a platform administrator also the province and city users. */
static int may_grant(const struct principal *who, enum role role)
{
	return role_may_grant(who->role, role) ||
	       (org_platform_admin(who) && role == ROLE_PROVINCE);
}

/* The data scope a user of `role` is given by `who`: `asked` when given, else the role's own.
 * Every zone (all) only for a province user, and for an administrator made by a platform
 * administrator (another platform administrator). SCOPE_NONE when refused. */
static enum data_scope scope_of(enum role role, const char *asked, const struct principal *who)
{
	enum data_scope s = asked && *asked ? scope_from_name(asked) : role_default_scope(role);
	if (s == SCOPE_ALL && role != ROLE_PROVINCE &&
	    !(role == ROLE_ADMIN && org_platform_admin(who)))
		return SCOPE_NONE;
	return s;
}

/* Checks the region of a province or city user: "" (every zone) or a known GB/T 2260 code. */
static int check_region(struct db *tx, const char *region, struct yq_err *e)
{
	if (!*region)
		return 0;
	if (region_check_code(region, 0, "region_code", e) < 0 ||
	    region_check_known(tx, region, "region_code", e) < 0)
		return -1;
	return 0;
}

/* user_add_in inside a write (audit/write_tx.h), in w->zone_id. */
static int do_insert(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct user *u = arg;
	const struct principal *who = w->who;
	struct arena a = ARENA_INIT;
	int rc = -1;
	if (entity_check(&ENTITY_USER, u, &a, e) < 0)
		goto out;
	enum role role = role_from_name(u->role);
	if (!may_grant(who, role)) {
		err_set(e, ERR_FORBIDDEN, "role", "无权授予该角色",
		        "not allowed to grant this role");
		goto out;
	}
	enum data_scope scope = scope_of(role, u->data_scope, who);
	if (scope == SCOPE_NONE) {
		err_set(e, ERR_VALIDATION, "data_scope", "数据权限无效", "invalid data scope");
		goto out;
	}
	/* a province or city user reads the zones of its region; nobody else has one */
	const char *region = u->region_code ? u->region_code : "";
	if (role == ROLE_PROVINCE && check_region(w->tx, region, e) < 0)
		goto out;
	if (role != ROLE_PROVINCE && *region) {
		err_set(e, ERR_VALIDATION, "region_code", "只有省市级用户有所辖行政区划",
		        "only province and city users have a region");
		goto out;
	}
	if (role != ROLE_PROVINCE)
		u->contact_access = 0; /* a zone's users see contact details by their role */
	if (role == ROLE_PROVINCE)
		w->zone_id = 0;
	else if (org_check_links(w->tx, w->zone_id, role, u->dept_id, u->enterprise_id, e) < 0 ||
	         check_links(w->tx, w->zone_id, role, u, e) < 0)
		goto out;
	if (!u->password_hash &&
	    (!u->password || password_check_policy(u->password, u->username, e) < 0)) {
		if (!u->password)
			err_set(e, ERR_VALIDATION, "password", "请输入密码", "password required");
		goto out;
	}
	int64_t existing;
	if ((rc = user_find(w->tx, u->username, &existing)) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	if (existing) {
		rc = err_set(e, ERR_CONFLICT, "username", "用户名已存在", "user name taken");
		goto out;
	}
	char hash[PASSWORD_HASH_LEN];
	if (u->password_hash)
		snprintf(hash, sizeof hash, "%s", u->password_hash);
	else if (password_hash(u->password, hash, 1) < 0) {
		rc = err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
		goto out;
	}
	u->zone_id = w->zone_id;
	if (!u->display_name || !*u->display_name)
		u->display_name = u->username;
	u->role = role_name(role);
	u->data_scope = scope_name(scope);
	int64_t now = now_unix();
	struct db_stmt *st = db_prepare(w->tx, sql_of(&SQL_USER_INSERT));
	if (!st) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	db_bind_args(st, DB_ARGS(DB_O(w->zone_id), DB_T(hash), DB_I(u->must_change ? 1 : 0),
	                         DB_I(now), DB_I(now), DB_I(now)));
	rc = entity_bind(st, 7, &ENTITY_USER, u, 0) < 0 ? DB_ERR : db_step(st);
	u->id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	sodium_memzero(hash, sizeof hash);
	if (rc != DB_ROW) {
		rc = rc == DB_CONSTRAINT
		         ? err_set(e, ERR_CONFLICT, "username", "用户名已存在", "user name taken")
		         : write_fail(w, rc < 0 ? rc : DB_ERR, e);
		goto out;
	}
	write_audit(w, "create", "user", u->id);
	audit_change_entity(&w->changes, &ENTITY_USER, NULL, u);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int user_add_in(struct db *tx, const struct principal *who, int64_t zone_id, struct user *u,
                struct yq_err *e)
{
	return write_in(tx, who, zone_id, do_insert, u, e);
}

int user_create(struct db_pool *pool, const struct principal *p, struct user *u, struct yq_err *e)
{
	return write_tx(pool, p, do_insert, u, e);
}

int user_is_last_admin(struct db *tx, int64_t zone_id, int64_t user_id, int *last)
{
	*last = 0;
	if (!zone_id)
		return DB_OK;
	int rc = db_do(tx, SQL_ZONE_LOCK, DB_I(zone_id));
	int64_t others = 0;
	if (rc == DB_OK)
		rc = db_query_int(tx, SQL_OTHER_ADMINS, &others, 2, zone_id, user_id);
	*last = rc == DB_OK && others == 0;
	return rc;
}

/* Refuses (ERR_STATE, 409) to take the role or the active status from `old` when it is the last
 * active administrator of its zone: nobody could then manage the zone's accounts. */
static int keep_last_admin(struct db *tx, const struct user *old, struct yq_err *e)
{
	if (strcmp(old->role, "admin") != 0 || strcmp(old->status, "active") != 0)
		return 0;
	int last;
	int rc = user_is_last_admin(tx, old->zone_id, old->id, &last);
	if (rc < 0)
		return err_db(e, rc);
	if (last)
		return err_set(e, ERR_STATE, NULL, "不能锁定、停用或降级本园区最后一个管理员",
		               "cannot lock, disable or demote the last active administrator of "
		               "the zone");
	return 0;
}

/* Refuses (ERR_FORBIDDEN) a change to the account of a platform administrator by anyone but a
 * platform administrator: a zone's administrator reads it (it is of the zone) but may not take
 * it over. */
static int keep_platform(const struct principal *p, const struct user *old, struct yq_err *e)
{
	if (strcmp(old->role, "admin") != 0 || strcmp(old->data_scope, "all") != 0 ||
	    org_platform_admin(p))
		return 0;
	return err_set(e, ERR_FORBIDDEN, NULL, "只有平台管理员可以修改平台管理员的账号",
	               "only a platform administrator changes a platform administrator's account");
}

int user_may_manage(struct db *c, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct user old;
	int rc = user_get(c, p, id, &a, &old, e) < 0 || keep_platform(p, &old, e) < 0 ? -1 : 0;
	arena_release(&a);
	return rc;
}

/* A change to user `id`: the members given (present), a status, or a password's hash. */
struct user_change {
	int64_t id;
	const struct user *in;
	uint64_t present;
	const char *status;
	const char *hash;
	int must_change;
};

/* 1 if the change gives the member `key`. */
static int gives(const struct user_change *x, const char *key)
{
	const struct field *f = entity_field(&ENTITY_USER, key);
	return f && (x->present >> (f - ENTITY_USER.fields) & 1);
}

static int do_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct user_change *x = arg;
	const struct principal *p = w->who;
	struct arena a = ARENA_INIT;
	struct user old, u;
	int rc = -1;
	if (user_get(w->tx, p, x->id, &a, &old, e) < 0)
		goto out;
	if (keep_platform(p, &old, e) < 0)
		goto out;
	u = old;
	entity_copy(&ENTITY_USER, &u, x->in, x->present);
	enum role role = role_from_name(u.role);
	enum role old_role = role_from_name(old.role);
	if (role == ROLE_NONE || (gives(x, "role") && role != old_role && !may_grant(p, role))) {
		err_set(e, role == ROLE_NONE ? ERR_VALIDATION : ERR_FORBIDDEN, "role", "角色无效",
		        "invalid role");
		goto out;
	}
	/* a province or city user is of no zone: it stays one, and no zone's user becomes one */
	if ((role == ROLE_PROVINCE) != (old_role == ROLE_PROVINCE)) {
		err_set(e, ERR_VALIDATION, "role", "省市级用户与园区用户不能互相转换",
		        "province and city users and a zone's users do not change into each other");
		goto out;
	}
	/* the region and the view of contact details are a province or city user's */
	if (role != ROLE_PROVINCE) {
		u.region_code = old.region_code;
		u.contact_access = old.contact_access;
	} else if (check_region(w->tx, u.region_code ? u.region_code : "", e) < 0) {
		goto out;
	}
	/* a change of role takes the department or enterprise the old role had along only
	 * where the new role has one */
	if (!gives(x, "dept_id") && role == ROLE_ENTERPRISE)
		u.dept_id = 0;
	if (!gives(x, "enterprise_id") && role != ROLE_ENTERPRISE)
		u.enterprise_id = 0;
	if (!gives(x, "dept_id") && linked_role(role))
		u.dept_id = 0;
	if (!gives(x, "bank_id") && role != ROLE_BANK)
		u.bank_id = 0;
	if (!gives(x, "carrier_id") && role != ROLE_CARRIER)
		u.carrier_id = 0;
	if (org_check_links(w->tx, p->zone_id, role, u.dept_id, u.enterprise_id, e) < 0 ||
	    check_links(w->tx, p->zone_id, role, &u, e) < 0)
		goto out;
	if (role != ROLE_ADMIN && keep_last_admin(w->tx, &old, e) < 0)
		goto out;
	enum data_scope scope = gives(x, "data_scope") ? scope_of(role, u.data_scope, p)
	                        : gives(x, "role") && role != old_role
	                            ? role_default_scope(role)
	                            : scope_from_name(old.data_scope);
	if (scope == SCOPE_NONE ||
	    (scope == SCOPE_ALL && role != ROLE_PROVINCE && role != ROLE_ADMIN)) {
		err_set(e, ERR_VALIDATION, "data_scope", "数据权限无效", "invalid data scope");
		goto out;
	}
	u.role = role_name(role);
	u.data_scope = scope_name(scope);
	if (!u.display_name || !*u.display_name)
		u.display_name = old.display_name;
	rc = write_update(w, &SQL_USER_UPDATE, x->id, &old, &u, e);
	if (rc == 0 && role == ROLE_PROVINCE &&
	    (rc = db_do(w->tx, SQL_USER_SET_REGION, DB_T(u.region_code ? u.region_code : ""),
	                DB_I(u.contact_access ? 1 : 0), DB_I(x->id))) < 0)
		rc = write_fail(w, rc, e);
out:
	arena_release(&a);
	return rc;
}

int user_update(struct db_pool *pool, const struct principal *p, int64_t id, const struct user *in,
                uint64_t present, struct yq_err *e)
{
	struct user_change x = {.id = id, .in = in, .present = present};
	return write_tx(pool, p, do_update, &x, e);
}

static int end_sessions(struct db *tx, int64_t id)
{
	return db_do(tx, SQL_SESSIONS_END, DB_I(id));
}

static int do_status(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct user_change *x = arg;
	struct arena a = ARENA_INIT;
	struct user old;
	int rc = -1;
	if (user_get(w->tx, w->who, x->id, &a, &old, e) < 0 || keep_platform(w->who, &old, e) < 0 ||
	    (strcmp(x->status, "active") != 0 && keep_last_admin(w->tx, &old, e) < 0))
		goto out;
	if ((rc = db_do(w->tx, SQL_USER_SET_STATUS, DB_T(x->status), DB_T(x->status),
	                DB_T(x->status), DB_I(now_unix()), DB_I(x->id))) < 0 ||
	    (strcmp(x->status, "active") && (rc = end_sessions(w->tx, x->id)) < 0)) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	write_audit(w, strcmp(x->status, "active") ? "lock" : "unlock", "user", x->id);
	audit_change_str(&w->changes, "status", old.status, x->status);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static const char SQL_USER_SET_CONTACTS[] =
    "UPDATE app_user SET contact_access = ?, updated_at = ? WHERE id = ?";

/* Grants or revokes a province user's view of contact details (x->must_change: on). */
static int do_contacts(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct user_change *x = arg;
	struct arena a = ARENA_INIT;
	struct user old;
	int rc = user_get(w->tx, w->who, x->id, &a, &old, e);
	if (rc == 0 && role_from_name(old.role) != ROLE_PROVINCE)
		rc = err_set(e, ERR_VALIDATION, "role", "只有省市级用户需要授予查看联系方式",
		             "only province and city users are granted contact details");
	if (rc == 0 && (rc = db_do(w->tx, SQL_USER_SET_CONTACTS, DB_I(x->must_change ? 1 : 0),
	                           DB_I(now_unix()), DB_I(x->id))) < 0)
		rc = write_fail(w, rc, e);
	if (rc == 0) {
		write_audit(w, x->must_change ? "grant_contacts" : "revoke_contacts", "user",
		            x->id);
		audit_change_int(&w->changes, "contact_access", old.contact_access,
		                 x->must_change ? 1 : 0);
	}
	arena_release(&a);
	return rc;
}

int user_set_contacts(struct db_pool *pool, const struct principal *p, int64_t id, int on,
                      struct yq_err *e)
{
	struct user_change x = {.id = id, .must_change = on};
	return write_tx(pool, p, do_contacts, &x, e);
}

int user_set_status(struct db_pool *pool, const struct principal *p, int64_t id, const char *status,
                    struct yq_err *e)
{
	if (strcmp(status, "active") && strcmp(status, "locked") && strcmp(status, "disabled"))
		return err_set(e, ERR_VALIDATION, "status", "状态无效", "invalid status");
	if (id == p->user_id && strcmp(status, "active") != 0)
		return err_set(e, ERR_STATE, NULL, "不能锁定自己的账号",
		               "cannot lock your own account");
	struct user_change x = {.id = id, .status = status};
	return write_tx(pool, p, do_status, &x, e);
}

static int do_password(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct user_change *x = arg;
	struct arena a = ARENA_INIT;
	struct user old;
	int rc = user_get(w->tx, w->who, x->id, &a, &old, e);
	if (rc == 0)
		rc = keep_platform(w->who, &old, e);
	arena_release(&a);
	if (rc < 0)
		return -1;
	int64_t now = now_unix();
	if ((rc = db_do(w->tx, SQL_USER_SET_PASSWORD, DB_T(x->hash), DB_I(x->must_change ? 1 : 0),
	                DB_I(now), DB_I(now), DB_I(x->id))) < 0 ||
	    (rc = end_sessions(w->tx, x->id)) < 0)
		return write_fail(w, rc, e);
	if (!w->zone_id)
		w->zone_id = old.zone_id;
	write_audit(w, "reset_password", "user", x->id);
	return 0;
}

int user_set_password(struct db_pool *pool, const struct principal *p, int64_t id,
                      const char *password, int must_change, struct yq_err *e)
{
	/* the policy needs the user's name, and the hash is made before the transaction (it waits
	 * for a hashing slot): the user is read twice, the second time in the transaction that
	 * writes */
	struct arena a = ARENA_INIT;
	struct user u;
	char hash[PASSWORD_HASH_LEN];
	struct db *c = db_pool_reader(pool);
	int rc = -1;
	if (!c) {
		err_db(e, DB_UNAVAILABLE);
		goto out;
	}
	if (user_get(c, p, id, &a, &u, e) < 0)
		goto out;
	if (!password || password_check_policy(password, u.username, e) < 0) {
		if (!password)
			err_set(e, ERR_VALIDATION, "password", "请输入密码", "password required");
		goto out;
	}
	if (password_hash(password, hash, 1) < 0) {
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
		goto out;
	}
	struct user_change x = {.id = id, .hash = hash, .must_change = must_change};
	rc = write_tx(pool, p, do_password, &x, e);
	sodium_memzero(hash, sizeof hash);
out:
	arena_release(&a);
	return rc;
}

int user_password_upgrade(struct db *tx, int64_t user_id, const char *password,
                          const char *stored_hash)
{
	static const char SQL_REHASH[] =
	    "UPDATE app_user SET password_hash = ? WHERE id = ? AND password_hash = ?";
	if (!password_needs_rehash(stored_hash))
		return DB_OK;
	char hash[PASSWORD_HASH_LEN];
	if (password_hash(password, hash, 1) < 0)
		return DB_ERR;
	int rc = db_do(tx, SQL_REHASH, DB_T(hash), DB_I(user_id), DB_T(stored_hash));
	sodium_memzero(hash, sizeof hash);
	return rc;
}
